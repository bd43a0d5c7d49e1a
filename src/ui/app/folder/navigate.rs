//! Moving between the folder's documents: which row is the one in the window, opening a row
//! (through `guard`: unsaved work asks first), the next or previous one in the list's order,
//! last run's document, and a search hit, whose place is selected once its document is in
//! the window.

use std::path::{Path, PathBuf};

use super::super::lifecycle::Proceed;
use super::super::{FactmarkApp, Modal};
use crate::model::{AnnotationId, Span};
use crate::workspace::folder::{DocumentRow, Hit};

/// The row of the document in the window, for the rows revision, document generation and
/// file it was found for.
pub(super) struct OpenRow {
    revision: u64,
    generation: u64,
    path: Option<PathBuf>,
    row: Option<usize>,
}

/// One of the folder's documents to open, and where to go in it.
#[derive(Clone, Debug)]
pub(in crate::ui::app) struct FolderOpen {
    /// The file: the session, else the article.
    path: PathBuf,
    /// Where the first save goes (an article without a session), without asking.
    session_out: Option<PathBuf>,
    jump: Option<Jump>,
    /// Opened without an "Opened …" message (last run's document: the status bar says
    /// the workspace was reopened).
    quiet: bool,
}

impl FolderOpen {
    fn of(row: &DocumentRow, jump: Option<Jump>) -> Self {
        let session_out =
            (row.session.is_none() && row.article.is_some()).then(|| row.session_path());
        Self {
            path: row.open_path().to_path_buf(),
            session_out,
            jump,
            quiet: false,
        }
    }
}

/// A place in a document a search hit points at.
#[derive(Clone, Copy, Debug)]
enum Jump {
    Annotation(AnnotationId),
    Text(Span),
    Orphan,
}

impl Jump {
    fn of(hit: &Hit) -> Option<Self> {
        match (&hit.annotation, hit.span) {
            (Some(a), _) if a.orphan => Some(Self::Orphan),
            (Some(a), _) => Some(Self::Annotation(a.id)),
            (None, Some(span)) => Some(Self::Text(span)),
            (None, None) => None,
        }
    }
}

/// A jump waiting for the open started in document generation `generation` to finish.
pub(super) struct PendingJump {
    generation: u64,
    jump: Jump,
}

impl FactmarkApp {
    /// The row of the document in the window, if it is one of the folder's.
    pub(super) fn open_row(&mut self) -> Option<usize> {
        let folder = self.desk.folder.as_ref()?;
        let path = self.doc.path.as_deref();
        if let Some(cached) = &self.desk.open_row
            && cached.revision == folder.revision()
            && cached.generation == self.generation
            && cached.path.as_deref() == path
        {
            return cached.row;
        }
        let rows = folder.documents();
        let row = match path {
            // A session, or an article whose first save goes to its session path (as the
            // folder gave them, or opened by another way of writing the path).
            Some(path) => {
                let resolved = std::fs::canonicalize(path).ok();
                let is = |p: &Path| p == path || resolved.as_deref() == Some(p);
                rows.iter().position(|row| match &row.session {
                    Some(session) => is(session),
                    None => row.article.is_some() && is(&row.session_path()),
                })
            }
            // An article opened without a session path (File › Open).
            None => self.doc.source_path().and_then(|source| {
                let source = std::fs::canonicalize(&source).unwrap_or(source);
                rows.iter()
                    .position(|row| row.article.as_deref() == Some(source.as_path()))
            }),
        };
        self.desk.open_row = Some(OpenRow {
            revision: folder.revision(),
            generation: self.generation,
            path: path.map(Path::to_path_buf),
            row,
        });
        row
    }

    /// Opens the document with this key (a row was clicked).
    pub(super) fn open_key(&mut self, key: &Path) {
        self.open_at(key, None);
    }

    /// Opens a search hit's document (unless it is the one open) and goes to the hit.
    pub(super) fn open_hit(&mut self, hit: &Hit) {
        let jump = Jump::of(hit);
        let here = self.open_row().and_then(|row| {
            let folder = self.desk.folder.as_ref()?;
            (folder.documents()[row].key() == hit.document).then_some(())
        });
        match (here, jump) {
            (Some(()), Some(jump)) => self.go_to(jump),
            (Some(()), None) => {}
            (None, jump) => self.open_at(&hit.document, jump),
        }
    }

    /// Opens the document with this key (after the unsaved-changes question), going to
    /// `jump` once it is open; nothing when it is the one open already.
    fn open_at(&mut self, key: &Path, jump: Option<Jump>) {
        let Some(folder) = &self.desk.folder else {
            return;
        };
        let Some(index) = folder.documents().iter().position(|row| row.key() == key) else {
            self.status
                .info("That document is no longer in the folder.".to_owned());
            return;
        };
        if self.open_row() == Some(index) {
            return;
        }
        let Some(folder) = &self.desk.folder else {
            return;
        };
        let open = FolderOpen::of(&folder.documents()[index], jump);
        self.guard(Proceed::OpenDocument(Box::new(open)));
    }

    /// Opens the next (or previous) document of the list as it is shown.
    pub(super) fn step_document(&mut self, forward: bool) {
        let open = self.open_row();
        let Some(folder) = &self.desk.folder else {
            self.status
                .info("Open a folder first (File › Open folder…) to move between its documents.");
            return;
        };
        let order = self.desk.list.order(folder);
        let at = open.and_then(|row| order.iter().position(|&i| i == row));
        let next = match (at, forward) {
            (None, true) => order.first(),
            (None, false) => order.last(),
            (Some(i), true) => order.get(i + 1),
            (Some(i), false) => i.checked_sub(1).and_then(|i| order.get(i)),
        };
        let Some(&next) = next else {
            self.status.info(if order.is_empty() {
                "The Documents list is empty."
            } else if forward {
                "This is the last document of the list."
            } else {
                "This is the first document of the list."
            });
            return;
        };
        let key = folder.documents()[next].key().to_path_buf();
        self.open_key(&key);
    }

    /// Opens last run's document, if it is still in the folder and nothing else was opened
    /// since the start.
    pub(super) fn reopen_last(&mut self) {
        let Some((key, generation)) = self.desk.reopen.take() else {
            return;
        };
        if generation != self.generation {
            return;
        }
        let Some(folder) = &self.desk.folder else {
            return;
        };
        match folder.documents().iter().find(|row| row.key() == key) {
            Some(row) => {
                let open = FolderOpen {
                    quiet: true,
                    ..FolderOpen::of(row, None)
                };
                self.guard(Proceed::OpenDocument(Box::new(open)));
            }
            None => self.status.info(format!(
                "The document open last time, {}, is no longer in the folder.",
                folder.relative(&key)
            )),
        }
    }

    /// Opens a document of the folder (the unsaved-changes question, if any, was answered).
    pub(in crate::ui::app) fn open_document(&mut self, open: FolderOpen) {
        self.start_open(&open.path, open.session_out, open.quiet);
        // A hit waiting for an earlier open is forgotten: this document is not its.
        self.desk.jump = open.jump.map(|jump| PendingJump {
            generation: self.generation,
            jump,
        });
    }

    /// Goes to a pending hit once the document opened for it is in the window; forgets it
    /// when the open failed or was cancelled.
    pub(super) fn finish_jump(&mut self) {
        let Some(pending) = &self.desk.jump else {
            return;
        };
        if pending.generation != self.generation {
            let jump = pending.jump;
            self.desk.jump = None;
            self.go_to(jump);
        } else if !matches!(self.modal, Some(Modal::Working(_))) {
            self.desk.jump = None;
        }
    }

    /// Selects what a hit points at in the open document (checked against it: the file may
    /// have changed since the folder was read).
    fn go_to(&mut self, jump: Jump) {
        let session = &self.doc.session;
        match jump {
            Jump::Annotation(id) if session.get(id).is_some() => {
                self.doc.end_burst();
                self.view.select_annotation(id);
            }
            Jump::Text(span) if span.slice(session.article().text()).is_some() => {
                self.doc.end_burst();
                self.view.select_text(span);
            }
            Jump::Orphan => self.status.info(
                "That annotation is an orphan: its text is no longer in the article. It is listed under Orphans, to re-attach.",
            ),
            Jump::Annotation(_) | Jump::Text(_) => self.status.info(
                "That place is no longer in the document (it changed since the folder was read): search again.",
            ),
        }
    }
}
