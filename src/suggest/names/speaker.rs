//! The speaker an attribution's subject names: a person (past titles and appositions), an
//! organisation, a document's author, a role in lower case ("a police spokesman"), a
//! back-reference ("the company") or a pronoun, for `names::who`.

use std::ops::Range;

use super::{Name, NameKind, People, is_initials, names};
use crate::suggest::cues::CUES;

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
    "station",
    "broadcaster",
    "newspaper",
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
