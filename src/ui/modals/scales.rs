//! The rating scales editor: the desk's verdicts for claims and statistics, and the
//! attribution verdicts for quotes; names, descriptions, colours and order. Saving hands the
//! app the new scales with the renames made, so verdicts follow a renamed rating; a rating
//! removed while verdicts use it is kept as retired by the model (nothing is dropped).

use crate::model::{Colour, Rating, Scale, ScaleKind, Scales};

/// One rating as edited, remembering the name it had when the editor opened.
#[derive(Clone, Debug)]
struct Row {
    original: Option<String>,
    name: String,
    description: String,
    colour: [u8; 3],
}

/// The scales being edited.
#[derive(Clone, Debug)]
pub struct ScalesEditor {
    rows: [Vec<Row>; 2],
    /// Which scale is shown.
    kind: ScaleKind,
    /// Why Save was refused.
    problem: Option<String>,
}

/// One scale's edit: the ratings, and `(old name, new name)` for each rename.
pub type ScaleChange = (ScaleKind, Scale, Vec<(String, String)>);

/// What the user chose.
#[derive(Clone, Debug, PartialEq)]
pub enum ScalesAnswer {
    /// Apply these changes (one per scale that changed).
    Save(Vec<ScaleChange>),
    /// Close without changing anything.
    Cancel,
}

impl ScalesEditor {
    /// An editor over the session's scales (the ratings offered; retired ones are offered
    /// again by adding a rating with the same name).
    pub fn new(scales: &Scales) -> Self {
        let rows = ScaleKind::ALL.map(|kind| {
            scales
                .get(kind)
                .offered()
                .map(|r| Row {
                    original: Some(r.name.clone()),
                    name: r.name.clone(),
                    description: r.description.clone(),
                    colour: r.colour.0,
                })
                .collect()
        });
        Self {
            rows,
            kind: ScaleKind::Rating,
            problem: None,
        }
    }

    /// The edited scales as changes against `scales`; an error names what is wrong.
    fn changes(&self, scales: &Scales) -> Result<Vec<ScaleChange>, String> {
        let mut changes = Vec::new();
        for kind in ScaleKind::ALL {
            let rows = &self.rows[kind.index()];
            let scale = Scale {
                ratings: rows
                    .iter()
                    .map(|row| Rating {
                        name: row.name.trim().to_owned(),
                        description: row.description.trim().to_owned(),
                        colour: Colour(row.colour),
                        retired: false,
                    })
                    .collect(),
            };
            if scale.ratings.is_empty() {
                return Err(format!("the {} needs at least one rating", kind.label()));
            }
            if let Some(problem) = scale.problem() {
                return Err(format!("in the {}: {problem}", kind.label()));
            }
            let renames: Vec<(String, String)> = rows
                .iter()
                .filter_map(|row| {
                    let old = row.original.as_ref()?;
                    let new = row.name.trim();
                    (old != new).then(|| (old.clone(), new.to_owned()))
                })
                .collect();
            let offered: Vec<&Rating> = scales.get(kind).offered().collect();
            if offered.len() != scale.ratings.len()
                || offered.iter().zip(&scale.ratings).any(|(a, b)| **a != *b)
            {
                changes.push((kind, scale, renames));
            }
        }
        Ok(changes)
    }

    /// Shows the editor; the answer once given.
    pub fn show(&mut self, ctx: &egui::Context, scales: &Scales) -> Option<ScalesAnswer> {
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("scales-editor")).show(ctx, |ui| {
            ui.set_width(620.0);
            ui.heading("Rating scales");
            ui.horizontal(|ui| {
                for kind in ScaleKind::ALL {
                    let label = match kind {
                        ScaleKind::Rating => "Claims and statistics",
                        ScaleKind::Attribution => "Quotes (attribution)",
                    };
                    if ui.selectable_label(self.kind == kind, label).clicked() {
                        self.kind = kind;
                    }
                }
            });
            ui.label(
                egui::RichText::new(
                    "Stored in the session, so colleagues see the same scale. Renaming a rating moves its verdicts; removing one that verdicts use keeps it, retired and flagged.",
                )
                .small()
                .weak(),
            );
            ui.separator();
            let rows = &mut self.rows[self.kind.index()];
            let mut remove = None;
            let mut swap = None;
            let count = rows.len();
            egui::ScrollArea::vertical().max_height(360.0).show(ui, |ui| {
                egui::Grid::new(("scale-grid", self.kind.index()))
                    .num_columns(5)
                    .spacing([6.0, 4.0])
                    .show(ui, |ui| {
                        for (k, row) in rows.iter_mut().enumerate() {
                            ui.label(format!("{}", k + 1));
                            ui.color_edit_button_srgb(&mut row.colour)
                                .on_hover_text("Colour of the chip and the report");
                            // Screen readers (and tests) tell the rows apart by name.
                            let n = k + 1;
                            named(
                                ui.add(
                                    egui::TextEdit::singleline(&mut row.name)
                                        .hint_text("name")
                                        .desired_width(130.0),
                                ),
                                format!("Name of rating {n}"),
                            );
                            named(
                                ui.add(
                                    egui::TextEdit::singleline(&mut row.description)
                                        .hint_text("when to give it")
                                        .desired_width(290.0),
                                ),
                                format!("Description of rating {n}"),
                            );
                            ui.horizontal(|ui| {
                                let up = ui.add_enabled(k > 0, egui::Button::new("⏶").small());
                                if named(up, format!("Move rating {n} up")).clicked() {
                                    swap = Some((k - 1, k));
                                }
                                let down = ui.add_enabled(k + 1 < count, egui::Button::new("⏷").small());
                                if named(down, format!("Move rating {n} down")).clicked() {
                                    swap = Some((k, k + 1));
                                }
                                let remove_button = ui.small_button("×");
                                if named(remove_button, format!("Remove rating {n}")).clicked() {
                                    remove = Some(k);
                                }
                            });
                            ui.end_row();
                        }
                    });
            });
            if let Some((a, b)) = swap {
                rows.swap(a, b);
            }
            if let Some(k) = remove {
                rows.remove(k);
            }
            if ui.button("Add a rating").clicked() {
                rows.push(Row {
                    original: None,
                    name: String::new(),
                    description: String::new(),
                    colour: [0x7a, 0x80, 0x87],
                });
            }
            if let Some(problem) = &self.problem {
                ui.colored_label(ui.visuals().error_fg_color, format!("Not saved: {problem}."));
            }
            ui.separator();
            ui.horizontal(|ui| {
                if ui.button("Save").clicked() {
                    match self.changes(scales) {
                        Ok(changes) => answer = Some(ScalesAnswer::Save(changes)),
                        Err(problem) => self.problem = Some(problem),
                    }
                }
                if ui.button("Cancel").clicked() || super::escape_pressed(ui) {
                    answer = Some(ScalesAnswer::Cancel);
                }
            });
        });
        answer
    }
}

/// `response` with an accessible name (and the same words as its tooltip): the editor's rows
/// have no visible labels of their own.
fn named(response: egui::Response, name: String) -> egui::Response {
    response.accessible_name(&name).on_hover_text(name)
}
