//! File › Export annotations… and File › Import annotations… in the window: the format
//! question, the file dialog, the work on a worker (the window keeps drawing), and what the
//! import brought: added to the open session as one undo step, or opened as a new session.
//! The conversions are `workspace::exchange`'s, the same the command line runs.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::lifecycle::OldWork;
use super::{FactmarkApp, Modal};
use crate::export::{ExportOptions, Format, Loss, Output};
use crate::interop::{self, ImportOptions};
use crate::model::{History, Selection, Session};
use crate::ui::dialogs::{PathPurpose, sessions_dir};
use crate::ui::modals::{
    ExportAnswer, ExportBox, ImportAnswer, ImportBox, ImportResult, ImportResultAnswer,
    ImportedDocument,
};
use crate::workspace::Document;
use crate::workspace::exchange::{document_name, export_session};
use crate::workspace::jobs::{Job, Polled};

/// What a worker of this module hands back.
pub(super) enum ExchangeDone {
    /// An export was written (or not), with what the format could not carry.
    Exported {
        path: PathBuf,
        format: Format,
        result: Result<Vec<Loss>, String>,
    },
    /// A file was read (or not): its documents and what was left out.
    Imported {
        path: PathBuf,
        result: Result<interop::Imported, String>,
    },
}

/// The exchange work running on a worker, if any, and the import waiting for an answer.
#[derive(Default)]
pub(super) struct Exchange {
    job: Option<Job<ExchangeDone>>,
    /// The documents of the import the result question is about.
    imported: Vec<(String, Session)>,
    /// The export format picked, until the file dialog answers.
    options: ExportOptions,
    /// The imported document to open once the unsaved-changes question is answered.
    pub(super) pending_open: Option<Document>,
}

impl FactmarkApp {
    /// The key under which the last export format of this session is remembered.
    fn export_key(&self) -> String {
        self.doc.path.as_deref().map_or_else(
            || format!("article:{}", self.doc.session.article().title()),
            |path| path.display().to_string(),
        )
    }

    /// File › Export annotations…: asks for the format (the one last used for this session
    /// first).
    pub(super) fn ask_export(&mut self) {
        let format = self
            .prefs
            .export_format(&self.export_key())
            .unwrap_or(Format::Csv);
        self.open_modal(Modal::Export(ExportBox {
            format,
            options: ExportOptions {
                csv_bom: self.prefs.csv_bom,
                organisation: self.prefs.organisation.clone(),
                review_url: self.prefs.review_url.clone(),
            },
            annotations: self.doc.session.annotations().len(),
        }));
    }

    /// The export question was answered.
    pub(super) fn answer_export(&mut self, answer: ExportAnswer, options: ExportOptions) {
        let ExportAnswer::Export(format) = answer else {
            return;
        };
        let key = self.export_key();
        self.prefs.remember_export(&key, format);
        self.prefs.csv_bom = options.csv_bom;
        options
            .organisation
            .trim()
            .clone_into(&mut self.prefs.organisation);
        options
            .review_url
            .trim()
            .clone_into(&mut self.prefs.review_url);
        self.exchange.options = options;
        let directory = self.dialog_directory();
        let stem = document_name(Path::new(&self.doc.suggested_file_name()));
        let name = match format.output() {
            Output::File(extension) => Some(format!("{stem}.{}.{extension}", format.name())),
            Output::Folder => None,
        };
        self.dialogs
            .request(&self.ctx, PathPurpose::Export(format), &directory, name);
    }

    /// Where export and import dialogs start: beside the session file, else `sessions/`.
    fn dialog_directory(&self) -> PathBuf {
        self.doc
            .path
            .as_deref()
            .and_then(Path::parent)
            .filter(|dir| !dir.as_os_str().is_empty())
            .map_or_else(sessions_dir, Path::to_path_buf)
    }

    /// Writes the export on a worker.
    pub(super) fn start_export(&mut self, format: Format, path: PathBuf) {
        let session = self.doc.session.clone();
        let name = self.doc.path.as_deref().map_or_else(
            || document_name(Path::new(&self.doc.suggested_file_name())),
            document_name,
        );
        let options = self.exchange.options.clone();
        let message = format!("Exporting to {}…", path.display());
        let out = path;
        let job = Job::spawn(self.waker(), "factmark-export", "Exporting", move |_| {
            let result = export_session(&session, &name, format, &options, &out)
                .map(|outcome| outcome.losses)
                .map_err(|error| error.to_string());
            ExchangeDone::Exported {
                path: out,
                format,
                result,
            }
        });
        self.start_exchange_job(job, message);
    }

    /// File › Import annotations…: asks for the format.
    pub(super) fn ask_import(&mut self) {
        let format = self.prefs.import_format().unwrap_or(Format::Doccano);
        self.open_modal(Modal::Import(ImportBox { format }));
    }

    /// The import question was answered: pick the file.
    pub(super) fn answer_import(&mut self, answer: ImportAnswer) {
        if let ImportAnswer::Import(format) = answer {
            self.prefs.remember_import(format);
            let directory = self.dialog_directory();
            self.dialogs
                .request(&self.ctx, PathPurpose::Import(format), &directory, None);
        }
    }

    /// Reads the file on a worker, keeping whatever can be brought over (the result question
    /// lists the rest before anything changes).
    pub(super) fn start_import(&mut self, format: Format, path: PathBuf) {
        let message = format!("Reading {}…", path.display());
        let file = path;
        let job = Job::spawn(self.waker(), "factmark-import", "Importing", move |_| {
            let options = ImportOptions {
                map: Vec::new(),
                keep_going: true,
            };
            let result =
                interop::import(&file, None, format, &options).map_err(|error| error.to_string());
            ExchangeDone::Imported { path: file, result }
        });
        self.start_exchange_job(job, message);
    }

    fn start_exchange_job(&mut self, job: std::io::Result<Job<ExchangeDone>>, message: String) {
        match job {
            Ok(job) => {
                self.exchange.job = Some(job);
                self.status.info(message);
            }
            Err(error) => self
                .status
                .error(format!("Could not start the worker: {error}")),
        }
    }

    /// Takes the worker's result once it is there.
    pub(super) fn poll_exchange(&mut self) {
        let Some(job) = &self.exchange.job else {
            return;
        };
        let done = match job.poll() {
            Polled::Running => return,
            Polled::Lost => {
                self.exchange.job = None;
                self.status
                    .error("The export or import stopped unexpectedly; nothing was changed.");
                return;
            }
            Polled::Done(done) => done,
        };
        self.exchange.job = None;
        match done {
            ExchangeDone::Exported {
                path,
                format,
                result,
            } => self.exported(&path, format, result),
            ExchangeDone::Imported { path, result } => self.imported(&path, result),
        }
    }

    fn exported(&mut self, path: &Path, format: Format, result: Result<Vec<Loss>, String>) {
        match result {
            Ok(losses) if losses.is_empty() => self.status.info(format!(
                "Exported {} annotations to {} ({}).",
                self.doc.session.annotations().len(),
                path.display(),
                format.label()
            )),
            Ok(losses) => {
                self.status.info(format!(
                    "Exported to {} ({}); {} not carried (see the messages).",
                    path.display(),
                    format.label(),
                    losses.len()
                ));
                for loss in losses {
                    self.status
                        .error(format!("Not carried to {}: {loss}", format.label()));
                }
            }
            Err(error) => self
                .status
                .error(format!("Not exported to {}: {error}", path.display())),
        }
    }

    fn imported(&mut self, path: &Path, result: Result<interop::Imported, String>) {
        let imported = match result {
            Ok(imported) if !imported.sessions.is_empty() => imported,
            Ok(_) => {
                self.status.error(format!(
                    "Nothing imported: {} holds no document.",
                    path.display()
                ));
                return;
            }
            Err(error) => {
                self.status
                    .error(format!("Not imported from {}: {error}", path.display()));
                return;
            }
        };
        let article = self.doc.session.article();
        let documents = imported
            .sessions
            .iter()
            .map(|(name, session)| ImportedDocument {
                name: name.clone(),
                annotations: session.annotations().len(),
                same_article: session.article().text() == article.text(),
            })
            .collect();
        let chosen = imported
            .sessions
            .iter()
            .position(|(_, s)| s.article().text() == article.text())
            .unwrap_or(0);
        self.exchange.imported = imported.sessions;
        self.open_modal(Modal::ImportResult(ImportResult {
            file: path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            documents,
            chosen,
            left_out: imported.left_out,
        }));
    }

    /// What to do with the imported document.
    pub(super) fn answer_import_result(&mut self, answer: ImportResultAnswer) {
        let documents = std::mem::take(&mut self.exchange.imported);
        match answer {
            ImportResultAnswer::Cancel => self.status.info("Nothing imported."),
            ImportResultAnswer::AddToSession(k) => {
                if let Some((name, imported)) = documents.into_iter().nth(k) {
                    self.add_imported(&name, &imported);
                }
            }
            ImportResultAnswer::OpenAsNew(k) => {
                if let Some((name, imported)) = documents.into_iter().nth(k) {
                    self.open_imported(&name, &imported);
                }
            }
        }
    }

    /// Adds the imported annotations to the open session, as one undo step. A verdict the
    /// session's scale does not have is kept in the annotation's note, and said.
    fn add_imported(&mut self, name: &str, imported: &Session) {
        let (edit, moved) = self.doc.session.adopt_edit(
            imported
                .annotations()
                .iter()
                .map(|a| (a.span, crate::model::Body::clone(&a.body))),
        );
        let count = imported.annotations().len();
        let before = self.view.snapshot();
        match self.doc.apply(edit, before) {
            Ok(()) => {
                self.list.reset_cache();
                self.status.info(format!(
                    "Added {count} annotation{} from “{name}” — Ctrl+Z takes them out again.",
                    if count == 1 { "" } else { "s" }
                ));
                for verdict in moved {
                    self.status.error(format!(
                        "The verdict “{verdict}” is not in this session's scale: it was kept in the annotation's note."
                    ));
                }
            }
            Err(error) => self
                .status
                .error(format!("Nothing imported from “{name}”: {error}")),
        }
    }

    /// Opens the imported document as a new, unsaved session (asking first when the open
    /// one has unsaved changes): its annotations are one undo step over the bare article,
    /// so the window counts them as unsaved work.
    fn open_imported(&mut self, name: &str, imported: &Session) {
        let empty = Session::from_parts_with(
            Arc::clone(imported.article()),
            Vec::new(),
            Vec::new(),
            imported.scales().clone(),
            imported.details().clone(),
        );
        let Ok(empty) = empty else {
            self.status.error(format!(
                "Nothing imported from “{name}”: its scales are not valid."
            ));
            return;
        };
        let (edit, _) = empty.adopt_edit(
            imported
                .annotations()
                .iter()
                .map(|a| (a.span, crate::model::Body::clone(&a.body))),
        );
        let mut doc = Document::new(empty, History::new(), None);
        if let Err(error) = doc.apply(edit, Selection::default()) {
            self.status
                .error(format!("Nothing imported from “{name}”: {error}"));
            return;
        }
        self.exchange.pending_open = Some(doc);
        self.guard(super::lifecycle::Proceed::OpenImported);
    }

    /// Installs an imported document (the unsaved-changes question has been answered).
    pub(super) fn install_imported(&mut self, doc: Document) {
        let count = doc.session.annotations().len();
        let title = doc.session.article().title().to_owned();
        self.install(doc, OldWork::Gone);
        self.status.info(format!(
            "Imported “{title}” with {count} annotations, not saved yet (Ctrl+S)."
        ));
    }
}
