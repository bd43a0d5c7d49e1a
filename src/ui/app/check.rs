//! Performing the fact-check commands: status, verdict, claimant, sources, article details,
//! rating scales, the analyst's name and the report. Every change to the session is an edit
//! with the time it was made (the clock is read here, never in the model), so undo and redo
//! bring back exactly what was there.

use std::path::PathBuf;
use std::time::SystemTime;

use super::{FactmarkApp, Modal};
use crate::model::{AnnotationId, ArticleDetails, Edit, Field, ScaleKind, Source, Stamp, Status};
use crate::ui::dialogs::{PathPurpose, sessions_dir};
use crate::ui::inspector::Focus;
use crate::ui::modals::{AnalystBox, DetailsBox, ScaleChange, ScalesEditor, VerdictPicker};
use crate::workspace::Burst;

/// The time now, as annotations record it.
pub(super) fn now() -> Stamp {
    Stamp::from_system_time(SystemTime::now())
}

impl FactmarkApp {
    /// Sets these fields of annotation `id` as one undo step (or as part of `burst`), with
    /// its "last changed" time. Returns whether it was applied.
    pub(super) fn set_fields(
        &mut self,
        id: AnnotationId,
        fields: Vec<Field>,
        burst: Option<Burst>,
    ) -> bool {
        let edits: Vec<Edit> = fields
            .into_iter()
            .map(|field| Edit::Set { id, field })
            .collect();
        let edit = match <[Edit; 1]>::try_from(edits) {
            Ok([one]) => one,
            Err(edits) => Edit::Batch(edits),
        }
        .stamped(&[id], &now());
        let result = match burst {
            Some(burst) => self.doc.apply_in_burst(burst, edit, self.view.snapshot()),
            None => self.doc.apply(edit, self.view.snapshot()),
        };
        match result {
            Ok(()) => true,
            Err(error) => {
                self.status
                    .error(format!("Could not apply the change: {error}"));
                false
            }
        }
    }

    /// The selected annotation, or a hint saying what to select first.
    fn selected_or_hint(&mut self, what: &str) -> Option<AnnotationId> {
        let selected = self
            .view
            .selected()
            .filter(|&id| self.doc.session.get(id).is_some());
        if selected.is_none() {
            self.status.info(format!(
                "Select an annotation first (click it, or Tab), then {what}."
            ));
        }
        selected
    }

    /// Alt+1 … Alt+4 on the selected annotation.
    pub(super) fn status_of_selected(&mut self, status: Status) {
        if let Some(id) = self.selected_or_hint("press Alt+1 … Alt+4 to set its status") {
            self.set_status(id, status);
        }
    }

    /// Sets the status; the one it has already is no change.
    pub(super) fn set_status(&mut self, id: AnnotationId, status: Status) {
        if self
            .doc
            .session
            .get(id)
            .is_some_and(|a| a.body.status != status)
            && self.set_fields(id, vec![Field::Status(status)], None)
        {
            self.status
                .info(format!("Status: {}.", status.label().to_lowercase()));
        }
    }

    /// Gives a verdict (or clears it). Giving one marks the annotation checked, in the same
    /// undo step: a verdict is what checking produces.
    pub(super) fn set_verdict(&mut self, id: AnnotationId, verdict: Option<String>) {
        let Some(annotation) = self.doc.session.get(id) else {
            return;
        };
        if annotation.body.verdict == verdict {
            return;
        }
        let mut fields = vec![Field::Verdict(verdict.clone())];
        if verdict.is_some() && annotation.body.status != Status::Checked {
            fields.push(Field::Status(Status::Checked));
        }
        if self.set_fields(id, fields, None) {
            self.status.info(match verdict {
                Some(name) => format!("Verdict: {name} (checked)."),
                None => "Verdict cleared.".to_owned(),
            });
        }
    }

    /// V: the verdict picker for the selected annotation.
    pub(super) fn pick_verdict(&mut self) {
        let Some(id) = self.selected_or_hint("press V to give it a verdict") else {
            return;
        };
        let Some(annotation) = self.doc.session.get(id) else {
            return;
        };
        let kind = ScaleKind::for_tag(annotation.body.tag);
        let picker = VerdictPicker {
            id,
            kind,
            ratings: self
                .doc
                .session
                .scales()
                .get(kind)
                .offered()
                .cloned()
                .collect(),
            current: annotation.body.verdict.clone(),
        };
        self.open_modal(Modal::Verdict(picker));
    }

    /// W / L: the cursor goes to the claimant field or the new source's URL.
    pub(super) fn focus_field(&mut self, focus: Focus) {
        let what = match focus {
            Focus::Claimant => "press W to write who said it",
            Focus::SourceUrl => "press L to add a source",
            Focus::Note => "press Enter to write its note",
        };
        if self.selected_or_hint(what).is_some() {
            self.inspector.focus = Some(focus);
        }
    }

    /// A keystroke in the claimant field: one undo step per burst of typing.
    pub(super) fn type_claimant(&mut self, id: AnnotationId, name: String) {
        if self
            .doc
            .session
            .get(id)
            .is_some_and(|a| a.body.claimant != name)
        {
            self.set_fields(id, vec![Field::Claimant(name)], Some(Burst::Claimant(id)));
        }
    }

    /// Changes the list of sources of `id` with `change`, as one undo step.
    fn change_sources(
        &mut self,
        id: AnnotationId,
        change: impl FnOnce(&mut Vec<Source>) -> Option<String>,
    ) {
        let Some(annotation) = self.doc.session.get(id) else {
            return;
        };
        let mut sources = annotation.body.sources.clone();
        let Some(message) = change(&mut sources) else {
            return;
        };
        if self.set_fields(id, vec![Field::Sources(sources)], None) {
            self.status.info(message);
        }
    }

    pub(super) fn add_source(&mut self, id: AnnotationId, source: Source) {
        self.change_sources(id, |sources| {
            let message = format!("Added source “{}”.", short(source.title()));
            sources.push(source);
            Some(message)
        });
    }

    pub(super) fn remove_source(&mut self, id: AnnotationId, index: usize) {
        self.change_sources(id, |sources| {
            (index < sources.len()).then(|| {
                let removed = sources.remove(index);
                format!(
                    "Removed source “{}” — Ctrl+Z to undo.",
                    short(removed.title())
                )
            })
        });
    }

    pub(super) fn toggle_primary(&mut self, id: AnnotationId, index: usize) {
        self.change_sources(id, |sources| {
            let source = sources.get_mut(index)?;
            source.primary ^= true;
            Some(if source.primary {
                "Marked as a primary source.".to_owned()
            } else {
                "No longer marked as a primary source.".to_owned()
            })
        });
    }

    pub(super) fn edit_details(&mut self) {
        let details = self.doc.session.details().clone();
        self.open_modal(Modal::Details(DetailsBox::new(details)));
    }

    pub(super) fn set_details(&mut self, details: ArticleDetails) {
        if *self.doc.session.details() != details && self.edit(Edit::SetDetails(details)) {
            self.status.info("Article details saved in the session.");
        }
    }

    pub(super) fn edit_scales(&mut self) {
        let editor = ScalesEditor::new(self.doc.session.scales());
        self.open_modal(Modal::Scales(Box::new(editor)));
    }

    /// Applies the editor's changes as one undo step; says when a removed rating was kept
    /// because verdicts use it.
    pub(super) fn change_scales(&mut self, changes: Vec<ScaleChange>) {
        if changes.is_empty() {
            return;
        }
        let session = &self.doc.session;
        let mut edits = Vec::new();
        let mut retired = Vec::new();
        for (kind, scale, renames) in changes {
            let edit = session.scale_edit(kind, scale.clone(), &renames);
            let kept = match &edit {
                Edit::Batch(edits) => edits.last(),
                one => Some(one),
            };
            if let Some(Edit::SetScale { scale: result, .. }) = kept {
                retired.extend(
                    result
                        .ratings
                        .iter()
                        .filter(|r| r.retired && scale.get(&r.name).is_none())
                        .filter(|r| {
                            !session
                                .scales()
                                .get(kind)
                                .get(&r.name)
                                .is_some_and(|old| old.retired)
                        })
                        .map(|r| r.name.clone()),
                );
            }
            edits.push(edit);
        }
        let edit = if edits.len() == 1 {
            edits.remove(0)
        } else {
            Edit::Batch(edits)
        };
        if self.edit(edit) {
            self.status.info(if retired.is_empty() {
                "Rating scales saved in the session.".to_owned()
            } else {
                format!(
                    "Rating scales saved. Kept as retired because verdicts use them: {}.",
                    retired.join(", ")
                )
            });
        }
    }

    pub(super) fn edit_analyst(&mut self) {
        let name = self.prefs.analyst_name();
        self.open_modal(Modal::Analyst(AnalystBox::new(name)));
    }

    pub(super) fn keep_analyst(&mut self) {
        self.prefs.analyst = Some(self.prefs.analyst_name());
    }

    /// File › Export report…: where to write it (HTML, or Markdown for `.md`).
    pub(super) fn ask_report_path(&mut self) {
        let directory = self
            .doc
            .path
            .as_deref()
            .and_then(std::path::Path::parent)
            .filter(|dir| !dir.as_os_str().is_empty())
            .map_or_else(sessions_dir, std::path::Path::to_path_buf);
        let name = self
            .doc
            .suggested_file_name()
            .replace(".ron", "-report.html");
        self.dialogs
            .request(&self.ctx, PathPurpose::ExportReport, &directory, Some(name));
    }

    /// Writes the report on a worker (a book-length article takes a moment to render).
    pub(super) fn export_report(&mut self, path: PathBuf) {
        let session = self.doc.session.clone();
        let (sender, receiver) = std::sync::mpsc::channel();
        let repaint = self.ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("factmark-report".into())
            .spawn(move || {
                let result = crate::export::write_report(&session, &path)
                    .map(|()| path)
                    .map_err(|error| error.to_string());
                let _ = sender.send(result);
                repaint.request_repaint();
            });
        match spawned {
            Ok(_) => {
                self.report_export = Some(receiver);
                self.status.info("Writing the report…");
            }
            Err(error) => self
                .status
                .error(format!("Could not start writing the report: {error}")),
        }
    }

    /// Says how the report export ended, once it has.
    pub(super) fn poll_report(&mut self) {
        let Some(receiver) = &self.report_export else {
            return;
        };
        let Ok(result) = receiver.try_recv() else {
            return;
        };
        self.report_export = None;
        match result {
            Ok(path) => self
                .status
                .info(format!("Report written to {}.", path.display())),
            Err(error) => self
                .status
                .error(format!("The report was not written: {error}")),
        }
    }
}

/// At most 40 characters of `text`, for a message.
fn short(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(40).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}
