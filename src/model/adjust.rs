//! Moving one end of a span by a character or a word (Shift+Arrow on a selection or an
//! annotation): pure, so the window and the tests agree on where an end lands.
//!
//! A character is a grapheme cluster (an end never splits 👍🏽 or a letter with its accent);
//! a word is a UAX #29 segment holding a letter or digit, so a word step skips the spaces
//! and punctuation around it. Only a window around the moving end is segmented, so a step
//! costs the same in a 5 MB article as in a tweet.

use unicode_segmentation::UnicodeSegmentation as _;

use super::Span;
use super::words::{ceil_boundary, floor_boundary};

/// How far (bytes) from the moving end the text is segmented. A word longer than this is
/// stepped over in pieces, which is harmless: the end stays on a boundary.
const WINDOW: usize = 512;

/// Which end of the span moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edge {
    /// The first character.
    Start,
    /// One past the last character.
    End,
}

/// How far it moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// One grapheme cluster.
    Character,
    /// To the next (or previous) word boundary.
    Word,
}

/// One adjustment: an end, a unit, a direction (`forward`: towards the end of the text).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Adjust {
    /// The end that moves.
    pub edge: Edge,
    /// By how much.
    pub unit: Unit,
    /// Right (towards the end of the text) or left.
    pub forward: bool,
}

impl Adjust {
    /// True when this makes the span longer (the end moves right, or the start left).
    pub fn grows(self) -> bool {
        self.forward == (self.edge == Edge::End)
    }

    /// The same end and unit, the other way (the other arrow key).
    pub fn opposite(self) -> Self {
        Self {
            forward: !self.forward,
            ..self
        }
    }
}

/// `span` with one end moved as `how` says, or `None` when it cannot move (at the edge of the
/// text) or would leave nothing selected. The result is non-empty and on `char` boundaries.
pub fn adjust(text: &str, span: Span, how: Adjust) -> Option<Span> {
    let (start, end) = (
        floor_boundary(text, span.start),
        ceil_boundary(text, span.end),
    );
    if start >= end {
        return None;
    }
    let moved = match (how.edge, how.unit, how.forward) {
        (Edge::End, Unit::Character, true) => (start, next_grapheme(text, end)?),
        (Edge::End, Unit::Character, false) => (start, previous_grapheme(text, end)?),
        (Edge::Start, Unit::Character, true) => (next_grapheme(text, start)?, end),
        (Edge::Start, Unit::Character, false) => (previous_grapheme(text, start)?, end),
        // Take in the next word (and what lies before it).
        (Edge::End, Unit::Word, true) => (start, word_end_after(text, end)?),
        // Give up the last word: end where the word before it ends.
        (Edge::End, Unit::Word, false) => {
            let last = word_start_before(text, end)?;
            (start, word_end_before(text, last)?)
        }
        // Give up the first word: start where the word after it starts.
        (Edge::Start, Unit::Word, true) => {
            let first = word_end_after(text, start)?;
            (word_start_after(text, first)?, end)
        }
        // Take in the word before.
        (Edge::Start, Unit::Word, false) => (word_start_before(text, start)?, end),
    };
    let moved = Span::new(moved.0, moved.1);
    (moved.start < moved.end && moved != span).then_some(moved)
}

/// The end of the grapheme cluster starting at `offset`.
fn next_grapheme(text: &str, offset: usize) -> Option<usize> {
    let window = &text[offset..ceil_boundary(text, offset + WINDOW)];
    window.graphemes(true).next().map(|g| offset + g.len())
}

/// The start of the grapheme cluster ending at `offset`.
fn previous_grapheme(text: &str, offset: usize) -> Option<usize> {
    let window = &text[floor_boundary(text, offset.saturating_sub(WINDOW))..offset];
    window.graphemes(true).next_back().map(|g| offset - g.len())
}

fn is_word(segment: &str) -> bool {
    segment.chars().any(char::is_alphanumeric)
}

/// Word segments at or after `offset`, with their absolute byte ranges.
fn words_after(text: &str, offset: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    let window = &text[offset..ceil_boundary(text, offset + WINDOW)];
    window
        .split_word_bound_indices()
        .filter(|(_, s)| is_word(s))
        .map(move |(i, s)| (offset + i, offset + i + s.len()))
}

/// Word segments ending at or before `offset`, nearest first.
fn words_before(text: &str, offset: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    let from = floor_boundary(text, offset.saturating_sub(WINDOW));
    text[from..offset]
        .split_word_bound_indices()
        .rev()
        .filter(|(_, s)| is_word(s))
        .map(move |(i, s)| (from + i, from + i + s.len()))
}

fn word_end_after(text: &str, offset: usize) -> Option<usize> {
    words_after(text, offset).next().map(|(_, end)| end)
}

fn word_start_after(text: &str, offset: usize) -> Option<usize> {
    words_after(text, offset).next().map(|(start, _)| start)
}

fn word_start_before(text: &str, offset: usize) -> Option<usize> {
    words_before(text, offset).next().map(|(start, _)| start)
}

fn word_end_before(text: &str, offset: usize) -> Option<usize> {
    words_before(text, offset).next().map(|(_, end)| end)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Over 50,000 people 👍🏽 left, said Viačorka.";

    fn span_of(phrase: &str) -> Span {
        let start = TEXT.find(phrase).unwrap();
        Span::new(start, start + phrase.len())
    }

    fn moved(phrase: &str, edge: Edge, unit: Unit, forward: bool) -> Option<&'static str> {
        let how = Adjust {
            edge,
            unit,
            forward,
        };
        adjust(TEXT, span_of(phrase), how).map(|s| &TEXT[s.range()])
    }

    #[test]
    fn characters_are_whole_clusters() {
        use Edge::{End, Start};
        use Unit::Character as C;
        assert_eq!(moved("50,000", End, C, true), Some("50,000 "));
        assert_eq!(moved("50,000", End, C, false), Some("50,00"));
        assert_eq!(moved("50,000", Start, C, false), Some(" 50,000"));
        assert_eq!(moved("50,000", Start, C, true), Some("0,000"));
        // The skin-tone emoji is one step, never half of it.
        assert_eq!(moved("people ", End, C, true), Some("people 👍🏽"));
        assert_eq!(moved("people 👍🏽", End, C, false), Some("people "));
        assert_eq!(moved("č", End, C, false), None, "never empty");
    }

    #[test]
    fn words_skip_spaces_and_punctuation() {
        use Edge::{End, Start};
        use Unit::Word as W;
        assert_eq!(moved("50,000", End, W, true), Some("50,000 people"));
        assert_eq!(moved("50,000 people", End, W, false), Some("50,000"));
        assert_eq!(moved("50,000 people", Start, W, true), Some("people"));
        assert_eq!(
            moved("50,000 people", Start, W, false),
            Some("Over 50,000 people")
        );
        assert_eq!(
            moved("people 👍🏽 left", End, W, true),
            Some("people 👍🏽 left, said")
        );
        assert_eq!(moved("said Viačorka", End, W, true), None, "no word after");
        assert_eq!(moved("Over", Start, W, false), None, "no word before");
        assert_eq!(moved("people", End, W, false), None, "never empty");
    }

    #[test]
    fn grows_tells_which_way() {
        let how = |edge, forward| Adjust {
            edge,
            unit: Unit::Character,
            forward,
        };
        assert!(how(Edge::End, true).grows());
        assert!(how(Edge::Start, false).grows());
        assert!(!how(Edge::End, false).grows());
        assert!(!how(Edge::Start, true).grows());
    }
}
