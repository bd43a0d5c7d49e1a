//! Re-anchoring a whole session: every annotation and orphan placed on a new article by the
//! [`Matcher`], bodies carried over whole, and a report of what happened to each id.

use std::sync::Arc;

use super::{Matcher, ReanchorReport, anchors_of};
use crate::model::{Annotation, Article, EditError, Orphan, Session};
use crate::progress::Progress;

/// A session moved onto a new article, and what happened on the way.
#[derive(Clone, Debug)]
pub struct Reanchored {
    /// The new session: the new article, the placed annotations, and the orphans.
    pub session: Session,
    /// Counts and per-id outcomes.
    pub report: ReanchorReport,
}

/// Moves `session`'s annotations (and orphans) onto `article`, which replaces its article.
/// Ids and whole bodies (tag, note, …) are kept; annotations that cannot be placed become orphans, and
/// orphans that can be placed become annotations again.
///
/// # Errors
///
/// Only if `session` breaks its own invariants (which [`Session`] prevents); every span
/// placed here is a checked, non-blank range of the new text.
pub fn reanchor(session: &Session, article: Arc<Article>) -> Result<Reanchored, EditError> {
    let done = reanchor_with(session, article, &Progress::new())?;
    // A fresh `Progress` is never cancelled, so there is always a result.
    Ok(done.unwrap_or_else(|| unreachable!("nobody can cancel a private Progress")))
}

/// [`reanchor`] for a worker thread: counts one step per annotation and orphan on
/// `progress` (its total is set first) and checks [`Progress::is_cancelled`] before each
/// one. Returns `Ok(None)` when cancelled; the input session is never changed either way.
///
/// # Errors
///
/// As [`reanchor`].
pub fn reanchor_with(
    session: &Session,
    article: Arc<Article>,
    progress: &Progress,
) -> Result<Option<Reanchored>, EditError> {
    reanchor_inner(session, article, progress, true)
}

/// [`reanchor`] without the q-gram filter: every approximate search runs the full
/// dynamic programme. Same results, only slower; kept so tests and the benchmark can
/// compare the two. Not part of the supported API.
#[doc(hidden)]
pub fn reanchor_unfiltered(
    session: &Session,
    article: Arc<Article>,
) -> Result<Reanchored, EditError> {
    let done = reanchor_inner(session, article, &Progress::new(), false)?;
    Ok(done.unwrap_or_else(|| unreachable!("nobody can cancel a private Progress")))
}

fn reanchor_inner(
    session: &Session,
    article: Arc<Article>,
    progress: &Progress,
    filter: bool,
) -> Result<Option<Reanchored>, EditError> {
    let anchors = anchors_of(session);
    progress.set_total(anchors.len());
    let mut matcher = Matcher::new(&article);
    if !filter {
        matcher = matcher.without_filter();
    }
    let mut report = ReanchorReport::default();
    let mut annotations = Vec::with_capacity(session.annotations().len());
    let mut orphans = Vec::new();
    // `anchors_of` lists annotations, then orphans: the same order as their bodies here.
    let bodies = session
        .annotations()
        .iter()
        .map(|a| &a.body)
        .chain(session.orphans().iter().map(|o| &o.body));
    for (anchor, body) in anchors.into_iter().zip(bodies) {
        if progress.is_cancelled() {
            return Ok(None);
        }
        let placement = matcher.place(&anchor);
        progress.advance(1);
        report.record(anchor.id, placement.outcome());
        match placement.span() {
            Some(span) => annotations.push(Annotation {
                id: anchor.id,
                span,
                body: body.clone(),
            }),
            None => orphans.push(Orphan {
                id: anchor.id,
                quote: anchor.quote,
                body: body.clone(),
            }),
        }
    }
    // Rejections follow their text; one whose text is gone has nothing left to suggest.
    let mut rejections = Vec::with_capacity(session.rejections().len());
    let old_text = session.article().text();
    for (k, rejection) in session.rejections().iter().enumerate() {
        let (prefix, suffix) = super::context(old_text, rejection.span);
        let anchor = super::Anchor {
            id: crate::model::AnnotationId(u64::MAX - k as u64),
            quote: super::Quote {
                text: old_text[rejection.span.range()].to_owned(),
                prefix: prefix.to_owned(),
                suffix: suffix.to_owned(),
            },
            start: session.article().char_of_byte(rejection.span.start),
        };
        match matcher.place(&anchor) {
            super::Placement::Kept(span) | super::Placement::Moved(span) => {
                rejections.push(crate::model::Rejection::new(rejection.tag, span));
            }
            _ => report.rejections_dropped += 1,
        }
    }
    drop(matcher);
    // The session's scales and details go with it (verdicts name ratings of its scales).
    let session = Session::from_parts_with(
        article,
        annotations,
        orphans,
        session.scales().clone(),
        session.details().clone(),
    )?
    .with_rejections(rejections)?;
    Ok(Some(Reanchored { session, report }))
}
