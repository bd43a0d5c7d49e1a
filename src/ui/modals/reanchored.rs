//! What re-anchoring did, with a way back: the counts, OK, and Revert.

use crate::model::anchor::ReanchorReport;
use crate::workspace::Document;

/// The report and the document as it was before, for Revert.
pub struct ReanchorSummary {
    /// Counts per outcome.
    pub report: ReanchorReport,
    /// The session before re-anchoring.
    pub previous: Box<Document>,
}

/// What the user chose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReanchorAnswer {
    /// Keep the re-anchored session.
    Keep,
    /// Go back to the session as it was.
    Revert,
}

impl ReanchorSummary {
    /// Shows the report; the answer once given.
    pub fn show(&self, ctx: &egui::Context) -> Option<ReanchorAnswer> {
        let report = &self.report;
        let mut answer = None;
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
                if ui.button("OK").clicked() {
                    answer = Some(ReanchorAnswer::Keep);
                }
                if ui
                    .button("Revert")
                    .on_hover_text("Go back to the session as it was before re-anchoring")
                    .clicked()
                {
                    answer = Some(ReanchorAnswer::Revert);
                }
            });
        });
        answer
    }
}
