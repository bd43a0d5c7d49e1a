//! The orphans section of the side panel: annotations whose text was not found after the
//! article changed. Each keeps its tag, note and quote, and can be re-attached to a new
//! selection or deleted; nothing is dropped silently. The list is virtualised: rows of one
//! height, only those in view built.

use super::commands::{Action, CommandQueue};
use super::theme::Palette;
use crate::model::{Orphan, Session, Span};

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
            // One row per orphan, all the same height, so only the rows in view are built:
            // a re-anchoring that lost thousands of annotations costs what is on screen.
            let spacing = ui.spacing().item_spacing.y;
            let row = ui.text_style_height(&egui::TextStyle::Body)
                + ui.text_style_height(&egui::TextStyle::Small)
                + ui.spacing().interact_size.y
                + 2.0 * spacing
                + 2.0 * ROW_MARGIN;
            egui::ScrollArea::vertical()
                .id_salt("orphan-list")
                .max_height(180.0)
                .show_rows(ui, row, orphans.len(), |ui, rows| {
                    for orphan in &orphans[rows] {
                        orphan_row(ui, orphan, selection, palette, row, commands);
                    }
                });
        });
}

/// Inner margin of an orphan's row.
const ROW_MARGIN: f32 = 6.0;

/// One orphan in exactly `height` points: its tag and quote, its note (each cut to one line;
/// the full text shows on hover), and its buttons.
fn orphan_row(
    ui: &mut egui::Ui,
    orphan: &Orphan,
    selection: Option<Span>,
    palette: &Palette,
    height: f32,
    commands: &mut CommandQueue,
) {
    let width = ui.available_width();
    ui.allocate_ui(egui::vec2(width, height), |ui| {
        egui::Frame::new()
            .fill(palette.tint(orphan.body.tag))
            .corner_radius(4.0)
            .inner_margin(ROW_MARGIN)
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.set_height(height - 2.0 * ROW_MARGIN);
                let quote: String = orphan.quote.text.chars().take(400).collect();
                ui.add(
                    egui::Label::new(
                        egui::RichText::new(format!("{}: “{quote}”", orphan.body.tag))
                            .color(palette.text),
                    )
                    .truncate(),
                );
                let note = if orphan.body.note.is_empty() {
                    egui::RichText::new("No note")
                        .small()
                        .color(palette.weak_text)
                } else {
                    egui::RichText::new(format!("Note: {}", orphan.body.note))
                        .small()
                        .color(palette.text)
                };
                ui.add(egui::Label::new(note).truncate());
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
    });
}
