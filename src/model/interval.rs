//! The session's derived lookup index: an interval tree over the annotations (in document
//! order) for "which annotations touch this range", and an id → position table.
//!
//! Built lazily from the annotation list in O(n log n) the first time a query needs it after
//! an edit, then each query costs O(log n) plus the hits, however long the spans are (a
//! single span covering the whole article does not turn every query into a scan).

use super::{Annotation, AnnotationId, Span};

/// Lookup structures over one version of a session's annotation list.
#[derive(Clone)]
pub(crate) struct Derived {
    /// Implicit segment tree over annotation ends: leaf `leaves + i` holds the end of
    /// annotation `i`, every inner node the maximum of its children. `leaves` is a power of two.
    max_end: Vec<usize>,
    leaves: usize,
    /// `(id, position)` sorted by id.
    by_id: Vec<(AnnotationId, usize)>,
}

impl std::fmt::Debug for Derived {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Derived")
            .field("annotations", &self.by_id.len())
            .finish_non_exhaustive()
    }
}

impl Derived {
    /// Indexes `annotations`, which must be in document order (sorted by start).
    pub(crate) fn build(annotations: &[Annotation]) -> Self {
        let (max_end, leaves) = max_end_tree(annotations);
        let mut by_id: Vec<(AnnotationId, usize)> = annotations
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id, i))
            .collect();
        by_id.sort_unstable();
        Self {
            max_end,
            leaves,
            by_id,
        }
    }

    /// The index after `id` was inserted at position `at`; `annotations` is the list with it.
    /// One pass over the id table and the tree, no sort: cheaper than [`Derived::build`].
    pub(crate) fn inserted(
        mut self,
        at: usize,
        id: AnnotationId,
        annotations: &[Annotation],
    ) -> Self {
        for entry in &mut self.by_id {
            if entry.1 >= at {
                entry.1 += 1;
            }
        }
        let slot = self.by_id.partition_point(|&(other, _)| other < id);
        self.by_id.insert(slot, (id, at));
        (self.max_end, self.leaves) = max_end_tree(annotations);
        self
    }

    /// The index after the annotation `id` at position `at` was removed; `annotations` is the
    /// list without it.
    pub(crate) fn removed(
        mut self,
        at: usize,
        id: AnnotationId,
        annotations: &[Annotation],
    ) -> Self {
        self.by_id.retain(|&(other, _)| other != id);
        for entry in &mut self.by_id {
            if entry.1 > at {
                entry.1 -= 1;
            }
        }
        (self.max_end, self.leaves) = max_end_tree(annotations);
        self
    }

    /// Position of `id` in the indexed list (the caller checks it against the live list).
    pub(crate) fn position(&self, id: AnnotationId) -> Option<usize> {
        self.by_id
            .binary_search_by_key(&id, |&(id, _)| id)
            .ok()
            .map(|i| self.by_id[i].1)
    }

    /// The annotations among `annotations[within]` that overlap `query`, in document order.
    /// `annotations` must be the list this index was built from; `within` narrows the walk
    /// (pass `0..n` when nothing narrower is known).
    pub(crate) fn overlapping<'a>(
        &'a self,
        annotations: &'a [Annotation],
        within: std::ops::Range<usize>,
        query: Span,
    ) -> Overlaps<'a> {
        let before = within.end.min(annotations.len());
        let mut stack = Vec::with_capacity(2 * (self.leaves.trailing_zeros() as usize + 1));
        if within.start < before {
            stack.push((1, 0, self.leaves));
        }
        Overlaps {
            index: self,
            annotations,
            after: within.start,
            before,
            query,
            stack,
        }
    }
}

/// The implicit segment tree over the annotations' ends (see [`Derived`]), and its leaf count.
fn max_end_tree(annotations: &[Annotation]) -> (Vec<usize>, usize) {
    let leaves = annotations.len().next_power_of_two().max(1);
    let mut max_end = vec![0; 2 * leaves];
    for (i, annotation) in annotations.iter().enumerate() {
        max_end[leaves + i] = annotation.span.end;
    }
    for node in (1..leaves).rev() {
        max_end[node] = max_end[2 * node].max(max_end[2 * node + 1]);
    }
    (max_end, leaves)
}

/// Iterator over the hits of [`Derived::overlapping`]: a depth-first walk that skips every
/// subtree whose spans all end at or before the query start.
pub(crate) struct Overlaps<'a> {
    index: &'a Derived,
    annotations: &'a [Annotation],
    after: usize,
    before: usize,
    query: Span,
    /// Subtrees still to visit: (node, first leaf, one past the last leaf); left on top.
    stack: Vec<(usize, usize, usize)>,
}

impl<'a> Iterator for Overlaps<'a> {
    type Item = &'a Annotation;

    fn next(&mut self) -> Option<Self::Item> {
        while let Some((node, lo, hi)) = self.stack.pop() {
            if lo >= self.before || hi <= self.after || self.index.max_end[node] <= self.query.start
            {
                continue;
            }
            if hi - lo == 1 {
                let annotation = &self.annotations[lo];
                if annotation.span.overlaps(self.query) {
                    return Some(annotation);
                }
                continue;
            }
            let mid = lo + (hi - lo) / 2;
            self.stack.push((2 * node + 1, mid, hi));
            self.stack.push((2 * node, lo, mid));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Body, Tag};

    fn annotation(id: u64, start: usize, end: usize) -> Annotation {
        Annotation {
            id: AnnotationId(id),
            span: Span::new(start, end),
            body: Body::new(Tag::Claim).into(),
        }
    }

    #[test]
    fn finds_long_and_short_spans_in_order_against_brute_force() {
        let mut list = vec![annotation(1, 0, 1000)];
        for i in 0..200 {
            list.push(annotation(
                i + 2,
                i as usize * 5,
                i as usize * 5 + 3 + (i as usize % 7),
            ));
        }
        list.sort_by_key(Annotation::order_key);
        let index = Derived::build(&list);
        for (start, end) in [(0, 1), (17, 40), (500, 501), (990, 2000), (1000, 1200)] {
            let query = Span::new(start, end);
            let before = list.partition_point(|a| a.span.start < end);
            let got: Vec<_> = index
                .overlapping(&list, 0..before, query)
                .map(|a| a.id)
                .collect();
            let want: Vec<_> = list
                .iter()
                .filter(|a| a.span.overlaps(query))
                .map(|a| a.id)
                .collect();
            assert_eq!(got, want, "query {start}..{end}");
        }
        for (i, a) in list.iter().enumerate() {
            assert_eq!(index.position(a.id), Some(i));
        }
        assert_eq!(index.position(AnnotationId(9999)), None);
    }

    #[test]
    fn empty_list() {
        let index = Derived::build(&[]);
        assert_eq!(index.overlapping(&[], 0..0, Span::new(0, 5)).count(), 0);
    }

    #[test]
    fn patching_after_inserts_and_removals_equals_building_afresh() {
        let mut list: Vec<Annotation> = Vec::new();
        let mut index = Derived::build(&list);
        let mut seed = 0x2545_f491_u64;
        let mut next = |n: usize| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            usize::try_from(seed >> 33).unwrap_or(0) % n.max(1)
        };
        for step in 0..400u64 {
            if list.is_empty() || next(3) > 0 {
                let start = next(500);
                let added = annotation(1_000 + step * 7 % 389, start, start + 1 + next(40));
                if list.iter().any(|a| a.id == added.id) {
                    continue;
                }
                let at = list.partition_point(|a| a.order_key() < added.order_key());
                let id = added.id;
                list.insert(at, added);
                index = index.inserted(at, id, &list);
            } else {
                let at = next(list.len());
                let id = list.remove(at).id;
                index = index.removed(at, id, &list);
            }
            let fresh = Derived::build(&list);
            assert_eq!(index.by_id, fresh.by_id, "step {step}");
            assert_eq!(index.max_end, fresh.max_end, "step {step}");
            assert_eq!(index.leaves, fresh.leaves, "step {step}");
        }
    }
}
