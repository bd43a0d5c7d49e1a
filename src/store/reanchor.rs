//! Re-anchoring: placing a session's annotations on a changed article text, in the spirit of
//! the W3C Web Annotation `TextQuoteSelector` (quote plus prefix/suffix context).
//!
//! Each annotation (and each orphan, which may find its place again) is tried in turn:
//!
//! 1. **kept**: the same quote at the same code-point offsets, with the best context;
//! 2. **moved**: the same quote (ignoring how whitespace and line breaks are laid out)
//!    elsewhere; among several occurrences the one whose surrounding text best matches the
//!    stored prefix/suffix wins, then the one nearest the old position;
//! 3. **fuzzy**: the closest approximate occurrence (fewest character insertions, deletions
//!    and substitutions, Sellers' algorithm with Ukkonen's cut-off) if it is at least
//!    [`FUZZY_THRESHOLD_PERCENT`] % similar;
//! 4. otherwise an **orphan**: kept in the session with its tag, note, quote and context.
//!
//! Nothing is dropped: every id of the input session is in the output, as an annotation or an
//! orphan. The approximate search is written here rather than taken from a crate: string
//! distance crates (e.g. `strsim`) compare whole strings, while this needs the best matching
//! *substring* of a long text, with a cut-off and a work budget ([`MAX_FUZZY_CELLS`]) so a
//! huge article cannot stall the program.

use std::sync::Arc;

use std::cell::OnceCell;

use crate::model::{Annotation, AnnotationId, Article, EditError, Orphan, Session, Span};

mod search;

use crate::progress::Progress;
#[cfg(test)]
use search::best_match;
use search::{QGramIndex, best_end, bounded_distance, gram, start_of, trim_spaces};

/// Characters of context stored before and after each annotation.
pub const CONTEXT_CHARS: usize = 32;

/// Least similarity (percent; 100 − 100 × edits / length) for an approximate match.
pub const FUZZY_THRESHOLD_PERCENT: usize = 80;

/// Most dynamic-programming cells one approximate search may visit (quote length × text
/// window). Beyond it the search looks only at a window around the old position.
pub const MAX_FUZZY_CELLS: usize = 40_000_000;

/// Most exact occurrences of one quote that are compared by context.
const MAX_CANDIDATES: usize = 10_000;

/// The text just before and just after `span` in `text`: up to [`CONTEXT_CHARS`] characters
/// each (fewer at the start or end of the text). Empty strings for a span that is not a valid
/// range of `text`.
pub fn context(text: &str, span: Span) -> (&str, &str) {
    let before = text.get(..span.start).unwrap_or("");
    let after = text.get(span.end..).unwrap_or("");
    let prefix_start = before
        .char_indices()
        .rev()
        .nth(CONTEXT_CHARS - 1)
        .map_or(0, |(b, _)| b);
    let suffix_end = after
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map_or(after.len(), |(b, _)| b);
    (&before[prefix_start..], &after[..suffix_end])
}

/// What to look for: a quote with its context and, for an annotation, its old position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Anchor {
    /// The annotation or orphan this anchor belongs to.
    pub id: AnnotationId,
    /// The annotated text.
    pub text: String,
    /// Text just before it in the old article.
    pub prefix: String,
    /// Text just after it in the old article.
    pub suffix: String,
    /// Old start, in code points; `None` for an orphan.
    pub start: Option<usize>,
}

/// The anchors of a session: its annotations in document order (quote, context and position
/// from the embedded article, exactly what a format v2 file stores), then its orphans.
pub fn anchors_of(session: &Session) -> Vec<Anchor> {
    let article = session.article();
    let text = article.text();
    let mut anchors: Vec<Anchor> = session
        .annotations()
        .iter()
        .map(|a| {
            let (prefix, suffix) = context(text, a.span);
            Anchor {
                id: a.id,
                text: session.text_of(a).to_owned(),
                prefix: prefix.to_owned(),
                suffix: suffix.to_owned(),
                start: article.char_of_byte(a.span.start),
            }
        })
        .collect();
    anchors.extend(session.orphans().iter().map(|o| Anchor {
        id: o.id,
        text: o.text.clone(),
        prefix: o.prefix.clone(),
        suffix: o.suffix.clone(),
        start: None,
    }));
    anchors
}

/// Where an anchor landed in the new text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// Same quote at the same offsets.
    Kept(Span),
    /// Same quote (whitespace aside) at another place.
    Moved(Span),
    /// A similar text.
    Fuzzy {
        /// Where (bytes of the new text).
        span: Span,
        /// How similar, in percent.
        similarity: usize,
    },
    /// Not found.
    Orphaned,
}

impl Placement {
    /// The span found, if any.
    pub fn span(self) -> Option<Span> {
        match self {
            Self::Kept(span) | Self::Moved(span) | Self::Fuzzy { span, .. } => Some(span),
            Self::Orphaned => None,
        }
    }

    /// The outcome without the span.
    pub fn outcome(self) -> Outcome {
        match self {
            Self::Kept(_) => Outcome::Kept,
            Self::Moved(_) => Outcome::Moved,
            Self::Fuzzy { similarity, .. } => Outcome::Fuzzy { similarity },
            Self::Orphaned => Outcome::Orphaned,
        }
    }
}

/// What happened to one annotation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Same text at the same offsets.
    Kept,
    /// Same text at another place.
    Moved,
    /// Attached to a similar text (percent similarity).
    Fuzzy {
        /// How similar, in percent.
        similarity: usize,
    },
    /// Not found: now (or still) an orphan.
    Orphaned,
}

/// The result of [`reanchor`]: counts for the user, and the outcome of every id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReanchorReport {
    /// Annotations whose text is still at the same offsets.
    pub kept: usize,
    /// Annotations (or orphans found again) whose exact text moved.
    pub moved: usize,
    /// Annotations (or orphans found again) attached to a similar text.
    pub fuzzy: usize,
    /// Annotations that became orphans, plus orphans not found again.
    pub orphaned: usize,
    /// Every id of the input session with its outcome: annotations in document order, then
    /// the input's orphans.
    pub outcomes: Vec<(AnnotationId, Outcome)>,
}

impl ReanchorReport {
    /// Number of annotations and orphans considered (always the input session's total).
    pub fn total(&self) -> usize {
        self.kept + self.moved + self.fuzzy + self.orphaned
    }

    fn record(&mut self, id: AnnotationId, outcome: Outcome) {
        match outcome {
            Outcome::Kept => self.kept += 1,
            Outcome::Moved => self.moved += 1,
            Outcome::Fuzzy { .. } => self.fuzzy += 1,
            Outcome::Orphaned => self.orphaned += 1,
        }
        self.outcomes.push((id, outcome));
    }
}

impl std::fmt::Display for ReanchorReport {
    /// "8 kept, 2 moved, 1 fuzzy, 1 orphaned".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} kept, {} moved, {} fuzzy, {} orphaned",
            self.kept, self.moved, self.fuzzy, self.orphaned
        )
    }
}

/// A session moved onto a new article, and what happened on the way.
#[derive(Clone, Debug)]
pub struct Reanchored {
    /// The new session: the new article, the placed annotations, and the orphans.
    pub session: Session,
    /// Counts and per-id outcomes.
    pub report: ReanchorReport,
}

/// Moves `session`'s annotations (and orphans) onto `article`, which replaces its article.
/// Tags, notes and ids are kept; annotations that cannot be placed become orphans, and
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
    let mut target = Target::new(&article);
    target.filter = filter;
    let mut scratch = Vec::new();
    let mut report = ReanchorReport::default();
    let mut annotations = Vec::with_capacity(session.annotations().len());
    let mut orphans = Vec::new();
    let tags = session
        .annotations()
        .iter()
        .map(|a| (a.tag, &a.note))
        .chain(session.orphans().iter().map(|o| (o.tag, &o.note)));
    for (anchor, (tag, note)) in anchors.into_iter().zip(tags) {
        if progress.is_cancelled() {
            return Ok(None);
        }
        let placement = target.place(&anchor, &mut scratch);
        progress.advance(1);
        report.record(anchor.id, placement.outcome());
        match placement.span() {
            Some(span) => annotations.push(Annotation {
                id: anchor.id,
                tag,
                span,
                note: note.clone(),
            }),
            None => orphans.push(Orphan {
                id: anchor.id,
                tag,
                text: anchor.text,
                prefix: anchor.prefix,
                suffix: anchor.suffix,
                note: note.clone(),
            }),
        }
    }
    drop(target);
    let session = Session::from_parts(article, annotations, orphans)?;
    Ok(Some(Reanchored { session, report }))
}

/// Reads the updated version of `current` (the article a session is on) from `path`, for
/// [`reanchor`]: the one place the command line and the window's "Attach updated article…"
/// turn a file into the new article.
///
/// - A **session** (a `.ron` file, or any file that starts with a session header, see
///   [`super::load::is_session_file`]) is loaded and validated, and its embedded article is
///   the new article, with its own title, source and import record. It is never read as
///   plain text (which would "move" every annotation into RON markup).
/// - Any other file is **imported** ([`crate::import::import_file`]): its text and import
///   record, `path` as the source, and `current`'s title, since an updated version of a
///   story keeps its name (an importer can only guess one from the file).
///
/// This sits in `store` and calls `import` (which calls `store` to open sessions): the
/// choice between the two is about the session format, which `store` owns.
///
/// # Errors
///
/// The session's [`super::LoadError`] or the article's [`crate::import::ImportError`].
pub fn updated_article(
    path: &std::path::Path,
    current: &Article,
) -> Result<Article, crate::import::OpenError> {
    if super::load::is_session_file(path) {
        let session = super::load(path)?;
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

/// The new text, indexed for searching: whitespace runs collapsed to one space, with each
/// collapsed character's byte range in the original text, and (built on first use) q-gram
/// indexes of the collapsed characters for the approximate search.
struct Target<'a> {
    article: &'a Article,
    /// The collapsed text.
    norm: String,
    /// Byte offset in `norm` of each collapsed character.
    norm_byte: Vec<usize>,
    /// The collapsed characters.
    chars: Vec<char>,
    /// Byte range in the article text of each collapsed character.
    orig: Vec<(usize, usize)>,
    /// Whether the approximate search uses the q-gram filter (always, except to compare).
    filter: bool,
    /// Index of the 3-grams of `chars`, built once per re-anchoring when first needed.
    trigrams: OnceCell<QGramIndex>,
    /// Index of the 2-grams, for quotes too short for a useful 3-gram bound.
    bigrams: OnceCell<QGramIndex>,
}

/// `text` with every run of whitespace replaced by one space.
fn collapse(text: &str) -> String {
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
struct Edges {
    /// The old text had a word character right before the quote and the quote starts with one.
    start_inside: bool,
    /// The quote ends with a word character and the old text had one right after it.
    end_inside: bool,
}

/// Characters that make up words, for snapping matches to word boundaries.
fn is_word_char(c: char) -> bool {
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

impl<'a> Target<'a> {
    fn new(article: &'a Article) -> Self {
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
        }
    }

    /// The collapsed-character index at or after byte `byte` of the original text.
    fn index_of_byte(&self, byte: usize) -> usize {
        self.orig.partition_point(|&(start, _)| start < byte)
    }

    /// The original byte span of collapsed characters `from..to` (`from < to`).
    fn span_of(&self, from: usize, to: usize) -> Span {
        Span::new(self.orig[from].0, self.orig[to - 1].1)
    }

    /// True when collapsed characters `at - 1` and `at` are both word characters: a cut
    /// there splits a word.
    fn splits_word(&self, at: usize) -> bool {
        at > 0
            && at < self.chars.len()
            && is_word_char(self.chars[at - 1])
            && is_word_char(self.chars[at])
    }

    /// True when the range `from..to` cuts a word at an edge where the original quote did not.
    fn cuts_words(&self, from: usize, to: usize, edges: Edges) -> bool {
        (!edges.start_inside && self.splits_word(from))
            || (!edges.end_inside && self.splits_word(to))
    }

    /// Finds where `anchor` belongs in this text. `scratch` is reused between calls.
    fn place(&self, anchor: &Anchor, scratch: &mut Vec<u32>) -> Placement {
        let text = self.article.text();
        let old_byte = anchor
            .start
            .and_then(|start| self.article.byte_of_char(start));
        // Fast path: the quote and its whole stored context are still there, unchanged.
        if let Some(byte) = old_byte {
            let end = byte + anchor.text.len();
            let span = Span::new(byte, end);
            if text.get(byte..end) == Some(anchor.text.as_str())
                && text[..byte].ends_with(&anchor.prefix)
                && text[end..].starts_with(&anchor.suffix)
            {
                return Placement::Kept(span);
            }
        }
        let quote: Vec<char> = collapse(&anchor.text).chars().collect();
        let trimmed = trim_spaces(&quote);
        if trimmed.is_empty() {
            return Placement::Orphaned;
        }
        let expected = match (anchor.start, old_byte) {
            (_, Some(byte)) => self.index_of_byte(byte),
            (Some(_), None) => self.chars.len(),
            (None, None) => 0,
        };
        let prefix: Vec<char> = collapse(&anchor.prefix).chars().collect();
        let suffix: Vec<char> = collapse(&anchor.suffix).chars().collect();
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
            let here = old_byte == Some(span.start) && slice == anchor.text;
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
    fn index(&self, q: usize) -> &QGramIndex {
        let cell = if q == 2 {
            &self.bigrams
        } else {
            &self.trigrams
        };
        cell.get_or_init(|| QGramIndex::new(&self.chars, q))
    }

    /// Step 3: the closest approximate occurrence, if similar enough, snapped to words.
    fn approximate(
        &self,
        quote: &[char],
        expected: usize,
        edges: Edges,
        scratch: &mut Vec<u32>,
    ) -> Placement {
        let m = quote.len();
        let k = m * (100 - FUZZY_THRESHOLD_PERCENT) / 100;
        if k == 0 || m * (m + k) > MAX_FUZZY_CELLS {
            return Placement::Orphaned;
        }
        let n = self.chars.len();
        let width = (MAX_FUZZY_CELLS / m).max(m + k);
        let (lo, hi) = if n <= width {
            (0, n)
        } else {
            let lo = expected.saturating_sub(width / 2).min(n - width);
            (lo, lo + width)
        };
        let target_end = lo + expected.saturating_sub(lo) + m;
        let found = if self.filter && u32::try_from(n).is_ok() {
            self.filtered_best_end(quote, k, lo, hi, target_end, scratch)
        } else {
            best_end(quote, &self.chars[lo..hi], k, lo, target_end, lo..=hi)
        };
        let Some((distance, _, end)) = found else {
            return Placement::Orphaned;
        };
        let from = lo + start_of(quote, &self.chars[lo..hi], end - lo, k);
        let found = trim_spaces(&self.chars[from..end]);
        if found.is_empty() {
            return Placement::Orphaned;
        }
        let lead = self.chars[from..end]
            .iter()
            .take_while(|c| **c == ' ')
            .count();
        let (from, to) = (from + lead, from + lead + found.len());
        let similarity = 100 - (100 * distance).div_ceil(m.max(to - from));
        if similarity < FUZZY_THRESHOLD_PERCENT {
            return Placement::Orphaned;
        }
        if !self.cuts_words(from, to, edges) {
            return Placement::Fuzzy {
                span: self.span_of(from, to),
                similarity,
            };
        }
        self.snapped(quote, from, to, k, edges)
    }

    /// A fuzzy match `from..to` that cuts a word, moved to word boundaries: each cut edge
    /// is tried both widened to take the whole word and narrowed to leave it out; the most
    /// similar result that still reaches the threshold wins (widening on a tie). `None`
    /// (an orphan) when no snapped range is similar enough: half a word is never attached.
    fn snapped(&self, quote: &[char], from: usize, to: usize, k: usize, edges: Edges) -> Placement {
        let mut starts = vec![from];
        if !edges.start_inside && self.splits_word(from) {
            let mut wide = from;
            while wide > 0 && is_word_char(self.chars[wide - 1]) {
                wide -= 1;
            }
            let mut narrow = from;
            while narrow < to && is_word_char(self.chars[narrow]) {
                narrow += 1;
            }
            while narrow < to && self.chars[narrow] == ' ' {
                narrow += 1;
            }
            starts = vec![wide, narrow];
        }
        let mut ends = vec![to];
        if !edges.end_inside && self.splits_word(to) {
            let mut wide = to;
            while wide < self.chars.len() && is_word_char(self.chars[wide]) {
                wide += 1;
            }
            let mut narrow = to;
            while narrow > from && is_word_char(self.chars[narrow - 1]) {
                narrow -= 1;
            }
            while narrow > from && self.chars[narrow - 1] == ' ' {
                narrow -= 1;
            }
            ends = vec![wide, narrow];
        }
        let m = quote.len();
        let mut best: Option<(usize, usize, usize)> = None; // (similarity, from, to)
        for &s in &starts {
            for &e in &ends {
                if s >= e {
                    continue;
                }
                let Some(d) = bounded_distance(quote, &self.chars[s..e], k) else {
                    continue;
                };
                let similarity = 100 - (100 * d).div_ceil(m.max(e - s));
                if similarity >= FUZZY_THRESHOLD_PERCENT
                    && best.is_none_or(|(b, _, _)| similarity > b)
                {
                    best = Some((similarity, s, e));
                }
            }
        }
        match best {
            Some((similarity, s, e)) => Placement::Fuzzy {
                span: self.span_of(s, e),
                similarity,
            },
            None => Placement::Orphaned,
        }
    }

    /// [`best_end`] over `lo..hi`, run only where the q-gram lemma allows a match: a
    /// substring within `k` edits of the `m`-character quote keeps at least
    /// `m − q + 1 − k·q` of the quote's q-grams intact, all on k + 1 adjacent diagonals.
    /// Hits come from the q-gram index (built once per re-anchoring), are counted per group
    /// of diagonals, and only where two adjacent groups hold enough does the exact search
    /// run, on a short stretch. Same result as the full search (the earliest of the equally
    /// good ends); when nothing is close, it costs the index look-ups, not a pass over the
    /// whole text.
    fn filtered_best_end(
        &self,
        quote: &[char],
        k: usize,
        lo: usize,
        hi: usize,
        target_end: usize,
        scratch: &mut Vec<u32>,
    ) -> Option<(usize, usize, usize)> {
        let m = quote.len();
        let full = || best_end(quote, &self.chars[lo..hi], k, lo, target_end, lo..=hi);
        // 3-grams filter better; short quotes need 2-grams for a bound of 2 or more.
        let q = if (m + 1).saturating_sub(3 * (k + 1)) >= 2 {
            3
        } else {
            2
        };
        let Some(threshold) = (m + 1).checked_sub(q * (k + 1)).filter(|t| *t > 0) else {
            return full();
        };
        let index = self.index(q);
        // The quote's distinct q-grams: where each is in the quote, and where in the text.
        let mut grams: Vec<(u64, usize)> = quote.windows(q).map(gram).zip(0..).collect();
        grams.sort_unstable();
        let mut distinct: Vec<(Vec<usize>, &[u32])> = Vec::new();
        for run in grams.chunk_by(|a, b| a.0 == b.0) {
            let at: Vec<usize> = run.iter().map(|&(_, i)| i).collect();
            distinct.push((at, index.occurrences(run[0].0)));
        }
        // The most frequent q-grams (" th", "the") cost the most to count: leave them out
        // while the bound, lowered by each left-out quote position, stays at 3/4 or more
        // (measured: lower bounds let through more candidates than they save in counting).
        distinct.sort_unstable_by_key(|(_, at)| std::cmp::Reverse(at.len()));
        let floor = (threshold * 3).div_ceil(4);
        let mut need = threshold;
        let mut kept = distinct.as_slice();
        while let Some(((times, at), rest)) = kept.split_first() {
            if at.is_empty() || need - floor < times.len() {
                break;
            }
            need -= times.len();
            kept = rest;
        }
        if kept.iter().map(|(i, at)| i.len() * at.len()).sum::<usize>() < need {
            return None;
        }
        // An alignment with at most k insertions and deletions stays within k + 1 adjacent
        // diagonals (text position − quote position), and every q-gram it keeps intact is a
        // hit on one of them. So count hits per group of k + 1 diagonals (shifted by m to
        // stay positive): a match needs `need` hits in two adjacent groups. Scattered hits
        // of common words fall on unrelated diagonals, unlike a block count.
        let band = k + 1;
        let groups = (self.chars.len() + m) / band + 2;
        if scratch.len() < groups {
            scratch.resize(groups, 0);
        }
        let mut touched = Vec::new();
        for (positions, at) in kept {
            for &p in *at {
                for &i in positions {
                    let g = (p as usize + m - i) / band;
                    if scratch[g] == 0 {
                        touched.push(g);
                    }
                    scratch[g] += 1;
                }
            }
        }
        let need = u32::try_from(need).unwrap_or(u32::MAX);
        let mut pairs = Vec::new();
        for &g in &touched {
            for pair in [g.saturating_sub(1), g] {
                if scratch[pair] + scratch[pair + 1] >= need {
                    pairs.push(pair);
                }
            }
        }
        for &g in &touched {
            scratch[g] = 0;
        }
        pairs.sort_unstable();
        pairs.dedup();
        // Group pair G holds diagonals [G·band − m, (G + 2)·band − m); the match starts on
        // one of them and ends between m − k and m + k characters later. Merge these end
        // ranges, then search each with `w` characters of lead-in so the search is exact.
        let w = m + k;
        let mut ranges: Vec<(usize, usize)> = Vec::new();
        for g in pairs {
            let first = (g * band + m - k).saturating_sub(m);
            let last = ((g + 2) * band + m + k).saturating_sub(m);
            let range = (first.max(lo + 1), last.min(hi + 1));
            if range.0 >= range.1 {
                continue;
            }
            match ranges.last_mut() {
                Some(last) if last.1 >= range.0 => last.1 = last.1.max(range.1),
                _ => ranges.push(range),
            }
        }
        let mut best: Option<(usize, usize, usize)> = None;
        for (first, last) in ranges {
            let start = first.saturating_sub(w).max(lo);
            let stop = (last - 1).min(hi);
            let found = best_end(
                quote,
                &self.chars[start..stop],
                k,
                start,
                target_end,
                first..=last - 1,
            );
            if let Some(found) = found
                && best.is_none_or(|b| (found.0, found.1) < (b.0, b.1))
            {
                best = Some(found);
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_is_bounded_and_on_char_boundaries() {
        let text = "č".repeat(40) + "X" + &"🙂".repeat(40);
        let span = Span::new(80, 81);
        let (prefix, suffix) = context(&text, span);
        assert_eq!(prefix, "č".repeat(32));
        assert_eq!(suffix, "🙂".repeat(32));
        assert_eq!(context("abc", Span::new(0, 3)), ("", ""));
        assert_eq!(context("abc", Span::new(1, 2)), ("a", "c"));
    }

    #[test]
    fn approximate_search_finds_a_typo_fix() {
        let text: Vec<char> = "so it was said that over 50,000 people left"
            .chars()
            .collect();
        let pattern: Vec<char> = "over 50,00 people".chars().collect();
        let (start, end, d) = best_match(&pattern, &text, 3, 0).unwrap();
        let found: String = text[start..end].iter().collect();
        assert_eq!((found.as_str(), d), ("over 50,000 people", 1));
        assert!(
            best_match(
                &pattern,
                &"nothing like it".chars().collect::<Vec<_>>(),
                3,
                0
            )
            .is_none()
        );
    }

    /// Plain edit distance, for checking the cut-off search against.
    fn distance(a: &[char], b: &[char]) -> usize {
        let mut row: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.iter().enumerate() {
            let mut next = vec![i + 1];
            for (j, cb) in b.iter().enumerate() {
                next.push(
                    (row[j] + usize::from(ca != cb))
                        .min(row[j + 1] + 1)
                        .min(next[j] + 1),
                );
            }
            row = next;
        }
        row[b.len()]
    }

    #[test]
    fn cut_off_search_agrees_with_brute_force() {
        let mut rng = crate::testing::Rng::new(0x1234_5678);
        let mut next = |n: usize| rng.below(n);
        let alphabet = ['a', 'b', 'c', ' '];
        for _ in 0..2000 {
            let text: Vec<char> = (0..next(14)).map(|_| alphabet[next(3)]).collect();
            let pattern: Vec<char> = (0..1 + next(6)).map(|_| alphabet[next(4)]).collect();
            let k = next(4).min(pattern.len() - 1); // as in use: fewer edits than characters
            let mut best = usize::MAX;
            for s in 0..=text.len() {
                for e in s..=text.len() {
                    best = best.min(distance(&pattern, &text[s..e]));
                }
            }
            match best_match(&pattern, &text, k, 0) {
                Some((s, e, d)) => {
                    assert_eq!(d, best, "{pattern:?} in {text:?}, k {k}");
                    assert_eq!(
                        distance(&pattern, &text[s..e]),
                        d,
                        "{pattern:?} in {text:?}"
                    );
                }
                None => assert!(best > k, "{pattern:?} in {text:?}: {best} <= {k}"),
            }
        }
    }

    #[test]
    fn the_q_gram_filter_agrees_with_the_full_search() {
        let mut rng = crate::testing::Rng::new(0x0051_7E42);
        let alphabet = ['a', 'b', 'c', 'd', ' '];
        for case in 0..3000 {
            let len = rng.below(400);
            let text: String = (0..len).map(|_| alphabet[rng.below(5)]).collect();
            let article = Article::new("t", None, text);
            let target = Target::new(&article);
            let n = target.chars.len();
            let m = 5 + rng.below(25);
            // Half the patterns are edited copies of a piece of the text (near matches),
            // half are random (mostly no match).
            let mut pattern: Vec<char> = if n > m && case % 2 == 0 {
                let at = rng.below(n - m);
                target.chars[at..at + m].to_vec()
            } else {
                (0..m).map(|_| alphabet[rng.below(5)]).collect()
            };
            for _ in 0..rng.below(4) {
                let at = rng.below(pattern.len());
                pattern[at] = alphabet[rng.below(5)];
            }
            let k = m * (100 - FUZZY_THRESHOLD_PERCENT) / 100;
            let (lo, hi) = if n > 10 && case % 3 == 0 {
                let lo = rng.below(n / 2);
                (lo, lo + rng.below(n - lo))
            } else {
                (0, n)
            };
            let target_end = lo + rng.below(hi - lo + 1) + m;
            let full = best_end(&pattern, &target.chars[lo..hi], k, lo, target_end, lo..=hi);
            let mut scratch = Vec::new();
            let fast = target.filtered_best_end(&pattern, k, lo, hi, target_end, &mut scratch);
            assert_eq!(fast, full, "case {case}: {pattern:?} in {lo}..{hi} of {n}");
            assert!(scratch.iter().all(|&c| c == 0), "scratch is left clean");
        }
    }

    #[test]
    fn bounded_distance_is_the_edit_distance_or_none() {
        let mut rng = crate::testing::Rng::new(0xD15);
        let alphabet = ['x', 'y', 'z'];
        for _ in 0..2000 {
            let a: Vec<char> = (0..rng.below(9)).map(|_| alphabet[rng.below(3)]).collect();
            let b: Vec<char> = (0..rng.below(9)).map(|_| alphabet[rng.below(3)]).collect();
            let k = rng.below(5);
            let d = distance(&a, &b);
            assert_eq!(
                bounded_distance(&a, &b, k),
                (d <= k).then_some(d),
                "{a:?} {b:?} {k}"
            );
        }
    }

    #[test]
    fn collapse_whitespace() {
        assert_eq!(collapse("a \n\n b\tc"), "a b c");
    }
}
