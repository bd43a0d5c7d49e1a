//! The one question the window may have open (`FactmarkApp::modal`), and what each answer
//! does. The questions themselves (their state and drawing) are types in `ui::modals`; here
//! their answers become the same calls the menus make.

use super::FactmarkApp;
use super::lifecycle::{OldWork, Proceed};
use super::tasks::Task;
use crate::ui::modals::{
    AnalystAnswer, AnalystBox, DetailsAnswer, DetailsBox, DiskAnswer, DiskConflict, ExportBox,
    ImportBox, ImportResult, PasteAnswer, PasteBox, ReanchorAnswer, ReanchorSummary,
    RecoveryAnswer, RecoveryOffers, ReplaceAnswer, ReplaceQuestion, ScalesAnswer, ScalesEditor,
    UnsavedAnswer, UnsavedQuestion, VerdictAnswer, VerdictPicker, show_progress,
};

/// A question or progress window; while one is open, keys and clicks belong to it.
pub(super) enum Modal {
    /// "Save the changes first?" before doing `next`.
    Unsaved {
        question: UnsavedQuestion,
        next: Proceed,
    },
    /// A file this window did not read is at the save target.
    Replace(ReplaceQuestion),
    /// The bound file changed on disk since it was read or written.
    DiskConflict(Box<DiskConflict>),
    /// Copies of unsaved work from earlier runs.
    Recovery(RecoveryOffers),
    /// A job the window waits for (with Cancel).
    Working(Task),
    /// What re-anchoring did, with Revert.
    Reanchored(ReanchorSummary),
    /// The "new article from text" box.
    Paste(PasteBox),
    /// The verdict picker (V).
    Verdict(VerdictPicker),
    /// The article details box.
    Details(DetailsBox),
    /// The rating scales editor.
    Scales(Box<ScalesEditor>),
    /// The analyst name box.
    Analyst(AnalystBox),
    /// Which format to export to.
    Export(ExportBox),
    /// Which format to import from.
    Import(ImportBox),
    /// What an import brought and left out.
    ImportResult(ImportResult),
}

impl FactmarkApp {
    /// Opens `modal`. A newer question replaces an older one (the older counts as
    /// cancelled); a running job is never dropped silently: it is cancelled and says so.
    pub(super) fn open_modal(&mut self, modal: Modal) {
        match self.modal.take() {
            Some(Modal::Working(task)) => self.cancel_task(&task),
            Some(Modal::Recovery(offers)) => {
                // Offered again once this question is answered.
                self.autosave.offers = offers.entries;
            }
            _ => {}
        }
        self.modal = Some(modal);
    }

    /// Shows recovery copies found by the autosave's listing once nothing else is open.
    pub(super) fn offer_recovery(&mut self) {
        if self.modal.is_none() && !self.autosave.offers.is_empty() {
            let entries = std::mem::take(&mut self.autosave.offers);
            self.modal = Some(Modal::Recovery(RecoveryOffers { entries }));
        }
    }

    /// Shows the open question and acts on its answer.
    pub(super) fn show_modal(&mut self, ctx: &egui::Context) {
        let Some(modal) = &mut self.modal else {
            return;
        };
        match modal {
            Modal::Unsaved { question, .. } => {
                if let Some(answer) = question.show(ctx)
                    && let Some(Modal::Unsaved { next, .. }) = self.modal.take()
                {
                    self.answer_unsaved(answer, next);
                }
            }
            Modal::Replace(question) => {
                if let Some(answer) = question.show(ctx)
                    && let Some(Modal::Replace(question)) = self.modal.take()
                {
                    match answer {
                        ReplaceAnswer::Replace => self.save_to(question.path, true),
                        ReplaceAnswer::SaveAs => self.ask_save_path(),
                        ReplaceAnswer::Cancel => self.after_save = None,
                    }
                }
            }
            Modal::DiskConflict(question) => {
                if let Some(answer) = question.show(ctx)
                    && let Some(Modal::DiskConflict(question)) = self.modal.take()
                {
                    match answer {
                        DiskAnswer::Overwrite => self.save_to(question.path, true),
                        DiskAnswer::SaveAs => self.ask_save_path(),
                        DiskAnswer::Reload(loaded) => {
                            self.after_save = None;
                            self.reload_from_disk(*loaded);
                        }
                        DiskAnswer::Cancel => self.after_save = None,
                    }
                }
            }
            Modal::Recovery(offers) => {
                if let Some(answer) = offers.show(ctx) {
                    self.answer_recovery(answer);
                }
            }
            Modal::Working(task) => {
                let (label, progress) = task.job_info();
                if show_progress(ctx, label, progress)
                    && let Some(Modal::Working(task)) = self.modal.take()
                {
                    self.cancel_task(&task);
                }
            }
            Modal::Reanchored(summary) => {
                if let Some(answer) = summary.show(ctx)
                    && let Some(Modal::Reanchored(summary)) = self.modal.take()
                    && answer == ReanchorAnswer::Revert
                {
                    self.install(*summary.previous, OldWork::Gone);
                    self.status.info("Re-anchoring reverted.");
                }
            }
            Modal::Paste(paste) => {
                if let Some(answer) = paste.show(ctx) {
                    self.modal = None;
                    if let PasteAnswer::Create(text) = answer {
                        self.guard(Proceed::NewFromText(text));
                    }
                }
            }
            Modal::Verdict(picker) => {
                if let Some(answer) = picker.show(ctx) {
                    let id = picker.id;
                    self.modal = None;
                    if let VerdictAnswer::Pick(verdict) = answer {
                        self.set_verdict(id, verdict);
                    }
                }
            }
            Modal::Details(details) => {
                if let Some(answer) = details.show(ctx) {
                    self.modal = None;
                    if let DetailsAnswer::Save(details) = answer {
                        self.set_details(details);
                    }
                }
            }
            Modal::Scales(editor) => {
                if let Some(answer) = editor.show(ctx, self.doc.session.scales()) {
                    self.modal = None;
                    if let ScalesAnswer::Save(changes) = answer {
                        self.change_scales(changes);
                    }
                }
            }
            Modal::Export(question) => {
                if let Some(answer) = question.show(ctx) {
                    let options = question.options.clone();
                    self.modal = None;
                    self.answer_export(answer, options);
                }
            }
            Modal::Import(question) => {
                if let Some(answer) = question.show(ctx) {
                    self.modal = None;
                    self.answer_import(answer);
                }
            }
            Modal::ImportResult(result) => {
                if let Some(answer) = result.show(ctx) {
                    self.modal = None;
                    self.answer_import_result(answer);
                }
            }
            Modal::Analyst(analyst) => {
                if let Some(answer) = analyst.show(ctx) {
                    self.modal = None;
                    if let AnalystAnswer::Save(name) = answer {
                        self.status
                            .info(format!("New annotations are signed “{name}”."));
                        self.prefs.analyst = Some(name);
                    }
                }
            }
        }
    }

    fn answer_unsaved(&mut self, answer: UnsavedAnswer, next: Proceed) {
        match answer {
            UnsavedAnswer::Save => match self.doc.path.clone() {
                Some(path) => {
                    self.after_save = Some(next);
                    self.save_to(path, false);
                }
                None => {
                    self.after_save = Some(next);
                    self.ask_save_path();
                }
            },
            UnsavedAnswer::Discard => self.proceed(next),
            UnsavedAnswer::Cancel => {
                if let Proceed::Restore(entry) = next {
                    // Not restored after all: it stays on offer.
                    self.autosave.offers.insert(0, *entry);
                }
            }
        }
    }

    fn answer_recovery(&mut self, answer: RecoveryAnswer) {
        let Some(Modal::Recovery(offers)) = &mut self.modal else {
            return;
        };
        match answer {
            RecoveryAnswer::Later => self.modal = None,
            RecoveryAnswer::Discard(index) => {
                let entry = offers.entries.remove(index);
                if offers.entries.is_empty() {
                    self.modal = None;
                }
                if let Some(store) = self.autosave.store() {
                    match store.discard(&entry) {
                        Ok(()) => {
                            self.autosave.available = self.autosave.available.saturating_sub(1);
                        }
                        Err(error) => self
                            .status
                            .error(format!("Could not discard the recovery copy: {error}")),
                    }
                }
            }
            RecoveryAnswer::Restore(index) => {
                let entry = offers.entries.remove(index);
                // The other copies are offered again once this one is restored.
                if let Some(Modal::Recovery(rest)) = self.modal.take() {
                    self.autosave.offers = rest.entries;
                }
                // Restoring replaces the open document: ask about unsaved work first.
                self.guard(Proceed::Restore(Box::new(entry)));
            }
        }
    }
}
