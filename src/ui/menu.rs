//! The menu bar (File, Edit, View, Help) and the tag legend with keys and counts.

use super::actions::Action;
use super::keys::KEY_HELP;
use super::prefs::Preferences;
use super::theme::Palette;
use crate::model::Tag;
use crate::workspace::Document;

/// Shows the menu bar; chosen commands are pushed onto `actions`.
pub fn bar(
    ui: &mut egui::Ui,
    doc: &Document,
    prefs: &Preferences,
    palette: &Palette,
    recovery_copies: usize,
    actions: &mut Vec<Action>,
) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            item(
                ui,
                "Open article or session…",
                "Ctrl+O",
                Action::Open,
                actions,
            );
            ui.menu_button("Recent", |ui| recent_menu(ui, prefs, actions));
            item(
                ui,
                "New from clipboard",
                "Ctrl+Shift+V",
                Action::NewFromClipboard,
                actions,
            );
            item(
                ui,
                "New from pasted text…",
                "",
                Action::NewFromText,
                actions,
            );
            item(
                ui,
                "New session on this article",
                "Ctrl+N",
                Action::NewSession,
                actions,
            );
            item(
                ui,
                "Attach updated article…",
                "",
                Action::AttachUpdatedArticle,
                actions,
            );
            let recover = match recovery_copies {
                0 => "Recover unsaved work…".to_owned(),
                n => format!("Recover unsaved work ({n})…"),
            };
            item(ui, &recover, "", Action::RecoverUnsaved, actions);
            ui.separator();
            item(ui, "Save", "Ctrl+S", Action::Save, actions);
            item(ui, "Save as…", "Ctrl+Shift+S", Action::SaveAs, actions);
            ui.separator();
            item(ui, "Quit", "Ctrl+Q", Action::Quit, actions);
        });
        ui.menu_button("Edit", |ui| {
            ui.add_enabled_ui(doc.history.can_undo(), |ui| {
                item(ui, "Undo", "Ctrl+Z", Action::Undo, actions);
            });
            ui.add_enabled_ui(doc.history.can_redo(), |ui| {
                item(ui, "Redo", "Ctrl+Shift+Z", Action::Redo, actions);
            });
            ui.separator();
            item(
                ui,
                "Delete annotation",
                "Del",
                Action::DeleteSelected,
                actions,
            );
            item(
                ui,
                "Clear selection",
                "Esc",
                Action::ClearSelection,
                actions,
            );
            ui.separator();
            item(ui, "Find in article…", "Ctrl+F", Action::Find, actions);
            item(ui, "Find next", "F3", Action::FindNext, actions);
            item(
                ui,
                "Find previous",
                "Shift+F3",
                Action::FindPrevious,
                actions,
            );
            item(
                ui,
                "Filter annotations",
                "Ctrl+Shift+F",
                Action::FindInList,
                actions,
            );
        });
        ui.menu_button("View", |ui| {
            for (theme, label) in [
                (egui::ThemePreference::System, "Follow system theme"),
                (egui::ThemePreference::Light, "Light theme"),
                (egui::ThemePreference::Dark, "Dark theme"),
            ] {
                if ui.radio(prefs.theme == theme, label).clicked() {
                    actions.push(Action::SetTheme(theme));
                }
            }
            ui.separator();
            item(ui, "Zoom in", "Ctrl+=", Action::ZoomIn, actions);
            item(ui, "Zoom out", "Ctrl+-", Action::ZoomOut, actions);
            item(ui, "Actual size", "Ctrl+0", Action::ZoomReset, actions);
        });
        ui.menu_button("Help", |ui| {
            egui::Grid::new("key-help").striped(true).show(ui, |ui| {
                for (keys, what) in KEY_HELP {
                    ui.label(egui::RichText::new(keys).strong());
                    ui.label(what);
                    ui.end_row();
                }
            });
        });
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            legend(ui, doc, palette);
        });
    });
}

/// The last ten files; missing ones are greyed out and can be removed.
fn recent_menu(ui: &mut egui::Ui, prefs: &Preferences, actions: &mut Vec<Action>) {
    if prefs.recent.is_empty() {
        ui.label("No recent files");
        return;
    }
    for (index, path) in prefs.recent.iter().enumerate() {
        let exists = path.exists();
        ui.horizontal(|ui| {
            let name = path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            let hover = if exists {
                path.display().to_string()
            } else {
                format!("{} (missing)", path.display())
            };
            if ui
                .add_enabled(exists, egui::Button::new(name))
                .on_hover_text(&hover)
                .on_disabled_hover_text(&hover)
                .clicked()
            {
                actions.push(Action::OpenRecent(index));
            }
            if ui
                .small_button("x")
                .on_hover_text("Remove from this list")
                .clicked()
            {
                actions.push(Action::ForgetRecent(index));
            }
        });
    }
    ui.separator();
    if ui.button("Clear recent files").clicked() {
        actions.push(Action::ClearRecent);
    }
}

fn item(ui: &mut egui::Ui, label: &str, shortcut: &str, action: Action, actions: &mut Vec<Action>) {
    let button = if shortcut.is_empty() {
        egui::Button::new(label)
    } else {
        egui::Button::new(label).shortcut_text(shortcut)
    };
    if ui.add(button).clicked() {
        actions.push(action);
    }
}

/// Tag chips with their keys and how many of each the session holds (right to left).
fn legend(ui: &mut egui::Ui, doc: &Document, palette: &Palette) {
    let counts = doc.session.counts();
    for tag in Tag::ALL.into_iter().rev() {
        let text = format!(
            "{} {}/{} · {}",
            tag.label(),
            tag.digit(),
            tag.letter(),
            counts[tag.index()]
        );
        egui::Frame::new()
            .fill(palette.tint(tag))
            .stroke(egui::Stroke::new(1.0, palette.tag_color(tag)))
            .corner_radius(4.0)
            .inner_margin(egui::Margin::symmetric(6, 1))
            .show(ui, |ui| {
                ui.label(egui::RichText::new(text).color(palette.text));
            })
            .response
            .on_hover_text(format!(
                "Select text, then press {} or {} to tag it as a {}",
                tag.digit(),
                tag.letter(),
                tag.label().to_lowercase()
            ));
    }
}
