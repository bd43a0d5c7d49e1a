//! The report of a whole folder (`factmark report FOLDER`): every document of a scanned
//! [`Folder`] as an entry of [`crate::export::folder_report`], using the sessions the indexer
//! already parsed.

use super::file::Parsed;
use super::{Folder, State};
use crate::export::folder_report::{FolderEntry, folder_html};

/// The folder report as one self-contained HTML page. Call it on a folder that has caught up
/// ([`Folder::scan`], or [`Folder::is_idle`]): a document whose session is not parsed yet is
/// listed without its section.
pub fn html(folder: &Folder) -> String {
    let entries: Vec<FolderEntry<'_>> = folder
        .documents()
        .iter()
        .map(|row| {
            let session = row
                .session
                .as_ref()
                .and_then(|path| match folder.parsed(path) {
                    Some(Parsed::Session(session)) if row.state != State::Broken => {
                        Some(session.as_ref())
                    }
                    _ => None,
                });
            FolderEntry {
                name: folder.relative(row.key()),
                title: row.title.clone(),
                state: row.state.label(),
                session,
                problems: row.problems.clone(),
            }
        })
        .collect();
    let name = folder.root().file_name().map_or_else(
        || folder.root().display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    folder_html(&name, &entries)
}
