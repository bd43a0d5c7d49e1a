//! The keyboard map: reads this frame's key presses into actions, consuming them so that
//! widgets (a focused note field) don't act on them twice.

use egui::{Key, KeyboardShortcut, Modifiers};

use super::actions::Action;
use crate::model::Tag;

/// Shortcuts that work everywhere, even while typing in a text field. Order matters: the
/// more specific (with Shift) come before the plain ones, since egui ignores extra Shift.
const GLOBAL: [(Modifiers, Key, Action); 17] = [
    (
        Modifiers::COMMAND.plus(Modifiers::SHIFT),
        Key::Z,
        Action::Redo,
    ),
    (Modifiers::COMMAND, Key::Z, Action::Undo),
    (Modifiers::COMMAND, Key::Y, Action::Redo),
    (
        Modifiers::COMMAND.plus(Modifiers::SHIFT),
        Key::S,
        Action::SaveAs,
    ),
    (Modifiers::COMMAND, Key::S, Action::Save),
    (Modifiers::COMMAND, Key::O, Action::Open),
    (
        Modifiers::COMMAND.plus(Modifiers::SHIFT),
        Key::V,
        Action::NewFromClipboard,
    ),
    (Modifiers::COMMAND, Key::N, Action::NewSession),
    (Modifiers::COMMAND, Key::Q, Action::Quit),
    (
        Modifiers::COMMAND.plus(Modifiers::SHIFT),
        Key::F,
        Action::FindInList,
    ),
    (Modifiers::COMMAND, Key::F, Action::Find),
    (Modifiers::SHIFT, Key::F3, Action::FindPrevious),
    (Modifiers::NONE, Key::F3, Action::FindNext),
    (Modifiers::COMMAND, Key::Equals, Action::ZoomIn),
    (Modifiers::COMMAND, Key::Plus, Action::ZoomIn),
    (Modifiers::COMMAND, Key::Minus, Action::ZoomOut),
    (Modifiers::COMMAND, Key::Num0, Action::ZoomReset),
];

/// Single keys that act on the article, only while no text field has keyboard focus.
fn article_keys() -> Vec<(Modifiers, Key, Action)> {
    let mut keys = Vec::new();
    for (tag, digit, letter) in [
        (Tag::Claim, Key::Num1, Key::C),
        (Tag::Statistic, Key::Num2, Key::S),
        (Tag::Quote, Key::Num3, Key::Q),
    ] {
        keys.push((Modifiers::NONE, digit, Action::Tag(tag)));
        keys.push((Modifiers::NONE, letter, Action::Tag(tag)));
    }
    keys.extend([
        (Modifiers::NONE, Key::Delete, Action::DeleteSelected),
        (Modifiers::NONE, Key::Backspace, Action::DeleteSelected),
        (Modifiers::NONE, Key::Escape, Action::ClearSelection),
        (Modifiers::SHIFT, Key::Tab, Action::SelectPrevious),
        (Modifiers::NONE, Key::Tab, Action::SelectNext),
    ]);
    keys
}

/// Reads and consumes this frame's shortcuts. `typing` is true while a text field has focus.
pub fn read(ctx: &egui::Context, typing: bool) -> Vec<Action> {
    let mut actions = Vec::new();
    ctx.input_mut(|input| {
        for (modifiers, key, action) in GLOBAL {
            if input.consume_shortcut(&KeyboardShortcut::new(modifiers, key)) {
                actions.push(action);
            }
        }
        if typing {
            return;
        }
        for (modifiers, key, action) in article_keys() {
            // Exact modifiers: Shift+Tab must not also count as Tab, Ctrl+C is not "claim".
            let pressed = input.events.iter().any(|event| {
                matches!(event, egui::Event::Key { key: k, pressed: true, modifiers: m, .. }
                    if *k == key && m.matches_exact(modifiers))
            });
            if pressed {
                input.consume_key(modifiers, key);
                actions.push(action);
            }
        }
    });
    if actions
        .iter()
        .any(|a| matches!(a, Action::SelectNext | Action::SelectPrevious))
    {
        // egui already read Tab as "move keyboard focus"; we used it, so cancel that.
        ctx.memory_mut(|memory| memory.move_focus(egui::FocusDirection::None));
    }
    actions
}

/// The keyboard map as shown in the Help menu and the README.
pub const KEY_HELP: [(&str, &str); 19] = [
    (
        "Drag",
        "select text, snapped to whole words (hold Alt for exact characters)",
    ),
    ("Double-click", "select a word"),
    ("Shift+click", "extend the selection"),
    ("1 / C", "tag the selection as a claim"),
    ("2 / S", "tag the selection as a statistic"),
    ("3 / Q", "tag the selection as a quote"),
    (
        "Click a highlight",
        "select its annotation (click again to cycle overlaps)",
    ),
    ("Delete", "delete the selected annotation"),
    ("Tab / Shift+Tab", "next / previous annotation"),
    (
        "Esc",
        "clear the selection (in a text field: leave the field first)",
    ),
    ("Ctrl+Z", "undo"),
    ("Ctrl+Shift+Z / Ctrl+Y", "redo"),
    ("Ctrl+S / Ctrl+Shift+S", "save / save as"),
    (
        "Ctrl+O / Ctrl+N",
        "open a file / new session on this article",
    ),
    ("Ctrl+Shift+V", "new article from the clipboard's text"),
    (
        "Ctrl+F",
        "find text in the article (the match is selected, ready to tag)",
    ),
    (
        "Enter / Shift+Enter, F3 / Shift+F3",
        "next / previous match; Esc closes the find bar",
    ),
    ("Ctrl+Shift+F", "filter the annotation list"),
    (
        "Ctrl+= / Ctrl+- / Ctrl+0",
        "zoom the article text in / out / reset",
    ),
];
