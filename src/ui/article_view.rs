//! The article view: title and paragraphs with highlights, and the mouse gestures that make a
//! selection (drag, double-click, Shift+click) or pick an annotation (click on a highlight).
//!
//! Frames cost what is visible, not the document: the text is drawn in layout blocks (each
//! paragraph, very long ones cut into chunks of a few KB, see `blocks`); only the blocks in the
//! viewport are laid out (from a per-block cache), their positions come from a height index
//! with prefix sums (estimated heights until a block is first laid out), and their highlights
//! from the session's interval query over the block. When laying out corrects the height of
//! blocks above what the reader is looking at, the scroll offset is adjusted by the same
//! amount, so the text on screen never jumps.

mod blocks;
mod heights;
mod paragraphs;

use std::ops::Range;
use std::sync::Arc;

use egui::emath::GuiRounding as _;
use egui::{Align, Color32, CursorIcon, FontId, Galley, Pos2, Rect, Sense, Stroke, Vec2};

use self::blocks::{Block, block_at};
use self::heights::HeightIndex;
use self::paragraphs::{ParagraphCache, StyleKey};
use super::highlight::{self, ParagraphStyle};
use super::theme::Palette;
use crate::model::{AnnotationId, Article, Session, Span, Tag, words};

/// Body text size at zoom 1.0.
const BODY_SIZE: f32 = 17.0;
/// Widest text column (points at zoom 1.0): about 75 characters, a comfortable line length.
const MAX_COLUMN: f32 = 700.0;
/// Space below the last paragraph.
const FOOTER: f32 = 48.0;

/// What the view remembers between frames: the pending selection and the chosen annotation,
/// plus the lazy-layout state (height index, paragraph cache, last frame's geometry).
#[derive(Default)]
pub struct ViewState {
    /// Text selected but not yet tagged (byte range, already snapped).
    selection: Option<Span>,
    /// The annotation shown in the inspector.
    selected: Option<AnnotationId>,
    /// Scroll the article so this is visible, then clear.
    scroll_to: Option<ScrollTarget>,
    /// Where the current drag started (byte offset).
    drag_anchor: Option<usize>,
    /// Blocks laid out in the last frame, for mapping text to screen positions.
    placed: Vec<Placed>,
    /// Byte ranges of the text the view handed to epaint's layout in the last frame.
    laid_out: Vec<Range<usize>>,
    layout: Layout,
}

impl ViewState {
    /// Selects an annotation (clearing any text selection) and scrolls to it.
    pub fn select_annotation(&mut self, id: AnnotationId) {
        self.selection = None;
        self.selected = Some(id);
        self.scroll_to = Some(ScrollTarget::Annotation(id));
    }

    /// Selects a range of text (clearing the selected annotation) and scrolls to it.
    pub fn select_text(&mut self, span: Span) {
        self.selection = Some(span);
        self.selected = None;
        self.scroll_to = Some(ScrollTarget::Selection);
    }

    /// Clears both the text selection and the selected annotation.
    pub fn clear(&mut self) {
        self.selection = None;
        self.selected = None;
    }

    /// Text selected but not yet tagged (a byte range of the article, already snapped).
    pub fn selection(&self) -> Option<Span> {
        self.selection
    }

    /// The annotation shown in the inspector.
    pub fn selected(&self) -> Option<AnnotationId> {
        self.selected
    }

    /// Drops the pending text selection, keeping the selected annotation.
    pub fn clear_text_selection(&mut self) {
        self.selection = None;
    }

    /// Drops the selected annotation (it was deleted), keeping any text selection.
    pub fn deselect_annotation(&mut self) {
        self.selected = None;
    }

    /// Selects `id` (or nothing) in place of the text selection, without scrolling: the
    /// annotation was just made from (or reattached to) the text on screen.
    pub fn set_selected_without_scroll(&mut self, id: Option<AnnotationId>) {
        self.selection = None;
        self.selected = id;
    }

    /// Screen rectangles covering the byte range `span` of the article, one per row, as laid
    /// out in the last frame (empty when that text was not laid out: only the paragraphs in
    /// view are).
    pub fn screen_rects(&self, text: &str, span: Span) -> Vec<Rect> {
        placed_rects(&self.placed, text, span)
    }

    /// Byte ranges of the article text laid out (or refreshed through epaint's galley cache)
    /// in the last frame, one per block, in the order they were laid out: each at most a few
    /// KB, however long the paragraph. For tests and benchmarks.
    pub fn laid_out_last_frame(&self) -> &[Range<usize>] {
        &self.laid_out
    }
}

/// What the view should scroll to.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ScrollTarget {
    /// The selected annotation (dropped if another one gets selected first).
    Annotation(AnnotationId),
    /// The pending text selection (a find match).
    Selection,
}

/// Screen rectangles of `span` in the blocks `placed` this frame, one per row.
fn placed_rects(placed: &[Placed], text: &str, span: Span) -> Vec<Rect> {
    let mut rects = Vec::new();
    for para in placed {
        if !span.overlaps(Span::from(para.range.clone())) {
            continue;
        }
        let chars = highlight::char_range(&text[para.range.clone()], para.range.start, span);
        rects.extend(
            highlight::range_rects(&para.galley, chars)
                .into_iter()
                .map(|r| r.translate(para.origin.to_vec2())),
        );
    }
    rects
}

/// A block laid out this frame.
struct Placed {
    range: Range<usize>,
    origin: Pos2,
    galley: Arc<Galley>,
}

/// Lazy-layout state, kept across frames.
#[derive(Default)]
struct Layout {
    /// The current article's layout blocks, computed once per article.
    metrics: Option<Metrics>,
    /// Slot heights of every block, and what they were measured for.
    index: HeightIndex,
    index_key: Option<IndexKey>,
    cache: ParagraphCache,
    /// The previous frame's geometry, for jumping to an annotation before the scroll area
    /// is shown and for keeping the reader's place when the width changes.
    last: Option<LastFrame>,
}

/// An article's layout blocks (with their character counts and heading flags).
struct Metrics {
    article: Arc<Article>,
    blocks: Vec<Block>,
}

impl Metrics {
    fn new(article: &Arc<Article>) -> Self {
        Self {
            article: Arc::clone(article),
            blocks: blocks::blocks(article.text(), article.paragraphs()),
        }
    }
}

/// What block heights depend on.
#[derive(Clone, Copy, PartialEq)]
struct IndexKey {
    wrap_width: f32,
    body: f32,
    spacing: f32,
    pixels_per_point: f32,
}

/// How this frame draws paragraphs.
#[derive(Clone, Copy)]
struct Config {
    body: f32,
    column: f32,
    spacing: f32,
    pixels_per_point: f32,
    palette: Palette,
}

impl Config {
    fn size(&self, heading: bool) -> f32 {
        if heading { self.body * 1.22 } else { self.body }
    }

    fn style(&self, heading: bool) -> ParagraphStyle {
        let size = self.size(heading);
        ParagraphStyle {
            font: FontId::proportional(size),
            color: self.palette.text,
            line_height: size * 1.6,
            wrap_width: self.column,
        }
    }

    /// Space above a block (headings get extra; never a chunk after a paragraph's first).
    fn gap_above(&self, block: &Block) -> f32 {
        if block.heading && block.first {
            (self.body * 0.6).round_ui()
        } else {
            0.0
        }
    }

    /// A block's whole slot: gap above, text, and after a paragraph's last block the item
    /// spacing and the gap below. The chunks of a long paragraph get no gaps between them, so
    /// their rows follow each other at the paragraph's line height.
    fn slot(&self, text_height: f32, block: &Block) -> f32 {
        let below = if block.last {
            self.spacing + (self.size(block.heading) * 0.7).round_ui()
        } else {
            0.0
        };
        self.gap_above(block) + text_height + below
    }

    fn index_key(&self) -> IndexKey {
        IndexKey {
            wrap_width: self.column.round(),
            body: self.body,
            spacing: self.spacing,
            pixels_per_point: self.pixels_per_point,
        }
    }

    fn style_key(&self) -> StyleKey {
        StyleKey {
            wrap_width: self.column.round(),
            body: self.body,
            pixels_per_point: self.pixels_per_point,
            palette: self.palette,
        }
    }
}

/// The previous frame's geometry.
struct LastFrame {
    config: Config,
    /// Scroll offset minus the visible top in content coordinates (the scroll area's margin).
    margin: f32,
    visible_height: f32,
    /// Height of the title block above the first paragraph.
    header: f32,
    /// Visible range, relative to the first paragraph's top.
    visible: (f64, f64),
    /// The block at the top of the view, and how much of it (0..1) was scrolled past.
    first_visible: Option<(usize, f32)>,
    /// Largest scroll offset for last frame's content height.
    max_offset: f32,
}

/// Shows the article and handles pointer gestures on it; `found` (find matches, in document
/// order) are outlined. Returns a tag when one of the buttons beside the selection was clicked.
pub fn show(
    ui: &mut egui::Ui,
    session: &Session,
    state: &mut ViewState,
    palette: &Palette,
    zoom: f32,
    found: &[Span],
) -> Option<Tag> {
    let mut clicked_tag = None;
    let mut area = egui::ScrollArea::vertical()
        .id_salt("article-scroll")
        .auto_shrink(false)
        // Jumps (to an annotation) and place-keeping corrections must land in one frame.
        .animated(false);
    state.layout.cache.take_laid_out();
    if let Some(offset) = jump_offset(ui, session, state) {
        area = area.vertical_scroll_offset(offset);
    }
    area.show_viewport(ui, |ui, viewport| {
        let placed = lay_out(ui, viewport.min.y, session, state, palette, zoom);
        outline_matches(ui, session.article().text(), &placed, found, palette);
        scroll_to_selection(ui, session.article().text(), state, &placed);
        handle_pointer(ui, session, state, &placed);
        clicked_tag = selection_toolbar(ui, session.article().text(), state, palette, &placed);
        state.placed = placed;
    });
    state.laid_out = state.layout.cache.take_laid_out();
    clicked_tag
}

/// When an annotation to scroll to lies outside the last frame's view, lays out its
/// block and returns the scroll offset that centres it, computed from the height index,
/// so it is on screen in the very next frame without laying out what lies between.
fn jump_offset(ui: &egui::Ui, session: &Session, state: &mut ViewState) -> Option<f32> {
    let span = match state.scroll_to? {
        // Only the selected annotation is scrolled to (its outline is what the eye looks for).
        ScrollTarget::Annotation(id) if state.selected == Some(id) => {
            session.get(id).map(|a| a.span)
        }
        ScrollTarget::Annotation(_) => None,
        ScrollTarget::Selection => state.selection,
    };
    let Some(span) = span else {
        state.scroll_to = None;
        return None;
    };
    let layout = &mut state.layout;
    let last = layout.last.as_ref()?;
    let metrics = layout.metrics.as_ref()?;
    let article = session.article();
    let blocks = &metrics.blocks;
    if !Arc::ptr_eq(&metrics.article, article)
        || blocks.is_empty()
        || layout.index.len() != blocks.len()
    {
        return None;
    }
    let p = block_at(blocks, span.start);
    let block = &blocks[p];
    let top = layout.index.top(p);
    let bottom = top + f64::from(layout.index.height(p));
    if top < last.visible.1 && bottom > last.visible.0 {
        return None; // in view: the frame centres it once laid out
    }
    let config = last.config;
    let paragraph = layout.cache.get(
        ui.painter(),
        session,
        p,
        block.range.clone(),
        &config.style(block.heading),
        state.selection,
        &config.palette,
    );
    let chars = highlight::char_range(
        &article.text()[block.range.clone()],
        block.range.start,
        span,
    );
    let within = highlight::range_rects(&paragraph.galley, chars)
        .first()
        .map_or(0.0, |r| r.center().y);
    let height = config.slot(paragraph.galley.size().y, block);
    // Measuring `p` moves only the blocks after it, so `top` stays right.
    layout.index.set_measured(p, height);
    #[allow(clippy::cast_possible_truncation)] // points fit an f32, as egui's offsets do
    let target = (f64::from(last.header) + top) as f32 + config.gap_above(block) + within;
    // Never past the end: the scroll area would spring back over the next frames.
    Some(
        (target - last.visible_height / 2.0 + last.margin)
            .min(last.max_offset)
            .max(0.0),
    )
}

#[allow(clippy::too_many_lines)] // one pass: header, anchor, lay out, place, paint
fn lay_out(
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
struct Laid {
    index: usize,
    /// Its text (bytes of the article).
    range: Range<usize>,
    /// Top of its slot, relative to the first block's top.
    top: f64,
    /// Slot height (gaps included).
    height: f32,
    gap_above: f32,
    galley: Arc<Galley>,
}

/// Paints block `i`'s galley (text `range`), underlines and (if it holds the selected
/// annotation) outline, and scrolls to the selected annotation when asked to.
fn paint_block(
    ui: &egui::Ui,
    session: &Session,
    state: &mut ViewState,
    config: &Config,
    i: usize,
    range: Range<usize>,
    origin: Pos2,
) {
    // Laid out (and so refreshed) earlier in this frame.
    let Some(paragraph) = state.layout.cache.peek(i) else {
        return;
    };
    let galley = &paragraph.galley;
    let rect = Rect::from_min_size(origin, galley.size());
    if ui.is_rect_visible(rect.expand(8.0)) {
        let painter = ui.painter();
        painter.galley(origin, galley.clone(), Color32::PLACEHOLDER);
        for ([a, b], color) in &paragraph.underlines {
            painter.line_segment(
                [*a + origin.to_vec2(), *b + origin.to_vec2()],
                Stroke::new(2.0, *color),
            );
        }
    }
    let Some(selected) = state.selected else {
        return;
    };
    let Some(&(_, span)) = paragraph.spans.iter().find(|(id, _)| *id == selected) else {
        return;
    };
    let text = &session.article().text()[range.clone()];
    let rects = highlight::range_rects(galley, highlight::char_range(text, range.start, span));
    for rect in &rects {
        ui.painter().rect_stroke(
            rect.translate(origin.to_vec2()).expand(1.5),
            3.0,
            Stroke::new(1.5, config.palette.focus),
            egui::StrokeKind::Outside,
        );
    }
    if state.scroll_to == Some(ScrollTarget::Annotation(selected))
        && let Some(first) = rects.first()
    {
        ui.scroll_to_rect(first.translate(origin.to_vec2()), Some(Align::Center));
        state.scroll_to = None;
    }
}

/// Centres the pending selection once its paragraph is laid out, when asked to.
fn scroll_to_selection(ui: &egui::Ui, text: &str, state: &mut ViewState, placed: &[Placed]) {
    if state.scroll_to != Some(ScrollTarget::Selection) {
        return;
    }
    let Some(span) = state.selection else {
        state.scroll_to = None;
        return;
    };
    if let Some(first) = placed_rects(placed, text, span).first() {
        ui.scroll_to_rect(*first, Some(Align::Center));
        state.scroll_to = None;
    }
}

/// Outlines the find matches in the blocks on screen: each block finds its matches
/// by binary search, so the cost is what is visible, not the number of matches.
fn outline_matches(
    ui: &egui::Ui,
    text: &str,
    placed: &[Placed],
    found: &[Span],
    palette: &Palette,
) {
    if found.is_empty() {
        return;
    }
    let stroke = Stroke::new(1.0, palette.weak_text);
    for para in placed {
        let first = found.partition_point(|m| m.end <= para.range.start);
        for &span in found[first..]
            .iter()
            .take_while(|m| m.start < para.range.end)
        {
            let chars = highlight::char_range(&text[para.range.clone()], para.range.start, span);
            for rect in highlight::range_rects(&para.galley, chars) {
                ui.painter().rect_stroke(
                    rect.translate(para.origin.to_vec2()).expand(1.0),
                    2.0,
                    stroke,
                    egui::StrokeKind::Outside,
                );
            }
        }
    }
}

fn paint_galley(ui: &egui::Ui, origin: Pos2, galley: &Arc<Galley>) {
    if ui.is_rect_visible(Rect::from_min_size(origin, galley.size())) {
        ui.painter()
            .galley(origin, galley.clone(), Color32::PLACEHOLDER);
    }
}

/// Average advance of the article's characters at `size`, measured once per width or zoom
/// on a sample of the text.
fn average_char_width(ui: &egui::Ui, article: &Article, size: f32) -> f32 {
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
fn estimate(config: &Config, block: &Block, char_width: f32) -> f32 {
    let size = config.size(block.heading);
    let per_row = (config.column / (char_width * size / config.body) * 0.95).max(1.0);
    #[allow(clippy::cast_precision_loss)] // blocks are a few thousand characters at most
    let rows = (block.chars as f32 / per_row).ceil().max(1.0);
    config.slot(rows * size * 1.6, block)
}

fn handle_pointer(ui: &mut egui::Ui, session: &Session, state: &mut ViewState, placed: &[Placed]) {
    let (Some(first), Some(last)) = (placed.first(), placed.last()) else {
        return;
    };
    let area = Rect::from_min_max(
        Pos2::new(ui.max_rect().left(), first.origin.y),
        Pos2::new(ui.max_rect().right(), last.origin.y + last.galley.size().y),
    );
    let response = ui
        .interact(
            area,
            ui.scope_id().with("article-text"),
            Sense::click_and_drag(),
        )
        .on_hover_cursor(CursorIcon::Text);
    let text = session.article().text();
    let (modifiers, press_origin) = ui.input(|i| (i.modifiers, i.pointer.press_origin()));

    if response.drag_started()
        && let Some(anchor) = press_origin.and_then(|p| offset_at(placed, text, p))
    {
        state.drag_anchor = Some(anchor);
        state.selected = None;
    }
    if response.dragged()
        && let (Some(anchor), Some(head)) = (
            state.drag_anchor,
            response
                .interact_pointer_pos()
                .and_then(|p| offset_at(placed, text, p)),
        )
    {
        let range = anchor.min(head)..anchor.max(head);
        let range = if modifiers.alt {
            words::trim_whitespace(text, range)
        } else {
            words::snap_to_words(text, range)
        };
        state.selection = (!range.is_empty()).then(|| Span::from(range));
    }
    if response.drag_stopped() {
        state.drag_anchor = None;
    }

    let Some(pos) = response.interact_pointer_pos() else {
        return;
    };
    if response.double_clicked() {
        if let Some(word) = offset_at(placed, text, pos).and_then(|o| words::word_at(text, o)) {
            state.selection = Some(Span::from(word));
            state.selected = None;
        }
    } else if response.clicked()
        && let Some(offset) = offset_at(placed, text, pos)
    {
        if modifiers.shift
            && let Some(sel) = state.selection
        {
            let range = sel.start.min(offset)..sel.end.max(offset);
            state.selection = Some(Span::from(words::snap_to_words(text, range)));
            return;
        }
        let hits = session.at(offset);
        state.selection = None;
        state.selected = if hits.is_empty() {
            None
        } else {
            // Repeated clicks cycle through overlapping annotations, innermost first.
            let next = state
                .selected
                .and_then(|id| hits.iter().position(|a| a.id == id))
                .map_or(0, |i| (i + 1) % hits.len());
            Some(hits[next].id)
        };
    }
}

/// The byte offset of the text under `pos`: inside a block, the nearest character
/// boundary; above or between blocks, the start of the next one; below all laid-out
/// blocks (the view lays out only those on screen), the end of the last. Blocks are pieces of
/// one article, so a drag from one block (or chunk of a long paragraph) into another selects
/// everything between.
fn offset_at(placed: &[Placed], text: &str, pos: Pos2) -> Option<usize> {
    let last = placed.last()?;
    let Some(para) = placed
        .iter()
        .find(|p| pos.y <= p.origin.y + p.galley.size().y)
    else {
        return Some(last.range.end);
    };
    if pos.y < para.origin.y {
        return Some(para.range.start);
    }
    let cursor = para.galley.cursor_from_pos(pos - para.origin);
    let para_text = &text[para.range.clone()];
    Some(para.range.start + highlight::byte_of_char(para_text, cursor.index.0))
}

/// Buttons under the pending selection to tag it without the keyboard.
fn selection_toolbar(
    ui: &egui::Ui,
    text: &str,
    state: &ViewState,
    palette: &Palette,
    placed: &[Placed],
) -> Option<Tag> {
    let selection = state.selection?;
    if state.drag_anchor.is_some() {
        return None;
    }
    let last_byte = selection.end.saturating_sub(1);
    let para = placed.iter().find(|p| p.range.contains(&last_byte))?;
    let para_text = &text[para.range.clone()];
    let chars = highlight::char_range(para_text, para.range.start, selection);
    let last_row = *highlight::range_rects(&para.galley, chars).last()?;
    let anchor = last_row.translate(para.origin.to_vec2()).left_bottom() + Vec2::new(0.0, 6.0);
    if !ui.clip_rect().contains(anchor) {
        return None;
    }
    let mut chosen = None;
    egui::Area::new(ui.scope_id().with("selection-toolbar"))
        .order(egui::Order::Foreground)
        .fixed_pos(anchor)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.horizontal(|ui| {
                    for tag in Tag::ALL {
                        let label =
                            egui::RichText::new(format!("{} ({})", tag.label(), tag.digit()));
                        let button = egui::Button::new(label)
                            .fill(palette.tint(tag))
                            .stroke(Stroke::new(1.0, palette.tag_color(tag)));
                        if ui
                            .add(button)
                            .on_hover_text(format!(
                                "Tag the selection as a {} (key {} or {})",
                                tag.label().to_lowercase(),
                                tag.digit(),
                                tag.letter()
                            ))
                            .clicked()
                        {
                            chosen = Some(tag);
                        }
                    }
                });
            });
        });
    chosen
}
