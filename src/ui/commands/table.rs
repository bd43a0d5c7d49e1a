//! The command table: each command's menu label, shortcuts and Help line, in one place, so
//! Help, the menus and the README's key map agree (tests check that they do).

use egui::{Key, Modifiers};

use super::adjust::{
    ADJUST_END_LEFT, ADJUST_END_RIGHT, ADJUST_END_WORD_LEFT, ADJUST_END_WORD_RIGHT,
    ADJUST_START_LEFT, ADJUST_START_RIGHT, ADJUST_START_WORD_LEFT, ADJUST_START_WORD_RIGHT,
    adjust_help, adjust_keys, adjust_label,
};
use super::shortcut::{anywhere, article, cmd, cmd_shift};
use super::{Action, Menu, MenuItem, Shortcut};
use crate::model::{Status, Tag};

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
            Self::NextSuggestion,
            Self::PreviousSuggestion,
            Self::AcceptSuggestion,
            Self::RejectSuggestion,
            Self::AcceptAllSuggestions(None),
            Self::RejectAllSuggestions(None),
            Self::Suggest,
            Self::ToggleSuggestions,
            Self::ClearSelection,
            Self::GoToStart,
            Self::GoToEnd,
            Self::Undo,
            Self::Redo,
            Self::Save,
            Self::SaveAs,
            Self::Open,
            Self::OpenFolder,
            Self::CloseFolder,
            Self::NextDocument,
            Self::PreviousDocument,
            Self::SearchFolder,
            Self::ToggleDocuments,
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
            Self::OpenFolder => "Open folder…",
            Self::CloseFolder => "Close folder",
            Self::ToggleDocuments => "Documents panel",
            Self::SearchFolder => "Search all documents…",
            Self::NextDocument => "Next document",
            Self::PreviousDocument => "Previous document",
            Self::OpenDocument(_) => "Open document",
            Self::OpenHit(_) => "Go to search result",
            Self::Suggest => "Suggest",
            Self::ToggleSuggestions => "Show suggestions",
            Self::NextSuggestion => "Next suggestion",
            Self::PreviousSuggestion => "Previous suggestion",
            Self::GoToSuggestion(_) => "Go to suggestion",
            Self::AcceptSuggestion => "Accept suggestion",
            Self::RejectSuggestion => "Reject suggestion",
            Self::AcceptAllSuggestions(None) => "Accept all of this tag",
            Self::RejectAllSuggestions(None) => "Reject all of this tag",
            Self::AcceptAllSuggestions(Some(_)) => "Accept all",
            Self::RejectAllSuggestions(Some(_)) => "Reject all",
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
            Self::OpenFolder => const { &[cmd_shift(Key::O)] },
            Self::SearchFolder => const { &[cmd_shift(Key::K)] },
            Self::NextDocument => const { &[cmd(Key::PageDown), article(M::ALT, Key::ArrowDown)] },
            Self::PreviousDocument => const { &[cmd(Key::PageUp), article(M::ALT, Key::ArrowUp)] },
            Self::CloseFolder
            | Self::ToggleDocuments
            | Self::OpenDocument(_)
            | Self::OpenHit(_) => &[],
            Self::NextSuggestion => {
                const {
                    &[
                        article(M::NONE, Key::CloseBracket),
                        article(M::NONE, Key::J),
                    ]
                }
            }
            Self::PreviousSuggestion => {
                const { &[article(M::NONE, Key::OpenBracket), article(M::NONE, Key::K)] }
            }
            Self::AcceptSuggestion => const { &[article(M::NONE, Key::A)] },
            Self::RejectSuggestion => const { &[article(M::NONE, Key::X)] },
            Self::AcceptAllSuggestions(None) => const { &[article(M::SHIFT, Key::A)] },
            Self::RejectAllSuggestions(None) => const { &[article(M::SHIFT, Key::X)] },
            Self::Suggest
            | Self::ToggleSuggestions
            | Self::GoToSuggestion(_)
            | Self::AcceptAllSuggestions(Some(_))
            | Self::RejectAllSuggestions(Some(_)) => &[],
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
            Self::OpenFolder => {
                "open a folder of articles and sessions in the Documents panel (or drop a folder on the window)"
            }
            Self::SearchFolder => {
                "search every article and annotation of the open folder (tag:, status:, verdict:, by:, analyst:, date: filters)"
            }
            Self::NextDocument => {
                "open the next document of the Documents list (unsaved work asks first)"
            }
            Self::PreviousDocument => "open the previous document of the Documents list",
            Self::NextSuggestion => {
                "next suggestion in document order (of the tags the Suggestions list shows): its text is selected and scrolled into view"
            }
            Self::PreviousSuggestion => "previous suggestion",
            Self::AcceptSuggestion => {
                "accept the current suggestion: it becomes an annotation with its tag (a quote's speaker fills the claimant); 1/2/3 or C/S/Q accept it as that tag, Shift+Arrows adjust it first"
            }
            Self::RejectSuggestion => {
                "reject the current suggestion (remembered in the session, never suggested again) and go to the next"
            }
            Self::AcceptAllSuggestions(None) => {
                "accept every suggestion of the current suggestion's tag (one undo step)"
            }
            Self::RejectAllSuggestions(None) => {
                "reject every suggestion of the current suggestion's tag (one undo step)"
            }
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
