//! The inspector's sources: each one a link (opened in the browser only when clicked) or a
//! citation, with its primary mark and a remove button; then the form that adds one, which
//! checks the URL and keeps what was typed when it is refused.

use super::focus_at_end;
use crate::model::{Annotation, Source};
use crate::ui::commands::{Action, CommandQueue};
use crate::ui::theme::Palette;

/// The source being typed, and why the last Add was refused.
#[derive(Clone, Debug, Default)]
pub struct SourceDraft {
    /// The URL typed so far.
    pub url: String,
    /// The citation typed so far.
    pub citation: String,
    /// The primary-source box.
    pub primary: bool,
    /// Why the last Add was refused, shown under the form until the text changes.
    pub problem: Option<String>,
    /// The form is shown (Add source…, or L); it stays while it holds text.
    pub open: bool,
    /// Give the URL field the keyboard on the next frame (the button opened the form).
    focus_next: bool,
}

impl SourceDraft {
    /// The source to add, or why it cannot be added. A URL typed without a scheme is read
    /// as `https://`, which is what people mean by `spring96.org/en`.
    pub fn source(&self) -> Result<Source, String> {
        let mut url = self.url.trim().to_owned();
        if !url.is_empty() && !url.contains("://") && !url.contains(':') && url.contains('.') {
            url = format!("https://{url}");
        }
        let source = Source {
            url,
            citation: self.citation.trim().to_owned(),
            primary: self.primary,
        };
        match source.problem() {
            Some(problem) => Err(problem),
            None => Ok(source),
        }
    }
}

/// The sources list and the add form; `focus`: the URL field takes the keyboard (L).
pub(super) fn show(
    ui: &mut egui::Ui,
    annotation: &Annotation,
    palette: &Palette,
    draft: &mut SourceDraft,
    focus: bool,
    commands: &mut CommandQueue,
) {
    let id = annotation.id;
    let sources = &annotation.body.sources;
    ui.label(if sources.is_empty() {
        "Sources: none yet".to_owned()
    } else {
        format!("Sources ({}):", sources.len())
    });
    for (k, source) in sources.iter().enumerate() {
        ui.horizontal(|ui| {
            // The remove button first, at the right edge, so a long title wraps before it.
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
                if ui
                    .small_button("×")
                    .on_hover_text("Remove this source (Ctrl+Z brings it back)")
                    .clicked()
                {
                    commands.push(Action::RemoveSource(id, k));
                }
                let mut primary = source.primary;
                if ui
                    .checkbox(&mut primary, "")
                    .on_hover_text(
                        "Primary source (the data, the document, the speaker's own words)",
                    )
                    .changed()
                {
                    commands.push(Action::TogglePrimary(id, k));
                }
                ui.with_layout(
                    egui::Layout::left_to_right(egui::Align::Min).with_main_wrap(true),
                    |ui| {
                        if source.primary {
                            ui.label(egui::RichText::new("primary").small().strong());
                        }
                        if source.url.is_empty() {
                            ui.label(&source.citation);
                        } else {
                            // egui opens the URL through the platform only on this click.
                            ui.hyperlink_to(source.title(), &source.url)
                                .on_hover_text(&source.url);
                        }
                    },
                );
            });
        });
    }
    if focus {
        draft.open = true;
    }
    let typed = !draft.url.is_empty() || !draft.citation.is_empty() || draft.problem.is_some();
    if !draft.open && !typed {
        // One line until wanted: the note and the list keep their room.
        if ui
            .button(egui::RichText::new("Add source… (L)").color(palette.weak_text))
            .clicked()
        {
            draft.open = true;
            draft.focus_next = true;
        }
        return;
    }
    let focus = focus || std::mem::take(&mut draft.focus_next);
    ui.label(egui::RichText::new("Add a source (L):").color(palette.weak_text));
    let url = ui
        .horizontal(|ui| {
            let label = ui.label("URL:");
            ui.add(
                egui::TextEdit::singleline(&mut draft.url)
                    .id_salt("source-url")
                    .hint_text("https://…")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id)
        })
        .inner;
    if focus {
        focus_at_end(ui, &url, draft.url.chars().count());
    }
    let citation = ui
        .horizontal(|ui| {
            let label = ui.label("Citation:");
            ui.add(
                egui::TextEdit::singleline(&mut draft.citation)
                    .id_salt("source-citation")
                    .hint_text("what it is, who published it, when")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id)
        })
        .inner;
    if url.changed() || citation.changed() {
        draft.problem = None;
    }
    let entered = (url.lost_focus() || citation.lost_focus())
        && ui.input(|i| i.key_pressed(egui::Key::Enter));
    let mut add = entered;
    ui.horizontal(|ui| {
        ui.checkbox(&mut draft.primary, "Primary source");
        let empty = draft.url.trim().is_empty() && draft.citation.trim().is_empty();
        add |= ui
            .add_enabled(!empty, egui::Button::new("Add source"))
            .on_disabled_hover_text("Type a URL or a citation first")
            .clicked();
    });
    if add && !(draft.url.trim().is_empty() && draft.citation.trim().is_empty()) {
        match draft.source() {
            Ok(source) => {
                commands.push(Action::AddSource(id, source));
                *draft = SourceDraft::default();
                return;
            }
            // The text stays in the fields to be corrected.
            Err(problem) => draft.problem = Some(problem),
        }
    }
    if let Some(problem) = &draft.problem {
        let message = ui.colored_label(
            ui.visuals().error_fg_color,
            format!("Not added: {problem}."),
        );
        if add {
            // The inspector scrolls: the reason must not be out of sight.
            message.scroll_to_me(None);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_domain_reads_as_https_and_bad_links_are_refused_with_a_reason() {
        let draft = |url: &str, citation: &str| SourceDraft {
            url: url.to_owned(),
            citation: citation.to_owned(),
            ..SourceDraft::default()
        };
        assert_eq!(
            draft("spring96.org/en", "").source().unwrap().url,
            "https://spring96.org/en"
        );
        assert_eq!(draft("", "Viasna list").source().unwrap().url, "");
        assert!(
            draft("javascript:alert(1)", "")
                .source()
                .unwrap_err()
                .contains("javascript")
        );
        assert!(
            draft("not a link", "")
                .source()
                .unwrap_err()
                .contains("https://")
        );
    }
}
