//! The menu bar (File, Edit, View, Help), drawn from the command table, and the tag legend
//! with keys and counts.

use super::commands::{Action, CommandQueue, Menu, MenuItem, ShortcutStyle, key_help};
use super::prefs::Preferences;
use super::theme::Palette;
use crate::model::Tag;
use crate::workspace::Document;

/// Shows the menu bar; chosen commands are pushed onto `commands`.
pub fn bar(
    ui: &mut egui::Ui,
    doc: &Document,
    prefs: &Preferences,
    palette: &Palette,
    recovery_copies: usize,
    commands: &mut CommandQueue,
) {
    egui::MenuBar::new().ui(ui, |ui| {
        for menu in Menu::ALL {
            ui.menu_button(menu.title(), |ui| {
                let style = ShortcutStyle::for_context(ui.ctx());
                for item in menu.items() {
                    match item {
                        MenuItem::Separator => {
                            ui.separator();
                        }
                        MenuItem::Recent => {
                            ui.menu_button("Recent", |ui| recent_menu(ui, prefs, commands));
                        }
                        MenuItem::Command(action) => {
                            command(ui, doc, prefs, recovery_copies, style, action, commands);
                        }
                    }
                }
            });
        }
        ui.menu_button("Help", |ui| {
            let style = ShortcutStyle::for_context(ui.ctx());
            // Taller than a small window: it scrolls rather than running off the screen.
            // Narrower than a small window: descriptions wrap instead of being cut off.
            let screen = ui.ctx().content_rect().size();
            let room = screen.y - 60.0;
            let what_width = (screen.x - 320.0).clamp(200.0, 520.0);
            egui::ScrollArea::vertical()
                .max_height(room.max(120.0))
                .show(ui, |ui| {
                    egui::Grid::new("key-help")
                        .striped(true)
                        .max_col_width(what_width)
                        .show(ui, |ui| {
                            for row in key_help(style) {
                                ui.label(egui::RichText::new(row.keys).strong());
                                ui.add(egui::Label::new(row.what).wrap());
                                ui.end_row();
                            }
                        });
                });
        });
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            legend(ui, doc, palette);
        });
    });
}

/// One command's line: a radio for a theme, else a button with the first shortcut, disabled
/// when there is nothing to undo or redo.
fn command(
    ui: &mut egui::Ui,
    doc: &Document,
    prefs: &Preferences,
    recovery_copies: usize,
    style: ShortcutStyle,
    action: Action,
    commands: &mut CommandQueue,
) {
    if let Action::SetTheme(theme) = action {
        if ui.radio(prefs.theme == theme, action.label()).clicked() {
            commands.push(action);
        }
        return;
    }
    // Checkboxes: the Documents panel is shown while a folder is open (the workspace names
    // it) and the panel not hidden.
    let toggled = match action {
        Action::ToggleDocuments => Some(!prefs.hide_documents && prefs.workspace.folder.is_some()),
        Action::ToggleSuggestions => Some(prefs.show_suggestions),
        _ => None,
    };
    if let Some(mut shown) = toggled {
        if ui.checkbox(&mut shown, action.label()).clicked() {
            commands.push(action);
        }
        return;
    }
    let label = match (&action, recovery_copies) {
        (Action::RecoverUnsaved, n) if n > 0 => format!("Recover unsaved work ({n})…"),
        _ => action.label().to_owned(),
    };
    let mut button = egui::Button::new(label);
    if let Some(shortcut) = action.shortcuts().first() {
        button = button.shortcut_text(style.format(shortcut));
    }
    let enabled = match action {
        Action::Undo => doc.history.can_undo(),
        Action::Redo => doc.history.can_redo(),
        _ => true,
    };
    if ui.add_enabled(enabled, button).clicked() {
        commands.push(action);
    }
}

/// The last ten files; missing ones are greyed out and can be removed.
fn recent_menu(ui: &mut egui::Ui, prefs: &Preferences, commands: &mut CommandQueue) {
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
                commands.push(Action::OpenRecent(index));
            }
            if ui
                .small_button("x")
                .on_hover_text(Action::ForgetRecent(index).label())
                .clicked()
            {
                commands.push(Action::ForgetRecent(index));
            }
        });
    }
    ui.separator();
    if ui.button(Action::ClearRecent.label()).clicked() {
        commands.push(Action::ClearRecent);
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
