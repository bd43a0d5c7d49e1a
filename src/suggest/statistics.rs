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

/// Clock-time and time-zone words after a number ("3pm", "3 p.m.", "1100 GMT").
const CLOCK_WORDS: &[&str] = &[
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

/// Verbs of change: "X to Y" after one of them is a change, two statistics.
const CHANGE_VERBS: &[&str] = &[
    "rose",
    "rise",
    "rises",
    "risen",
    "fell",
    "fall",
    "falls",
    "fallen",
    "climbed",
    "climbs",
    "jumped",
    "jumps",
    "dropped",
    "drops",
    "slid",
    "slipped",
    "gained",
    "lost",
    "grew",
    "grows",
    "increased",
    "increases",
    "decreased",
    "decreases",
    "cut",
    "cuts",
    "raised",
    "raises",
    "lowered",
    "lifted",
    "added",
    "shed",
    "surged",
    "slumped",
    "plunged",
    "soared",
    "settled",
    "declined",
    "declines",
    "eased",
    "edged",
    "widened",
    "narrowed",
];

/// Words before an age ("aged 45").
const AGE_WORDS: &[&str] = &["aged", "age", "ages"];

/// Words before a year ("in 2020", "the 2020 election", "June 25, 2025").
const YEAR_WORDS: &[&str] = &[
    "in", "since", "by", "until", "till", "from", "of", "the", "before", "after", "during",
    "between", "and", "to", "through", "early", "late", "mid", "spring", "summer", "autumn",
    "fall", "winter", "year", "fiscal", "for", "'s", "’s", ",",
];

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

    /// Reads a number (digits or words) starting at `pos`.
    fn number(&self, pos: usize) -> Option<Number> {
        let first = self.after(pos)?;
        if first.is_digits() {
            return Some(self.digits(first));
        }
        let (value, kind) = CUES.number_word(&first.lower())?;
        match kind {
            NumberKind::Plain | NumberKind::Scale => Some(self.number_words(first, value)),
            NumberKind::Vague => {
                // "tens" and "scores" count only in "tens of thousands", "scores of people".
                let lower = first.lower();
                let of = self.after(first.end).filter(|w| w.lower() == "of");
                let mut end = first.end;
                if let Some(of) = of
                    && let Some(next) = self.after(of.end)
                    && matches!(
                        CUES.number_word(&next.lower()),
                        Some((_, NumberKind::Vague | NumberKind::Scale))
                    )
                {
                    end = next.end;
                } else if lower == "tens" || (lower == "scores" && of.is_none()) {
                    return None;
                }
                Some(Number {
                    start: first.start,
                    end,
                    value,
                    core: Core::Vague,
                })
            }
            NumberKind::Fraction => {
                // "half a million": a count, not a fraction.
                let pair = words::following(self.text, first.end, 2);
                if let [a, scale] = pair.as_slice()
                    && matches!(a.lower().as_str(), "a" | "an")
                    && let Some((v, NumberKind::Scale)) = CUES.number_word(&scale.lower())
                {
                    return Some(Number {
                        start: first.start,
                        end: scale.end,
                        value: value * v,
                        core: Core::Words {
                            lone_one: false,
                            small: false,
                        },
                    });
                }
                Some(Number {
                    start: first.start,
                    end: first.end,
                    value,
                    core: Core::Fraction,
                })
            }
        }
    }

    /// Digits, with thousands groups written with spaces ("72 000"), a `/` fraction, a `+`.
    fn digits(&self, first: Word<'a>) -> Number {
        let mut end = first.end;
        let mut value = digits_value(first.text);
        let plain = first.text.chars().all(|c| c.is_ascii_digit());
        if plain && first.text.len() <= 3 {
            // Space-separated thousands: exactly three digits after one space, then no digit.
            let mut groups = 0;
            loop {
                let rest = &self.text[end..];
                let Some(space) = rest.chars().next() else {
                    break;
                };
                if !matches!(space, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}') {
                    break;
                }
                let after = &rest[space.len_utf8()..];
                let group: String = after.chars().take_while(char::is_ascii_digit).collect();
                if group.len() != 3
                    || after[3..].starts_with([',', '.'])
                        && after[3..]
                            .chars()
                            .nth(1)
                            .is_some_and(|c| c.is_ascii_digit())
                {
                    break;
                }
                end += space.len_utf8() + 3;
                value = value * 1000.0 + group.parse::<f64>().unwrap_or(0.0);
                groups += 1;
                if groups > 4 {
                    break;
                }
            }
        }
        // "3/4": a fraction written with a slash.
        if let Some(slash) = self.after(end).filter(|w| w.text == "/" && w.start == end)
            && let Some(below) = self
                .after(slash.end)
                .filter(|w| w.is_digits() && w.start == slash.end)
        {
            let divisor = digits_value(below.text);
            if divisor > 0.0 {
                value /= divisor;
            }
            end = below.end;
        }
        if self.text[end..].starts_with('+') {
            end += 1;
        }
        let mut number = Number {
            start: first.start,
            end,
            value,
            core: Core::Digits,
        };
        // "2.5 million", "two dozen" after digits.
        self.scale_words(&mut number);
        number
    }

    /// Number words: "twenty-five", "two-thirds", "two hundred and fifty", "one and a half".
    fn number_words(&self, first: Word<'a>, value: f64) -> Number {
        let mut number = Number {
            start: first.start,
            end: first.end,
            value,
            core: Core::Words {
                lone_one: first.lower() == "one",
                small: (2.0..=10.0).contains(&value),
            },
        };
        // Hyphenated: "twenty-five", "two-thirds".
        if let Some(hyphen) = self
            .after(number.end)
            .filter(|w| w.text == "-" && w.start == number.end)
            && let Some(second) = self.after(hyphen.end).filter(|w| w.start == hyphen.end)
            && let Some((v, kind)) = CUES.number_word(&second.lower())
        {
            number.end = second.end;
            (number.core, number.value) = match kind {
                NumberKind::Fraction => (Core::Fraction, value * v),
                _ => (
                    Core::Words {
                        lone_one: false,
                        small: false,
                    },
                    value + v,
                ),
            };
        }
        self.scale_words(&mut number);
        number
    }

    /// Scale words after a number ("2.5 million", "two hundred and fifty thousand", "one and
    /// a half"), and a fraction after a count ("three quarters").
    fn scale_words(&self, number: &mut Number) {
        loop {
            let Some(next) = self.after(number.end) else {
                return;
            };
            let lower = next.lower();
            match CUES.number_word(&lower) {
                Some((v, NumberKind::Scale)) => {
                    number.value *= v;
                    number.end = next.end;
                }
                Some((v, NumberKind::Fraction)) if !matches!(number.core, Core::Fraction) => {
                    number.value *= v;
                    number.end = next.end;
                    number.core = Core::Fraction;
                }
                Some((v, NumberKind::Plain))
                    if number.value >= 100.0 && !matches!(number.core, Core::Digits) =>
                {
                    number.value += v;
                    number.end = next.end;
                }
                _ if lower == "and" => {
                    // "one and a half", "two hundred and fifty".
                    let after = words::following(self.text, next.end, 2);
                    match after.as_slice() {
                        [a, half, ..] if a.lower() == "a" && half.lower() == "half" => {
                            number.value += 0.5;
                            number.end = half.end;
                        }
                        [plain, ..]
                            if number.value >= 100.0
                                && matches!(
                                    CUES.number_word(&plain.lower()),
                                    Some((_, NumberKind::Plain))
                                ) =>
                        {
                            number.value += CUES.number_word(&plain.lower()).map_or(0.0, |w| w.0);
                            number.end = plain.end;
                        }
                        _ => return,
                    }
                    if let Core::Words { lone_one, .. } = &mut number.core {
                        *lone_one = false;
                    }
                }
                _ => return,
            }
            if let Core::Words { lone_one, small } = &mut number.core {
                *lone_one = false;
                *small = false;
            }
        }
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
        // The unit (or currency word) after the number, and a range to a second number.
        let (mut unit, unit_end) = self.unit(end);
        if let Some(after_unit) = unit_end {
            end = after_unit;
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

    /// True when the words before `pos` make "X to Y" a change rather than a range: "from",
    /// "by", or a verb of change ("rose", "fell", "cut").
    fn is_change(&self, pos: usize) -> bool {
        self.before(pos).is_some_and(|w| {
            let lower = w.lower();
            matches!(lower.as_str(), "from" | "by" | "up" | "down")
                || CHANGE_VERBS.contains(&lower.as_str())
        })
    }

    /// True when the number is a scale word on its own ("dozen", "million") that needs "a".
    fn starts_with_scale(&self, number: &Number) -> bool {
        self.after(number.start)
            .and_then(|w| CUES.number_word(&w.lower()))
            .is_some_and(|(_, kind)| kind == NumberKind::Scale)
    }

    /// "half" standing alone counts in "half of", "half the", "half a million", "nearly half".
    fn is_half_alone(&self, number: &Number) -> bool {
        let word = self.after(number.start).map(|w| w.lower());
        if word.as_deref() != Some("half") {
            return false;
        }
        let next = self.after(number.end).map(|w| w.lower());
        matches!(
            next.as_deref(),
            Some("of" | "the" | "a" | "an" | "its" | "their" | "his" | "her")
        ) || self.approximators(number.start) < number.start
    }

    /// After a count: "in five", "out of four" (the second number's end and value).
    fn ratio(&self, pos: usize) -> Option<(usize, f64)> {
        let first = self.after(pos)?;
        let at = match first.lower().as_str() {
            "in" => first.end,
            "out" => {
                let of = self.after(first.end).filter(|w| w.lower() == "of")?;
                of.end
            }
            _ => return None,
        };
        let second = self.number(at)?;
        if matches!(second.core, Core::Digits)
            && is_year_shaped(&self.text[second.start..second.end])
        {
            return None;
        }
        Some((second.end, second.value))
    }

    /// The unit right after `pos`: its kind and end. Glued units may follow without a space.
    fn unit(&self, pos: usize) -> (Option<UnitKind>, Option<usize>) {
        let rest = &self.text[pos..];
        let spaced = rest.len() - rest.trim_start_matches([' ', '\u{a0}', '\u{202f}']).len();
        let rest = &rest[spaced..];
        let mut best: Option<(usize, UnitKind)> = None;
        for unit in &CUES.units {
            if spaced == 0 && !unit.glued {
                continue;
            }
            let written = unit.words.join(" ");
            let Some(head) = rest.get(..written.len()) else {
                continue;
            };
            let same = if written.chars().count() == 1 {
                head == written
            } else {
                head.eq_ignore_ascii_case(&written) || head.to_lowercase() == written
            };
            if !same {
                continue;
            }
            let after = &rest[written.len()..];
            let ends_word = after.chars().next().is_none_or(|c| {
                !(c.is_alphanumeric()) || !written.ends_with(char::is_alphanumeric)
            });
            if !ends_word {
                continue;
            }
            // "m" and "c" alone are too ambiguous with a space before them.
            if spaced > 0 && written.chars().count() == 1 && written != "%" {
                continue;
            }
            if best.is_none_or(|(len, _)| written.len() > len) {
                best = Some((written.len(), unit.kind));
            }
        }
        match best {
            Some((len, kind)) => (Some(kind), Some(pos + spaced + len)),
            None => (None, None),
        }
    }

    /// A range's second half after `pos`: "to 50", "-50", "– 50%", "and 77 000" (with
    /// `between`), with its own unit; returns it, its unit, and where it ends.
    fn range_end(&self, pos: usize, between: bool) -> Option<(Number, Option<UnitKind>, usize)> {
        let joint = self.after(pos)?;
        let lower = joint.lower();
        let ok = match lower.as_str() {
            "to" => true,
            "-" | "–" | "—" => joint.start == pos || between,
            "and" => between,
            _ => false,
        };
        if !ok {
            return None;
        }
        let mut at = joint.end;
        if let Some(currency_end) = self.currency_after(at) {
            at = currency_end;
        }
        let mut second = self.number(at)?;
        if matches!(second.core, Core::Vague | Core::Fraction) {
            return None;
        }
        let mut end = second.end;
        if let Some(right) = self.after(end).filter(|w| w.is_letters() && w.start == end)
            && let Some(scale) = CUES.scales.get(&right.lower())
        {
            second.value *= scale;
            end = right.end;
        }
        let (unit, unit_end) = self.unit(end);
        Some((second, unit, unit_end.unwrap_or(end)))
    }

    /// "5-2", "3-1": a score or a vote tally (two small digit numbers joined by a dash).
    fn is_score(&self, number: &Number, end: usize) -> bool {
        if !matches!(number.core, Core::Digits) || number.end != end {
            return false;
        }
        let Some(dash) = self
            .after(end)
            .filter(|w| matches!(w.text, "-" | "–") && w.start == end)
        else {
            return false;
        };
        self.after(dash.end)
            .is_some_and(|w| w.start == dash.end && w.is_digits() && w.text.len() <= 2)
            && self.text[number.start..number.end].len() <= 2
    }

    /// The start of a currency sign or code written right before `pos`.
    fn currency_before(&self, pos: usize) -> Option<usize> {
        let head = &self.text[self.line_start..pos];
        let trimmed = head.trim_end();
        let spaced = trimmed.len() < head.len();
        CUES.currencies
            .iter()
            .filter(|c| trimmed.ends_with(c.as_str()))
            .filter(|c| {
                // Letter codes ("USD", "Rs") need a space before the number and a boundary.
                let at = trimmed.len() - c.len();
                let boundary = trimmed[..at]
                    .chars()
                    .next_back()
                    .is_none_or(|p| !p.is_alphanumeric());
                boundary && (spaced || !c.starts_with(char::is_alphabetic))
            })
            .map(|c| self.line_start + trimmed.len() - c.len())
            .min()
    }

    /// The end of a currency sign right at `pos` (after spaces), for "to $4 billion".
    fn currency_after(&self, pos: usize) -> Option<usize> {
        let rest = &self.text[pos..];
        let lead = rest.len() - rest.trim_start().len();
        CUES.currencies
            .iter()
            .filter(|c| rest[lead..].starts_with(c.as_str()))
            .map(|c| pos + lead + c.len())
            .max()
    }

    /// The counted noun phrase after `pos` ("political prisoners", "of protesters" after a
    /// vague quantity); its end.
    fn noun_phrase(&self, pos: usize, vague: bool) -> Option<usize> {
        let mut at = pos;
        if vague {
            match self.after(at) {
                Some(of) if of.lower() == "of" => at = of.end,
                _ => return None,
            }
        }
        let candidates = words::following(self.text, at, 8);
        let mut taken: Vec<Word<'a>> = Vec::new();
        let mut k = 0;
        while k < candidates.len() && taken.len() < 4 {
            let word = candidates[k];
            if !word.is_letters() {
                // A hyphen inside a word ("school-age", "meta-analyses").
                if word.text == "-"
                    && taken.last().is_some_and(|last| glued(last, &word))
                    && let Some(next) = candidates
                        .get(k + 1)
                        .filter(|n| glued(&word, n) && n.is_letters())
                {
                    if let Some(last) = taken.last_mut() {
                        *last = Word {
                            start: last.start,
                            end: next.end,
                            text: &self.text[last.start..next.end],
                        };
                    }
                    k += 2;
                    continue;
                }
                break;
            }
            let lower = word.lower();
            if CUES.np_stop.contains(&lower)
                || CUES.months.contains(word.text)
                || CUES.number_word(&lower).is_some()
                || (word.is_capitalised() && CUES.titles.contains(&lower) && !taken.is_empty())
            {
                break;
            }
            // After the head noun, a word that is not a modifier ends the phrase.
            if taken.last().is_some_and(|last| is_head(&last.lower())) {
                break;
            }
            taken.push(word);
            k += 1;
        }
        // A participle, an -ing form or an -ly word ends the phrase only if a noun follows it
        // ("armed men", "teaching assistants", "likely voters"; not "people detained").
        while let Some(last) = taken.last() {
            if is_modifier_only(&last.lower()) {
                taken.pop();
            } else {
                break;
            }
        }
        taken.last().map(|w| w.end)
    }

    /// A rate after `pos` ("a day", "per tonne", "every night"); its end.
    fn rate(&self, pos: usize) -> Option<usize> {
        let pair = words::following(self.text, pos, 2);
        match pair.as_slice() {
            [per, what]
                if matches!(per.lower().as_str(), "a" | "an" | "per" | "each" | "every")
                    && CUES.rates.contains(&what.lower()) =>
            {
                Some(what.end)
            }
            _ => None,
        }
    }

    /// Where approximators right before `pos` start ("a total of more than"), or `pos`.
    /// Reads the few words before once and compares them with every approximator.
    fn approximators(&self, mut pos: usize) -> usize {
        let longest = CUES.approximators.first().map_or(0, Vec::len);
        for _ in 0..3 {
            let before: Vec<Word<'a>> = words::preceding(self.text, pos, longest)
                .into_iter()
                .filter(|w| w.start >= self.line_start)
                .collect();
            let lower: Vec<String> = before.iter().map(Word::lower).collect();
            let found = CUES.approximators.iter().find(|words| {
                words.len() <= lower.len() && words.iter().rev().zip(&lower).all(|(a, b)| a == b)
            });
            match found {
                Some(words) => pos = before[words.len() - 1].start,
                None => break,
            }
        }
        pos
    }

    /// The rules of what is not a statistic (§1.1 "Not statistics").
    #[allow(clippy::too_many_arguments, clippy::fn_params_excessive_bools)]
    fn excluded(
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
        // Ages: "aged 45", "I'm 58", "Jane Doe, 45,", "(45)".
        if prev_lower.is_some_and(|p| AGE_WORDS.contains(&p)) && !money {
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
        // Time frames: "in the last five years", "two weeks ago", "after eight months".
        if unit == Some(UnitKind::Time) {
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

/// True for a plural noun, after which a counted noun phrase ends ("prisoners", "people").
fn is_head(lower: &str) -> bool {
    CUES.plural_heads.contains(lower)
        || (lower.len() > 3
            && !CUES.singular_s.contains(lower)
            && lower.ends_with('s')
            && !lower.ends_with("ss")
            && !lower.ends_with("us")
            && !lower.ends_with("is"))
}

/// Words that belong to a counted noun phrase only before its noun: participles, -ing forms,
/// -ly words.
fn is_modifier_only(lower: &str) -> bool {
    (lower.len() >= 4 && (lower.ends_with("ed") || lower.ends_with("ing") || lower.ends_with("ly")))
        || CUES.participles.contains(lower)
}

/// True for four digits that read as a year (1500–2199) with no separators.
fn is_year_shaped(written: &str) -> bool {
    written.len() == 4
        && written.chars().all(|c| c.is_ascii_digit())
        && written
            .parse::<u32>()
            .is_ok_and(|y| (1500..2200).contains(&y))
}

/// The value of digits with separators: `50,000`, `1.5`, `157.651` (European thousands:
/// a dot followed by exactly three digits, more than once or after a short first group).
fn digits_value(written: &str) -> f64 {
    let groups: Vec<&str> = written.split([',', '.']).collect();
    if groups.len() == 1 {
        return written.parse().unwrap_or(0.0);
    }
    let thousands = groups[1..].iter().all(|g| g.len() == 3) && groups[0].len() <= 3;
    if written.contains(',') && thousands {
        return groups.concat().parse().unwrap_or(0.0);
    }
    if written.contains('.') && !written.contains(',') && thousands && groups.len() >= 2 {
        // "157.651 migrants": a dot before three digits is a thousands separator in
        // European style; "1.500" reads the same. Decimals with three places are rare in news.
        return groups.concat().parse().unwrap_or(0.0);
    }
    // "2,5" (decimal comma) or "1,234.5".
    let normal = if written.contains('.') {
        written.replace(',', "")
    } else {
        written.replace(',', ".")
    };
    normal.parse().unwrap_or(0.0)
}

#[cfg(test)]
mod tests;
