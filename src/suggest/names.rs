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
        // Inside a word ("iPhone"): no name.
        if text[..start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
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
                && (!organisation_words || (words.len() - k - 1 >= 2 && !organisation_after(k)))
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

/// Nouns for documents: "a YouGov poll", "a survey by Ipsos" are said by the organisation
/// named with them.
const DOCUMENTS: &[&str] = &[
    "poll",
    "survey",
    "study",
    "report",
    "review",
    "analysis",
    "data",
    "figures",
    "research",
    "statement",
    "estimate",
    "estimates",
    "audit",
    "census",
    "forecast",
];

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
fn is_initials(word: &str) -> bool {
    let head: String = word.chars().take_while(|c| c.is_alphabetic()).collect();
    head.chars().count() >= 2 && head.chars().all(char::is_uppercase)
}

/// Who an attribution's subject names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Who {
    /// A person, at their fullest name.
    Person(String),
    /// An organisation, a group or a role ("police spokesman").
    Group(String),
    /// A singular role with "the" ("the company", "the dad-of-two", "the survey"): someone
    /// or something named before.
    The(String),
    /// "he", "she": the last person named before.
    He,
    /// "they", "it": the last speaker named before.
    They,
}

#[cfg(test)]
impl Who {
    /// The speaker's name, if it is not a pronoun.
    pub fn name(&self) -> Option<&str> {
        match self {
            Self::Person(name) | Self::Group(name) | Self::The(name) => Some(name),
            Self::He | Self::They => None,
        }
    }
}

/// Which side of the speech verb the subject is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Side {
    /// "Hans Kluge said": the subject ends at the verb; the person nearest to it wins.
    Before,
    /// "said Sally Gainsbury, an analyst": the subject starts at the verb; the first wins.
    After,
}

/// The speaker named by the subject `text[range]` of a speech verb.
pub(crate) fn who(text: &str, range: Range<usize>, side: Side, people: &People) -> Option<Who> {
    let segment = text.get(range.clone())?;
    let trimmed = segment
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '—' | '–' | ':' | ';'));
    if trimmed.is_empty() {
        return None;
    }
    let lower = trimmed.to_lowercase();
    match lower.as_str() {
        "he" | "she" => return Some(Who::He),
        "they" | "it" | "we" => return Some(Who::They),
        _ => {}
    }
    // "On the 18-week target, he": the clause next to the verb is a pronoun.
    if side == Side::Before
        && let Some((_, last)) = lower.rsplit_once(", ")
    {
        match last.trim() {
            "he" | "she" => return Some(Who::He),
            "they" | "it" | "we" => return Some(Who::They),
            _ => {}
        }
    }
    let first_word = lower.split_whitespace().next().unwrap_or_default();
    // "He continued by": the sentence's subject is a pronoun.
    if side == Side::After {
        match first_word {
            "he" | "she" => return Some(Who::He),
            "they" | "it" => return Some(Who::They),
            _ => {}
        }
    }
    let initials = trimmed.split_whitespace().next().is_some_and(is_initials);
    if !initials
        && CUES.vague_speakers.contains(first_word)
        && lower.split_whitespace().count() <= 2
    {
        return None;
    }
    let parts = without_asides(text, range.clone(), side);
    let mut found: Vec<Name> = parts
        .iter()
        .flat_map(|p| names(text, p.clone(), people))
        .collect();
    // "Doctors and patient groups", "Economists polled by Reuters": a plural noun
    // capitalised only because it opens the sentence heads a role, not a name.
    let lead = range.start + (segment.len() - segment.trim_start().len());
    if let Some(first) = found.first()
        && first.range.start == lead
        && !first.text.contains(' ')
        && first.kind != NameKind::Organisation
        && is_plural(&first.text.to_lowercase())
        && text[first.range.end..range.end]
            .split_whitespace()
            .next()
            .is_some_and(|w| w.starts_with(char::is_lowercase))
    {
        found.remove(0);
    }
    // A document names its author ("a poll by INSA", "NHS England figures"), when the
    // document heads the subject: the clause next to the verb, not an earlier one ("…
    // Wilder's statement as well, with Wright saying").
    let head = match side {
        Side::Before => {
            segment
                .rfind(", ")
                .map_or(range.start, |at| range.start + at + 2)..range.end
        }
        Side::After => range.start..segment.find(", ").map_or(range.end, |at| range.start + at),
    };
    let document = text[head.clone()]
        .split(|c: char| !c.is_alphabetic())
        .any(|w| DOCUMENTS.contains(&w.to_lowercase().as_str()));
    if document
        && let Some(first) = found
            .iter()
            .find(|n| head.start <= n.range.start && n.range.end <= head.end)
            .or_else(|| found.first())
    {
        return Some(Who::Group(people.fullest(&first.text)));
    }
    let mut persons = found
        .iter()
        .filter(|n| n.kind == NameKind::Person && !n.modifier);
    // "Raymond Dalio, co-chief investment officer of … Bridgewater Associates, said": the
    // person the subject opens with, before the apposition describing them.
    let opening = found.first().filter(|n| {
        side == Side::Before
            && n.kind == NameKind::Person
            && text[n.range.end..range.end].starts_with(',')
            && text[range.start..n.range.start]
                .split_whitespace()
                .all(|w| matches!(w.to_lowercase().as_str(), "the" | "and" | "but" | "while"))
    });
    let person = match side {
        Side::Before => opening.or_else(|| persons.next_back()),
        Side::After => persons.next(),
    };
    if let Some(person) = person {
        return Some(Who::Person(people.fullest(&person.text)));
    }
    if let Some(group) = found
        .iter()
        .find(|n| n.kind == NameKind::Organisation && !n.modifier)
        .or_else(|| {
            found
                .iter()
                .find(|n| n.kind == NameKind::Other && !n.modifier)
        })
    {
        return Some(Who::Group(group.text.clone()));
    }
    let nearest = match side {
        Side::Before => parts.last(),
        Side::After => parts.first(),
    };
    let (name, definite) = role(text, nearest.cloned().unwrap_or(range), side)?;
    // One word after "the": a back-reference ("the company", "the dad-of-two"); "the city's
    // finance director" is a role of its own. A company described ("the news and
    // information company") is still the company named before.
    let singular = name.split_whitespace().count() == 1 && !is_plural(&name.to_lowercase());
    let body = name
        .split_whitespace()
        .last()
        .filter(|last| BODIES.contains(&last.to_lowercase().as_str()))
        .filter(|_| !name.contains('\'') && !name.contains('’'));
    // "the 21-year-old forward": an age describes the person named before.
    let aged = name
        .split_whitespace()
        .next()
        .is_some_and(|w| w.ends_with("-year-old") && w.len() < 14);
    Some(match body {
        Some(last) if definite && !singular => Who::The(last.to_owned()),
        _ if definite && (singular || aged) => Who::The(name),
        _ => Who::Group(name),
    })
}

/// The subject without relative clauses and brackets (", who voted against both measures,",
/// "(IOM)"): the parts of `range` to look for names in. After the verb, only what comes
/// before the first aside counts.
fn without_asides(text: &str, range: Range<usize>, side: Side) -> Vec<Range<usize>> {
    let segment = &text[range.clone()];
    let mut parts = Vec::new();
    let mut from = 0;
    while let Some(at) = [
        ", who", ", which", ", whose", ", where", " (", " who ", " which ",
    ]
    .iter()
    .filter_map(|m| segment[from..].find(m).map(|at| from + at))
    .min()
    {
        parts.push(range.start + from..range.start + at);
        if side == Side::After {
            return parts;
        }
        let close = if segment[at..].starts_with(" (") {
            ')'
        } else {
            ','
        };
        match segment[at + 2..].find(close) {
            Some(end) => from = at + 2 + end + 1,
            None => return parts,
        }
    }
    parts.push(range.start + from..range.end);
    parts
}

/// A role or group named in lower case ("a police spokesman", "local activists", "sources
/// close to the talks"): the subject's words without determiners, time words and adverbs.
fn role(text: &str, range: Range<usize>, side: Side) -> Option<(String, bool)> {
    let segment = text.get(range)?;
    // The part nearest the verb, up to a comma.
    let adverb = |p: &&str| {
        let t = p.trim().to_lowercase();
        t.is_empty()
            || matches!(
                t.as_str(),
                "however" | "meanwhile" | "too" | "also" | "though" | "in turn" | "in contrast"
            )
    };
    let part = match side {
        Side::Before => segment.rsplit(", ").find(|p| !adverb(p))?,
        Side::After => segment.split(", ").find(|p| !adverb(p))?,
    };
    // "The survey of 2,000 young people": the head noun, before "of".
    let trimmed = part.trim();
    let definite = trimmed
        .get(..4)
        .is_some_and(|head| head.eq_ignore_ascii_case("the ") && trimmed.len() > 4);
    let part = match trimmed.find(" of ") {
        Some(at) if definite && side == Side::Before => &trimmed[..at],
        _ => part,
    };
    let words: Vec<&str> = part
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        })
        .filter(|w| !w.is_empty())
        .collect();
    let skip = |w: &&str| {
        let lower = w.to_lowercase();
        matches!(
            lower.as_str(),
            "the"
                | "a"
                | "an"
                | "his"
                | "her"
                | "their"
                | "its"
                | "our"
                | "has"
                | "have"
                | "had"
                | "also"
                | "repeatedly"
                | "previously"
                | "later"
                | "then"
                | "now"
                | "publicly"
                | "separately"
                | "however"
                | "but"
                | "and"
                | "on"
                | "in"
                | "at"
        ) || lower.ends_with("day")
    };
    let kept: Vec<&str> = match side {
        Side::Before => {
            let mut kept: Vec<&str> = words.iter().rev().take(6).rev().copied().collect();
            while kept.first().is_some_and(skip) {
                kept.remove(0);
            }
            while kept.last().is_some_and(skip) {
                kept.pop();
            }
            kept
        }
        Side::After => {
            // "people familiar with the matter", "sources close to the talks": a determiner
            // after a preposition stays in the phrase.
            let mut kept: Vec<&str> = Vec::new();
            for w in words.iter().copied().skip_while(skip) {
                let lower = w.to_lowercase();
                let joined = kept.last().is_some_and(|last| {
                    matches!(last.to_lowercase().as_str(), "with" | "to" | "on" | "of")
                }) && matches!(lower.as_str(), "the" | "a" | "an");
                // "The government declared …", "Tory sources hit back": the verb ends it.
                let verb = !kept.is_empty()
                    && ((lower.len() > 4 && lower.ends_with("ed"))
                        || CUES.participles.contains(&lower));
                if (skip(&w) && !joined) || verb || kept.len() == 6 {
                    break;
                }
                kept.push(w);
            }
            while kept.last().is_some_and(|w| {
                skip(w) || matches!(w.to_lowercase().as_str(), "with" | "to" | "of")
            }) {
                kept.pop();
            }
            kept
        }
    };
    if kept.is_empty() || kept.len() > 6 {
        return None;
    }
    // "…'dodgy' claims about their plans", "…, before adding": a preposition or a
    // conjunction opens no speaker. Before the verb it may open the clause the subject ends
    // ("with one 2019 study finding", "About one in five voters said"): the rest is it.
    let mut kept = kept;
    let preposition = |w: &&str| PREPOSITIONS.contains(&w.to_lowercase().as_str());
    if side == Side::Before {
        while kept.first().is_some_and(preposition) {
            kept.remove(0);
        }
    }
    if kept.is_empty() || kept.first().is_some_and(preposition) {
        return None;
    }
    Some((kept.join(" "), definite))
}

/// Words that open a phrase about something, never a speaker's name.
const PREPOSITIONS: &[&str] = &[
    "about", "before", "after", "over", "against", "for", "from", "with", "without", "into", "to",
    "by", "of", "than", "because", "while", "when", "if", "as", "since", "until", "during",
    "despite", "through",
];

/// Organisations described rather than named: the last word of "the Palo Alto, Calif.,
/// company".
const BODIES: &[&str] = &[
    "company",
    "firm",
    "group",
    "carrier",
    "airline",
    "bank",
    "lender",
    "retailer",
    "chipmaker",
    "insurer",
];

/// A plural noun ("researchers", "people"), which names a group rather than one body.
fn is_plural(lower: &str) -> bool {
    CUES.plural_heads.contains(lower)
        || (lower.len() > 3
            && lower.ends_with('s')
            && !lower.ends_with("ss")
            && !CUES.singular_s.contains(lower))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn who_before(text: &str) -> Option<Who> {
        who(text, 0..text.len(), Side::Before, &People::whole(text))
    }

    #[test]
    fn names_drop_titles_and_tell_people_from_organisations() {
        let text = "Gov. Andy Beshear met the Office for National Statistics with UNHCR in Kentucky's capital";
        let found = names(text, 0..text.len(), &People::default());
        let summary: Vec<(&str, NameKind)> = found
            .iter()
            .map(|n| (n.text.as_str(), n.kind.clone()))
            .collect();
        assert_eq!(
            summary,
            [
                ("Andy Beshear", NameKind::Person),
                ("Office for National Statistics", NameKind::Organisation),
                ("UNHCR", NameKind::Organisation),
                ("Kentucky", NameKind::Other),
            ]
        );
        assert!(found[3].modifier, "Kentucky's capital");
        let text = "Ursula von der Leyen spoke; US President Donald Trump too";
        let found = names(text, 0..text.len(), &People::default());
        assert_eq!(found[0].text, "Ursula von der Leyen");
        assert_eq!(found[1].text, "Donald Trump");
    }

    #[test]
    fn surnames_expand_to_the_full_name() {
        let text = "Gov. Andy Beshear spoke. Later Beshear left with Mr Baker.";
        let people = People::of(text, &[0..24, 25..text.len()]);
        assert_eq!(
            people.in_sentence(1)[0].kind,
            NameKind::Person,
            "a known surname"
        );
        assert_eq!(people.fullest("Beshear"), "Andy Beshear");
        assert_eq!(people.fullest("Baker"), "Baker");
    }

    #[test]
    fn the_subject_names_the_speaker() {
        assert_eq!(who_before("she"), Some(Who::He));
        assert_eq!(who_before("they"), Some(Who::They));
        assert_eq!(
            who_before("Hans Kluge, WHO's regional director for Europe,"),
            Some(Who::Person("Hans Kluge".into()))
        );
        assert_eq!(
            who_before(
                "Finance Minister Christian Lindner, whose Free Democrats had insisted on no new debt,"
            ),
            Some(Who::Person("Christian Lindner".into()))
        );
        assert_eq!(
            who_before("The Food and Drink Federation"),
            Some(Who::Group("Food and Drink Federation".into()))
        );
        assert_eq!(
            who_before("a police spokesman"),
            Some(Who::Group("police spokesman".into()))
        );
        assert_eq!(
            who_before("the dad-of-two"),
            Some(Who::The("dad-of-two".into()))
        );
        assert_eq!(
            who_before("The survey of 2,000 people"),
            Some(Who::The("survey".into()))
        );
        assert_eq!(
            who_before("the researchers"),
            Some(Who::Group("researchers".into()))
        );
        assert_eq!(
            who_before("Belarusian opposition sources"),
            Some(Who::Group("Belarusian opposition sources".into()))
        );
        assert_eq!(who_before("People"), None, "nobody in particular");
        // Legal forms, tickers and times are no part of a name.
        assert_eq!(
            who_before("Thomson Reuters Corp TRI.TO"),
            Some(Who::Group("Thomson Reuters".into()))
        );
        assert_eq!(
            who_before("Hewlett Packard on Wednesday"),
            Some(Who::Person("Hewlett Packard".into()))
        );
        // A company described is the company named before.
        assert_eq!(
            who_before("the news and information company"),
            Some(Who::The("company".into()))
        );
        // A preposition opens the clause, not the subject.
        assert_eq!(
            who_before("About one in five voters"),
            Some(Who::Group("one in five voters".into()))
        );
        assert_eq!(who_before(", before"), None);
        let after = "about their spending plans";
        assert_eq!(
            who(after, 0..after.len(), Side::After, &People::default()),
            None
        );
        let after = "people familiar with the matter.";
        assert_eq!(
            who(after, 0..after.len(), Side::After, &People::default()),
            Some(Who::Group("people familiar with the matter".into()))
        );
        let after = "Sally Gainsbury, a senior policy analyst at the Nuffield Trust.";
        assert_eq!(
            who(after, 0..after.len(), Side::After, &People::default()),
            Some(Who::Person("Sally Gainsbury".into()))
        );
        let after = "the health secretary, Victoria Atkins.";
        assert_eq!(
            who(after, 0..after.len(), Side::After, &People::default()),
            Some(Who::Person("Victoria Atkins".into()))
        );
    }
}
