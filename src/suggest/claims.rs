//! Check-worthy claims (`docs/SUGGEST.md` §1.5): every sentence scored by the kinds of
//! checkable content it holds — a statistic, a comparison or superlative, a cause, an official
//! act, an attribution to a source, a prediction with a number or date, a date — less what
//! makes a sentence an opinion, a hedge or a question. Sentences at or above
//! [`THRESHOLD`] are suggested, ranked by score; the reason names what was found.

use std::ops::Range;

use super::cues::{CUES, ClaimCue, WEEKDAYS};
use super::sentences::Sentence;

/// The lowest score (in tenths) of a suggested claim.
pub(crate) const THRESHOLD: u32 = 20;

/// What a sentence holds, counted by the other detectors.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Evidence {
    /// Statistics inside it.
    pub statistics: usize,
    /// A quote or reported statement in it has a named speaker.
    pub attributed: bool,
    /// Share of its bytes inside direct quotes (0..=100).
    pub quoted_percent: usize,
}

/// A suggested claim: the sentence, its score (tenths) and the reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Claim {
    pub range: Range<usize>,
    pub score: u32,
    pub reason: String,
}

/// The claim `sentence` makes, if it scores high enough.
pub(crate) fn score(text: &str, sentence: &Sentence, evidence: Evidence) -> Option<Claim> {
    if sentence.heading {
        return None;
    }
    let body = &text[sentence.range.clone()];
    let words = body.split_whitespace().count();
    let mut cues = [false; 7];
    for m in CUES.claim_phrases.find_iter(body) {
        let before = body[..m.start()].chars().next_back();
        let after = body[m.end()..].chars().next();
        let whole = before.is_none_or(|c| !c.is_alphanumeric())
            && after.is_none_or(|c| !c.is_alphanumeric());
        if whole {
            cues[CUES.claim_kinds[m.pattern().as_usize()] as usize] = true;
        }
    }
    let has = |cue: ClaimCue| cues[cue as usize];
    let dated = has_date(body);
    let mut points: i32 = 0;
    let mut reasons: Vec<&str> = Vec::new();
    if evidence.statistics > 0 {
        points += 30 + if evidence.statistics > 1 { 10 } else { 0 };
        reasons.push("statistic");
    }
    if has(ClaimCue::Comparison) || (has(ClaimCue::Change) && evidence.statistics > 0) {
        points += 15;
        reasons.push("comparison");
    } else if has(ClaimCue::Change) {
        points += 5;
    }
    if has(ClaimCue::Cause) {
        points += 10;
        reasons.push("cause");
    }
    if has(ClaimCue::Act) {
        points += 10;
        reasons.push("official act");
    }
    // A source named for what the sentence reports; a quote's own speaker mostly gives an
    // opinion, so a sentence that is mostly a quote does not count as attributed.
    if evidence.attributed && evidence.quoted_percent <= 50 {
        points += 15;
        reasons.push("attribution");
    }
    if has(ClaimCue::Prediction) && (evidence.statistics > 0 || dated) {
        points += 5;
        reasons.push("prediction");
    }
    if dated {
        points += 5;
        reasons.push("date");
    }
    if named(body) {
        points += 5;
    }
    if body
        .trim_end_matches(['"', '”', '’', '\'', '»'])
        .ends_with('?')
    {
        points -= 40;
    }
    if has(ClaimCue::Opinion) {
        points -= 20;
    }
    if has(ClaimCue::Hedge) {
        points -= 15;
    }
    if words < 6 {
        points -= 20;
    }
    if evidence.quoted_percent > 60 && evidence.statistics == 0 {
        points -= 15;
    }
    let score = u32::try_from(points).unwrap_or(0);
    (score >= THRESHOLD).then(|| Claim {
        range: sentence.range.clone(),
        score,
        reason: reasons.into_iter().take(3).collect::<Vec<_>>().join(" + "),
    })
}

/// A year, a month or a weekday in the sentence.
fn has_date(body: &str) -> bool {
    body.split(|c: char| !c.is_alphanumeric()).any(|word| {
        CUES.months.contains(word)
            || WEEKDAYS.contains(&word)
            || (word.len() == 4
                && word.chars().all(|c| c.is_ascii_digit())
                && word.parse::<u32>().is_ok_and(|y| (1900..2100).contains(&y)))
    })
}

/// A capitalised word that does not open the sentence: a named person, place or body.
fn named(body: &str) -> bool {
    body.split_whitespace().skip(1).any(|w| {
        w.starts_with(char::is_uppercase) && w.chars().filter(|c| c.is_alphabetic()).count() > 1
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scored(body: &str, evidence: Evidence) -> Option<(u32, String)> {
        let sentence = Sentence {
            range: 0..body.len(),
            paragraph: 0,
            heading: false,
        };
        score(body, &sentence, evidence).map(|c| (c.score, c.reason))
    }

    fn with(statistics: usize, attributed: bool) -> Evidence {
        Evidence {
            statistics,
            attributed,
            quoted_percent: 0,
        }
    }

    #[test]
    fn checkable_content_raises_the_score() {
        let (high, reason) = scored(
            "Belarus released 14 political prisoners on Saturday, the largest release since 2020, officials said.",
            with(1, true),
        )
        .unwrap();
        assert!(high >= 70, "{high}");
        assert_eq!(reason, "statistic + comparison + official act");
        let (low, _) = scored(
            "The government approved the new budget for schools in Minsk on Monday.",
            with(0, false),
        )
        .unwrap();
        assert!(low < high);
    }

    #[test]
    fn opinions_questions_headings_and_fragments_are_not_claims() {
        assert_eq!(
            scored(
                "I think this is a wonderful day for all of us here.",
                with(0, false)
            ),
            None
        );
        assert_eq!(
            scored("Will 14 prisoners be released next year?", with(1, false)),
            None
        );
        assert_eq!(scored("Rain fell.", with(0, false)), None);
        let heading = Sentence {
            range: 0..20,
            paragraph: 0,
            heading: true,
        };
        assert_eq!(
            score("Floods kill 23 people", &heading, with(1, false)),
            None
        );
    }

    #[test]
    fn a_quote_of_feelings_scores_lower_than_one_with_a_number() {
        let feelings = Evidence {
            statistics: 0,
            attributed: true,
            quoted_percent: 90,
        };
        let number = Evidence {
            statistics: 1,
            ..feelings
        };
        let body = "“We are all so happy and proud of the team tonight,” she said on Monday.";
        let a = scored(body, feelings).map_or(0, |c| c.0);
        let b = scored(body, number).map_or(0, |c| c.0);
        assert!(a < b);
    }
}
