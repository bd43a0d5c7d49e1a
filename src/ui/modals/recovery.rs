//! "Recover unsaved work?": copies left by a window that did not close normally, or set
//! aside when a file was reloaded. Each stays until restored or discarded.

use crate::store::RecoveryEntry;

/// The copies on offer.
#[derive(Clone, Debug)]
pub struct RecoveryOffers {
    /// One per copy, newest first as the recovery folder lists them.
    pub entries: Vec<RecoveryEntry>,
}

/// What the user chose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecoveryAnswer {
    /// Restore the copy at this index (replacing the open document, after asking).
    Restore(usize),
    /// Delete the copy at this index.
    Discard(usize),
    /// Keep the copies and close (offered again from the File menu and at the next start).
    Later,
}

impl RecoveryOffers {
    /// Shows the offers; the answer once given.
    pub fn show(&self, ctx: &egui::Context) -> Option<RecoveryAnswer> {
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("recovery")).show(ctx, |ui| {
            ui.set_width(560.0);
            ui.heading("Recover unsaved work?");
            ui.label(
                "Factmark kept copies of work that was not saved (a window that did not close \
                 normally, or a version set aside when you reloaded a file). Each stays here \
                 until you restore or discard it:",
            );
            ui.add_space(6.0);
            for (index, entry) in self.entries.iter().enumerate() {
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
                            answer = Some(RecoveryAnswer::Restore(index));
                        }
                        if ui.button("Discard").clicked() {
                            answer = Some(RecoveryAnswer::Discard(index));
                        }
                    });
                });
            }
            ui.add_space(6.0);
            if ui
                .button("Decide later")
                .on_hover_text(
                    "Keep the copies: File › Recover unsaved work lists them, and they are \
                     offered again at the next start",
                )
                .clicked()
            {
                answer = Some(RecoveryAnswer::Later);
            }
        });
        answer
    }
}

/// "2 minutes ago", for the offers.
fn age(when: std::time::SystemTime) -> String {
    let seconds = when.elapsed().map_or(0, |d| d.as_secs());
    match seconds {
        0..=59 => "just now".to_owned(),
        60..=3599 => format!("{} minutes ago", seconds / 60),
        3600..=86_399 => format!("{} hours ago", seconds / 3600),
        _ => format!("{} days ago", seconds / 86_400),
    }
}
