//! Suggestions for a document or a file, without a window: the pending suggestions of some
//! tags for a session ([`pending_for`], pure; the window runs it on a worker), and `factmark
//! suggest`'s whole workflow ([`suggest_file`]): open an article or a session, find the
//! suggestions, and accept them all when asked, as annotations by `factmark-suggest` with
//! status To check (one edit per tag, like the window's "accept all").

use std::path::Path;
use std::sync::Arc;

use crate::import::{self, OpenError};
use crate::model::{Body, Session, Stamp, Tag};
use crate::store::{self, Fingerprint};
use crate::suggest::{self, Pending};

/// The analyst name written on annotations accepted by `factmark suggest --accept`.
pub const ANALYST: &str = "factmark-suggest";

/// The pending suggestions of `tags` for `session`'s article.
pub fn pending_for(session: &Session, tags: &[Tag]) -> Pending {
    let found = suggest::suggest(session.article().text())
        .into_iter()
        .filter(|s| tags.contains(&s.tag()))
        .collect();
    Pending::new(found, session)
}

/// A file with its suggestions worked out.
#[derive(Debug)]
pub struct Suggested {
    /// The session: the one loaded, or a new one on the imported article; with the accepted
    /// suggestions added when asked.
    pub session: Session,
    /// What is still pending (everything found, unless accepted).
    pub pending: Pending,
    /// Annotations added by accepting, per tag ([`Tag::index`]).
    pub accepted: [usize; 3],
    /// The fingerprint of the session file read, when the input was a session (so it may be
    /// written back over itself).
    pub fingerprint: Option<Fingerprint>,
}

/// Opens `path` (a session, or an article to import), finds the suggestions of `tags`, and
/// with `accept` (the time to stamp) turns them into annotations.
///
/// # Errors
///
/// The session's or the article's [`OpenError`]: nothing is changed.
pub fn suggest_file(
    path: &Path,
    tags: &[Tag],
    accept: Option<Stamp>,
) -> Result<Suggested, OpenError> {
    let (mut session, fingerprint) = if store::is_session_file(path) {
        let loaded = store::load_full(path)?;
        (loaded.session, Some(loaded.fingerprint))
    } else {
        let (article, _) = import::import_file(path)?;
        (Session::new(Arc::new(article)), None)
    };
    let mut pending = pending_for(&session, tags);
    let mut accepted = [0; 3];
    if let Some(now) = accept {
        for &tag in tags {
            let body = Body::made(tag, ANALYST, now.clone());
            if let Some(edit) = pending.accept_all(&session, tag, &body) {
                let before = session.counts()[tag.index()];
                // Fresh ids over checked spans of this very text: the edit always applies.
                if session.apply(edit).is_ok() {
                    accepted[tag.index()] = session.counts()[tag.index()] - before;
                }
                pending.refresh(&session);
            }
        }
    }
    Ok(Suggested {
        session,
        pending,
        accepted,
        fingerprint,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepting_everything_leaves_nothing_pending() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(
            &path,
            "Belarus released 14 political prisoners on Saturday, officials said.\n",
        )
        .unwrap();
        let found = suggest_file(&path, &Tag::ALL, None).unwrap();
        assert!(found.session.annotations().is_empty());
        assert!(found.pending.count(Tag::Statistic) == 1 && found.fingerprint.is_none());
        let now = Stamp::parse("2026-12-04T10:00:00Z").unwrap();
        let done = suggest_file(&path, &[Tag::Statistic, Tag::Quote], Some(now)).unwrap();
        assert_eq!(done.accepted, [0, 1, 1]);
        assert_eq!(done.pending.len(), 0);
        let quote = done
            .session
            .annotations()
            .iter()
            .find(|a| a.body.tag == Tag::Quote)
            .unwrap();
        assert_eq!(quote.body.claimant, "officials");
        assert_eq!(quote.body.analyst, ANALYST);
        assert!(
            done.session
                .annotations()
                .iter()
                .all(|a| a.body.created.is_some())
        );
    }
}
