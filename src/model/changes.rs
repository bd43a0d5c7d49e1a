//! How two versions of a session differ, counted by annotation id: what a reload, a restore or
//! a replace would take away or bring back, so the question that offers it can say so.

use std::collections::HashMap;

use super::{AnnotationId, Body, Session};

/// Annotations (and orphans) of one version compared with another, by id.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    /// Ids in this version only (added here, or removed there).
    pub only_here: usize,
    /// Ids in the other version only.
    pub only_there: usize,
    /// Ids in both whose tag, text, place or note differ.
    pub different: usize,
    /// Ids in both that are the same.
    pub same: usize,
}

impl Changes {
    /// True when both versions hold exactly the same annotations and orphans.
    pub fn is_none(&self) -> bool {
        self.only_here == 0 && self.only_there == 0 && self.different == 0
    }

    /// `2 only here, 1 only in the file, 3 changed`, naming the other version `there`; `no
    /// differences` when there are none.
    pub fn summary(&self, here: &str, there: &str) -> String {
        if self.is_none() {
            return "no differences".to_owned();
        }
        let mut parts = Vec::new();
        if self.only_here > 0 {
            parts.push(format!("{} only {here}", self.only_here));
        }
        if self.only_there > 0 {
            parts.push(format!("{} only {there}", self.only_there));
        }
        if self.different > 0 {
            parts.push(format!("{} changed", self.different));
        }
        parts.join(", ")
    }
}

/// What one annotation or orphan is, for comparing: its whole body (so a new body field is
/// compared without a change here), quoted text and place (None for an orphan).
type Fingerprint<'a> = (&'a Body, &'a str, Option<usize>);

fn items(session: &Session) -> HashMap<AnnotationId, Fingerprint<'_>> {
    let annotations = session
        .annotations()
        .iter()
        .map(|a| (a.id, (&*a.body, session.text_of(a), Some(a.span.start))));
    let orphans = session
        .orphans()
        .iter()
        .map(|o| (o.id, (&*o.body, o.quote.text.as_str(), None)));
    annotations.chain(orphans).collect()
}

/// Compares `here` with `there`, annotation by annotation (same id = same annotation). The
/// article texts are not compared: offsets into different texts are compared as numbers.
pub fn compare(here: &Session, there: &Session) -> Changes {
    let ours = items(here);
    let theirs = items(there);
    let mut changes = Changes::default();
    for (id, item) in &ours {
        match theirs.get(id) {
            None => changes.only_here += 1,
            Some(other) if other == item => changes.same += 1,
            Some(_) => changes.different += 1,
        }
    }
    changes.only_there = theirs.keys().filter(|id| !ours.contains_key(id)).count();
    changes
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::model::{Article, Edit, Field, Span, Tag};

    #[test]
    fn counts_added_removed_and_changed() {
        let text = "One claim. Two claims. Three claims.";
        let base = Session::new(Arc::new(Article::new("t", None, text)));
        let mut here = base.clone();
        for start in [0, 11] {
            let add = here.add_edit(Tag::Claim, Span::new(start, start + 3));
            here.apply(add).unwrap();
        }
        let mut there = here.clone();
        assert_eq!(
            compare(&here, &there).summary("here", "there"),
            "no differences"
        );
        let first = here.annotations()[0].id;
        there
            .apply(Edit::Set {
                id: first,
                field: Field::Note("checked".into()),
            })
            .unwrap();
        let add = there.add_edit(Tag::Quote, Span::new(23, 28));
        there.apply(add).unwrap();
        let second = here.annotations()[1].id;
        here.apply(Edit::Remove(second)).unwrap();
        let changes = compare(&here, &there);
        assert_eq!(
            changes,
            Changes {
                only_here: 0,
                only_there: 2,
                different: 1,
                same: 0
            }
        );
        assert_eq!(
            changes.summary("in this window", "in the file"),
            "2 only in the file, 1 changed"
        );
        assert_eq!(compare(&there, &here).only_here, 2);
        assert!(compare(&base, &base).is_none());
    }
}
