//! The inspector: the selected annotation's text, tag (changeable), note (multi-line) and
//! a delete button. What the user changes goes to the command queue as actions; the
//! inspector never mutates the session.
//!
//! The quoted text sits in a box of one fixed height (scrolling when longer), so the tag
//! chips and the note are at the same place for every annotation: the eye and the mouse
//! learn where the note is.

use super::commands::{Action, CommandQueue};
use super::theme::Palette;
use crate::model::{Annotation, Session, Tag};

/// Height of the quoted-text box: three lines of body text.
const EXCERPT_HEIGHT: f32 = 58.0;

/// Shows the inspector for `annotation`, or a hint when nothing is selected; `focus_note`:
/// put the cursor in the note (Enter / N).
pub fn show(
    ui: &mut egui::Ui,
    session: &Session,
    annotation: Option<&Annotation>,
    palette: &Palette,
    focus_note: bool,
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
    let text = session.text_of(annotation);
    let mut excerpt: String = text.chars().take(1_000).collect();
    if excerpt.len() < text.len() {
        excerpt.push('…');
    }
    egui::Frame::new()
        .fill(palette.tint(annotation.body.tag))
        .inner_margin(6.0)
        .corner_radius(4.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.set_height(EXCERPT_HEIGHT);
            egui::ScrollArea::vertical()
                .id_salt(("excerpt", annotation.id.0))
                .max_height(EXCERPT_HEIGHT)
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    ui.label(egui::RichText::new(format!("“{excerpt}”")).color(palette.text));
                });
        });
    let length = end.saturating_sub(start);
    ui.label(
        egui::RichText::new(format!(
            "{} {} · {length} characters",
            annotation.body.tag.label(),
            annotation.id
        ))
        .color(palette.weak_text),
    )
    .on_hover_text(format!(
        "Characters {start}–{end} of the article (code points, as in the session file and exports)"
    ));
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
                .hint_text("Why it matters, sources, verdict… (Enter to write, Esc to leave)")
                .desired_rows(4)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    if focus_note {
        response.request_focus();
        // The cursor at the end: a note is added to more often than rewritten.
        if let Some(mut state) = egui::TextEdit::load_state(ui.ctx(), response.id) {
            let end = egui::text::CCursor::new(note.chars().count());
            state
                .cursor
                .set_char_range(Some(egui::text::CCursorRange::one(end)));
            state.store(ui.ctx(), response.id);
        }
    }
    if response.changed() {
        commands.push(Action::TypeNote(annotation.id, note));
    }
    if response.lost_focus() {
        commands.push(Action::FinishNote);
    }
    if ui
        .button("Delete annotation")
        .on_hover_text(
            "Delete it with its note (Delete or Backspace on the article; Ctrl+Z brings it back)",
        )
        .clicked()
    {
        commands.push(Action::Delete(annotation.id));
    }
}
