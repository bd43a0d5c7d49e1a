//! Painting laid-out blocks: text, underlines, the selected annotation's outline, the pending
//! selection's dashed outline, find matches.

use std::ops::Range;
use std::sync::Arc;

use egui::{Color32, Galley, Pos2, Rect, Stroke};

use super::config::Config;
use super::scroll::reveal;
use super::{Placed, ScrollTarget, ViewState, placed_rects};
use crate::model::{Session, Span};
use crate::ui::highlight;
use crate::ui::theme::Palette;

/// Paints block `i`'s galley (text `range`), underlines and (if it holds the selected
/// annotation) outline, and reveals the selected annotation when asked to.
pub(super) fn paint_block(
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
    let rects: Vec<Rect> =
        highlight::range_rects(galley, highlight::char_range(text, range.start, span))
            .into_iter()
            .map(|rect| rect.translate(origin.to_vec2()))
            .collect();
    for rect in &rects {
        ui.painter().rect_stroke(
            rect.expand(1.5),
            3.0,
            Stroke::new(1.5, config.palette.focus),
            egui::StrokeKind::Outside,
        );
    }
    // Handles at its ends (drag one to resize it), in the block that holds that end.
    let handle = |x: f32, row: &Rect| {
        let bar = Rect::from_center_size(
            egui::pos2(x, row.center().y),
            egui::vec2(4.0, row.height() + 6.0),
        );
        ui.painter().rect_filled(bar, 2.0, config.palette.focus);
    };
    if let Some(first) = rects.first()
        && range.contains(&span.start)
    {
        handle(first.left() - 1.5, first);
    }
    if let Some(last) = rects.last()
        && span.end <= range.end
    {
        handle(last.right() + 1.5, last);
    }
    // The rows in this block, the first one that holds the annotation: one running on into
    // the next block is revealed by its start.
    if state.scroll_to == Some(ScrollTarget::Annotation(selected)) && reveal(ui, &rects) {
        state.scroll_to = None;
    }
}

/// Outlines the find matches in the blocks on screen: each block finds its matches
/// by binary search, so the cost is what is visible, not the number of matches.
pub(super) fn outline_matches(
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

/// Outlines the pending selection's rows with a dashed line: with its grey fill, a style no
/// annotation has (they are tinted and underlined in their tag's colour, the selected one
/// outlined solid), so text not yet tagged is never taken for a claim.
pub(super) fn outline_selection(
    ui: &egui::Ui,
    text: &str,
    placed: &[Placed],
    selection: Option<Span>,
    palette: &Palette,
) {
    let Some(selection) = selection else {
        return;
    };
    let stroke = Stroke::new(1.0, palette.selection_edge);
    for row in placed_rects(placed, text, selection) {
        if !ui.is_rect_visible(row) {
            continue;
        }
        let r = row.expand(0.5);
        let corners = [
            r.left_top(),
            r.right_top(),
            r.right_bottom(),
            r.left_bottom(),
            r.left_top(),
        ];
        ui.painter()
            .extend(egui::Shape::dashed_line(&corners, stroke, 4.0, 3.0));
    }
}

pub(super) fn paint_galley(ui: &egui::Ui, origin: Pos2, galley: &Arc<Galley>) {
    if ui.is_rect_visible(Rect::from_min_size(origin, galley.size())) {
        ui.painter()
            .galley(origin, galley.clone(), Color32::PLACEHOLDER);
    }
}
