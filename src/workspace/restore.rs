//! Restoring unsaved work from a recovery copy: reading the copy (slow: run it on a
//! [`super::jobs::Job`]) and the document it becomes.

use super::Document;
use crate::model::{History, Session};
use crate::store::{RecoveryEntry, RecoveryStore};

/// Reads the recovery copy of `entry`; the message says why it cannot be restored.
pub fn read_copy(store: &RecoveryStore, entry: &RecoveryEntry) -> Result<Session, String> {
    store.load(entry).map_err(|e| e.to_string())
}

/// The document a restored copy becomes: unsaved (the copy is not a saved state), and bound
/// to the session file it belonged to, though not read from it, so saving there asks first
/// if the file holds something else by then.
pub fn restored_document(session: Session, entry: &RecoveryEntry) -> Document {
    Document::new(session, History::new_unsaved(), entry.session_path.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Span, Tag};
    use crate::store::RecoveryKey;

    #[test]
    fn a_copy_is_restored_unsaved_and_bound_to_its_session_file() {
        let dir = tempfile::tempdir().unwrap();
        let store = RecoveryStore::new(dir.path().join("recovery"));
        let session_path = dir.path().join("minsk.ron");
        let mut session = Session::new(std::sync::Arc::new(Article::new(
            "Minsk",
            None,
            "Belarus released 14 political prisoners.",
        )));
        let add = session.add_edit(Tag::Statistic, Span::new(17, 39));
        session.apply(add).unwrap();
        store
            .write(
                &RecoveryKey::for_session(Some(&session_path)),
                &session,
                Some(&session_path),
            )
            .unwrap();
        let entry = store.find_for(&session_path).remove(0);

        let doc = restored_document(read_copy(&store, &entry).unwrap(), &entry);
        assert_eq!(doc.session, session);
        assert!(doc.is_dirty(), "restored work is unsaved until saved");
        assert_eq!(
            doc.path.as_deref().and_then(std::path::Path::file_name),
            session_path.file_name()
        );

        std::fs::write(&entry.recovery_file, "not a session").unwrap();
        let message = read_copy(&store, &entry).unwrap_err();
        assert!(!message.is_empty());
    }
}
