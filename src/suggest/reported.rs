//! Reported speech in one sentence (`docs/SUGGEST.md` §1.3): the content after "According to
//! X,", before ", according to X", before a closing attribution (", the ministry said"), after
//! a subject and a speech verb ("Police said (that) …", "told reporters that …"), after a
//! gerund (", adding that …"), and "X described Y as Z". Each with the words naming its
//! speaker, resolved by `names::who`.

use std::ops::Range;

use super::cues::{CUES, VerbKind};
use super::names::{People, Side, Who, who};
use super::words::{self, Word};
use content::{TIME_WORDS, content_start, continued, coordinated};

/// The longest sentence searched for reported speech.
const MAX_SENTENCE_BYTES: usize = 4_000;

/// One reported statement: its content and who said it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Reported {
    pub range: Range<usize>,
    pub who: Option<Who>,
    pub reason: &'static str,
}

/// The reported speech of the sentence `sentence`; `quoted` are the direct quotations in the
/// text (no cue inside one counts, and no content may open with one).
pub(crate) fn find(
    text: &str,
    sentence: Range<usize>,
    quoted: &[Range<usize>],
    people: &People,
) -> Vec<Reported> {
    let end = content_end(text, &sentence);
    // A "sentence" of pages (a text without full stops) holds no reported speech the rules
    // could tell apart; skipping it keeps the work linear.
    if end <= sentence.start || sentence.len() > MAX_SENTENCE_BYTES {
        return Vec::new();
    }
    let inside = |pos: usize| quoted.iter().any(|q| q.start <= pos && pos < q.end);
    if let Some(found) = according_to_first(text, &sentence, end, people) {
        return vec![found];
    }
    // A closing attribution (", the ministry said"), then the cues inside the sentence:
    // subject + verb (+ that) + content, gerunds, "described as".
    let closing = closing_attribution(text, &sentence, end, people)
        .or_else(|| according_to_last(text, &sentence, end, people))
        .filter(|found| !starts_quoted(text, found.range.start, quoted));
    let verbs = speech_verbs(text, sentence.start..end, &inside);
    let mut cues: Vec<Reported> = Vec::new();
    let mut main_cues: Vec<usize> = Vec::new();
    for (verb, kind) in &verbs {
        // A second verb of the same speaker ("…, adding that", "… and said", "…, before
        // adding:", "…, describing it as"): the first content ends before it.
        if let Some(at) = cues
            .iter()
            .position(|r| r.range.start < verb.start && verb.start < r.range.end)
            && let Some(cut) = coordinated(text, cues[at].range.start, *verb, *kind)
        {
            cues[at].range.end = cut;
            let who = cues[at].who.clone();
            let found = match kind {
                VerbKind::Quote if is_describe(verb) => {
                    described(text, &sentence, *verb, end, people)
                }
                VerbKind::Quote => None,
                _ => {
                    content_start(text, *verb, continued(*verb, *kind), end).map(|start| Reported {
                        range: start..end,
                        who: None,
                        reason: "reported speech: speech verb",
                    })
                }
            };
            if let Some(mut found) = found.filter(|f| !starts_quoted(text, f.range.start, quoted)) {
                found.who = who;
                cues.push(found);
            }
            continue;
        }
        let context: Vec<Reported> = closing
            .iter()
            .cloned()
            .chain(cues.iter().cloned())
            .collect();
        let found = match kind {
            VerbKind::Gerund => gerund(text, &sentence, *verb, end, people, &context),
            VerbKind::Quote if is_describe(verb) => described(text, &sentence, *verb, end, people),
            VerbKind::Clause | VerbKind::That | VerbKind::Object => {
                subject_verb(text, &sentence, *verb, *kind, end, people)
            }
            VerbKind::Quote => None,
        };
        if let Some(found) = found
            && !starts_quoted(text, found.range.start, quoted)
            && !cues
                .iter()
                .any(|r| r.range.start <= found.range.start && found.range.start < r.range.end)
        {
            if *kind != VerbKind::Gerund {
                main_cues.push(verb.start);
            }
            cues.push(found);
        }
    }
    let mut out = Vec::new();
    if let Some(closing) = closing {
        // A cue inside what the closing attribution would report ("About one in five voters
        // said X, the poll found"): the inner cue is the report, not the closing one.
        let inner = main_cues
            .iter()
            .any(|&at| closing.range.start < at && at < closing.range.end);
        if inner {
            // Its content ends where the attribution starts.
            for cue in &mut cues {
                if cue.range.start < closing.range.end {
                    cue.range.end = cue.range.end.min(closing.range.end);
                }
            }
        } else {
            cues.retain(|r| r.range.start >= closing.range.end);
            out.push(closing);
        }
    }
    out.extend(cues);
    for found in &mut out {
        // "…, citing the cost of the manifesto": the speaker's evidence, not their words.
        if let Some(at) = [", citing ", ", pointing to ", ", referring to "]
            .iter()
            .filter_map(|m| text[found.range.clone()].find(m))
            .min()
        {
            found.range.end = found.range.start + at;
        }
        // "Heatwave: UK's highest temperature …, Met Office says": a label, then the words.
        let head = &text[found.range.clone()];
        if let Some(colon) = head.find(": ")
            && head[..colon].split_whitespace().count() <= 2
            && head[..colon].starts_with(char::is_uppercase)
            && !head[..colon].contains(['"', '“', '‘'])
        {
            found.range.start += colon + 2;
        }
    }
    out.retain(|r| words::following(text, r.range.start, 3).len() >= 3);
    out
}

/// "described" and "describing": "X described Y as Z".
fn is_describe(verb: &Word<'_>) -> bool {
    matches!(
        verb.lower().as_str(),
        "described" | "describing" | "describes"
    )
}

/// Where the content may end: the sentence without its final punctuation.
fn content_end(text: &str, sentence: &Range<usize>) -> usize {
    let body = &text[sentence.clone()];
    sentence.start
        + body
            .trim_end_matches(['.', '!', '?', '…', ';', ':', ' '])
            .len()
}

/// True when a direct quotation starts at `pos` (after spaces): the content is a quote.
fn starts_quoted(text: &str, pos: usize, quoted: &[Range<usize>]) -> bool {
    let lead = text[pos..].len() - text[pos..].trim_start().len();
    quoted.iter().any(|q| q.start == pos + lead)
}

/// Speech verbs in `range` (outside quotations), with how they attribute.
fn speech_verbs<'a>(
    text: &'a str,
    range: Range<usize>,
    inside: &dyn Fn(usize) -> bool,
) -> Vec<(Word<'a>, VerbKind)> {
    let mut out = Vec::new();
    let mut pos = range.start;
    while let Some(word) = words::after(text, pos) {
        if word.start >= range.end {
            break;
        }
        pos = word.end;
        if !word.is_letters() || inside(word.start) {
            continue;
        }
        if let Some(kind) = words::speech_verb_at(text, &word) {
            out.push((word, kind));
        }
    }
    out
}

/// "According to X, CONTENT" and "As stated by X, CONTENT" at the start of the sentence.
fn according_to_first(
    text: &str,
    sentence: &Range<usize>,
    end: usize,
    people: &People,
) -> Option<Reported> {
    let body = &text[sentence.start..end];
    let lower = body.to_ascii_lowercase();
    let lead = [
        "according to ",
        "as stated by ",
        "as reported by ",
        "as said by ",
        "as noted by ",
        "in the words of ",
    ]
    .into_iter()
    .find(|p| lower.starts_with(p))?;
    let np_start = sentence.start + lead.len();
    let comma = text[np_start..end].find(", ")? + np_start;
    let mut speaker_range = np_start..comma;
    let mut content = comma + 2;
    // An aside naming the speaker: "According to Franak Viačorka, a senior adviser, …",
    // "As stated by a rights group, Vyasna, …".
    if let Some(next) = text[content..end].find(", ").map(|at| content + at) {
        let chunk = &text[content..next];
        let first = chunk
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_lowercase();
        let is_aside = matches!(
            first.as_str(),
            "a" | "an" | "the" | "who" | "which" | "whose" | "its" | "his" | "her"
        ) || (chunk.split_whitespace().count() <= 4
            && chunk
                .split_whitespace()
                .all(|w| w.starts_with(char::is_uppercase)));
        if is_aside && text[next + 2..end].split_whitespace().count() >= 3 {
            let named = who(text, speaker_range.clone(), Side::After, people);
            if !matches!(named, Some(Who::Person(_)))
                && first.chars().next().is_some_and(char::is_alphabetic)
                && chunk.starts_with(char::is_uppercase)
            {
                speaker_range = content..next;
            }
            content = next + 2;
        }
    }
    // "According to the survey, X, the CDC reported.": the closing attribution names who
    // said it, and ends the content.
    let sentence_rest = content..sentence.end;
    if let Some(closing) = closing_attribution(text, &sentence_rest, end, people) {
        return Some(closing);
    }
    Some(Reported {
        range: content..end,
        who: who(text, speaker_range, Side::After, people),
        reason: "reported speech: according to",
    })
}

/// "CONTENT, according to X."
fn according_to_last(
    text: &str,
    sentence: &Range<usize>,
    end: usize,
    people: &People,
) -> Option<Reported> {
    let body = &text[sentence.start..end];
    let at = body.to_ascii_lowercase().rfind(", according to ")?;
    let np = sentence.start + at + ", according to ".len()..end;
    let content = sentence.start..sentence.start + at;
    Some(Reported {
        range: content,
        who: source(text, np, people),
        reason: "reported speech: according to",
    })
}

/// The speaker named after "according to": an organisation behind a document ("a poll by
/// INSA", "NHS England figures") rather than the document.
fn source(text: &str, np: Range<usize>, people: &People) -> Option<Who> {
    let segment = &text[np.clone()];
    let cut = [
        " published",
        " released",
        ", which",
        " which",
        ", who",
        " on ",
    ]
    .iter()
    .filter_map(|m| segment.find(m))
    .min()
    .map_or(np.end, |at| np.start + at);
    // The organisation may qualify the document ("a Quinnipiac University poll").
    let named = super::names::names(text, np.start..cut, people);
    named
        .iter()
        .find(|n| n.kind != super::names::NameKind::Other)
        .or_else(|| named.first())
        .map(|n| Who::Group(people.fullest(&n.text)))
        .or_else(|| who(text, np.start..cut, Side::After, people))
}

/// "CONTENT, the ministry said." / "CONTENT, said X." / "CONTENT, police said, bringing …".
fn closing_attribution(
    text: &str,
    sentence: &Range<usize>,
    end: usize,
    people: &People,
) -> Option<Reported> {
    let body = &text[sentence.start..end];
    let mut search = body.len();
    while let Some(at) = body[..search].rfind(", ") {
        search = at;
        let tail_start = sentence.start + at + 2;
        let tail_end = text[tail_start..end]
            .find(", ")
            .map_or(end, |c| tail_start + c);
        let tail: Vec<Word<'_>> = words::following(text, tail_start, 18)
            .into_iter()
            .take_while(|w| w.end <= tail_end)
            .collect();
        if tail.is_empty()
            || tail.len() > 16
            || tail
                .iter()
                .any(|w| matches!(w.text, "“" | "\"" | "‘" | "«" | "„"))
        {
            continue;
        }
        let Some(v) = tail.iter().position(|w| {
            words::speech_verb_at(text, w)
                .is_some_and(|k| matches!(k, VerbKind::Clause | VerbKind::That | VerbKind::Object))
        }) else {
            continue;
        };
        // ", he added, “Our job …”": the verb introduces the quote after it.
        if !is_attribution(&tail, v)
            || text[tail_end..end]
                .strip_prefix(", ")
                .is_some_and(|rest| rest.starts_with(['“', '"', '‘', '«', '„']))
        {
            continue;
        }
        // "…, the Palo Alto, Calif., company said": a place written with commas belongs
        // to the subject.
        let mut at = at;
        if v > 0
            && !tail[0].is_capitalised()
            && !matches!(tail[0].lower().as_str(), "the" | "a" | "an")
        {
            for _ in 0..2 {
                let Some(previous) = body[..at].rfind(", ") else {
                    break;
                };
                let segment: Vec<&str> = body[previous + 2..at].split_whitespace().collect();
                let determiner = segment
                    .first()
                    .is_some_and(|w| matches!(w.to_lowercase().as_str(), "the" | "a" | "an"));
                let place = !segment.is_empty()
                    && segment.len() <= 4
                    && segment
                        .iter()
                        .skip(usize::from(determiner))
                        .all(|w| w.starts_with(char::is_uppercase));
                if !place {
                    break;
                }
                at = previous;
                if determiner {
                    break;
                }
            }
        }
        let content = sentence.start..sentence.start + at;
        if text[content.clone()].split_whitespace().count() < 4 {
            return None;
        }
        let speaker = if v == 0 {
            who(text, tail[0].end..tail_end, Side::After, people)
        } else {
            who(text, tail_start..tail[v].start, Side::Before, people)
        }?;
        return Some(Reported {
            range: content,
            who: Some(speaker),
            reason: "reported speech: attribution after it",
        });
    }
    None
}

/// Whether `tail` (after a comma) is an attribution with its speech verb at `v`: "the
/// ministry said on Monday", "said Ann Lee", "Fire Chief Rachel Kim told the council" — a
/// short name or role, the verb, then at most the time, the place or whom it was told.
fn is_attribution(tail: &[Word<'_>], v: usize) -> bool {
    let plain = |w: &Word<'_>| {
        let lower = w.lower();
        w.is_capitalised()
            || !w.is_letters() && matches!(w.text, "(" | ")" | "'" | "’")
            || !CUES.np_stop.contains(&lower)
            || matches!(
                lower.as_str(),
                "the"
                    | "a"
                    | "an"
                    | "of"
                    | "for"
                    | "and"
                    | "at"
                    | "its"
                    | "his"
                    | "her"
                    | "their"
                    | "he"
                    | "she"
                    | "they"
                    | "it"
                    | "we"
            )
    };
    if v == 0 {
        // Inverted: "said Ann Lee", "confirmed Belarusian opposition sources": a name or
        // role follows, not a clause.
        let rest = &tail[1..];
        return !rest.is_empty()
            && rest.len() <= 7
            && rest.iter().all(|w| plain(w) && !w.lower().ends_with("ly"));
    }
    // "officials at the U.S. Centers for Disease Control and Prevention said": a long
    // subject made mostly of a name.
    let letters = tail[..v].iter().filter(|w| w.is_letters()).count();
    let capitals = tail[..v].iter().filter(|w| w.is_capitalised()).count();
    if letters > 8 && !(letters <= 12 && capitals * 2 >= letters) {
        return false;
    }
    let subject = &tail[..v];
    // "slightly above analysts' estimates": an adverb or a preposition is no subject.
    if subject
        .first()
        .is_some_and(|w| w.lower().ends_with("ly") || !plain(w))
    {
        return false;
    }
    let after = &tail[v + 1..];
    after.is_empty()
        || matches!(
            after[0].lower().as_str(),
            "on" | "in"
                | "at"
                | "to"
                | "during"
                | "after"
                | "before"
                | "late"
                | "earlier"
                | "yesterday"
                | "today"
                | "last"
                | "this"
                | "the"
                | "reporters"
                | "journalists"
        )
        || TIME_WORDS.contains(&after[0].lower().as_str())
        || after[0].is_capitalised()
}

/// "X said (that) CONTENT", "X told reporters (that) CONTENT", "X confirmed that CONTENT".
fn subject_verb(
    text: &str,
    sentence: &Range<usize>,
    verb: Word<'_>,
    kind: VerbKind,
    end: usize,
    people: &People,
) -> Option<Reported> {
    let before = words::before(text, verb.start).filter(|w| w.start >= sentence.start)?;
    let before_lower = before.lower();
    // Passives and relative clauses: "it is said that", "the man who said".
    if matches!(
        before_lower.as_str(),
        "is" | "was" | "were" | "been" | "be" | "being" | "who" | "which" | "that"
    ) {
        return None;
    }
    let subject_start = words::after_last(
        text,
        sentence.start..verb.start,
        &[';', '“', '”', '"', '‘', '’', '«', '»', '„'],
    )
    .unwrap_or(sentence.start);
    let speaker = if text[subject_start..verb.start].trim() == "and" {
        // "He said: “…” and said X": the subject of the sentence, before the quote.
        let head_end = text[sentence.start..subject_start]
            .find(['“', '"', '‘', '«', '„'])
            .map_or(subject_start, |at| sentence.start + at);
        let subject_end = words::preceding(text, head_end, 4)
            .into_iter()
            .find(|w| words::speech_verb_at(text, w).is_some())
            .map_or(head_end, |w| w.start);
        who(text, sentence.start..subject_end, Side::Before, people)?
    } else {
        who(text, subject_start..verb.start, Side::Before, people)?
    };
    let content = content_start(text, verb, kind, end)?;
    Some(Reported {
        range: content..end,
        who: Some(speaker),
        reason: "reported speech: speech verb",
    })
}

/// ", adding that CONTENT", "by saying that CONTENT", ", saying CONTENT", "with one study
/// finding that CONTENT".
fn gerund(
    text: &str,
    sentence: &Range<usize>,
    verb: Word<'_>,
    end: usize,
    people: &People,
    earlier: &[Reported],
) -> Option<Reported> {
    let before = words::before(text, verb.start)?;
    // "with Wright saying now is the time": "with" and who speaks introduce it too.
    let with = words::preceding(text, verb.start, 5)
        .into_iter()
        .take_while(|w| w.start >= sentence.start && w.text != ",")
        .find(|w| w.lower() == "with");
    let introduced = before.text == "," || before.lower() == "by" || with.is_some();
    // "signs warning people to …" is no speech; "one study finding that …" is.
    let kind = if !introduced {
        VerbKind::That
    } else if verb.lower() == "telling" {
        // ", telling the BBC: “…”", ", telling reporters the plan had failed": whom first.
        VerbKind::Object
    } else {
        VerbKind::Clause
    };
    let content = content_start(text, verb, kind, end)?;
    let speaker = if let Some(with) = with {
        who(text, with.end..verb.start, Side::Before, people)
    } else if introduced {
        // The sentence's subject: a speaker found for it already, or who opens the sentence.
        earlier
            .iter()
            .rev()
            .find_map(|r| r.who.clone())
            .or_else(|| who(text, sentence.start..verb.start, Side::After, people))
    } else {
        let clause = text[sentence.start..verb.start]
            .rfind(',')
            .map_or(sentence.start, |at| sentence.start + at + 1);
        who(text, clause..verb.start, Side::Before, people)
    };
    Some(Reported {
        range: content..end,
        who: speaker,
        reason: "reported speech: speech verb",
    })
}

/// "X described Y as Z": the content is "Y as Z".
fn described(
    text: &str,
    sentence: &Range<usize>,
    verb: Word<'_>,
    end: usize,
    people: &People,
) -> Option<Reported> {
    let rest = &text[verb.end..end];
    if !rest.contains(" as ") || rest.trim_start().starts_with(['“', '"', '‘']) {
        return None;
    }
    let start = verb.end + (rest.len() - rest.trim_start().len());
    Some(Reported {
        range: start..end,
        who: who(text, sentence.start..verb.start, Side::Before, people),
        reason: "reported speech: described as",
    })
}

mod content;
#[cfg(test)]
mod tests;
