//! The list filter's search text: every annotation's excerpt and note folded to lower case,
//! joined in chunks so a query is one SIMD substring search, and patched chunk by chunk when
//! a body edit changes a few annotations.

use crate::model::{Annotation, AnnotationId, Session, Span};

/// Annotations per chunk of the [`Haystack`]: a body edit rebuilds one chunk (a few KB), and
/// a query still scans long runs of text at a time.
const CHUNK: usize = 256;

/// Every annotation's folded text and note, one after another, each followed by a NUL (which
/// no query holds, so no match runs from one annotation into the next), in chunks of
/// [`CHUNK`] annotations: a query is a SIMD substring search over a few hundred KB, not one
/// search per annotation.
pub(super) struct Haystack {
    pub(super) revision: u64,
    chunks: Vec<Chunk>,
}

/// The folded text of annotations `first..first + starts.len()`.
struct Chunk {
    first: usize,
    text: String,
    /// Where each annotation's part starts in `text`.
    starts: Vec<usize>,
}

impl Chunk {
    fn new(first: usize, folded: &[Folded]) -> Self {
        let length = folded
            .iter()
            .map(|f| f.text_lower.len() + f.note_lower.len() + 2)
            .sum();
        let mut text = String::with_capacity(length);
        let mut starts = Vec::with_capacity(folded.len());
        for f in folded {
            starts.push(text.len());
            text.push_str(&f.text_lower);
            text.push('\0');
            text.push_str(&f.note_lower);
            text.push('\0');
        }
        Self {
            first,
            text,
            starts,
        }
    }
}

impl Haystack {
    pub(super) fn new(revision: u64, folded: &[Folded]) -> Self {
        let chunks = folded
            .chunks(CHUNK)
            .enumerate()
            .map(|(k, part)| Chunk::new(k * CHUNK, part))
            .collect();
        Self { revision, chunks }
    }

    /// Folds again the annotations at `changed` (indices; same ids and places as before) and
    /// rebuilds only their chunks.
    pub(super) fn patch(&mut self, folded: &[Folded], mut changed: Vec<usize>) {
        changed.iter_mut().for_each(|i| *i /= CHUNK);
        changed.sort_unstable();
        changed.dedup();
        for k in changed {
            let range = k * CHUNK..((k + 1) * CHUNK).min(folded.len());
            if let Some(chunk) = self.chunks.get_mut(k) {
                *chunk = Chunk::new(range.start, &folded[range]);
            }
        }
    }

    /// True when annotation `index`'s folded text or note holds `needle` (folded, no NUL).
    pub(super) fn holds(&self, index: usize, needle: &str) -> bool {
        let Some(chunk) = self.chunks.get(index / CHUNK) else {
            return false;
        };
        let j = index - chunk.first;
        let Some(&start) = chunk.starts.get(j) else {
            return false;
        };
        let end = chunk.starts.get(j + 1).copied().unwrap_or(chunk.text.len());
        memchr::memmem::find(&chunk.text.as_bytes()[start..end], needle.as_bytes()).is_some()
    }

    /// The annotations (session indices, in order) whose text or note holds `needle`
    /// (folded, no NUL).
    pub(super) fn matching(&self, needle: &str) -> Vec<usize> {
        let finder = memchr::memmem::Finder::new(needle.as_bytes());
        let mut rows = Vec::new();
        for chunk in &self.chunks {
            for at in finder.find_iter(chunk.text.as_bytes()) {
                let i = chunk.first + chunk.starts.partition_point(|&s| s <= at) - 1;
                if rows.last() != Some(&i) {
                    rows.push(i);
                }
            }
        }
        rows
    }
}

/// One annotation's text and note in lower case, with what they were folded from.
pub(super) struct Folded {
    pub(super) id: AnnotationId,
    span: Span,
    note: String,
    claimant: String,
    text_lower: String,
    note_lower: String,
}

impl Folded {
    pub(super) fn new(session: &Session, annotation: &Annotation) -> Self {
        Self {
            id: annotation.id,
            span: annotation.span,
            note: annotation.body.note.clone(),
            claimant: annotation.body.claimant.clone(),
            text_lower: session.text_of(annotation).to_lowercase(),
            // The claimant is searched with the note: "Viačorka" finds what he said.
            note_lower: format!("{}\n{}", annotation.body.note, annotation.body.claimant)
                .to_lowercase(),
        }
    }

    pub(super) fn is_of(&self, annotation: &Annotation) -> bool {
        self.id == annotation.id
            && self.span == annotation.span
            && self.note == annotation.body.note
            && self.claimant == annotation.body.claimant
    }
}
