//! The verdict picker (V): the ratings of the selected annotation's scale, numbered; a digit
//! or a click picks one, 0 clears the verdict, Esc closes.

use crate::model::{Rating, ScaleKind};
use crate::ui::theme::rating_chip;

/// The open picker: for which annotation, and what it offers.
#[derive(Clone, Debug)]
pub struct VerdictPicker {
    /// The annotation the verdict is for.
    pub id: crate::model::AnnotationId,
    /// Which scale the ratings come from.
    pub kind: ScaleKind,
    /// The ratings offered, in order (digit k+1 picks the k-th).
    pub ratings: Vec<Rating>,
    /// The verdict it has now.
    pub current: Option<String>,
}

/// What the user chose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VerdictAnswer {
    /// This verdict (`None`: no verdict).
    Pick(Option<String>),
    /// Closed without a choice.
    Cancel,
}

/// The digit keys 1–9, in order.
const DIGITS: [egui::Key; 9] = [
    egui::Key::Num1,
    egui::Key::Num2,
    egui::Key::Num3,
    egui::Key::Num4,
    egui::Key::Num5,
    egui::Key::Num6,
    egui::Key::Num7,
    egui::Key::Num8,
    egui::Key::Num9,
];

impl VerdictPicker {
    /// Shows the picker; the answer once given.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<VerdictAnswer> {
        let mut answer = None;
        ctx.input_mut(|input| {
            for (k, key) in DIGITS.into_iter().enumerate() {
                if input.consume_key(egui::Modifiers::NONE, key)
                    && let Some(rating) = self.ratings.get(k)
                {
                    answer = Some(VerdictAnswer::Pick(Some(rating.name.clone())));
                }
            }
            if input.consume_key(egui::Modifiers::NONE, egui::Key::Num0) {
                answer = Some(VerdictAnswer::Pick(None));
            }
        });
        egui::Modal::new(egui::Id::unique("verdict-picker")).show(ctx, |ui| {
            ui.set_width(420.0);
            ui.heading(match self.kind {
                ScaleKind::Rating => "Verdict",
                ScaleKind::Attribution => "Attribution verdict",
            });
            ui.label("Press a digit, or click:");
            ui.add_space(4.0);
            for (k, rating) in self.ratings.iter().enumerate() {
                let (fill, text) = rating_chip(rating.colour);
                let current = self.current.as_deref() == Some(rating.name.as_str());
                ui.horizontal(|ui| {
                    let digit = if k < 9 {
                        format!("{}", k + 1)
                    } else {
                        " ".to_owned()
                    };
                    ui.label(egui::RichText::new(digit).monospace().strong());
                    let name = egui::RichText::new(format!(" {} ", rating.name))
                        .background_color(fill)
                        .color(text);
                    if ui.selectable_label(current, name).clicked() {
                        answer = Some(VerdictAnswer::Pick(Some(rating.name.clone())));
                    }
                    ui.label(egui::RichText::new(&rating.description).small().weak());
                });
            }
            ui.horizontal(|ui| {
                ui.label(egui::RichText::new("0").monospace().strong());
                if ui
                    .selectable_label(self.current.is_none(), "No verdict")
                    .clicked()
                {
                    answer = Some(VerdictAnswer::Pick(None));
                }
            });
            ui.add_space(6.0);
            if ui.button("Cancel").clicked() || super::escape_pressed(ui) {
                answer = Some(VerdictAnswer::Cancel);
            }
        });
        answer
    }
}
