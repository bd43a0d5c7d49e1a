//! The exchange questions: File › Export annotations… (which format, with one line on what
//! each is for and the offset unit its reader counts in, and the format's options) and File ›
//! Import annotations… (which format, then what the import brought and left out, and whether to
//! add the annotations to the open session or open them as a new one).

use crate::export::{ExportOptions, Format, Loss};
use crate::model::Unit;

/// The export question: a format and its options.
#[derive(Clone, Debug)]
pub struct ExportBox {
    /// The format chosen.
    pub format: Format,
    /// CSV's byte order mark, ClaimReview's organisation.
    pub options: ExportOptions,
    /// How many annotations the session has (said in the heading).
    pub annotations: usize,
}

/// What the user chose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportAnswer {
    /// Pick where to write this format.
    Export(Format),
    /// Close without exporting.
    Cancel,
}

/// How an offset unit reads in the picker.
fn unit_text(unit: Option<Unit>) -> &'static str {
    match unit {
        Some(Unit::Utf16) => "offsets in UTF-16 code units",
        Some(Unit::CodePoint) => "offsets in code points",
        Some(Unit::Byte) => "offsets in bytes",
        None => "no offsets",
    }
}

impl ExportBox {
    /// Shows the box; the answer once given.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<ExportAnswer> {
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("export-box")).show(ctx, |ui| {
            ui.set_width(560.0);
            ui.heading("Export annotations");
            ui.label(format!(
                "Write this session's {} annotation{} for another tool. What a format cannot hold is listed afterwards, never dropped silently.",
                self.annotations,
                if self.annotations == 1 { "" } else { "s" }
            ));
            ui.add_space(4.0);
            for format in Format::ALL {
                ui.horizontal_wrapped(|ui| {
                    ui.radio_value(&mut self.format, format, format.label());
                    ui.label(
                        egui::RichText::new(format!(
                            "{} · {}",
                            format.about(),
                            unit_text(format.unit())
                        ))
                        .small()
                        .weak(),
                    );
                });
            }
            ui.add_space(4.0);
            match self.format {
                Format::Csv => {
                    ui.checkbox(
                        &mut self.options.csv_bom,
                        "Start with a byte order mark (Excel reads the file as UTF-8)",
                    );
                }
                Format::ClaimReview => {
                    egui::Grid::new("claimreview-options")
                        .num_columns(2)
                        .show(ui, |ui| {
                            let label = ui.label("Publishing organisation:");
                            ui.add(
                                egui::TextEdit::singleline(&mut self.options.organisation)
                                    .hint_text("your desk's name")
                                    .desired_width(300.0),
                            )
                            .labelled_by(label.id);
                            ui.end_row();
                            let label = ui.label("Published at:");
                            ui.add(
                                egui::TextEdit::singleline(&mut self.options.review_url)
                                    .hint_text("https://… the report's address")
                                    .desired_width(300.0),
                            )
                            .labelled_by(label.id);
                            ui.end_row();
                        });
                }
                _ => {}
            }
            ui.separator();
            let enter = ui.input(|i| i.key_pressed(egui::Key::Enter));
            let button = if self.format == Format::Brat {
                "Choose folder…"
            } else {
                "Choose file…"
            };
            ui.horizontal(|ui| {
                if ui.button(button).clicked() || enter {
                    answer = Some(ExportAnswer::Export(self.format));
                }
                if ui.button("Cancel").clicked() || super::escape_pressed(ui) {
                    answer = Some(ExportAnswer::Cancel);
                }
            });
        });
        answer
    }
}

/// The import question: a format to read.
#[derive(Clone, Debug)]
pub struct ImportBox {
    /// The format chosen.
    pub format: Format,
}

/// What the user chose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportAnswer {
    /// Pick a file of this format.
    Import(Format),
    /// Close without importing.
    Cancel,
}

impl ImportBox {
    /// Shows the box; the answer once given.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<ImportAnswer> {
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("import-box")).show(ctx, |ui| {
            ui.set_width(520.0);
            ui.heading("Import annotations");
            ui.label("Bring another tool's annotations over. Labels become tags by name (Claim, Statistic, Quote, in any case); anything that cannot be brought over is listed before anything changes.");
            ui.add_space(4.0);
            for format in Format::ALL.into_iter().filter(|f| f.can_import()) {
                ui.horizontal_wrapped(|ui| {
                    ui.radio_value(&mut self.format, format, format.label());
                    ui.label(egui::RichText::new(unit_text(format.unit())).small().weak());
                });
            }
            ui.separator();
            let enter = ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.horizontal(|ui| {
                if ui.button("Choose file…").clicked() || enter {
                    answer = Some(ImportAnswer::Import(self.format));
                }
                if ui.button("Cancel").clicked() || super::escape_pressed(ui) {
                    answer = Some(ImportAnswer::Cancel);
                }
            });
        });
        answer
    }
}

/// One document an import brought in, as the result question lists it.
#[derive(Clone, Debug)]
pub struct ImportedDocument {
    /// Its name in the file.
    pub name: String,
    /// How many annotations it has.
    pub annotations: usize,
    /// True when its text is the open article's, so its annotations can join the session.
    pub same_article: bool,
}

/// What an import brought and left out, and what to do with it.
#[derive(Clone, Debug)]
pub struct ImportResult {
    /// The file read.
    pub file: String,
    /// The documents it holds (at least one).
    pub documents: Vec<ImportedDocument>,
    /// The document chosen (index into `documents`).
    pub chosen: usize,
    /// Everything that could not be imported.
    pub left_out: Vec<Loss>,
}

/// What the user chose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportResultAnswer {
    /// Add the chosen document's annotations to the open session (one undo step).
    AddToSession(usize),
    /// Open the chosen document as a new, unsaved session.
    OpenAsNew(usize),
    /// Do nothing.
    Cancel,
}

impl ImportResult {
    /// Shows the result; the answer once given.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<ImportResultAnswer> {
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("import-result")).show(ctx, |ui| {
            ui.set_width(600.0);
            ui.heading(format!("Import from {}", self.file));
            if self.documents.len() > 1 {
                ui.label(format!(
                    "The file holds {} documents; choose one (`factmark import` writes them all):",
                    self.documents.len()
                ));
                egui::ScrollArea::vertical()
                    .id_salt("import-documents")
                    .max_height(160.0)
                    .show(ui, |ui| {
                        for (k, document) in self.documents.iter().enumerate() {
                            ui.radio_value(
                                &mut self.chosen,
                                k,
                                format!("{} · {} annotations", document.name, document.annotations),
                            );
                        }
                    });
            }
            let Some(document) = self.documents.get(self.chosen) else {
                answer = Some(ImportResultAnswer::Cancel);
                return;
            };
            ui.label(format!(
                "{} annotation{} to bring over.",
                document.annotations,
                if document.annotations == 1 { "" } else { "s" }
            ));
            if !self.left_out.is_empty() {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!(
                        "{} could not be imported and will be left out:",
                        if self.left_out.len() == 1 {
                            "1 annotation".to_owned()
                        } else {
                            format!("{} annotations", self.left_out.len())
                        }
                    ),
                );
                egui::ScrollArea::vertical()
                    .id_salt("import-left-out")
                    .max_height(200.0)
                    .show(ui, |ui| {
                        for loss in &self.left_out {
                            ui.label(egui::RichText::new(loss.to_string()).small());
                        }
                    });
            }
            ui.separator();
            ui.horizontal_wrapped(|ui| {
                let chosen = self.chosen;
                if document.same_article
                    && ui
                        .button("Add to this session")
                        .on_hover_text("The file's text is this article's: its annotations join yours, as one undo step")
                        .clicked()
                {
                    answer = Some(ImportResultAnswer::AddToSession(chosen));
                }
                if ui
                    .button("Open as a new session")
                    .on_hover_text("Opens the document with its annotations, unsaved")
                    .clicked()
                {
                    answer = Some(ImportResultAnswer::OpenAsNew(chosen));
                }
                if ui.button("Cancel").clicked() || super::escape_pressed(ui) {
                    answer = Some(ImportResultAnswer::Cancel);
                }
            });
        });
        answer
    }
}
