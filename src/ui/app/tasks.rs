//! The window's work on worker threads: opening a file (at launch too), attaching an updated
//! article and re-anchoring onto it, restoring a recovery copy, and checking whether the
//! session's article changed. The work itself is the workspace's; this starts it as a
//! [`Job`], shows its progress (with Cancel) and, once per frame, takes a finished result.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::lifecycle::OldWork;
use super::{FactmarkApp, Modal};
use crate::model::Session;
use crate::model::anchor::Reanchored;
use crate::progress::Progress;
use crate::store::RecoveryEntry;
use crate::ui::modals::ReanchorSummary;
use crate::workspace::attach::{self, AttachError};
use crate::workspace::jobs::{Job, Polled, Waker};
use crate::workspace::open::{self, Opened};
use crate::workspace::{restore, source};

/// How often a frame looks at a running job (the worker also wakes the window when it
/// finishes, so this only keeps a progress bar moving).
const POLL: std::time::Duration = std::time::Duration::from_millis(50);

/// A foreground job: the window shows its progress and a Cancel button, and takes no other
/// input until it ends.
pub(super) enum Task {
    /// Opening a file; `session_out` is the launch's `--session` target, `at_launch` true for
    /// the file named on the command line.
    Open {
        job: Job<Opened>,
        session_out: Option<PathBuf>,
        at_launch: bool,
    },
    /// Reading a recovery copy to restore it.
    Restore {
        job: Job<Result<Session, String>>,
        entry: Box<RecoveryEntry>,
    },
    /// Importing an updated article and re-anchoring onto it (`None`: cancelled).
    Attach {
        job: Job<Result<Option<Reanchored>, AttachError>>,
        path: PathBuf,
    },
}

impl Task {
    /// The job's label and progress, for the progress window.
    pub(super) fn job_info(&self) -> (&str, &Progress) {
        match self {
            Self::Open { job, .. } => (&job.label, &job.progress),
            Self::Restore { job, .. } => (&job.label, &job.progress),
            Self::Attach { job, .. } => (&job.label, &job.progress),
        }
    }

    fn cancel(&self) {
        match self {
            Self::Open { job, .. } => job.cancel(),
            Self::Restore { job, .. } => job.cancel(),
            Self::Attach { job, .. } => job.cancel(),
        }
    }
}

/// The source check running for one document generation.
pub(super) struct SourceCheck {
    generation: u64,
    job: Job<Option<PathBuf>>,
}

impl FactmarkApp {
    /// Wakes the window when a worker finishes.
    pub(super) fn waker(&self) -> Waker {
        let ctx = self.ctx.clone();
        Box::new(move || ctx.request_repaint())
    }

    /// Opens an article or session on a worker; the current work stays until it has loaded.
    pub fn open_path(&mut self, path: &Path) {
        self.start_open(path, None, false);
    }

    pub(super) fn start_open(
        &mut self,
        path: &Path,
        session_out: Option<PathBuf>,
        at_launch: bool,
    ) {
        let (job_path, out) = (path.to_path_buf(), session_out.clone());
        let job = Job::spawn(
            self.waker(),
            "open",
            format!("Opening {}…", file_name(path)),
            move |_| open::read(&job_path, out.as_deref()),
        );
        match job {
            Ok(job) => self.start_task(Task::Open {
                job,
                session_out,
                at_launch,
            }),
            Err(error) => self
                .status
                .error(format!("Could not open {}: {error}", path.display())),
        }
    }

    /// Imports the article at `path` and re-anchors the annotations onto it, on a worker.
    pub(super) fn start_attach(&mut self, path: &Path) {
        let session = self.doc.session.clone();
        let job_path = path.to_path_buf();
        let job = Job::spawn(
            self.waker(),
            "reanchor",
            format!("Re-anchoring onto {}…", file_name(path)),
            move |progress| attach::reanchor_onto(&session, &job_path, progress),
        );
        match job {
            Ok(job) => self.start_task(Task::Attach {
                job,
                path: path.to_path_buf(),
            }),
            Err(error) => self.status.error(format!("Could not re-anchor: {error}")),
        }
    }

    /// Reads the recovery copy of `entry` on a worker, to restore it.
    pub(super) fn start_restore(&mut self, entry: RecoveryEntry) {
        let Some(store) = self.autosave.store().cloned() else {
            return;
        };
        let job_entry = entry.clone();
        let job = Job::spawn(
            self.waker(),
            "restore",
            "Restoring unsaved work…",
            move |_| restore::read_copy(&store, &job_entry),
        );
        match job {
            Ok(job) => self.start_task(Task::Restore {
                job,
                entry: Box::new(entry),
            }),
            Err(error) => self.status.error(format!("Could not restore: {error}")),
        }
    }

    fn start_task(&mut self, task: Task) {
        self.open_modal(Modal::Working(task));
    }

    /// Stops the foreground job; whatever it was doing leaves the document as it was.
    pub(super) fn cancel_task(&mut self, task: &Task) {
        task.cancel();
        let (label, _) = task.job_info();
        let what = label.trim_end_matches('…').to_owned();
        self.status.info(format!("Cancelled: {what}."));
    }

    /// True while anything runs on a worker that the window is waiting for (tests wait on it).
    pub fn is_busy(&self) -> bool {
        let disk_read = matches!(&self.modal, Some(Modal::DiskConflict(q)) if q.is_reading());
        matches!(self.modal, Some(Modal::Working(_)))
            || disk_read
            || self.source_check.is_some()
            || self.autosave.is_listing()
            || self.is_saving()
            || self.desk.is_busy()
    }

    /// Takes the results of finished jobs. Called once per frame.
    pub(super) fn poll_tasks(&mut self, ctx: &egui::Context) {
        if self.is_busy() {
            ctx.request_repaint_after(POLL);
        }
        self.poll_foreground();
        self.poll_source_check();
        if let Some(Modal::DiskConflict(question)) = &mut self.modal {
            question.poll(&self.doc);
        }
    }

    fn poll_foreground(&mut self) {
        let Some(Modal::Working(task)) = &self.modal else {
            return;
        };
        // Each arm takes the result first; the task (and its modal) goes only once finished.
        match task {
            Task::Open { job, .. } => match job.poll() {
                Polled::Running => {}
                Polled::Done(opened) => {
                    if let Some(Modal::Working(Task::Open {
                        session_out,
                        at_launch,
                        ..
                    })) = self.modal.take()
                    {
                        self.finish_open(opened, session_out, at_launch);
                    }
                }
                Polled::Lost => self.task_lost("Opening the file failed unexpectedly"),
            },
            Task::Restore { job, .. } => match job.poll() {
                Polled::Running => {}
                Polled::Done(result) => {
                    if let Some(Modal::Working(Task::Restore { entry, .. })) = self.modal.take() {
                        match result {
                            Ok(session) => self.finish_restore(session, &entry),
                            Err(error) => self.status.error(format!("Could not restore: {error}")),
                        }
                    }
                }
                Polled::Lost => self.task_lost("Restoring failed unexpectedly"),
            },
            Task::Attach { job, .. } => match job.poll() {
                Polled::Running => {}
                Polled::Done(result) => {
                    if let Some(Modal::Working(Task::Attach { path, .. })) = self.modal.take() {
                        match result {
                            Ok(Some(reanchored)) => self.finish_attach(&path, reanchored),
                            Ok(None) => {}
                            Err(error) => self.status.error(error.to_string()),
                        }
                    }
                }
                Polled::Lost => self.task_lost("Re-anchoring failed unexpectedly"),
            },
        }
    }

    fn task_lost(&mut self, what: &str) {
        self.modal = None;
        self.status.error(format!(
            "{what}; your work is unchanged. Please report this."
        ));
    }

    fn finish_open(&mut self, opened: Opened, session_out: Option<PathBuf>, at_launch: bool) {
        match open::finish(opened, session_out, at_launch) {
            Ok(outcome) => {
                self.prefs.remember_recent(&outcome.recent);
                self.install(outcome.doc, OldWork::Gone);
                self.tell(outcome.notices);
            }
            Err(message) => self.status.error(message),
        }
    }

    fn finish_restore(&mut self, session: Session, entry: &RecoveryEntry) {
        self.install(restore::restored_document(session, entry), OldWork::Gone);
        // Keep it safe under this window's own key before dropping the old copy.
        self.autosave.write(&self.doc, &mut self.status);
        if let Some(store) = self.autosave.store()
            && let Err(error) = store.discard(entry)
        {
            self.status
                .error(format!("Could not remove the old recovery copy: {error}"));
        }
        self.autosave.available = self.autosave.available.saturating_sub(1);
        self.status
            .info("Restored unsaved work. Save it to keep it (Ctrl+S).");
    }

    fn finish_attach(&mut self, path: &Path, reanchored: Reanchored) {
        let doc = attach::reanchored_document(&self.doc, reanchored.session);
        // The work before re-anchoring lives on for "Revert": its recovery copy stays until
        // the re-anchored version's own copy replaces it.
        let previous = self.install(doc, OldWork::Kept);
        self.status.info(format!(
            "Re-anchored onto {}: {}",
            path.display(),
            reanchored.report
        ));
        self.open_modal(Modal::Reanchored(ReanchorSummary {
            report: reanchored.report,
            previous: Box::new(previous),
        }));
    }

    /// Notices, on a worker, when the article at the session's source path no longer matches
    /// the text the session embeds, so the user can re-anchor onto the new version.
    pub(super) fn check_source(&mut self) {
        self.source_changed = None;
        self.source_check = None;
        if self.doc.path.is_none() {
            return;
        }
        let Some(source) = self.doc.source_path() else {
            return;
        };
        let embedded = Arc::clone(self.doc.session.article());
        let job = Job::spawn(
            self.waker(),
            "source-check",
            "Checking the article file",
            move |_| source::article_changed(&source, &embedded).then_some(source),
        );
        if let Ok(job) = job {
            self.source_check = Some(SourceCheck {
                generation: self.generation,
                job,
            });
        }
    }

    fn poll_source_check(&mut self) {
        let Some(check) = &self.source_check else {
            return;
        };
        match check.job.poll() {
            Polled::Running => {}
            Polled::Done(changed) => {
                // A result about a document that has since been replaced is dropped.
                if check.generation == self.generation {
                    self.source_changed = changed;
                }
                self.source_check = None;
            }
            Polled::Lost => self.source_check = None,
        }
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
