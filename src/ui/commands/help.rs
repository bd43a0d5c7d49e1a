//! The Help menu's key map, generated from the command table, plus the pointer gestures and
//! find-field keys that are not commands.

use super::{Action, ShortcutStyle};

/// One line of Help: keys (or a gesture) and what they do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HelpRow {
    /// The keys, formatted for the platform (`1 / C`, `Ctrl+Shift+Z / Ctrl+Y`), or a gesture.
    pub keys: String,
    /// What they do.
    pub what: &'static str,
}

/// Mouse gestures on the article: not commands, so not in the table.
const GESTURES: [(&str, &str); 6] = [
    (
        "Drag",
        "select text, snapped to whole words (hold Alt for exact characters)",
    ),
    ("Double-click", "select a word"),
    ("Shift+click", "extend the selection"),
    (
        "Click a highlight",
        "select its annotation (click again to cycle overlaps)",
    ),
    (
        "Drag a handle",
        "resize the selected annotation by the bar at either end (same id, tag and note; one undo step)",
    ),
    (
        "Click suggested text",
        "make the suggestion under it (dotted underline) current; click again for the next one over the same words",
    ),
];

/// Keys the find field handles itself while it has focus.
const FIND_FIELD: (&str, &str) = (
    "Enter / Shift+Enter (in the find field)",
    "next / previous match; Escape closes the find bar",
);

/// The key map as shown in the Help menu: gestures, then every command with keys (in table
/// order), then the find field's keys. The README's keys section lists the same (in
/// [`ShortcutStyle::PC`]), which a test checks.
pub fn key_help(style: ShortcutStyle) -> Vec<HelpRow> {
    let gesture = |(keys, what): (&str, &'static str)| HelpRow {
        keys: keys.to_owned(),
        what,
    };
    let mut rows: Vec<HelpRow> = GESTURES.into_iter().map(gesture).collect();
    for action in Action::table() {
        let Some(what) = action.help() else {
            continue;
        };
        // Extend and shrink share a line: the extending one's, with both keys.
        let partner = match action {
            Action::Adjust(how) if !how.grows() => continue,
            Action::Adjust(how) => Some(Action::Adjust(how.opposite())),
            _ => None,
        };
        let keys: Vec<String> = std::iter::once(&action)
            .chain(partner.as_ref())
            .flat_map(Action::shortcuts)
            .map(|s| style.format(s))
            .collect();
        rows.push(HelpRow {
            keys: keys.join(" / "),
            what,
        });
    }
    rows.push(gesture(FIND_FIELD));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The README's "Keyboard map" section.
    fn readme_keys_section() -> &'static str {
        let readme = include_str!("../../../README.md");
        let start = readme
            .find("### Keyboard map")
            .expect("README has a keys section");
        let rest = &readme[start..];
        let end = rest[4..].find("\n#").map_or(rest.len(), |i| i + 4);
        &rest[..end]
    }

    #[test]
    fn every_shortcut_is_in_the_readme() {
        // The README writes the hyphen that is on the key; egui's symbol is a minus sign.
        let section = readme_keys_section().replace('−', "-");
        let quoted: Vec<&str> = section.split('`').skip(1).step_by(2).collect();
        for action in Action::table() {
            for shortcut in action.shortcuts() {
                let text = ShortcutStyle::PC.format(shortcut).replace('−', "-");
                assert!(
                    quoted.contains(&text.as_str()),
                    "README.md's keyboard map lacks `{text}` ({action:?})"
                );
            }
        }
    }

    #[test]
    fn help_lists_every_command_with_keys_and_the_gestures() {
        let rows = key_help(ShortcutStyle::PC);
        let keys: Vec<&str> = rows.iter().map(|r| r.keys.as_str()).collect();
        for expected in [
            "Drag",
            "Double-click",
            "Shift+click",
            "Click a highlight",
            "Drag a handle",
            "1 / C",
            "2 / S",
            "3 / Q",
            "Delete / Backspace",
            "Tab",
            "Shift+Tab",
            "Escape",
            "Ctrl+Z",
            "Ctrl+Shift+Z / Ctrl+Y",
            "Ctrl+S",
            "Ctrl+Shift+S",
            "Ctrl+O",
            "Ctrl+N",
            "Ctrl+Shift+V",
            "Ctrl+F",
            "F3",
            "Shift+F3",
            "Ctrl+Shift+F",
            "Ctrl+= / Ctrl++",
            "Ctrl+0",
            "Ctrl+Q",
            "Ctrl+Shift+O",
            "Ctrl+PageDown / Alt+Down",
            "Ctrl+PageUp / Alt+Up",
            "Ctrl+Shift+K",
            "Enter / N",
            "Shift+Right / Shift+Left",
            "Ctrl+Shift+Right / Ctrl+Shift+Left",
            "Alt+Shift+Left / Alt+Shift+Right",
            "Ctrl+Alt+Shift+Left / Ctrl+Alt+Shift+Right",
            "] / J",
            "[ / K",
            "A",
            "X",
            "Shift+A",
            "Shift+X",
            "Click suggested text",
        ] {
            assert!(keys.contains(&expected), "Help lacks {expected}: {keys:?}");
        }
        assert!(keys.iter().any(|k| k.starts_with("Enter / Shift+Enter")));
        let mac = key_help(ShortcutStyle {
            is_mac: true,
            symbols: false,
        });
        assert!(mac.iter().any(|r| r.keys == "Cmd+O"));
    }
}
