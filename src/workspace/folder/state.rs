//! What the window remembers of a folder between runs: which folder, the list's order and
//! filter, and the document last open. A plain serde value the window stores with its other
//! preferences (eframe persistence); nothing here reads or writes it.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::view::{Filter, Sort};

/// The workspace to restore at the next start. Every field has a default, so a value saved
/// by an older version (or none) still loads.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WorkspaceState {
    /// The folder open in the Documents panel, if any.
    pub folder: Option<PathBuf>,
    /// The list's order.
    pub sort: Sort,
    /// The list's filter.
    pub filter: Filter,
    /// The last document open: its key ([`super::DocumentRow::key`]).
    pub last_document: Option<PathBuf>,
}

impl WorkspaceState {
    /// The state for a folder just opened (order and filter kept, last document forgotten
    /// when the folder changes).
    pub fn opened(&self, folder: &Path) -> Self {
        let same = self.folder.as_deref() == Some(folder);
        Self {
            folder: Some(folder.to_path_buf()),
            last_document: if same {
                self.last_document.clone()
            } else {
                None
            },
            ..self.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Tag;
    use crate::workspace::folder::{Column, State};

    #[test]
    fn round_trips_through_ron_and_loads_from_less() {
        let state = WorkspaceState {
            folder: Some("/desk".into()),
            sort: Sort {
                column: Column::Count(Tag::Claim),
                descending: true,
            },
            filter: Filter {
                text: "minsk".into(),
                state: Some(State::InProgress),
            },
            last_document: Some("/desk/news/minsk.txt".into()),
        };
        let text = ron::to_string(&state).unwrap();
        assert_eq!(ron::from_str::<WorkspaceState>(&text).unwrap(), state);
        let old: WorkspaceState = ron::from_str("(folder: Some(\"/desk\"))").unwrap();
        assert_eq!(old.sort, Sort::default());
        assert_eq!(old.opened(Path::new("/other")).last_document, None);
        assert_eq!(
            state.opened(Path::new("/desk")).last_document,
            state.last_document
        );
    }
}
