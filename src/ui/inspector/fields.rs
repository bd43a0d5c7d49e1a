//! The inspector's one-line fields: tag and status chips, the verdict menu, and the claimant
//! (or speaker) with completion from the names the session already uses.

use super::{InspectorState, focus_at_end};
use crate::model::{Annotation, ScaleKind, Session, Status, Tag};
use crate::ui::commands::{Action, CommandQueue};
use crate::ui::theme::{Palette, rating_chip};

/// Names offered under the claimant field at most.
const COMPLETIONS: usize = 5;

/// A chip: filled when `current`, outlined otherwise.
fn chip(
    text: &str,
    current: bool,
    edge: egui::Color32,
    fill: egui::Color32,
    palette: &Palette,
) -> egui::Button<'static> {
    egui::Button::new(egui::RichText::new(text.to_owned()).color(if current {
        palette.text
    } else {
        palette.weak_text
    }))
    .fill(if current {
        fill
    } else {
        egui::Color32::TRANSPARENT
    })
    .stroke(egui::Stroke::new(1.0, edge))
    .selected(current)
}

/// Tag chips; a click retags.
pub(super) fn tag_row(
    ui: &mut egui::Ui,
    annotation: &Annotation,
    palette: &Palette,
    commands: &mut CommandQueue,
) {
    ui.horizontal(|ui| {
        ui.label("Tag:");
        for tag in Tag::ALL {
            let current = annotation.body.tag == tag;
            let button = chip(
                tag.label(),
                current,
                palette.tag_color(tag),
                palette.tint(tag),
                palette,
            );
            if ui
                .add(button)
                .on_hover_text(format!(
                    "Change the tag to {} (key {})",
                    tag.label().to_lowercase(),
                    tag.digit()
                ))
                .clicked()
                && !current
            {
                commands.push(Action::Retag(annotation.id, tag));
            }
        }
    });
}

/// Status chips (Alt+1 … Alt+4).
pub(super) fn status_row(
    ui: &mut egui::Ui,
    annotation: &Annotation,
    palette: &Palette,
    commands: &mut CommandQueue,
) {
    ui.horizontal_wrapped(|ui| {
        ui.label("Status:");
        for (k, status) in Status::ALL.into_iter().enumerate() {
            let current = annotation.body.status == status;
            let edge = ui.visuals().widgets.inactive.bg_stroke.color;
            let fill = ui.visuals().selection.bg_fill.gamma_multiply(0.6);
            if ui
                .add(chip(status.label(), current, edge, fill, palette).small())
                .on_hover_text(format!("Alt+{}", k + 1))
                .clicked()
                && !current
            {
                commands.push(Action::SetStatus(annotation.id, status));
            }
        }
    });
}

/// The verdict menu: the ratings of the annotation's scale, a retired one flagged.
pub(super) fn verdict_row(
    ui: &mut egui::Ui,
    session: &Session,
    annotation: &Annotation,
    commands: &mut CommandQueue,
) {
    let tag = annotation.body.tag;
    let scale = session.scale_for(tag);
    let kind = ScaleKind::for_tag(tag);
    let verdict = annotation.body.verdict.as_deref();
    ui.horizontal(|ui| {
        let label = ui.label(if kind == ScaleKind::Attribution {
            "Attribution:"
        } else {
            "Verdict:"
        });
        let rating = verdict.and_then(|name| scale.get(name));
        let shown = match (verdict, rating) {
            (None, _) => egui::RichText::new("No verdict yet"),
            (Some(name), Some(rating)) => {
                let (fill, text) = rating_chip(rating.colour);
                let mut rich = egui::RichText::new(format!(" {name} ")).background_color(fill).color(text);
                if rating.retired {
                    rich = egui::RichText::new(format!(" {name} (no longer in the scale) ")).background_color(fill).color(text);
                }
                rich
            }
            (Some(name), None) => egui::RichText::new(name.to_owned()),
        };
        let combo = egui::ComboBox::from_id_salt(("verdict", annotation.id.0))
            .selected_text(shown)
            .width(ui.available_width().min(220.0))
            .show_ui(ui, |ui| {
                if ui.selectable_label(verdict.is_none(), "No verdict  (0)").clicked() && verdict.is_some() {
                    commands.push(Action::SetVerdict(annotation.id, None));
                }
                for (k, rating) in scale.offered().enumerate() {
                    let (fill, text) = rating_chip(rating.colour);
                    let digit = if k < 9 { format!("  ({})", k + 1) } else { String::new() };
                    let line = egui::RichText::new(format!(" {} ", rating.name))
                        .background_color(fill)
                        .color(text);
                    let current = verdict == Some(rating.name.as_str());
                    let response = ui
                        .horizontal(|ui| {
                            let pick = ui.selectable_label(current, line);
                            ui.weak(digit);
                            pick
                        })
                        .inner
                        .on_hover_text(&rating.description);
                    if response.clicked() && !current {
                        commands.push(Action::SetVerdict(annotation.id, Some(rating.name.clone())));
                    }
                }
            });
        combo.response.labelled_by(label.id).on_hover_text(match rating {
            Some(rating) if rating.retired => format!(
                "{}\nThis rating was removed from the {} after this verdict was given; the verdict is kept. Choose another, or restore the rating in Edit › Rating scales.",
                rating.description,
                kind.label()
            ),
            Some(rating) => format!("{} (V, then a digit)", rating.description),
            None => "Give a verdict: V, then the rating's digit. Giving one marks the annotation checked.".to_owned(),
        });
    });
}

/// The claimant (claims, statistics) or speaker (quotes), with the session's names offered
/// below it while typing; Enter takes the first one offered.
pub(super) fn claimant_row(
    ui: &mut egui::Ui,
    session: &Session,
    annotation: &Annotation,
    state: &mut InspectorState,
    focus: bool,
    commands: &mut CommandQueue,
) {
    let id = annotation.id;
    let mut name = annotation.body.claimant.clone();
    let response = ui
        .horizontal(|ui| {
            let label = ui.label(if annotation.body.tag == Tag::Quote {
                "Speaker:"
            } else {
                "Claimant:"
            });
            ui.add(
                egui::TextEdit::singleline(&mut name)
                    .id_salt(("claimant", id.0))
                    .hint_text("who said it (W)")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id)
        })
        .inner;
    if focus {
        focus_at_end(ui, &response, name.chars().count());
    }
    if response.changed() {
        commands.push(Action::TypeClaimant(id, name.clone()));
    }
    let typing = response.has_focus() || response.lost_focus();
    let offered: Vec<String> = if typing && !name.trim().is_empty() {
        let typed = name.trim().to_lowercase();
        state
            .names(session)
            .iter()
            .filter(|candidate| {
                let lower = candidate.to_lowercase();
                lower != typed
                    && (lower.starts_with(&typed)
                        || lower
                            .split_whitespace()
                            .any(|word| word.starts_with(&typed)))
            })
            .take(COMPLETIONS)
            .cloned()
            .collect()
    } else {
        Vec::new()
    };
    if response.lost_focus() {
        commands.push(Action::FinishNote);
        if ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            if let Some(first) = offered.first() {
                commands.push(Action::TypeClaimant(id, first.clone()));
                commands.push(Action::FinishNote);
            }
            return;
        }
    }
    // Still drawn in the frame the field lets go of the keyboard: a click on a name is what
    // takes the keyboard away.
    if offered.is_empty() {
        return;
    }
    // Offered over what follows (an overlay, not a row), so the note does not move.
    egui::Area::new(egui::Id::unique(("claimant-completion", id.0)))
        .order(egui::Order::Foreground)
        .fixed_pos(response.rect.left_bottom() + egui::vec2(0.0, 2.0))
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_min_width(response.rect.width());
                for (k, candidate) in offered.iter().enumerate() {
                    let text = if k == 0 {
                        format!("{candidate}   (Enter)")
                    } else {
                        candidate.clone()
                    };
                    if ui.selectable_label(k == 0, text).clicked() {
                        commands.push(Action::TypeClaimant(id, candidate.clone()));
                        commands.push(Action::FinishNote);
                    }
                }
            });
        });
}
