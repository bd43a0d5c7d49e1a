//! Saving a document, through the one check every session write goes through
//! ([`store::Replace`]): the file this document read or wrote, if unchanged; a file it never
//! read only once the user has said "replace"; a file this version cannot read never. And,
//! when the bound file changed behind the document's back, what the two versions differ in.

use std::path::{Path, PathBuf};

use super::Document;
use crate::model::Session;
use crate::model::changes::compare;
use crate::store::{self, Fingerprint, Loaded, SaveError};

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

/// A save ready to run: the state to write, where, and how it may replace what is there.
/// Made on the UI thread by [`begin`] (cheap: the annotations are cloned, the article text is
/// shared); written by [`PendingSave::write`], on a worker, while editing goes on.
pub struct PendingSave {
    session: Session,
    path: PathBuf,
    policy: Policy,
}

/// [`store::Replace`], owned, so it can travel to the worker.
enum Policy {
    New,
    Unchanged(Fingerprint),
    Confirmed,
}

/// What writing a [`PendingSave`] did, to hand back to [`finish`].
pub struct Written {
    path: PathBuf,
    result: Result<Fingerprint, SaveError>,
}

/// Starts saving `doc` to `path`. `confirmed`: the user has answered "replace" or "overwrite"
/// for this very file. The document remembers the state being written, so that [`finish`]
/// marks it clean only if nothing changed meanwhile.
pub fn begin(doc: &mut Document, path: PathBuf, confirmed: bool) -> PendingSave {
    let policy = if confirmed {
        Policy::Confirmed
    } else {
        match doc.replace_policy(&path) {
            store::Replace::Unchanged(known) => Policy::Unchanged(known.clone()),
            _ => Policy::New,
        }
    };
    doc.begin_save();
    PendingSave {
        session: doc.session.clone(),
        path,
        policy,
    }
}

impl PendingSave {
    /// Where it writes.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Checks the target and writes the file (atomic: temp, fsync, `.bak`, rename). Slow on a
    /// large session: run it on a worker.
    pub fn write(self) -> Written {
        let replace = match &self.policy {
            Policy::New => store::Replace::New,
            Policy::Unchanged(known) => store::Replace::Unchanged(known),
            Policy::Confirmed => store::Replace::Confirmed,
        };
        let result = store::save_guarded(&self.session, &self.path, replace);
        Written {
            path: self.path,
            result,
        }
    }
}

impl Written {
    /// Why the file was not written, if it was not.
    pub fn error(&self) -> Option<String> {
        self.result.as_ref().err().map(ToString::to_string)
    }
}

/// Ends a save begun by [`begin`]: on success the document is bound to the file, and clean
/// if the user did not change it meanwhile. On anything but [`SaveOutcome::Saved`] the
/// document is as it was.
pub fn finish(doc: &mut Document, written: Written) -> SaveOutcome {
    let Written { path, result } = written;
    match result {
        Ok(fingerprint) => {
            doc.finish_save(Some((path, fingerprint)));
            SaveOutcome::Saved
        }
        Err(error) => {
            doc.finish_save(None);
            match error {
                SaveError::ChangedOnDisk { .. } if doc.path.as_deref() == Some(&path) => {
                    SaveOutcome::ChangedOnDisk
                }
                SaveError::Exists { holds, .. } => SaveOutcome::Exists { holds },
                error => SaveOutcome::Failed(format!("Not saved: {error}")),
            }
        }
    }
}

/// Saves `doc` to `path` now, on this thread (the command line, tests): [`begin`], write,
/// [`finish`].
pub fn save(doc: &mut Document, path: PathBuf, confirmed: bool) -> SaveOutcome {
    let pending = begin(doc, path, confirmed);
    let written = pending.write();
    finish(doc, written)
}

/// Reads the bound file as it is on disk now, for the changed-on-disk question. Slow (a
/// whole session): run it on a worker.
pub fn read_disk_version(path: &Path) -> Result<Loaded, String> {
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

    /// A new document on a short article, with one claim.
    fn claimed() -> Document {
        let mut doc = Document::from_article(Article::new("T", None, "Some text here."), None);
        tag(&mut doc, Tag::Claim, Span::new(0, 4));
        doc
    }

    fn tag(doc: &mut Document, tag: Tag, span: Span) {
        doc.apply(doc.session.add_edit(tag, span), Selection::default())
            .unwrap();
    }

    #[test]
    fn saves_asks_before_replacing_and_notices_changes_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        let mut doc = claimed();
        assert_eq!(save(&mut doc, path.clone(), false), SaveOutcome::Saved);
        assert!(!doc.is_dirty() && doc.fingerprint.is_some());

        // Another program rewrites the file: the next save stops and says what differs.
        let mut other = doc.session.clone();
        let add = other.add_edit(Tag::Quote, Span::new(5, 9));
        other.apply(add).unwrap();
        store::save(&other, &path).unwrap();
        tag(&mut doc, Tag::Statistic, Span::new(10, 14));
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

    #[test]
    fn edits_made_while_a_save_runs_stay_unsaved_and_the_next_save_holds_them() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        let mut doc = claimed();
        let pending = begin(&mut doc, path.clone(), false);
        // The user tags again before the worker has written anything.
        tag(&mut doc, Tag::Quote, Span::new(5, 9));
        assert_eq!(finish(&mut doc, pending.write()), SaveOutcome::Saved);
        assert!(doc.is_dirty(), "the second tag is not in the file");
        assert_eq!(store::load(&path).unwrap().annotations().len(), 1);
        // Undoing the second tag gets back to exactly what the file holds.
        doc.undo_redo(true, Selection::default()).unwrap().unwrap();
        assert!(!doc.is_dirty());
        doc.undo_redo(false, Selection::default()).unwrap().unwrap();
        assert_eq!(save(&mut doc, path.clone(), false), SaveOutcome::Saved);
        assert!(!doc.is_dirty());
        assert_eq!(store::load(&path).unwrap().annotations().len(), 2);

        // A failed save leaves the document dirty and bound where it was.
        tag(&mut doc, Tag::Statistic, Span::new(10, 14));
        let unwritable = dir.path().join("no-such-folder").join("s.ron");
        assert!(matches!(
            save(&mut doc, unwritable, false),
            SaveOutcome::Failed(_)
        ));
        assert!(doc.is_dirty());
        assert_eq!(doc.path.as_deref(), Some(path.as_path()));
    }
}
