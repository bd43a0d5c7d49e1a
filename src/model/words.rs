//! Word boundaries: snapping a dragged range outward to whole words, and the word under a click.
//!
//! Uses Unicode word segmentation (UAX #29), so accents, Cyrillic and CJK snap correctly and
//! a boundary never splits a character. Only a window around the position is segmented, so
//! the cost does not grow with the article.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation as _;

/// How far (bytes) either side of a position is segmented. Words longer than this are cut,
/// which is harmless: the selection then ends at the window edge, still on a char boundary.
const WINDOW: usize = 512;

/// Widens `range` outward to whole words and trims surrounding whitespace. Returns an empty
/// range (at `range.start`, or the nearest char boundary before it within the text) if the
/// range is empty or nothing but whitespace is selected. A reversed range is treated as its
/// ordered form.
pub fn snap_to_words(text: &str, range: Range<usize>) -> Range<usize> {
    let (lo, hi) = (range.start.min(range.end), range.start.max(range.end));
    let lo = floor_boundary(text, lo.min(text.len()));
    let hi = ceil_boundary(text, hi.min(text.len()));
    if range.start == range.end || hi == lo {
        // Nothing selected (a click, or a drag that has not moved yet): not half a word.
        return lo..lo;
    }
    // Widen to the segments at both ends: whole words, and whole emoji sequences and other
    // clusters (a drag ending inside 👍🏽 or 🇧🇾 must not split it).
    let start = segment_containing(text, lo).map_or(lo, |w| w.start.min(lo));
    let last = floor_boundary(text, hi - 1);
    let end = segment_containing(text, last).map_or(hi, |w| w.end.max(hi));
    let snapped = trim_whitespace(text, start..end);
    if snapped.is_empty() { lo..lo } else { snapped }
}

/// The word (a segment with a letter or digit) containing byte `offset`, if any.
pub fn word_at(text: &str, offset: usize) -> Option<Range<usize>> {
    if offset >= text.len() {
        return None;
    }
    word_containing(text, floor_boundary(text, offset))
}

/// Narrows `range` so it neither starts nor ends with whitespace.
pub fn trim_whitespace(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let leading = slice.len() - slice.trim_start().len();
    let trimmed = slice.trim();
    let start = range.start + leading;
    start..start + trimmed.len()
}

/// The UAX #29 segment containing byte `offset` if it is a word (has a letter or digit).
fn word_containing(text: &str, offset: usize) -> Option<Range<usize>> {
    segment_containing(text, offset)
        .filter(|range| text[range.clone()].chars().any(char::is_alphanumeric))
}

/// The UAX #29 word-boundary segment (a word, a punctuation mark, a whitespace run, an emoji
/// sequence) containing byte `offset`. Segments never split a grapheme cluster.
fn segment_containing(text: &str, offset: usize) -> Option<Range<usize>> {
    let window_start = floor_boundary(text, offset.saturating_sub(WINDOW));
    let window_end = ceil_boundary(text, (offset + WINDOW).min(text.len()));
    let window = &text[window_start..window_end];
    window
        .split_word_bound_indices()
        .map(|(i, segment)| (window_start + i, segment))
        .find(|(start, segment)| *start <= offset && offset < start + segment.len())
        .map(|(start, segment)| start..start + segment.len())
}

/// The nearest `char` boundary at or before `offset`.
pub fn floor_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The nearest `char` boundary at or after `offset`.
pub fn ceil_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset += 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snapped(text: &str, from: &str, to: &str) -> String {
        let start = text.find(from).unwrap();
        let end = text.find(to).unwrap() + to.len();
        text[snap_to_words(text, start..end)].to_owned()
    }

    #[test]
    fn snaps_partial_words_outward() {
        let text = "Belarus released 14 political prisoners, including";
        assert_eq!(snapped(text, "4 pol", "prison"), "14 political prisoners");
        assert_eq!(snapped(text, " 14", "14 "), "14");
    }

    #[test]
    fn keeps_punctuation_the_user_dragged_over() {
        let text = "prisoners, including";
        assert_eq!(snapped(text, "oners,", "oners,"), "prisoners,");
    }

    #[test]
    fn whitespace_only_is_empty() {
        let text = "a    b";
        assert!(snap_to_words(text, 2..4).is_empty());
    }

    #[test]
    fn word_at_handles_non_latin() {
        let text = "Franak Viačorka сказал 北京";
        let ča = text.find('č').unwrap();
        assert_eq!(&text[word_at(text, ča + 1).unwrap()], "Viačorka");
        let sk = text.find("каз").unwrap();
        assert_eq!(&text[word_at(text, sk).unwrap()], "сказал");
        assert_eq!(word_at(text, text.find(' ').unwrap()), None);
    }
}
