//! Who is named where: capitalised names in a stretch of text, told apart as people,
//! organisations or other names (places, parties, brands), with titles dropped ("Gov. Andy
//! Beshear" → "Andy Beshear"); the article's people by surname, so "Beshear" or "Mr Baker"
//! comes out as the full name; and the speaker of an attribution's subject ("Hans Kluge, WHO's
//! regional director for Europe," → Hans Kluge; "a police spokesman" → police spokesman).

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::cues::{CUES, WEEKDAYS};
pub(crate) use speaker::{Side, Who, who};

/// A run of capitalised words, with the small words that join organisation and person names
/// ("Office for National Statistics", "Ursula von der Leyen").
static NAME: LazyLock<Regex> = LazyLock::new(|| {
    let word = r"\p{Lu}[\p{L}\p{M}'’.\-]*";
    let joint = r"(?:von|van|der|den|de|del|della|da|di|du|la|le|bin|ibn|al|el|dos|das|ter|of|for|and|the|on)";
    let pattern = format!(r"{word}(?:[ \u{{a0}}]+(?:{joint}[ \u{{a0}}]+)*{word})*");
    match Regex::new(&pattern) {
        Ok(regex) => regex,
        Err(error) => unreachable!("the name pattern compiles: {error}"),
    }
});

/// Words that join names but never end one.
const JOINTS: &[&str] = &[
    "von", "van", "der", "den", "de", "del", "della", "da", "di", "du", "la", "le", "bin", "ibn",
    "al", "el", "dos", "das", "ter", "of", "for", "and", "the", "on",
];

/// What a name names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum NameKind {
    /// A person: two or more words, a known surname, or a name after a title.
    Person,
    /// An organisation: an organisation word ("Ministry", "Trust") or initials ("UNHCR").
    Organisation,
    /// One capitalised word that is neither (a place, a party, a company).
    Other,
}

/// One name found in a stretch of text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Name {
    /// Where the name itself (without its title) is.
    pub range: Range<usize>,
    /// The name as written, without title or possessive.
    pub text: String,
    pub kind: NameKind,
    /// True when a lower-case word follows right after it ("Finnish company", "Ukraine's
    /// air force"): it qualifies a noun rather than naming the subject.
    pub modifier: bool,
}

/// The people an article names, by surname (the first full name with that last word), and
/// the names in each of its sentences (found once, for the attribution pass).
#[derive(Clone, Debug, Default)]
pub(crate) struct People {
    by_surname: HashMap<String, String>,
    in_sentences: Vec<Vec<Name>>,
}

impl People {
    /// Every person named in `text` with at least two words, read sentence by sentence (a
    /// name never runs over a sentence end).
    pub fn of(text: &str, sentences: &[Range<usize>]) -> Self {
        let empty = Self::default();
        let mut in_sentences: Vec<Vec<Name>> = sentences
            .iter()
            .map(|s| names(text, s.clone(), &empty))
            .collect();
        let mut by_surname = HashMap::new();
        for name in in_sentences.iter().flatten() {
            if name.kind == NameKind::Person
                && name.text.split_whitespace().count() >= 2
                && let Some(last) = name.text.split_whitespace().last()
            {
                by_surname
                    .entry(last.to_lowercase())
                    .or_insert_with(|| name.text.clone());
            }
        }
        // A single word is a person once the article names someone with that surname.
        for name in in_sentences.iter_mut().flatten() {
            if name.kind == NameKind::Other && by_surname.contains_key(&name.text.to_lowercase()) {
                name.kind = NameKind::Person;
            }
        }
        Self {
            by_surname,
            in_sentences,
        }
    }

    /// The people of `text` read as one sentence (for tests of one sentence).
    #[cfg(test)]
    pub fn whole(text: &str) -> Self {
        Self::of(text, std::slice::from_ref(&(0..text.len())))
    }

    /// The names in sentence `index` (of the sentences given to [`People::of`]).
    pub fn in_sentence(&self, index: usize) -> &[Name] {
        self.in_sentences.get(index).map_or(&[], Vec::as_slice)
    }

    /// The full name of the person with this surname, if the article names one.
    pub fn full(&self, surname: &str) -> Option<&str> {
        self.by_surname
            .get(&surname.to_lowercase())
            .map(String::as_str)
    }

    /// `name` at its fullest: a surname becomes the full name seen in the article.
    pub fn fullest(&self, name: &str) -> String {
        let mut words = name.split_whitespace();
        match (words.next(), words.next()) {
            (Some(only), None) => self
                .full(only)
                .map_or_else(|| name.to_owned(), str::to_owned),
            _ => name.to_owned(),
        }
    }
}

/// The names in `text[range]`, in order.
pub(crate) fn names(text: &str, range: Range<usize>, people: &People) -> Vec<Name> {
    let Some(slice) = text.get(range.clone()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for m in NAME.find_iter(slice) {
        let start = range.start + m.start();
        // Inside a word ("iPhone"): no name; nor a currency's letters ("US$17 billion").
        if text[..start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
            || text[range.start + m.end()..].starts_with('$')
        {
            continue;
        }
        let mut words: Vec<(usize, &str)> = Vec::new();
        let mut offset = start;
        for piece in text[start..range.start + m.end()].split(' ') {
            if !piece.is_empty() {
                words.push((offset, piece));
            }
            offset += piece.len() + 1;
        }
        // Drop words that never start a name ("The", "According"), and titles with what
        // comes before them ("US President Donald Trump" → "Donald Trump").
        let mut titled = false;
        while let Some(&(_, first)) = words.first() {
            let lower = clean(first).to_lowercase();
            if is_initials(first) {
                break;
            }
            if CUES.np_stop.contains(&lower)
                || CUES.vague_speakers.contains(&lower)
                || NEVER_NAMES.contains(&lower.as_str())
                || CUES.speech_verb(&lower).is_some()
            {
                words.remove(0);
            } else {
                break;
            }
        }
        let organisation_words = words.iter().any(|(_, w)| {
            let lower = clean(w).to_lowercase();
            CUES.organisations.contains(&lower)
                || CUES.organisations.contains(lower.trim_end_matches('s'))
        });
        // "World Health Organization and UNICEF": the first of two organisations.
        if organisation_words
            && let Some(and) = words.iter().position(|(_, w)| *w == "and")
            && and > 0
            && CUES
                .organisations
                .contains(&clean(words[and - 1].1).to_lowercase())
        {
            words.truncate(and);
        }
        // Organisation words only before the title qualify it ("Essex Police Chief
        // Superintendent Simon Anslow" → "Simon Anslow"); after it they are the name
        // ("Director of Public Health").
        let organisation_after = |k: usize| {
            words[k + 1..].iter().any(|(_, w)| {
                let lower = clean(w).to_lowercase();
                CUES.organisations.contains(&lower)
                    || CUES.organisations.contains(lower.trim_end_matches('s'))
                    || JOINTS.contains(&lower.as_str())
            })
        };
        if let Some(last_title) = words.iter().rposition(|(_, w)| is_title(w)).filter(|&k| {
            k + 1 < words.len()
                && (!organisation_words || (words.len() - k > 2 && !organisation_after(k)))
        }) {
            words.drain(..=last_title);
            titled = true;
        }
        // "Hewlett Packard on Wednesday said": a time, not part of the name.
        if let Some(cut) = words.windows(2).position(|pair| {
            JOINTS.contains(&pair[0].1.to_lowercase().as_str())
                && (WEEKDAYS.contains(&clean(pair[1].1)) || CUES.months.contains(clean(pair[1].1)))
        }) {
            words.truncate(cut);
        }
        // "Thomson Reuters Corp TRI.TO": the company, without its legal form or ticker.
        while words.len() > 1
            && words.last().is_some_and(|(_, w)| {
                is_ticker(w) || CORPORATE.contains(&clean(w).to_lowercase().as_str())
            })
        {
            words.pop();
        }
        while words
            .last()
            .is_some_and(|(_, w)| JOINTS.contains(&w.to_lowercase().as_str()))
        {
            words.pop();
        }
        // A month or a weekday alone names no one ("in September").
        if let [(_, only)] = words.as_slice()
            && (CUES.months.contains(clean(only)) || WEEKDAYS.contains(&clean(only)))
        {
            continue;
        }
        let (Some(&(first_at, _)), Some(&(last_at, last))) = (words.first(), words.last()) else {
            continue;
        };
        let last_clean = strip_possessive(last.trim_end_matches('.'));
        let end = last_at + last_clean.len();
        let name_text = text[first_at..end].to_owned();
        let possessive = last_clean.len() < last.trim_end_matches('.').len();
        // A lower-case noun right after ("Finnish company"), not a verb ("Beshear said").
        let next_lower = text[range.start + m.end()..range.end]
            .strip_prefix(' ')
            .and_then(|rest| rest.split(|c: char| !c.is_alphabetic()).next())
            .is_some_and(|word| {
                word.starts_with(char::is_lowercase)
                    && !CUES.np_stop.contains(word)
                    && CUES.speech_verb(word).is_none()
                    && !CUES.participles.contains(word)
                    && !word.ends_with("ed")
            });
        let kind = kind_of(&name_text, titled, people);
        out.push(Name {
            range: first_at..end,
            text: name_text,
            kind,
            modifier: next_lower || possessive,
        });
    }
    out
}

/// Legal forms that end a company's name ("Veltrix Inc", "Thomson Reuters Corp."), left out
/// of the speaker's name.
const CORPORATE: &[&str] = &["inc", "corp", "co", "ltd", "plc", "llc", "ag", "sa", "nv"];

/// A stock ticker with its exchange ("TRI.TO", "LSEG.L", "VLTX.O").
fn is_ticker(word: &str) -> bool {
    let word = word.trim_end_matches(|c: char| !c.is_alphanumeric());
    word.split_once('.').is_some_and(|(symbol, exchange)| {
        (1..=6).contains(&symbol.len())
            && symbol
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            && (1..=2).contains(&exchange.len())
            && exchange.chars().all(|c| c.is_ascii_uppercase())
    })
}

/// Words that start a capitalised run at a sentence start without being part of a name.
const NEVER_NAMES: &[&str] = &[
    "i",
    "i'm",
    "i’m",
    "i've",
    "i’ve",
    "i'll",
    "i’ll",
    "i'd",
    "i’d",
    "according",
    "however",
    "meanwhile",
    "speaking",
    "asked",
    "although",
    "but",
    "and",
    "so",
    "even",
    "still",
    "sentencing",
    "in",
    "on",
    "at",
    "after",
    "before",
    "since",
    "while",
    "when",
    "if",
    "as",
    "last",
    "this",
    "that",
    "those",
    "these",
    "there",
    "here",
    "then",
    "now",
    "many",
    "most",
    "some",
    "half",
    "all",
    "both",
    "each",
    "every",
    "another",
    "other",
];

/// A word without surrounding punctuation.
fn clean(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric())
}

/// The word without a possessive `'s` / `’s`.
fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word)
}

fn is_title(word: &str) -> bool {
    let lower = word.to_lowercase();
    CUES.titles.contains(&lower) || CUES.titles.contains(clean(&lower))
}

/// Person, organisation or other, by the words of the name.
fn kind_of(name: &str, titled: bool, people: &People) -> NameKind {
    let words: Vec<&str> = name.split_whitespace().collect();
    let organisation = words.iter().any(|w| {
        let lower = clean(w).to_lowercase();
        CUES.organisations.contains(&lower)
            || CUES.organisations.contains(lower.trim_end_matches('s'))
            || matches!(lower.as_str(), "of" | "for" | "and" | "the" | "on")
    }) || (words.len() == 1 && is_initials(words[0]));
    if organisation {
        NameKind::Organisation
    } else if words.len() >= 2 || titled || people.full(words[0]).is_some() {
        NameKind::Person
    } else {
        NameKind::Other
    }
}

/// "UNHCR", "FDNY", "OVD-Info": initials (two or more capitals, maybe with a suffix).
pub(super) fn is_initials(word: &str) -> bool {
    let head: String = word.chars().take_while(|c| c.is_alphabetic()).collect();
    head.chars().count() >= 2 && head.chars().all(char::is_uppercase)
}

mod speaker;
#[cfg(test)]
mod tests;
