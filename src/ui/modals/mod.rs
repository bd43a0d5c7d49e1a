//! The window's modal questions, one type per question: each holds its own state, shows
//! itself with `show(ctx)` and returns the user's answer (or `None` while unanswered). They
//! never touch the document: the app turns an answer into commands. The app keeps at most
//! one open (`Option<Modal>` in `app/modal.rs`). Each is tested on its own with egui_kittest
//! (tests/gui/modals.rs), without building the whole app.

mod analyst;
mod details;
mod disk_conflict;
mod exchange;
mod paste;
mod progress;
mod reanchored;
mod recovery;
mod replace;
mod scales;
mod unsaved;
mod verdict;

pub use analyst::{AnalystAnswer, AnalystBox};
pub use details::{DetailsAnswer, DetailsBox};
pub use disk_conflict::{DiskAnswer, DiskConflict};
pub use exchange::{
    ExportAnswer, ExportBox, ImportAnswer, ImportBox, ImportResult, ImportResultAnswer,
    ImportedDocument,
};
pub use paste::{PasteAnswer, PasteBox};
pub use progress::show_progress;
pub use reanchored::{ReanchorAnswer, ReanchorSummary};
pub use recovery::{RecoveryAnswer, RecoveryOffers};
pub use replace::{ReplaceAnswer, ReplaceQuestion};
pub use scales::{ScaleChange, ScalesAnswer, ScalesEditor};
pub use unsaved::{UnsavedAnswer, UnsavedQuestion};
pub use verdict::{VerdictAnswer, VerdictPicker};

/// True when Esc was pressed this frame: every question treats it as Cancel.
fn escape_pressed(ui: &egui::Ui) -> bool {
    ui.input(|i| i.key_pressed(egui::Key::Escape))
}

/// A wrapping row of answer buttons in order, then Cancel (Esc too): the answer chosen this
/// frame, if any.
fn answer_row<A: Copy>(ui: &mut egui::Ui, choices: &[(&str, A)], cancel: A) -> Option<A> {
    let mut answer = None;
    ui.horizontal_wrapped(|ui| {
        for &(label, choice) in choices {
            if ui.button(label).clicked() {
                answer = Some(choice);
            }
        }
        if ui.button("Cancel").clicked() || escape_pressed(ui) {
            answer = Some(cancel);
        }
    });
    answer
}

/// The last part of `path`, for headings ("Replace s.ron?").
fn file_name(path: &std::path::Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
