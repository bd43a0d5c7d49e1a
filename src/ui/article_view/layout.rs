//! Laying out the visible blocks, in named steps: the header (title and source), the height
//! index (re-estimated when the width or zoom changes), the anchor block (the end's last block
//! when the view is at the end), the blocks around it, the scroll correction that keeps the
//! reader's place, then placing and painting.

use std::ops::Range;
use std::sync::Arc;

use egui::emath::GuiRounding as _;
use egui::{Color32, FontId, Galley, Pos2, Vec2};

use super::blocks::Block;
use super::config::{Config, LastFrame, Layout, Metrics};
use super::heights::HeightIndex;
use super::paint::{paint_block, paint_galley};
use super::paragraphs::ParagraphCache;
use super::{BODY_SIZE, FOOTER, MAX_COLUMN, Placed, ViewState};
use crate::model::{Article, Session, Span};
use crate::ui::theme::Palette;

/// Lays out and paints the blocks in view; returns where each was placed.
pub(super) fn lay_out(
    ui: &mut egui::Ui,
    scroll_offset: f32,
    session: &Session,
    state: &mut ViewState,
    palette: &Palette,
    zoom: f32,
) -> Vec<Placed> {
    let article = session.article();
    let (config, left) = frame_config(ui, palette, zoom);
    let origin = ui.max_rect().top();
    let clip = ui.clip_rect();
    let header = paint_header(
        ui,
        article,
        session.details(),
        &config,
        zoom,
        Pos2::new(left, origin),
    );

    ui.set_min_width(ui.available_width());
    if article.paragraphs().is_empty() {
        ui.add_space(header);
        ui.label("This article has no text.");
        ui.add_space(FOOTER);
        state.layout.last = None;
        return Vec::new();
    }
    // Visible range relative to the first block's top, in this frame's coordinates.
    let visible = (
        f64::from(clip.top() - origin - header),
        f64::from(clip.bottom() - origin - header),
    );
    // The scroll area's inner margin (the same above and below the content).
    let margin = scroll_offset - (clip.top() - origin);
    let selection = state.selection;
    let layout = &mut state.layout;
    layout.follow_article(article);
    let keep_place = layout.reestimate_if_resized(ui, article, &config);
    let at_end = keep_place.is_none() && pinned_to_end(layout.last.as_ref(), scroll_offset);
    let Some(metrics) = layout.metrics.as_ref() else {
        return Vec::new();
    };
    let blocks = &metrics.blocks;
    layout.cache.begin_frame(config.style_key());
    let index = &mut layout.index;
    let anchor = match keep_place {
        Some((p, _)) => p,
        None if at_end => blocks.len() - 1,
        None => measured_anchor(index, visible),
    };

    let cache = &mut layout.cache;
    let mut lay = |i: usize| lay_block(ui, cache, session, &blocks[i], i, &config, selection);
    let anchor_block = lay(anchor);
    let anchor_top = match keep_place {
        // The same fraction of it scrolled past as before the resize.
        Some((_, fraction)) => visible.0 - f64::from(fraction * anchor_block.height),
        // Its bottom where the end of the content is shown: at the view's bottom, above the
        // footer and the margin.
        None if at_end => visible.1 - f64::from(FOOTER + margin + anchor_block.height),
        None => index.top(anchor),
    };
    let laid = lay_around(anchor_block, anchor_top, visible, blocks.len(), lay);
    keep_anchor_still(ui, index, anchor, anchor_top, &laid);

    #[allow(clippy::cast_possible_truncation)]
    let content_height = header + index.total() as f32 + FOOTER;
    ui.set_min_height(content_height);
    layout.last = Some(LastFrame {
        config,
        margin,
        visible_height: clip.height(),
        header,
        visible,
        first_visible: first_visible(&laid, visible),
        max_offset: content_height + 2.0 * margin - clip.height(),
    });
    place_and_paint(
        ui,
        session,
        state,
        &config,
        laid,
        Pos2::new(left, origin + header),
    )
}

/// This frame's drawing configuration, and the left edge of the centred text column.
fn frame_config(ui: &egui::Ui, palette: &Palette, zoom: f32) -> (Config, f32) {
    let column = (ui.available_width() - 48.0).clamp(120.0, MAX_COLUMN * zoom);
    let left = ui.max_rect().left() + ((ui.available_width() - column) / 2.0).max(0.0);
    let config = Config {
        body: BODY_SIZE * zoom,
        column,
        spacing: ui.spacing().item_spacing.y,
        pixels_per_point: ui.ctx().pixels_per_point(),
        palette: *palette,
    };
    (config, left)
}

/// Paints the title and source at `top_left`, laid out every frame (two short galleys,
/// cached by epaint). Returns the header's height: where the first block starts.
fn paint_header(
    ui: &egui::Ui,
    article: &Article,
    details: &crate::model::ArticleDetails,
    config: &Config,
    zoom: f32,
    top_left: Pos2,
) -> f32 {
    let body = config.body;
    let mut y = (28.0 * zoom).round_ui();
    let title = ui.painter().layout(
        article.title().to_owned(),
        FontId::proportional(body * 1.6),
        config.palette.text,
        config.column,
    );
    paint_galley(ui, top_left + Vec2::new(0.0, y), &title);
    y += title.size().y + config.spacing;
    // The article's details (File › Article details…): publisher · author · date, then URL.
    let byline = details.byline();
    if !byline.is_empty() {
        let line = ui.painter().layout(
            byline,
            FontId::proportional(body * 0.9),
            config.palette.text,
            config.column,
        );
        paint_galley(ui, top_left + Vec2::new(0.0, y), &line);
        y += line.size().y + 2.0;
    }
    let url = (!details.url.is_empty()).then_some(details.url.as_str());
    if let Some(source) = url.or(article.source()) {
        y += 4.0;
        let source = ui.painter().layout(
            source.to_owned(),
            FontId::proportional(body * 0.75),
            config.palette.weak_text,
            config.column,
        );
        paint_galley(ui, top_left + Vec2::new(0.0, y), &source);
        y += source.size().y + config.spacing;
    }
    y + body.round_ui()
}

impl Layout {
    /// A new article gets its blocks computed once, and a fresh height index.
    fn follow_article(&mut self, article: &Arc<Article>) {
        if self
            .metrics
            .as_ref()
            .is_none_or(|m| !Arc::ptr_eq(&m.article, article))
        {
            self.metrics = Some(Metrics::new(article));
            self.index_key = None;
            self.last = None;
        }
    }

    /// On a new width or zoom, re-estimates every block's height (from character counts,
    /// laying out nothing). Returns the block that was at the top of the view, and how much
    /// of it was scrolled past, so it stays there.
    fn reestimate_if_resized(
        &mut self,
        ui: &egui::Ui,
        article: &Article,
        config: &Config,
    ) -> Option<(usize, f32)> {
        if self.index_key == Some(config.index_key()) {
            return None;
        }
        let blocks = &self.metrics.as_ref()?.blocks;
        let char_width = average_char_width(ui, article, config.body);
        let heights = blocks
            .iter()
            .map(|block| estimate(config, block, char_width))
            .collect();
        self.index = HeightIndex::new(heights);
        self.index_key = Some(config.index_key());
        self.last
            .as_ref()
            .and_then(|last| last.first_visible)
            .or(self.resume.take())
            .filter(|&(p, _)| p < blocks.len())
    }
}

/// True when the view sits at the end of content taller than the view (last frame's largest
/// offset: the scroll bar's handle dragged or clicked to the bottom, End). Then the last
/// block anchors the layout with its bottom at the view's end, so the heights measured now
/// (estimates are often off by a paragraph or two) move the offset, not the end: the view
/// stays pinned to the last line instead of stopping short of it.
fn pinned_to_end(last: Option<&LastFrame>, scroll_offset: f32) -> bool {
    last.is_some_and(|last| last.max_offset > 0.0 && scroll_offset >= last.max_offset - 1.0)
}

/// The block whose position the reader must not see move: the first block in view that was
/// measured before this frame (it was on screen, so it stays put while unmeasured neighbours
/// above it are corrected), else the first in view.
fn measured_anchor(index: &HeightIndex, visible: (f64, f64)) -> usize {
    let first = index.find(visible.0);
    (first..index.len())
        .take_while(|&i| index.top(i) < visible.1)
        .find(|&i| index.is_measured(i))
        .unwrap_or(first)
}

/// Lays out block `i` (through the paragraph cache) and measures its slot.
pub(super) fn lay_block(
    ui: &egui::Ui,
    cache: &mut ParagraphCache,
    session: &Session,
    block: &Block,
    i: usize,
    config: &Config,
    selection: Option<Span>,
) -> Laid {
    let paragraph = cache.get(
        ui.painter(),
        session,
        i,
        block.range.clone(),
        &config.style(block.heading),
        selection,
        &config.palette,
    );
    Laid {
        index: i,
        range: block.range.clone(),
        top: 0.0,
        height: config.slot(paragraph.galley.size().y, block),
        gap_above: config.gap_above(block),
        galley: Arc::clone(&paragraph.galley),
    }
}

/// Lays out blocks below the anchor, then above it, until the view is covered; returns them
/// in document order with their tops set.
fn lay_around(
    anchor: Laid,
    anchor_top: f64,
    visible: (f64, f64),
    count: usize,
    mut lay: impl FnMut(usize) -> Laid,
) -> Vec<Laid> {
    let anchor_index = anchor.index;
    let mut below_anchor = vec![Laid {
        top: anchor_top,
        ..anchor
    }];
    let mut bottom = anchor_top + f64::from(below_anchor[0].height);
    let mut next = anchor_index + 1;
    while next < count && bottom < visible.1 {
        let mut block = lay(next);
        block.top = bottom;
        bottom += f64::from(block.height);
        below_anchor.push(block);
        next += 1;
    }
    let mut laid = Vec::new();
    let mut top = anchor_top;
    let mut prev = anchor_index;
    while prev > 0 && top > visible.0 {
        prev -= 1;
        let mut block = lay(prev);
        top -= f64::from(block.height);
        block.top = top;
        laid.push(block);
    }
    laid.reverse();
    laid.append(&mut below_anchor);
    laid
}

/// Records the measured heights; whatever that moved the anchor by in the index is added to
/// the scroll offset, so next frame's index positions match what is drawn now.
fn keep_anchor_still(
    ui: &egui::Ui,
    index: &mut HeightIndex,
    anchor: usize,
    anchor_top: f64,
    laid: &[Laid],
) {
    for block in laid {
        index.set_measured(block.index, block.height);
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
}

/// The first block at least partly in view, and the fraction of it scrolled past. None while
/// the title is in view: then the offset alone keeps the place (the title's height does not
/// depend on estimates), and putting the first block at the view's top would hide the title.
fn first_visible(laid: &[Laid], visible: (f64, f64)) -> Option<(usize, f32)> {
    if visible.0 < 0.0 {
        return None;
    }
    laid.iter()
        .find(|p| p.top + f64::from(p.height) > visible.0)
        .map(|p| {
            #[allow(clippy::cast_possible_truncation)]
            let fraction = ((visible.0 - p.top) / f64::from(p.height)).clamp(0.0, 1.0) as f32;
            (p.index, fraction)
        })
}

/// Puts each laid-out block on screen below `first_top` (the first block's top edge) and
/// paints it.
fn place_and_paint(
    ui: &egui::Ui,
    session: &Session,
    state: &mut ViewState,
    config: &Config,
    laid: Vec<Laid>,
    first_top: Pos2,
) -> Vec<Placed> {
    let mut placed = Vec::with_capacity(laid.len());
    for block in laid {
        #[allow(clippy::cast_possible_truncation)]
        let y = first_top.y + block.top as f32 + block.gap_above;
        let origin = Pos2::new(first_top.x, y.round_ui());
        paint_block(
            ui,
            session,
            state,
            config,
            block.index,
            block.range.clone(),
            origin,
        );
        placed.push(Placed {
            range: block.range,
            origin,
            galley: block.galley,
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
