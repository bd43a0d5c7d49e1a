//! The app's modal questions: unsaved changes, crash recovery, a file changed on disk, the
//! re-anchoring report and the "new article from text" box. Each shows while its state is set
//! and turns the answer into the same calls the menus use.

use super::{Document, FactmarkApp, Proceed, ViewState};

impl FactmarkApp {
    pub(super) fn confirm_dialog(&mut self, ctx: &egui::Context) {
        let Some(next) = self.confirm.clone() else {
            return;
        };
        let mut choice = None;
        egui::Modal::new(egui::Id::unique("unsaved-changes")).show(ctx, |ui| {
            ui.set_width(420.0);
            ui.heading("Unsaved changes");
            ui.label(format!(
                "“{}” has changes that are not saved. Save them first?",
                self.doc.display_name()
            ));
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("Save").clicked() {
                    choice = Some("save");
                }
                if ui.button("Discard changes").clicked() {
                    choice = Some("discard");
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    choice = Some("cancel");
                }
            });
        });
        match choice {
            Some("save") => {
                self.confirm = None;
                match self.doc.path.clone() {
                    Some(path) => {
                        if self.save_checked(path) {
                            self.proceed(ctx, next);
                        } else if self.disk_conflict {
                            self.after_save = Some(next);
                        }
                    }
                    None => {
                        self.after_save = Some(next);
                        self.ask_save_path(ctx);
                    }
                }
            }
            Some("discard") => {
                self.confirm = None;
                self.proceed(ctx, next);
            }
            Some(_) => self.confirm = None,
            None => {}
        }
    }

    /// Offers work left behind by a crashed or killed run: restore or discard each.
    pub(super) fn recovery_dialog(&mut self, ctx: &egui::Context) {
        if self.autosave.offers.is_empty() {
            return;
        }
        let mut restore = None;
        let mut discard = None;
        let mut later = false;
        egui::Modal::new(egui::Id::unique("recovery")).show(ctx, |ui| {
            ui.set_width(560.0);
            ui.heading("Recover unsaved work?");
            ui.label("Factmark did not close normally last time. It kept copies of work that was not saved:");
            ui.add_space(6.0);
            for (index, entry) in self.autosave.offers.iter().enumerate() {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.label(egui::RichText::new(entry.summary()).strong());
                    let origin = entry.session_path.as_ref().map_or_else(
                        || "a session that was never saved".to_owned(),
                        |p| format!("unsaved changes to {}", p.display()),
                    );
                    ui.label(format!("{origin}, {}", age(entry.saved_at)));
                    ui.horizontal(|ui| {
                        if entry.problem.is_none() && ui.button("Restore").clicked() {
                            restore = Some(index);
                        }
                        if ui.button("Discard").clicked() {
                            discard = Some(index);
                        }
                    });
                });
            }
            ui.add_space(6.0);
            later = ui
                .button("Decide later")
                .on_hover_text("Keep the copies; they are offered again at the next start")
                .clicked();
        });
        if later {
            self.autosave.offers.clear();
        } else if let Some(index) = discard {
            let entry = self.autosave.offers.remove(index);
            if let Some(store) = self.autosave.store()
                && let Err(error) = store.discard(&entry)
            {
                self.status
                    .error(format!("Could not discard the recovery copy: {error}"));
            }
        } else if let Some(index) = restore {
            self.restore(index);
        }
    }

    fn restore(&mut self, index: usize) {
        let entry = self.autosave.offers[index].clone();
        let Some(store) = self.autosave.store().cloned() else {
            return;
        };
        match store.load(&entry) {
            Ok(session) => {
                let path = entry.session_path.clone();
                self.replace_document(Document::new(
                    session,
                    crate::model::History::new_unsaved(),
                    path,
                ));
                // Keep it safe under this window's own key before dropping the old copy.
                self.autosave.write(&self.doc, &mut self.status);
                if let Err(error) = store.discard(&entry) {
                    self.status
                        .error(format!("Could not remove the old recovery copy: {error}"));
                }
                self.autosave.offers.remove(index);
                self.status
                    .info("Restored unsaved work. Save it to keep it (Ctrl+S).");
            }
            Err(error) => self.status.error(format!("Could not restore: {error}")),
        }
    }

    /// The bound file changed on disk since it was loaded or saved: overwrite, save as, or reload.
    pub(super) fn disk_conflict_dialog(&mut self, ctx: &egui::Context) {
        if !self.disk_conflict {
            return;
        }
        let Some(path) = self.doc.path.clone() else {
            self.disk_conflict = false;
            return;
        };
        let mut choice = None;
        egui::Modal::new(egui::Id::unique("disk-conflict")).show(ctx, |ui| {
            ui.set_width(480.0);
            ui.heading("The file changed on disk");
            ui.label(format!(
                "{} was changed by another program (or a colleague) since you opened or saved it. Saving now would replace those changes.",
                path.display()
            ));
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("Overwrite").clicked() {
                    choice = Some("overwrite");
                }
                if ui.button("Save as…").clicked() {
                    choice = Some("save-as");
                }
                if ui
                    .button("Reload from disk")
                    .on_hover_text("Open the file as it is now; your unsaved changes are dropped")
                    .clicked()
                {
                    choice = Some("reload");
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    choice = Some("cancel");
                }
            });
        });
        let Some(choice) = choice else {
            return;
        };
        self.disk_conflict = false;
        match choice {
            "overwrite" => {
                if self.save_to(path)
                    && let Some(next) = self.after_save.take()
                {
                    self.proceed(ctx, next);
                }
            }
            "save-as" => self.ask_save_path(ctx),
            "reload" => {
                self.after_save = None;
                self.open_path(&path);
            }
            _ => self.after_save = None,
        }
    }

    /// What re-anchoring did, with a way back.
    pub(super) fn reanchor_report(&mut self, ctx: &egui::Context) {
        let Some((report, _)) = &self.reanchored else {
            return;
        };
        let mut close = false;
        let mut revert = false;
        egui::Modal::new(egui::Id::unique("reanchor-report")).show(ctx, |ui| {
            ui.set_width(460.0);
            ui.heading("Annotations re-anchored");
            egui::Grid::new("reanchor-counts").show(ui, |ui| {
                for (count, what) in [
                    (report.kept, "kept in place"),
                    (report.moved, "moved with their text"),
                    (report.fuzzy, "attached to similar text (check them)"),
                    (
                        report.orphaned,
                        "orphaned: listed under Orphans, nothing is lost",
                    ),
                ] {
                    ui.label(egui::RichText::new(count.to_string()).strong());
                    ui.label(what);
                    ui.end_row();
                }
            });
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                close = ui.button("OK").clicked();
                revert = ui
                    .button("Revert")
                    .on_hover_text("Go back to the session as it was before re-anchoring")
                    .clicked();
            });
        });
        if revert && let Some((_, previous)) = self.reanchored.take() {
            self.doc = *previous;
            self.view = ViewState::default();
            self.list.reset_cache();
            self.check_source();
            self.status.info("Re-anchoring reverted.");
        } else if close {
            self.reanchored = None;
        }
    }

    /// The "new article from text" box: paste (Ctrl+V) or type, then create.
    pub(super) fn paste_dialog(&mut self, ctx: &egui::Context) {
        let Some(text) = self.paste_box.as_mut() else {
            return;
        };
        let mut create = false;
        let mut close = false;
        egui::Modal::new(egui::Id::unique("paste-box")).show(ctx, |ui| {
            ui.set_width(560.0);
            ui.heading("New article from text");
            let label = ui.label("Article text (the first line becomes the title):");
            egui::ScrollArea::vertical()
                .max_height(360.0)
                .show(ui, |ui| {
                    ui.add(
                        egui::TextEdit::multiline(text)
                            .desired_rows(12)
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(label.id);
                });
            ui.horizontal(|ui| {
                create = ui
                    .add_enabled(!text.trim().is_empty(), egui::Button::new("Create article"))
                    .clicked();
                close = ui.button("Cancel").clicked();
            });
        });
        if create {
            let text = self.paste_box.take().unwrap_or_default();
            self.guard(ctx, Proceed::NewFromText(text));
        } else if close {
            self.paste_box = None;
        }
    }
}

/// "2 minutes ago", for the recovery prompt.
fn age(when: std::time::SystemTime) -> String {
    let seconds = when.elapsed().map_or(0, |d| d.as_secs());
    match seconds {
        0..=59 => "just now".to_owned(),
        60..=3599 => format!("{} minutes ago", seconds / 60),
        3600..=86_399 => format!("{} hours ago", seconds / 3600),
        _ => format!("{} days ago", seconds / 86_400),
    }
}
