//! Attaching an updated article: read the new version of the story, re-anchor the session's
//! annotations onto it, and keep the document as it was for "Revert". The window and
//! `factmark reanchor` both go through [`reanchor_onto`], so they place, keep and name things
//! the same way.

use std::path::Path;
use std::sync::Arc;

use super::Document;
use crate::model::{History, Session};
use crate::progress::Progress;
use crate::store::{self, Reanchored};

/// Why attaching an updated article failed (the document is unchanged).
#[derive(Debug, thiserror::Error)]
pub enum AttachError {
    /// The updated article could not be read or imported.
    #[error("Could not open the article: {0}")]
    Article(#[from] crate::import::OpenError),
    /// The session breaks its own invariants (which `Session` prevents).
    #[error("Could not re-anchor: {0}")]
    Reanchor(#[from] crate::model::EditError),
}

/// Reads the article at `path` (a session given there brings its own article) and re-anchors
/// `session` onto it. Counts on `progress` and stops when it is cancelled (`Ok(None)`). Slow:
/// run it on a worker.
///
/// # Errors
///
/// See [`AttachError`].
pub fn reanchor_onto(
    session: &Session,
    path: &Path,
    progress: &Progress,
) -> Result<Option<Reanchored>, AttachError> {
    let article = store::reanchor::updated_article(path, session.article())?;
    if progress.is_cancelled() {
        return Ok(None);
    }
    Ok(store::reanchor_with(session, Arc::new(article), progress)?)
}

/// The document holding `session`, the re-anchored version of `previous`: bound to the same
/// file with the same fingerprint (so saving still notices changes on disk), and unsaved.
pub fn reanchored_document(previous: &Document, session: Session) -> Document {
    let mut doc = Document::new(session, History::new_unsaved(), previous.path.clone());
    doc.fingerprint.clone_from(&previous.fingerprint);
    doc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Span, Tag};

    #[test]
    fn reanchoring_keeps_the_file_and_the_old_document_for_revert() {
        let dir = tempfile::tempdir().unwrap();
        let updated = dir.path().join("updated.txt");
        std::fs::write(
            &updated,
            "Minsk\n\nYesterday Belarus released 14 prisoners.\n",
        )
        .unwrap();
        let mut doc = Document::from_article(
            Article::new("Minsk", None, "Belarus released 14 prisoners."),
            Some(dir.path().join("s.ron")),
        );
        doc.apply(doc.session.add_edit(Tag::Statistic, Span::new(17, 29)))
            .unwrap();
        let done = reanchor_onto(&doc.session, &updated, &Progress::new())
            .unwrap()
            .unwrap();
        assert_eq!(done.report.moved, 1);
        let attached = reanchored_document(&doc, done.session);
        assert_eq!(attached.path, doc.path);
        assert!(attached.is_dirty(), "re-anchored work is not saved yet");
        let a = &attached.session.annotations()[0];
        assert_eq!(attached.session.text_of(a), "14 prisoners");
        assert_eq!(attached.session.article().title(), "Minsk");

        let cancelled = Progress::new();
        cancelled.cancel();
        assert!(
            reanchor_onto(&attached.session, &updated, &cancelled)
                .unwrap()
                .is_none()
        );
        let missing = reanchor_onto(
            &attached.session,
            &dir.path().join("no.txt"),
            &Progress::new(),
        );
        assert!(matches!(missing, Err(AttachError::Article(_))));
    }
}
