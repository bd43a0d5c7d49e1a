//! Shortcuts: a key with modifiers and where it works (anywhere, or on the article only), how
//! their text is written on each platform, and the constructors the command table uses.

use egui::{Key, KeyboardShortcut, ModifierNames, Modifiers};

/// Where a shortcut works.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShortcutScope {
    /// Everywhere, even while typing in a text field.
    Anywhere,
    /// On the article, only while no text field has keyboard focus (single keys).
    Article,
}

/// A key with modifiers that gives a command, and where it works.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shortcut {
    /// Modifiers held with the key (`COMMAND` is Ctrl, or Cmd on macOS).
    pub modifiers: Modifiers,
    /// The (logical) key.
    pub key: Key,
    /// Where it works.
    pub scope: ShortcutScope,
}

impl Shortcut {
    const fn new(modifiers: Modifiers, key: Key, scope: ShortcutScope) -> Self {
        Self {
            modifiers,
            key,
            scope,
        }
    }

    /// As egui's shortcut type, for matching and formatting.
    pub fn keyboard(&self) -> KeyboardShortcut {
        KeyboardShortcut::new(self.modifiers, self.key)
    }

    /// True when both would fire on the same key press: the same modifiers and key, in scopes
    /// that overlap (an `Anywhere` shortcut also works on the article).
    pub fn conflicts_with(&self, other: &Self) -> bool {
        self.modifiers == other.modifiers
            && self.key == other.key
            && (self.scope == other.scope
                || self.scope == ShortcutScope::Anywhere
                || other.scope == ShortcutScope::Anywhere)
    }
}

pub(super) const fn cmd(key: Key) -> Shortcut {
    Shortcut::new(Modifiers::COMMAND, key, ShortcutScope::Anywhere)
}

pub(super) const fn cmd_shift(key: Key) -> Shortcut {
    Shortcut::new(
        Modifiers::COMMAND.plus(Modifiers::SHIFT),
        key,
        ShortcutScope::Anywhere,
    )
}

pub(super) const fn anywhere(modifiers: Modifiers, key: Key) -> Shortcut {
    Shortcut::new(modifiers, key, ShortcutScope::Anywhere)
}

pub(super) const fn article(modifiers: Modifiers, key: Key) -> Shortcut {
    Shortcut::new(modifiers, key, ShortcutScope::Article)
}

/// How shortcut text is written: on macOS with Cmd (and the ⌘ ⇧ symbols when the font has
/// them), elsewhere with Ctrl. The menu, Help and the README test use the same formatting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShortcutStyle {
    /// macOS: the command modifier is Cmd.
    pub is_mac: bool,
    /// Show modifier symbols (⌘ ⇧ ⌥ ⌃) instead of names (only used on macOS, as egui does).
    pub symbols: bool,
}

/// egui's modifier names, with keys written as their symbol where they have one (`Ctrl+=`
/// rather than egui's `Ctrl+Equals`).
const READABLE: ModifierNames<'static> = ModifierNames {
    is_short: true,
    ..ModifierNames::NAMES
};

impl ShortcutStyle {
    /// Windows and Linux: `Ctrl+Shift+Z`. The README is written this way.
    pub const PC: Self = Self {
        is_mac: false,
        symbols: false,
    };

    /// The style for the platform the window runs on, as `Context::format_shortcut` picks it.
    pub fn for_context(ctx: &egui::Context) -> Self {
        let is_mac = ctx.os().is_mac();
        let symbols = is_mac && {
            let font = egui::TextStyle::Body.resolve(&ctx.global_style());
            ctx.fonts_mut(|fonts| fonts.has_glyphs(&font, "⌥⌃⇧⌘"))
        };
        Self { is_mac, symbols }
    }

    /// The text of one shortcut, through egui's `KeyboardShortcut::format`.
    pub fn format(self, shortcut: &Shortcut) -> String {
        let names = if self.symbols {
            ModifierNames::SYMBOLS
        } else {
            READABLE
        };
        // egui writes arrows as ⏴ ⏵ ⏶ ⏷, which read as "play" buttons and are not on the keys.
        shortcut
            .keyboard()
            .format(&names, self.is_mac)
            .replace('⏴', "Left")
            .replace('⏵', "Right")
            .replace('⏶', "Up")
            .replace('⏷', "Down")
    }
}
