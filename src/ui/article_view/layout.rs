//! Laying out the visible blocks: header, height index, anchor block, the blocks around it,
//! and the scroll correction that keeps the reader's place.

#[allow(clippy::wildcard_imports)]
use super::*;

#[allow(clippy::too_many_lines)] // one pass: header, anchor, lay out, place, paint
pub(super) fn lay_out(
    ui: &mut egui::Ui,
    scroll_offset: f32,
    session: &Session,
    state: &mut ViewState,
    palette: &Palette,
    zoom: f32,
) -> Vec<Placed> {
    let article = session.article();
    let body = BODY_SIZE * zoom;
    let column = (ui.available_width() - 48.0).clamp(120.0, MAX_COLUMN * zoom);
    let left = ui.max_rect().left() + ((ui.available_width() - column) / 2.0).max(0.0);
    let config = Config {
        body,
        column,
        spacing: ui.spacing().item_spacing.y,
        pixels_per_point: ui.ctx().pixels_per_point(),
        palette: *palette,
    };
    let origin = ui.max_rect().top();
    let clip = ui.clip_rect();

    // The title block, laid out every frame (two short galleys, cached by epaint).
    let mut y = (28.0 * zoom).round_ui();
    let title = ui.painter().layout(
        article.title().to_owned(),
        FontId::proportional(body * 1.6),
        palette.text,
        column,
    );
    paint_galley(ui, Pos2::new(left, origin + y), &title);
    y += title.size().y + config.spacing;
    if let Some(source) = article.source() {
        y += 4.0;
        let source = ui.painter().layout(
            source.to_owned(),
            FontId::proportional(body * 0.75),
            palette.weak_text,
            column,
        );
        paint_galley(ui, Pos2::new(left, origin + y), &source);
        y += source.size().y + config.spacing;
    }
    y += body.round_ui();
    let header = y;

    ui.set_min_width(ui.available_width());
    if article.paragraphs().is_empty() {
        ui.add_space(header);
        ui.label("This article has no text.");
        ui.add_space(FOOTER);
        state.layout.last = None;
        return Vec::new();
    }

    let layout = &mut state.layout;
    if layout
        .metrics
        .as_ref()
        .is_none_or(|m| !Arc::ptr_eq(&m.article, article))
    {
        layout.metrics = Some(Metrics::new(article));
        layout.index_key = None;
        layout.last = None;
    }
    let Some(metrics) = layout.metrics.as_ref() else {
        return Vec::new();
    };
    let blocks = &metrics.blocks;
    // Visible range relative to the first block's top, in this frame's coordinates.
    let visible = (
        f64::from(clip.top() - origin - header),
        f64::from(clip.bottom() - origin - header),
    );

    // Where to put the anchor block: the one whose position the reader must not see move.
    let mut keep_place = None;
    if layout.index_key != Some(config.index_key()) {
        // New width or zoom: re-estimate everything (from character counts, laying out
        // nothing), and keep the block that was at the top of the view there.
        let char_width = average_char_width(ui, article, body);
        let heights = blocks
            .iter()
            .map(|block| estimate(&config, block, char_width))
            .collect();
        layout.index = HeightIndex::new(heights);
        layout.index_key = Some(config.index_key());
        keep_place = layout
            .last
            .as_ref()
            .and_then(|last| last.first_visible)
            .filter(|&(p, _)| p < blocks.len());
    }
    layout.cache.begin_frame(config.style_key());
    let index = &mut layout.index;
    let first = index.find(visible.0);
    let anchor = keep_place.map_or_else(
        || {
            // The first block in view measured before this frame: it was on screen, so
            // it stays put while unmeasured neighbours above it are corrected.
            (first..blocks.len())
                .take_while(|&i| index.top(i) < visible.1)
                .find(|&i| index.is_measured(i))
                .unwrap_or(first)
        },
        |(p, _)| p,
    );

    let mut lay = |i: usize| {
        let block = &blocks[i];
        let paragraph = layout.cache.get(
            ui.painter(),
            session,
            i,
            block.range.clone(),
            &config.style(block.heading),
            state.selection,
            palette,
        );
        Laid {
            index: i,
            range: block.range.clone(),
            top: 0.0,
            height: config.slot(paragraph.galley.size().y, block),
            gap_above: config.gap_above(block),
            galley: Arc::clone(&paragraph.galley),
        }
    };
    let mut laid = vec![lay(anchor)];
    let anchor_top = match keep_place {
        Some((_, fraction)) => visible.0 - f64::from(fraction * laid[0].height),
        None => index.top(anchor),
    };
    laid[0].top = anchor_top;
    let mut below = anchor_top + f64::from(laid[0].height);
    let mut next = anchor + 1;
    while next < blocks.len() && below < visible.1 {
        let mut paragraph = lay(next);
        paragraph.top = below;
        below += f64::from(paragraph.height);
        laid.push(paragraph);
        next += 1;
    }
    let mut above = anchor_top;
    let mut prev = anchor;
    let mut before = Vec::new();
    while prev > 0 && above > visible.0 {
        prev -= 1;
        let mut paragraph = lay(prev);
        above -= f64::from(paragraph.height);
        paragraph.top = above;
        before.push(paragraph);
    }
    before.reverse();
    before.append(&mut laid);
    let laid = before;

    // Record the measured heights; whatever that moved the anchor by in the index is
    // added to the scroll offset, so next frame's index positions match what is drawn now.
    for paragraph in &laid {
        index.set_measured(paragraph.index, paragraph.height);
    }
    let shift = index.top(anchor) - anchor_top;
    if shift.abs() > 0.01 {
        #[allow(clippy::cast_possible_truncation)] // points fit an f32, as egui's offsets do
        let shift = shift as f32;
        ui.scroll_with_delta_animation(
            Vec2::new(0.0, -shift),
            egui::style::ScrollAnimation::none(),
        );
    }
    #[allow(clippy::cast_possible_truncation)]
    let content_height = header + index.total() as f32 + FOOTER;
    ui.set_min_height(content_height);

    let first_visible = laid
        .iter()
        .find(|p| p.top + f64::from(p.height) > visible.0)
        .map(|p| {
            #[allow(clippy::cast_possible_truncation)]
            let fraction = ((visible.0 - p.top) / f64::from(p.height)).clamp(0.0, 1.0) as f32;
            (p.index, fraction)
        });
    layout.last = Some(LastFrame {
        config,
        margin: scroll_offset - (clip.top() - origin),
        visible_height: clip.height(),
        header,
        visible,
        first_visible,
        // The scroll area's inner margin is the same above and below the content.
        max_offset: content_height + 2.0 * (scroll_offset - (clip.top() - origin)) - clip.height(),
    });

    let mut placed = Vec::with_capacity(laid.len());
    for paragraph in laid {
        #[allow(clippy::cast_possible_truncation)]
        let y = origin + header + paragraph.top as f32 + paragraph.gap_above;
        let origin = Pos2::new(left, y.round_ui());
        let range = paragraph.range;
        paint_block(
            ui,
            session,
            state,
            &config,
            paragraph.index,
            range.clone(),
            origin,
        );
        placed.push(Placed {
            range,
            origin,
            galley: paragraph.galley,
        });
    }
    placed
}

/// A block laid out this frame, before it is placed on screen.
pub(super) struct Laid {
    pub(super) index: usize,
    /// Its text (bytes of the article).
    pub(super) range: Range<usize>,
    /// Top of its slot, relative to the first block's top.
    pub(super) top: f64,
    /// Slot height (gaps included).
    pub(super) height: f32,
    pub(super) gap_above: f32,
    pub(super) galley: Arc<Galley>,
}

/// Average advance of the article's characters at `size`, measured once per width or zoom
/// on a sample of the text.
pub(super) fn average_char_width(ui: &egui::Ui, article: &Article, size: f32) -> f32 {
    let sample: String = article
        .text()
        .chars()
        .take(2_000)
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    let count = sample.chars().count().max(1);
    let galley =
        ui.painter()
            .layout_no_wrap(sample, FontId::proportional(size), Color32::PLACEHOLDER);
    #[allow(clippy::cast_precision_loss)] // a sample of at most 2,000 characters
    let width = galley.size().x / count as f32;
    if width > 0.0 { width } else { size * 0.5 }
}

/// Estimated slot height of a block never laid out at this width: its characters over
/// the characters that fit a row (less a little for words that do not fit a row's end).
pub(super) fn estimate(config: &Config, block: &Block, char_width: f32) -> f32 {
    let size = config.size(block.heading);
    let per_row = (config.column / (char_width * size / config.body) * 0.95).max(1.0);
    #[allow(clippy::cast_precision_loss)] // blocks are a few thousand characters at most
    let rows = (block.chars as f32 / per_row).ceil().max(1.0);
    config.slot(rows * size * 1.6, block)
}
