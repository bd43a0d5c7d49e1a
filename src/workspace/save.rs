//! Saving a document, through the one check every session write goes through
//! ([`store::Replace`]): the file this document read or wrote, if unchanged; a file it never
//! read only once the user has said "replace"; a file this version cannot read never. And,
//! when the bound file changed behind the document's back, what the two versions differ in.

use std::path::PathBuf;

use super::Document;
use crate::model::changes::compare;
use crate::store::{self, Loaded, SaveError};

/// How a save ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveOutcome {
    /// Written; the document is bound to the file and clean.
    Saved,
    /// The bound file changed on disk since it was read or written: ask before overwriting.
    ChangedOnDisk,
    /// A file this document never read is at the target, holding this: ask before replacing.
    Exists {
        /// What the file holds ("a session on “T” with 3 annotations").
        holds: String,
    },
    /// Not written (the message says why); the work stays unsaved in memory.
    Failed(String),
}

/// Saves `doc` to `path`. `confirmed`: the user has answered "replace" or "overwrite" for
/// this very file. On anything but [`SaveOutcome::Saved`] the document is unchanged.
pub fn save(doc: &mut Document, path: PathBuf, confirmed: bool) -> SaveOutcome {
    let replace = if confirmed {
        store::Replace::Confirmed
    } else {
        doc.replace_policy(&path)
    };
    match store::save_guarded(&doc.session, &path, replace) {
        Ok(fingerprint) => {
            doc.mark_saved(path, fingerprint);
            SaveOutcome::Saved
        }
        Err(SaveError::ChangedOnDisk { .. }) if doc.path.as_deref() == Some(&path) => {
            SaveOutcome::ChangedOnDisk
        }
        Err(SaveError::Exists { holds, .. }) => SaveOutcome::Exists { holds },
        Err(error) => SaveOutcome::Failed(format!("Not saved: {error}")),
    }
}

/// Reads the bound file as it is on disk now, for the changed-on-disk question. Slow (a
/// whole session): run it on a worker.
pub fn read_disk_version(path: &std::path::Path) -> Result<Loaded, String> {
    store::load_full(path).map_err(|e| e.to_string())
}

/// What the changed-on-disk question says about the file on disk against `doc`: what a
/// reload would bring and take away.
pub fn compare_with_disk(doc: &Document, theirs: &Result<Loaded, String>) -> String {
    match theirs {
        Err(reason) => format!("The file on disk cannot be read: {reason}"),
        Ok(loaded) => format!(
            "On disk now: {}. Compared with it, this window has {}.",
            store::describe(&loaded.session),
            compare(&doc.session, &loaded.session).summary("here", "on disk")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Selection, Span, Tag};

    #[test]
    fn saves_asks_before_replacing_and_notices_changes_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        let mut doc = Document::from_article(Article::new("T", None, "Some text here."), None);
        doc.apply(
            doc.session.add_edit(Tag::Claim, Span::new(0, 4)),
            Selection::default(),
        )
        .unwrap();
        assert_eq!(save(&mut doc, path.clone(), false), SaveOutcome::Saved);
        assert!(!doc.is_dirty() && doc.fingerprint.is_some());

        // Another program rewrites the file: the next save stops and says what differs.
        let mut other = doc.session.clone();
        let add = other.add_edit(Tag::Quote, Span::new(5, 9));
        other.apply(add).unwrap();
        store::save(&other, &path).unwrap();
        doc.apply(
            doc.session.add_edit(Tag::Statistic, Span::new(10, 14)),
            Selection::default(),
        )
        .unwrap();
        assert_eq!(
            save(&mut doc, path.clone(), false),
            SaveOutcome::ChangedOnDisk
        );
        assert!(doc.is_dirty(), "nothing was written");
        let theirs = read_disk_version(&path);
        assert!(compare_with_disk(&doc, &theirs).starts_with("On disk now: a session"));
        assert_eq!(save(&mut doc, path.clone(), true), SaveOutcome::Saved);

        // A new document never replaces a file it did not read without being told to.
        let mut fresh = Document::from_article(Article::new("T", None, "Other text."), None);
        assert!(matches!(
            save(&mut fresh, path.clone(), false),
            SaveOutcome::Exists { holds } if holds.contains("annotations")
        ));
        let unwritable = dir.path().join("no-such-folder").join("s.ron");
        assert!(matches!(
            save(&mut fresh, unwritable, false),
            SaveOutcome::Failed(message) if message.starts_with("Not saved")
        ));
    }
}
