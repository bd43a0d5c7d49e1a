//! Paragraphs (lines) and sentences of an article: Unicode sentence boundaries (UAX #29,
//! `unicode-segmentation`), repaired where an abbreviation's full stop is not a sentence end
//! ("Gov. Andy Beshear", "Jan. 1", "U.S. Attorney"), with a news dateline ("LONDON, Feb 14
//! (Reuters) - ") kept out of the first sentence. A paragraph without any sentence end is a
//! heading (titles, bylines), never a claim.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation as _;

use super::cues::{CUES, WEEKDAYS};
use super::words;

/// One sentence: its bytes (no surrounding whitespace), its paragraph, and whether that
/// paragraph is a heading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Sentence {
    pub range: Range<usize>,
    pub paragraph: usize,
    pub heading: bool,
}

/// The non-blank lines of `text`, without surrounding whitespace.
pub(crate) fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let leading = line.len() - line.trim_start().len();
        let body = line.trim();
        if !body.is_empty() {
            out.push(start + leading..start + leading + body.len());
        }
        start += line.len();
    }
    out
}

/// Where the text after a dateline starts in the paragraph `para` ("HAZARD, Ky. (AP) — ",
/// "BERLIN — "), or `para.start` when it has none. A dateline opens with a place in capitals.
pub(crate) fn after_dateline(text: &str, para: &Range<usize>) -> usize {
    let line = &text[para.clone()];
    // The place: a few capitalised words before the comma or the dash, one of them in
    // capitals ("HAZARD", "El CENTRO", "SAN JOSE").
    let place: Vec<&str> = line
        .split([',', '(', '—', '–'])
        .next()
        .unwrap_or_default()
        .split_whitespace()
        .collect();
    let in_capitals = |w: &&str| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 3 && !w.chars().any(char::is_lowercase)
    };
    if place.is_empty()
        || place.len() > 3
        || !place.iter().all(|w| w.starts_with(char::is_uppercase))
        || !place.iter().any(in_capitals)
    {
        return para.start;
    }
    // The dash must come within the first few words.
    let head = &line[..line.floor_char_boundary(60)];
    for dash in [" — ", " – ", " -- ", " - "] {
        if let Some(at) = head.find(dash) {
            let words = head[..at].split_whitespace().count();
            if words <= 7 {
                return para.start + at + dash.len();
            }
        }
    }
    para.start
}

/// True when the paragraph has no sentence end at all (a title, a byline, a heading).
fn is_heading(line: &str) -> bool {
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if matches!(c, '.' | '!' | '?')
            && chars.peek().is_none_or(|n| {
                n.is_whitespace() || matches!(n, '"' | '”' | '’' | '\'' | '»' | ')')
            })
        {
            return false;
        }
    }
    line.split_whitespace().count() <= 25
}

/// Every sentence of `text`, in order.
pub(crate) fn sentences(text: &str, paragraphs: &[Range<usize>]) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (index, para) in paragraphs.iter().enumerate() {
        let heading = is_heading(&text[para.clone()]);
        let start = after_dateline(text, para);
        let body = &text[start..para.end];
        let mut current: Option<Range<usize>> = None;
        for (offset, piece) in body
            .split_sentence_bound_indices()
            .flat_map(|(offset, piece)| unglue(offset, piece))
        {
            let piece_start = start + offset;
            let trimmed = piece.trim();
            if trimmed.is_empty() {
                continue;
            }
            let lead = piece.len() - piece.trim_start().len();
            let range = piece_start + lead..piece_start + lead + trimmed.len();
            current = match current {
                Some(open) if continues(text, &open, &range) => Some(open.start..range.end),
                Some(open) => {
                    out.push(Sentence {
                        range: open,
                        paragraph: index,
                        heading,
                    });
                    Some(range)
                }
                None => Some(range),
            };
        }
        if let Some(open) = current {
            out.push(Sentence {
                range: open,
                paragraph: index,
                heading,
            });
        }
    }
    out
}

/// `piece` (at `offset`) split where a sentence ends with no space before the next one, as
/// text copied from a web page often has it ("…outstanding shares.Canadian Press"): a full
/// stop between a lower-case word of two letters or more and a capitalised word, outside
/// web and mail addresses.
fn unglue(offset: usize, piece: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut from = 0;
    for (at, _) in piece.match_indices('.') {
        let word_start = piece[..at]
            .char_indices()
            .rev()
            .find(|&(_, c)| !c.is_alphanumeric() && c != '@' && c != '/' && c != ':')
            .map_or(0, |(k, c)| k + c.len_utf8());
        let left = &piece[word_start..at];
        let right: String = piece[at + 1..]
            .chars()
            .take_while(|c| c.is_alphanumeric())
            .collect();
        let glued = left.chars().count() >= 2
            && left.chars().all(char::is_lowercase)
            && right.chars().next().is_some_and(char::is_uppercase)
            && right.chars().skip(1).any(char::is_lowercase)
            && right.chars().skip(1).all(char::is_lowercase)
            && !piece[piece.floor_char_boundary(word_start.saturating_sub(8))..at]
                .contains(['@', '/']);
        if glued {
            out.push((offset + from, &piece[from..at + 1]));
            from = at + 1;
        }
    }
    out.push((offset + from, &piece[from..]));
    out
}

/// True when the boundary between `open` and `next` is an abbreviation's full stop, not a
/// sentence end.
fn continues(text: &str, open: &Range<usize>, next: &Range<usize>) -> bool {
    let sentence = &text[open.clone()];
    let Some(stem) = sentence.strip_suffix('.') else {
        return false;
    };
    // The word before the stop, dots inside it kept ("U.S", "a.m").
    let word_start = stem
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphabetic() || c == '.'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &stem[word_start..];
    let lower = word.to_lowercase();
    let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    if !(initial || CUES.abbreviations.contains(&lower)) {
        return false;
    }
    let following = words::following(text, next.start, 2);
    let Some(first) = following.first() else {
        return false;
    };
    if CUES.titles.contains(&lower) || CUES.titles.contains(&format!("{lower}.")) || initial {
        return true;
    }
    if !first.is_capitalised() {
        return true;
    }
    // "6 p.m. Friday", "Jan. 1": a day or a month after a time or date abbreviation.
    if WEEKDAYS.contains(&first.text) || CUES.months.contains(first.text) {
        return true;
    }
    // "the U.S. Centers for Disease Control": after "the", the abbreviation qualifies the
    // name that follows.
    if words::before(text, open.end - 1 - word.len()).is_some_and(|w| w.lower() == "the")
        && following.get(1).is_some_and(|w| w.is_letters())
        && !CUES.np_stop.contains(&first.lower())
        && !CUES.months.contains(first.text)
    {
        return true;
    }
    // "U.S. Attorney Kenneth Parker": a name follows; "in the U.S. The next day": a sentence.
    following.get(1).is_some_and(|w| w.is_capitalised())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        sentences(text, &paragraphs(text))
            .into_iter()
            .map(|s| &text[s.range])
            .collect()
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        assert_eq!(
            texts("Gov. Andy Beshear said Thursday. It rained on Jan. 1 and at 3 p.m. again."),
            [
                "Gov. Andy Beshear said Thursday.",
                "It rained on Jan. 1 and at 3 p.m. again."
            ]
        );
        assert_eq!(
            texts("U.S. Attorney Kenneth Parker spoke. He left for the U.S. The end."),
            [
                "U.S. Attorney Kenneth Parker spoke.",
                "He left for the U.S.",
                "The end."
            ]
        );
    }

    #[test]
    fn glued_sentences_split_and_the_us_qualifies_a_name() {
        assert_eq!(
            texts("It buys back shares.Canadian Press reports it. See www.cp.com/News.Html now."),
            [
                "It buys back shares.",
                "Canadian Press reports it.",
                "See www.cp.com/News.Html now."
            ]
        );
        assert_eq!(
            texts(
                "Rates are high, the U.S. Centers for Disease Control said. In the U.S. The end."
            ),
            [
                "Rates are high, the U.S. Centers for Disease Control said.",
                "In the U.S.",
                "The end."
            ]
        );
    }

    #[test]
    fn quotes_stay_with_their_sentence_and_paragraphs_split() {
        assert_eq!(
            texts("“We will win,” she said. “Soon.”\nNext paragraph"),
            ["“We will win,” she said.", "“Soon.”", "Next paragraph"]
        );
        let text = "Title line\nBody. More.";
        let all = sentences(text, &paragraphs(text));
        assert!(all[0].heading && !all[1].heading);
        assert_eq!(all[2].paragraph, 1);
    }

    #[test]
    fn datelines_are_not_part_of_the_first_sentence() {
        assert_eq!(
            texts("HAZARD, Ky. (AP) — Floods hit. More."),
            ["Floods hit.", "More."]
        );
        assert_eq!(
            texts("LONDON, Feb 14 (Reuters) - Prices fell."),
            ["Prices fell."]
        );
        assert_eq!(texts("BERLIN — Deal done."), ["Deal done."]);
        assert_eq!(
            texts("THURSDAY, Sept. 12 (HealthDay News) -- Rates remain high."),
            ["Rates remain high."]
        );
        assert_eq!(
            texts("In London — a city — rain fell."),
            ["In London — a city — rain fell."]
        );
    }
}
