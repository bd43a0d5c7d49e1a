//! What is not a statistic although it holds a number (`docs/SUGGEST.md` §1.1): small
//! number words that refer back, identifiers, dates and years, clock times, ages, addresses and
//! time frames.

use super::phrase::is_head;
use super::{Core, Number, Reader};
use crate::suggest::cues::{CUES, UnitKind};
use crate::suggest::words;

/// True for four digits that read as a year (1500–2199) with no separators.
pub(super) fn is_year_shaped(written: &str) -> bool {
    written.len() == 4
        && written.chars().all(|c| c.is_ascii_digit())
        && written
            .parse::<u32>()
            .is_ok_and(|y| (1500..2200).contains(&y))
}

/// Clock-time and time-zone words after a number ("3pm", "3 p.m.", "1100 GMT").
pub(super) const CLOCK_WORDS: &[&str] = &[
    "am",
    "pm",
    "a.m",
    "p.m",
    "o'clock",
    "o’clock",
    "gmt",
    "utc",
    "bst",
    "cet",
    "cest",
    "est",
    "edt",
    "pst",
    "pdt",
    "hrs",
    "h",
];

/// Time nouns that end a counted phrase ("20 trading days", "five working weeks").
const TIME_NOUNS: &[&str] = &[
    "days", "weeks", "months", "years", "hours", "minutes", "sessions",
];

/// Words before an age ("aged 45").
const AGE_WORDS: &[&str] = &["aged", "age", "ages"];

/// Words before a year ("in 2020", "the 2020 election", "June 25, 2025").
const YEAR_WORDS: &[&str] = &[
    "in", "since", "by", "until", "till", "from", "of", "the", "before", "after", "during",
    "between", "and", "to", "through", "early", "late", "mid", "spring", "summer", "autumn",
    "fall", "winter", "year", "fiscal", "for", "'s", "’s", ",",
];

impl<'a> Reader<'a> {
    /// The rules of what is not a statistic (§1.1 "Not statistics").
    #[allow(clippy::too_many_arguments, clippy::fn_params_excessive_bools)]
    pub(super) fn excluded(
        &self,
        number: &Number,
        core_start: usize,
        start: usize,
        end: usize,
        unit: Option<UnitKind>,
        counted: bool,
        money: bool,
        approximated: bool,
        compound: bool,
    ) -> bool {
        let prev = self.before(core_start);
        let prev_lower = prev.map(|w| w.lower());
        let prev_lower = prev_lower.as_deref();
        let next = self.after(number.end);
        let written = &self.text[number.start..number.end];
        let bare = unit.is_none() && !counted && !money && !approximated && !compound;
        // A lone "one" ("one of the", "one day") and small number words after "the", "their".
        if let Core::Words { lone_one, small } = number.core {
            if lone_one && !approximated && !compound && core_start == number.start {
                return true;
            }
            let possessive = prev_lower.is_some_and(|p| p.ends_with("'s") || p.ends_with("’s"));
            if small
                && !approximated
                && !compound
                && (possessive || prev_lower.is_some_and(|p| CUES.reference_words.contains(p)))
            {
                return true;
            }
            // A capitalised number word inside a sentence is a name ("Vodafone and Three").
            if written.starts_with(char::is_uppercase)
                && !self.title_case
                && prev.is_some_and(|p| p.is_letters() || p.text == ",")
            {
                return true;
            }
        }
        // Identifiers: "Article 5", "Route 66", "year two", "No. 10", "Boeing 737".
        if let Some(p) = prev_lower
            && (CUES.identifier_heads.contains(p)
                || CUES.identifier_heads.contains(&format!("{p}.")))
            && !approximated
            && !money
        {
            // "rose by 5 points in the year": "year" is a head only right before the number.
            if !(p == "year" || p == "day" || p == "week") || bare {
                return true;
            }
        }
        let names_only = counted
            && unit.is_none()
            && !money
            && !approximated
            && words::after(self.text, number.end).is_some_and(|w| w.is_capitalised())
            && !self.text[number.end..end]
                .split_whitespace()
                .any(|w| w.starts_with(char::is_lowercase));
        if let Some(p) = prev
            && p.is_capitalised()
            && !self.title_case
            && (bare || names_only)
            && !CUES.months.contains(p.text)
            && self
                .before(p.start)
                .is_some_and(|w| w.is_letters() || w.text == ",")
            && !matches!(number.core, Core::Words { .. })
        {
            return true;
        }
        // Dates: a day next to a month, a year.
        let month_before = prev.is_some_and(|w| CUES.months.contains(w.text))
            || prev.is_some_and(|w| w.text == ".")
                && prev
                    .and_then(|w| self.before(w.start))
                    .is_some_and(|w| CUES.months.contains(w.text));
        let month_after = next.is_some_and(|w| CUES.months.contains(w.text))
            || next.is_some_and(|w| w.lower() == "of")
                && next
                    .and_then(|w| self.after(w.end))
                    .is_some_and(|w| CUES.months.contains(w.text));
        if matches!(number.core, Core::Digits)
            && written.len() <= 2
            && (month_before || month_after)
        {
            return true;
        }
        if matches!(number.core, Core::Digits)
            && is_year_shaped(written)
            && !approximated
            && !money
            && unit.is_none()
            && (!counted
                || !self.text[..end].rsplit(' ').next().is_some_and(is_head)
                || prev_lower.is_some_and(|p| YEAR_WORDS.contains(&p))
                || month_before
                || next.is_some_and(|w| matches!(w.text, "-" | "–" | "/")))
        {
            return true;
        }
        if matches!(number.core, Core::Digits)
            && is_year_shaped(written)
            && next.is_some_and(|w| matches!(w.text, "-" | "–" | "/") && w.start == number.end)
        {
            return true;
        }
        // Clock times: "at 3 p.m.", "1100 GMT", "10.30am", "at 2 in the afternoon".
        if let Some(n) = next {
            let lower = n.lower();
            let clock = CLOCK_WORDS.contains(&lower.as_str())
                || (lower == "a" || lower == "p")
                    && self.after(n.end).is_some_and(|w| w.text == ".")
                    && n.text.len() == 1
                    && self.text[n.end..].starts_with(".m");
            if clock && unit.is_none() {
                return true;
            }
            if prev_lower == Some("at")
                && lower == "in"
                && words::following(self.text, n.end, 2)
                    .iter()
                    .any(|w| matches!(w.lower().as_str(), "morning" | "afternoon" | "evening"))
            {
                return true;
            }
        }
        // Ages: "aged 45", "I'm 58", "Jane Doe, 45,", "(45)", "younger than 5 years",
        // "children 19 to 35 months of age", "Holly and Jessica, both 10,".
        if prev_lower.is_some_and(|p| AGE_WORDS.contains(&p)) && !money {
            return true;
        }
        let before_prev = prev.and_then(|p| self.before(p.start)).map(|w| w.lower());
        if prev_lower == Some("than")
            && matches!(before_prev.as_deref(), Some("younger" | "older"))
            && !money
        {
            return true;
        }
        let after_end = words::following(self.text, end, 2);
        if !money
            && matches!(after_end.as_slice(), [of, age] if of.lower() == "of" && age.lower() == "age")
        {
            return true;
        }
        if bare
            && prev_lower == Some("both")
            && matches!(number.core, Core::Digits)
            && next.is_some_and(|w| w.text == ",")
        {
            return true;
        }
        // A season or a fiscal year written with a slash: "2029/2030", "2024/25".
        if let Some((left, _)) = written.split_once('/')
            && is_year_shaped(left)
        {
            return true;
        }
        if bare
            && matches!(
                prev_lower,
                Some("i'm" | "i’m" | "he's" | "he’s" | "she's" | "she’s" | "turned" | "turns")
            )
        {
            return true;
        }
        // A time of day: "at six", "at 10" (with no unit, nothing counted).
        if bare
            && prev_lower == Some("at")
            && number.value <= 24.0
            && number.value.fract() == 0.0
            && !matches!(number.core, Core::Fraction | Core::Vague)
        {
            return true;
        }
        if bare
            && matches!(number.core, Core::Digits)
            && written.len() <= 3
            && matches!(prev_lower, Some("," | "("))
            && prev
                .and_then(|p| self.before(p.start))
                .is_some_and(|w| w.is_capitalised())
            && next.is_some_and(|w| matches!(w.text, "," | ")"))
        {
            return true;
        }
        if unit.is_none()
            && !counted
            && !money
            && matches!(prev_lower, Some("under" | "over"))
            && prev.and_then(|p| self.before(p.start)).is_some_and(|w| {
                matches!(
                    w.lower().as_str(),
                    "children" | "kids" | "babies" | "those" | "adults" | "people" | "pupils"
                )
            })
        {
            return true;
        }
        // Addresses: "200 Main St.", "10 Downing Street".
        if matches!(number.core, Core::Digits) && !money && unit.is_none() {
            let after = words::following(self.text, number.end, 3);
            let named = after.iter().take_while(|w| w.is_capitalised()).count();
            if named >= 1
                && after
                    .iter()
                    .take(named + 1)
                    .any(|w| CUES.streets.contains(w.text))
            {
                return true;
            }
        }
        // Time frames: "in the last five years", "two weeks ago", "after eight months", and
        // with a word between ("over the past 20 trading days").
        let time_counted = counted
            && self.text[number.end..end]
                .rsplit(|c: char| !c.is_alphabetic())
                .next()
                .is_some_and(|last| TIME_NOUNS.contains(&last.to_lowercase().as_str()));
        if unit == Some(UnitKind::Time) || time_counted {
            let before_all = self.before(start).map(|w| w.lower());
            let before_core = self.before(core_start).map(|w| w.lower());
            let frame_before =
                |w: &Option<String>| w.as_deref().is_some_and(|w| CUES.frame_before.contains(w));
            // "for over 10 years" is how long; "over five years" alone is when.
            let over_as_frame =
                before_core.as_deref() == Some("over") && before_all.as_deref() != Some("for");
            if frame_before(&before_all) || over_as_frame {
                return true;
            }
            if self
                .after(end)
                .is_some_and(|w| CUES.frame_after.contains(&w.lower()))
            {
                return true;
            }
            // "the first 48 hours", "the next two days": an ordinal-like word right before.
            if frame_before(&before_core) && !approximated {
                return true;
            }
        }
        false
    }
}
