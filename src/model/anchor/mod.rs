//! Anchoring: where an annotation is, said so that it can be found again in a changed text.
//! Owns the quote-plus-context anchor ([`Quote`], [`Anchor`], [`context`]) and, in its
//! submodules, placing anchors in a new text, in the spirit of the W3C Web Annotation
//! `TextQuoteSelector` (quote plus prefix/suffix context).
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
//! 4. otherwise an **orphan**: kept in the session with its body, quote and context.
//!
//! Nothing is dropped: every id of the input session is in the output, as an annotation or an
//! orphan. The approximate search is written here rather than taken from a crate: string
//! distance crates (e.g. `strsim`) compare whole strings, while this needs the best matching
//! *substring* of a long text, with a cut-off and a work budget ([`MAX_FUZZY_CELLS`]) so a
//! huge article cannot stall the program.
//!
//! Pure: no files (reading an updated article is `store`'s job). [`Matcher`] is the entry
//! point for placing anchors one by one in one text; [`reanchor()`] moves a whole session.

mod fuzzy;
mod matcher;
mod reanchor;
mod report;
mod search;

pub use fuzzy::{FUZZY_THRESHOLD_PERCENT, MAX_FUZZY_CELLS};
pub use matcher::Matcher;
pub use reanchor::{Reanchored, reanchor, reanchor_unfiltered, reanchor_with};
pub use report::{Outcome, Placement, ReanchorReport};

use super::{AnnotationId, Session, Span};

/// Characters of context stored before and after each annotation.
pub const CONTEXT_CHARS: usize = 32;

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

/// A quoted text with the text just around it where it was quoted: what an orphan keeps of
/// its place, and (with an id and old position) what an [`Anchor`] looks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quote {
    /// The annotated text (never empty for an orphan).
    pub text: String,
    /// Up to [`CONTEXT_CHARS`] characters just before it (may be empty).
    pub prefix: String,
    /// Up to [`CONTEXT_CHARS`] characters just after it (may be empty).
    pub suffix: String,
}

/// What to look for: a quote with its context and, for an annotation, its old position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Anchor {
    /// The annotation or orphan this anchor belongs to.
    pub id: AnnotationId,
    /// The annotated text and its context in the old article.
    pub quote: Quote,
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
                quote: Quote {
                    text: session.text_of(a).to_owned(),
                    prefix: prefix.to_owned(),
                    suffix: suffix.to_owned(),
                },
                start: article.char_of_byte(a.span.start),
            }
        })
        .collect();
    anchors.extend(session.orphans().iter().map(|o| Anchor {
        id: o.id,
        quote: o.quote.clone(),
        start: None,
    }));
    anchors
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
}
