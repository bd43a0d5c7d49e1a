//! The pending suggestions of one article: a view beside the session, never part of it.
//! Holds what the detectors found, shows what is still to decide (minus the suggestions the
//! session records as rejected and minus those overlapping an annotation of the same tag),
//! steps through them in document order, counts them per tag, and turns a decision into the
//! [`Edit`] that makes it: accepting adds an annotation, rejecting records a
//! [`Rejection`]; doing either for a whole tag is one [`Edit::Batch`], one undo step.

use std::ops::Range;

mod seen;

use super::Suggestion;
use crate::model::{Annotation, AnnotationId, Body, Edit, Rejection, Session, Span, Tag};

/// The suggestions still to decide for one session's article.
#[derive(Clone, Debug, Default)]
pub struct Pending {
    /// Everything the detectors found, in document order.
    all: Vec<Suggestion>,
    /// Indices into `all` of the suggestions still to decide, in document order.
    shown: Vec<usize>,
    /// `shown` per tag, by [`Tag::index`].
    counts: [usize; 3],
    /// The longest span in `all`: bounds the backward look of range queries.
    longest: usize,
    /// The session revision `shown` was computed for.
    revision: Option<u64>,
    /// What the session held at that revision, so the next refresh rechecks only the
    /// suggestions near what changed (see [`seen`]).
    seen: seen::Seen,
    /// Counts the refreshes that found annotations' places or tags or rejections changed.
    changes: u64,
}

/// Sort key for document order: by start, longer first, then kind.
fn order(s: &Suggestion) -> (usize, std::cmp::Reverse<usize>, super::Kind) {
    (s.span.start, std::cmp::Reverse(s.span.end), s.kind)
}

impl Pending {
    /// The pending suggestions among `suggestions` (for `session`'s article) given what
    /// `session` already holds.
    pub fn new(mut suggestions: Vec<Suggestion>, session: &Session) -> Self {
        suggestions.sort_by_key(order);
        let longest = suggestions.iter().map(|s| s.span.len()).max().unwrap_or(0);
        let mut pending = Self {
            all: suggestions,
            longest,
            ..Self::default()
        };
        pending.refresh(session);
        pending
    }

    /// Brings the view up to date with `session` after an edit (an accepted suggestion is now
    /// an annotation, a rejected one a rejection; undo brings either back). Costs nothing when
    /// the session has not changed since the last call; after a change of bodies alone (a
    /// note, a status), a look at those bodies' tags; after another edit, one comparison of
    /// the annotations' places and tags and of the rejections with those last seen (no
    /// interval query), then a recheck of the suggestions near what changed only: a note
    /// keystroke rechecks none, tagging one span a handful, whatever the number of
    /// suggestions.
    pub fn refresh(&mut self, session: &Session) {
        if self.revision == Some(session.revision()) {
            return;
        }
        let seen_at = self.revision.replace(session.revision());
        let bodies = seen_at.and_then(|revision| session.bodies_changed_since(revision));
        if bodies.is_some_and(|ids| self.seen.unchanged_but_bodies(session, &ids)) {
            // A note, a status, a verdict: no decision changed.
            return;
        }
        if seen_at.is_none() {
            self.seen = seen::Seen::of(session);
            self.recheck(0..usize::MAX, session);
        } else if let Some(changed) = self.seen.update(session) {
            self.recheck(changed.range(), session);
        } else {
            return;
        }
        self.changes += 1;
    }

    /// Changes when a refresh found the annotations' places or tags, or the rejections,
    /// changed (what decides which suggestions are pending, and where they sit among the
    /// annotations): a view of them keyed on it is redrawn only then, not for a note.
    pub fn changes(&self) -> u64 {
        self.changes
    }

    /// Decides again every suggestion that could share a byte with `range` (all of those
    /// starting up to the longest span before it), replacing their entries in `shown`.
    fn recheck(&mut self, range: Range<usize>, session: &Session) {
        let from = range.start.saturating_sub(self.longest);
        let lo = self.all.partition_point(|s| s.span.start < from);
        let hi = self.all.partition_point(|s| s.span.start < range.end);
        let a = self.shown.partition_point(|&k| k < lo);
        let b = self.shown.partition_point(|&k| k < hi);
        for &k in &self.shown[a..b] {
            self.counts[self.all[k].tag().index()] -= 1;
        }
        let fresh: Vec<usize> = (lo..hi)
            .filter(|&k| !is_decided(&self.all[k], session))
            .collect();
        for &k in &fresh {
            self.counts[self.all[k].tag().index()] += 1;
        }
        self.shown.splice(a..b, fresh);
    }

    /// How many suggestions the detectors found, decided or not.
    pub fn found(&self) -> usize {
        self.all.len()
    }

    /// How many suggestions are still to decide.
    pub fn len(&self) -> usize {
        self.shown.len()
    }

    /// True when nothing is left to decide.
    pub fn is_empty(&self) -> bool {
        self.shown.is_empty()
    }

    /// Suggestions still to decide, per tag (by [`Tag::index`]).
    pub fn counts(&self) -> [usize; 3] {
        self.counts
    }

    /// Suggestions of `tag` still to decide.
    pub fn count(&self, tag: Tag) -> usize {
        self.counts[tag.index()]
    }

    /// The `k`-th suggestion still to decide, in document order (a row of a list).
    pub fn get(&self, k: usize) -> Option<&Suggestion> {
        self.shown.get(k).map(|&i| &self.all[i])
    }

    /// Where `suggestion` stands among those still to decide (its index for
    /// [`Pending::get`]), or `None` when it is not pending (decided, or never found). A
    /// binary search.
    pub fn position(&self, suggestion: &Suggestion) -> Option<usize> {
        let key = order(suggestion);
        let first = self.shown.partition_point(|&k| order(&self.all[k]) < key);
        self.shown[first..]
            .iter()
            .take_while(|&&k| order(&self.all[k]) == key)
            .position(|&k| self.all[k] == *suggestion)
            .map(|i| first + i)
    }

    /// The suggestions still to decide, in document order.
    pub fn iter(&self) -> impl Iterator<Item = &Suggestion> {
        self.shown.iter().map(|&k| &self.all[k])
    }

    /// Suggestions still to decide that share a byte with `range`, in document order (for
    /// drawing the visible part of the article): a binary search, then the hits.
    pub fn overlapping(&self, range: Range<usize>) -> impl Iterator<Item = &Suggestion> {
        let from = range.start.saturating_sub(self.longest);
        let first = self
            .shown
            .partition_point(|&k| self.all[k].span.start < from);
        self.shown[first..]
            .iter()
            .map(|&k| &self.all[k])
            .take_while(move |s| s.span.start < range.end)
            .filter(move |s| s.span.overlaps(Span::new(range.start, range.end)))
    }

    /// Suggestions still to decide that contain byte `offset`, shortest first.
    pub fn at(&self, offset: usize) -> Vec<&Suggestion> {
        let mut hits: Vec<&Suggestion> = self
            .overlapping(offset..offset.saturating_add(1))
            .filter(|s| s.span.contains(offset))
            .collect();
        hits.sort_by_key(|s| (s.span.len(), s.span.start));
        hits
    }

    /// The first suggestion (of `tag`, if given) starting at or after `offset`.
    pub fn first_from(&self, offset: usize, tag: Option<Tag>) -> Option<&Suggestion> {
        let first = self
            .shown
            .partition_point(|&k| self.all[k].span.start < offset);
        self.shown[first..]
            .iter()
            .map(|&k| &self.all[k])
            .find(|s| tag.is_none_or(|t| s.tag() == t))
    }

    /// The last suggestion (of `tag`, if given) starting before `offset`.
    pub fn last_before(&self, offset: usize, tag: Option<Tag>) -> Option<&Suggestion> {
        let end = self
            .shown
            .partition_point(|&k| self.all[k].span.start < offset);
        self.shown[..end]
            .iter()
            .rev()
            .map(|&k| &self.all[k])
            .find(|s| tag.is_none_or(|t| s.tag() == t))
    }

    /// The suggestion (of `tag`, if given) after `current` in document order; `current`
    /// need not be pending any more (it may just have been accepted).
    pub fn next(&self, current: &Suggestion, tag: Option<Tag>) -> Option<&Suggestion> {
        let key = order(current);
        let first = self.shown.partition_point(|&k| order(&self.all[k]) <= key);
        self.shown[first..]
            .iter()
            .map(|&k| &self.all[k])
            .find(|s| tag.is_none_or(|t| s.tag() == t))
    }

    /// The suggestion (of `tag`, if given) before `current` in document order.
    pub fn previous(&self, current: &Suggestion, tag: Option<Tag>) -> Option<&Suggestion> {
        let key = order(current);
        let end = self.shown.partition_point(|&k| order(&self.all[k]) < key);
        self.shown[..end]
            .iter()
            .rev()
            .map(|&k| &self.all[k])
            .find(|s| tag.is_none_or(|t| s.tag() == t))
    }

    /// The edit that accepts `suggestion`: a new annotation over its span with `body` (who
    /// made it and when; the tag comes from the suggestion, and a quote's speaker fills an
    /// empty claimant).
    pub fn accept(&self, session: &Session, suggestion: &Suggestion, body: Body) -> Edit {
        Edit::Add(annotation(session.next_id(), suggestion, body))
    }

    /// The edit that accepts every pending suggestion of `tag` (one undo step), or `None`
    /// when there are none. Of suggestions overlapping each other, the first is taken (the
    /// others would be hidden by it).
    pub fn accept_all(&self, session: &Session, tag: Tag, body: &Body) -> Option<Edit> {
        let mut id = session.next_id().0;
        // In document order, a suggestion overlaps one taken before it exactly when it starts
        // before the furthest end taken so far.
        let mut taken_to = 0;
        let mut edits = Vec::new();
        for suggestion in self.iter().filter(|s| s.tag() == tag) {
            if suggestion.span.start < taken_to {
                continue;
            }
            taken_to = suggestion.span.end;
            edits.push(Edit::Add(annotation(
                AnnotationId(id),
                suggestion,
                body.clone(),
            )));
            id += 1;
        }
        (!edits.is_empty()).then_some(Edit::Batch(edits))
    }

    /// The edit that rejects `suggestion` (recorded in the session, so it does not come back).
    pub fn reject(suggestion: &Suggestion) -> Edit {
        Edit::Reject(Rejection::new(suggestion.tag(), suggestion.span))
    }

    /// The edit that rejects every pending suggestion of `tag` (one undo step), or `None`.
    pub fn reject_all(&self, tag: Tag) -> Option<Edit> {
        let mut rejections: Vec<Rejection> = self
            .iter()
            .filter(|s| s.tag() == tag)
            .map(|s| Rejection::new(tag, s.span))
            .collect();
        // A direct quote and reported speech may share a span: reject it once.
        rejections.sort_unstable();
        rejections.dedup();
        let edits: Vec<Edit> = rejections.into_iter().map(Edit::Reject).collect();
        (!edits.is_empty()).then_some(Edit::Batch(edits))
    }
}

/// True when the session already decided `suggestion`: rejected, or annotated with its tag.
fn is_decided(suggestion: &Suggestion, session: &Session) -> bool {
    let tag = suggestion.tag();
    session.is_rejected(tag, suggestion.span)
        || session
            .overlapping(suggestion.span.range())
            .any(|a| a.body.tag == tag)
}

/// The annotation accepting `suggestion` would add.
fn annotation(id: AnnotationId, suggestion: &Suggestion, body: Body) -> Annotation {
    let mut body = Body {
        tag: suggestion.tag(),
        ..body
    };
    if body.tag == Tag::Quote
        && body.claimant.is_empty()
        && let Some(speaker) = &suggestion.speaker
    {
        body.claimant.clone_from(speaker);
    }
    Annotation {
        id,
        span: suggestion.span,
        body: body.into(),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::model::Article;
    use crate::suggest::{Kind, suggest};

    const TEXT: &str = "Belarus released 14 political prisoners on Saturday, officials said. \
                        “We are free,” said Franak Viačorka. About 300,000 Belarusians have left the country since 2020.";

    fn session() -> Session {
        Session::new(Arc::new(Article::new("t", None, TEXT)))
    }

    fn texts(pending: &Pending) -> Vec<(&'static str, Tag)> {
        pending
            .iter()
            .map(|s| (&TEXT[s.span.range()], s.tag()))
            .collect()
    }

    #[test]
    fn accepting_adds_an_annotation_and_hides_the_suggestion_until_undone() {
        let mut session = session();
        let mut pending = Pending::new(suggest(TEXT), &session);
        let quote = pending
            .iter()
            .find(|s| s.kind == Kind::Quote)
            .unwrap()
            .clone();
        assert_eq!(quote.speaker.as_deref(), Some("Franak Viačorka"));
        let before = pending.count(Tag::Quote);
        let undo = session
            .apply(pending.accept(&session, &quote, Body::new(Tag::Claim)))
            .unwrap();
        let added = session
            .annotations()
            .iter()
            .find(|a| a.span == quote.span)
            .unwrap();
        assert_eq!(added.body.tag, Tag::Quote);
        assert_eq!(
            added.body.claimant, "Franak Viačorka",
            "the speaker fills the claimant"
        );
        pending.refresh(&session);
        assert_eq!(pending.count(Tag::Quote), before - 1);
        assert!(
            pending
                .iter()
                .all(|s| s.span != quote.span || s.tag() != Tag::Quote)
        );
        session.apply(undo).unwrap();
        pending.refresh(&session);
        assert_eq!(pending.count(Tag::Quote), before);
    }

    #[test]
    fn rejecting_is_remembered_in_the_session() {
        let mut session = session();
        let mut pending = Pending::new(suggest(TEXT), &session);
        let statistic = pending.first_from(0, Some(Tag::Statistic)).unwrap().clone();
        assert_eq!(&TEXT[statistic.span.range()], "14 political prisoners");
        let undo = session.apply(Pending::reject(&statistic)).unwrap();
        assert!(session.is_rejected(Tag::Statistic, statistic.span));
        assert_eq!(undo.describe(), "restore statistic suggestion");
        pending.refresh(&session);
        assert_ne!(
            pending.first_from(0, Some(Tag::Statistic)).map(|s| s.span),
            Some(statistic.span)
        );
        // The same span under another tag is still suggested.
        let fresh = Pending::new(suggest(TEXT), &session);
        assert_eq!(fresh.count(Tag::Statistic), pending.count(Tag::Statistic));
        assert!(
            session.apply(Pending::reject(&statistic)).is_err(),
            "already rejected"
        );
    }

    #[test]
    fn a_whole_tag_at_once_is_one_edit() {
        let mut session = session();
        let mut pending = Pending::new(suggest(TEXT), &session);
        let claims = pending.count(Tag::Claim);
        assert!(claims >= 2, "{:?}", texts(&pending));
        let edit = pending
            .accept_all(
                &session,
                Tag::Claim,
                &Body::made(
                    Tag::Claim,
                    "ann",
                    crate::model::Stamp::parse("2026-12-04T10:00:00Z").unwrap(),
                ),
            )
            .unwrap();
        assert_eq!(edit.describe(), format!("add {claims} claims"));
        let undo = session.apply(edit).unwrap();
        assert_eq!(session.counts()[Tag::Claim.index()], claims);
        assert!(
            session
                .annotations()
                .iter()
                .all(|a| a.body.analyst == "ann")
        );
        pending.refresh(&session);
        assert_eq!(pending.count(Tag::Claim), 0);
        session.apply(undo).unwrap();
        pending.refresh(&session);
        let edit = pending.reject_all(Tag::Statistic).unwrap();
        assert_eq!(edit.describe(), "reject 2 statistic suggestions");
        session.apply(edit).unwrap();
        pending.refresh(&session);
        assert_eq!(pending.count(Tag::Statistic), 0);
        assert_eq!(pending.count(Tag::Claim), claims);
        assert!(
            pending
                .accept_all(&session, Tag::Statistic, &Body::new(Tag::Statistic))
                .is_none()
        );
    }

    #[test]
    fn stepping_and_queries_follow_document_order() {
        let session = session();
        let pending = Pending::new(suggest(TEXT), &session);
        let all: Vec<&Suggestion> = pending.iter().collect();
        assert!(all.windows(2).all(|w| order(w[0]) <= order(w[1])));
        // Forwards then backwards visits every suggestion.
        let mut at = pending.first_from(0, None).unwrap();
        let mut seen = vec![at.clone()];
        while let Some(next) = pending.next(at, None) {
            seen.push(next.clone());
            at = next;
        }
        assert_eq!(seen.len(), pending.len());
        let mut back = 1;
        while let Some(previous) = pending.previous(at, None) {
            back += 1;
            at = previous;
        }
        assert_eq!(back, pending.len());
        let only_quotes = pending.next(all[0], Some(Tag::Quote)).unwrap();
        assert_eq!(only_quotes.tag(), Tag::Quote);
        let before_end = pending
            .last_before(TEXT.len(), Some(Tag::Statistic))
            .unwrap();
        assert_eq!(&TEXT[before_end.span.range()], "About 300,000 Belarusians");
        assert!(pending.last_before(0, None).is_none());
        let offset = TEXT.find("300,000").unwrap();
        let here: Vec<&str> = pending
            .at(offset)
            .iter()
            .map(|s| &TEXT[s.span.range()])
            .collect();
        assert_eq!(here[0], "About 300,000 Belarusians", "shortest first");
        assert_eq!(pending.overlapping(0..TEXT.len()).count(), pending.len());
        assert_eq!(pending.overlapping(offset..offset + 1).count(), here.len());
    }

    #[test]
    fn an_annotation_of_the_same_tag_hides_overlapping_suggestions() {
        let mut session = session();
        let start = TEXT.find("14").unwrap();
        session
            .apply(session.add_edit(Tag::Statistic, Span::new(start, start + 2)))
            .unwrap();
        let pending = Pending::new(suggest(TEXT), &session);
        assert!(
            pending
                .iter()
                .all(|s| !(s.tag() == Tag::Statistic && s.span.contains(start)))
        );
        assert!(
            pending
                .iter()
                .any(|s| s.tag() == Tag::Claim && s.span.contains(start))
        );
    }

    #[test]
    fn refreshing_after_any_edits_equals_starting_afresh() {
        let text = crate::testing::article_text(6_000);
        let mut session = Session::new(Arc::new(Article::new("t", None, text.as_str())));
        let found = suggest(&text);
        let mut pending = Pending::new(found.clone(), &session);
        let mut rng = crate::testing::Rng::new(14);
        let mut undo: Vec<Edit> = Vec::new();
        let (mut applied, mut most_rejected) = (0, 0);
        for step in 0..300 {
            let edit = match rng.below(6) {
                // Accept or reject a pending suggestion (as the window does).
                0 | 1 if !pending.is_empty() => {
                    let s = pending.get(rng.below(pending.len())).unwrap().clone();
                    if rng.below(2) == 0 {
                        pending.accept(&session, &s, Body::new(Tag::Claim))
                    } else {
                        Pending::reject(&s)
                    }
                }
                // Retag or remove an annotation.
                2 | 3 if !session.annotations().is_empty() => {
                    let a = &session.annotations()[rng.below(session.annotations().len())];
                    if rng.below(2) == 0 {
                        Edit::Set {
                            id: a.id,
                            field: crate::model::Field::Tag(Tag::ALL[rng.below(3)]),
                        }
                    } else {
                        Edit::Remove(a.id)
                    }
                }
                // A note: no place or tag changes.
                4 if !session.annotations().is_empty() => Edit::Set {
                    id: session.annotations()[0].id,
                    field: crate::model::Field::Note(format!("n{step}")),
                },
                _ => match undo.pop() {
                    Some(inverse) => inverse,
                    None => continue,
                },
            };
            if let Ok(inverse) = session.apply(edit) {
                undo.push(inverse);
                applied += 1;
            }
            most_rejected = most_rejected.max(session.rejections().len());
            // Now and then several edits come between two refreshes (frames).
            if rng.below(3) == 0 {
                continue;
            }
            pending.refresh(&session);
            let fresh = Pending::new(found.clone(), &session);
            assert_eq!(pending.counts(), fresh.counts(), "step {step}");
            assert!(pending.iter().eq(fresh.iter()), "step {step}");
        }
        assert!(
            applied > 200 && most_rejected > 5,
            "{applied} {most_rejected}"
        );
    }
}
