//! The command table: every command the user can give (from keys, menus or buttons), with its
//! menu label, shortcuts and Help line in one place. The app performs them in one place
//! (`FactmarkApp::perform`), once per frame, from one [`CommandQueue`].

mod adjust;
mod help;
mod keys;
mod menus;
mod shortcut;
mod table;

pub use help::{HelpRow, key_help};
pub use keys::read;
pub use menus::{Menu, MenuItem};
pub use shortcut::{Shortcut, ShortcutScope, ShortcutStyle};

use crate::model::adjust::Adjust;
use crate::model::{AnnotationId, Source, Span, Status, Tag};
use crate::suggest::Suggestion;

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
    /// Open a folder of articles and sessions in the Documents panel (`ui::app::folder`).
    OpenFolder,
    /// Close the folder (the open document stays).
    CloseFolder,
    /// Show or hide the Documents panel.
    ToggleDocuments,
    /// Search every article and annotation of the folder (opens the panel's Search tab).
    SearchFolder,
    /// Open the next document of the Documents list (after asking about unsaved changes).
    NextDocument,
    /// Open the previous document of the Documents list.
    PreviousDocument,
    /// Open the folder's document with this key (a row was clicked).
    OpenDocument(std::path::PathBuf),
    /// Open a search hit's document at the hit.
    OpenHit(Box<crate::workspace::folder::Hit>),
    /// Find the suggestions again and show them (Edit › Suggest).
    Suggest,
    /// Show or hide the suggestions (View › Show suggestions; remembered).
    ToggleSuggestions,
    /// Make the next suggestion in document order current (its span selected, in view).
    NextSuggestion,
    /// Make the previous suggestion current.
    PreviousSuggestion,
    /// Make this suggestion current (a row of the Suggestions list).
    GoToSuggestion(Suggestion),
    /// Accept the current suggestion: an annotation with its tag and speaker.
    AcceptSuggestion,
    /// Reject the current suggestion (remembered in the session) and go to the next.
    RejectSuggestion,
    /// Accept every suggestion of this tag (`None`: the current suggestion's), one undo step.
    AcceptAllSuggestions(Option<Tag>),
    /// Reject every suggestion of this tag (`None`: the current suggestion's), one undo step.
    RejectAllSuggestions(Option<Tag>),
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
