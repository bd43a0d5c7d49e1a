//! Suggestions: rule-based candidate spans an analyst accepts or rejects: statistics, quotes
//! (direct and reported, with their speakers) and check-worthy claims. Pure functions of the
//! article text (no egui, no files, no clock); the cue lists are data files in
//! `assets/suggest/`, embedded at build time. `docs/SUGGEST.md` is the guideline they follow.

mod attribution;
mod claims;
mod cues;
pub mod eval;
mod names;
mod pending;
mod quotes;
mod reported;
mod sentences;
mod statistics;
mod words;

use crate::model::{Span, Tag};
pub use pending::Pending;

/// What a suggestion is. Direct quotes and reported speech both become Quote annotations;
/// they are told apart because the evaluation (and the reason shown) treats them apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A number with what it counts or measures.
    Statistic,
    /// A direct quotation, marks included.
    Quote,
    /// Reported speech: what a speaker said, in the writer's words.
    Reported,
    /// A check-worthy sentence.
    Claim,
}

impl Kind {
    /// Every kind, in this order.
    pub const ALL: [Self; 4] = [Self::Statistic, Self::Quote, Self::Reported, Self::Claim];

    /// The tag an accepted suggestion of this kind gets.
    pub fn tag(self) -> Tag {
        match self {
            Self::Statistic => Tag::Statistic,
            Self::Quote | Self::Reported => Tag::Quote,
            Self::Claim => Tag::Claim,
        }
    }

    /// Its name in label files and the evaluation's table.
    pub fn name(self) -> &'static str {
        match self {
            Self::Statistic => "statistic",
            Self::Quote => "quote",
            Self::Reported => "reported",
            Self::Claim => "claim",
        }
    }
}

/// One suggestion: a span of the article with what it would be, why, and for quotes who said
/// it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    /// What it is.
    pub kind: Kind,
    /// Where (bytes of the article text, on `char` boundaries, never empty).
    pub span: Span,
    /// A few words for the analyst: "percentage", "quote, speaker after it", "statistic +
    /// attribution".
    pub reason: String,
    /// Who said it (quotes and reported speech), when the rules found a name.
    pub speaker: Option<String>,
    /// How check-worthy (claims; higher first); 0 for the other kinds.
    pub score: u32,
}

impl Suggestion {
    /// The tag it becomes when accepted.
    pub fn tag(&self) -> Tag {
        self.kind.tag()
    }
}

/// Every suggestion for `text`, in document order (by start, longer first, then kind).
pub fn suggest(text: &str) -> Vec<Suggestion> {
    let paragraphs = sentences::paragraphs(text);
    let sentences = sentences::sentences(text, &paragraphs);
    let ranges: Vec<std::ops::Range<usize>> = sentences.iter().map(|s| s.range.clone()).collect();
    let people = names::People::of(text, &ranges);
    let mut out: Vec<Suggestion> = statistics::find(text, &paragraphs)
        .into_iter()
        .map(|s| Suggestion {
            kind: Kind::Statistic,
            span: Span::new(s.range.start, s.range.end),
            reason: s.reason.to_owned(),
            speaker: None,
            score: 0,
        })
        .collect();
    let quoted = quotes::find(text, &paragraphs);
    for found in attribution::attribute(text, &paragraphs, &sentences, &quoted, &people) {
        out.push(Suggestion {
            kind: if found.reported {
                Kind::Reported
            } else {
                Kind::Quote
            },
            span: Span::new(found.range.start, found.range.end),
            reason: found.reason,
            speaker: found.speaker,
            score: 0,
        });
    }
    // Every span without surrounding whitespace, and none empty: what a session accepts.
    out.retain_mut(|s| match tidy(text, s.span) {
        Some(span) => {
            s.span = span;
            true
        }
        None => false,
    });
    out.sort_by_key(|s| s.span.start);
    let claims = claims_of(text, &sentences, &out);
    out.extend(claims);
    out.sort_by_key(|s| (s.span.start, std::cmp::Reverse(s.span.end), s.kind));
    out
}

/// `span` without whitespace at either end, if anything but whitespace is left.
fn tidy(text: &str, span: Span) -> Option<Span> {
    let slice = span.slice(text)?;
    let trimmed = slice.trim();
    if trimmed.is_empty() {
        return None;
    }
    let start = span.start + (slice.len() - slice.trim_start().len());
    Some(Span::new(start, start + trimmed.len()))
}

/// The claims among `sentences`, given the other suggestions (sorted by start) as evidence.
/// One sweep over both lists: the suggestions still open (ending after the sentence starts)
/// are kept aside, so the cost grows with the text, not with sentences × suggestions.
fn claims_of(
    text: &str,
    sentences: &[sentences::Sentence],
    found: &[Suggestion],
) -> Vec<Suggestion> {
    let mut out = Vec::new();
    let mut next = 0;
    let mut open: Vec<&Suggestion> = Vec::new();
    for sentence in sentences {
        let range = sentence.range.clone();
        open.retain(|s| s.span.end > range.start);
        while next < found.len() && found[next].span.start < range.end {
            if found[next].span.end > range.start {
                open.push(&found[next]);
            }
            next += 1;
        }
        let mut evidence = claims::Evidence::default();
        let mut quoted = 0;
        for s in &open {
            let inside = s.span.start.max(range.start)..s.span.end.min(range.end);
            if inside.is_empty() {
                continue;
            }
            match s.kind {
                Kind::Statistic => evidence.statistics += 1,
                Kind::Quote => {
                    quoted += inside.len();
                    evidence.attributed |= s.speaker.is_some();
                }
                Kind::Reported => evidence.attributed |= s.speaker.is_some(),
                Kind::Claim => {}
            }
        }
        evidence.quoted_percent = quoted * 100 / range.len().max(1);
        if let Some(claim) = claims::score(text, sentence, evidence) {
            out.push(Suggestion {
                kind: Kind::Claim,
                span: Span::new(claim.range.start, claim.range.end),
                reason: claim.reason,
                speaker: None,
                score: claim.score,
            });
        }
    }
    out
}
