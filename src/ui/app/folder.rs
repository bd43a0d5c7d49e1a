//! The folder open in the window: opening it (File › Open folder, a folder dropped on the
//! window, `factmark FOLDER`, or last run's workspace), polling its indexer once a frame, the
//! Documents panel around it, moving between its documents (through `guard`, so unsaved work
//! asks first; an article without a session opens with its first save going to
//! `sessions/NAME.ron` beside it), going to a search hit once its document is in the window,
//! and telling the folder when a session was saved there. What the window remembers of it
//! lives in `prefs.workspace`.

use std::path::{Path, PathBuf};

use super::lifecycle::Proceed;
use super::{FactmarkApp, Modal};
use crate::model::{AnnotationId, Span};
use crate::ui::commands::Action;
use crate::ui::dialogs::{PathPurpose, sessions_dir};
use crate::ui::documents::{self, DocumentsView, Tab};
use crate::ui::search_panel::{self, SearchPanel};
use crate::ui::theme::Palette;
use crate::workspace::folder::{DocumentRow, Folder, Hit, Options, SearchResults, cache};

/// The open folder and what the window keeps about it.
#[derive(Default)]
pub(super) struct Desk {
    folder: Option<Folder>,
    list: DocumentsView,
    search: SearchPanel,
    tab: Tab,
    /// The summary cache's folder named at launch (tests); `None`: the platform's.
    cache_dir: Option<PathBuf>,
    /// Show the panel though no folder is open (View › Documents panel, Search).
    empty_panel: bool,
    /// Where to go once the document being opened is in the window.
    jump: Option<PendingJump>,
    /// The document (its key) to open once the folder's rows are complete: last run's.
    reopen: Option<PathBuf>,
    /// The row of the document in the window, for the rows revision, document generation
    /// and file it was found for.
    open_row: Option<OpenRow>,
}

impl Desk {
    /// No folder yet; summaries cached in `cache_dir` (`None`: the platform's cache folder).
    pub(super) fn new(cache_dir: Option<PathBuf>) -> Self {
        Self {
            cache_dir,
            ..Self::default()
        }
    }

    /// True while the folder is being read or a search waits or runs.
    pub(super) fn is_busy(&self) -> bool {
        self.folder.as_ref().is_some_and(|f| !f.is_idle()) || self.search.is_busy()
    }
}

struct OpenRow {
    revision: u64,
    generation: u64,
    path: Option<PathBuf>,
    row: Option<usize>,
}

/// One of the folder's documents to open, and where to go in it.
#[derive(Clone, Debug)]
pub(super) struct FolderOpen {
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
struct PendingJump {
    generation: u64,
    jump: Jump,
}

impl FactmarkApp {
    /// The folder open in the Documents panel, if any.
    pub fn folder(&self) -> Option<&Folder> {
        self.desk.folder.as_ref()
    }

    /// The documents the panel lists, in its order (sorted and filtered as shown).
    pub fn listed_documents(&self) -> Vec<&DocumentRow> {
        self.desk.folder.as_ref().map_or_else(Vec::new, |folder| {
            let rows = folder.documents();
            folder
                .view(self.desk.list.sort, &self.desk.list.filter)
                .into_iter()
                .map(|i| &rows[i])
                .collect()
        })
    }

    /// The results of the last workspace search, if any are shown.
    pub fn search_results(&self) -> Option<&SearchResults> {
        self.desk.search.results()
    }

    /// Opens `path` as the folder of the Documents panel (the open document stays), keeping
    /// the list's order and filter.
    pub fn open_folder(&mut self, path: &Path) {
        let options = Options {
            cache_dir: self.desk.cache_dir.clone().or_else(cache::platform_dir),
            ..Options::platform()
        };
        match Folder::open(path, options, self.waker()) {
            Ok(folder) => {
                let state = self.prefs.workspace.opened(folder.root());
                self.desk.list.sort = state.sort;
                self.desk.list.filter = state.filter.clone();
                self.desk.list.reset();
                self.desk.search.reset();
                self.desk.open_row = None;
                self.desk.tab = Tab::Documents;
                self.prefs.workspace = state;
                self.prefs.hide_documents = false;
                self.status
                    .info(format!("Opened the folder {}.", folder.root().display()));
                self.desk.folder = Some(folder);
            }
            Err(error) => self
                .status
                .error(format!("Could not open the folder: {error}")),
        }
    }

    /// Closes the folder; the open document stays in the window.
    fn close_folder(&mut self) {
        if self.desk.folder.take().is_some() {
            self.desk.search.reset();
            self.desk.jump = None;
            self.desk.reopen = None;
            self.prefs.workspace.folder = None;
            self.prefs.workspace.last_document = None;
            self.status.info("Closed the folder.");
        }
    }

    /// At a start without a path on the command line: reopens last run's folder (and, once
    /// its rows are in, its last document); a folder that is gone is forgotten.
    pub(super) fn restore_workspace(&mut self) {
        let Some(folder) = self.prefs.workspace.folder.clone() else {
            return;
        };
        if !folder.is_dir() {
            self.prefs.workspace.folder = None;
            self.prefs.workspace.last_document = None;
            self.status.info(format!(
                "The folder {} open last time is no longer there: it was forgotten.",
                folder.display()
            ));
            return;
        }
        let last = self.prefs.workspace.last_document.clone();
        self.open_folder(&folder);
        if self.desk.folder.is_some() {
            self.desk.reopen = last;
            self.status.info(format!(
                "Reopened the folder {} from last time.",
                folder.display()
            ));
        }
    }

    /// Once a frame: takes the indexer's updates and a finished search, reopens last run's
    /// document once the rows are complete, goes to a hit once its document has opened, and
    /// keeps the remembered workspace up to date.
    pub(super) fn poll_folder(&mut self, ctx: &egui::Context) {
        let Some(folder) = &mut self.desk.folder else {
            return;
        };
        folder.poll();
        self.desk.search.poll(ctx, folder);
        if self.desk.reopen.is_some() && folder.summaries_complete() && self.modal.is_none() {
            self.reopen_last();
        }
        self.finish_jump();
        let list = &self.desk.list;
        let remembered = &mut self.prefs.workspace;
        if remembered.sort != list.sort || remembered.filter != list.filter {
            remembered.sort = list.sort;
            remembered.filter.clone_from(&list.filter);
        }
        let open = self.open_row();
        if let (Some(folder), Some(row)) = (&self.desk.folder, open) {
            let key = folder.documents()[row].key();
            if self.prefs.workspace.last_document.as_deref() != Some(key) {
                self.prefs.workspace.last_document = Some(key.to_path_buf());
            }
        }
    }

    /// Opens last run's document, if it is still in the folder.
    fn reopen_last(&mut self) {
        let Some(key) = self.desk.reopen.take() else {
            return;
        };
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
    pub(super) fn open_document(&mut self, open: FolderOpen) {
        self.start_open(&open.path, open.session_out, open.quiet);
        if let Some(jump) = open.jump {
            self.desk.jump = Some(PendingJump {
                generation: self.generation,
                jump,
            });
        }
    }

    /// Goes to a pending hit once the document opened for it is in the window; forgets it
    /// when the open failed or was cancelled.
    fn finish_jump(&mut self) {
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

    /// The row of the document in the window, if it is one of the folder's.
    fn open_row(&mut self) -> Option<usize> {
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

    /// Performs the folder's commands.
    pub(super) fn perform_folder(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::OpenFolder => {
                let directory = self
                    .desk
                    .folder
                    .as_ref()
                    .and_then(|f| f.root().parent().map(Path::to_path_buf))
                    .unwrap_or_else(sessions_dir);
                self.dialogs
                    .request(ctx, PathPurpose::OpenFolder, &directory, None);
            }
            Action::CloseFolder => self.close_folder(),
            Action::ToggleDocuments => {
                if self.desk.folder.is_some() {
                    self.prefs.hide_documents = !self.prefs.hide_documents;
                } else {
                    self.desk.empty_panel = !self.desk.empty_panel;
                }
            }
            Action::SearchFolder => {
                self.prefs.hide_documents = false;
                self.desk.empty_panel = self.desk.folder.is_none();
                self.desk.tab = Tab::Search;
                self.desk.search.focus = true;
            }
            Action::NextDocument => self.step_document(true),
            Action::PreviousDocument => self.step_document(false),
            Action::OpenDocument(key) => self.open_key(&key, None),
            Action::OpenHit(hit) => {
                let jump = Jump::of(&hit);
                let here = self.open_row().and_then(|row| {
                    let folder = self.desk.folder.as_ref()?;
                    (folder.documents()[row].key() == hit.document).then_some(())
                });
                match (here, jump) {
                    (Some(()), Some(jump)) => self.go_to(jump),
                    (Some(()), None) => {}
                    (None, jump) => self.open_key(&hit.document, jump),
                }
            }
            _ => {}
        }
    }

    /// Opens the document with this key (after the unsaved-changes question), going to
    /// `jump` once it is open; nothing when it is the one open already.
    fn open_key(&mut self, key: &Path, jump: Option<Jump>) {
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
    fn step_document(&mut self, forward: bool) {
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
        self.open_key(&key, None);
    }

    /// A session was saved at `path`: its row is read again now.
    pub(super) fn folder_saved(&self, path: &Path) {
        if let Some(folder) = &self.desk.folder {
            folder.refresh(vec![path.to_path_buf()]);
        }
    }

    /// Before the first save of a folder's article to `sessions/NAME.ron` beside it: makes
    /// the `sessions` folder if it is missing (the save would fail without it).
    pub(super) fn prepare_session_folder(&mut self, path: &Path) {
        let Some(folder) = &self.desk.folder else {
            return;
        };
        let Some(parent) = path.parent() else {
            return;
        };
        let is_sessions = parent.file_name().is_some_and(|name| name == "sessions");
        let beside_an_article = parent.parent().is_some_and(Path::is_dir);
        let wanted =
            is_sessions && beside_an_article && path.starts_with(folder.root()) && !parent.exists();
        if wanted && let Err(error) = std::fs::create_dir(parent) {
            self.status.error(format!(
                "Could not make the folder {}: {error}",
                parent.display()
            ));
        }
    }

    /// True when the Documents panel is shown.
    fn documents_shown(&self) -> bool {
        match self.desk.folder {
            Some(_) => !self.prefs.hide_documents,
            None => self.desk.empty_panel,
        }
    }

    /// The Documents panel (left), while a folder is open and the panel not hidden.
    pub(super) fn documents_panel(&mut self, ui: &mut egui::Ui, palette: &Palette) {
        if !self.documents_shown() {
            return;
        }
        let width = ui.ctx().content_rect().width();
        egui::Panel::left("documents-panel")
            .default_size((width * 0.32).clamp(260.0, 440.0))
            .size_range(220.0..=(width * 0.55).max(260.0))
            .resizable(true)
            .show(ui, |ui| self.documents_contents(ui, palette));
    }

    fn documents_contents(&mut self, ui: &mut egui::Ui, palette: &Palette) {
        let open = self.open_row();
        ui.horizontal(|ui| {
            ui.selectable_value(&mut self.desk.tab, Tab::Documents, "Documents");
            ui.selectable_value(&mut self.desk.tab, Tab::Search, "Search")
                .on_hover_text("Search every article and annotation of the folder (Ctrl+Shift+K)");
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let close = if self.desk.folder.is_some() {
                    Action::CloseFolder
                } else {
                    Action::ToggleDocuments
                };
                if ui
                    .add(egui::Button::new("×").small().frame(false))
                    .on_hover_text(close.label())
                    .clicked()
                {
                    self.commands.push(close);
                }
            });
        });
        ui.separator();
        let Some(folder) = &self.desk.folder else {
            documents::no_folder(ui, palette, &mut self.commands);
            return;
        };
        match self.desk.tab {
            Tab::Documents => documents::show(
                ui,
                folder,
                &mut self.desk.list,
                open,
                palette,
                &mut self.commands,
            ),
            Tab::Search => {
                search_panel::show(
                    ui,
                    folder,
                    &mut self.desk.search,
                    palette,
                    &mut self.commands,
                );
            }
        }
    }
}
