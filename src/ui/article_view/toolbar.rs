//! The selection toolbar: tag buttons under the pending selection.

use egui::{Stroke, Vec2};

use super::{Placed, ViewState};
use crate::model::Tag;
use crate::ui::highlight;
use crate::ui::theme::Palette;

/// Buttons under the pending selection to tag it without the keyboard.
pub(super) fn selection_toolbar(
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
