//! Who said it: one pass over the sentences in order that decides which quoted stretches are
//! quotes (not scare quotes or titles), finds each quote's speaker (a speech verb after or
//! before it, a colon, the other half of an interrupted quote, the quote before), finds
//! reported speech (`reported.rs`), and resolves pronouns to the last speaker or person named
//! (`docs/SUGGEST.md` §1.4).

use std::ops::Range;

use super::names::{NameKind, People, Who, names};
use super::quotes::Quoted;
use super::reported;
use super::sentences::Sentence;
use speaker::speaker_of;

/// A quote or reported statement with its speaker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Attributed {
    pub range: Range<usize>,
    pub reported: bool,
    pub speaker: Option<String>,
    pub reason: String,
}

/// What the pass remembers of a sentence, for pronouns.
struct Seen {
    paragraph: usize,
    /// The last speaker attributed in it, and whether that is a person.
    speaker: Option<(String, bool)>,
    /// The first person it names.
    person: Option<String>,
    /// The name it opens with (its subject, when it opens with a name), else the first
    /// organisation or other name it has that does not qualify a noun.
    body: Option<String>,
    /// The roles of the court it names ("Judge Catherine Evans"), lower case.
    court_roles: Vec<&'static str>,
}

/// Roles that are never the person the sentences before are about: "the judge told Ali"
/// is not Ali speaking. "The judge" is the judge named before with that title, else the
/// role itself.
const COURT_ROLES: &[&str] = &[
    "judge",
    "magistrate",
    "coroner",
    "prosecutor",
    "recorder",
    "sheriff",
];

/// Nouns that, after "the", refer back to an organisation named before ("the company said").
const BODY_NOUNS: &[&str] = &[
    "company",
    "club",
    "firm",
    "group",
    "agency",
    "agencies",
    "ministry",
    "department",
    "bank",
    "union",
    "party",
    "government",
    "council",
    "organisation",
    "organization",
    "operator",
    "charity",
    "airline",
    "carrier",
    "network",
    "regulator",
    "broadcaster",
    "newspaper",
    "university",
    "institute",
    "court",
    "commission",
    "authority",
    "watchdog",
    "body",
    "station",
    "report",
    "survey",
    "study",
    "poll",
    "review",
    "data",
    "figures",
    "analysis",
    "research",
    "panel",
    "board",
    "committee",
    "inquiry",
    "tribunal",
    "forecast",
];

/// Quotes and reported speech of the whole text, in order.
pub(crate) fn attribute(
    text: &str,
    paragraphs: &[Range<usize>],
    sentences: &[Sentence],
    quoted: &[Quoted],
    people: &People,
) -> Vec<Attributed> {
    let mut out: Vec<Attributed> = Vec::new();
    let mut seen: Vec<Seen> = Vec::with_capacity(sentences.len());
    let all_quoted: Vec<Range<usize>> = quoted.iter().map(|q| q.range.clone()).collect();
    // The last quote accepted: its speaker and paragraph.
    let mut last_quote: Option<(Option<String>, usize)> = None;
    let mut q = 0;
    // A quotation running over several sentences: its end and speaker, who is the last
    // speaker for every sentence inside it ("It adds:" after three paragraphs of one quote).
    let mut running: Option<(usize, String)> = None;
    for (index, sentence) in sentences.iter().enumerate() {
        let mut speaker_here: Option<(String, bool)> = running
            .as_ref()
            .filter(|(end, _)| sentence.range.start < *end)
            .map(|(_, name)| (name.clone(), is_person(name, people)));
        let mut accepted_here: Vec<Range<usize>> = Vec::new();
        // Quotes that open in this sentence.
        while q < quoted.len() && quoted[q].range.start < sentence.range.end {
            let quote = &quoted[q];
            q += 1;
            if quote.range.start < sentence.range.start {
                continue;
            }
            let found = speaker_of(
                text,
                paragraphs,
                sentences,
                index,
                quote,
                &accepted_here,
                people,
            );
            let naming = found.as_ref().is_some_and(|f| f.naming);
            // Headlines mark the words someone used with single quotes ("Huntley 'shows no
            // remorse' - report"); the rest of the headline names them, if anyone.
            let headline_words =
                sentence.heading && text[quote.range.clone()].starts_with(['‘', '\'']) && !naming;
            if !is_quote(text, quote, (found.is_some() && !naming) || headline_words) {
                continue;
            }
            let mut who = found.and_then(|f| f.who);
            let mut how = "speaker next to it";
            if who.is_none() {
                // The other half of an interrupted quote, or the quote just before.
                if let Some((Some(name), paragraph)) = &last_quote
                    && sentence.paragraph <= paragraph + 1
                {
                    who = Some(Who::Person(name.clone()));
                    how = "speaker of the quote before";
                } else if quote.range.start == sentence.range.start
                    && let Some(previous) = seen.last()
                    && previous.paragraph + 1 == sentence.paragraph
                    && let Some((name, _)) = &previous.speaker
                {
                    // A quotation opening the paragraph after one that gives the speaker's
                    // words in reported speech.
                    who = Some(Who::Person(name.clone()));
                    how = "speaker of the paragraph before";
                }
            }
            let name = name_speaker(who, &seen, &mut speaker_here, sentence.paragraph, people);
            let style = if quote.dash {
                "dash speech"
            } else {
                "quotation marks"
            };
            out.push(Attributed {
                range: quote.range.clone(),
                reported: false,
                speaker: name.clone(),
                reason: if name.is_some() {
                    format!("{style}, {how}")
                } else {
                    format!("{style}, no speaker found")
                },
            });
            if let Some(name) = &name
                && quote.range.end > sentence.range.end
            {
                running = Some((quote.range.end, name.clone()));
            }
            last_quote = Some((name, text[..quote.range.end].matches('\n').count()));
            accepted_here.push(quote.range.clone());
        }
        // Reported speech.
        for found in reported::find(text, sentence.range.clone(), &all_quoted, people) {
            let name = name_speaker(
                found.who,
                &seen,
                &mut speaker_here,
                sentence.paragraph,
                people,
            );
            out.push(Attributed {
                range: found.range,
                reported: true,
                speaker: name,
                reason: found.reason.to_owned(),
            });
        }
        let named = people.in_sentence(index);
        let person = named
            .iter()
            .find(|n| n.kind == NameKind::Person && !n.modifier)
            .map(|n| people.fullest(&n.text))
            .or_else(|| {
                // "The 26-year-old carried out …": the person named before, again.
                opens_with_age(&text[sentence.range.clone()])
                    .then(|| seen.iter().rev().take(4).find_map(|s| s.person.clone()))
                    .flatten()
            });
        // A name that opens the sentence as its subject ("Tata Steel shut …"), not a
        // capitalised first word ("Data centre revenue …", "Shares fell …").
        let opening = named.first().filter(|n| {
            text[sentence.range.start..n.range.start]
                .split_whitespace()
                .count()
                <= 2
                && !n.modifier
                && (n.kind != NameKind::Other || n.text.contains(' '))
        });
        let body = opening
            .or_else(|| {
                named
                    .iter()
                    .find(|n| n.kind != NameKind::Person && !n.modifier)
            })
            .map(|n| n.text.clone());
        let court_roles = COURT_ROLES
            .iter()
            .copied()
            .filter(|role| {
                text[sentence.range.clone()]
                    .split(|c: char| !c.is_alphabetic())
                    .any(|w| w.eq_ignore_ascii_case(role))
            })
            .collect();
        seen.push(Seen {
            paragraph: sentence.paragraph,
            speaker: speaker_here,
            person,
            body,
            court_roles,
        });
    }
    out
}

/// Whether a quoted stretch is a quote: enough words, or its own punctuation, or a speaker
/// named in its sentence; never a title or a name in capitals, never after "so-called".
fn is_quote(text: &str, quote: &Quoted, attributed: bool) -> bool {
    let inner = text[quote.inner.clone()].trim();
    let words: Vec<&str> = inner
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect();
    if words.is_empty() {
        return false;
    }
    let head = text[..quote.range.start].trim_end().to_lowercase();
    if head.ends_with("so-called")
        || head.ends_with("so called")
        || head.ends_with("the word")
        || head.ends_with("the term")
    {
        return false;
    }
    let titled = words.iter().all(|w| {
        w.starts_with(|c: char| c.is_uppercase() || !c.is_alphabetic())
            || matches!(*w, "of" | "the" | "and" | "a" | "in" | "on" | "for" | "to")
    });
    if titled && words.len() <= 6 && !inner.ends_with(['.', '!', '?', ',']) {
        return false;
    }
    if quote.dash || quote.unclosed || words.len() >= 5 || attributed {
        return true;
    }
    let punctuated = inner.ends_with(['.', ',', '!', '?', '…', ':', ';'])
        || inner.contains(". ")
        || inner.contains("? ");
    punctuated && words.len() >= 2
}

/// The speaker's name for `who` (see [`resolve`]), remembered as the sentence's speaker.
fn name_speaker(
    who: Option<Who>,
    seen: &[Seen],
    here: &mut Option<(String, bool)>,
    paragraph: usize,
    people: &People,
) -> Option<String> {
    let name = resolve(who, seen, here.as_ref(), paragraph, people);
    if let Some(name) = &name {
        *here = Some((name.clone(), is_person(name, people)));
    }
    name
}

/// A speaker's name: pronouns resolved to the last speaker or person named before (a person
/// for "he"/"she"), surnames to full names.
fn resolve(
    who: Option<Who>,
    seen: &[Seen],
    here: Option<&(String, bool)>,
    paragraph: usize,
    people: &People,
) -> Option<String> {
    let person_only = match who? {
        Who::The(role) | Who::Group(role) if BODY_NOUNS.contains(&role.to_lowercase().as_str()) => {
            // "the company said": the organisation the sentences before are about.
            let named = here
                .filter(|(_, person)| !person)
                .map(|(name, _)| name.clone())
                .or_else(|| {
                    seen.iter().rev().take(4).find_map(|s| {
                        s.speaker
                            .as_ref()
                            .filter(|(_, person)| !person)
                            .map(|(name, _)| name.clone())
                            .or_else(|| s.body.clone())
                    })
                })
                // A company written like a person's name ("Hewlett Packard said …; the
                // company said"): the speaker just before.
                .or_else(|| here.map(|(name, _)| name.clone()))
                .or_else(|| {
                    seen.iter()
                        .rev()
                        .take(2)
                        .find_map(|s| s.speaker.as_ref().map(|(name, _)| name.clone()))
                });
            return Some(named.unwrap_or(role));
        }
        Who::The(role) if COURT_ROLES.contains(&role.to_lowercase().as_str()) => {
            let lower = role.to_lowercase();
            let named = seen
                .iter()
                .rev()
                .take(6)
                .find(|s| s.court_roles.contains(&lower.as_str()) && s.person.is_some())
                .and_then(|s| s.person.clone());
            return Some(named.unwrap_or(role));
        }
        Who::The(role) => {
            // "the dad-of-two told The Post": the person the sentences before are about.
            let named = seen.iter().rev().take(3).find_map(|s| {
                s.person.clone().or_else(|| {
                    s.speaker
                        .as_ref()
                        .filter(|(_, person)| *person)
                        .map(|(name, _)| name.clone())
                })
            });
            return Some(named.unwrap_or(role));
        }
        Who::Group(name) if of_the(&name).is_some() => {
            // "one of the people said": the people who spoke before.
            let noun = of_the(&name).unwrap_or_default();
            let earlier = seen.iter().rev().take(8).find_map(|s| {
                s.speaker
                    .as_ref()
                    .filter(|(speaker, _)| {
                        speaker
                            .split_whitespace()
                            .any(|w| w.eq_ignore_ascii_case(noun))
                    })
                    .map(|(speaker, _)| speaker.clone())
            });
            return Some(earlier.unwrap_or(name));
        }
        Who::Person(name) | Who::Group(name) => return Some(people.fullest(&name)),
        Who::He => true,
        Who::They => false,
    };
    if let Some((name, person)) = here
        && (*person || !person_only)
    {
        return Some(name.clone());
    }
    let recent = || {
        seen.iter()
            .rev()
            .take(8)
            .take_while(|s| s.paragraph + 2 >= paragraph)
    };
    if person_only {
        for earlier in recent() {
            if let Some((name, true)) = &earlier.speaker {
                return Some(name.clone());
            }
            if let Some(name) = &earlier.person {
                return Some(name.clone());
            }
        }
        return None;
    }
    // "they", "it": a group that spoke, else anyone who did.
    recent()
        .find_map(|s| s.speaker.as_ref().filter(|(_, person)| !person))
        .or_else(|| recent().find_map(|s| s.speaker.as_ref()))
        .map(|(name, _)| name.clone())
}

/// The noun of "one of the people", "two of the sources", "some of those".
fn of_the(name: &str) -> Option<&str> {
    let words: Vec<&str> = name.split_whitespace().collect();
    match words.as_slice() {
        [count, "of", "the" | "those", noun]
            if matches!(
                count.to_lowercase().as_str(),
                "one"
                    | "two"
                    | "three"
                    | "some"
                    | "several"
                    | "many"
                    | "most"
                    | "all"
                    | "both"
                    | "each"
            ) =>
        {
            Some(noun)
        }
        _ => None,
    }
}

/// True when `sentence` opens with an age describing someone: "The 26-year-old …".
fn opens_with_age(sentence: &str) -> bool {
    let mut words = sentence.split_whitespace();
    words.next().is_some_and(|w| w.eq_ignore_ascii_case("the"))
        && words
            .next()
            .is_some_and(|w| w.ends_with("-year-old") && w.len() < 14)
}

/// Whether `name` names a person (for "he" and "she").
fn is_person(name: &str, people: &People) -> bool {
    COURT_ROLES.contains(&name.to_lowercase().as_str())
        || names(name, 0..name.len(), people)
            .first()
            .is_some_and(|n| n.kind == NameKind::Person && n.text.len() == name.len())
}

mod speaker;
#[cfg(test)]
mod tests;
