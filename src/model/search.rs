//! Finding text in an article: every occurrence of a query, as byte spans of the original
//! text, optionally ignoring case. Plain functions over `&str`; the find bar keeps the index
//! and the last [`Found`], so a query that grows is checked only where the shorter one was.

use super::Span;

/// At most this many matches are collected: enough to step through, small enough that a
/// one-letter query on a book-length article costs a few megabytes, not hundreds.
pub const MAX_MATCHES: usize = 100_000;

/// Bytes scanned in one step of a search: small enough that a search stops soon after its
/// [`MAX_MATCHES`]-th match, large enough that the step's overhead does not count.
const SLICE: usize = 1 << 20;

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
        let mut found = self.begin(query, previous);
        self.resume(&mut found, usize::MAX);
        found
    }

    /// A search for `query` that has looked only where `previous` found its query (see
    /// [`FoldedText::search`]) and scanned nothing yet: [`FoldedText::resume`] goes on with
    /// it a slice at a time, so a window can search a long text a few frames at a time.
    pub fn begin(&self, query: &str, previous: Option<&Found>) -> Found {
        Found::begin(self.folded.as_bytes(), fold(query), previous, |b| {
            self.original(b)
        })
    }

    /// Goes on with `found` (begun by [`FoldedText::begin`] on this text) over at most
    /// `budget` more bytes of the text. True once the search is complete.
    pub fn resume(&self, found: &mut Found, budget: usize) -> bool {
        found.resume(self.folded.as_bytes(), budget, |b| self.original(b))
    }

    /// The first occurrence of `query` up to case that starts at or after byte `from` of the
    /// original text, else the first one before it (wrapping around); `None` when there is
    /// none. Costs the distance to that occurrence, not a scan of the whole text.
    pub fn first_from(&self, query: &str, from: usize) -> Option<Span> {
        let needle = fold(query);
        let from = self.folded_offset(from);
        first_from(self.folded.as_bytes(), needle.as_bytes(), from)
            .map(|start| Span::new(self.original(start), self.original(start + needle.len())))
    }

    /// The folded offset of an original offset on a character boundary.
    fn folded_offset(&self, original: usize) -> usize {
        let after = self.checkpoints.partition_point(|&(_, o)| o <= original);
        match after.checked_sub(1) {
            None => original,
            Some(i) => {
                let (f, o) = self.checkpoints[i];
                f + (original - o)
            }
        }
        .min(self.folded.len())
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

/// What one search found (so far), kept so that the next, longer query looks only where this
/// one occurred (see [`FoldedText::search`], [`search_exact`]), and so that a long text can be
/// searched a slice at a time ([`FoldedText::resume`], [`resume_exact`]).
#[derive(Clone, Debug, Default)]
pub struct Found {
    /// The query as searched for (folded when case is ignored).
    needle: String,
    /// Where `needle` starts in the searched text before `scanned`, overlapping occurrences
    /// included (any occurrence of a longer query holding `needle` lies over one of them), or
    /// `None` past [`MAX_MATCHES`]: the next query then scans the whole text again.
    starts: Option<Vec<usize>>,
    /// Every occurrence starting before this byte of the searched text has been seen.
    scanned: usize,
    /// The search has seen the whole text (or found [`MAX_MATCHES`]).
    complete: bool,
    /// Where the last match ends in the searched text: the next one starts at or after it.
    last_end: usize,
    /// The non-overlapping matches so far, in order, as byte spans of the original text.
    matches: Vec<Span>,
}

impl Found {
    /// The matches found so far, in document order, without overlaps (at most
    /// [`MAX_MATCHES`]); all of them once [`Found::is_complete`].
    pub fn matches(&self) -> &[Span] {
        &self.matches
    }

    /// Takes the matches out.
    pub fn into_matches(self) -> Vec<Span> {
        self.matches
    }

    /// True when the whole text has been searched (or [`MAX_MATCHES`] were found).
    pub fn is_complete(&self) -> bool {
        self.complete
    }

    /// A search for `needle` in `bytes` with what `previous` (an earlier search of the same
    /// bytes) already covers: where the previous needle occurs inside this one at `shift`,
    /// each occurrence of this one starts `shift` bytes before a recorded start of it, so
    /// everything up to the previous scan's end (less `shift`) is known without scanning.
    fn begin(
        bytes: &[u8],
        needle: String,
        previous: Option<&Found>,
        original: impl Fn(usize) -> usize,
    ) -> Self {
        let mut found = Self {
            complete: needle.is_empty(),
            needle,
            starts: Some(Vec::new()),
            ..Self::default()
        };
        if found.complete {
            found.starts = None;
            return found;
        }
        let narrowed = previous.and_then(|previous| {
            let starts = previous.starts.as_ref()?;
            let shift = found.needle.find(previous.needle.as_str())?;
            let needle = found.needle.as_bytes();
            let kept: Vec<usize> = starts
                .iter()
                .filter_map(|&start| start.checked_sub(shift))
                .filter(|&start| bytes[start..].starts_with(needle))
                .collect();
            let scanned = if previous.complete {
                bytes.len()
            } else {
                previous.scanned.saturating_sub(shift)
            };
            Some((kept, scanned))
        });
        if let Some((kept, scanned)) = narrowed {
            found.take(&kept, &original);
            found.starts = Some(kept);
            found.scanned = scanned;
            found.complete = scanned >= bytes.len() || found.matches.len() >= MAX_MATCHES;
        }
        found
    }

    /// Scans at most `budget` more bytes of `bytes` (the text this search began on), a slice
    /// at a time so that it stops soon after [`MAX_MATCHES`] even when the budget is the
    /// whole text.
    fn resume(&mut self, bytes: &[u8], budget: usize, original: impl Fn(usize) -> usize) -> bool {
        let end = self.scanned.saturating_add(budget.max(1)).min(bytes.len());
        while !self.complete && self.scanned < end {
            let to = self.scanned.saturating_add(SLICE).min(end);
            self.scan(bytes, to, &original);
        }
        if self.scanned >= bytes.len() {
            self.complete = true;
        }
        self.complete
    }

    /// Records the occurrences that start in `scanned..to`.
    fn scan(&mut self, bytes: &[u8], to: usize, original: impl Fn(usize) -> usize) {
        let from = self.scanned;
        let needle = self.needle.as_bytes();
        // Occurrences starting before `to` may run past it.
        let window = &bytes[from..(to + needle.len() - 1).min(bytes.len())];
        let mut starts: Vec<usize> = every_start(window, needle)
            .into_iter()
            .map(|start| from + start)
            .filter(|&start| start < to)
            .collect();
        self.take(&starts, &original);
        if let Some(kept) = &mut self.starts {
            kept.append(&mut starts);
            if kept.len() > MAX_MATCHES {
                // Too many to keep for narrowing; the matches still go on to their limit.
                self.starts = None;
            }
        }
        self.scanned = to;
        self.complete = to == bytes.len() || self.matches.len() >= MAX_MATCHES;
    }

    /// Adds the leftmost non-overlapping matches among `starts` (in order, all at or after
    /// the previous ones): what a left-to-right scan reports.
    fn take(&mut self, starts: &[usize], original: impl Fn(usize) -> usize) {
        let len = self.needle.len();
        for &start in starts {
            if self.matches.len() >= MAX_MATCHES {
                break;
            }
            if start >= self.last_end {
                self.matches
                    .push(Span::new(original(start), original(start + len)));
                self.last_end = start + len;
            }
        }
    }
}

/// Like [`find_exact`], looking only where `previous` (an earlier exact search of `text`)
/// found its query when that query is part of this one.
pub fn search_exact(text: &str, query: &str, previous: Option<&Found>) -> Found {
    let mut found = begin_exact(text, query, previous);
    resume_exact(text, &mut found, usize::MAX);
    found
}

/// [`FoldedText::begin`] for an exact search of `text`.
pub fn begin_exact(text: &str, query: &str, previous: Option<&Found>) -> Found {
    Found::begin(text.as_bytes(), query.to_owned(), previous, |b| b)
}

/// [`FoldedText::resume`] for an exact search of `text`.
pub fn resume_exact(text: &str, found: &mut Found, budget: usize) -> bool {
    found.resume(text.as_bytes(), budget, |b| b)
}

/// The first exact occurrence of `query` at or after byte `from`, wrapping around (see
/// [`FoldedText::first_from`]).
pub fn first_exact_from(text: &str, query: &str, from: usize) -> Option<Span> {
    first_from(text.as_bytes(), query.as_bytes(), from.min(text.len()))
        .map(|start| Span::new(start, start + query.len()))
}

fn first_from(bytes: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    let finder = memchr::memmem::Finder::new(needle);
    finder.find(&bytes[from..]).map(|at| from + at).or_else(|| {
        let head = &bytes[..(from + needle.len()).saturating_sub(1).min(bytes.len())];
        finder.find(head)
    })
}

/// Every start of `needle` in `bytes`, overlapping ones included.
fn every_start(bytes: &[u8], needle: &[u8]) -> Vec<usize> {
    if let [byte] = needle {
        // The first keystroke: memchr's byte search is several times faster than the
        // substring searcher on a letter that occurs every few dozen bytes.
        return memchr::memchr_iter(*byte, bytes).collect();
    }
    let finder = memchr::memmem::Finder::new(needle);
    if overlaps_itself(needle) {
        let mut starts = Vec::new();
        let mut from = 0;
        while let Some(at) = finder.find(&bytes[from..]) {
            starts.push(from + at);
            from += at + 1;
        }
        starts
    } else {
        // Two occurrences of a needle with no border cannot overlap: the fast iterator,
        // which skips past each match, misses none.
        finder.find_iter(bytes).collect()
    }
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

fn fold(query: &str) -> String {
    query.chars().map(fold_char).collect()
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
