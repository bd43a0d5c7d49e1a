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
mod config;
mod heights;
mod layout;
mod paint;
mod paragraphs;
mod pointer;
mod scroll;
mod suggested;
mod toolbar;

use std::ops::Range;
use std::sync::Arc;

use egui::{Galley, Pos2, Rect};

use self::config::Layout;
use self::layout::lay_out;
use self::paint::{outline_matches, outline_selection};
use self::pointer::handle_pointer;
use self::scroll::{jump_offset, keep_selection_through_zoom, scroll_to_selection};
pub use self::suggested::SuggestionMarks;
use self::suggested::mark_suggestions;
pub use self::toolbar::Pick;
use self::toolbar::selection_toolbar;
use super::highlight;
use super::theme::Palette;
use crate::model::adjust::Edge;
use crate::model::{AnnotationId, Selection, Session, Span};

/// Body text size at zoom 1.0.
const BODY_SIZE: f32 = 17.0;
/// Widest text column (points at zoom 1.0): about 75 characters, a comfortable line length.
const MAX_COLUMN: f32 = 700.0;
/// Space below the last paragraph.
const FOOTER: f32 = 48.0;

/// What the view remembers between frames: the pending selection and the chosen annotation,
/// plus the lazy-layout state (height index, paragraph cache, last frame's geometry). A fresh
/// view starts at the article's top, whatever offset egui remembers for the scroll area (the
/// previous document's, or the last run's).
pub struct ViewState {
    /// Text selected but not yet tagged (byte range, already snapped).
    selection: Option<Span>,
    /// The annotation shown in the inspector.
    selected: Option<AnnotationId>,
    /// Scroll the article so this is visible, then clear.
    scroll_to: Option<ScrollTarget>,
    /// Where the current drag started (byte offset).
    drag_anchor: Option<usize>,
    /// The end of the selected annotation being dragged by its handle, if one is.
    resizing: Option<Edge>,
    /// What handle drags asked for since the app last looked (`take_resizes`).
    resizes: Vec<Resize>,
    /// Blocks laid out in the last frame, for mapping text to screen positions.
    placed: Vec<Placed>,
    /// Byte ranges of the text the view handed to epaint's layout in the last frame.
    laid_out: Vec<Range<usize>>,
    /// The zoom of the last frame, to keep the selection in view when it changes.
    zoom: Option<f32>,
    /// Where a click beside every highlight landed (byte offset), with the selection it
    /// cleared, until the app takes it: it may have been on a suggestion.
    plain_click: Option<(usize, Option<Span>)>,
    /// The suggestions' dotted lines of the blocks on screen.
    suggestion_lines: suggested::MarkCache,
    layout: Layout,
}

impl Default for ViewState {
    fn default() -> Self {
        Self {
            selection: None,
            selected: None,
            scroll_to: Some(ScrollTarget::Top),
            drag_anchor: None,
            resizing: None,
            resizes: Vec::new(),
            placed: Vec::new(),
            laid_out: Vec::new(),
            zoom: None,
            plain_click: None,
            suggestion_lines: suggested::MarkCache::default(),
            layout: Layout::default(),
        }
    }
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

    /// The resizes asked for by dragging the selected annotation's handles, oldest first.
    pub fn take_resizes(&mut self) -> Vec<Resize> {
        std::mem::take(&mut self.resizes)
    }

    /// The first byte of the first block drawn in the last frame: about where the text on
    /// screen starts.
    pub fn first_on_screen(&self) -> Option<usize> {
        self.placed.first().map(|block| block.range.start)
    }

    /// Where the last click on the text beside every highlight landed (a byte offset), with
    /// the selection it cleared; once.
    pub fn take_plain_click(&mut self) -> Option<(usize, Option<Span>)> {
        self.plain_click.take()
    }

    /// Changes the pending text selection in place (Shift+Arrow), without scrolling.
    pub fn set_text_selection(&mut self, span: Span) {
        self.selection = Some(span);
        self.selected = None;
    }

    /// Instead of starting at the top, shows the same place `old` (a view of the same
    /// document, reopened) showed: the block at its top, as far scrolled into.
    pub fn keep_place_of(&mut self, old: &Self) {
        self.scroll_to = None;
        self.layout.resume = old.layout.last.as_ref().and_then(|last| last.first_visible);
    }

    /// Scrolls to the article's top (Home, Ctrl+Home).
    pub fn scroll_to_start(&mut self) {
        self.scroll_to = Some(ScrollTarget::Top);
    }

    /// Scrolls to the article's end, its last line in view (End, Ctrl+End).
    pub fn scroll_to_end(&mut self) {
        self.scroll_to = Some(ScrollTarget::End);
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

    /// What is selected, as the undo history records it with each step.
    pub fn snapshot(&self) -> Selection {
        Selection {
            annotation: self.selected,
            text: self.selection,
        }
    }

    /// Puts back a selection the undo history recorded, without scrolling: the reader stays
    /// where they are.
    pub fn restore(&mut self, selection: Selection) {
        self.selected = selection.annotation;
        self.selection = selection.text;
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

/// A drag on a handle of the selected annotation: where it now spans, and when it ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resize {
    /// The annotation should span this now (the drag goes on).
    To(AnnotationId, Span),
    /// The drag ended: the resizes so far are one undo step.
    Done,
}

/// What the view should scroll to.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ScrollTarget {
    /// The selected annotation (dropped if another one gets selected first).
    Annotation(AnnotationId),
    /// The pending text selection (a find match).
    Selection,
    /// The article's top.
    Top,
    /// The article's end.
    End,
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

/// Shows the article and handles pointer gestures on it; `found` (find matches, in document
/// order) are outlined, `suggested` marked. Returns what a button beside the selection asked
/// for, if one was clicked.
pub fn show(
    ui: &mut egui::Ui,
    session: &Session,
    state: &mut ViewState,
    palette: &Palette,
    zoom: f32,
    found: &[Span],
    suggested: Option<&SuggestionMarks<'_>>,
) -> Option<Pick> {
    let mut picked = None;
    let mut area = egui::ScrollArea::vertical()
        .id_salt("article-scroll")
        .auto_shrink(false)
        // Jumps (to an annotation) and place-keeping corrections must land in one frame.
        .animated(false);
    state.layout.cache.take_laid_out();
    keep_selection_through_zoom(ui, session, state, zoom);
    if let Some(offset) = jump_offset(ui, session, state) {
        area = area.vertical_scroll_offset(offset);
    }
    area.show_viewport(ui, |ui, viewport| {
        let placed = lay_out(ui, viewport.min.y, session, state, palette, zoom);
        let text = session.article().text();
        if let Some(marks) = suggested {
            mark_suggestions(
                ui,
                session,
                &placed,
                marks,
                palette,
                &mut state.suggestion_lines,
            );
        }
        outline_matches(ui, text, &placed, found, palette);
        outline_selection(ui, text, &placed, state.selection, palette);
        scroll_to_selection(ui, text, state, &placed);
        handle_pointer(ui, session, state, &placed);
        let current = suggested
            .and_then(|marks| marks.current)
            .filter(|(span, _)| state.selection.is_some_and(|s| s.overlaps(*span)))
            .map(|(_, tag)| tag);
        picked = selection_toolbar(ui, text, state, palette, &placed, current);
        state.placed = placed;
    });
    state.laid_out = state.layout.cache.take_laid_out();
    picked
}
