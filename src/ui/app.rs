//! The application: owns the open document and the view state, turns user actions into edits,
//! saves and opens files, and lays out the window (menu, article, side panel, status bar).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::Launch;
use super::annotation_list::{self, ListState};
use super::article_view::{self, ViewState};
use super::autosave::Autosave;
use super::commands::{self, Action, CommandQueue};
use super::dialogs::{FileDialogs, PathPurpose, sessions_dir};
use super::document::Document;
use super::find_bar::{FindBar, FindEvent};
use super::inspector::{self, InspectorEvent};
use super::jobs::Job;
use super::menu;
use super::orphans;
use super::prefs::Preferences;
use super::status::Status;
use super::theme::Palette;
use crate::import;
use crate::model::{Edit, EditGroup, Session};
use crate::store::{self, RecoveryStore, SaveError};
use tasks::Task;

mod modals;
mod tasks;

/// What to do once the unsaved-changes question is answered.
#[derive(Clone, Debug, PartialEq)]
enum Proceed {
    Quit,
    ChooseAndOpen,
    /// Open this file (dropped on the window, or picked from File → Recent).
    Open(PathBuf),
    /// Start a session on an article made from this pasted text.
    NewFromText(String),
    NewSession,
    /// Restore the offered recovery copy in this file (replacing the open document).
    Restore(PathBuf),
}

/// "A file is already there: replace it?" with what it holds.
#[derive(Clone, Debug)]
struct ReplaceQuestion {
    path: PathBuf,
    holds: String,
}

/// How a save ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Saved {
    /// Written.
    Yes,
    /// Not yet: a question (replace? changed on disk?) is open, and answering it may save.
    Asking,
    /// Failed (the error is shown); the work stays unsaved in memory.
    No,
}

/// The Factmark window.
pub struct FactmarkApp {
    doc: Document,
    view: ViewState,
    list: ListState,
    find: FindBar,
    /// A text field (note, filter, find) had keyboard focus at the end of the last frame.
    text_field_had_focus: bool,
    prefs: Preferences,
    dialogs: FileDialogs,
    status: Status,
    /// Waiting for "save, discard or cancel?" before doing this.
    confirm: Option<Proceed>,
    /// Do this once the pending Save-as has succeeded.
    after_save: Option<Proceed>,
    /// The user agreed to close; let the next close request through.
    close_confirmed: bool,
    /// The typing burst note edits currently join (one undo step per burst).
    note_group: Option<EditGroup>,
    groups_started: u64,
    window_title: String,
    /// The "new article from text" box, while open: what has been pasted or typed so far.
    paste_box: Option<String>,
    /// Crash-recovery copies of unsaved work.
    autosave: Autosave,
    /// Saving was stopped because the file changed on disk; ask what to do.
    disk_conflict: bool,
    /// The file on disk as read for the changed-on-disk question, once read.
    disk_theirs: Option<Result<store::Loaded, String>>,
    /// What the question says about the file on disk against this window's version, worked
    /// out once when it has been read (not every frame the question shows).
    disk_comparison: String,
    /// Reading the file on disk for that question.
    disk_version: Option<Job<Result<store::Loaded, String>>>,
    /// Saving was stopped because a file this window did not read is at the target: replace?
    replace_question: Option<ReplaceQuestion>,
    /// Opening a file or re-anchoring, on a worker; the window waits for it (with Cancel).
    task: Option<Task>,
    /// Checking, on a worker, whether the article file changed (for this document generation).
    source_check: Option<(u64, Job<Option<PathBuf>>)>,
    /// Counts documents opened in this window, so a late result about an earlier one is dropped.
    generation: u64,
    /// The window's context, for starting workers outside a frame's callbacks.
    ctx: egui::Context,
    /// The session's article file now differs from the text the session embeds.
    source_changed: Option<PathBuf>,
    /// The last re-anchoring's report, shown until dismissed, with the document as it was
    /// before (for "Revert").
    reanchored: Option<(store::ReanchorReport, Box<Document>)>,
    /// Commands asked for this frame (keys in `logic`, menus and views in `ui`), run once at
    /// the end of `ui`.
    commands: CommandQueue,
}

impl FactmarkApp {
    /// Builds the app: restores preferences, then opens what the command line asked for.
    pub fn new(cc: &eframe::CreationContext<'_>, launch: Launch) -> Self {
        let prefs = cc
            .storage
            .and_then(|storage| eframe::get_value::<Preferences>(storage, Preferences::STORAGE_KEY))
            .unwrap_or_default()
            .sanitized();
        cc.egui_ctx.set_theme(prefs.theme);
        // Ctrl+= / Ctrl+- zoom the article, not the whole interface.
        cc.egui_ctx.options_mut(|o| o.zoom_with_keyboard = false);

        let store = launch
            .recovery_dir
            .clone()
            .map(RecoveryStore::new)
            .or_else(RecoveryStore::platform);
        let Launch {
            path, session_out, ..
        } = launch;
        // The window shows at once; a file named on the command line opens on a worker (with
        // progress and Cancel), over the default article.
        let doc = Document::from_article(
            import::default_article(),
            if path.is_none() {
                session_out.clone()
            } else {
                None
            },
        );
        let autosave = Autosave::new(store, doc.path.as_deref());
        let mut app = Self {
            doc,
            view: ViewState::default(),
            list: ListState::default(),
            find: FindBar::default(),
            text_field_had_focus: false,
            prefs,
            dialogs: FileDialogs::default(),
            status: Status::default(),
            confirm: None,
            after_save: None,
            close_confirmed: false,
            note_group: None,
            groups_started: 0,
            window_title: String::new(),
            paste_box: None,
            autosave,
            disk_conflict: false,
            disk_theirs: None,
            disk_comparison: String::new(),
            disk_version: None,
            replace_question: None,
            task: None,
            source_check: None,
            generation: 0,
            ctx: cc.egui_ctx.clone(),
            source_changed: None,
            reanchored: None,
            commands: CommandQueue::default(),
        };
        match path {
            Some(path) => app.start_open(&cc.egui_ctx, &path, session_out, true),
            None => app.check_source(&cc.egui_ctx),
        }
        app
    }

    /// The session being edited.
    pub fn session(&self) -> &Session {
        &self.doc.session
    }

    /// The session file Ctrl+S writes to, if chosen.
    pub fn session_path(&self) -> Option<&Path> {
        self.doc.path.as_deref()
    }

    /// True when there are unsaved changes.
    pub fn is_dirty(&self) -> bool {
        self.doc.is_dirty()
    }

    /// Errors shown to the user and not yet dismissed.
    pub fn errors(&self) -> &[String] {
        &self.status.errors
    }

    /// The selected annotation, if any.
    pub fn selected(&self) -> Option<crate::model::AnnotationId> {
        self.view.selected()
    }

    /// The pending (untagged) selection, a byte range of the article, if any.
    pub fn selection(&self) -> Option<crate::model::Span> {
        self.view.selection()
    }

    /// The pending (untagged) selection's text, if any.
    pub fn selection_text(&self) -> Option<&str> {
        self.view
            .selection()
            .and_then(|span| span.slice(self.doc.session.article().text()))
    }

    /// Where the byte range `span` of the article was drawn in the last frame, one rectangle
    /// per row (empty if it was not laid out). Lets tests and tools point at text.
    pub fn screen_rects(&self, span: crate::model::Span) -> Vec<egui::Rect> {
        self.view
            .screen_rects(self.doc.session.article().text(), span)
    }

    /// Byte ranges of the article text the view laid out in the last frame, one per block (a
    /// paragraph, or a few-KB chunk of a long one). For tests and benchmarks that check a
    /// huge paragraph is never laid out whole.
    pub fn laid_out_last_frame(&self) -> &[std::ops::Range<usize>] {
        self.view.laid_out_last_frame()
    }

    /// Where this window writes its crash-recovery copy (none when recovery is off).
    pub fn recovery_file(&self) -> Option<PathBuf> {
        self.autosave.current_file()
    }

    /// True while a modal question (unsaved changes, recovery, changed on disk, …) is open.
    pub fn is_showing_modal(&self) -> bool {
        self.modal_open()
    }

    /// True while the unsaved-changes question is shown.
    pub fn is_asking_to_save(&self) -> bool {
        self.confirm.is_some()
    }

    /// Performs an action, as if chosen from a menu or pressed on the keyboard.
    pub fn perform(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::Tag(tag) => self.tag(tag),
            Action::DeleteSelected => {
                if let Some(id) = self.view.selected() {
                    self.edit(Edit::Remove(id));
                }
            }
            Action::Undo => self.undo_redo(true),
            Action::Redo => self.undo_redo(false),
            Action::Save => match self.doc.path.clone() {
                Some(path) => {
                    self.save_to(ctx, path, false);
                }
                None => self.ask_save_path(ctx),
            },
            Action::RecoverUnsaved => {
                self.autosave.list_offers(super::autosave::Listing::Asked);
            }
            Action::SaveAs => self.ask_save_path(ctx),
            Action::Open => self.guard(ctx, Proceed::ChooseAndOpen),
            Action::OpenRecent(index) => {
                if let Some(path) = self.prefs.recent.get(index).cloned() {
                    self.guard(ctx, Proceed::Open(path));
                }
            }
            Action::ForgetRecent(index) => {
                if index < self.prefs.recent.len() {
                    self.prefs.recent.remove(index);
                }
            }
            Action::ClearRecent => self.prefs.recent.clear(),
            Action::NewSession => self.guard(ctx, Proceed::NewSession),
            Action::AttachUpdatedArticle => {
                let directory = self
                    .source_path()
                    .and_then(|p| p.parent().map(Path::to_path_buf))
                    .filter(|dir| dir.is_dir())
                    .unwrap_or_else(sessions_dir);
                self.dialogs
                    .request(ctx, PathPurpose::AttachArticle, &directory, None);
            }
            Action::NewFromClipboard => match read_clipboard() {
                Ok(text) => self.guard(ctx, Proceed::NewFromText(text)),
                Err(reason) => {
                    self.status
                        .info(format!("{reason} Paste the text into this box instead."));
                    self.paste_box = Some(String::new());
                }
            },
            Action::NewFromText => self.paste_box = Some(String::new()),
            Action::Quit => self.guard(ctx, Proceed::Quit),
            Action::ClearSelection => self.view.clear(),
            Action::SelectNext | Action::SelectPrevious => {
                self.step_selection(action == Action::SelectNext);
            }
            Action::Select(id) => {
                self.end_note_burst();
                self.view.select_annotation(id);
            }
            Action::FindInList => self.list.focus_query = true,
            Action::Find => {
                let origin = self.find_cursor().unwrap_or(0);
                let selected_text = self
                    .view
                    .selection()
                    .and_then(|span| span.slice(self.doc.session.article().text()));
                self.find.open(selected_text, origin);
            }
            Action::FindNext | Action::FindPrevious => {
                let cursor = self.find_cursor();
                let event = self.find.step(
                    self.doc.session.article(),
                    cursor,
                    action == Action::FindNext,
                );
                self.find_event(event);
            }
            Action::ZoomIn => self.prefs.zoom_in(),
            Action::ZoomOut => self.prefs.zoom_out(),
            Action::ZoomReset => self.prefs.zoom_reset(),
            Action::SetTheme(theme) => {
                self.prefs.theme = theme;
                ctx.set_theme(theme);
            }
        }
    }

    /// Where "next match" counts from: the selection, else the selected annotation.
    fn find_cursor(&self) -> Option<usize> {
        self.view
            .selection()
            .or_else(|| {
                self.view
                    .selected()
                    .and_then(|id| self.doc.session.get(id))
                    .map(|a| a.span)
            })
            .map(|span| span.start)
    }

    fn find_event(&mut self, event: Option<FindEvent>) {
        match event {
            Some(FindEvent::Select(span)) => {
                self.end_note_burst();
                self.view.select_text(span);
            }
            Some(FindEvent::ClearSelection) => self.view.clear_text_selection(),
            None => {}
        }
    }

    fn tag(&mut self, tag: crate::model::Tag) {
        if let Some(span) = self.view.selection() {
            let edit = self.doc.session.add_edit(tag, span);
            let id = match &edit {
                Edit::Add(annotation) => Some(annotation.id),
                _ => None,
            };
            if self.edit(edit) {
                self.view.set_selected_without_scroll(id);
            }
        } else if let Some(id) = self.view.selected() {
            if self.doc.session.get(id).is_some_and(|a| a.tag != tag) {
                self.edit(Edit::SetTag { id, tag });
            }
        } else {
            self.status
                .info("Select some text first, then press 1, 2 or 3 to tag it.");
        }
    }

    /// Applies an edit as its own undo step. Returns whether it was applied.
    fn edit(&mut self, edit: Edit) -> bool {
        self.end_note_burst();
        match self.doc.apply(edit, None) {
            Ok(()) => {
                self.forget_missing_selection();
                true
            }
            Err(error) => {
                self.status
                    .error(format!("Could not apply the change: {error}"));
                false
            }
        }
    }

    fn end_note_burst(&mut self) {
        if self.note_group.take().is_some() {
            self.doc.history.close_group();
        }
    }

    fn undo_redo(&mut self, undo: bool) {
        self.end_note_burst();
        let session = &mut self.doc.session;
        let outcome = if undo {
            self.doc.history.undo(session)
        } else {
            self.doc.history.redo(session)
        };
        let verb = if undo { "Undid" } else { "Redid" };
        match outcome {
            None => self.status.info(if undo {
                "Nothing to undo."
            } else {
                "Nothing to redo."
            }),
            Some(Ok(edit)) => self.status.info(format!("{verb} {}.", edit.describe())),
            Some(Err(error)) => self.status.error(format!("{verb} failed: {error}")),
        }
        self.forget_missing_selection();
    }

    fn forget_missing_selection(&mut self) {
        if let Some(id) = self.view.selected()
            && self.doc.session.get(id).is_none()
        {
            self.view.deselect_annotation();
        }
    }

    fn step_selection(&mut self, forward: bool) {
        let annotations = self.doc.session.annotations();
        if annotations.is_empty() {
            return;
        }
        let current = self
            .view
            .selected()
            .and_then(|id| self.doc.session.position(id));
        let next = match (current, forward) {
            (None, true) => 0,
            (None, false) => annotations.len() - 1,
            (Some(i), true) => (i + 1) % annotations.len(),
            (Some(i), false) => (i + annotations.len() - 1) % annotations.len(),
        };
        let id = annotations[next].id;
        self.end_note_burst();
        self.view.select_annotation(id);
    }

    /// Saves to `path`, through the one check every session write goes through
    /// ([`store::Replace`]): the file this document read or wrote, if unchanged; a file this
    /// window never read only after the user answers "replace" (`confirmed`); a file this
    /// version cannot read never. On failure the work stays unsaved in memory.
    fn save_to(&mut self, ctx: &egui::Context, path: PathBuf, confirmed: bool) -> Saved {
        let replace = if confirmed {
            store::Replace::Confirmed
        } else {
            self.doc.replace_policy(&path)
        };
        match store::save_guarded(&self.doc.session, &path, replace) {
            Ok(fingerprint) => {
                self.status.info(format!("Saved to {}", path.display()));
                self.prefs.remember_recent(&path);
                self.doc.fingerprint = Some(fingerprint);
                self.autosave.rebind(Some(&path), &mut self.status);
                self.doc.path = Some(path);
                self.doc.history.mark_saved();
                self.note_group = None;
                Saved::Yes
            }
            Err(SaveError::ChangedOnDisk { .. }) if self.doc.path.as_deref() == Some(&path) => {
                self.disk_conflict = true;
                self.read_disk_version(ctx);
                Saved::Asking
            }
            Err(SaveError::Exists { holds, .. }) => {
                self.replace_question = Some(ReplaceQuestion { path, holds });
                Saved::Asking
            }
            Err(error) => {
                self.status.error(format!("Not saved: {error}"));
                Saved::No
            }
        }
    }

    fn ask_save_path(&mut self, ctx: &egui::Context) {
        let directory = self
            .doc
            .path
            .as_deref()
            .and_then(Path::parent)
            .filter(|dir| !dir.as_os_str().is_empty())
            .map_or_else(sessions_dir, Path::to_path_buf);
        let name = self.doc.suggested_file_name();
        self.dialogs
            .request(ctx, PathPurpose::SaveAs, &directory, Some(name));
    }

    /// Runs `next` now, or first asks about unsaved changes.
    fn guard(&mut self, ctx: &egui::Context, next: Proceed) {
        if self.doc.is_dirty() {
            self.confirm = Some(next);
        } else {
            self.proceed(ctx, next);
        }
    }

    fn proceed(&mut self, ctx: &egui::Context, next: Proceed) {
        match next {
            Proceed::Quit => {
                self.close_confirmed = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Proceed::ChooseAndOpen => {
                let directory = sessions_dir();
                self.dialogs
                    .request(ctx, PathPurpose::Open, &directory, None);
            }
            Proceed::Open(path) => self.open_path(ctx, &path),
            Proceed::NewFromText(text) => match import::article_from_clipboard(&text) {
                Ok(article) => {
                    let title = article.title().to_owned();
                    self.replace_document(Document::from_article(article, None));
                    self.status
                        .info(format!("New article from pasted text: “{title}”"));
                }
                Err(error) => self
                    .status
                    .error(format!("Could not use the pasted text: {error}")),
            },
            Proceed::Restore(file) => {
                let entry = self
                    .autosave
                    .offers
                    .iter()
                    .find(|e| e.recovery_file == file)
                    .cloned();
                if let Some(entry) = entry {
                    self.start_restore(ctx, entry);
                }
            }
            Proceed::NewSession => {
                let article = Arc::clone(self.doc.session.article());
                self.replace_document(Document::new(
                    Session::new(article),
                    crate::model::History::new(),
                    None,
                ));
                self.status.info("Started a new session on this article.");
            }
        }
    }

    fn replace_document(&mut self, doc: Document) {
        // The old work was saved or deliberately discarded: its recovery copy goes.
        self.autosave.rebind(doc.path.as_deref(), &mut self.status);
        self.doc = doc;
        self.view = ViewState::default();
        self.list.reset_cache();
        self.note_group = None;
        self.reanchored = None;
        self.generation += 1;
        self.check_source(&self.ctx.clone());
    }

    /// The article file this session was made from, if it can still be found: the stored
    /// source as given, or relative to the session file's folder.
    fn source_path(&self) -> Option<PathBuf> {
        let source = PathBuf::from(self.doc.session.article().source()?);
        if source.is_file() {
            return Some(source);
        }
        let beside = self.doc.path.as_deref()?.parent()?.join(&source);
        beside.is_file().then_some(beside)
    }

    fn handle_dialog_answer(&mut self, ctx: &egui::Context, purpose: PathPurpose, path: PathBuf) {
        match purpose {
            PathPurpose::Open => self.open_path(ctx, &path),
            PathPurpose::AttachArticle => self.start_attach(ctx, &path),
            PathPurpose::SaveAs => {
                let path = if path.extension().is_none() {
                    path.with_extension("ron")
                } else {
                    path
                };
                match self.save_to(ctx, path, false) {
                    Saved::Yes => {
                        if let Some(next) = self.after_save.take() {
                            self.proceed(ctx, next);
                        }
                    }
                    Saved::Asking => {}
                    Saved::No => self.after_save = None,
                }
            }
        }
    }

    fn inspector_event(&mut self, event: InspectorEvent) {
        match event {
            InspectorEvent::Edit(edit) => {
                self.edit(edit);
            }
            InspectorEvent::NoteEdit(edit) => {
                let group = *self.note_group.get_or_insert_with(|| {
                    self.groups_started += 1;
                    EditGroup(self.groups_started)
                });
                if let Err(error) = self.doc.apply(edit, Some(group)) {
                    self.status
                        .error(format!("Could not change the note: {error}"));
                }
            }
            InspectorEvent::NoteDone => self.end_note_burst(),
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let marker = if self.doc.is_dirty() { "• " } else { "" };
        let title = format!("{marker}{} — Factmark", self.doc.display_name());
        if title != self.window_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }
    }

    /// True while a modal question or dialog is open (keys then belong to it).
    fn modal_open(&self) -> bool {
        self.confirm.is_some()
            || self.dialogs.is_open()
            || self.paste_box.is_some()
            || self.disk_conflict
            || self.replace_question.is_some()
            || self.task.is_some()
            || !self.autosave.offers.is_empty()
            || self.reanchored.is_some()
    }

    fn status_bar(&mut self, ui: &mut egui::Ui, palette: &Palette) {
        ui.horizontal(|ui| {
            let file = self.doc.path.as_deref().map_or_else(
                || "not saved yet".to_owned(),
                |path| path.display().to_string(),
            );
            ui.label(file);
            ui.separator();
            if self.doc.is_dirty() {
                ui.label(egui::RichText::new("• Unsaved changes").strong());
            } else {
                ui.label(match (&self.doc.path, &self.doc.fingerprint) {
                    (Some(_), Some(_)) => "Saved",
                    // Bound to a file this window has not written (a `--session` target, a
                    // restored copy's original): nothing of this session is in it yet.
                    (Some(_), None) => "Not saved to this file yet",
                    (None, _) => "New session",
                });
            }
            ui.separator();
            let total = self.doc.session.annotations().len();
            ui.label(match total {
                1 => "1 annotation".to_owned(),
                n => format!("{n} annotations"),
            });
            if let Some(info) = &self.status.info {
                ui.separator();
                ui.label(egui::RichText::new(info).color(palette.weak_text));
            }
        });
    }

    /// Offers re-anchoring when the article file changed since the session was made.
    fn source_banner(&mut self, ui: &mut egui::Ui) {
        let Some(source) = self.source_changed.clone() else {
            return;
        };
        let mut attach = false;
        let mut dismiss = false;
        egui::Frame::new()
            .fill(ui.visuals().warn_fg_color.gamma_multiply(0.15))
            .stroke(egui::Stroke::new(1.0, ui.visuals().warn_fg_color))
            .corner_radius(4.0)
            .inner_margin(8.0)
            .show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.label(format!(
                        "The article at {} has changed since this session was made.",
                        source.display()
                    ));
                    attach = ui.button("Re-anchor to the updated article").clicked();
                    dismiss = ui.button("Keep the embedded text").clicked();
                });
            });
        if attach {
            self.start_attach(&ui.ctx().clone(), &source);
        } else if dismiss {
            self.source_changed = None;
        }
    }

    fn error_banner(&mut self, ui: &mut egui::Ui) {
        let mut dismiss = None;
        for (i, error) in self.status.errors.iter().enumerate() {
            egui::Frame::new()
                .fill(ui.visuals().error_fg_color.gamma_multiply(0.15))
                .stroke(egui::Stroke::new(1.0, ui.visuals().error_fg_color))
                .corner_radius(4.0)
                .inner_margin(8.0)
                .show(ui, |ui| {
                    // The button first, at the right edge: the message wraps in what is left,
                    // so a long one never runs under the button.
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::TOP), |ui| {
                        if ui.button("Dismiss").clicked() {
                            dismiss = Some(i);
                        }
                        ui.with_layout(egui::Layout::left_to_right(egui::Align::TOP), |ui| {
                            let red = ui.visuals().error_fg_color;
                            ui.label(egui::RichText::new("Error").color(red));
                            ui.add(egui::Label::new(error).wrap());
                        });
                    });
                });
        }
        if let Some(i) = dismiss {
            self.status.errors.remove(i);
        }
    }
}

/// The clipboard's text, or why there is none.
fn read_clipboard() -> Result<String, String> {
    let mut clipboard =
        arboard::Clipboard::new().map_err(|e| format!("The clipboard is not available ({e})."))?;
    clipboard
        .get_text()
        .map_err(|e| format!("The clipboard holds no text ({e})."))
}

/// While files are dragged over the window, says what dropping will do.
fn drop_overlay(ctx: &egui::Context) {
    let hovering = ctx.input(|i| !i.raw.hovered_files.is_empty());
    if !hovering {
        return;
    }
    let screen = ctx.content_rect();
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::unique("drop-overlay"),
    ));
    painter.rect_filled(screen, 0.0, egui::Color32::from_black_alpha(170));
    painter.text(
        screen.center(),
        egui::Align2::CENTER_CENTER,
        "Drop an article (.txt, .md) or a session (.ron) to open it",
        egui::FontId::proportional(22.0),
        egui::Color32::WHITE,
    );
}

impl eframe::App for FactmarkApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.poll_tasks(ctx);
        if let Some((purpose, path)) = self.dialogs.poll() {
            self.handle_dialog_answer(ctx, purpose, path);
        }
        let dropped = ctx.input(|i| {
            i.raw
                .dropped_files
                .first()
                .map(|file| file.path().to_path_buf())
        });
        if let Some(path) = dropped
            && self.confirm.is_none()
            && self.task.is_none()
        {
            self.guard(ctx, Proceed::Open(path));
        }
        if ctx.input(|i| i.viewport().close_requested())
            && !self.close_confirmed
            && self.doc.is_dirty()
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.confirm = Some(Proceed::Quit);
        }
        if !self.modal_open() {
            // Esc in a text field only leaves the field (egui has already taken its focus
            // away): it must not also clear the selection. In the find field it closes the
            // bar, keeping the match selected for tagging.
            if self.text_field_had_focus
                && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
                && self.find.field_had_focus()
            {
                self.find.close();
            }
            let typing = ctx.egui_wants_keyboard_input();
            commands::read(ctx, typing, &mut self.commands);
        }
        self.autosave.tick(ctx, &self.doc, &mut self.status);
        self.update_title(ctx);
    }

    fn on_exit(&mut self) {
        // Every way out through the window either saved the work or chose to discard it.
        self.autosave.clear(&mut self.status);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        let palette = Palette::for_theme(ctx.theme());

        egui::Panel::top("menu-bar").show(ui, |ui| {
            menu::bar(
                ui,
                &self.doc,
                &self.prefs,
                &palette,
                self.autosave.available,
                &mut self.commands,
            );
        });
        egui::Panel::bottom("status-bar").show(ui, |ui| {
            self.status_bar(ui, &palette);
        });
        egui::Panel::right("side-panel")
            .default_size(340.0)
            .size_range(240.0..=640.0)
            .resizable(true)
            .show(ui, |ui| {
                let selected = self.view.selected().and_then(|id| self.doc.session.get(id));
                let events = inspector::show(ui, &self.doc.session, selected, &palette);
                for event in events {
                    self.inspector_event(event);
                }
                if let Some(edit) =
                    orphans::show(ui, &self.doc.session, self.view.selection(), &palette)
                {
                    let reattached = match &edit {
                        Edit::Reattach { id, .. } => Some(*id),
                        _ => None,
                    };
                    if self.edit(edit) && reattached.is_some() {
                        self.view.set_selected_without_scroll(reattached);
                    }
                }
                ui.separator();
                ui.heading("Annotations");
                if let Some(id) = annotation_list::show(
                    ui,
                    &self.doc.session,
                    &mut self.list,
                    self.view.selected(),
                    &palette,
                ) {
                    self.commands.push(Action::Select(id));
                }
            });
        egui::CentralPanel::default()
            .frame(egui::Frame::central_panel(ui.style()).fill(palette.page))
            .show(ui, |ui| {
                self.error_banner(ui);
                self.source_banner(ui);
                let found = self.find.show(
                    ui,
                    self.doc.session.article(),
                    self.view.selection(),
                    &palette,
                );
                self.find_event(found);
                if let Some(tag) = article_view::show(
                    ui,
                    &self.doc.session,
                    &mut self.view,
                    &palette,
                    self.prefs.zoom,
                    self.find.matches(),
                ) {
                    self.commands.push(Action::Tag(tag));
                }
            });

        drop_overlay(&ctx);
        self.task_dialog(&ctx);
        self.replace_dialog(&ctx);
        self.recovery_dialog(&ctx);
        self.reanchor_report(&ctx);
        self.disk_conflict_dialog(&ctx);
        self.paste_dialog(&ctx);
        self.confirm_dialog(&ctx);
        if let Some((purpose, path)) = self.dialogs.show_prompt(&ctx) {
            self.handle_dialog_answer(&ctx, purpose, path);
        }
        for action in self.commands.take() {
            self.perform(&ctx, action);
        }
        self.text_field_had_focus = ctx.egui_wants_keyboard_input();
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, Preferences::STORAGE_KEY, &self.prefs);
    }

    fn persist_egui_memory(&self) -> bool {
        // Window layout is worth keeping; egui's memory also holds widget state we don't need.
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Article;

    #[test]
    fn new_documents_are_clean() {
        let doc = Document::from_article(Article::new("t", None, "Some text."), None);
        assert!(!doc.is_dirty());
        assert!(doc.path.is_none());
    }
}
