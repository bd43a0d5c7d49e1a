//! "Replace NAME?": saving found a file this window did not read at the target. (A file this
//! version cannot read never gets here: it is refused outright.)

use std::path::PathBuf;

/// The question, with what the file holds.
#[derive(Clone, Debug)]
pub struct ReplaceQuestion {
    /// The save target.
    pub path: PathBuf,
    /// What is there now ("a session on “T” with 3 annotations").
    pub holds: String,
}

/// What the user chose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReplaceAnswer {
    /// Replace the file (its content is kept as a `.bak`).
    Replace,
    /// Choose another name.
    SaveAs,
    /// Do not save (Esc too).
    Cancel,
}

impl ReplaceQuestion {
    /// Shows the question; the answer once given.
    pub fn show(&self, ctx: &egui::Context) -> Option<ReplaceAnswer> {
        let name = super::file_name(&self.path);
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("replace-file")).show(ctx, |ui| {
            ui.set_width(500.0);
            ui.heading(format!("Replace {name}?"));
            ui.label(format!(
                "{} already exists and holds {}. This window did not open it, so saving here \
                 would replace someone's work.",
                self.path.display(),
                self.holds
            ));
            ui.add_space(4.0);
            ui.label(
                egui::RichText::new(format!(
                    "Replace keeps its current content as {name}.bak until the next save."
                ))
                .weak(),
            );
            ui.add_space(8.0);
            answer = super::answer_row(
                ui,
                &[
                    ("Replace", ReplaceAnswer::Replace),
                    ("Save as…", ReplaceAnswer::SaveAs),
                ],
                ReplaceAnswer::Cancel,
            );
        });
        answer
    }
}
