//! Direct quotations: text between quotation marks of any style (`"…"`, `“…”`, `‘…’`,
//! `'…'`, `«…»`, `»…«`, `„…“`, `„…”`, `‚…‘`, `「…」`), with apostrophes told apart from
//! closing single quotes, quotations running over several paragraphs (the paragraph ends
//! inside the quote and the next opens with a quotation mark), and dash-introduced speech
//! (a paragraph opening with `—` or `–`). Which of them are quotes rather than scare quotes
//! or titles, and who said them, is decided with the attribution (`attribution.rs`).

use std::ops::Range;

/// The longest stretch of one paragraph searched for a closing mark.
const MAX_QUOTE_BYTES: usize = 20_000;

/// A quoted stretch: the span (marks included) and the words inside.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Quoted {
    pub range: Range<usize>,
    /// The words between the marks.
    pub inner: Range<usize>,
    /// Introduced by a dash rather than marks.
    pub dash: bool,
    /// Ends without a closing mark (at the end of its paragraph).
    pub unclosed: bool,
}

/// The marks that close what `open` opens, if `open` opens quotes.
fn closers(open: char) -> &'static [char] {
    match open {
        '“' => &['”'],
        '„' => &['“', '”'],
        '«' => &['»'],
        '»' => &['«'],
        '‘' => &['’'],
        '‚' => &['‘', '’'],
        '"' => &['"'],
        '\'' => &['\''],
        '「' => &['」'],
        '『' => &['』'],
        _ => &[],
    }
}

/// Every quoted stretch of `text`, in order. `paragraphs` are its lines.
pub(crate) fn find(text: &str, paragraphs: &[Range<usize>]) -> Vec<Quoted> {
    let mut out = Vec::new();
    let mut k = 0;
    // Where to go on in paragraph `k` (after a quotation that ran into it).
    let mut from: Option<usize> = None;
    while k < paragraphs.len() {
        let para = &paragraphs[k];
        if from.is_none()
            && let Some(dashes) = dash_speech(text, para)
        {
            out.extend(dashes);
            k += 1;
            continue;
        }
        let mut pos = from.take().unwrap_or(para.start);
        let mut ran_on = None;
        while pos < para.end {
            let Some(c) = text[pos..para.end].chars().next() else {
                break;
            };
            if opens(text, pos, c, para)
                && let Some((quoted, last)) = close(text, pos, c, paragraphs, k)
            {
                pos = quoted.range.end;
                out.push(quoted);
                if last > k {
                    ran_on = Some((last, pos));
                    break;
                }
                continue;
            }
            pos += c.len_utf8();
        }
        match ran_on {
            Some((last, at)) => {
                k = last;
                from = Some(at);
            }
            None => k += 1,
        }
    }
    out
}

/// True when `c` at `pos` opens a quotation.
fn opens(text: &str, pos: usize, c: char, para: &Range<usize>) -> bool {
    if closers(c).is_empty() {
        return false;
    }
    let prev = text[para.start..pos].chars().next_back();
    let next = text[pos + c.len_utf8()..para.end].chars().next();
    let Some(next) = next else { return false };
    let starts_word = prev.is_none_or(|p| p.is_whitespace() || "([{—–-/“‘«„‚\"'".contains(p));
    match c {
        '"' => starts_word && !next.is_whitespace(),
        '\'' => {
            starts_word
                && (next.is_alphanumeric() || "£$€“\"".contains(next))
                && !is_elision(&text[pos + 1..para.end])
        }
        '»' => {
            starts_word
                && !next.is_whitespace()
                && text[pos..para.end].contains('«')
                && !text[para.start..pos].contains('«')
        }
        '«' => true,
        _ => !next.is_whitespace() || c == '«',
    }
}

/// `'90s`, `'em`, `'til`: an apostrophe that starts a word, not a quotation.
fn is_elision(after: &str) -> bool {
    let word: String = after.chars().take_while(|c| c.is_alphanumeric()).collect();
    let lower = word.to_lowercase();
    matches!(
        lower.as_str(),
        "em" | "til" | "cause" | "n" | "tis" | "twas" | "s"
    ) || (word.len() == 3
        && word.ends_with('s')
        && word
            .get(..2)
            .is_some_and(|d| d.chars().all(|c| c.is_ascii_digit())))
        || (word.len() == 2 && word.chars().all(|c| c.is_ascii_digit()))
}

/// Where the quotation opened by `open` at `pos` (in paragraph `k`) closes: the quotation
/// and the paragraph it ends in. A paragraph that ends inside it and a next paragraph that
/// opens with the same mark continue it.
fn close(
    text: &str,
    pos: usize,
    open: char,
    paragraphs: &[Range<usize>],
    k: usize,
) -> Option<(Quoted, usize)> {
    let inner_start = pos + open.len_utf8();
    let mut k = k;
    let mut from = inner_start;
    loop {
        let para = &paragraphs[k];
        if let Some(end) = closing_mark(text, from..para.end, open) {
            let mark = text[end..].chars().next().map_or(1, char::len_utf8);
            let quoted = Quoted {
                range: pos..end + mark,
                inner: inner_start..end,
                dash: false,
                unclosed: false,
            };
            return (end > inner_start).then_some((quoted, k));
        }
        // Runs on into the next paragraph when that one opens with the same mark.
        match paragraphs.get(k + 1) {
            Some(next) if text[next.clone()].starts_with(open) => {
                k += 1;
                from = next.start + open.len_utf8();
            }
            _ => {
                // Never closed: a stray mark, unless at least a few words follow in the
                // paragraph (then the quote ends with it).
                let words = text[inner_start..para.end].split_whitespace().count();
                if words >= 4 && k == paragraphs.partition_point(|p| p.end <= pos) {
                    return Some((
                        Quoted {
                            range: pos..para.end,
                            inner: inner_start..para.end,
                            dash: false,
                            unclosed: true,
                        },
                        k,
                    ));
                }
                return None;
            }
        }
    }
}

/// The byte where the mark closing `open` is within `range`. Single quotes and straight
/// quotes close only at the end of a word (an apostrophe inside a word never closes); among
/// several candidates the first after punctuation or before punctuation wins (a plural's
/// apostrophe, "prisoners’ families", loses).
fn closing_mark(text: &str, range: Range<usize>, open: char) -> Option<usize> {
    // No quotation runs on for pages inside one paragraph: bounding the search keeps a text
    // full of stray marks linear.
    let range = range.start..range.end.min(range.start + MAX_QUOTE_BYTES);
    let range = range.start..text.floor_char_boundary(range.end).max(range.start);
    closing_among(text, range.clone(), open, closers(open)).or_else(|| {
        // Curly and straight marks mixed by a careless edit (“…," said X. "…"): a double
        // quotation with no closing mark of its own style closes with the other style.
        match open {
            '“' => closing_among(text, range.clone(), open, &['"']),
            '"' => closing_among(text, range, open, &['”']),
            _ => None,
        }
    })
}

/// The first of `marks` in `range` that closes `open` (see [`closing_mark`]).
fn closing_among(text: &str, range: Range<usize>, open: char, marks: &[char]) -> Option<usize> {
    let ambiguous = matches!(open, '\'' | '‘' | '‚');
    let mut weak = None;
    for (offset, c) in text[range.clone()].char_indices() {
        if !marks.contains(&c) {
            continue;
        }
        let at = range.start + offset;
        let prev = text[..at].chars().next_back();
        let next = text[at + c.len_utf8()..range.end].chars().next();
        if matches!(c, '"' | '\'' | '’') || (c == '”' && open == '"') {
            if prev.is_none_or(char::is_whitespace) {
                continue;
            }
            if next.is_some_and(char::is_alphanumeric) {
                continue;
            }
        }
        if !ambiguous {
            return Some(at);
        }
        let strong = prev.is_some_and(|p| ".,!?;:…—–)]\"”".contains(p))
            || next.is_none_or(|n| ".,!?;:…—–)]".contains(n));
        if strong {
            return Some(at);
        }
        weak = weak.or(Some(at));
    }
    weak
}

/// The dash-introduced speech of a paragraph that opens with a dash (`— We will win, — said
/// Ivanova. — Soon.`): each spoken part, from its dash to the end of its words (before the
/// dash introducing the attribution), or `None` when the paragraph does not open so.
fn dash_speech(text: &str, para: &Range<usize>) -> Option<Vec<Quoted>> {
    let line = &text[para.clone()];
    let dash = line.chars().next().filter(|c| matches!(c, '—' | '–'))?;
    let after = line[dash.len_utf8()..].trim_start();
    // An embedded post's attribution line ("— U.S. Helsinki Commission (@HelsinkiComm) June
    // 25, 2025") is not speech.
    if !after.starts_with(|c: char| c.is_alphabetic() || c == '"' || c == '“')
        || line.contains("(@")
    {
        return None;
    }
    let mut out = Vec::new();
    let mut start = para.start;
    loop {
        let body_start = start + text[start..].chars().next().map_or(1, char::len_utf8);
        let rest = &text[body_start..para.end];
        // The attribution's dash: " — " after the spoken words.
        let end = [" — ", " – "]
            .iter()
            .filter_map(|d| rest.find(d))
            .min()
            .map_or(para.end, |at| body_start + at);
        let spoken = text[start..end].trim_end();
        if spoken.chars().count() > 1 {
            out.push(Quoted {
                range: start..start + spoken.len(),
                inner: body_start..start + spoken.len(),
                dash: true,
                unclosed: false,
            });
        }
        if end >= para.end {
            break;
        }
        // After the attribution, more speech opens with ". — ".
        let tail = &text[end + 1..para.end];
        let Some(next) = [". — ", ". – "].iter().filter_map(|d| tail.find(d)).min() else {
            break;
        };
        start = end + 1 + next + 2;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suggest::sentences::paragraphs;

    fn quoted(text: &str) -> Vec<&str> {
        find(text, &paragraphs(text))
            .into_iter()
            .map(|q| &text[q.range])
            .collect()
    }

    #[test]
    fn curly_and_straight_marks_mixed() {
        assert_eq!(
            quoted("“We side with the bureaucracy,\" Faraldi said. \"We will spend every cent.\""),
            [
                "“We side with the bureaucracy,\"",
                "\"We will spend every cent.\""
            ]
        );
        assert_eq!(
            quoted("\"We side with them,” he said. “And soon.”"),
            ["\"We side with them,”", "“And soon.”"]
        );
        // A straight mark inside a curly quotation that closes properly stays inside.
        assert_eq!(
            quoted("“He said \"no\" to it,” she said."),
            ["“He said \"no\" to it,”"]
        );
    }

    #[test]
    fn every_mark_style() {
        assert_eq!(
            quoted("He said “We will win,” and left."),
            ["“We will win,”"]
        );
        assert_eq!(
            quoted("He said \"We will win.\" Then"),
            ["\"We will win.\""]
        );
        assert_eq!(quoted("«Nous gagnerons», dit-il"), ["«Nous gagnerons»"]);
        assert_eq!(quoted("„Wir gewinnen“, sagte er"), ["„Wir gewinnen“"]);
        assert_eq!(quoted("„Wygramy”, powiedział"), ["„Wygramy”"]);
        assert_eq!(quoted("»Wir gewinnen«, sagte er"), ["»Wir gewinnen«"]);
        assert_eq!(quoted("She said ‘It is over.’ Then"), ["‘It is over.’"]);
    }

    #[test]
    fn apostrophes_are_not_closing_quotes() {
        assert_eq!(
            quoted("‘The prisoners’ families don’t know,’ she said."),
            ["‘The prisoners’ families don’t know,’"]
        );
        assert_eq!(
            quoted("Lotto winner: '£40m jackpot ruined my life'"),
            ["'£40m jackpot ruined my life'"]
        );
        assert_eq!(
            quoted("It's the '90s and rock 'n' roll"),
            Vec::<&str>::new()
        );
        assert_eq!(
            quoted("the dog's bone and the cats' toys"),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn nested_quotes_stay_inside() {
        assert_eq!(
            quoted("‘People say the NHS is “running to stand still”,’ said X."),
            ["‘People say the NHS is “running to stand still”,’"]
        );
        assert_eq!(
            quoted("\"When they told me 'you have a flat,' I cried.\""),
            ["\"When they told me 'you have a flat,' I cried.\""]
        );
    }

    #[test]
    fn quotations_run_over_paragraphs() {
        let text = "He said: \"First part.\n\"Second part.\"\nNext \"one\".";
        assert_eq!(quoted(text), ["\"First part.\n\"Second part.\"", "\"one\""]);
    }

    #[test]
    fn dash_speech_stops_at_the_attribution() {
        assert_eq!(
            quoted("— We will win, — said Ivanova. — Soon.\n— Never."),
            ["— We will win,", "— Soon.", "— Never."]
        );
        assert_eq!(
            quoted("— U.S. Helsinki Commission (@HelsinkiComm) June 25, 2025"),
            Vec::<&str>::new()
        );
    }
}
