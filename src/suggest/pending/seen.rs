//! What a session held when the pending suggestions were last brought up to date: the places
//! and tags of its annotations and its rejections, in document order. Comparing them with the
//! session after an edit gives the stretch of text where decisions may have changed, so a
//! refresh rechecks the suggestions there only instead of every suggestion.

use crate::model::{AnnotationId, Session, Span, Tag};

/// A place and a tag: what decides whether a suggestion is still pending.
type Mark = (Span, Tag);

/// The annotations' and rejections' marks at the last refresh.
#[derive(Clone, Debug, Default)]
pub(super) struct Seen {
    annotations: Vec<Mark>,
    rejections: Vec<Mark>,
}

impl Seen {
    /// The marks `session` holds now.
    pub(super) fn of(session: &Session) -> Self {
        Self {
            annotations: session
                .annotations()
                .iter()
                .map(|a| (a.span, a.body.tag))
                .collect(),
            rejections: session
                .rejections()
                .iter()
                .map(|r| (r.span, r.tag))
                .collect(),
        }
    }

    /// True when `session` still holds these marks, known without comparing them all: only
    /// the bodies `ids` changed since they were taken (nothing came, went or moved), those
    /// kept their tags, and the rejections are the same. A note keystroke costs one lookup.
    pub(super) fn unchanged_but_bodies(&self, session: &Session, ids: &[AnnotationId]) -> bool {
        let annotations = session.annotations();
        annotations.len() == self.annotations.len()
            && ids.iter().all(|&id| {
                // An orphan's body decides nothing: it has no place.
                session.position(id).is_none_or(|i| {
                    self.annotations[i] == (annotations[i].span, annotations[i].body.tag)
                })
            })
            && session.rejections().len() == self.rejections.len()
            && session
                .rejections()
                .iter()
                .zip(&self.rejections)
                .all(|(r, mark)| (r.span, r.tag) == *mark)
    }

    /// Takes in what changed in `session` since the marks were taken, and returns the bytes
    /// the changed marks (before and after) cover, or `None` when no mark changed (a note,
    /// a status, a verdict). Linear in the number of marks, with no allocation unless
    /// something changed.
    pub(super) fn update(&mut self, session: &Session) -> Option<Span> {
        let annotations = splice_changes(&mut self.annotations, session.annotations(), |a| {
            (a.span, a.body.tag)
        });
        let rejections = splice_changes(&mut self.rejections, session.rejections(), |r| {
            (r.span, r.tag)
        });
        match (annotations, rejections) {
            (Some(a), Some(b)) => Some(Span::new(a.start.min(b.start), a.end.max(b.end))),
            (one, other) => one.or(other),
        }
    }
}

/// Makes `old` equal to the marks of `new` by replacing the stretch between their common
/// beginning and their common end, and returns the bytes that stretch covered before and
/// after (`None` when they were equal). Both lists are in document order, so one added,
/// removed, moved or retagged annotation is a stretch of one or two marks.
fn splice_changes<T>(old: &mut Vec<Mark>, new: &[T], mark: impl Fn(&T) -> Mark) -> Option<Span> {
    let prefix = old
        .iter()
        .zip(new)
        .take_while(|(o, n)| **o == mark(n))
        .count();
    if prefix == old.len() && prefix == new.len() {
        return None;
    }
    let room = old.len().min(new.len()) - prefix;
    let suffix = old
        .iter()
        .rev()
        .zip(new.iter().rev())
        .take(room)
        .take_while(|(o, n)| **o == mark(n))
        .count();
    let added: Vec<Mark> = new[prefix..new.len() - suffix].iter().map(&mark).collect();
    let removed = old.splice(prefix..old.len() - suffix, added.iter().copied());
    let covered = removed
        .chain(added.iter().copied())
        .map(|(span, _)| span)
        .reduce(|a, b| Span::new(a.start.min(b.start), a.end.max(b.end)));
    // Lists that differ differ in at least one mark, so something was covered.
    covered.or(Some(Span::new(0, 0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(start: usize, end: usize, tag: Tag) -> Mark {
        (Span::new(start, end), tag)
    }

    #[test]
    fn the_changed_stretch_is_what_was_added_removed_or_retagged() {
        let mut old = vec![
            m(0, 5, Tag::Claim),
            m(10, 15, Tag::Quote),
            m(20, 25, Tag::Claim),
        ];
        let same = old.clone();
        assert_eq!(splice_changes(&mut old, &same, |x| *x), None);
        // Added in the middle.
        let added = vec![
            m(0, 5, Tag::Claim),
            m(7, 9, Tag::Statistic),
            m(10, 15, Tag::Quote),
            m(20, 25, Tag::Claim),
        ];
        assert_eq!(
            splice_changes(&mut old, &added, |x| *x),
            Some(Span::new(7, 9))
        );
        assert_eq!(old, added);
        // Retagged, then removed at the end.
        let retagged = vec![
            m(0, 5, Tag::Claim),
            m(7, 9, Tag::Claim),
            m(10, 15, Tag::Quote),
            m(20, 25, Tag::Claim),
        ];
        assert_eq!(
            splice_changes(&mut old, &retagged, |x| *x),
            Some(Span::new(7, 9))
        );
        let shorter = &retagged[..2];
        assert_eq!(
            splice_changes(&mut old, shorter, |x| *x),
            Some(Span::new(10, 25))
        );
        assert_eq!(old, shorter);
        // Emptied, then refilled.
        assert_eq!(
            splice_changes(&mut old, &[], |x: &Mark| *x),
            Some(Span::new(0, 9))
        );
        assert_eq!(
            splice_changes(&mut old, &same, |x| *x),
            Some(Span::new(0, 25))
        );
        assert_eq!(old, same);
    }
}
