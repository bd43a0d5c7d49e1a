//! Performing user commands: the one place an [`Action`] from a key, a menu or a view turns
//! into an edit of the document, a workflow or a change of view.

use std::path::Path;

use super::check::now;
use super::{FactmarkApp, Proceed};
use crate::model::adjust::{Adjust, adjust};
use crate::model::{AnnotationId, Body, Edit, Field, ScaleKind, Span, Tag};
use crate::ui::commands::Action;
use crate::ui::dialogs::{PathPurpose, sessions_dir};
use crate::ui::find_bar::FindEvent;
use crate::ui::inspector::Focus;
use crate::ui::modals::PasteBox;
use crate::workspace::Burst;

impl FactmarkApp {
    /// Performs an action, as if chosen from a menu or pressed on the keyboard.
    pub fn perform(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            // While a suggestion is current, a tag key accepts it as that tag.
            Action::Tag(tag) => {
                if !self.accept_current(Some(tag)) {
                    self.tag(tag);
                }
            }
            Action::DeleteSelected => match self.view.selected() {
                Some(id) => self.delete(ctx, id),
                None => self
                    .status
                    .info("Nothing to delete: select an annotation first (click it, or Tab)."),
            },
            Action::Delete(id) => self.delete(ctx, id),
            Action::EditNote => self.edit_note(),
            Action::Adjust(how) => self.adjust(how),
            Action::Retag(id, tag) => self.retag(id, tag),
            Action::TypeNote(id, note) => self.type_note(id, note),
            Action::FinishNote | Action::FinishResize => self.doc.end_burst(),
            Action::ResizeTo(id, span) => self.resize_to(id, span),
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
            Action::GoToStart => self.view.scroll_to_start(),
            Action::GoToEnd => self.view.scroll_to_end(),
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
            // The status bar shows the level while it is not 100 %.
            Action::ZoomIn => self.prefs.zoom_in(),
            Action::ZoomOut => self.prefs.zoom_out(),
            Action::ZoomReset => self.prefs.zoom_reset(),
            Action::SetTheme(theme) => {
                self.prefs.theme = theme;
                ctx.set_theme(theme);
            }
            Action::Status(status) => self.status_of_selected(status),
            Action::SetStatus(id, status) => self.set_status(id, status),
            Action::PickVerdict => self.pick_verdict(),
            Action::SetVerdict(id, verdict) => self.set_verdict(id, verdict),
            Action::EditClaimant => self.focus_field(Focus::Claimant),
            Action::AddSourceField => self.focus_field(Focus::SourceUrl),
            Action::TypeClaimant(id, name) => self.type_claimant(id, name),
            Action::AddSource(id, source) => self.add_source(id, source),
            Action::RemoveSource(id, index) => self.remove_source(id, index),
            Action::TogglePrimary(id, index) => self.toggle_primary(id, index),
            Action::EditDetails => self.edit_details(),
            Action::EditScales => self.edit_scales(),
            Action::EditAnalyst => self.edit_analyst(),
            Action::KeepAnalyst => self.keep_analyst(),
            Action::ExportReport => self.ask_report_path(),
            Action::ExportAnnotations => self.ask_export(),
            Action::ImportAnnotations => self.ask_import(),
            Action::OpenFolder
            | Action::CloseFolder
            | Action::ToggleDocuments
            | Action::SearchFolder
            | Action::NextDocument
            | Action::PreviousDocument
            | Action::OpenDocument(_)
            | Action::OpenHit(_) => self.perform_folder(ctx, action),
            Action::Suggest
            | Action::ToggleSuggestions
            | Action::NextSuggestion
            | Action::PreviousSuggestion
            | Action::GoToSuggestion(_)
            | Action::AcceptSuggestion
            | Action::RejectSuggestion
            | Action::AcceptAllSuggestions(_)
            | Action::RejectAllSuggestions(_) => self.perform_suggestion(action),
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
            let mut edit = self.doc.session.add_edit(tag, span);
            let id = match &mut edit {
                Edit::Add(annotation) => {
                    // Signed and dated: who made it, when.
                    annotation.body = Body::made(tag, &self.prefs.analyst_name(), now()).into();
                    Some(annotation.id)
                }
                _ => None,
            };
            if self.edit(edit) {
                self.view.set_selected_without_scroll(id);
                if self.prefs.analyst.is_none() {
                    self.ask_analyst = true;
                }
            }
        } else if let Some(id) = self.view.selected() {
            self.retag(id, tag);
        } else {
            self.status
                .info("Select some text first, then press 1, 2 or 3 to tag it.");
        }
    }

    /// Changes an annotation's tag; choosing the tag it already has is no change (no undo step).
    /// A verdict from the other scale (a claim's "False" on what is now a quote) is cleared in
    /// the same step, and the message says so: undo brings both back.
    fn retag(&mut self, id: AnnotationId, tag: Tag) {
        let Some(annotation) = self.doc.session.get(id) else {
            return;
        };
        if annotation.body.tag == tag {
            return;
        }
        let crosses = ScaleKind::for_tag(annotation.body.tag) != ScaleKind::for_tag(tag);
        let cleared = annotation.body.verdict.clone().filter(|_| crosses);
        let mut fields = Vec::new();
        if cleared.is_some() {
            fields.push(Field::Verdict(None));
        }
        fields.push(Field::Tag(tag));
        if self.set_fields(id, fields, None)
            && let Some(verdict) = cleared
        {
            self.status.info(format!(
                "Retagged as {}; its verdict “{verdict}” belongs to the other scale and was cleared — Ctrl+Z brings it back.",
                tag.label().to_lowercase()
            ));
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
                // "Undid retag as claim" alone reads as if the tagging went: say what it is now.
                let retagged = match &step.edit {
                    Edit::Batch(edits) => edits.iter().find_map(retagged_id),
                    edit => retagged_id(edit),
                };
                let now_is = retagged
                    .and_then(|id| self.doc.session.get(id))
                    .map(|a| format!(": it is a {} again", a.body.tag.label().to_lowercase()));
                let now_is = if undo {
                    now_is.unwrap_or_default()
                } else {
                    String::new()
                };
                self.status
                    .info(format!("{verb} {}{now_is}.", step.edit.describe()));
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

    /// Tab / Shift+Tab: the next or previous annotation of those the list shows (all of
    /// them when it is not filtered), wrapping around.
    fn step_selection(&mut self, forward: bool) {
        if self.doc.session.annotations().is_empty() {
            return;
        }
        let current = self.view.selected();
        match self.neighbour(current, forward) {
            Some(id) => {
                self.doc.end_burst();
                self.view.select_annotation(id);
            }
            None => self.status.info(
                "No annotation matches the list's filter: clear the filter (×) to step through all.",
            ),
        }
    }

    /// The annotation after (or before) `from` among those the list shows, in document
    /// order, wrapping around; the first (or last) when `from` is `None` or not shown.
    fn neighbour(&mut self, from: Option<AnnotationId>, forward: bool) -> Option<AnnotationId> {
        let session = &self.doc.session;
        let at = from.and_then(|id| session.position(id));
        let rows = self.list.shown(session);
        let (first, last) = (*rows.first()?, *rows.last()?);
        let next = match (at, forward) {
            (None, true) => first,
            (None, false) => last,
            // The rows are in document order: the first shown after `i`, or wrap.
            (Some(i), true) => rows
                .get(rows.partition_point(|&r| r <= i))
                .copied()
                .unwrap_or(first),
            (Some(i), false) => rows[..rows.partition_point(|&r| r < i)]
                .last()
                .copied()
                .unwrap_or(last),
        };
        Some(session.annotations()[next].id)
    }

    /// Deletes an annotation, says what went and how to get it back, and selects the next
    /// one the list shows (the previous one when it was the last), so Delete, Delete, …
    /// walks through the list as it does in a mail client.
    fn delete(&mut self, ctx: &egui::Context, id: AnnotationId) {
        let Some(annotation) = self.doc.session.get(id) else {
            return;
        };
        let excerpt = short_excerpt(self.doc.session.text_of(annotation));
        let what = annotation.body.tag.label().to_lowercase();
        let had_note = !annotation.body.note.is_empty();
        let next = self
            .neighbour(Some(id), true)
            .filter(|&next| next != id)
            .filter(|&next| {
                // Not wrapped round to the top: then the one before is the natural next.
                let position = |id| self.doc.session.position(id);
                position(next) > position(id)
            })
            .or_else(|| self.neighbour(Some(id), false).filter(|&prev| prev != id));
        if !self.edit(Edit::Remove(id)) {
            return;
        }
        let undo = crate::ui::commands::ShortcutStyle::for_context(ctx)
            .format(&Action::Undo.shortcuts()[0]);
        let with_note = if had_note { " and its note" } else { "" };
        self.status.info(format!(
            "Deleted {what} “{excerpt}”{with_note} — {undo} to undo."
        ));
        match next {
            Some(next) => self.view.select_annotation(next),
            None => self.view.deselect_annotation(),
        }
    }

    /// Enter / N: the cursor goes to the selected annotation's note.
    fn edit_note(&mut self) {
        if self.view.selected().is_some() {
            self.inspector.focus = Some(crate::ui::inspector::Focus::Note);
        } else if self.view.selection().is_some() {
            self.status
                .info("Tag the selection first (1, 2 or 3), then press Enter to write its note.");
        } else {
            self.status
                .info("Select an annotation first (click it, or Tab), then press Enter to write its note.");
        }
    }

    /// Shift+Arrow: moves an end of the text selection, or else of the selected annotation
    /// (one undo step however many presses, keeping its id, tag and note).
    fn adjust(&mut self, how: Adjust) {
        let article = std::sync::Arc::clone(self.doc.session.article());
        let text = article.text();
        if let Some(span) = self.view.selection() {
            if let Some(span) = adjust(text, span, how) {
                self.view.set_text_selection(span);
            }
            return;
        }
        let Some(annotation) = self.view.selected().and_then(|id| self.doc.session.get(id)) else {
            self.status
                .info("Select some text or an annotation first, then Shift+Arrow moves its end.");
            return;
        };
        let id = annotation.id;
        let Some(span) = adjust(text, annotation.span, how) else {
            return;
        };
        let edit = Edit::SetSpan { id, span }.stamped(&[id], &now());
        match self
            .doc
            .apply_in_burst(Burst::Resize(id), edit, self.view.snapshot())
        {
            Ok(()) => {
                let excerpt = short_excerpt(&text[span.range()]);
                self.status.info(format!("Now “{excerpt}”."));
            }
            Err(error) => self
                .status
                .error(format!("Could not resize the annotation: {error}")),
        }
    }

    /// A handle drag moved an end of `id`: part of the drag's burst, one undo step per drag.
    fn resize_to(&mut self, id: AnnotationId, span: Span) {
        if self.doc.session.get(id).is_none_or(|a| a.span == span) {
            return;
        }
        let edit = Edit::SetSpan { id, span }.stamped(&[id], &now());
        if let Err(error) = self
            .doc
            .apply_in_burst(Burst::Resize(id), edit, self.view.snapshot())
        {
            self.status
                .error(format!("Could not resize the annotation: {error}"));
        }
    }

    /// A keystroke in a note: part of the current typing burst, one undo step per burst.
    fn type_note(&mut self, id: AnnotationId, note: String) {
        self.set_fields(id, vec![Field::Note(note)], Some(Burst::Note(id)));
    }
}

/// The annotation a retag edit changes the tag of.
fn retagged_id(edit: &Edit) -> Option<AnnotationId> {
    match edit {
        Edit::Set {
            id,
            field: Field::Tag(_),
        } => Some(*id),
        _ => None,
    }
}

/// At most 40 characters of `text` on one line, for a message.
pub(super) fn short_excerpt(text: &str) -> String {
    // A few hundred characters are enough to fill 40 (an annotation can be megabytes).
    let head: String = text.chars().take(400).collect();
    let one_line = head.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= 40 {
        return one_line;
    }
    let mut short: String = one_line.chars().take(39).collect();
    short.push('…');
    short
}

/// The clipboard's text, or why there is none.
fn read_clipboard() -> Result<String, String> {
    let mut clipboard =
        arboard::Clipboard::new().map_err(|e| format!("The clipboard is not available ({e})."))?;
    clipboard
        .get_text()
        .map_err(|e| format!("The clipboard holds no text ({e})."))
}
