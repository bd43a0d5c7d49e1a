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

use crate::model::{Annotation, AnnotationId, Article, EditError, Orphan, Session, Span};

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
    let target = Target::new(&article);
    let mut report = ReanchorReport::default();
    let mut annotations = Vec::with_capacity(session.annotations().len());
    let mut orphans = Vec::new();
    let tags = session
        .annotations()
        .iter()
        .map(|a| (a.tag, &a.note))
        .chain(session.orphans().iter().map(|o| (o.tag, &o.note)));
    for (anchor, (tag, note)) in anchors_of(session).into_iter().zip(tags) {
        let placement = target.place(&anchor);
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
    let session = Session::from_parts(article, annotations, orphans)?;
    Ok(Reanchored { session, report })
}

/// The new text, indexed for searching: whitespace runs collapsed to one space, with each
/// collapsed character's byte range in the original text.
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

    /// Finds where `anchor` belongs in this text.
    fn place(&self, anchor: &Anchor) -> Placement {
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
        if let Some(placement) = self.exact(anchor, &quote, &prefix, &suffix, old_byte, expected) {
            return placement;
        }
        self.approximate(trimmed, expected)
    }

    /// Step 2: exact occurrences of the collapsed quote, best context first.
    fn exact(
        &self,
        anchor: &Anchor,
        quote: &[char],
        prefix: &[char],
        suffix: &[char],
        old_byte: Option<usize>,
        expected: usize,
    ) -> Option<Placement> {
        let needle: String = quote.iter().collect();
        let text = self.article.text();
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
            if slice.trim().is_empty() {
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

    /// Step 3: the closest approximate occurrence, if similar enough.
    fn approximate(&self, quote: &[char], expected: usize) -> Placement {
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
        let Some((from, to, distance)) =
            best_match(quote, &self.chars[lo..hi], k, expected.saturating_sub(lo))
        else {
            return Placement::Orphaned;
        };
        let (from, to) = (lo + from, lo + to);
        let found = trim_spaces(&self.chars[from..to]);
        if found.is_empty() {
            return Placement::Orphaned;
        }
        let lead = self.chars[from..to]
            .iter()
            .take_while(|c| **c == ' ')
            .count();
        let (from, to) = (from + lead, from + lead + found.len());
        let similarity = 100 - (100 * distance).div_ceil(m.max(to - from));
        if similarity < FUZZY_THRESHOLD_PERCENT {
            return Placement::Orphaned;
        }
        Placement::Fuzzy {
            span: self.span_of(from, to),
            similarity,
        }
    }
}

/// `chars` without leading and trailing spaces.
fn trim_spaces(chars: &[char]) -> &[char] {
    let start = chars.iter().position(|c| *c != ' ').unwrap_or(chars.len());
    let end = chars
        .iter()
        .rposition(|c| *c != ' ')
        .map_or(start, |e| e + 1);
    &chars[start..end]
}

/// The substring of `text` closest to `pattern` in edit distance, if within `k` edits:
/// `(start, end, distance)`. Among equally close ones, the one ending nearest
/// `expected + pattern.len()`. Sellers' algorithm (free start in the text) with Ukkonen's
/// cut-off: only rows that can still stay within `k` are computed.
fn best_match(
    pattern: &[char],
    text: &[char],
    k: usize,
    expected: usize,
) -> Option<(usize, usize, usize)> {
    let m = pattern.len();
    // col[i] = edit distance of pattern[..i] to the best substring ending here. Rows past
    // `last` are known to exceed k and hold some value above k.
    let mut col: Vec<usize> = (0..=m).collect();
    let mut last = k.min(m);
    let target_end = expected + m;
    let mut best: Option<(usize, usize, usize)> = None; // (distance, gap, end)
    for (j, &c) in text.iter().enumerate() {
        let limit = (last + 1).min(m);
        let mut diag = 0; // D[i-1][j-1]; row 0 is always 0
        let mut above = 0; // D[i-1][j]
        for i in 1..=limit {
            let left = col[i];
            let substitute = diag + usize::from(pattern[i - 1] != c);
            let value = substitute.min(left + 1).min(above + 1);
            diag = left;
            col[i] = value;
            above = value;
        }
        let mut l = limit;
        while l > 0 && col[l] > k {
            l -= 1;
        }
        last = l;
        if limit == m && col[m] <= k {
            let end = j + 1;
            let candidate = (col[m], end.abs_diff(target_end), end);
            if best.is_none_or(|b| (candidate.0, candidate.1) < (b.0, b.1)) {
                best = Some(candidate);
            }
        }
    }
    let (distance, _, end) = best?;
    let start = start_of(pattern, text, end, k);
    Some((start, end, distance))
}

/// Where the best approximate match of `pattern` ending at `end` starts: the start whose
/// substring is closest to `pattern`, preferring a length near the pattern's.
fn start_of(pattern: &[char], text: &[char], end: usize, k: usize) -> usize {
    let m = pattern.len();
    let width = (m + k).min(end);
    // D[i][t] = distance of the last i pattern chars to the last t text chars before `end`.
    let mut row: Vec<usize> = (0..=width).collect(); // i = 0
    for i in 1..=m {
        let p = pattern[m - i];
        let mut next = Vec::with_capacity(width + 1);
        next.push(i);
        for t in 1..=width {
            let substitute = row[t - 1] + usize::from(text[end - t] != p);
            let value = substitute.min(row[t] + 1).min(next[t - 1] + 1);
            next.push(value);
        }
        row = next;
    }
    let best_t = (0..=width)
        .min_by_key(|&t| (row[t], t.abs_diff(m)))
        .unwrap_or(0);
    end - best_t
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
    fn collapse_whitespace() {
        assert_eq!(collapse("a \n\n b\tc"), "a b c");
    }
}
