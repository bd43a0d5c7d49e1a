//! Commands the user can give, from keys, menus or buttons. The app performs them in one place.

use crate::model::{AnnotationId, Tag};

/// Something the user asked for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Action {
    /// Tag the selection (or retag the selected annotation).
    Tag(Tag),
    /// Delete the selected annotation.
    DeleteSelected,
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
    /// Select the next annotation in document order.
    SelectNext,
    /// Select the previous annotation in document order.
    SelectPrevious,
    /// Select this annotation and scroll to it.
    Select(AnnotationId),
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
}
