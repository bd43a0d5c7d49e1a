//! The speaker of one quote, from its own sentence: a speech verb right after it (past
//! titles, appositions and asides), a speech verb or a colon before it, "X quoted Y as
//! saying", or a paragraph before it that ends with "X said:".

use std::ops::Range;

use super::super::cues::{CUES, VerbKind};
use super::super::names::{People, Side, Who, who};
use super::super::quotes::Quoted;
use super::super::sentences::Sentence;
use super::super::words::{self, Word};

/// How many words after a quote are searched for its speech verb (the sentence ends first
/// in most cases).
const AFTER_WORDS: usize = 30;

/// Within this many words after a quote, any speech verb may attribute it.
const NEAR_WORDS: usize = 10;

/// Words that open another clause between a quote and a speech verb far after it.
const CLAUSE_JOINTS: &[&str] = &[
    "while", "as", "when", "and", "but", "after", "before", "because", "although", "which", "that",
    "if",
];

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

/// A speaker found for a quote in its own sentence (or the paragraph before).
pub(super) struct Found {
    pub who: Option<Who>,
    /// Found through a naming verb ("branded him"), which does not make a quote.
    pub naming: bool,
}

/// Looks for the speaker of `quote` (opening in sentence `index`): a speech verb just after
/// it, a speech verb or colon before it in its sentence, or a paragraph before it that ends
/// with "X said:".
pub(super) fn speaker_of(
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
        // Far from the quote, the verb must follow a name and its apposition ("…,” Dr.
        // Anne Schuchat, director of …, said"), not another clause ("… heat alert on
        // Friday while the government declared …, saying").
        .filter(|&v| {
            let joint = (0..v).any(|k| {
                // "… and Respiratory Diseases" inside a name joins no clause.
                let inside_name = k > 0
                    && after[k - 1].is_capitalised()
                    && after.get(k + 1).is_some_and(Word::is_capitalised);
                CLAUSE_JOINTS.contains(&after[k].lower().as_str()) && !inside_name
            });
            !joint
                && (v < NEAR_WORDS
                    || after
                        .first()
                        .is_some_and(|w| w.text == "," || w.is_capitalised()))
        })
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
        // Gerunds and other -ing forms ("…, describing it as “…”").
        let gerund = CUES.speech_verb(&verb.lower()) == Some(VerbKind::Gerund)
            || verb.lower().ends_with("ing");
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
