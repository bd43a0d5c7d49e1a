//! "The file changed on disk": the bound file was changed by another program since it was
//! loaded or saved. Overwrite, save as, or reload; the question says what each choice costs
//! (reloading keeps the unsaved version as a recovery copy), so none loses work silently.
//! The file on disk is read on a worker while the question shows.

use std::path::PathBuf;

use crate::store::Loaded;
use crate::workspace::jobs::{Job, Polled};
use crate::workspace::{Document, save};

/// The question and what is known about the file on disk.
pub struct DiskConflict {
    /// The bound file.
    pub path: PathBuf,
    /// This window has unsaved changes (then reloading sets them aside).
    pub dirty: bool,
    /// The file on disk, once read.
    theirs: Option<Result<Loaded, String>>,
    /// What the file on disk differs in from this window's version, worked out once when it
    /// has been read (not every frame the question shows).
    comparison: String,
    /// Reading the file on disk.
    reading: Option<Job<Result<Loaded, String>>>,
}

/// What the user chose.
pub enum DiskAnswer {
    /// Replace the file with this window's version.
    Overwrite,
    /// Save this window's version under another name.
    SaveAs,
    /// Open the file as it is on disk (already read).
    Reload(Box<Loaded>),
    /// Do not save (Esc too).
    Cancel,
}

impl DiskConflict {
    /// The question for `path`, with the file on disk being read by `reading` (`None`: it
    /// could not be started, the question says the file cannot be read).
    pub fn new(path: PathBuf, dirty: bool, reading: Option<Job<Result<Loaded, String>>>) -> Self {
        let theirs = reading
            .is_none()
            .then(|| Err("the file could not be read".to_owned()));
        let comparison = match &theirs {
            Some(Err(reason)) => format!("The file on disk cannot be read: {reason}"),
            _ => String::new(),
        };
        Self {
            path,
            dirty,
            theirs,
            comparison,
            reading,
        }
    }

    /// True while the file on disk is still being read.
    pub fn is_reading(&self) -> bool {
        self.reading.is_some()
    }

    /// Takes the file on disk once read and compares it with `doc`. Call once per frame.
    pub fn poll(&mut self, doc: &Document) {
        let Some(job) = &self.reading else {
            return;
        };
        let theirs = match job.poll() {
            Polled::Running => return,
            Polled::Done(result) => result,
            Polled::Lost => Err("reading it failed unexpectedly".to_owned()),
        };
        self.comparison = save::compare_with_disk(doc, &theirs);
        self.theirs = Some(theirs);
        self.reading = None;
    }

    /// Shows the question; the answer once given.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<DiskAnswer> {
        let name = super::file_name(&self.path);
        let reloadable = matches!(self.theirs, Some(Ok(_)));
        let (mut answer, mut reload) = (None, false);
        egui::Modal::new(egui::Id::unique("disk-conflict")).show(ctx, |ui| {
            ui.set_width(520.0);
            ui.heading("The file changed on disk");
            ui.label(format!(
                "{} was changed by another program (or a colleague, or another Factmark window) \
                 since you opened or saved it.",
                self.path.display()
            ));
            ui.add_space(4.0);
            ui.label(if self.theirs.is_some() {
                self.comparison.as_str()
            } else {
                "Reading the file on disk…"
            });
            ui.add_space(4.0);
            ui.label(
                egui::RichText::new(format!(
                    "Overwrite replaces the file with this window's version (the file's current \
                 content is kept as {name}.bak). Reload opens the file as it is on disk; {}",
                    if self.dirty {
                        "this window's unsaved version is kept as a recovery copy (File › \
                         Recover unsaved work), not thrown away."
                    } else {
                        "this window has no unsaved changes, so reloading loses nothing."
                    }
                ))
                .weak(),
            );
            ui.add_space(8.0);
            ui.horizontal_wrapped(|ui| {
                if ui.button("Overwrite").clicked() {
                    answer = Some(DiskAnswer::Overwrite);
                }
                if ui.button("Save as…").clicked() {
                    answer = Some(DiskAnswer::SaveAs);
                }
                if ui
                    .add_enabled(reloadable, egui::Button::new("Reload from disk"))
                    .on_hover_text(
                        "Open the file as it is now; your unsaved version is kept as a \
                         recovery copy",
                    )
                    .clicked()
                {
                    // Answered below, once the closure no longer borrows `self`.
                    reload = true;
                }
                if ui.button("Cancel").clicked() || super::escape_pressed(ui) {
                    answer = Some(DiskAnswer::Cancel);
                }
            });
        });
        if reload && let Some(Ok(loaded)) = self.theirs.take() {
            return Some(DiskAnswer::Reload(Box::new(loaded)));
        }
        answer
    }
}
