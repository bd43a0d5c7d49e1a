//! Where a reported statement's words start and end around its speech verb: past "that",
//! whom it was told, when, where and how it was said ("said in a statement on Monday that"),
//! and before a second verb of the same speaker (", adding that", " and said").

use super::super::cues::{CUES, VerbKind};
use super::super::words::{self, Word};

/// Words that open a clause (reported content without "that" must open with one).
pub(super) const CLAUSE_OPENERS: &[&str] = &[
    "he", "she", "it", "they", "we", "i", "you", "there", "the", "a", "an", "this", "these",
    "those", "its", "his", "her", "their", "our", "some", "many", "most", "all", "no", "every",
    "each", "only", "more", "fewer", "nearly", "almost", "if", "even", "now",
];

/// Weekdays and other time words an attribution may carry ("said on Monday").
pub(super) const TIME_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
    "tonight",
    "earlier",
    "later",
    "recently",
    "repeatedly",
    "previously",
    "also",
    "publicly",
    "separately",
];

/// Auxiliaries: a clause of the content's own before a "that" ("four people were in the car
/// that …"), and the finite verb a reported content needs when it opens with a name.
pub(super) const AUXILIARIES: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "could",
    "can", "should", "may", "might", "must", "did", "do", "does", "shall",
];

/// Where something was said: "said on Twitter", "told reporters on Facebook".
pub(super) const PLATFORMS: &[&str] = &[
    "Twitter",
    "X",
    "Facebook",
    "Telegram",
    "Instagram",
    "LinkedIn",
];

/// How something was said: "said in a statement", "told the BBC in an interview".
pub(super) const MEDIA: &[&str] = &[
    "statement",
    "email",
    "interview",
    "note",
    "filing",
    "letter",
    "post",
    "video",
    "tweet",
    "briefing",
];

/// Where reported content starts after the speech verb `verb`: after "that" (within a few
/// words, past an object or a time: "told reporters on Monday that"), or right after the verb
/// and its time words when the verb takes a clause without "that".
pub(super) fn content_start(
    text: &str,
    verb: Word<'_>,
    kind: VerbKind,
    end: usize,
) -> Option<usize> {
    let next = words::following(text, verb.end, 14);
    let next: Vec<Word<'_>> = next.into_iter().take_while(|w| w.end <= end).collect();
    if next
        .first()
        .is_some_and(|w| matches!(w.text, ":" | "“" | "\"" | "‘" | "«" | "„"))
    {
        return None;
    }
    // "that" a few words on; further for a verb naming whom it told ("tells the Times
    // Herald of Port Huron in an email that").
    let reach = if kind == VerbKind::Clause { 6 } else { 11 };
    if let Some(that) = next
        .iter()
        .take_while(|w| !matches!(w.text, "," | ";" | "“" | "\""))
        .position(|w| w.lower() == "that")
        .filter(|&k| k <= reach)
        // "says four people were in the car that …": the content started before "that".
        .filter(|&k| {
            !next[..k]
                .iter()
                .any(|w| AUXILIARIES.contains(&w.lower().as_str()))
        })
    {
        return next.get(that + 1).map(|w| w.start);
    }
    if kind == VerbKind::That {
        return None;
    }
    let mut k = 0;
    if kind == VerbKind::Object {
        // "told The Guardian she …", "told reporters the …": the object, then a clause.
        if next
            .first()
            .is_some_and(|w| matches!(w.lower().as_str(), "the" | "a" | "an"))
        {
            k = 1;
        }
        while let Some(word) = next.get(k).filter(|_| k < 5) {
            let lower = word.lower();
            if !word.is_letters()
                || CLAUSE_OPENERS.contains(&lower.as_str()) && !word.is_capitalised()
            {
                break;
            }
            if matches!(lower.as_str(), "he" | "she" | "they" | "it" | "we" | "i") {
                break;
            }
            if CUES.np_stop.contains(&lower) {
                // "told analysts on a conference call": a place, not a clause.
                return None;
            }
            k += 1;
        }
        if k == 0
            || next
                .get(k)
                .is_none_or(|w| !w.is_letters() || w.lower() == "to")
        {
            return None;
        }
    }
    // Time words: "said on Thursday its …", "said Thursday the …", "said in February it
    // …", "said in a statement the …", "said on Twitter he …".
    // Past "in …", only a clause opener starts the content ("said in a statement carried
    // by SPA" reports nothing).
    let mut strict = false;
    loop {
        let word = |at: usize| next.get(at).map(Word::lower);
        match word(k).as_deref() {
            Some("on")
                if next.get(k + 1).is_some_and(|w| {
                    TIME_WORDS.contains(&w.lower().as_str()) || PLATFORMS.contains(&w.text)
                }) =>
            {
                k += 2;
            }
            Some("in")
                if next
                    .get(k + 1)
                    .is_some_and(|w| CUES.months.contains(w.text) || w.is_digits()) =>
            {
                k += 2;
                strict = true;
            }
            Some("in")
                if matches!(word(k + 1).as_deref(), Some("a" | "an"))
                    && word(k + 2).is_some_and(|w| MEDIA.contains(&w.as_str())) =>
            {
                k += 3;
                strict = true;
            }
            Some(w) if TIME_WORDS.contains(&w) => k += 1,
            _ => break,
        }
    }
    let first = next.get(k)?;
    let lower = first.lower();
    let opens = CLAUSE_OPENERS.contains(&lower.as_str())
        || first.is_capitalised()
        || first.is_digits()
        || CUES.number_word(&lower).is_some()
        || (!strict
            && first.is_letters()
            && !CUES.np_stop.contains(&lower)
            && !lower.ends_with("ly")
            && !matches!(
                lower.as_str(),
                "nothing" | "goodbye" | "hello" | "yes" | "no" | "so" | "sorry"
            ));
    // "Chelsea added Spain goalkeeper Robert Sanchez from Brighton": a name with no verb
    // after it is an object, not a clause.
    let named_only = kind == VerbKind::Clause
        && first.is_capitalised()
        && !CLAUSE_OPENERS.contains(&lower.as_str())
        && !words::following(text, first.start, 12)
            .iter()
            .take_while(|w| w.end <= end)
            .any(|w| {
                let lower = w.lower();
                AUXILIARIES.contains(&lower.as_str())
                    || (!w.is_capitalised()
                        && w.is_letters()
                        && (lower.ends_with("ed") || lower.ends_with('s'))
                        && !CUES.np_stop.contains(&lower))
            });
    (opens && !named_only && next.len() >= k + 3).then_some(first.start)
}

/// How a verb continuing an earlier one takes its content: a gerund after a comma like a
/// verb taking a clause, "telling" with whom it told first.
pub(super) fn continued(verb: Word<'_>, kind: VerbKind) -> VerbKind {
    match kind {
        VerbKind::Gerund if verb.lower() == "telling" => VerbKind::Object,
        VerbKind::Gerund => VerbKind::Clause,
        other => other,
    }
}

/// Where the content that starts at `content` ends when `verb` inside it continues the same
/// speaker's words: before ", adding", " and said", ", before adding", ", defending his
/// actions by saying". `None` when `verb` belongs to the content ("said the man told
/// police").
pub(super) fn coordinated(
    text: &str,
    content: usize,
    verb: Word<'_>,
    kind: VerbKind,
) -> Option<usize> {
    let back = words::preceding(text, verb.start, 6);
    let first = back.first()?;
    let link = match (kind, first.lower().as_str()) {
        // ", adding that", ", saying", ", describing it as"
        (VerbKind::Gerund | VerbKind::Quote, ",") => Some(0),
        // "and said", "and told", "and described", "emphasizing … and saying"
        (_, "and") => Some(0),
        // ", before adding", ", while insisting"
        (VerbKind::Gerund, "before" | "while" | "after") => {
            back.get(1).filter(|w| w.text == ",").map(|_| 1)
        }
        // ", defending his actions by saying"
        (VerbKind::Gerund, "by") => back.iter().position(|w| w.text == ",").filter(|&k| k >= 2),
        _ => None,
    }?;
    // The cut: before the comma or the "and" that joins the two.
    let joint = &back[link];
    let cut = if joint.text == "," || joint.lower() == "and" {
        joint.start
    } else {
        back.get(link + 1)?.start
    };
    let cut = content + text[content..cut].trim_end_matches([' ', ',']).len();
    (cut > content).then_some(cut)
}
