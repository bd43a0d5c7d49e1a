//! Saving on a worker, so no frame waits for a large session to be written: starting a save
//! (a second Ctrl+S while one runs is written after it), taking its outcome (the questions it
//! raises open then, and whatever waited for the save goes on), and waiting for it when the
//! window closes.

use std::path::PathBuf;

use super::{FactmarkApp, Modal};
use crate::ui::modals::{DiskConflict, ReplaceQuestion};
use crate::workspace::jobs::{Job, Polled};
use crate::workspace::save::{self, SaveOutcome, Written};

/// A save running on a worker.
pub(super) struct SaveTask {
    job: Job<Written>,
    path: PathBuf,
    /// The document it saves (`FactmarkApp::generation` when it started).
    generation: u64,
}

impl FactmarkApp {
    /// Starts saving to `path` through the workspace's guarded save, on a worker. A question
    /// it raises (changed on disk, replace a file this window did not read) opens when it
    /// ends; `after_save` runs once it has written. While a save runs, this one is written
    /// after it (with whatever changed meanwhile).
    pub(super) fn save_to(&mut self, path: PathBuf, confirmed: bool) {
        if self.saving.is_some() {
            self.save_queued = Some((path, confirmed));
            return;
        }
        self.prepare_session_folder(&path);
        let pending = save::begin(&mut self.doc, path.clone(), confirmed);
        let label = format!("Saving {}", path.display());
        match Job::spawn(self.waker(), "save", label, move |_| pending.write()) {
            Ok(job) => {
                self.saving = Some(SaveTask {
                    job,
                    path,
                    generation: self.generation,
                });
            }
            Err(error) => {
                self.doc.finish_save(None);
                self.after_save = None;
                self.status.error(format!(
                    "Not saved: the save could not start ({error}). Your work is unchanged."
                ));
            }
        }
    }

    /// True while a save runs.
    pub fn is_saving(&self) -> bool {
        self.saving.is_some()
    }

    /// Takes the outcome of a finished save. Called once per frame.
    pub(super) fn poll_save(&mut self) {
        let Some(task) = &self.saving else {
            return;
        };
        let written = match task.job.poll() {
            Polled::Running => return,
            Polled::Done(written) => Some(written),
            Polled::Lost => None,
        };
        if let Some(SaveTask {
            path, generation, ..
        }) = self.saving.take()
        {
            self.save_ended(path, generation, written);
        }
    }

    /// Waits for a running save, and the one queued after it (the window is closing: the
    /// files must be complete first).
    pub(super) fn wait_for_save(&mut self) {
        // Ending a save starts the queued one, if any: wait for that too.
        while let Some(SaveTask {
            job,
            path,
            generation,
        }) = self.saving.take()
        {
            let written = match job.wait() {
                Polled::Done(written) => Some(written),
                Polled::Running | Polled::Lost => None,
            };
            self.save_ended(path, generation, written);
        }
    }

    /// What a save to `path` for document `generation` wrote (`None`: the worker died).
    fn save_ended(&mut self, path: PathBuf, generation: u64, written: Option<Written>) {
        let Some(written) = written else {
            self.doc.finish_save(None);
            self.after_save = None;
            self.save_queued = None;
            self.status
                .error("Not saved: the save stopped unexpectedly. Your work is unchanged.");
            return;
        };
        if generation != self.generation {
            // Another document is open now; this one's file is written (or not) all the same.
            match written.error() {
                None => self.status.info(format!("Saved to {}", path.display())),
                Some(error) => self.status.error(format!("Not saved: {error}")),
            }
            return;
        }
        match save::finish(&mut self.doc, written) {
            SaveOutcome::Saved => {
                self.status.info(format!("Saved to {}", path.display()));
                self.prefs.remember_recent(&path);
                self.autosave.rebind(Some(&path), &mut self.status);
                self.folder_saved(&path);
                if let Some((path, confirmed)) = self.save_queued.take() {
                    self.save_to(path, confirmed);
                } else if let Some(next) = self.after_save.take() {
                    // Asks again if something was changed while the save ran.
                    self.guard(next);
                }
            }
            SaveOutcome::ChangedOnDisk => {
                self.save_queued = None;
                let reading = self.read_disk_version(&path);
                let dirty = self.doc.is_dirty();
                self.open_modal(Modal::DiskConflict(Box::new(DiskConflict::new(
                    path, dirty, reading,
                ))));
            }
            SaveOutcome::Exists { holds } => {
                self.save_queued = None;
                self.open_modal(Modal::Replace(ReplaceQuestion { path, holds }));
            }
            SaveOutcome::Failed(message) => {
                self.save_queued = None;
                self.after_save = None;
                self.status.error(message);
            }
        }
    }
}
