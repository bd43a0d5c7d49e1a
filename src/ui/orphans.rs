//! The orphans section of the side panel: annotations whose text was not found after the
//! article changed. Each keeps its tag, note and quote, and can be re-attached to a new
//! selection or deleted; nothing is dropped silently.

use super::commands::{Action, CommandQueue};
use super::theme::Palette;
use crate::model::{Session, Span};

/// Shows the orphans (nothing when there are none). `selection` is the pending text
/// selection, which an orphan can be re-attached to. What the user asks for goes to the
/// command queue.
pub fn show(
    ui: &mut egui::Ui,
    session: &Session,
    selection: Option<Span>,
    palette: &Palette,
    commands: &mut CommandQueue,
) {
    let orphans = session.orphans();
    if orphans.is_empty() {
        return;
    }
    egui::CollapsingHeader::new(format!("Orphans ({})", orphans.len()))
        .id_salt("orphans")
        .default_open(true)
        .show(ui, |ui| {
            ui.label(
                egui::RichText::new(
                    "Their text is no longer in the article. Select new text, then re-attach.",
                )
                .small()
                .color(palette.weak_text),
            );
            egui::ScrollArea::vertical()
                .id_salt("orphan-list")
                .max_height(180.0)
                .show(ui, |ui| {
                    for orphan in orphans {
                        egui::Frame::new()
                            .fill(palette.tint(orphan.body.tag))
                            .corner_radius(4.0)
                            .inner_margin(6.0)
                            .show(ui, |ui| {
                                ui.set_width(ui.available_width());
                                let quote: String = orphan.quote.text.chars().take(160).collect();
                                ui.label(
                                    egui::RichText::new(format!("{}: “{quote}”", orphan.body.tag))
                                        .color(palette.text),
                                );
                                if !orphan.body.note.is_empty() {
                                    ui.label(
                                        egui::RichText::new(format!("Note: {}", orphan.body.note))
                                            .small()
                                            .color(palette.text),
                                    );
                                }
                                ui.horizontal(|ui| {
                                    let attach = ui
                                        .add_enabled(
                                            selection.is_some(),
                                            egui::Button::new("Re-attach to selection"),
                                        )
                                        .on_disabled_hover_text("Select text in the article first");
                                    if attach.clicked()
                                        && let Some(span) = selection
                                    {
                                        commands.push(Action::ReattachOrphan(orphan.id, span));
                                    }
                                    if ui.button("Delete orphan").clicked() {
                                        commands.push(Action::DeleteOrphan(orphan.id));
                                    }
                                });
                            });
                        ui.add_space(4.0);
                    }
                });
        });
}
