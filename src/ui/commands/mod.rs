//! The command table: every command the user can give (from keys, menus or buttons), with its
//! menu label, shortcuts and Help line in one place. The app performs them in one place
//! (`FactmarkApp::perform`), once per frame, from one [`CommandQueue`].

mod adjust;
mod help;
mod keys;

use egui::{Key, KeyboardShortcut, ModifierNames, Modifiers};

pub use help::{HelpRow, key_help};
pub use keys::read;

use self::adjust::{
    ADJUST_END_LEFT, ADJUST_END_RIGHT, ADJUST_END_WORD_LEFT, ADJUST_END_WORD_RIGHT,
    ADJUST_START_LEFT, ADJUST_START_RIGHT, ADJUST_START_WORD_LEFT, ADJUST_START_WORD_RIGHT,
    adjust_help, adjust_keys, adjust_label,
};
use crate::model::adjust::Adjust;
use crate::model::{AnnotationId, Source, Span, Status, Tag};

/// Something the user asked for. Commands of the table (keys, menus) carry no per-document
/// data; the rest are what views ask for about one annotation or orphan.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Tag the selection (or retag the selected annotation).
    Tag(Tag),
    /// Delete the selected annotation.
    DeleteSelected,
    /// Put the cursor in the selected annotation's note (Esc goes back to the article).
    EditNote,
    /// Move one end of the text selection, or of the selected annotation, by a character or
    /// a word (Shift+Arrow; with Alt, the start).
    Adjust(Adjust),
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Save to the session file (asking where, the first time).
    Save,
    /// Save to a new file.
    SaveAs,
    /// Open an article or a session (after asking about unsaved changes).
    Open,
    /// Open the n-th file of File → Recent (after asking about unsaved changes).
    OpenRecent(usize),
    /// Remove the n-th file from File → Recent.
    ForgetRecent(usize),
    /// Empty File → Recent.
    ClearRecent,
    /// Make a new article from the clipboard's text (Ctrl+Shift+V).
    NewFromClipboard,
    /// Open the "new article from text" box, to paste or type an article.
    NewFromText,
    /// Pick the updated article and re-anchor the annotations onto it.
    AttachUpdatedArticle,
    /// List the recovery copies of unsaved work (crashed windows, versions set aside) to
    /// restore or discard.
    RecoverUnsaved,
    /// Start an empty session on the same article.
    NewSession,
    /// Close the window (after asking about unsaved changes).
    Quit,
    /// Clear the selection and the selected annotation.
    ClearSelection,
    /// Scroll the article to its top.
    GoToStart,
    /// Scroll the article to its end, the last line in view.
    GoToEnd,
    /// Select the next annotation in document order.
    SelectNext,
    /// Select the previous annotation in document order.
    SelectPrevious,
    /// Select this annotation and scroll to it.
    Select(AnnotationId),
    /// Change this annotation's tag (the inspector's chips).
    Retag(AnnotationId, Tag),
    /// Delete this annotation (the inspector's button).
    Delete(AnnotationId),
    /// The note of this annotation now reads so; typing in a row is one undo step.
    TypeNote(AnnotationId, String),
    /// The note field was left: the next change to a note is a new undo step.
    FinishNote,
    /// A handle drag: this annotation now spans this (part of one undo step per drag).
    ResizeTo(AnnotationId, Span),
    /// The handle drag ended.
    FinishResize,
    /// Attach this orphan to this span of the article.
    ReattachOrphan(AnnotationId, Span),
    /// Delete this orphan, with its tag and note.
    DeleteOrphan(AnnotationId),
    /// Focus the list's filter field.
    FindInList,
    /// Open the find bar above the article and focus its field.
    Find,
    /// Select the next find match (opens the find bar).
    FindNext,
    /// Select the previous find match (opens the find bar).
    FindPrevious,
    /// Larger article text.
    ZoomIn,
    /// Smaller article text.
    ZoomOut,
    /// Default article text size.
    ZoomReset,
    /// Light, dark or system theme.
    SetTheme(egui::ThemePreference),
    /// Set the selected annotation's check status (Alt+1…Alt+4).
    Status(Status),
    /// Open the verdict picker for the selected annotation (V; then a digit).
    PickVerdict,
    /// Put the cursor in the selected annotation's claimant / speaker field (W).
    EditClaimant,
    /// Put the cursor in the selected annotation's new-source field (L).
    AddSourceField,
    /// Set this annotation's status (the inspector's chips).
    SetStatus(AnnotationId, Status),
    /// Give this annotation this verdict, or none (the inspector, the picker).
    SetVerdict(AnnotationId, Option<String>),
    /// The claimant of this annotation now reads so; typing is one undo step.
    TypeClaimant(AnnotationId, String),
    /// Add this source to this annotation.
    AddSource(AnnotationId, Source),
    /// Remove the n-th source of this annotation.
    RemoveSource(AnnotationId, usize),
    /// Mark or unmark the n-th source of this annotation as primary.
    TogglePrimary(AnnotationId, usize),
    /// Edit the article's URL, publisher, author and date.
    EditDetails,
    /// Edit the session's rating scales.
    EditScales,
    /// Change the name annotations are signed with.
    EditAnalyst,
    /// Keep the default analyst name (the question is not asked again).
    KeepAnalyst,
    /// Write the fact-check report (HTML or Markdown).
    ExportReport,
    /// Export the annotations to another tool's format (doccano, Label Studio, brat, …).
    ExportAnnotations,
    /// Import another tool's annotations (doccano, Label Studio, brat, W3C).
    ImportAnnotations,
}

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

const fn cmd(key: Key) -> Shortcut {
    Shortcut::new(Modifiers::COMMAND, key, ShortcutScope::Anywhere)
}

const fn cmd_shift(key: Key) -> Shortcut {
    Shortcut::new(
        Modifiers::COMMAND.plus(Modifiers::SHIFT),
        key,
        ShortcutScope::Anywhere,
    )
}

const fn anywhere(modifiers: Modifiers, key: Key) -> Shortcut {
    Shortcut::new(modifiers, key, ShortcutScope::Anywhere)
}

const fn article(modifiers: Modifiers, key: Key) -> Shortcut {
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
        // egui writes arrows as ⏴ ⏵, which read as "play" buttons and are not on the keys.
        shortcut
            .keyboard()
            .format(&names, self.is_mac)
            .replace('⏴', "Left")
            .replace('⏵', "Right")
    }
}

/// A menu of the menu bar that holds commands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Menu {
    /// Opening, making, saving files.
    File,
    /// Changing the session and the selection; finding.
    Edit,
    /// Theme and zoom.
    View,
}

/// One line of a menu.
#[derive(Clone, Debug, PartialEq)]
pub enum MenuItem {
    /// A command, with its label and first shortcut.
    Command(Action),
    /// The Recent submenu (its entries are the recent files).
    Recent,
    /// A dividing line.
    Separator,
}

impl Menu {
    /// The menus, left to right.
    pub const ALL: [Self; 3] = [Self::File, Self::Edit, Self::View];

    /// The menu's title in the bar.
    pub fn title(self) -> &'static str {
        match self {
            Self::File => "File",
            Self::Edit => "Edit",
            Self::View => "View",
        }
    }

    /// The menu's lines, top to bottom.
    pub fn items(self) -> Vec<MenuItem> {
        use MenuItem::{Command as C, Recent, Separator};
        match self {
            Self::File => vec![
                C(Action::Open),
                Recent,
                C(Action::NewFromClipboard),
                C(Action::NewFromText),
                C(Action::NewSession),
                C(Action::AttachUpdatedArticle),
                C(Action::RecoverUnsaved),
                Separator,
                C(Action::Save),
                C(Action::SaveAs),
                C(Action::ExportReport),
                C(Action::ExportAnnotations),
                C(Action::ImportAnnotations),
                Separator,
                C(Action::EditDetails),
                Separator,
                C(Action::Quit),
            ],
            Self::Edit => vec![
                C(Action::Undo),
                C(Action::Redo),
                Separator,
                C(Action::EditNote),
                C(Action::DeleteSelected),
                C(Action::ClearSelection),
                Separator,
                C(Action::Status(Status::ToCheck)),
                C(Action::Status(Status::Checking)),
                C(Action::Status(Status::Checked)),
                C(Action::Status(Status::NotCheckable)),
                C(Action::PickVerdict),
                C(Action::EditClaimant),
                C(Action::AddSourceField),
                C(Action::EditScales),
                C(Action::EditAnalyst),
                Separator,
                C(Action::Find),
                C(Action::FindNext),
                C(Action::FindPrevious),
                C(Action::FindInList),
            ],
            Self::View => vec![
                C(Action::SetTheme(egui::ThemePreference::System)),
                C(Action::SetTheme(egui::ThemePreference::Light)),
                C(Action::SetTheme(egui::ThemePreference::Dark)),
                Separator,
                C(Action::ZoomIn),
                C(Action::ZoomOut),
                C(Action::ZoomReset),
            ],
        }
    }
}

impl Action {
    /// Every command that carries no per-document data, in the order Help lists them.
    pub fn table() -> Vec<Self> {
        use egui::ThemePreference as Theme;
        vec![
            Self::Tag(Tag::Claim),
            Self::Tag(Tag::Statistic),
            Self::Tag(Tag::Quote),
            Self::EditNote,
            Self::DeleteSelected,
            Self::Status(Status::ToCheck),
            Self::Status(Status::Checking),
            Self::Status(Status::Checked),
            Self::Status(Status::NotCheckable),
            Self::PickVerdict,
            Self::EditClaimant,
            Self::AddSourceField,
            Self::Adjust(ADJUST_END_RIGHT),
            Self::Adjust(ADJUST_END_LEFT),
            Self::Adjust(ADJUST_END_WORD_RIGHT),
            Self::Adjust(ADJUST_END_WORD_LEFT),
            Self::Adjust(ADJUST_START_LEFT),
            Self::Adjust(ADJUST_START_RIGHT),
            Self::Adjust(ADJUST_START_WORD_LEFT),
            Self::Adjust(ADJUST_START_WORD_RIGHT),
            Self::SelectNext,
            Self::SelectPrevious,
            Self::ClearSelection,
            Self::GoToStart,
            Self::GoToEnd,
            Self::Undo,
            Self::Redo,
            Self::Save,
            Self::SaveAs,
            Self::Open,
            Self::NewSession,
            Self::NewFromClipboard,
            Self::NewFromText,
            Self::AttachUpdatedArticle,
            Self::RecoverUnsaved,
            Self::ClearRecent,
            Self::Find,
            Self::FindNext,
            Self::FindPrevious,
            Self::FindInList,
            Self::ZoomIn,
            Self::ZoomOut,
            Self::ZoomReset,
            Self::SetTheme(Theme::System),
            Self::SetTheme(Theme::Light),
            Self::SetTheme(Theme::Dark),
            Self::ExportReport,
            Self::ExportAnnotations,
            Self::ImportAnnotations,
            Self::EditDetails,
            Self::EditScales,
            Self::EditAnalyst,
            Self::Quit,
        ]
    }

    /// The command's name in menus.
    pub fn label(&self) -> &'static str {
        match self {
            Self::Tag(Tag::Claim) => "Tag as claim",
            Self::Tag(Tag::Statistic) => "Tag as statistic",
            Self::Tag(Tag::Quote) => "Tag as quote",
            Self::DeleteSelected => "Delete annotation",
            Self::EditNote => "Write note",
            Self::Adjust(how) => adjust_label(*how),
            Self::Undo => "Undo",
            Self::Redo => "Redo",
            Self::Save => "Save",
            Self::SaveAs => "Save as…",
            Self::Open => "Open article or session…",
            Self::OpenRecent(_) => "Open recent file",
            Self::ForgetRecent(_) => "Remove from this list",
            Self::ClearRecent => "Clear recent files",
            Self::NewFromClipboard => "New from clipboard",
            Self::NewFromText => "New from pasted text…",
            Self::AttachUpdatedArticle => "Attach updated article…",
            Self::RecoverUnsaved => "Recover unsaved work…",
            Self::NewSession => "New session on this article",
            Self::Quit => "Quit",
            Self::ClearSelection => "Clear selection",
            Self::GoToStart => "Go to the start",
            Self::GoToEnd => "Go to the end",
            Self::SelectNext => "Next annotation",
            Self::SelectPrevious => "Previous annotation",
            Self::Select(_) => "Select annotation",
            Self::Retag(..) => "Change tag",
            Self::Delete(_) => "Delete annotation",
            Self::TypeNote(..) => "Edit note",
            Self::FinishNote => "Finish note",
            Self::ResizeTo(..) => "Resize annotation",
            Self::FinishResize => "Finish resizing",
            Self::ReattachOrphan(..) => "Re-attach to selection",
            Self::DeleteOrphan(_) => "Delete orphan",
            Self::FindInList => "Filter annotations",
            Self::Find => "Find in article…",
            Self::FindNext => "Find next",
            Self::FindPrevious => "Find previous",
            Self::ZoomIn => "Zoom in",
            Self::ZoomOut => "Zoom out",
            Self::ZoomReset => "Actual size",
            Self::SetTheme(egui::ThemePreference::System) => "Follow system theme",
            Self::SetTheme(egui::ThemePreference::Light) => "Light theme",
            Self::SetTheme(egui::ThemePreference::Dark) => "Dark theme",
            Self::Status(Status::ToCheck) => "Status: to check",
            Self::Status(Status::Checking) => "Status: checking",
            Self::Status(Status::Checked) => "Status: checked",
            Self::Status(Status::NotCheckable) => "Status: not checkable",
            Self::PickVerdict => "Give verdict…",
            Self::EditClaimant => "Claimant / speaker",
            Self::AddSourceField => "Add source",
            Self::SetStatus(..) => "Set status",
            Self::SetVerdict(..) => "Set verdict",
            Self::TypeClaimant(..) => "Edit claimant",
            Self::AddSource(..) => "Add source",
            Self::RemoveSource(..) => "Remove source",
            Self::TogglePrimary(..) => "Primary source",
            Self::EditDetails => "Article details…",
            Self::EditScales => "Rating scales…",
            Self::EditAnalyst => "Analyst name…",
            Self::KeepAnalyst => "Keep analyst name",
            Self::ExportReport => "Export report…",
            Self::ExportAnnotations => "Export annotations…",
            Self::ImportAnnotations => "Import annotations…",
        }
    }

    /// The keys that give this command; the first is the one menus show.
    pub fn shortcuts(&self) -> &'static [Shortcut] {
        use Modifiers as M;
        match self {
            Self::Tag(Tag::Claim) => {
                const { &[article(M::NONE, Key::Num1), article(M::NONE, Key::C)] }
            }
            Self::Tag(Tag::Statistic) => {
                const { &[article(M::NONE, Key::Num2), article(M::NONE, Key::S)] }
            }
            Self::Tag(Tag::Quote) => {
                const { &[article(M::NONE, Key::Num3), article(M::NONE, Key::Q)] }
            }
            Self::DeleteSelected => {
                const {
                    &[
                        article(M::NONE, Key::Delete),
                        article(M::NONE, Key::Backspace),
                    ]
                }
            }
            Self::EditNote => const { &[article(M::NONE, Key::Enter), article(M::NONE, Key::N)] },
            Self::Adjust(how) => adjust_keys(*how),
            Self::ClearSelection => const { &[article(M::NONE, Key::Escape)] },
            Self::GoToStart => {
                const { &[article(M::NONE, Key::Home), article(M::COMMAND, Key::Home)] }
            }
            Self::GoToEnd => const { &[article(M::NONE, Key::End), article(M::COMMAND, Key::End)] },
            Self::SelectNext => const { &[article(M::NONE, Key::Tab)] },
            Self::SelectPrevious => const { &[article(M::SHIFT, Key::Tab)] },
            Self::Undo => const { &[cmd(Key::Z)] },
            Self::Redo => const { &[cmd_shift(Key::Z), cmd(Key::Y)] },
            Self::Save => const { &[cmd(Key::S)] },
            Self::SaveAs => const { &[cmd_shift(Key::S)] },
            Self::Open => const { &[cmd(Key::O)] },
            Self::NewFromClipboard => const { &[cmd_shift(Key::V)] },
            Self::NewSession => const { &[cmd(Key::N)] },
            Self::Quit => const { &[cmd(Key::Q)] },
            Self::FindInList => const { &[cmd_shift(Key::F)] },
            Self::Find => const { &[cmd(Key::F)] },
            Self::FindPrevious => const { &[anywhere(M::SHIFT, Key::F3)] },
            Self::FindNext => const { &[anywhere(M::NONE, Key::F3)] },
            Self::ZoomIn => const { &[cmd(Key::Equals), cmd(Key::Plus)] },
            Self::ZoomOut => const { &[cmd(Key::Minus)] },
            Self::ZoomReset => const { &[cmd(Key::Num0)] },
            Self::Status(Status::ToCheck) => const { &[article(M::ALT, Key::Num1)] },
            Self::Status(Status::Checking) => const { &[article(M::ALT, Key::Num2)] },
            Self::Status(Status::Checked) => const { &[article(M::ALT, Key::Num3)] },
            Self::Status(Status::NotCheckable) => const { &[article(M::ALT, Key::Num4)] },
            Self::PickVerdict => const { &[article(M::NONE, Key::V)] },
            Self::EditClaimant => const { &[article(M::NONE, Key::W)] },
            Self::AddSourceField => const { &[article(M::NONE, Key::L)] },
            Self::ExportReport => const { &[cmd(Key::E)] },
            Self::ExportAnnotations => const { &[cmd_shift(Key::E)] },
            Self::ImportAnnotations => const { &[cmd_shift(Key::I)] },
            Self::EditDetails => const { &[cmd(Key::I)] },
            Self::SetStatus(..)
            | Self::SetVerdict(..)
            | Self::TypeClaimant(..)
            | Self::AddSource(..)
            | Self::RemoveSource(..)
            | Self::TogglePrimary(..)
            | Self::EditScales
            | Self::EditAnalyst
            | Self::KeepAnalyst => &[],
            Self::OpenRecent(_)
            | Self::ForgetRecent(_)
            | Self::ClearRecent
            | Self::NewFromText
            | Self::AttachUpdatedArticle
            | Self::RecoverUnsaved
            | Self::Select(_)
            | Self::Retag(..)
            | Self::Delete(_)
            | Self::TypeNote(..)
            | Self::FinishNote
            | Self::ResizeTo(..)
            | Self::FinishResize
            | Self::ReattachOrphan(..)
            | Self::DeleteOrphan(_)
            | Self::SetTheme(_) => &[],
        }
    }

    /// What Help says the command's keys do (`None` for commands without keys).
    pub fn help(&self) -> Option<&'static str> {
        Some(match self {
            Self::Tag(Tag::Claim) => {
                "tag the selection as a claim (or retag the selected annotation)"
            }
            Self::Tag(Tag::Statistic) => "tag the selection as a statistic",
            Self::Tag(Tag::Quote) => "tag the selection as a quote",
            Self::DeleteSelected => {
                "delete the selected annotation with its note (the status bar says what; Ctrl+Z brings it back)"
            }
            Self::EditNote => {
                "write the selected annotation's note (Escape goes back to the article, the annotation still selected)"
            }
            Self::Adjust(how) => adjust_help(*how),
            Self::SelectNext => {
                "select the next annotation (of those the list shows, when it is filtered)"
            }
            Self::SelectPrevious => "select the previous annotation",
            Self::GoToStart => "scroll the article to its top",
            Self::GoToEnd => "scroll the article to its end (the last line in view)",
            Self::ClearSelection => "clear the selection (in a text field: leave the field first)",
            Self::Undo => "undo (a burst of typing in a note is one step)",
            Self::Redo => "redo",
            Self::Save => "save",
            Self::SaveAs => "save as",
            Self::Open => "open an article or a session",
            Self::NewSession => "new, empty session on this article",
            Self::NewFromClipboard => "new article from the clipboard's text",
            Self::Find => "find text in the article (the match is selected, ready to tag)",
            Self::FindNext => "next match (opens the find bar)",
            Self::FindPrevious => "previous match (opens the find bar)",
            Self::FindInList => "filter the annotation list",
            Self::ZoomIn => "zoom the article text in",
            Self::ZoomOut => "zoom the article text out",
            Self::ZoomReset => "reset the article text size",
            Self::Quit => "quit",
            Self::Status(Status::ToCheck) => "status of the selected annotation: to check",
            Self::Status(Status::Checking) => "status: checking",
            Self::Status(Status::Checked) => "status: checked",
            Self::Status(Status::NotCheckable) => "status: not checkable (opinion, prediction…)",
            Self::PickVerdict => {
                "give the selected annotation a verdict: V, then the rating's digit (0 clears; giving one marks it checked)"
            }
            Self::EditClaimant => {
                "write who made the claim or said the quote (Enter takes the name offered below the field)"
            }
            Self::AddSourceField => {
                "add a source (a URL and/or a citation) to the selected annotation"
            }
            Self::ExportReport => "export the fact-check report (HTML, or Markdown for .md)",
            Self::ExportAnnotations => {
                "export the annotations for another tool (doccano, Label Studio, brat, W3C, INCEpTION, spaCy, CSV, ClaimReview)"
            }
            Self::ImportAnnotations => {
                "import another tool's annotations (doccano, Label Studio, brat, W3C): add them to this session or open them"
            }
            Self::EditDetails => "edit the article's details (URL, publisher, author, date)",
            _ => return None,
        })
    }

    /// The menu that lists this command, if any.
    pub fn menu(&self) -> Option<Menu> {
        Menu::ALL.into_iter().find(|menu| {
            menu.items()
                .iter()
                .any(|item| matches!(item, MenuItem::Command(a) if a == self))
        })
    }
}

/// The commands asked for during a frame, from keys, menus and views. The app runs them once
/// per frame, in the order asked, after the views are drawn.
#[derive(Debug, Default)]
pub struct CommandQueue {
    actions: Vec<Action>,
}

impl CommandQueue {
    /// Asks for `action`.
    pub fn push(&mut self, action: Action) {
        self.actions.push(action);
    }

    /// Asks for `action` `times` times (a key pressed twice in one frame).
    fn push_times(&mut self, action: Action, times: usize) {
        self.actions.extend(std::iter::repeat_n(action, times));
    }

    /// Takes everything asked for so far, oldest first, leaving the queue empty.
    pub fn take(&mut self) -> Vec<Action> {
        std::mem::take(&mut self.actions)
    }
}

#[cfg(test)]
mod tests;
