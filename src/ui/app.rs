//! The application window: owns the open document and the view state, and runs the frame
//! loop. What happens where: `app/perform.rs` performs user commands (the one place views'
//! commands are run), `app/lifecycle.rs` swaps, saves and guards the open document,
//! `app/tasks.rs` runs slow work on workers, `app/modal.rs` holds the one open question,
//! `app/draw.rs` lays out the panels.

use std::path::{Path, PathBuf};

use super::Launch;
use super::annotation_list::ListState;
use super::article_view::ViewState;
use super::autosave::Autosave;
use super::commands::{self, CommandQueue};
use super::dialogs::FileDialogs;
use super::find_bar::FindBar;
use super::inspector::InspectorState;
use super::prefs::Preferences;
use super::status::Status;
use super::suggestions::Suggestions;
use crate::import;
use crate::model::Session;
use crate::store::RecoveryStore;
use crate::workspace::Document;
use lifecycle::Proceed;
use modal::Modal;
use tasks::SourceCheck;

mod check;
mod draw;
mod exchange;
mod folder;
mod lifecycle;
mod modal;
mod perform;
mod saving;
mod suggest;
mod tasks;

/// The Factmark window.
pub struct FactmarkApp {
    doc: Document,
    view: ViewState,
    list: ListState,
    find: FindBar,
    /// The inspector's focus request, source draft and claimant names.
    inspector: InspectorState,
    /// An annotation was signed with the default analyst name in this run, and the analyst
    /// has not yet said whether to keep it: the side panel asks once.
    ask_analyst: bool,
    /// The fact-check report being written on a worker: where, and the result.
    report_export: Option<std::sync::mpsc::Receiver<Result<PathBuf, String>>>,
    /// Export and import of other tools' formats (a worker, the import waiting for an answer).
    exchange: exchange::Exchange,
    /// A text field (note, filter, find) had keyboard focus at the end of the last frame.
    text_field_had_focus: bool,
    prefs: Preferences,
    dialogs: FileDialogs,
    status: Status,
    /// The one question (or progress window) open, if any: keys belong to it.
    modal: Option<Modal>,
    /// Do this once the pending save has succeeded (a question asked "save first?").
    after_save: Option<Proceed>,
    /// The save running on a worker, if any.
    saving: Option<saving::SaveTask>,
    /// Save again (to this path; `true`: replacing was confirmed) once the running save ends.
    save_queued: Option<(PathBuf, bool)>,
    /// The user agreed to close; let the next close request through.
    close_confirmed: bool,
    window_title: String,
    /// Crash-recovery copies of unsaved work.
    autosave: Autosave,
    /// Checking, on a worker, whether the article file changed.
    source_check: Option<SourceCheck>,
    /// Counts documents opened in this window, so a late result about an earlier one is dropped.
    generation: u64,
    /// The window's context, for starting workers outside a frame's callbacks.
    ctx: egui::Context,
    /// The session's article file now differs from the text the session embeds.
    source_changed: Option<PathBuf>,
    /// Commands asked for this frame (keys in `logic`, menus and views in `ui`), run once at
    /// the end of `ui`.
    commands: CommandQueue,
    /// The folder in the Documents panel, and the search across it.
    desk: folder::Desk,
    /// The open document's suggestions, and where the analyst is among them.
    suggest: Suggestions,
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
        super::theme::install_visuals(&cc.egui_ctx);
        // Ctrl+= / Ctrl+- zoom the article, not the whole interface.
        cc.egui_ctx.options_mut(|o| o.zoom_with_keyboard = false);

        let store = launch
            .recovery_dir
            .clone()
            .map(RecoveryStore::new)
            .or_else(RecoveryStore::platform);
        let Launch {
            path,
            session_out,
            cache_dir,
            ..
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
            inspector: InspectorState::default(),
            ask_analyst: false,
            report_export: None,
            exchange: exchange::Exchange::default(),
            text_field_had_focus: false,
            prefs,
            dialogs: FileDialogs::default(),
            status: Status::default(),
            modal: None,
            after_save: None,
            saving: None,
            save_queued: None,
            close_confirmed: false,
            window_title: String::new(),
            autosave,
            source_check: None,
            generation: 0,
            ctx: cc.egui_ctx.clone(),
            source_changed: None,
            commands: CommandQueue::default(),
            desk: folder::Desk::new(cache_dir),
            suggest: Suggestions::default(),
        };
        // The default article's suggestions (a few milliseconds): they stay if a file named
        // on the command line fails to open.
        app.start_suggesting();
        match path {
            Some(path) if path.is_dir() => {
                app.check_source();
                app.open_folder(&path);
            }
            Some(path) => app.start_open(&path, session_out, true),
            None => {
                app.check_source();
                app.restore_workspace();
            }
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

    /// The message the status bar shows now ("Deleted claim …"), if any.
    pub fn status_info(&self) -> Option<&str> {
        self.status.info.as_deref()
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

    /// True once the window has been told to close (everything was saved or discarded).
    pub fn is_closing(&self) -> bool {
        self.close_confirmed
    }

    /// True while the unsaved-changes question is shown.
    pub fn is_asking_to_save(&self) -> bool {
        matches!(self.modal, Some(Modal::Unsaved { .. }))
    }

    /// The fingerprint of the file as last read, for tests of the changed-on-disk check.
    pub fn fingerprint(&self) -> Option<&crate::store::Fingerprint> {
        self.doc.fingerprint.as_ref()
    }

    /// True while a modal question or dialog is open (keys then belong to it).
    fn modal_open(&self) -> bool {
        self.modal.is_some() || self.dialogs.is_open()
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let marker = if self.doc.is_dirty() { "• " } else { "" };
        let title = format!("{marker}{} — Factmark", self.doc.display_name());
        if title != self.window_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }
    }

    /// A file dropped on the window opens (after the unsaved-changes question), a folder opens
    /// in the Documents panel; not while a question is open.
    fn take_dropped_file(&mut self, ctx: &egui::Context) {
        let dropped = ctx.input(|i| {
            i.raw
                .dropped_files
                .first()
                .map(|file| file.path().to_path_buf())
        });
        if let Some(path) = dropped
            && self.modal.is_none()
        {
            if path.is_dir() {
                self.open_folder(&path);
            } else {
                self.guard(Proceed::Open(path));
            }
        }
    }

    /// Closing the window with unsaved work asks first.
    fn intercept_close(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested())
            && !self.close_confirmed
            && (self.doc.is_dirty() || self.is_saving())
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            // Waits for a running save, then asks if anything is still unsaved.
            self.guard(Proceed::Quit);
        }
    }

    /// This frame's shortcuts, unless a question has the keys.
    fn read_keys(&mut self, ctx: &egui::Context) {
        if self.modal_open() {
            return;
        }
        // Esc in a text field only leaves the field (egui has already taken its focus
        // away): it must not also clear the selection. In the find field it closes the
        // bar, keeping the match selected for tagging.
        if self.text_field_had_focus
            && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
            && self.find.field_had_focus()
        {
            self.find.close();
        }
        // While a menu is open its keys are the menu's: Esc closes it (and must not also
        // clear the selection behind it), a digit does not tag.
        let typing = ctx.egui_wants_keyboard_input() || egui::Popup::is_any_open(ctx);
        commands::read(ctx, typing, &mut self.commands);
    }
}

impl eframe::App for FactmarkApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.poll_tasks(ctx);
        self.poll_save();
        self.poll_report();
        self.poll_exchange();
        self.poll_folder(ctx);
        self.poll_suggestions();
        if let Some((purpose, path)) = self.dialogs.poll() {
            self.handle_dialog_answer(purpose, path);
        }
        self.take_dropped_file(ctx);
        self.intercept_close(ctx);
        self.offer_recovery();
        self.read_keys(ctx);
        self.autosave.tick(ctx, &self.doc, &mut self.status);
        self.update_title(ctx);
    }

    fn on_exit(&mut self) {
        // A file half written is never left behind: the save finishes first.
        self.wait_for_save();
        // Every way out through the window either saved the work or chose to discard it.
        self.autosave.clear(&mut self.status);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.draw_panels(ui);
        draw::drop_overlay(&ctx);
        self.show_modal(&ctx);
        if let Some((purpose, path)) = self.dialogs.show_prompt(&ctx) {
            self.handle_dialog_answer(purpose, path);
        }
        // The one place commands run: keys, menus and views all went through the queue.
        let actions = self.commands.take();
        if !actions.is_empty() {
            // They ran after this frame was drawn: draw their result in the next one.
            ctx.request_repaint();
        }
        for action in actions {
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
