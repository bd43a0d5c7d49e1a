//! Mouse gestures on the article turned into a selection or a chosen annotation.

use egui::{CursorIcon, Pos2, Rect, Sense};

use super::{Placed, Resize, ViewState, placed_rects};
use crate::model::adjust::Edge;
use crate::model::{Session, Span, words};
use crate::ui::highlight;

/// Turns this frame's mouse gestures on the laid-out text into a selection or a chosen
/// annotation: drag (snapped to words, Alt for exact), double-click a word, Shift+click to
/// extend, click a highlight (again to cycle through overlapping ones).
pub(super) fn handle_pointer(
    ui: &mut egui::Ui,
    session: &Session,
    state: &mut ViewState,
    placed: &[Placed],
) {
    let Some(response) = text_response(ui, placed) else {
        return;
    };
    let text = session.article().text();
    let (modifiers, press_origin) = ui.input(|i| (i.modifiers, i.pointer.press_origin()));
    if drag_handle(
        &response,
        press_origin,
        modifiers.alt,
        session,
        state,
        placed,
    ) {
        return;
    }
    drag_select(&response, press_origin, modifiers.alt, text, state, placed);

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
            && let Some(selection) = state.selection
        {
            let range = selection.start.min(offset)..selection.end.max(offset);
            state.selection = Some(Span::from(words::snap_to_words(text, range)));
        } else {
            pick_annotation(session, state, offset);
        }
    }
}

/// The response of the area covering the blocks laid out this frame (none when nothing is).
fn text_response(ui: &egui::Ui, placed: &[Placed]) -> Option<egui::Response> {
    let (first, last) = (placed.first()?, placed.last()?);
    let area = Rect::from_min_max(
        Pos2::new(ui.max_rect().left(), first.origin.y),
        Pos2::new(ui.max_rect().right(), last.origin.y + last.galley.size().y),
    );
    Some(
        ui.interact(
            area,
            ui.scope_id().with("article-text"),
            Sense::click_and_drag(),
        )
        .on_hover_cursor(CursorIcon::Text),
    )
}

/// How near (points) to an end of the selected annotation a drag resizes it.
const HANDLE_REACH: f32 = 6.0;

/// The end of the selected annotation whose handle is under `pos`, if any.
fn handle_at(placed: &[Placed], text: &str, span: Span, pos: Pos2) -> Option<Edge> {
    let rects = placed_rects(placed, text, span);
    let near = |x: f32, row: &Rect| {
        (pos.x - x).abs() <= HANDLE_REACH
            && row.expand2(egui::vec2(0.0, 2.0)).y_range().contains(pos.y)
    };
    // The end first: a one-character span's handles overlap, and growing is the common case.
    if let Some(last) = rects.last()
        && near(last.right(), last)
    {
        return Some(Edge::End);
    }
    rects
        .first()
        .filter(|first| near(first.left(), first))
        .map(|_| Edge::Start)
}

/// Dragging a handle of the selected annotation moves that end (snapped to words unless
/// `exact`), keeping its id, tag and note; the drag is one undo step. Returns true while a
/// handle has the pointer, so the drag selects no text.
fn drag_handle(
    response: &egui::Response,
    press_origin: Option<Pos2>,
    exact: bool,
    session: &Session,
    state: &mut ViewState,
    placed: &[Placed],
) -> bool {
    let text = session.article().text();
    let Some(annotation) = state.selected.and_then(|id| session.get(id)) else {
        state.resizing = None;
        return false;
    };
    let span = annotation.span;
    if state.resizing.is_none() {
        let hovered = response
            .hover_pos()
            .and_then(|p| handle_at(placed, text, span, p));
        if hovered.is_some() {
            response.ctx.set_cursor_icon(CursorIcon::ResizeHorizontal);
        }
        if !response.drag_started() {
            return false;
        }
        state.resizing = press_origin.and_then(|p| handle_at(placed, text, span, p));
        if state.resizing.is_none() {
            return false;
        }
    }
    response.ctx.set_cursor_icon(CursorIcon::ResizeHorizontal);
    if let (Some(edge), Some(head)) = (
        state.resizing,
        response
            .interact_pointer_pos()
            .and_then(|p| offset_at(placed, text, p)),
    ) {
        let (lo, hi) = match edge {
            Edge::End => (span.start, head.max(span.start)),
            Edge::Start => (head.min(span.end), span.end),
        };
        let range = if exact {
            words::trim_whitespace(text, lo..hi)
        } else {
            words::snap_to_words(text, lo..hi)
        };
        // Only the dragged end moves: the other keeps its place even inside a word.
        let moved = match edge {
            Edge::End => Span::new(span.start, range.end),
            Edge::Start => Span::new(range.start, span.end),
        };
        if !moved.is_empty() && moved != span {
            state.resizes.push(Resize::To(annotation.id, moved));
        }
    }
    if response.drag_stopped() {
        state.resizing = None;
        state.resizes.push(Resize::Done);
    }
    true
}

/// A drag selects from where the button went down to the pointer, snapped to words (`exact`:
/// only trimmed of whitespace).
fn drag_select(
    response: &egui::Response,
    press_origin: Option<Pos2>,
    exact: bool,
    text: &str,
    state: &mut ViewState,
    placed: &[Placed],
) {
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
        let range = if exact {
            words::trim_whitespace(text, range)
        } else {
            words::snap_to_words(text, range)
        };
        state.selection = (!range.is_empty()).then(|| Span::from(range));
    }
    if response.drag_stopped() {
        state.drag_anchor = None;
    }
}

/// A click on the text chooses the annotation under it (repeated clicks cycle through
/// overlapping ones, innermost first) and drops the text selection; a click beside every
/// highlight chooses nothing.
fn pick_annotation(session: &Session, state: &mut ViewState, offset: usize) {
    let hits = session.at(offset);
    if hits.is_empty() {
        state.plain_click = Some((offset, state.selection));
    }
    state.selection = None;
    state.selected = if hits.is_empty() {
        None
    } else {
        let next = state
            .selected
            .and_then(|id| hits.iter().position(|a| a.id == id))
            .map_or(0, |i| (i + 1) % hits.len());
        Some(hits[next].id)
    };
}

/// The byte offset of the text under `pos`: inside a block, the nearest character
/// boundary; above or between blocks, the start of the next one; below all laid-out
/// blocks (the view lays out only those on screen), the end of the last. Blocks are pieces of
/// one article, so a drag from one block (or chunk of a long paragraph) into another selects
/// everything between.
pub(super) fn offset_at(placed: &[Placed], text: &str, pos: Pos2) -> Option<usize> {
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
