//! The app's modal questions: unsaved changes, crash recovery, a file changed on disk, a file
//! already at the save target, a job's progress, the re-anchoring report and the "new article
//! from text" box. Each shows while its state is set and turns the answer into the same calls
//! the menus use.

use super::{FactmarkApp, Proceed, Saved, ViewState};

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
                    Some(path) => match self.save_to(ctx, path, false) {
                        Saved::Yes => self.proceed(ctx, next),
                        Saved::Asking => self.after_save = Some(next),
                        Saved::No => {}
                    },
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
            ui.label(
                "Factmark kept copies of work that was not saved (a window that did not close \
                 normally, or a version set aside when you reloaded a file). Each stays here \
                 until you restore or discard it:",
            );
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
                    let comparison = entry.comparison();
                    if !comparison.is_empty() {
                        ui.label(egui::RichText::new(comparison).weak());
                    }
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
                .on_hover_text(
                    "Keep the copies: File › Recover unsaved work lists them, and they are \
                     offered again at the next start",
                )
                .clicked();
        });
        if later {
            self.autosave.offers.clear();
        } else if let Some(index) = discard {
            let entry = self.autosave.offers.remove(index);
            if let Some(store) = self.autosave.store() {
                match store.discard(&entry) {
                    Ok(()) => self.autosave.available = self.autosave.available.saturating_sub(1),
                    Err(error) => self
                        .status
                        .error(format!("Could not discard the recovery copy: {error}")),
                }
            }
        } else if let Some(index) = restore {
            self.restore(ctx, index);
        }
    }

    /// Restores the offered copy at `index`, after asking about unsaved work in this window
    /// (restoring replaces the open document).
    fn restore(&mut self, ctx: &egui::Context, index: usize) {
        let file = self.autosave.offers[index].recovery_file.clone();
        self.guard(ctx, Proceed::Restore(file));
    }

    /// The bound file changed on disk since it was loaded or saved: overwrite, save as, or
    /// reload. The question says what each choice costs; reloading keeps the unsaved version
    /// as a recovery copy (File › Recover unsaved work), so no choice loses work silently.
    pub(super) fn disk_conflict_dialog(&mut self, ctx: &egui::Context) {
        if !self.disk_conflict {
            return;
        }
        let Some(path) = self.doc.path.clone() else {
            self.disk_conflict = false;
            return;
        };
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let theirs = self.disk_theirs.as_ref();
        let reloadable = matches!(theirs, Some(Ok(_)));
        let dirty = self.doc.is_dirty();
        let mut choice = None;
        egui::Modal::new(egui::Id::unique("disk-conflict")).show(ctx, |ui| {
            ui.set_width(520.0);
            ui.heading("The file changed on disk");
            ui.label(format!(
                "{} was changed by another program (or a colleague, or another Factmark window) \
                 since you opened or saved it.",
                path.display()
            ));
            ui.add_space(4.0);
            ui.label(if theirs.is_some() {
                self.disk_comparison.as_str()
            } else {
                "Reading the file on disk…"
            });
            ui.add_space(4.0);
            ui.label(
                egui::RichText::new(format!(
                    "Overwrite replaces the file with this window's version (the file's current \
                 content is kept as {name}.bak). Reload opens the file as it is on disk; {}",
                    if dirty {
                        "this window's unsaved version is kept as a recovery copy (File › \
                         Recover unsaved work), not thrown away."
                    } else {
                        "this window has no unsaved changes, so reloading loses nothing."
                    }
                ))
                .weak(),
            );
            ui.add_space(8.0);
            ui.horizontal_wrapped(|ui| {
                if ui.button("Overwrite").clicked() {
                    choice = Some("overwrite");
                }
                if ui.button("Save as…").clicked() {
                    choice = Some("save-as");
                }
                if ui
                    .add_enabled(reloadable, egui::Button::new("Reload from disk"))
                    .on_hover_text(
                        "Open the file as it is now; your unsaved version is kept as a \
                         recovery copy",
                    )
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
        self.disk_version = None;
        let theirs = self.disk_theirs.take();
        match choice {
            "overwrite" => {
                if self.save_to(ctx, path, true) == Saved::Yes
                    && let Some(next) = self.after_save.take()
                {
                    self.proceed(ctx, next);
                }
            }
            "save-as" => self.ask_save_path(ctx),
            "reload" => {
                self.after_save = None;
                if let Some(Ok(loaded)) = theirs {
                    self.reload_from_disk(loaded);
                }
            }
            _ => self.after_save = None,
        }
    }

    /// Saving found a file this window did not read at the target: replace it, save under
    /// another name, or cancel. (A file this version cannot read never gets here: it is
    /// refused outright.)
    pub(super) fn replace_dialog(&mut self, ctx: &egui::Context) {
        let Some(question) = self.replace_question.clone() else {
            return;
        };
        let name = question.path.file_name().map_or_else(
            || question.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let mut choice = None;
        egui::Modal::new(egui::Id::unique("replace-file")).show(ctx, |ui| {
            ui.set_width(500.0);
            ui.heading(format!("Replace {name}?"));
            ui.label(format!(
                "{} already exists and holds {}. This window did not open it, so saving here \
                 would replace someone's work.",
                question.path.display(),
                question.holds
            ));
            ui.add_space(4.0);
            ui.label(
                egui::RichText::new(format!(
                    "Replace keeps its current content as {name}.bak until the next save."
                ))
                .weak(),
            );
            ui.add_space(8.0);
            ui.horizontal_wrapped(|ui| {
                if ui.button("Replace").clicked() {
                    choice = Some("replace");
                }
                if ui.button("Save as…").clicked() {
                    choice = Some("save-as");
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    choice = Some("cancel");
                }
            });
        });
        let Some(choice) = choice else {
            return;
        };
        self.replace_question = None;
        match choice {
            "replace" => {
                if self.save_to(ctx, question.path, true) == Saved::Yes
                    && let Some(next) = self.after_save.take()
                {
                    self.proceed(ctx, next);
                }
            }
            "save-as" => self.ask_save_path(ctx),
            _ => self.after_save = None,
        }
    }

    /// A job on a worker (opening a file, re-anchoring): what it does, how far it is, Cancel.
    pub(super) fn task_dialog(&mut self, ctx: &egui::Context) {
        let Some(task) = &self.task else {
            return;
        };
        let (label, progress) = task.job_info();
        let (label, (done, total), fraction) =
            (label.to_owned(), progress.counts(), progress.fraction());
        let mut cancel = false;
        egui::Modal::new(egui::Id::unique("task-progress")).show(ctx, |ui| {
            ui.set_width(420.0);
            ui.heading(&label);
            if total > 0 {
                ui.add(egui::ProgressBar::new(fraction).text(format!("{done} of {total}")));
            } else {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label("Working…");
                });
            }
            ui.add_space(6.0);
            cancel =
                ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape));
        });
        if cancel {
            self.cancel_task();
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
            self.generation += 1;
            self.check_source(ctx);
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
