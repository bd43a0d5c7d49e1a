//! Placing anchors in a new text: the [`Matcher`] indexes the text once (whitespace
//! collapsed), then finds each anchor kept, moved (exact quote, best context) or, through
//! the approximate step in `fuzzy`, at a similar text.

use std::cell::OnceCell;

use super::search::{QGramIndex, trim_spaces};
use super::{Anchor, Placement};
use crate::model::{Article, Span};

/// Most exact occurrences of one quote that are compared by context.
const MAX_CANDIDATES: usize = 10_000;

/// A text indexed for placing anchors in it: whitespace runs collapsed to one space, with
/// each collapsed character's byte range in the original text, and (built on first use)
/// q-gram indexes of the collapsed characters for the approximate search.
///
/// Build one per text, then [`Matcher::place`] each anchor: the indexes are shared by all
/// of them. [`super::reanchor()`] uses one to move a session; comparing two sessions places
/// one session's anchors in the other's text the same way.
pub struct Matcher<'a> {
    pub(super) article: &'a Article,
    /// The collapsed text.
    pub(super) norm: String,
    /// Byte offset in `norm` of each collapsed character.
    pub(super) norm_byte: Vec<usize>,
    /// The collapsed characters.
    pub(super) chars: Vec<char>,
    /// Byte range in the article text of each collapsed character.
    pub(super) orig: Vec<(usize, usize)>,
    /// Whether the approximate search uses the q-gram filter (always, except to compare).
    pub(super) filter: bool,
    /// Index of the 3-grams of `chars`, built once per text when first needed.
    pub(super) trigrams: OnceCell<QGramIndex>,
    /// Index of the 2-grams, for quotes too short for a useful 3-gram bound.
    pub(super) bigrams: OnceCell<QGramIndex>,
    /// Per-diagonal hit counters of the q-gram filter, reused between anchors (always left
    /// all zero).
    scratch: Vec<u32>,
}

/// `text` with every run of whitespace replaced by one space.
pub(super) fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}

/// Whether an anchor's quote started or ended inside a word of the old text. A match that
/// cuts a word where the original did not is snapped to word boundaries.
#[derive(Clone, Copy, Debug)]
pub(super) struct Edges {
    /// The old text had a word character right before the quote and the quote starts with one.
    pub(super) start_inside: bool,
    /// The quote ends with a word character and the old text had one right after it.
    pub(super) end_inside: bool,
}

/// Characters that make up words, for snapping matches to word boundaries.
pub(super) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

impl Edges {
    fn of(quote: &[char], prefix: &[char], suffix: &[char]) -> Self {
        let first = quote.first().copied().is_some_and(is_word_char);
        let last = quote.last().copied().is_some_and(is_word_char);
        Self {
            start_inside: first && prefix.last().copied().is_some_and(is_word_char),
            end_inside: last && suffix.first().copied().is_some_and(is_word_char),
        }
    }
}

impl<'a> Matcher<'a> {
    /// Indexes `article`'s text for placing anchors in it.
    pub fn new(article: &'a Article) -> Self {
        let text = article.text();
        let mut norm = String::with_capacity(text.len());
        let mut norm_byte = Vec::with_capacity(text.len());
        let mut chars = Vec::with_capacity(text.len());
        let mut orig: Vec<(usize, usize)> = Vec::with_capacity(text.len());
        for (byte, c) in text.char_indices() {
            let end = byte + c.len_utf8();
            if c.is_whitespace() {
                if chars.last() == Some(&' ')
                    && let Some(last) = orig.last_mut()
                {
                    last.1 = end;
                    continue;
                }
                norm_byte.push(norm.len());
                norm.push(' ');
                chars.push(' ');
            } else {
                norm_byte.push(norm.len());
                norm.push(c);
                chars.push(c);
            }
            orig.push((byte, end));
        }
        Self {
            article,
            norm,
            norm_byte,
            chars,
            orig,
            filter: true,
            trigrams: OnceCell::new(),
            bigrams: OnceCell::new(),
            scratch: Vec::new(),
        }
    }

    /// The same matcher without the q-gram filter: every approximate search runs the full
    /// dynamic programme. Same results, only slower; for comparing the two.
    #[doc(hidden)]
    #[must_use]
    pub fn without_filter(mut self) -> Self {
        self.filter = false;
        self
    }

    /// Finds where `anchor` belongs in this text: kept, moved, fuzzy, or orphaned.
    pub fn place(&mut self, anchor: &Anchor) -> Placement {
        // Taken out for the call so the search can borrow the rest of `self`.
        let mut scratch = std::mem::take(&mut self.scratch);
        let placement = self.place_with(anchor, &mut scratch);
        self.scratch = scratch;
        placement
    }

    /// The collapsed-character index at or after byte `byte` of the original text.
    pub(super) fn index_of_byte(&self, byte: usize) -> usize {
        self.orig.partition_point(|&(start, _)| start < byte)
    }

    /// The original byte span of collapsed characters `from..to` (`from < to`).
    pub(super) fn span_of(&self, from: usize, to: usize) -> Span {
        Span::new(self.orig[from].0, self.orig[to - 1].1)
    }

    /// True when collapsed characters `at - 1` and `at` are both word characters: a cut
    /// there splits a word.
    pub(super) fn splits_word(&self, at: usize) -> bool {
        at > 0
            && at < self.chars.len()
            && is_word_char(self.chars[at - 1])
            && is_word_char(self.chars[at])
    }

    /// True when the range `from..to` cuts a word at an edge where the original quote did not.
    pub(super) fn cuts_words(&self, from: usize, to: usize, edges: Edges) -> bool {
        (!edges.start_inside && self.splits_word(from))
            || (!edges.end_inside && self.splits_word(to))
    }

    /// [`Matcher::place`], with the filter's counters passed in.
    fn place_with(&self, anchor: &Anchor, scratch: &mut Vec<u32>) -> Placement {
        let text = self.article.text();
        let old_byte = anchor
            .start
            .and_then(|start| self.article.byte_of_char(start));
        // Fast path: the quote and its whole stored context are still there, unchanged.
        if let Some(byte) = old_byte {
            let end = byte + anchor.quote.text.len();
            let span = Span::new(byte, end);
            if text.get(byte..end) == Some(anchor.quote.text.as_str())
                && text[..byte].ends_with(&anchor.quote.prefix)
                && text[end..].starts_with(&anchor.quote.suffix)
            {
                return Placement::Kept(span);
            }
        }
        let quote: Vec<char> = collapse(&anchor.quote.text).chars().collect();
        let trimmed = trim_spaces(&quote);
        if trimmed.is_empty() {
            return Placement::Orphaned;
        }
        let expected = match (anchor.start, old_byte) {
            (_, Some(byte)) => self.index_of_byte(byte),
            (Some(_), None) => self.chars.len(),
            (None, None) => 0,
        };
        let prefix: Vec<char> = collapse(&anchor.quote.prefix).chars().collect();
        let suffix: Vec<char> = collapse(&anchor.quote.suffix).chars().collect();
        let edges = Edges::of(trimmed, &prefix, &suffix);
        if let Some(placement) =
            self.exact(anchor, &quote, &prefix, &suffix, old_byte, expected, edges)
        {
            return placement;
        }
        self.approximate(trimmed, expected, edges, scratch)
    }

    /// Step 2: exact occurrences of the collapsed quote, best context first. Occurrences
    /// that would cut a word the original did not cut are skipped (the "14" of "2014").
    #[allow(clippy::too_many_arguments)]
    fn exact(
        &self,
        anchor: &Anchor,
        quote: &[char],
        prefix: &[char],
        suffix: &[char],
        old_byte: Option<usize>,
        expected: usize,
        edges: Edges,
    ) -> Option<Placement> {
        let needle: String = quote.iter().collect();
        let text = self.article.text();
        let lead = quote.iter().take_while(|c| **c == ' ').count();
        let trail = quote[lead..]
            .iter()
            .rev()
            .take_while(|c| **c == ' ')
            .count();
        // Ranked by context characters matched, then "at the old offsets", then nearness.
        type Rank = (usize, bool, std::cmp::Reverse<usize>);
        let mut best: Option<(Rank, Span)> = None;
        for (byte, _) in self.norm.match_indices(&needle).take(MAX_CANDIDATES) {
            let Ok(from) = self.norm_byte.binary_search(&byte) else {
                continue;
            };
            let to = from + quote.len();
            let span = self.span_of(from, to);
            let Some(slice) = span.slice(text) else {
                continue;
            };
            if slice.trim().is_empty() || self.cuts_words(from + lead, to - trail, edges) {
                continue;
            }
            let here = old_byte == Some(span.start) && slice == anchor.quote.text;
            let before = self.chars[..from]
                .iter()
                .rev()
                .zip(prefix.iter().rev())
                .take_while(|(a, b)| a == b)
                .count();
            let after = self.chars[to..]
                .iter()
                .zip(suffix)
                .take_while(|(a, b)| a == b)
                .count();
            let key = (
                before + after,
                here,
                std::cmp::Reverse(from.abs_diff(expected)),
            );
            if best.as_ref().is_none_or(|(k, _)| key > *k) {
                best = Some((key, span));
            }
        }
        best.map(|((_, here, _), span)| {
            if here {
                Placement::Kept(span)
            } else {
                Placement::Moved(span)
            }
        })
    }

    /// The q-gram index for `q` (2 or 3), built on first use.
    pub(super) fn index(&self, q: usize) -> &QGramIndex {
        let cell = if q == 2 {
            &self.bigrams
        } else {
            &self.trigrams
        };
        cell.get_or_init(|| QGramIndex::new(&self.chars, q))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapse_whitespace() {
        assert_eq!(collapse("a \n\n b\tc"), "a b c");
    }
}
