//! The command table's own checks: shortcuts never clash, every command with keys has a
//! Help line and a menu, shortcut text per platform.

use super::shortcut::{anywhere, article, cmd, cmd_shift};
use super::*;
use egui::{Key, Modifiers};

#[test]
fn no_two_commands_share_a_shortcut() {
    let table = Action::table();
    let all: Vec<(&Action, &Shortcut)> = table
        .iter()
        .flat_map(|a| a.shortcuts().iter().map(move |s| (a, s)))
        .collect();
    for (i, (a, sa)) in all.iter().enumerate() {
        for (b, sb) in &all[i + 1..] {
            assert!(
                !sa.conflicts_with(sb),
                "{a:?} and {b:?} share {}",
                ShortcutStyle::PC.format(sa)
            );
        }
    }
}

#[test]
fn conflicts_cover_overlapping_scopes() {
    let anywhere = cmd(Key::Z);
    let on_article = article(Modifiers::COMMAND, Key::Z);
    assert!(anywhere.conflicts_with(&on_article));
    assert!(
        !article(Modifiers::SHIFT, Key::Tab).conflicts_with(&article(Modifiers::NONE, Key::Tab))
    );
}

#[test]
fn shortcuts_are_formatted_per_platform() {
    let mac = ShortcutStyle {
        is_mac: true,
        symbols: false,
    };
    let mac_symbols = ShortcutStyle {
        is_mac: true,
        symbols: true,
    };
    let pc = ShortcutStyle::PC;
    assert_eq!(pc.format(&cmd(Key::O)), "Ctrl+O");
    assert_eq!(mac.format(&cmd(Key::O)), "Cmd+O");
    assert_eq!(mac_symbols.format(&cmd(Key::O)), "⌘O");
    assert_eq!(pc.format(&cmd_shift(Key::Z)), "Ctrl+Shift+Z");
    assert_eq!(mac.format(&cmd_shift(Key::Z)), "Shift+Cmd+Z");
    assert_eq!(mac_symbols.format(&cmd_shift(Key::Z)), "⇧⌘Z");
    assert_eq!(pc.format(&cmd(Key::Equals)), "Ctrl+=");
    assert_eq!(mac.format(&cmd(Key::Equals)), "Cmd+=");
    assert_eq!(pc.format(&article(Modifiers::NONE, Key::Num1)), "1");
    assert_eq!(pc.format(&article(Modifiers::SHIFT, Key::Tab)), "Shift+Tab");
    assert_eq!(mac.format(&anywhere(Modifiers::SHIFT, Key::F3)), "Shift+F3");
    assert_eq!(
        pc.format(&article(Modifiers::ALT, Key::ArrowDown)),
        "Alt+Down"
    );
    assert_eq!(pc.format(&cmd(Key::PageUp)), "Ctrl+PageUp");
    let word = Modifiers::COMMAND.plus(Modifiers::SHIFT);
    assert_eq!(
        pc.format(&article(word, Key::ArrowRight)),
        "Ctrl+Shift+Right"
    );
    assert_eq!(mac_symbols.format(&article(word, Key::ArrowLeft)), "⇧⌘Left");
}

#[test]
fn the_table_is_complete() {
    for action in Action::table() {
        assert!(!action.label().is_empty());
        assert_eq!(
            action.help().is_some(),
            !action.shortcuts().is_empty(),
            "{action:?}: keys and a Help line go together"
        );
    }
    for menu in Menu::ALL {
        for item in menu.items() {
            if let MenuItem::Command(action) = item {
                assert!(Action::table().contains(&action), "{action:?}");
                assert_eq!(action.menu(), Some(menu));
            }
        }
    }
}
