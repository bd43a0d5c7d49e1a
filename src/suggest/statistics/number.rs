//! Reading a number: digits in every separator style (`50,000`, `50 000`, `157.651`),
//! `3/4`, a trailing `+`, number words (`twenty-five`, `two-thirds`, `two hundred and fifty`,
//! `one and a half`), vague quantities (`tens of thousands`), and the scale words after them.

use super::{Core, Number, Reader};
use crate::suggest::cues::{CUES, NumberKind};
use crate::suggest::words::{self, Word};

/// The value of digits with separators: `50,000`, `1.5`, `157.651` (European thousands:
/// a dot followed by exactly three digits, more than once or after a short first group).
pub(super) fn digits_value(written: &str) -> f64 {
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

impl<'a> Reader<'a> {
    /// Reads a number (digits or words) starting at `pos`.
    pub(super) fn number(&self, pos: usize) -> Option<Number> {
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
    pub(super) fn digits(&self, first: Word<'a>) -> Number {
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
        // Broadcast scripts spell numbers out with hyphens: "77-point-6-million",
        // "25-million".
        if let Some((decimal_end, decimal)) = self.spoken_decimal(end) {
            end = decimal_end;
            value += decimal;
        }
        while let Some(hyphen) = self.after(end).filter(|w| w.text == "-" && w.start == end)
            && let Some(scale) = self.after(hyphen.end).filter(|w| w.start == hyphen.end)
            && let Some((v, NumberKind::Scale)) = CUES.number_word(&scale.lower())
        {
            value *= v;
            end = scale.end;
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

    /// "-point-6" after digits: the decimal part spelt out, and where it ends.
    fn spoken_decimal(&self, end: usize) -> Option<(usize, f64)> {
        let glued_after = |pos: usize| self.after(pos).filter(|w| w.start == pos);
        let hyphen = glued_after(end).filter(|w| w.text == "-")?;
        glued_after(hyphen.end).filter(|w| w.lower() == "point")?;
        let point = glued_after(hyphen.end)?;
        let second = glued_after(point.end).filter(|w| w.text == "-")?;
        let digits = glued_after(second.end).filter(|w| w.is_digits())?;
        let places = i32::try_from(digits.text.len()).ok()?;
        Some((digits.end, digits_value(digits.text) / 10f64.powi(places)))
    }

    /// Number words: "twenty-five", "two-thirds", "two hundred and fifty", "one and a half".
    pub(super) fn number_words(&self, first: Word<'a>, value: f64) -> Number {
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
    pub(super) fn scale_words(&self, number: &mut Number) {
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
}
