//! "Unsaved changes: save them first?" before anything that would replace the open work.

/// The question, naming the document.
#[derive(Clone, Debug)]
pub struct UnsavedQuestion {
    /// The document's name as the title bar shows it.
    pub name: String,
}

/// What the user chose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnsavedAnswer {
    /// Save, then go on.
    Save,
    /// Go on without saving (the work is deliberately dropped).
    Discard,
    /// Do nothing (Esc too).
    Cancel,
}

impl UnsavedQuestion {
    /// Shows the question; the answer once given.
    pub fn show(&self, ctx: &egui::Context) -> Option<UnsavedAnswer> {
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("unsaved-changes")).show(ctx, |ui| {
            ui.set_width(420.0);
            ui.heading("Unsaved changes");
            ui.label(format!(
                "“{}” has changes that are not saved. Save them first?",
                self.name
            ));
            ui.add_space(8.0);
            answer = super::answer_row(
                ui,
                &[
                    ("Save", UnsavedAnswer::Save),
                    ("Discard changes", UnsavedAnswer::Discard),
                ],
                UnsavedAnswer::Cancel,
            );
        });
        answer
    }
}
