//! Scrolling to the selected annotation or the pending selection (find matches).

use std::sync::Arc;

use egui::Align;

use super::blocks::block_at;
use super::layout::lay_block;
use super::{Placed, ScrollTarget, ViewState, placed_rects};
use crate::model::Session;
use crate::ui::highlight;

/// When an annotation to scroll to lies outside the last frame's view, lays out its
/// block and returns the scroll offset that centres it, computed from the height index,
/// so it is on screen in the very next frame without laying out what lies between.
pub(super) fn jump_offset(ui: &egui::Ui, session: &Session, state: &mut ViewState) -> Option<f32> {
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

/// Centres the pending selection once its paragraph is laid out, when asked to.
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
    if let Some(first) = placed_rects(placed, text, span).first() {
        ui.scroll_to_rect(*first, Some(Align::Center));
        state.scroll_to = None;
    }
}
