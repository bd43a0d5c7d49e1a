//! The "new article from text" box: paste (Ctrl+V) or type, then create.

/// What has been pasted or typed so far.
#[derive(Clone, Debug, Default)]
pub struct PasteBox {
    /// The article text (the first line becomes the title).
    pub text: String,
    /// The text field has been given the keyboard once (when the box opened), so Ctrl+V
    /// pastes at once without a click.
    focused: bool,
}

/// What the user chose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PasteAnswer {
    /// Make an article of this text.
    Create(String),
    /// Close the box.
    Cancel,
}

impl PasteBox {
    /// Shows the box; the answer once given.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<PasteAnswer> {
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("paste-box")).show(ctx, |ui| {
            ui.set_width(560.0);
            ui.heading("New article from text");
            let label = ui.label("Article text (the first line becomes the title):");
            egui::ScrollArea::vertical()
                .max_height(360.0)
                .show(ui, |ui| {
                    let field = ui
                        .add(
                            egui::TextEdit::multiline(&mut self.text)
                                .desired_rows(12)
                                .desired_width(f32::INFINITY),
                        )
                        .labelled_by(label.id);
                    if !std::mem::replace(&mut self.focused, true) {
                        field.request_focus();
                    }
                });
            ui.horizontal(|ui| {
                let can_create = !self.text.trim().is_empty();
                if ui
                    .add_enabled(can_create, egui::Button::new("Create article"))
                    .clicked()
                {
                    answer = Some(PasteAnswer::Create(std::mem::take(&mut self.text)));
                }
                if ui.button("Cancel").clicked() {
                    answer = Some(PasteAnswer::Cancel);
                }
            });
        });
        answer
    }
}
