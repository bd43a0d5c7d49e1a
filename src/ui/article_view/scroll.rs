//! Scrolling to the selected annotation or the pending selection (Tab, the list, find
//! matches, zoom), to the article's top (a new document, Home) and its end (End): a target
//! already on screen never moves the article.

use std::sync::Arc;

use egui::{Align, Rect};

use super::blocks::block_at;
use super::layout::lay_block;
use super::{Placed, ScrollTarget, ViewState, placed_rects};
use crate::model::Session;
use crate::ui::highlight;

/// The article's top and end are jumped to at once. When an annotation to scroll to lies
/// outside the last frame's view, lays out its block and returns the scroll offset that
/// centres it, computed from the height index, so it is on screen in the very next frame
/// without laying out what lies between.
pub(super) fn jump_offset(ui: &egui::Ui, session: &Session, state: &mut ViewState) -> Option<f32> {
    let span = match state.scroll_to? {
        ScrollTarget::Top => {
            state.scroll_to = None;
            return Some(0.0);
        }
        // Last frame's largest offset; the layout then pins the view to the end, measuring
        // the last blocks, so estimates cannot leave it short (see `layout::end_anchor`).
        ScrollTarget::End => {
            let end = state.layout.last.as_ref()?.max_offset.max(0.0);
            state.scroll_to = None;
            return Some(end);
        }
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
        return None; // in view: the frame reveals it once laid out (`reveal`)
    }
    let config = last.config;
    let laid = lay_block(
        ui,
        &mut layout.cache,
        session,
        block,
        p,
        &config,
        state.selection,
    );
    let chars = highlight::char_range(
        &article.text()[block.range.clone()],
        block.range.start,
        span,
    );
    let within = highlight::range_rects(&laid.galley, chars)
        .first()
        .map_or(0.0, |r| r.center().y);
    // Measuring `p` moves only the blocks after it, so `top` stays right.
    layout.index.set_measured(p, laid.height);
    #[allow(clippy::cast_possible_truncation)] // points fit an f32, as egui's offsets do
    let target = (f64::from(last.header) + top) as f32 + config.gap_above(block) + within;
    // Never past the end: the scroll area would spring back over the next frames.
    Some(
        (target - last.visible_height / 2.0 + last.margin)
            .min(last.max_offset)
            .max(0.0),
    )
}

/// Reveals the pending selection once its paragraph is laid out, when asked to.
pub(super) fn scroll_to_selection(
    ui: &egui::Ui,
    text: &str,
    state: &mut ViewState,
    placed: &[Placed],
) {
    if state.scroll_to != Some(ScrollTarget::Selection) {
        return;
    }
    let Some(span) = state.selection else {
        state.scroll_to = None;
        return;
    };
    if reveal(ui, &placed_rects(placed, text, span)) {
        state.scroll_to = None;
    }
}

/// Brings the text drawn in `rows` (screen rectangles, one per row) into view: not at all
/// when every row is on screen already, by the least distance when part of it is, centred on
/// its first row when none is. The reader keeps their place unless the target is hidden.
/// Returns false when there is nothing laid out to reveal yet.
pub(super) fn reveal(ui: &egui::Ui, rows: &[Rect]) -> bool {
    let Some(first) = rows.first() else {
        return false;
    };
    let whole = rows.iter().fold(*first, |all, row| all.union(*row));
    let clip = ui.clip_rect();
    if clip.contains_rect(whole) {
        return true;
    }
    if rows.iter().any(|row| clip.intersects(*row)) && whole.height() < clip.height() {
        ui.scroll_to_rect(whole, None);
    } else {
        ui.scroll_to_rect(*first, Some(Align::Center));
    }
    true
}

/// A new zoom re-wraps every paragraph, which can carry the text being judged off screen:
/// when the pending selection (or else the selected annotation) was on screen before, it is
/// revealed again at the new size.
pub(super) fn keep_selection_through_zoom(
    ui: &egui::Ui,
    session: &Session,
    state: &mut ViewState,
    zoom: f32,
) {
    let changed = state.zoom.is_some_and(|before| before != zoom);
    state.zoom = Some(zoom);
    if !changed || state.scroll_to.is_some() {
        return;
    }
    let (span, target) = match (state.selection, state.selected) {
        (Some(span), _) => (span, ScrollTarget::Selection),
        (None, Some(id)) => match session.get(id) {
            Some(annotation) => (annotation.span, ScrollTarget::Annotation(id)),
            None => return,
        },
        (None, None) => return,
    };
    let clip = ui.clip_rect();
    if placed_rects(&state.placed, session.article().text(), span)
        .iter()
        .any(|row| clip.intersects(*row))
    {
        state.scroll_to = Some(target);
    }
}
