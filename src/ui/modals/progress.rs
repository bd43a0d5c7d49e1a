//! The progress window of a job the window waits for (opening a file, re-anchoring): what it
//! does, how far it is, and Cancel.

use crate::progress::Progress;

/// Shows `label` with a bar (or a spinner while the total is unknown). True when the user
/// asked to cancel (the button or Esc).
pub fn show_progress(ctx: &egui::Context, label: &str, progress: &Progress) -> bool {
    let ((done, total), fraction) = (progress.counts(), progress.fraction());
    let mut cancel = false;
    egui::Modal::new(egui::Id::unique("task-progress")).show(ctx, |ui| {
        ui.set_width(420.0);
        ui.heading(label);
        if total > 0 {
            ui.add(egui::ProgressBar::new(fraction).text(format!("{done} of {total}")));
        } else {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label("Working…");
            });
        }
        ui.add_space(6.0);
        cancel = ui.button("Cancel").clicked() || super::escape_pressed(ui);
    });
    cancel
}
