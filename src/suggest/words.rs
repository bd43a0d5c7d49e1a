//! Stepping over the words next to a place in the text, within its line: what the
//! statistic and speaker rules look at around a number or a speech verb. A word is a run of
//! letters (with apostrophes inside: `don't`, `Kentucky's`), a run of digits (with `,` or `.`
//! between digits: `50,000`, `1.5`), or any other single character; `40m` is two words, the
//! second glued to the first.

/// One word of the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Word<'a> {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The word.
    pub text: &'a str,
}

impl Word<'_> {
    /// True for a run of digits.
    pub fn is_digits(&self) -> bool {
        self.text.starts_with(|c: char| c.is_ascii_digit())
    }

    /// True for a run of letters.
    pub fn is_letters(&self) -> bool {
        self.text.starts_with(is_letter)
    }

    /// True when the word starts with a capital letter.
    pub fn is_capitalised(&self) -> bool {
        self.text.starts_with(char::is_uppercase)
    }

    /// The word in lower case.
    pub fn lower(&self) -> String {
        self.text.to_lowercase()
    }
}

/// Letters and the combining marks that belong to them.
pub(crate) fn is_letter(c: char) -> bool {
    c.is_alphabetic() || is_mark(c)
}

/// Combining marks (accents written as separate code points).
fn is_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{20d0}'..='\u{20ff}')
}

/// Spaces within a line (not line breaks).
fn is_space(c: char) -> bool {
    c.is_whitespace() && c != '\n' && c != '\r'
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// The word starting at or after `pos` on the same line, if any.
pub(crate) fn after(text: &str, pos: usize) -> Option<Word<'_>> {
    let rest = text.get(pos..)?;
    let skipped = rest.len() - rest.trim_start_matches(is_space).len();
    let start = pos + skipped;
    let first = text[start..].chars().next()?;
    if first == '\n' || first == '\r' {
        return None;
    }
    let end = if first.is_ascii_digit() {
        run_end(text, start, |prev, c, next| {
            c.is_ascii_digit()
                || (matches!(c, ',' | '.')
                    && prev.is_ascii_digit()
                    && next.is_some_and(|n| n.is_ascii_digit()))
        })
    } else if is_letter(first) {
        run_end(text, start, |prev, c, next| {
            is_letter(c) || (is_apostrophe(c) && is_letter(prev) && next.is_some_and(is_letter))
        })
    } else {
        start + first.len_utf8()
    };
    Some(Word {
        start,
        end,
        text: &text[start..end],
    })
}

/// The end of the run starting at `start` whose characters satisfy `keep(previous, this,
/// next)`.
fn run_end(text: &str, start: usize, keep: impl Fn(char, char, Option<char>) -> bool) -> usize {
    let mut chars = text[start..].char_indices().peekable();
    let mut prev = '\0';
    let mut end = start;
    while let Some((offset, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        if offset > 0 && !keep(prev, c, next) {
            break;
        }
        end = start + offset + c.len_utf8();
        prev = c;
    }
    end
}

/// The word ending at or before `pos` on the same line, if any.
pub(crate) fn before(text: &str, pos: usize) -> Option<Word<'_>> {
    let head = text.get(..pos)?;
    let end = head.trim_end_matches(is_space).len();
    let last = text[..end].chars().next_back()?;
    if last == '\n' || last == '\r' {
        return None;
    }
    // Walk back to where the run containing `last` starts, then read it forwards.
    let mut start = end - last.len_utf8();
    if last.is_ascii_digit() || is_letter(last) {
        let mut chars = text[..start].char_indices().rev().peekable();
        let mut next = last;
        while let Some((at, c)) = chars.next() {
            let prev = chars.peek().map(|&(_, p)| p);
            let joins = if last.is_ascii_digit() {
                c.is_ascii_digit()
                    || (matches!(c, ',' | '.')
                        && next.is_ascii_digit()
                        && prev.is_some_and(|p| p.is_ascii_digit()))
            } else {
                is_letter(c) || (is_apostrophe(c) && is_letter(next) && prev.is_some_and(is_letter))
            };
            if !joins {
                break;
            }
            start = at;
            next = c;
        }
    }
    Some(Word {
        start,
        end,
        text: &text[start..end],
    })
}

/// The byte just after the last of `marks` in `text[range]`, if any (past the whole mark,
/// whatever its length in bytes).
pub(crate) fn after_last(
    text: &str,
    range: std::ops::Range<usize>,
    marks: &[char],
) -> Option<usize> {
    let slice = text.get(range.clone())?;
    slice
        .char_indices()
        .rev()
        .find(|&(at, c)| {
            marks.contains(&c)
                // An apostrophe inside a word ("world’s", "don't") is no quotation mark, nor
                // one closing a plural ("the Conservatives’ plans") with no quotation
                // opened before it.
                && !(is_apostrophe(c)
                    && slice[..at].chars().next_back().is_some_and(is_letter)
                    && (slice[at + c.len_utf8()..].chars().next().is_some_and(is_letter)
                        || !opens_single_quote(&slice[..at], c)))
        })
        .map(|(at, c)| range.start + at + c.len_utf8())
}

/// Words after which a speech verb's form is a noun: "the claim", "his notes", "over
/// claims that", "the reports".
const NOUN_MARKERS: &[&str] = &[
    "the",
    "a",
    "an",
    "his",
    "her",
    "their",
    "its",
    "our",
    "my",
    "your",
    "these",
    "those",
    "such",
    "no",
    "any",
    "over",
    "of",
    "about",
    "against",
    "amid",
    "despite",
    "following",
    "new",
    "previous",
];

/// How `word` attributes speech where it stands, if it is a speech verb there: not after a
/// determiner or a preposition that makes it a noun ("called the claim “a lie”").
pub(crate) fn speech_verb_at(text: &str, word: &Word<'_>) -> Option<super::cues::VerbKind> {
    let kind = super::cues::CUES.speech_verb(&word.lower())?;
    let noun = before(text, word.start).is_some_and(|w| NOUN_MARKERS.contains(&w.lower().as_str()));
    (!noun).then_some(kind)
}

/// True when `head` holds a single quotation mark that `close` could close: `‘` for `’`,
/// or a `'` opening a word for `'`.
fn opens_single_quote(head: &str, close: char) -> bool {
    if close == '’' {
        return head.contains('‘');
    }
    head.char_indices().any(|(at, c)| {
        c == '\''
            && head[..at].chars().next_back().is_none_or(|p| !is_letter(p))
            && head[at + 1..].chars().next().is_some_and(is_letter)
    })
}

/// True when nothing (not even a space) separates `left` and `right`.
pub(crate) fn glued(left: &Word<'_>, right: &Word<'_>) -> bool {
    left.end == right.start
}

/// Up to `n` words after `pos`, in order.
pub(crate) fn following(text: &str, mut pos: usize, n: usize) -> Vec<Word<'_>> {
    let mut words = Vec::with_capacity(n);
    while words.len() < n {
        let Some(word) = after(text, pos) else { break };
        pos = word.end;
        words.push(word);
    }
    words
}

/// Up to `n` words before `pos`, nearest first.
pub(crate) fn preceding(text: &str, mut pos: usize, n: usize) -> Vec<Word<'_>> {
    let mut words = Vec::with_capacity(n);
    while words.len() < n {
        let Some(word) = before(text, pos) else { break };
        pos = word.start;
        words.push(word);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(words: &[Word<'_>]) -> Vec<String> {
        words.iter().map(|w| w.text.to_owned()).collect()
    }

    #[test]
    fn words_split_digits_letters_and_marks() {
        let text = "About 50,000 people—don't £3.2bn, Kentucky’s 40m\nnext";
        assert_eq!(
            texts(&following(text, 0, 20)),
            [
                "About",
                "50,000",
                "people",
                "—",
                "don't",
                "£",
                "3.2",
                "bn",
                ",",
                "Kentucky’s",
                "40",
                "m"
            ]
        );
        let all = following(text, 0, 20);
        assert!(glued(&all[6], &all[7]), "3.2 and bn are glued");
        assert!(!glued(&all[0], &all[1]));
        assert_eq!(
            after(text, text.find('\n').unwrap()),
            None,
            "stops at the line end"
        );
    }

    #[test]
    fn backwards_gives_the_same_words() {
        let text = "Viačorka said 1,400 e\u{301}lan, 3.2bn";
        let forwards = texts(&following(text, 0, 20));
        let mut backwards = texts(&preceding(text, text.len(), 20));
        backwards.reverse();
        assert_eq!(forwards, backwards);
        assert_eq!(before("one\ntwo", 4), None, "stops at the line start");
        assert_eq!(before("", 0), None);
    }

    #[test]
    fn trailing_punctuation_is_not_part_of_a_number() {
        let text = "fell to 4.0%. Then 1,2";
        assert_eq!(
            texts(&following(text, 0, 10)),
            ["fell", "to", "4.0", "%", ".", "Then", "1,2"]
        );
    }

    #[test]
    fn after_last_skips_apostrophes_inside_words() {
        let text = "the world’s largest fund, “quoted” then Kentucky's";
        assert_eq!(
            after_last(text, 0..text.len(), &['”', '’', '\'']),
            Some(text.find(" then").unwrap())
        );
        assert_eq!(after_last(text, 0..20, &['’']), None);
        // A plural's apostrophe closes nothing; a single quotation mark opened before does.
        let text = "details of the Conservatives’ spending plans";
        assert_eq!(after_last(text, 0..text.len(), &['’']), None);
        let text = "the ‘green steel’ plan";
        assert_eq!(
            after_last(text, 0..text.len(), &['’']),
            Some(text.find(" plan").unwrap())
        );
    }
}
