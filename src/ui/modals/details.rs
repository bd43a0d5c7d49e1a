//! The Article details box: the article's URL, publisher, author and publication date. The
//! URL is checked before the box closes; a refused URL stays in the field to be corrected.

use crate::model::ArticleDetails;

/// The details being edited, and why the last Save was refused.
#[derive(Clone, Debug, Default)]
pub struct DetailsBox {
    /// The fields as typed.
    pub details: ArticleDetails,
    /// Why Save was refused.
    problem: Option<String>,
    /// The first field has been given the keyboard.
    focused: bool,
}

/// What the user chose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DetailsAnswer {
    /// Save these details.
    Save(ArticleDetails),
    /// Close without changing anything.
    Cancel,
}

impl DetailsBox {
    /// A box showing the details the session has now.
    pub fn new(details: ArticleDetails) -> Self {
        Self {
            details,
            ..Self::default()
        }
    }

    /// Shows the box; the answer once given.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<DetailsAnswer> {
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("details-box")).show(ctx, |ui| {
            ui.set_width(480.0);
            ui.heading("Article details");
            let mut changed = false;
            egui::Grid::new("details-grid")
                .num_columns(2)
                .spacing([8.0, 6.0])
                .show(ui, |ui| {
                    let fields: [(&str, &str, &mut String); 4] = [
                        ("URL", "https://…", &mut self.details.url),
                        ("Publisher", "the outlet", &mut self.details.publisher),
                        ("Author", "the byline", &mut self.details.author),
                        ("Published", "2025-09-11", &mut self.details.published),
                    ];
                    for (k, (name, hint, value)) in fields.into_iter().enumerate() {
                        let label = ui.label(name);
                        let field = ui
                            .add(
                                egui::TextEdit::singleline(value)
                                    .hint_text(hint)
                                    .desired_width(360.0),
                            )
                            .labelled_by(label.id);
                        if k == 0 && !std::mem::replace(&mut self.focused, true) {
                            field.request_focus();
                        }
                        changed |= field.changed();
                        ui.end_row();
                    }
                });
            if changed {
                self.problem = None;
            }
            if let Some(problem) = &self.problem {
                ui.colored_label(
                    ui.visuals().error_fg_color,
                    format!("Not saved: {problem}."),
                );
            }
            ui.horizontal(|ui| {
                let enter = ui.input(|i| i.key_pressed(egui::Key::Enter));
                if ui.button("Save").clicked() || enter {
                    let mut details = self.details.clone();
                    for value in [
                        &mut details.url,
                        &mut details.publisher,
                        &mut details.author,
                        &mut details.published,
                    ] {
                        *value = value.trim().to_owned();
                    }
                    match details.problem() {
                        Some(problem) => self.problem = Some(problem),
                        None => answer = Some(DetailsAnswer::Save(details)),
                    }
                }
                if ui.button("Cancel").clicked() || super::escape_pressed(ui) {
                    answer = Some(DetailsAnswer::Cancel);
                }
            });
        });
        answer
    }
}
