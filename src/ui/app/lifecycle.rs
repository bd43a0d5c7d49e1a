//! The open document's life in the window: asking before unsaved work is replaced, swapping
//! in another document (one function, whatever brought it), saving through the workspace's
//! guarded save, and answering the file dialogs.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{FactmarkApp, Modal};
use crate::import;
use crate::model::{History, Session};
use crate::store::{Loaded, RecoveryEntry};
use crate::ui::dialogs::{PathPurpose, sessions_dir};
use crate::ui::modals::UnsavedQuestion;
use crate::workspace::jobs::Job;
use crate::workspace::save;
use crate::workspace::{Document, Notice};

/// What to do once the unsaved-changes question is answered.
#[derive(Clone, Debug)]
pub(super) enum Proceed {
    Quit,
    ChooseAndOpen,
    /// Open this file (dropped on the window, or picked from File → Recent).
    Open(PathBuf),
    /// Start a session on an article made from this pasted text.
    NewFromText(String),
    NewSession,
    /// Restore this recovery copy (replacing the open document).
    Restore(Box<RecoveryEntry>),
    /// Open the imported document waiting in `exchange` (File › Import annotations…).
    OpenImported,
    /// Open a document of the folder (`app/folder.rs`).
    OpenDocument(Box<super::folder::FolderOpen>),
}

/// What becomes of the recovery copy of the document being replaced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum OldWork {
    /// It was saved or deliberately discarded: its recovery copy goes.
    Gone,
    /// It lives on (kept for "Revert", or it is what comes back): keep the copy until the
    /// new document's own copy replaces it.
    Kept,
}

impl FactmarkApp {
    /// Runs `next` now, or first asks about unsaved changes. While a save runs, `next` waits
    /// for it (and then asks only if something is still unsaved).
    pub(super) fn guard(&mut self, next: Proceed) {
        if self.is_saving() {
            self.after_save = Some(next);
        } else if self.doc.is_dirty() {
            self.ask_unsaved(next);
        } else {
            self.proceed(next);
        }
    }

    /// Opens the unsaved-changes question before `next`.
    pub(super) fn ask_unsaved(&mut self, next: Proceed) {
        let question = UnsavedQuestion {
            name: self.doc.display_name(),
        };
        self.open_modal(Modal::Unsaved { question, next });
    }

    pub(super) fn proceed(&mut self, next: Proceed) {
        match next {
            Proceed::Quit => {
                self.close_confirmed = true;
                self.ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Proceed::ChooseAndOpen => {
                let directory = sessions_dir();
                self.dialogs
                    .request(&self.ctx, PathPurpose::Open, &directory, None);
            }
            Proceed::Open(path) => self.open_path(&path),
            Proceed::OpenDocument(open) => self.open_document(*open),
            Proceed::NewFromText(text) => match import::article_from_clipboard(&text) {
                Ok(article) => {
                    let title = article.title().to_owned();
                    self.install(Document::from_article(article, None), OldWork::Gone);
                    self.status
                        .info(format!("New article from pasted text: “{title}”"));
                }
                Err(error) => self
                    .status
                    .error(format!("Could not use the pasted text: {error}")),
            },
            Proceed::Restore(entry) => self.start_restore(*entry),
            Proceed::OpenImported => {
                if let Some(doc) = self.exchange.pending_open.take() {
                    self.install_imported(doc);
                }
            }
            Proceed::NewSession => {
                let article = Arc::clone(self.doc.session.article());
                self.install(
                    Document::new(Session::new(article), History::new(), None),
                    OldWork::Gone,
                );
                self.status.info("Started a new session on this article.");
            }
        }
    }

    /// Puts `doc` in the window in place of the open document: the one way documents are
    /// swapped (opened, restored, re-anchored, reverted, reloaded), so each starts from the
    /// same clean view. Returns the document it replaced.
    pub(super) fn install(&mut self, doc: Document, old: OldWork) -> Document {
        if old == OldWork::Gone {
            self.autosave.rebind(doc.path.as_deref(), &mut self.status);
        }
        let previous = std::mem::replace(&mut self.doc, doc);
        let old_view = std::mem::take(&mut self.view);
        // Another file starts at its top; the same one reopened (reverted, reloaded) or a
        // new session on the same article keeps the reader's place.
        let same = match &self.doc.path {
            Some(new) => previous.path.as_ref() == Some(new),
            None => {
                let (old, new) = (previous.session.article(), self.doc.session.article());
                // The same article shared (a new session on it) is the common case: no
                // comparison of megabytes of text.
                std::sync::Arc::ptr_eq(old, new) || old.text() == new.text()
            }
        };
        if same {
            self.view.keep_place_of(&old_view);
        }
        self.list.reset_cache();
        self.generation += 1;
        self.check_source();
        self.start_suggesting();
        previous
    }

    /// Shows what a workflow had to say.
    pub(super) fn tell(&mut self, notices: Vec<Notice>) {
        for notice in notices {
            match notice {
                Notice::Info(message) => self.status.info(message),
                Notice::Error(message) => self.status.error(message),
            }
        }
    }

    /// Reads the bound file as it is on disk, on a worker, for the changed-on-disk question.
    pub(super) fn read_disk_version(&self, path: &Path) -> Option<Job<Result<Loaded, String>>> {
        let path = path.to_path_buf();
        Job::spawn(
            self.waker(),
            "disk-version",
            "Reading the file on disk",
            move |_| save::read_disk_version(&path),
        )
        .ok()
    }

    pub(super) fn ask_save_path(&mut self) {
        let directory = self
            .doc
            .path
            .as_deref()
            .and_then(Path::parent)
            .filter(|dir| !dir.as_os_str().is_empty())
            .map_or_else(sessions_dir, Path::to_path_buf);
        let name = self.doc.suggested_file_name();
        self.dialogs
            .request(&self.ctx, PathPurpose::SaveAs, &directory, Some(name));
    }

    pub(super) fn handle_dialog_answer(&mut self, purpose: PathPurpose, path: PathBuf) {
        match purpose {
            PathPurpose::Open => self.open_path(&path),
            PathPurpose::OpenFolder => self.open_folder(&path),
            PathPurpose::AttachArticle => self.start_attach(&path),
            PathPurpose::ExportReport => self.export_report(path),
            PathPurpose::Export(format) => self.start_export(format, path),
            PathPurpose::Import(format) => self.start_import(format, path),
            PathPurpose::SaveAs => {
                let path = if path.extension().is_none() {
                    path.with_extension("ron")
                } else {
                    path
                };
                self.save_to(path, false);
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
        self.install(
            Document::from_loaded(loaded.session, path.clone(), loaded.fingerprint),
            OldWork::Gone,
        );
        self.status.info(if kept {
            format!(
                "Reloaded {} from disk. Your unsaved version is kept: File › Recover unsaved work.",
                path.display()
            )
        } else {
            format!("Reloaded {} from disk.", path.display())
        });
    }
}
