//! What surrounds a number in a statistic: approximators and currency before it; its unit,
//! ratio, range, counted noun phrase and rate after it; and the words that make "X to Y" a
//! change rather than a range.

use super::exclude::is_year_shaped;
use super::{Core, Number, Reader};
use crate::suggest::cues::{CUES, NumberKind, UnitKind};
use crate::suggest::words::{self, Word, glued};

/// True for a plural noun, after which a counted noun phrase ends ("prisoners", "people").
pub(super) fn is_head(lower: &str) -> bool {
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
pub(super) fn is_modifier_only(lower: &str) -> bool {
    (lower.len() >= 4 && (lower.ends_with("ed") || lower.ends_with("ing") || lower.ends_with("ly")))
        || CUES.participles.contains(lower)
}

/// Verbs of change: "X to Y" after one of them is a change, two statistics.
pub(super) const CHANGE_VERBS: &[&str] = &[
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

impl<'a> Reader<'a> {
    /// True when the words before `pos` make "X to Y" a change rather than a range: "from",
    /// "by", or a verb of change ("rose", "fell", "cut").
    pub(super) fn is_change(&self, pos: usize) -> bool {
        self.before(pos).is_some_and(|w| {
            let lower = w.lower();
            matches!(lower.as_str(), "from" | "by" | "up" | "down")
                || CHANGE_VERBS.contains(&lower.as_str())
        })
    }

    /// True when the number is a scale word on its own ("dozen", "million") that needs "a".
    pub(super) fn starts_with_scale(&self, number: &Number) -> bool {
        self.after(number.start)
            .and_then(|w| CUES.number_word(&w.lower()))
            .is_some_and(|(_, kind)| kind == NumberKind::Scale)
    }

    /// "half" standing alone counts in "half of", "half the", "half a million", "nearly half".
    pub(super) fn is_half_alone(&self, number: &Number) -> bool {
        let word = self.after(number.start).map(|w| w.lower());
        if word.as_deref() != Some("half") {
            return false;
        }
        // "the first half of 2024", "the latter half of the century": a period.
        if self
            .before(number.start)
            .is_some_and(|w| matches!(w.lower().as_str(), "first" | "second" | "latter" | "last"))
        {
            return false;
        }
        let next = self.after(number.end).map(|w| w.lower());
        matches!(
            next.as_deref(),
            Some("of" | "the" | "a" | "an" | "its" | "their" | "his" | "her")
        ) || self.approximators(number.start) < number.start
    }

    /// After a count: "in five", "out of four" (the second number's end and value).
    pub(super) fn ratio(&self, pos: usize) -> Option<(usize, f64)> {
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
    pub(super) fn unit(&self, pos: usize) -> (Option<UnitKind>, Option<usize>) {
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
    pub(super) fn range_end(
        &self,
        pos: usize,
        between: bool,
    ) -> Option<(Number, Option<UnitKind>, usize)> {
        let joint = self.after(pos)?;
        let lower = joint.lower();
        let ok = match lower.as_str() {
            "to" => true,
            "-" | "–" | "—" => joint.start == pos || between,
            "and" => between,
            // "30 or 40 years", "two or three times"
            "or" => true,
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
    pub(super) fn is_score(&self, number: &Number, end: usize) -> bool {
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
    pub(super) fn currency_before(&self, pos: usize) -> Option<usize> {
        let head = &self.text[self.line_start..pos];
        let trimmed = head.trim_end();
        let spaced = trimmed.len() < head.len();
        CUES.currencies
            .iter()
            .filter(|c| trimmed.ends_with(c.as_str()))
            .filter(|c| {
                // Letter codes ("USD", "Rs") need a space before the number and a boundary;
                // signs with letters ("US$", "C$") only the boundary.
                let at = trimmed.len() - c.len();
                let boundary = trimmed[..at]
                    .chars()
                    .next_back()
                    .is_none_or(|p| !p.is_alphanumeric());
                boundary && (spaced || !c.chars().all(char::is_alphabetic))
            })
            .map(|c| self.line_start + trimmed.len() - c.len())
            .min()
    }

    /// The end of a currency sign right at `pos` (after spaces), for "to $4 billion".
    pub(super) fn currency_after(&self, pos: usize) -> Option<usize> {
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
    pub(super) fn noun_phrase(&self, pos: usize, vague: bool) -> Option<usize> {
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
            // After the head noun, a word that is not a modifier ends the phrase, unless
            // the head was a noun qualifying another ("two police officers").
            if taken.last().is_some_and(|last| {
                let last = last.lower();
                let qualifying = CUES.plural_heads.contains(&last)
                    && !last.ends_with('s')
                    && is_head(&lower)
                    && !CUES.plural_heads.contains(&lower);
                is_head(&last) && !qualifying
            }) {
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
    pub(super) fn rate(&self, pos: usize) -> Option<usize> {
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
    pub(super) fn approximators(&self, mut pos: usize) -> usize {
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
}
