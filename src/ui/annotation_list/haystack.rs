//! The list filter's search text: every annotation's excerpt and note folded to lower case,
//! joined in chunks so a query is one SIMD substring search per chunk. Chunks are built when a
//! search first reaches them and dropped when their annotations change, so neither opening a
//! 20,000-annotation session nor an edit folds anything until the filter holds text, and a
//! search spread over frames builds only what it scans.

use memchr::memmem::Finder;

use crate::model::Session;

/// Annotations per chunk: a body edit drops one chunk (a few KB to build again), and a query
/// still scans long runs of text at a time.
const CHUNK: usize = 256;

/// Every annotation's folded text and note, one after another, each followed by a NUL (which
/// no query holds, so no match runs from one annotation into the next), in chunks of
/// [`CHUNK`] annotations, each built on first use.
#[derive(Default)]
pub(super) struct Haystack {
    /// The session revision the chunk slots describe.
    revision: Option<u64>,
    chunks: Vec<Option<Chunk>>,
}

/// The folded text of annotations `first..first + starts.len()`.
struct Chunk {
    first: usize,
    text: String,
    /// Where each annotation's part starts in `text`.
    starts: Vec<usize>,
}

/// How many bytes of searching folding one byte costs (see [`Haystack::chunk`]).
const FOLD_COST: usize = 8;

/// What reading one chunk or one annotation cost: the bytes folded (when a chunk was built)
/// and searched, for the caller's per-frame budget.
pub(super) type Cost = usize;

impl Haystack {
    /// Brings the chunk slots up to `session`'s revision: when only some bodies changed, their
    /// chunks are dropped; otherwise (annotations added, removed or moved) every chunk is.
    pub(super) fn sync(&mut self, session: &Session) {
        let revision = session.revision();
        if self.revision == Some(revision) {
            return;
        }
        let count = session.annotations().len().div_ceil(CHUNK);
        let changed = self
            .revision
            .and_then(|old| session.bodies_changed_since(old))
            .filter(|_| self.chunks.len() == count);
        match changed {
            Some(ids) => {
                for i in ids.iter().filter_map(|&id| session.position(id)) {
                    self.chunks[i / CHUNK] = None;
                }
            }
            None => {
                self.chunks.clear();
                self.chunks.resize_with(count, || None);
            }
        }
        self.revision = Some(revision);
    }

    /// Chunks to search: `0..chunk_count()`.
    pub(super) fn chunk_count(&self) -> usize {
        self.chunks.len()
    }

    /// The annotations (session indices, in order) of chunk `k` whose text or note holds the
    /// finder's needle, added to `rows`. Call [`Haystack::sync`] first.
    pub(super) fn scan(
        &mut self,
        session: &Session,
        k: usize,
        finder: &Finder<'_>,
        rows: &mut Vec<usize>,
    ) -> Cost {
        let (chunk, mut cost) = self.chunk(session, k);
        let text = chunk.text.as_bytes();
        let mut from = 0;
        while let Some(found) = finder.find(&text[from..]) {
            let j = chunk.starts.partition_point(|&s| s <= from + found) - 1;
            rows.push(chunk.first + j);
            // One hit is enough: go on from the next annotation, so a short query that occurs
            // many times in each (the first letter typed) costs one search per annotation at
            // most, not one per occurrence.
            match chunk.starts.get(j + 1) {
                Some(&next) => from = next,
                None => break,
            }
        }
        cost += text.len();
        cost
    }

    /// True when annotation `index`'s folded text or note holds the finder's needle. Call
    /// [`Haystack::sync`] first.
    pub(super) fn holds(
        &mut self,
        session: &Session,
        index: usize,
        finder: &Finder<'_>,
    ) -> (bool, Cost) {
        if index / CHUNK >= self.chunks.len() {
            return (false, 0);
        }
        let (chunk, cost) = self.chunk(session, index / CHUNK);
        let j = index - chunk.first;
        let Some(&start) = chunk.starts.get(j) else {
            return (false, cost);
        };
        let end = chunk.starts.get(j + 1).copied().unwrap_or(chunk.text.len());
        let part = &chunk.text.as_bytes()[start..end];
        (finder.find(part).is_some(), cost + part.len())
    }

    /// Chunk `k`, built (its annotations folded) when it is not there; with what building it
    /// cost.
    fn chunk(&mut self, session: &Session, k: usize) -> (&Chunk, Cost) {
        let mut cost = 0;
        let chunk = self.chunks[k].get_or_insert_with(|| {
            let annotations = session.annotations();
            let range = k * CHUNK..((k + 1) * CHUNK).min(annotations.len());
            let mut text = String::new();
            let mut starts = Vec::with_capacity(range.len());
            for annotation in &annotations[range.clone()] {
                starts.push(text.len());
                push_folded(&mut text, session.text_of(annotation));
                text.push('\0');
                push_folded(&mut text, &annotation.body.note);
                // The claimant is searched with the note: "Viačorka" finds what he said.
                text.push('\n');
                push_folded(&mut text, &annotation.body.claimant);
                text.push('\0');
            }
            cost = FOLD_COST * text.len();
            Chunk {
                first: range.start,
                text,
                starts,
            }
        });
        (chunk, cost)
    }
}

/// Appends `s` in lower case: in place for ASCII (most news text), else through
/// `str::to_lowercase` (which knows the characters whose lower case is longer).
fn push_folded(text: &mut String, s: &str) {
    if s.is_ascii() {
        let start = text.len();
        text.push_str(s);
        text[start..].make_ascii_lowercase();
    } else {
        text.push_str(&s.to_lowercase());
    }
}
