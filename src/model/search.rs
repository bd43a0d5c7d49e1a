//! Finding text in an article: every occurrence of a query, as byte spans of the original
//! text, optionally ignoring case. Plain functions over `&str`; the find bar keeps the index
//! and the last [`Found`], so a query that grows is checked only where the shorter one was.

use super::Span;

/// At most this many matches are collected: enough to step through, small enough that a
/// one-letter query on a book-length article costs a few megabytes, not hundreds.
pub const MAX_MATCHES: usize = 100_000;

/// An article's text folded for case-insensitive search, with what it takes to map positions
/// in the folded text back to the original. Built once per article, reused for every query.
#[derive(Clone, Debug)]
pub struct FoldedText {
    folded: String,
    /// Where the folded and original offsets stop agreeing: `(folded, original)` positions
    /// just after each character whose folded form has another byte length (rare: e.g. the
    /// Kelvin sign K folds to a one-byte `k`). Between two checkpoints the offsets differ by a
    /// constant, so mapping a position is a binary search.
    checkpoints: Vec<(usize, usize)>,
}

impl FoldedText {
    /// Folds `text`: each character becomes its lowercase form when that is a single
    /// character (so every folded character stands for exactly one original character and
    /// match boundaries stay on character boundaries); others are kept as they are.
    /// Runs of ASCII (most of any article in a Latin script) are copied and lowered in bulk;
    /// only other characters go through Unicode's lowercase mapping one by one.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut folded = String::with_capacity(text.len());
        let mut checkpoints = Vec::new();
        let mut at = 0;
        while at < bytes.len() {
            let ascii_end = bytes[at..]
                .iter()
                .position(|b| !b.is_ascii())
                .map_or(bytes.len(), |n| at + n);
            if ascii_end > at {
                // One byte each, before and after: offsets keep agreeing.
                let from = folded.len();
                folded.push_str(&text[at..ascii_end]);
                folded[from..].make_ascii_lowercase();
                at = ascii_end;
                continue;
            }
            let Some(c) = text[at..].chars().next() else {
                break;
            };
            let lower = fold_char(c);
            folded.push(lower);
            at += c.len_utf8();
            if lower.len_utf8() != c.len_utf8() {
                checkpoints.push((folded.len(), at));
            }
        }
        Self {
            folded,
            checkpoints,
        }
    }

    /// Every non-overlapping occurrence of `query` up to case, in order, as byte spans of the
    /// original text (at most [`MAX_MATCHES`]). An empty query finds nothing.
    pub fn find(&self, query: &str) -> Vec<Span> {
        self.search(query, None).matches
    }

    /// Like [`FoldedText::find`], looking only where `previous` (an earlier search of this
    /// text, up to case) found its query when that query is part of this one: typing a word
    /// a letter at a time scans the whole text once, not once per letter.
    pub fn search(&self, query: &str, previous: Option<&Found>) -> Found {
        let needle: String = query.chars().map(fold_char).collect();
        let mut found = occurrences(&self.folded, needle, previous);
        if !self.checkpoints.is_empty() {
            for span in &mut found.matches {
                *span = Span::new(self.original(span.start), self.original(span.end));
            }
        }
        found
    }

    /// The original offset of a folded offset that lies on a character boundary.
    fn original(&self, folded: usize) -> usize {
        let after = self.checkpoints.partition_point(|&(f, _)| f <= folded);
        match after.checked_sub(1) {
            None => folded,
            Some(i) => {
                let (f, o) = self.checkpoints[i];
                o + (folded - f)
            }
        }
    }
}

/// How to compare the query with the text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CaseMatching {
    /// "vote" finds "Vote" and "VOTE".
    #[default]
    Ignore,
    /// Only the exact letters.
    Exact,
}

/// What one search found, kept so that the next, longer query looks only where this one
/// occurred (see [`FoldedText::search`], [`search_exact`]).
#[derive(Clone, Debug, Default)]
pub struct Found {
    /// The query as searched for (folded when case is ignored).
    needle: String,
    /// Where `needle` starts in the searched text, overlapping occurrences included (any
    /// occurrence of a longer query holding `needle` lies over one of them), or `None` when
    /// there were more than [`MAX_MATCHES`]: the next query then scans the whole text.
    starts: Option<Vec<usize>>,
    /// The non-overlapping matches, in order, as byte spans of the original text.
    matches: Vec<Span>,
}

impl Found {
    /// The matches, in document order, without overlaps (at most [`MAX_MATCHES`]).
    pub fn matches(&self) -> &[Span] {
        &self.matches
    }

    /// Takes the matches out.
    pub fn into_matches(self) -> Vec<Span> {
        self.matches
    }
}

/// Like [`find_exact`], looking only where `previous` (an earlier exact search of `text`)
/// found its query when that query is part of this one.
pub fn search_exact(text: &str, query: &str, previous: Option<&Found>) -> Found {
    occurrences(text, query.to_owned(), previous)
}

/// Every occurrence of `needle` in `text` (which `previous`, if any, searched too).
fn occurrences(text: &str, needle: String, previous: Option<&Found>) -> Found {
    if needle.is_empty() {
        return Found::default();
    }
    let bytes = text.as_bytes();
    // Narrowing: `needle` holds the previous needle at `shift`, so each of its occurrences
    // starts `shift` bytes before an occurrence of the previous one.
    let narrowed = previous.and_then(|previous| {
        let starts = previous.starts.as_ref()?;
        let shift = needle.find(previous.needle.as_str())?;
        Some(
            starts
                .iter()
                .filter_map(|&start| start.checked_sub(shift))
                .filter(|&start| bytes[start..].starts_with(needle.as_bytes()))
                .collect::<Vec<_>>(),
        )
    });
    let (starts, matches) = match narrowed {
        Some(starts) => {
            let matches = leftmost_without_overlap(&starts, needle.len());
            (Some(starts), matches)
        }
        None => match every_start(bytes, needle.as_bytes()) {
            Ok(starts) => {
                let matches = leftmost_without_overlap(&starts, needle.len());
                (Some(starts), matches)
            }
            // Too many to keep: list the first ones. Without overlaps the starts found so far
            // are those matches already (no second pass over a 5 MB text for "e").
            Err(first) if !overlaps_itself(needle.as_bytes()) => {
                (None, leftmost_without_overlap(&first, needle.len()))
            }
            Err(_) => (None, find_exact(text, &needle)),
        },
    };
    Found {
        needle,
        starts,
        matches,
    }
}

/// Every start of `needle` in `bytes`, overlapping ones included; past [`MAX_MATCHES`], the
/// error holds the first ones found.
fn every_start(bytes: &[u8], needle: &[u8]) -> Result<Vec<usize>, Vec<usize>> {
    let finder = memchr::memmem::Finder::new(needle);
    let mut starts = Vec::new();
    if let [byte] = needle {
        // The first keystroke: memchr's byte search is several times faster than the
        // substring searcher on a letter that occurs every few dozen bytes.
        for at in memchr::memchr_iter(*byte, bytes) {
            starts.push(at);
            if starts.len() > MAX_MATCHES {
                return Err(starts);
            }
        }
    } else if overlaps_itself(needle) {
        let mut from = 0;
        while let Some(at) = finder.find(&bytes[from..]) {
            starts.push(from + at);
            from += at + 1;
            if starts.len() > MAX_MATCHES {
                return Err(starts);
            }
        }
    } else {
        // Two occurrences of a needle with no border cannot overlap: the fast iterator,
        // which skips past each match, misses none.
        for at in finder.find_iter(bytes) {
            starts.push(at);
            if starts.len() > MAX_MATCHES {
                return Err(starts);
            }
        }
    }
    Ok(starts)
}

/// True when a proper prefix of `needle` is also its suffix (as in "aa" or "abab"), so two
/// occurrences can overlap.
/// Linear in the needle's length (a pasted paragraph is a long needle): the last entry of
/// the Knuth–Morris–Pratt prefix function is the longest such border.
fn overlaps_itself(needle: &[u8]) -> bool {
    let mut border = vec![0usize; needle.len()];
    for i in 1..needle.len() {
        let mut k = border[i - 1];
        while k > 0 && needle[i] != needle[k] {
            k = border[k - 1];
        }
        if needle[i] == needle[k] {
            k += 1;
        }
        border[i] = k;
    }
    border.last().is_some_and(|&k| k > 0)
}

/// The occurrences a left-to-right scan reports: each next one starting at or after the end
/// of the last (what `find_exact` gives for the same text).
fn leftmost_without_overlap(starts: &[usize], len: usize) -> Vec<Span> {
    let mut matches = Vec::new();
    let mut end = 0;
    for &start in starts {
        if start >= end {
            matches.push(Span::new(start, start + len));
            end = start + len;
            if matches.len() == MAX_MATCHES {
                break;
            }
        }
    }
    matches
}

/// Every non-overlapping occurrence of exactly `query` in `text`, in order, as byte spans
/// (at most [`MAX_MATCHES`]). An empty query finds nothing.
pub fn find_exact(text: &str, query: &str) -> Vec<Span> {
    if query.is_empty() {
        return Vec::new();
    }
    // memchr's SIMD searcher: several times faster than `str::match_indices` on a long text,
    // and, like it, reports non-overlapping occurrences from the left.
    memchr::memmem::find_iter(text.as_bytes(), query.as_bytes())
        .take(MAX_MATCHES)
        .map(|start| Span::new(start, start + query.len()))
        .collect()
}

/// The index of the first match that starts at or after `offset`, wrapping to the first
/// match when none does (None when there are no matches).
pub fn first_at_or_after(matches: &[Span], offset: usize) -> Option<usize> {
    if matches.is_empty() {
        return None;
    }
    let i = matches.partition_point(|m| m.start < offset);
    Some(if i == matches.len() { 0 } else { i })
}

fn fold_char(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(single), None) => single,
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str, query: &str, case: CaseMatching) -> Vec<String> {
        let found = match case {
            CaseMatching::Ignore => FoldedText::new(text).find(query),
            CaseMatching::Exact => find_exact(text, query),
        };
        found
            .into_iter()
            .map(|span| span.slice(text).unwrap().to_owned())
            .collect()
    }

    #[test]
    fn ignores_case_unless_asked_not_to() {
        let text = "Vote, vote, VOTE. Voter";
        assert_eq!(
            texts(text, "vote", CaseMatching::Ignore),
            ["Vote", "vote", "VOTE", "Vote"]
        );
        assert_eq!(texts(text, "vote", CaseMatching::Exact), ["vote"]);
        assert!(texts(text, "", CaseMatching::Ignore).is_empty());
    }

    #[test]
    fn offsets_are_right_after_characters_that_fold_to_another_length() {
        // KELVIN SIGN (3 bytes) folds to 'k' (1 byte); 'İ' lowercases to two characters and
        // is kept as it is, so it matches only itself.
        let text = "\u{212A}m, then İstanbul and Straße in КИЕВЕ";
        assert_eq!(texts(text, "km", CaseMatching::Ignore), ["\u{212A}m"]);
        assert_eq!(texts(text, "straße", CaseMatching::Ignore), ["Straße"]);
        assert_eq!(texts(text, "киеве", CaseMatching::Ignore), ["КИЕВЕ"]);
        assert_eq!(texts(text, "İstan", CaseMatching::Ignore), ["İstan"]);
    }

    #[test]
    fn bulk_folding_agrees_with_folding_each_character() {
        for text in [
            "",
            "Plain ASCII, UPPER and lower.",
            "Viačorka SAID: ČAJ — “ОКОЛО 300 000” 北京 🙂 e\u{301} \u{212a}elvin İstanbul ẞ",
            "\u{212a}\u{212a}ABC\u{130}x",
        ] {
            let expected: String = text.chars().map(fold_char).collect();
            assert_eq!(FoldedText::new(text).folded, expected, "{text}");
        }
        // Offsets map back across characters whose folded form is shorter or longer.
        let text = "İ \u{212a}ELVIN and ČAJ";
        let found = FoldedText::new(text);
        let spans = found.find("kelvin");
        assert_eq!(spans.len(), 1);
        assert_eq!(&text[spans[0].start..spans[0].end], "\u{212a}ELVIN");
        let spans = found.find("čaj");
        assert_eq!(&text[spans[0].start..spans[0].end], "ČAJ");
    }

    #[test]
    fn occurrences_do_not_overlap_and_respect_the_cap_unit() {
        assert_eq!(find_exact("aaaa", "aa"), [Span::new(0, 2), Span::new(2, 4)]);
        assert_eq!(
            find_exact("čaj čaj", "čaj"),
            [Span::new(0, 4), Span::new(5, 9)]
        );
        assert!(find_exact("text", "").is_empty());
    }

    #[test]
    fn stepping_wraps_around() {
        let matches = [Span::new(2, 4), Span::new(10, 12)];
        assert_eq!(first_at_or_after(&matches, 0), Some(0));
        assert_eq!(first_at_or_after(&matches, 3), Some(1));
        assert_eq!(first_at_or_after(&matches, 11), Some(0));
        assert_eq!(first_at_or_after(&[], 0), None);
    }
}
