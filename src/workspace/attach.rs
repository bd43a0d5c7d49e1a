//! Attaching an updated article: read the new version of the story, re-anchor the session's
//! annotations onto it, and keep the document as it was for "Revert". The window and
//! `factmark reanchor` both go through [`reanchor_onto`], so they place, keep and name things
//! the same way.

use std::path::Path;
use std::sync::Arc;

use super::Document;
use crate::import::OpenError;
use crate::model::anchor::{self, Reanchored};
use crate::model::{Article, History, Session};
use crate::progress::Progress;
use crate::store;

/// Why attaching an updated article failed (the document is unchanged).
#[derive(Debug, thiserror::Error)]
pub enum AttachError {
    /// The updated article could not be read or imported.
    #[error("Could not open the article: {0}")]
    Article(#[from] OpenError),
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
    let article = updated_article(path, session.article())?;
    if progress.is_cancelled() {
        return Ok(None);
    }
    Ok(anchor::reanchor_with(session, Arc::new(article), progress)?)
}

/// Reads the updated version of `current` (the article a session is on) from `path`: the one
/// place the command line and the window's "Attach updated article…" turn a file into the
/// new article.
///
/// - A **session** (a `.ron` file, or any file that starts with a session header, see
///   [`store::is_session_file`]) is loaded and validated, and its embedded article is the
///   new article, with its own title, source and import record. It is never read as plain
///   text (which would "move" every annotation into RON markup).
/// - Any other file is **imported** ([`crate::import::import_file`]): its text and import
///   record, `path` as the source, and `current`'s title, since an updated version of a
///   story keeps its name (an importer can only guess one from the file).
///
/// # Errors
///
/// The session's [`store::LoadError`] or the article's [`crate::import::ImportError`].
pub fn updated_article(path: &Path, current: &Article) -> Result<Article, OpenError> {
    if store::is_session_file(path) {
        let session = store::load(path)?;
        return Ok(Article::clone(session.article()));
    }
    let (imported, _) = crate::import::import_file(path)?;
    let mut article = Article::new(
        current.title(),
        Some(path.display().to_string()),
        imported.text(),
    );
    if let Some(provenance) = imported.provenance() {
        article = article.with_provenance(provenance.clone());
    }
    Ok(article)
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
    use crate::model::{Article, Selection, Span, Tag};

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
        doc.apply(
            doc.session.add_edit(Tag::Statistic, Span::new(17, 29)),
            Selection::default(),
        )
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
