//! Who said it: one pass over the sentences in order that decides which quoted stretches are
//! quotes (not scare quotes or titles), finds each quote's speaker (a speech verb after or
//! before it, a colon, the other half of an interrupted quote, the quote before), finds
//! reported speech (`reported.rs`), and resolves pronouns to the last speaker or person named
//! (`docs/SUGGEST.md` §1.4).

use std::ops::Range;

use super::cues::{CUES, VerbKind};
use super::names::{NameKind, People, Side, Who, names, who};
use super::quotes::Quoted;
use super::reported;
use super::sentences::Sentence;
use super::words::{self, Word};

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

/// How many words after a quote are searched for its speech verb (the sentence ends first
/// in most cases).
const AFTER_WORDS: usize = 30;

/// True when a full stop right after `words` belongs to an abbreviation ("Sen.", "Dr.",
/// "Calif.") or an initial ("J."), not to the end of the sentence.
fn abbreviation_stop(words: &[Word<'_>]) -> bool {
    words.last().is_some_and(|w| {
        let lower = w.lower();
        w.is_letters()
            && (CUES.abbreviations.contains(&lower)
                || CUES.titles.contains(&lower)
                || (w.text.chars().count() == 1 && w.is_capitalised()))
    })
}

/// Verbs that name rather than quote ("branded him “Lord Dean”").
const NAMING: &[&str] = &[
    "called",
    "dubbed",
    "branded",
    "named",
    "nicknamed",
    "titled",
    "labelled",
    "labeled",
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
            if !is_quote(text, quote, found.is_some() && !naming) {
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
            .map(|n| people.fullest(&n.text));
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

/// A speaker found for a quote in its own sentence (or the paragraph before).
struct Found {
    who: Option<Who>,
    /// Found through a naming verb ("branded him"), which does not make a quote.
    naming: bool,
}

/// Looks for the speaker of `quote` (opening in sentence `index`): a speech verb just after
/// it, a speech verb or colon before it in its sentence, or a paragraph before it that ends
/// with "X said:".
fn speaker_of(
    text: &str,
    paragraphs: &[Range<usize>],
    sentences: &[Sentence],
    index: usize,
    quote: &Quoted,
    earlier_quotes: &[Range<usize>],
    people: &People,
) -> Option<Found> {
    let sentence = &sentences[index];
    // After: up to the end of the sentence holding the quote's end, or the next quote.
    // (Binary searches: a long article has many paragraphs and many quotes.)
    let end_sentence = sentences
        .get(index + sentences[index..].partition_point(|s| s.range.end < quote.range.end))
        .map_or(sentence.range.end, |s| s.range.end);
    let para_end = paragraphs
        .get(paragraphs.partition_point(|p| p.end < quote.range.end))
        .map_or(text.len(), |p| p.end);
    let after_end = end_sentence.min(para_end).max(quote.range.end);
    let after_end = text[quote.range.end..after_end]
        .find(['“', '"', '‘', '«', '„'])
        .map_or(after_end, |at| quote.range.end + at);
    // Up to the sentence's end: far enough for "…,” Dr. Anne Schuchat, director of the
    // CDC's immunization centre, said"; a title's or an initial's full stop ends nothing.
    let window = words::following(text, quote.range.end, AFTER_WORDS);
    let after: Vec<Word<'_>> = window
        .iter()
        .enumerate()
        .take_while(|&(k, w)| {
            w.end <= after_end
                && !(matches!(w.text, "!" | "?")
                    || w.text == "." && !abbreviation_stop(&window[..k]))
        })
        .map(|(_, w)| *w)
        .collect();
    if let Some(v) = after
        .iter()
        .position(|w| words::speech_verb_at(text, w).is_some())
    {
        let verb = after[v];
        let subject = if after[..v].iter().any(Word::is_letters) {
            who(text, quote.range.end..verb.start, Side::Before, people)
        } else {
            let stop = after
                .last()
                .map_or(after_end, |w| w.end)
                .max(verb.end)
                .min(after_end);
            let stop = text[verb.end..stop]
                .find(';')
                .map_or(stop, |at| verb.end + at);
            who(text, verb.end..stop, Side::After, people)
        };
        if subject.is_some() {
            return Some(Found {
                who: subject,
                naming: false,
            });
        }
    }
    // Before: from the sentence start (or the quote before in it) to the quote.
    let before_start = earlier_quotes
        .last()
        .map_or(sentence.range.start, |q| q.end.max(sentence.range.start));
    let before: Vec<Word<'_>> = words::preceding(text, quote.range.start, 30)
        .into_iter()
        .take_while(|w| w.start >= before_start)
        .collect();
    if let Some(verb) = before
        .iter()
        .find(|w| words::speech_verb_at(text, w).is_some())
    {
        let naming = NAMING.contains(&verb.lower().as_str());
        let subject_range = words::after_last(text, before_start..verb.start, &['”', '"', '’'])
            .unwrap_or(before_start);
        let gerund = CUES.speech_verb(&verb.lower()) == Some(VerbKind::Gerund);
        let left = words::before(text, verb.start);
        let subject = if let Some(quoted) = quoted_as_saying(text, subject_range, *verb, people) {
            // "The Daily Mirror quotes the board as saying:": the board.
            Some(quoted)
        } else if gerund && left.is_some_and(|w| w.text == ",") {
            // "…, telling the BBC:": the sentence's subject.
            who(text, subject_range..verb.start, Side::After, people)
        } else if text[subject_range..verb.start]
            .chars()
            .any(char::is_alphabetic)
        {
            who(text, subject_range..verb.start, Side::Before, people)
        } else {
            who(text, verb.end..quote.range.start, Side::After, people)
        };
        if subject.is_some() || CUES.speech_verb(&verb.lower()) != Some(VerbKind::Quote) {
            return Some(Found {
                who: subject,
                naming,
            });
        }
    }
    let head = text[before_start..quote.range.start].trim_end();
    if let Some(subject) = head.strip_suffix(':') {
        let start = before_start;
        return Some(Found {
            who: who(text, start..start + subject.len(), Side::Before, people),
            naming: false,
        });
    }
    // A paragraph ending "… X said:" introduces the quote that opens the next one.
    if quote.range.start == sentence.range.start
        && let k = paragraphs.partition_point(|p| p.start < quote.range.start)
        && paragraphs
            .get(k)
            .is_some_and(|p| p.start == quote.range.start)
        && k > 0
    {
        let previous = &paragraphs[k - 1];
        let line = text[previous.clone()].trim_end();
        if line.ends_with(':')
            && let Some(verb) = words::preceding(text, previous.start + line.len() - 1, 12)
                .into_iter()
                .find(|w| words::speech_verb_at(text, w).is_some())
        {
            let start = sentences
                .get(sentences.partition_point(|s| s.range.end <= verb.start))
                .filter(|s| s.range.start <= verb.start)
                .map_or(previous.start, |s| s.range.start);
            return Some(Found {
                who: who(text, start..verb.start, Side::Before, people),
                naming: false,
            });
        }
    }
    None
}

/// "X quoted Y as saying": Y, when `verb` is "saying" after "as" and a verb of quoting.
fn quoted_as_saying(text: &str, from: usize, verb: Word<'_>, people: &People) -> Option<Who> {
    if verb.lower() != "saying" {
        return None;
    }
    let as_word = words::before(text, verb.start).filter(|w| w.lower() == "as")?;
    let quoting = words::preceding(text, as_word.start, 8)
        .into_iter()
        .take_while(|w| w.start >= from)
        .find(|w| {
            matches!(
                w.lower().as_str(),
                "quoted" | "quotes" | "quoting" | "quote"
            )
        })?;
    who(text, quoting.end..as_word.start, Side::After, people)
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

/// Whether `name` names a person (for "he" and "she").
fn is_person(name: &str, people: &People) -> bool {
    COURT_ROLES.contains(&name.to_lowercase().as_str())
        || names(name, 0..name.len(), people)
            .first()
            .is_some_and(|n| n.kind == NameKind::Person && n.text.len() == name.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suggest::quotes;
    use crate::suggest::sentences::{paragraphs, sentences};

    /// (text, speaker) of each quote and reported statement.
    fn attributed(text: &str) -> Vec<(&str, Option<String>, bool)> {
        let paragraphs = paragraphs(text);
        let sentences = sentences(text, &paragraphs);
        let quoted = quotes::find(text, &paragraphs);
        let ranges: Vec<Range<usize>> = sentences.iter().map(|s| s.range.clone()).collect();
        attribute(
            text,
            &paragraphs,
            &sentences,
            &quoted,
            &People::of(text, &ranges),
        )
        .into_iter()
        .map(|a| (&text[a.range], a.speaker, a.reported))
        .collect()
    }

    fn quote(text: &str, speaker: &str) -> (String, Option<String>, bool) {
        (text.to_owned(), Some(speaker.to_owned()), false)
    }

    fn owned(found: Vec<(&str, Option<String>, bool)>) -> Vec<(String, Option<String>, bool)> {
        found
            .into_iter()
            .map(|(t, s, r)| (t.to_owned(), s, r))
            .collect()
    }

    #[test]
    fn speakers_after_before_and_interrupted() {
        let text = "“We will win,” said Ann Lee, the mayor. “And soon.”\n\
                    Gov. Andy Beshear told reporters: “This is bad.”\n\
                    “It is over,” Beshear said, “for now.”";
        assert_eq!(
            owned(attributed(text)),
            [
                quote("“We will win,”", "Ann Lee"),
                quote("“And soon.”", "Ann Lee"),
                quote("“This is bad.”", "Andy Beshear"),
                quote("“It is over,”", "Andy Beshear"),
                quote("“for now.”", "Andy Beshear"),
            ]
        );
    }

    #[test]
    fn pronouns_take_the_last_person_or_speaker() {
        let text = "Amanda Hatton, 61, waded to the porch. “I have never seen this,” she said.\n\
                    Many people were killed there, local activists said. “The bodies are there,” they said.";
        let found = attributed(text);
        assert_eq!(found[0].1.as_deref(), Some("Amanda Hatton"));
        assert_eq!(found[1].0, "Many people were killed there");
        assert_eq!(found[2].1.as_deref(), Some("local activists"));
    }

    #[test]
    fn the_company_is_the_organisation_named_before() {
        let text = "Apple reported a drop in revenue. Its services business grew fast in Asia, the company said.";
        let found = attributed(text);
        assert_eq!(found[0].0, "Its services business grew fast in Asia");
        assert_eq!(found[0].1.as_deref(), Some("Apple"));
    }

    #[test]
    fn scare_quotes_titles_and_names_are_not_quotes() {
        let text = "The so-called “peace plan” failed. Pals branded him “Lord Dean” at the pub. \
                    Laws against “discrediting” the army apply. The film “Oppenheimer” won.";
        assert_eq!(attributed(text), []);
        let text = "He called the plan “a wish list without a budget.”";
        assert_eq!(attributed(text)[0].0, "“a wish list without a budget.”");
    }

    #[test]
    fn speakers_after_titles_appositions_and_apostrophes() {
        // A title's full stop ends no sentence; a long apposition before the verb.
        let text = "“This is a spending bill,” said Sen. Lamar Alexander (R-Tenn).\n\
                    \"Most parents vaccinate,\" Dr. Anne Schuchat, director of the CDC's \
                    National Center for Immunization and Respiratory Diseases, said Thursday.";
        assert_eq!(
            owned(attributed(text)),
            [
                quote("“This is a spending bill,”", "Lamar Alexander"),
                quote("\"Most parents vaccinate,\"", "Anne Schuchat"),
            ]
        );
        // The person the subject opens with, not the organisation in the apposition; an
        // apostrophe inside a word ("world’s") is no closing quotation mark.
        let text = "Raymond Dalio, co-chief investment officer of the world’s largest hedge \
                    fund, Bridgewater Associates, said he could not believe the mistakes.\n\
                    “The panic selling is due to debt,” he said.";
        let found = attributed(text);
        assert_eq!(found[0].1.as_deref(), Some("Raymond Dalio"));
        assert_eq!(found[1].1.as_deref(), Some("Raymond Dalio"));
        // An organisation before the title qualifies it: the person is the speaker.
        let text = "Essex Police Chief Superintendent Simon Anslow praised the officers.\n\
                    He said: “They went in armed with a stick, still armed with that knife.”";
        assert_eq!(attributed(text)[0].1.as_deref(), Some("Simon Anslow"));
        // A document in an earlier clause does not name the speaker.
        let text = "Mayor Ann Dolan and Vice Mayor Beau Wright stood behind Wilder's statement, \
                    with Wright saying now is the time to \"actually invest in our city.\"";
        let found = attributed(text);
        assert_eq!(found[0].0, "\"actually invest in our city.\"");
        assert_eq!(found[0].1.as_deref(), Some("Beau Wright"));
    }

    #[test]
    fn court_roles_bodies_and_quoting_verbs() {
        // "The judge" is not the defendant named before; "he" then is the judge.
        let text = "Ali Harbi Ali was handed a whole-life order.\n\
                    The judge told 26-year-old Ali: “You have no remorse for what you did.”\n\
                    He described the death as a loss “of national significance”.";
        let found = attributed(text);
        assert!(
            found.iter().all(|f| f.1.as_deref() == Some("judge")),
            "{found:?}"
        );
        // The judge named with the title before.
        let text = "Judge Catherine Evans jailed Gareth Pryce on Tuesday.\n\
                    “You targeted people who trusted you,” the judge said.";
        assert_eq!(attributed(text)[0].1.as_deref(), Some("Catherine Evans"));
        // "X quotes Y as saying", a gerund after a comma, a document's author, "it".
        let text = "The Sentence Planning and Review Board met in private.\n\
                    The Daily Mirror quotes the board as saying: “He should remain in prison for life.”\n\
                    Javid refused to give details of the Conservatives’ spending plans, \
                    telling the BBC: “I’m not going to get into individual policies today.”\n\
                    The Met Office’s long-range forecast says: “Sunny and dry conditions will prevail.”\n\
                    It adds: “It is uncertain how long the very hot weather will last.”";
        let speakers: Vec<Option<String>> = attributed(text).into_iter().map(|f| f.1).collect();
        assert_eq!(
            speakers,
            [
                Some("Sentence Planning and Review Board".to_owned()),
                Some("Javid".to_owned()),
                Some("Met Office".to_owned()),
                Some("Met Office".to_owned())
            ]
        );
        // A preposition names no one: the speaker comes from the verb before.
        let text = "Wes Streeting said he was hopeful. On the target, he acknowledged there was \
                    “much more to do”, before adding: “There’s a big challenge here.”";
        let found = attributed(text);
        assert!(
            found
                .iter()
                .filter(|f| !f.2)
                .all(|f| f.1.as_deref() == Some("Wes Streeting")),
            "{found:?}"
        );
    }

    #[test]
    fn partial_quotes_after_praise_and_quotes_over_paragraphs() {
        let text = "Chief Superintendent Simon Anslow praised his officers’ “astounding bravery”.";
        assert_eq!(
            owned(attributed(text)),
            [quote("“astounding bravery”", "Simon Anslow")]
        );
        // "It" after a quotation over three paragraphs is its speaker.
        let text = "The Met Office said: “Sunny spells will prevail.\n\
                    “Temperatures will rise through the weekend.\n\
                    “Showers are possible in the south.”\n\
                    It adds: “It is uncertain how long the heat will last.”";
        let found = attributed(text);
        assert_eq!(found.len(), 2);
        assert!(
            found.iter().all(|f| f.1.as_deref() == Some("Met Office")),
            "{found:?}"
        );
    }

    #[test]
    fn ages_gerunds_and_the_paragraph_before_name_the_speaker() {
        // "the 21-year-old forward" is the person named before; the quotation opening the
        // next paragraph is theirs; "Saying" opening a sentence names no one.
        let text = "Mateus Fernandes joined West Ham from Southampton on Friday.\n\
                    After the move, the 21-year-old forward said it was a big step in his career.\n\
                    “I’m very happy to be here. The project, the stadium, everything.”\n\
                    Saying it needed to cut costs, Hewlett Packard said it would shed jobs. \
                    Other costs will be trimmed, the company said.";
        let speakers: Vec<(&str, Option<String>)> = attributed(text)
            .into_iter()
            .map(|(t, s, _)| (t, s))
            .collect();
        assert_eq!(speakers[0].1.as_deref(), Some("Mateus Fernandes"));
        assert_eq!(speakers[1].1.as_deref(), Some("Mateus Fernandes"));
        assert!(
            speakers[2..]
                .iter()
                .all(|s| s.1.as_deref() == Some("Hewlett Packard")),
            "{speakers:?}"
        );
    }

    #[test]
    fn a_paragraph_ending_with_a_colon_introduces_the_quote() {
        let text = "Speaking in Chicago, Mayor Brandon Johnson said:\n“That ends today.”";
        assert_eq!(
            owned(attributed(text)),
            [quote("“That ends today.”", "Brandon Johnson")]
        );
    }
}
