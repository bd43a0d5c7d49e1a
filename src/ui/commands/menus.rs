//! The menu bar's menus and what each lists, top to bottom (the menu bar draws them; Help and
//! the tests read them).

use super::Action;
use crate::model::Status;

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
                C(Action::OpenFolder),
                C(Action::CloseFolder),
                C(Action::NextDocument),
                C(Action::PreviousDocument),
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
                C(Action::Suggest),
                C(Action::NextSuggestion),
                C(Action::PreviousSuggestion),
                C(Action::AcceptSuggestion),
                C(Action::RejectSuggestion),
                C(Action::AcceptAllSuggestions(None)),
                C(Action::RejectAllSuggestions(None)),
                Separator,
                C(Action::Find),
                C(Action::FindNext),
                C(Action::FindPrevious),
                C(Action::FindInList),
                C(Action::SearchFolder),
            ],
            Self::View => vec![
                C(Action::ToggleDocuments),
                Separator,
                C(Action::SetTheme(egui::ThemePreference::System)),
                C(Action::SetTheme(egui::ThemePreference::Light)),
                C(Action::SetTheme(egui::ThemePreference::Dark)),
                Separator,
                C(Action::ToggleSuggestions),
                Separator,
                C(Action::ZoomIn),
                C(Action::ZoomOut),
                C(Action::ZoomReset),
            ],
        }
    }
}
