//! The folder open in the window: opening it (File › Open folder, a folder dropped on the
//! window, `factmark FOLDER`, or last run's workspace), polling its indexer once a frame, the
//! Documents panel around it, moving between its documents (through `guard`, so unsaved work
//! asks first; an article without a session opens with its first save going to
//! `sessions/NAME.ron` beside it), going to a search hit once its document is in the window,
//! and telling the folder when a session was saved there. What the window remembers of it
//! lives in `prefs.workspace`.

use std::path::{Path, PathBuf};

use super::FactmarkApp;
use crate::ui::commands::Action;
use crate::ui::dialogs::{PathPurpose, sessions_dir};
use crate::ui::documents::{self, DocumentsView, Tab};
use crate::ui::search_panel::{self, SearchPanel};
use crate::ui::theme::Palette;
use crate::workspace::folder::{DocumentRow, Folder, Options, SearchResults, cache};

mod navigate;

pub(super) use navigate::FolderOpen;
use navigate::{OpenRow, PendingJump};

/// The open folder and what the window keeps about it.
#[derive(Default)]
pub(super) struct Desk {
    folder: Option<Folder>,
    list: DocumentsView,
    search: SearchPanel,
    tab: Tab,
    /// The summary cache's folder named at launch (tests); `None`: the platform's.
    cache_dir: Option<PathBuf>,
    /// Where to go once the document being opened is in the window.
    jump: Option<PendingJump>,
    /// The document (its key) to open once the folder's rows are complete: last run's.
    /// With the document generation it was asked in: if another document is opened first
    /// (a recovery copy restored, a file dropped), last run's is not opened over it.
    reopen: Option<(PathBuf, u64)>,
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
            self.desk.reopen = last.map(|key| (key, self.generation));
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
            Action::ToggleDocuments if self.desk.folder.is_some() => {
                self.prefs.hide_documents = !self.prefs.hide_documents;
            }
            Action::ToggleDocuments | Action::SearchFolder if self.desk.folder.is_none() => {
                // The panel lists a folder's documents: without one, choosing one comes first.
                self.status
                    .info("No folder is open: choose one to list and search its documents.");
                self.prefs.hide_documents = false;
                self.perform_folder(ctx, Action::OpenFolder);
            }
            Action::SearchFolder => {
                self.prefs.hide_documents = false;
                self.desk.tab = Tab::Search;
                self.desk.search.focus = true;
            }
            Action::NextDocument => self.step_document(true),
            Action::PreviousDocument => self.step_document(false),
            Action::OpenDocument(key) => self.open_key(&key),
            Action::OpenHit(hit) => self.open_hit(&hit),
            _ => {}
        }
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

    /// The Documents panel (left), while a folder is open and the panel not hidden.
    pub(super) fn documents_panel(&mut self, ui: &mut egui::Ui, palette: &Palette) {
        if self.desk.folder.is_none() || self.prefs.hide_documents {
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
                if ui
                    .add(egui::Button::new("×").small().frame(false))
                    .on_hover_text(
                        "Hide the panel (View › Documents panel shows it again; File › Close folder closes the folder)",
                    )
                    .clicked()
                {
                    self.commands.push(Action::ToggleDocuments);
                }
            });
        });
        ui.separator();
        let Some(folder) = &self.desk.folder else {
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
