//! Statistics: a number (digits or words) with its approximators, currency, scale, unit,
//! counted noun phrase and rate, as `docs/SUGGEST.md` §1.1 defines them; dates, years, clock
//! times, time frames, identifiers, phone numbers, ages, compounds and scores are left out.
//!
//! A regex finds where numbers may start; from each, the words around are read with
//! [`super::words`] (a few dozen bytes either side), so the cost grows with the text.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::cues::{CUES, NumberKind, UnitKind};
use super::words::{self, Word, glued};
use exclude::CLOCK_WORDS;

/// One statistic found: its bytes and a short reason for the analyst.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Statistic {
    pub range: Range<usize>,
    pub reason: &'static str,
}

/// Where a number may start: a digit or a number word. Word boundaries are ASCII ones
/// (`(?-u:\b)`): Unicode boundaries make the regex crate leave its fast automaton on
/// non-ASCII text, and the number words are ASCII.
static CANDIDATE: LazyLock<Regex> = LazyLock::new(|| {
    let mut words: Vec<&str> = CUES.number_words.keys().map(String::as_str).collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    let pattern = format!(r"(?i)\d|(?-u:\b)(?:{})(?-u:\b)", words.join("|"));
    match Regex::new(&pattern) {
        Ok(regex) => regex,
        Err(error) => unreachable!("the number word pattern compiles: {error}"),
    }
});

/// Text that holds numbers that are never statistics: phone numbers, web addresses, handles
/// and hashtags, slashed dates, thread counters like "(1/2)", "24/7".
static MASK: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = [
        // International and US/UK phone numbers.
        r"\+\d[\d ().-]{6,}\d",
        r"\(\d{3}\) ?\d{3}[-. ]\d{4}",
        r"(?-u:\b)1-\d{3}-\d{3}-\d{4}(?-u:\b)",
        r"(?-u:\b)\d{3}[-.]\d{3}[-.]\d{4}(?-u:\b)",
        r"(?-u:\b)\d{3}-0\d{3}(?-u:\b)",
        r"(?-u:\b)0\d{2,4}[ -]\d{3,4}[ -]?\d{3,4}(?-u:\b)",
        // A number right after a word that asks to dial it.
        r"(?i)(?-u:\b)(?:call|dial|ring|text|phone|tel\.?|hotline|line at)\s+\d[\d -]*\d",
        r"(?i)(?-u:\b)(?:call|dial|ring|text)\s+\d{2,}",
        // Web addresses, handles, hashtags.
        r"(?i)(?-u:\b)(?:https?://|www\.)\S+",
        r"(?i)(?-u:\b)[\w.-]+\.(?:com|org|net|gov|edu|io|co|uk|eu|de|fr|ru|ua|by)(?:/\S*)?",
        r"[@#][\w-]+",
        // Slashed dates, thread counters, around-the-clock.
        r"(?-u:\b)\d{1,2}/\d{1,2}/\d{2,4}(?-u:\b)",
        r"\(\d+/\d+\)",
        r"(?-u:\b)24/7(?-u:\b)",
    ]
    .join("|");
    match Regex::new(&pattern) {
        Ok(regex) => regex,
        Err(error) => unreachable!("the mask pattern compiles: {error}"),
    }
});

/// Every statistic in `text`, in order. `paragraphs` are its lines ([`super::sentences`]).
pub(crate) fn find(text: &str, paragraphs: &[Range<usize>]) -> Vec<Statistic> {
    let masks: Vec<Range<usize>> = MASK.find_iter(text).map(|m| m.range()).collect();
    let mut found = Vec::new();
    for para in paragraphs {
        let reader = Reader {
            text,
            title_case: is_title_case(&text[para.clone()]),
            line_start: para.start,
        };
        let mut pos = para.start;
        while let Some(m) = CANDIDATE.find_at(&text[..para.end], pos) {
            if overlaps_any(&masks, m.range()) {
                let first = masks.partition_point(|r| r.end <= m.start());
                pos = masks.get(first).map_or(m.end(), |r| r.end.max(m.end()));
                continue;
            }
            match reader.read(m.start()) {
                Read::Found(statistic) => {
                    pos = statistic.range.end;
                    found.push(statistic);
                }
                Read::Skip(to) => pos = to.max(m.end()),
            }
        }
    }
    found
}

/// The kind of a one-word unit ("pounds", "percent"), if `lower` is one.
fn unit_word(lower: &str) -> Option<UnitKind> {
    CUES.units
        .iter()
        .find(|u| u.words.len() == 1 && u.words[0] == lower)
        .map(|u| u.kind)
}

/// True when `range` shares a byte with one of `masks` (in order, not overlapping: regex
/// matches).
fn overlaps_any(masks: &[Range<usize>], range: Range<usize>) -> bool {
    let first = masks.partition_point(|r| r.end <= range.start);
    masks
        .get(first)
        .is_some_and(|r| r.start < range.end && range.start < r.end)
}

/// A line whose words mostly start with capitals ("Flash Floods Kill 23 In Kentucky"): the
/// capitalised-identifier rule ("Boeing 737") does not apply there.
fn is_title_case(line: &str) -> bool {
    let words: Vec<&str> = line
        .split_whitespace()
        .filter(|w| w.starts_with(char::is_alphabetic))
        .collect();
    words.len() >= 3
        && words
            .iter()
            .filter(|w| w.starts_with(char::is_uppercase))
            .count()
            * 10
            >= words.len() * 7
}

/// What reading from a candidate gave.
enum Read {
    Found(Statistic),
    /// Not a statistic; go on from here.
    Skip(usize),
}

/// A number read: where it is, its value (for ranges), and what it is.
#[derive(Clone, Copy, Debug)]
struct Number {
    start: usize,
    end: usize,
    value: f64,
    core: Core,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Core {
    Digits,
    /// Number words; `lone_one` for a bare "one".
    Words {
        lone_one: bool,
        small: bool,
    },
    Vague,
    Fraction,
}

/// Reads statistics on one line.
struct Reader<'a> {
    text: &'a str,
    title_case: bool,
    line_start: usize,
}

impl<'a> Reader<'a> {
    fn after(&self, pos: usize) -> Option<Word<'a>> {
        words::after(self.text, pos)
    }

    fn before(&self, pos: usize) -> Option<Word<'a>> {
        words::before(self.text, pos).filter(|w| w.start >= self.line_start)
    }

    /// Reads a statistic around the number starting at `pos`.
    fn read(&self, pos: usize) -> Read {
        let Some(mut number) = self.number(pos) else {
            return Read::Skip(self.after(pos).map_or(pos + 1, |w| w.end));
        };
        let skip = Read::Skip(number.end);
        // Glued to a word or hyphen on the left: an identifier or a compound ("MH17",
        // "Covid-19", "dad-of-three", "#3").
        if let Some(left) = self.before(number.start)
            && glued(
                &left,
                &Word {
                    start: number.start,
                    end: number.end,
                    text: "",
                },
            )
            && (left.is_letters() || matches!(left.text, "-" | "#" | "/" | "_"))
        {
            // "-2", "(-2)", "−25.4C": a sign, not a hyphen inside a word.
            let sign = matches!(left.text, "-" | "−")
                && self.text[..left.start]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric());
            if !sign {
                return skip;
            }
        }
        // Glued letters on the right: ordinals, decades, clock times, compounds.
        let right = self.after(number.end);
        if let Some(right) = right.filter(|w| w.start == number.end) {
            let lower = right.lower();
            if matches!(lower.as_str(), "st" | "nd" | "rd" | "th" | "s")
                || CLOCK_WORDS.contains(&lower.as_str())
            {
                return Read::Skip(right.end);
            }
            if right.text == ":"
                && let Some(minutes) = self
                    .after(right.end)
                    .filter(|w| w.is_digits() && w.start == right.end)
            {
                return Read::Skip(minutes.end);
            }
            if right.text == "’" || right.text == "'" {
                // "1990’s"
                if self
                    .after(right.end)
                    .is_some_and(|w| w.lower() == "s" && w.start == right.end)
                {
                    return Read::Skip(right.end);
                }
            }
            if right.text == "-"
                && let Some(word) = self.after(right.end).filter(|w| w.start == right.end)
                && word.is_letters()
                && CUES.number_word(&word.lower()).is_none()
                && !(number.value >= 1e6 && unit_word(&word.lower()) == Some(UnitKind::Money))
            {
                // "three-day", "45-year-old", "10-point": a compound, not a count.
                return Read::Skip(word.end);
            }
        }
        // The scale written right after ("£3.2bn", "40m", "50k").
        let mut end = number.end;
        if let Some(right) = self.after(end).filter(|w| w.is_letters())
            && let Some(scale) = CUES.scales.get(&right.lower())
            && (right.start == end
                || self
                    .after(right.end)
                    .is_none_or(|w| !w.is_letters() || CUES.np_stop.contains(&w.lower())))
        {
            number.value *= scale;
            end = right.end;
            number.end = end;
        }
        if let Some(right) = self.after(end).filter(|w| w.is_letters() && w.start == end)
            && self.unit(end).0.is_none()
        {
            // "5G", "4x4", "3D": letters glued to digits that are no unit.
            let _ = right;
            return skip;
        }
        let words_core = matches!(number.core, Core::Words { .. });
        // Count words before a fraction or scale: "a third", "two-thirds", "a dozen".
        let mut start = number.start;
        let bare_fraction = matches!(number.core, Core::Fraction)
            && self
                .after(number.start)
                .and_then(|w| CUES.number_word(&w.lower()))
                .is_some_and(|(_, kind)| kind == NumberKind::Fraction);
        if bare_fraction || (words_core && number.value >= 12.0 && self.starts_with_scale(&number))
        {
            match self.before(start) {
                Some(left) if matches!(left.lower().as_str(), "a" | "an") => start = left.start,
                Some(left)
                    if bare_fraction
                        && (left.is_digits()
                            || matches!(
                                CUES.number_word(&left.lower()),
                                Some((_, NumberKind::Plain))
                            )) =>
                {
                    start = left.start;
                }
                _ if bare_fraction && !self.is_half_alone(&number) => return skip,
                _ => {}
            }
        }
        // Ratio: "one in five", "three out of four".
        let mut reason = "number";
        let mut ratio = false;
        if number.value <= 10.0
            && let Some((second_end, value)) = self.ratio(end)
            && value >= number.value
        {
            end = second_end;
            number.end = end;
            ratio = true;
            reason = "ratio";
        }
        // The unit (or currency word) after the number, and a range to a second number;
        // "72-million-pounds" in a broadcast script.
        let (mut unit, unit_end) = self.unit(end);
        if let Some(after_unit) = unit_end {
            end = after_unit;
        } else if let Some(hyphen) = self.after(end).filter(|w| w.text == "-" && w.start == end)
            && let Some(word) = self.after(hyphen.end).filter(|w| w.start == hyphen.end)
            && unit_word(&word.lower()) == Some(UnitKind::Money)
        {
            unit = Some(UnitKind::Money);
            end = word.end;
        }
        let currency_start = self.currency_before(start);
        let left_of = currency_start.unwrap_or(start);
        let between = self.before(left_of).is_some_and(|w| w.lower() == "between");
        // "from 3% to 5%", "rose $2.29 to $79.79", "by 1.6 million to 449.7 million": a change.
        let from = self.is_change(self.approximators(left_of));
        let mut ranged = false;
        if !ratio
            && let Some((second, second_unit, second_end)) = self.range_end(end, between)
            && (between
                || (!from && second.value > number.value && second.value <= number.value * 20.0))
            && (second_unit.is_none() || unit.is_none() || second_unit == unit)
            && (self
                .currency_after(self.after(end).map_or(end, |w| w.end))
                .is_none()
                || currency_start.is_some())
        {
            end = second_end;
            if second_unit.is_some() {
                unit = second_unit;
            }
            ranged = true;
            reason = "range";
        } else if !ratio && self.is_score(&number, end) {
            return Read::Skip(
                self.after(end)
                    .and_then(|d| self.after(d.end))
                    .map_or(end, |w| w.end),
            );
        }
        // Currency before, and the sign.
        let mut money = unit == Some(UnitKind::Money);
        if let Some(currency_start) = currency_start {
            start = currency_start;
            money = true;
        }
        if self.approximators(start) == start
            && let Some(left) = self.before(start)
            && (matches!(left.text, "-" | "−" | "+") && left.end == start
                || left.lower() == "minus")
            && self.text[..left.start]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
        {
            start = left.start;
        }
        // The counted noun phrase, when no unit ends the span.
        let mut counted = false;
        if unit.is_none()
            && !money
            && !matches!(number.core, Core::Fraction)
            && let Some(np_end) = self.noun_phrase(end, matches!(number.core, Core::Vague))
        {
            end = np_end;
            counted = true;
        }
        // A rate: "a day", "per tonne", "an hour".
        if let Some(rate_end) = self.rate(end) {
            end = rate_end;
        }
        // Approximators before: "about", "more than", "a total of more than".
        let approximated_from = self.approximators(start);
        let approximated = approximated_from < start;
        let core_start = start;
        start = approximated_from;
        if between && !ranged {
            // "between" without a second number belongs to something else.
        } else if between {
            start = self
                .before(core_start.min(start))
                .map_or(start, |w| w.start.min(start));
        }

        // What is not a statistic.
        if self.excluded(
            &number,
            core_start,
            start,
            end,
            unit,
            counted,
            money,
            approximated,
            ratio || ranged,
        ) {
            return Read::Skip(end.max(number.end));
        }
        if reason == "number" {
            reason = match (money, unit, counted, number.core) {
                (true, _, _, _) => "money",
                (_, Some(UnitKind::Percent), _, _) => "percentage",
                (_, Some(UnitKind::Time), _, _) => "duration",
                (_, Some(_), _, _) => "measurement",
                (_, _, _, Core::Fraction) => "fraction",
                (_, _, true, _) => "number + what it counts",
                _ => "number",
            };
        }
        Read::Found(Statistic {
            range: start..end,
            reason,
        })
    }
}

mod exclude;
mod number;
mod phrase;
#[cfg(test)]
mod tests;
