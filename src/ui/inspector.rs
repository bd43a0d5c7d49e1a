//! The inspector: the selected annotation's text, then the fact-check in the order an analyst
//! fills it in (tag, status, verdict, claimant or speaker, note, sources) and who made it when.
//! What the user changes goes to the command queue as actions; the inspector never mutates the
//! session.
//!
//! The quoted text sits in a box of one fixed height (scrolling when longer) and the sources
//! come after the note, so the note is at the same place for every annotation: the eye and the
//! mouse learn where it is.

mod fields;
mod sources;

use super::commands::{Action, CommandQueue};
use super::theme::Palette;
use crate::model::{Annotation, Session};

pub use sources::SourceDraft;

/// Height of the quoted-text box: three lines of body text.
const EXCERPT_HEIGHT: f32 = 58.0;

/// Which field of the inspector takes the keyboard on the next frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    /// The note (Enter / N).
    Note,
    /// The claimant or speaker (W).
    Claimant,
    /// The new source's URL (L).
    SourceUrl,
}

/// What the inspector keeps between frames: where the keyboard goes next, the source being
/// typed, and the names offered as claimants.
#[derive(Debug, Default)]
pub struct InspectorState {
    /// Give this field the keyboard on the next frame.
    pub focus: Option<Focus>,
    /// The source being typed (kept when another annotation is selected, so nothing typed is
    /// lost).
    pub draft: SourceDraft,
    /// Every claimant name in the session, most used first, with the revision it was
    /// gathered at; gathered only while the claimant field has the keyboard.
    names: Option<(u64, Vec<String>)>,
}

impl InspectorState {
    /// The session's claimant names, most used first (then alphabetically).
    fn names(&mut self, session: &Session) -> &[String] {
        let revision = session.revision();
        if self.names.as_ref().is_none_or(|(r, _)| *r != revision) {
            let mut counts: std::collections::HashMap<&str, usize> =
                std::collections::HashMap::new();
            for annotation in session.annotations() {
                let name = annotation.body.claimant.trim();
                if !name.is_empty() {
                    *counts.entry(name).or_default() += 1;
                }
            }
            let mut names: Vec<(&str, usize)> = counts.into_iter().collect();
            names.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            self.names = Some((
                revision,
                names.into_iter().map(|(n, _)| n.to_owned()).collect(),
            ));
        }
        self.names.as_ref().map_or(&[], |(_, names)| names)
    }
}

/// Shows the inspector for `annotation`, or a hint when nothing is selected.
pub fn show(
    ui: &mut egui::Ui,
    session: &Session,
    annotation: Option<&Annotation>,
    palette: &Palette,
    state: &mut InspectorState,
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
    excerpt(ui, session, annotation, palette);
    let focus = state.focus.take();
    fields::tag_row(ui, annotation, palette, commands);
    fields::status_row(ui, annotation, palette, commands);
    fields::verdict_row(ui, session, annotation, commands);
    fields::claimant_row(
        ui,
        session,
        annotation,
        state,
        focus == Some(Focus::Claimant),
        commands,
    );
    note(ui, annotation, focus == Some(Focus::Note), commands);
    sources::show(
        ui,
        annotation,
        palette,
        &mut state.draft,
        focus == Some(Focus::SourceUrl),
        commands,
    );
    made_by(ui, annotation, palette);
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

/// The quoted text in its fixed-height box, and the "Claim #3 · 18 characters" line.
fn excerpt(ui: &mut egui::Ui, session: &Session, annotation: &Annotation, palette: &Palette) {
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
}

/// The multi-line note; `focus`: put the cursor at its end (Enter / N).
fn note(ui: &mut egui::Ui, annotation: &Annotation, focus: bool, commands: &mut CommandQueue) {
    let label = ui.label("Note:");
    let mut note = annotation.body.note.clone();
    let response = ui
        .add(
            egui::TextEdit::multiline(&mut note)
                .id_salt(("note", annotation.id.0))
                .hint_text("What was checked and how (Enter to write, Esc to leave)")
                .desired_rows(3)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    if focus {
        focus_at_end(ui, &response, note.chars().count());
    }
    if response.changed() {
        commands.push(Action::TypeNote(annotation.id, note));
    }
    if response.lost_focus() {
        commands.push(Action::FinishNote);
    }
}

/// Gives `response`'s text field the keyboard with the cursor after its `chars` characters:
/// a field is added to more often than rewritten.
fn focus_at_end(ui: &egui::Ui, response: &egui::Response, chars: usize) {
    response.request_focus();
    if let Some(mut state) = egui::TextEdit::load_state(ui.ctx(), response.id) {
        let end = egui::text::CCursor::new(chars);
        state
            .cursor
            .set_char_range(Some(egui::text::CCursorRange::one(end)));
        state.store(ui.ctx(), response.id);
    }
}

/// "Made by Jana · 2026-12-03 14:20 UTC · changed 14:25".
fn made_by(ui: &mut egui::Ui, annotation: &Annotation, palette: &Palette) {
    let body = &annotation.body;
    let when = |stamp: &crate::model::Stamp| {
        let text = stamp.as_str();
        format!("{} {}", stamp.date(), text.get(11..16).unwrap_or(""))
    };
    let mut parts = Vec::new();
    if !body.analyst.is_empty() {
        parts.push(format!("By {}", body.analyst));
    }
    if let Some(created) = &body.created {
        parts.push(format!("{} UTC", when(created)));
    }
    if let Some(changed) = &body.changed
        && body.created.as_ref() != Some(changed)
    {
        let changed_text =
            if body.created.as_ref().map(crate::model::Stamp::date) == Some(changed.date()) {
                changed.as_str().get(11..16).unwrap_or("").to_owned()
            } else {
                when(changed)
            };
        parts.push(format!("changed {changed_text}"));
    }
    if parts.is_empty() {
        return;
    }
    let line = ui.label(
        egui::RichText::new(parts.join(" · "))
            .small()
            .color(palette.weak_text),
    );
    if let (Some(created), Some(changed)) = (&body.created, &body.changed) {
        line.on_hover_text(format!("Created {created}\nLast changed {changed}"));
    }
}
