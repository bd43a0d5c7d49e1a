//! The inspector: the selected annotation's text, tag (changeable), note (multi-line) and
//! a delete button. What the user changes goes to the command queue as actions; the
//! inspector never mutates the session.

use super::commands::{Action, CommandQueue};
use super::theme::Palette;
use crate::model::{Annotation, Session, Tag};

/// Shows the inspector for `annotation`, or a hint when nothing is selected.
pub fn show(
    ui: &mut egui::Ui,
    session: &Session,
    annotation: Option<&Annotation>,
    palette: &Palette,
    commands: &mut CommandQueue,
) {
    ui.heading("Inspector");
    let Some(annotation) = annotation else {
        ui.label(
            egui::RichText::new("Click a highlight or a row below to inspect an annotation.")
                .color(palette.weak_text),
        );
        return;
    };
    let article = session.article();
    let (start, end) = (
        article
            .char_of_byte(annotation.span.start)
            .unwrap_or_default(),
        article
            .char_of_byte(annotation.span.end)
            .unwrap_or_default(),
    );
    let excerpt: String = session.text_of(annotation).chars().take(400).collect();
    egui::Frame::new()
        .fill(palette.tint(annotation.body.tag))
        .inner_margin(6.0)
        .corner_radius(4.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(egui::RichText::new(format!("“{excerpt}”")).color(palette.text));
        });
    ui.label(
        egui::RichText::new(format!("{} · characters {start}–{end}", annotation.id))
            .small()
            .color(palette.weak_text),
    );
    ui.horizontal(|ui| {
        ui.label("Tag:");
        for tag in Tag::ALL {
            let current = annotation.body.tag == tag;
            let chip = egui::Button::new(egui::RichText::new(tag.label()).color(if current {
                palette.text
            } else {
                palette.weak_text
            }))
            .fill(if current {
                palette.tint(tag)
            } else {
                egui::Color32::TRANSPARENT
            })
            .stroke(egui::Stroke::new(1.0, palette.tag_color(tag)))
            .selected(current);
            if ui
                .add(chip)
                .on_hover_text(format!(
                    "Change the tag to {} (key {})",
                    tag.label().to_lowercase(),
                    tag.digit()
                ))
                .clicked()
                && !current
            {
                commands.push(Action::Retag(annotation.id, tag));
            }
        }
    });
    let label = ui.label("Note:");
    let mut note = annotation.body.note.clone();
    let response = ui
        .add(
            egui::TextEdit::multiline(&mut note)
                .id_salt(("note", annotation.id.0))
                .hint_text("Why it matters, sources, verdict…")
                .desired_rows(4)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    if response.changed() {
        commands.push(Action::TypeNote(annotation.id, note));
    }
    if response.lost_focus() {
        commands.push(Action::FinishNote);
    }
    if ui
        .button("Delete annotation")
        .on_hover_text("Delete (Del)")
        .clicked()
    {
        commands.push(Action::Delete(annotation.id));
    }
}
