//! The app's work on worker threads: opening a file (at launch too), attaching an updated
//! article and re-anchoring onto it, checking whether the session's article changed, and
//! reading the file on disk when it changed behind the window's back. Each starts a
//! [`Job`], and each frame [`FactmarkApp::poll_tasks`] turns a finished one into the same
//! document changes the synchronous code made before.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{Document, FactmarkApp, ViewState};
use crate::import::{self, ImportReport};
use crate::model::changes::compare;
use crate::model::{History, Session};
use crate::store::{self, Fingerprint, Loaded, Reanchored, RecoveryEntry};
use crate::ui::jobs::{Job, Polled};

/// What a finished open brings back.
pub(super) struct OpenedFile {
    path: PathBuf,
    result: Result<OpenedContent, String>,
    /// For `--session OUT.ron` at launch: what was already at OUT.ron, if anything.
    existing_out: Option<(PathBuf, Result<Loaded, String>)>,
}

/// A session (with the fingerprint of the bytes read) or an article (with its import report).
enum OpenedContent {
    Session(Loaded),
    Article(crate::model::Article, Option<ImportReport>),
}

/// A foreground job: the window shows its progress and a Cancel button, and takes no other
/// input until it ends.
pub(super) enum Task {
    /// Opening a file; `session_out` is the launch's `--session` target, `at_launch` true for
    /// the file named on the command line (the window title says what opened; no message).
    Open {
        job: Job<OpenedFile>,
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
        job: Job<Result<Option<Reanchored>, String>>,
        path: PathBuf,
    },
}

impl Task {
    /// The job's label and progress, for the progress window.
    pub(super) fn job_info(&self) -> (&str, &crate::progress::Progress) {
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

/// Reads a session (`.ron`, or any file that starts like one) with its fingerprint, or
/// imports an article.
fn read(path: &Path) -> Result<OpenedContent, String> {
    if store::is_session_file(path) {
        store::load_full(path)
            .map(OpenedContent::Session)
            .map_err(|e| e.to_string())
    } else {
        import::import_file(path)
            .map(|(article, report)| OpenedContent::Article(article, Some(report)))
            .map_err(|e| e.to_string())
    }
}

impl FactmarkApp {
    /// Opens an article or session on a worker; the current work stays until it has loaded.
    pub fn open_path(&mut self, ctx: &egui::Context, path: &Path) {
        self.start_open(ctx, path, None, false);
    }

    pub(super) fn start_open(
        &mut self,
        ctx: &egui::Context,
        path: &Path,
        session_out: Option<PathBuf>,
        at_launch: bool,
    ) {
        let name = file_name(path);
        let (job_path, out) = (path.to_path_buf(), session_out.clone());
        let job = Job::spawn(ctx, "open", format!("Opening {name}…"), move |_| {
            let result = read(&job_path);
            // A `--session` target that already exists is read too, to decide whether to open it.
            let existing_out = out.filter(|out| out.exists()).map(|out| {
                let loaded = store::load_full(&out).map_err(|e| e.to_string());
                (out, loaded)
            });
            OpenedFile {
                path: job_path,
                result,
                existing_out,
            }
        });
        match job {
            Ok(job) => {
                self.task = Some(Task::Open {
                    job,
                    session_out,
                    at_launch,
                });
            }
            Err(error) => self
                .status
                .error(format!("Could not open {}: {error}", path.display())),
        }
    }

    /// Imports the article at `path` and re-anchors the annotations onto it, on a worker.
    pub(super) fn start_attach(&mut self, ctx: &egui::Context, path: &Path) {
        let session = self.doc.session.clone();
        let current = Arc::clone(self.doc.session.article());
        let job_path = path.to_path_buf();
        let job = Job::spawn(
            ctx,
            "reanchor",
            format!("Re-anchoring onto {}…", file_name(path)),
            move |progress| {
                // A session given as the updated article brings its own article, never its
                // RON text.
                let article = store::reanchor::updated_article(&job_path, &current)
                    .map_err(|error| format!("Could not open the article: {error}"))?;
                if progress.is_cancelled() {
                    return Ok(None);
                }
                store::reanchor_with(&session, Arc::new(article), progress)
                    .map_err(|error| format!("Could not re-anchor: {error}"))
            },
        );
        match job {
            Ok(job) => {
                self.task = Some(Task::Attach {
                    job,
                    path: path.to_path_buf(),
                });
            }
            Err(error) => self.status.error(format!("Could not re-anchor: {error}")),
        }
    }

    /// Stops the foreground job; whatever it was doing leaves the document as it was.
    pub(super) fn cancel_task(&mut self) {
        if let Some(task) = self.task.take() {
            task.cancel();
            let (label, _) = task.job_info();
            let what = label.trim_end_matches('…').to_owned();
            self.status.info(format!("Cancelled: {what}."));
        }
    }

    /// True while anything runs on a worker that the window is waiting for (tests wait on it).
    pub fn is_busy(&self) -> bool {
        self.task.is_some()
            || self.source_check.is_some()
            || self.disk_version.is_some()
            || self.autosave.is_listing()
    }

    /// Takes the results of finished jobs. Called once per frame.
    pub(super) fn poll_tasks(&mut self, ctx: &egui::Context) {
        self.poll_foreground(ctx);
        self.poll_source_check(ctx);
        self.poll_disk_version(ctx);
    }

    fn poll_foreground(&mut self, ctx: &egui::Context) {
        let Some(task) = &self.task else {
            return;
        };
        match task {
            Task::Open { job, .. } => match job.poll(ctx) {
                Polled::Running => {}
                Polled::Done(opened) => {
                    if let Some(Task::Open {
                        session_out,
                        at_launch,
                        ..
                    }) = self.task.take()
                    {
                        self.finish_open(opened, session_out, at_launch);
                    }
                }
                Polled::Lost => self.task_lost("Opening the file failed unexpectedly"),
            },
            Task::Restore { job, .. } => match job.poll(ctx) {
                Polled::Running => {}
                Polled::Done(result) => {
                    if let Some(Task::Restore { entry, .. }) = self.task.take() {
                        match result {
                            Ok(session) => self.finish_restore(session, &entry),
                            Err(error) => self.status.error(format!("Could not restore: {error}")),
                        }
                    }
                }
                Polled::Lost => self.task_lost("Restoring failed unexpectedly"),
            },
            Task::Attach { job, .. } => match job.poll(ctx) {
                Polled::Running => {}
                Polled::Done(result) => {
                    if let Some(Task::Attach { path, .. }) = self.task.take() {
                        match result {
                            Ok(Some(reanchored)) => self.finish_attach(&path, reanchored),
                            Ok(None) => {}
                            Err(message) => self.status.error(message),
                        }
                    }
                }
                Polled::Lost => self.task_lost("Re-anchoring failed unexpectedly"),
            },
        }
    }

    /// Reads the recovery copy of `entry` on a worker, to restore it.
    pub(super) fn start_restore(&mut self, ctx: &egui::Context, entry: RecoveryEntry) {
        let Some(store) = self.autosave.store().cloned() else {
            return;
        };
        let job_entry = entry.clone();
        let job = Job::spawn(ctx, "restore", "Restoring unsaved work…", move |_| {
            store.load(&job_entry).map_err(|e| e.to_string())
        });
        match job {
            Ok(job) => {
                self.task = Some(Task::Restore {
                    job,
                    entry: Box::new(entry),
                });
            }
            Err(error) => self.status.error(format!("Could not restore: {error}")),
        }
    }

    fn finish_restore(&mut self, session: Session, entry: &RecoveryEntry) {
        // Bound to its session file, but not read from it: saving there asks first if the
        // file holds something else by then.
        self.replace_document(Document::new(
            session,
            History::new_unsaved(),
            entry.session_path.clone(),
        ));
        // Keep it safe under this window's own key before dropping the old copy.
        self.autosave.write(&self.doc, &mut self.status);
        if let Some(store) = self.autosave.store()
            && let Err(error) = store.discard(entry)
        {
            self.status
                .error(format!("Could not remove the old recovery copy: {error}"));
        }
        self.autosave
            .offers
            .retain(|e| e.recovery_file != entry.recovery_file);
        self.autosave.available = self.autosave.available.saturating_sub(1);
        self.status
            .info("Restored unsaved work. Save it to keep it (Ctrl+S).");
    }

    fn task_lost(&mut self, what: &str) {
        self.task = None;
        self.status.error(format!(
            "{what}; your work is unchanged. Please report this."
        ));
    }

    /// Puts what was opened in the window. At launch the file needs no "Opened …" message:
    /// the title and status bars say what is open.
    fn finish_open(&mut self, opened: OpenedFile, session_out: Option<PathBuf>, at_launch: bool) {
        let OpenedFile {
            path,
            result,
            existing_out,
        } = opened;
        match result {
            Ok(OpenedContent::Session(loaded)) => {
                let doc = match session_out {
                    // `factmark s.ron --session other.ron`: save the work to other.ron, which
                    // this window has not read (if it exists, saving asks first).
                    Some(out) if out != path => {
                        Document::new(loaded.session, History::new(), Some(out))
                    }
                    _ => Document::from_loaded(loaded.session, path.clone(), loaded.fingerprint),
                };
                self.replace_document(doc);
                self.prefs.remember_recent(&path);
                if at_launch && loaded.version == store::VERSION {
                    // Nothing to say.
                } else if loaded.version < store::VERSION {
                    self.status.info(format!(
                        "Opened session {} (format version {}: it is rewritten in version {} \
                         only when you save; the old file is kept as a .bak)",
                        path.display(),
                        loaded.version,
                        store::VERSION
                    ));
                } else {
                    self.status
                        .info(format!("Opened session {}", path.display()));
                }
            }
            Ok(OpenedContent::Article(article, report)) => {
                self.prefs.remember_recent(&path);
                let how = report
                    .as_ref()
                    .map(|r| format!(" ({})", r.summary()))
                    .unwrap_or_default();
                if !at_launch {
                    self.status
                        .info(format!("Opened article {}{how}", path.display()));
                }
                for warning in report.iter().flat_map(|r| &r.warnings) {
                    self.status
                        .error(format!("Note on {}: {warning}", path.display()));
                }
                let doc = self.document_for_article(&article, session_out, existing_out);
                self.replace_document(doc);
            }
            Err(message) => self.status.error(format!("Could not open: {message}")),
        }
    }

    /// The document for an opened article. With `--session OUT.ron` naming an existing
    /// session of the same article, that session opens (re-running a command from the shell's
    /// history must not start the work over); another article's session, or a file this
    /// version cannot read, is never replaced without asking.
    fn document_for_article(
        &mut self,
        article: &crate::model::Article,
        session_out: Option<PathBuf>,
        existing_out: Option<(PathBuf, Result<Loaded, String>)>,
    ) -> Document {
        let new_session = |path| {
            Document::new(
                Session::new(Arc::new(article.clone())),
                History::new(),
                path,
            )
        };
        match existing_out {
            Some((out, Ok(loaded))) if loaded.session.article().text() == article.text() => {
                self.status.info(format!(
                    "{} already holds {}: opened it to go on with the work.",
                    out.display(),
                    store::describe(&loaded.session)
                ));
                Document::from_loaded(loaded.session, out, loaded.fingerprint)
            }
            Some((out, Ok(loaded))) => {
                self.status.info(format!(
                    "{} already holds {} (another article): saving will ask before replacing it.",
                    out.display(),
                    store::describe(&loaded.session)
                ));
                new_session(Some(out))
            }
            Some((out, Err(reason))) => {
                self.status.error(format!(
                    "{} cannot be read by this version of Factmark ({reason}), so it will not be \
                     replaced: the first save asks for another name.",
                    out.display()
                ));
                new_session(None)
            }
            None => new_session(session_out),
        }
    }

    fn finish_attach(&mut self, path: &Path, reanchored: Reanchored) {
        let previous = std::mem::replace(
            &mut self.doc,
            Document::new(reanchored.session, History::new_unsaved(), None),
        );
        self.doc.path.clone_from(&previous.path);
        self.doc.fingerprint.clone_from(&previous.fingerprint);
        self.view = ViewState::default();
        self.list.reset_cache();
        self.note_group = None;
        self.source_changed = None;
        self.generation += 1;
        self.status.info(format!(
            "Re-anchored onto {}: {}",
            path.display(),
            reanchored.report
        ));
        self.reanchored = Some((reanchored.report, Box::new(previous)));
    }

    /// Notices, on a worker, when the article at the session's source path no longer matches
    /// the text the session embeds, so the user can re-anchor onto the new version.
    pub(super) fn check_source(&mut self, ctx: &egui::Context) {
        self.source_changed = None;
        self.source_check = None;
        if self.doc.path.is_none() {
            return;
        }
        let Some(source) = self.source_path() else {
            return;
        };
        let embedded = Arc::clone(self.doc.session.article());
        let generation = self.generation;
        let job = Job::spawn(
            ctx,
            "source-check",
            "Checking the article file",
            move |_| {
                let changed = import::open_article(&source)
                    .is_ok_and(|article| article.text() != embedded.text());
                changed.then_some(source)
            },
        );
        if let Ok(job) = job {
            self.source_check = Some((generation, job));
        }
    }

    fn poll_source_check(&mut self, ctx: &egui::Context) {
        let Some((generation, job)) = &self.source_check else {
            return;
        };
        match job.poll(ctx) {
            Polled::Running => {}
            Polled::Done(changed) => {
                // A result about a document that has since been replaced is dropped.
                if *generation == self.generation {
                    self.source_changed = changed;
                }
                self.source_check = None;
            }
            Polled::Lost => self.source_check = None,
        }
    }

    /// Reads the bound file as it is on disk now, for the changed-on-disk question (what a
    /// reload would bring and take away).
    pub(super) fn read_disk_version(&mut self, ctx: &egui::Context) {
        self.disk_theirs = None;
        let Some(path) = self.doc.path.clone() else {
            return;
        };
        let job = Job::spawn(ctx, "disk-version", "Reading the file on disk", move |_| {
            store::load_full(&path).map_err(|e| e.to_string())
        });
        self.disk_version = job.ok();
    }

    fn poll_disk_version(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.disk_version else {
            return;
        };
        match job.poll(ctx) {
            Polled::Running => {}
            Polled::Done(result) => {
                self.disk_comparison = match &result {
                    Err(reason) => format!("The file on disk cannot be read: {reason}"),
                    Ok(loaded) => format!(
                        "On disk now: {}. Compared with it, this window has {}.",
                        store::describe(&loaded.session),
                        compare(&self.doc.session, &loaded.session).summary("here", "on disk")
                    ),
                };
                self.disk_theirs = Some(result);
                self.disk_version = None;
            }
            Polled::Lost => {
                let reason = "reading it failed unexpectedly".to_owned();
                self.disk_comparison = format!("The file on disk cannot be read: {reason}");
                self.disk_theirs = Some(Err(reason));
                self.disk_version = None;
            }
        }
    }

    /// Replaces the open document with the file as it is on disk (already read), keeping the
    /// unsaved work as a recovery copy first. Without that copy nothing is replaced.
    pub(super) fn reload_from_disk(&mut self, loaded: Loaded) {
        let Some(path) = self.doc.path.clone() else {
            return;
        };
        if self.doc.is_dirty() && !self.autosave.set_aside(&self.doc, &mut self.status) {
            self.status
                .error("Not reloaded: your unsaved work could not be kept as a recovery copy.");
            return;
        }
        let kept = self.doc.is_dirty();
        self.replace_document(Document::from_loaded(
            loaded.session,
            path.clone(),
            loaded.fingerprint,
        ));
        self.status.info(if kept {
            format!(
                "Reloaded {} from disk. Your unsaved version is kept: File › Recover unsaved work.",
                path.display()
            )
        } else {
            format!("Reloaded {} from disk.", path.display())
        });
    }

    /// The fingerprint of the file as last read, for tests of the changed-on-disk check.
    pub fn fingerprint(&self) -> Option<&Fingerprint> {
        self.doc.fingerprint.as_ref()
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
