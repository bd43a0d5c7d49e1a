//! Performing user commands: the one place an [`Action`] from a key, a menu or a view turns
//! into an edit of the document, a workflow or a change of view.

use std::path::Path;

use super::{FactmarkApp, Proceed};
use crate::model::{AnnotationId, Edit, Field, Tag};
use crate::ui::commands::Action;
use crate::ui::dialogs::{PathPurpose, sessions_dir};
use crate::ui::find_bar::FindEvent;
use crate::ui::modals::PasteBox;

impl FactmarkApp {
    /// Performs an action, as if chosen from a menu or pressed on the keyboard.
    pub fn perform(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::Tag(tag) => self.tag(tag),
            Action::DeleteSelected => {
                if let Some(id) = self.view.selected() {
                    self.edit(Edit::Remove(id));
                }
            }
            Action::Delete(id) => {
                self.edit(Edit::Remove(id));
            }
            Action::Retag(id, tag) => self.retag(id, tag),
            Action::TypeNote(id, note) => self.type_note(id, note),
            Action::FinishNote => self.doc.end_burst(),
            Action::ReattachOrphan(id, span) => {
                // The re-attached orphan becomes the selected annotation.
                if self.edit(Edit::Reattach { id, span }) {
                    self.view.set_selected_without_scroll(Some(id));
                }
            }
            Action::DeleteOrphan(id) => {
                self.edit(Edit::RemoveOrphan(id));
            }
            Action::Undo => self.undo_redo(true),
            Action::Redo => self.undo_redo(false),
            Action::Save => match self.doc.path.clone() {
                Some(path) => {
                    self.save_to(path, false);
                }
                None => self.ask_save_path(),
            },
            Action::RecoverUnsaved => {
                self.autosave
                    .list_offers(crate::ui::autosave::Listing::Asked);
            }
            Action::SaveAs => self.ask_save_path(),
            Action::Open => self.guard(Proceed::ChooseAndOpen),
            Action::OpenRecent(index) => {
                if let Some(path) = self.prefs.recent.get(index).cloned() {
                    self.guard(Proceed::Open(path));
                }
            }
            Action::ForgetRecent(index) => {
                if index < self.prefs.recent.len() {
                    self.prefs.recent.remove(index);
                }
            }
            Action::ClearRecent => self.prefs.recent.clear(),
            Action::NewSession => self.guard(Proceed::NewSession),
            Action::AttachUpdatedArticle => {
                let directory = self
                    .doc
                    .source_path()
                    .and_then(|p| p.parent().map(Path::to_path_buf))
                    .filter(|dir| dir.is_dir())
                    .unwrap_or_else(sessions_dir);
                self.dialogs
                    .request(ctx, PathPurpose::AttachArticle, &directory, None);
            }
            Action::NewFromClipboard => match read_clipboard() {
                Ok(text) => self.guard(Proceed::NewFromText(text)),
                Err(reason) => {
                    self.status
                        .info(format!("{reason} Paste the text into this box instead."));
                    self.open_modal(super::Modal::Paste(PasteBox::default()));
                }
            },
            Action::NewFromText => self.open_modal(super::Modal::Paste(PasteBox::default())),
            Action::Quit => self.guard(Proceed::Quit),
            Action::ClearSelection => self.view.clear(),
            Action::SelectNext | Action::SelectPrevious => {
                self.step_selection(action == Action::SelectNext);
            }
            Action::Select(id) => {
                self.doc.end_burst();
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

    pub(super) fn find_event(&mut self, event: Option<FindEvent>) {
        match event {
            Some(FindEvent::Select(span)) => {
                self.doc.end_burst();
                self.view.select_text(span);
            }
            Some(FindEvent::ClearSelection) => self.view.clear_text_selection(),
            None => {}
        }
    }

    fn tag(&mut self, tag: Tag) {
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
            self.retag(id, tag);
        } else {
            self.status
                .info("Select some text first, then press 1, 2 or 3 to tag it.");
        }
    }

    /// Changes an annotation's tag; choosing the tag it already has is no change (no undo step).
    fn retag(&mut self, id: AnnotationId, tag: Tag) {
        if self.doc.session.get(id).is_some_and(|a| a.body.tag != tag) {
            self.edit(Edit::Set {
                id,
                field: Field::Tag(tag),
            });
        }
    }

    /// Applies an edit as its own undo step. Returns whether it was applied.
    pub(super) fn edit(&mut self, edit: Edit) -> bool {
        match self.doc.apply(edit, self.view.snapshot()) {
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

    fn undo_redo(&mut self, undo: bool) {
        let outcome = self.doc.undo_redo(undo, self.view.snapshot());
        let verb = if undo { "Undid" } else { "Redid" };
        match outcome {
            None => self.status.info(if undo {
                "Nothing to undo."
            } else {
                "Nothing to redo."
            }),
            Some(Ok(step)) => {
                // Back to what was selected around that change (helix's history does this).
                self.view.restore(step.selection);
                self.status
                    .info(format!("{verb} {}.", step.edit.describe()));
            }
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
        self.doc.end_burst();
        self.view.select_annotation(id);
    }

    /// A keystroke in a note: part of the current typing burst, one undo step per burst.
    fn type_note(&mut self, id: AnnotationId, note: String) {
        let edit = Edit::Set {
            id,
            field: Field::Note(note),
        };
        if let Err(error) = self.doc.apply_typing(edit, self.view.snapshot()) {
            self.status
                .error(format!("Could not change the note: {error}"));
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
