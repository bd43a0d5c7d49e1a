//! The analyst name box: the name every annotation made in this window is signed with (a
//! preference, not part of any session).

/// The name being typed.
#[derive(Clone, Debug, Default)]
pub struct AnalystBox {
    /// The name as typed.
    pub name: String,
    /// The field has been given the keyboard.
    focused: bool,
}

/// What the user chose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnalystAnswer {
    /// Sign with this name from now on.
    Save(String),
    /// Keep the name as it was.
    Cancel,
}

impl AnalystBox {
    /// A box holding the current name.
    pub fn new(name: String) -> Self {
        Self {
            name,
            focused: false,
        }
    }

    /// Shows the box; the answer once given.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<AnalystAnswer> {
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("analyst-box")).show(ctx, |ui| {
            ui.set_width(420.0);
            ui.heading("Analyst name");
            let label = ui.label(
                "Each annotation you make records this name and the time (annotations made before keep theirs):",
            );
            let field = ui
                .add(egui::TextEdit::singleline(&mut self.name).desired_width(f32::INFINITY))
                .labelled_by(label.id);
            if !std::mem::replace(&mut self.focused, true) {
                field.request_focus();
            }
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let name = self.name.trim().to_owned();
            ui.horizontal(|ui| {
                if (ui.add_enabled(!name.is_empty(), egui::Button::new("Save")).clicked() || entered)
                    && !name.is_empty()
                {
                    answer = Some(AnalystAnswer::Save(name.clone()));
                }
                if ui.button("Cancel").clicked() || super::escape_pressed(ui) {
                    answer = Some(AnalystAnswer::Cancel);
                }
            });
        });
        answer
    }
}
