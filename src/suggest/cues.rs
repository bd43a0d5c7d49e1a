//! The cue lists of `assets/suggest/` (embedded at build time), parsed once into the sets and
//! tables the detectors look words up in. `docs/SUGGEST.md` lists what each file holds.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// What a number word is, beyond its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NumberKind {
    /// `one` … `ninety`.
    Plain,
    /// Multiplies what comes before: `hundred`, `million`, `dozen`.
    Scale,
    /// An indefinite quantity that may take "of": `hundreds`, `dozens`, `tens`.
    Vague,
    /// Counts only after a count word: `third`, `quarters`, `half`.
    Fraction,
}

/// What a unit measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum UnitKind {
    /// `%`, `per cent`, `percentage points`.
    Percent,
    /// `dollars`, `euros`, `pence`.
    Money,
    /// Durations: `years`, `hours` (which may be time frames).
    Time,
    /// Everything else: `km`, `tonnes`, `degrees`, `times`.
    Measure,
}

/// A unit as written: its words (lower case), what it measures, and whether it may be written
/// right after the digits (`5km`).
#[derive(Clone, Debug)]
pub(crate) struct Unit {
    pub words: Vec<String>,
    pub kind: UnitKind,
    pub glued: bool,
}

/// How a speech verb introduces what was said.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum VerbKind {
    /// Reported speech with or without "that".
    Clause,
    /// Reported speech only with "that".
    That,
    /// Takes who was told first (`told reporters`).
    Object,
    /// Attributes direct quotes only.
    Quote,
    /// A gerund after the main clause (`adding that`).
    Gerund,
}

/// What a claim cue says about a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ClaimCue {
    Comparison,
    Change,
    Cause,
    Act,
    Prediction,
    Hedge,
    Opinion,
}

/// Every cue list, parsed.
pub(crate) struct Cues {
    pub approximators: Vec<Vec<String>>,
    pub number_words: HashMap<String, (f64, NumberKind)>,
    pub scales: HashMap<String, f64>,
    pub units: Vec<Unit>,
    pub currencies: Vec<String>,
    pub rates: HashSet<String>,
    pub speech_verbs: HashMap<String, VerbKind>,
    pub np_stop: HashSet<String>,
    pub participles: HashSet<String>,
    pub plural_heads: HashSet<String>,
    pub singular_s: HashSet<String>,
    pub months: HashSet<String>,
    pub frame_before: HashSet<String>,
    pub frame_after: HashSet<String>,
    pub identifier_heads: HashSet<String>,
    pub streets: HashSet<String>,
    pub reference_words: HashSet<String>,
    pub titles: HashSet<String>,
    pub organisations: HashSet<String>,
    pub vague_speakers: HashSet<String>,
    pub abbreviations: HashSet<String>,
    /// The claim cue phrases, found as whole words in one pass; pattern `k` has kind
    /// `claim_kinds[k]`.
    pub claim_phrases: AhoCorasick,
    pub claim_kinds: Vec<ClaimCue>,
}

/// The days of the week, as written (a day named next to a number makes it a date; a day
/// names no one).
pub(crate) const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// The lists, parsed on first use.
pub(crate) static CUES: LazyLock<Cues> = LazyLock::new(Cues::load);

/// The entries of a list file: lines without comments and surrounding space, never empty.
fn entries(src: &'static str) -> impl Iterator<Item = &'static str> {
    src.lines()
        .map(|line| {
            line.split_once(" #")
                .map_or(line, |(entry, _)| entry)
                .trim()
        })
        .filter(|line| !line.is_empty() && !line.starts_with("# ") && *line != "#")
}

/// The entries of a list file, lower case, as a set.
fn set(src: &'static str) -> HashSet<String> {
    entries(src).map(str::to_lowercase).collect()
}

/// `word kind` lines: the word(s) before the last field, and the last field.
fn keyed(src: &'static str) -> impl Iterator<Item = (String, &'static str)> {
    entries(src).filter_map(|line| {
        let (words, kind) = line.rsplit_once(' ')?;
        Some((words.to_lowercase(), kind))
    })
}

impl Cues {
    fn load() -> Self {
        let number_words = entries(include_str!("../../assets/suggest/number_words.txt"))
            .filter_map(|line| {
                let mut fields = line.split_whitespace();
                let word = fields.next()?.to_lowercase();
                let value: f64 = fields.next()?.parse().ok()?;
                let kind = match fields.next() {
                    Some("scale") => NumberKind::Scale,
                    Some("vague") => NumberKind::Vague,
                    Some("fraction") => NumberKind::Fraction,
                    _ => NumberKind::Plain,
                };
                Some((word, (value, kind)))
            })
            .collect();
        let scales = keyed(include_str!("../../assets/suggest/scales.txt"))
            .filter_map(|(word, value)| Some((word, value.parse().ok()?)))
            .collect();
        let units = entries(include_str!("../../assets/suggest/units.txt"))
            .filter_map(|line| {
                // One-letter units keep their case ("C" for Celsius, "g" for grams).
                let mut words: Vec<String> = line
                    .split_whitespace()
                    .map(|w| {
                        if w.chars().count() == 1 {
                            w.to_owned()
                        } else {
                            w.to_lowercase()
                        }
                    })
                    .collect();
                let glued = words.last().is_some_and(|w| w == "glued");
                if glued {
                    words.pop();
                }
                let kind = match words.pop()?.as_str() {
                    "percent" => UnitKind::Percent,
                    "money" => UnitKind::Money,
                    "time" => UnitKind::Time,
                    _ => UnitKind::Measure,
                };
                (!words.is_empty()).then_some(Unit { words, kind, glued })
            })
            .collect();
        let speech_verbs = keyed(include_str!("../../assets/suggest/speech_verbs.txt"))
            .map(|(word, kind)| {
                let kind = match kind {
                    "that" => VerbKind::That,
                    "object" => VerbKind::Object,
                    "quote" => VerbKind::Quote,
                    "gerund" => VerbKind::Gerund,
                    _ => VerbKind::Clause,
                };
                (word, kind)
            })
            .collect();
        let mut frame_before = HashSet::new();
        let mut frame_after = HashSet::new();
        for (word, place) in keyed(include_str!("../../assets/suggest/time_frames.txt")) {
            if place == "after" {
                frame_after.insert(word);
            } else {
                frame_before.insert(word);
            }
        }
        let mut approximators: Vec<Vec<String>> =
            entries(include_str!("../../assets/suggest/approximators.txt"))
                .map(|line| line.split_whitespace().map(str::to_lowercase).collect())
                .collect();
        // Longest first, so "just over" wins over "over".
        approximators.sort_by_key(|words: &Vec<String>| std::cmp::Reverse(words.len()));
        let (phrases, claim_kinds): (Vec<String>, Vec<ClaimCue>) =
            keyed_first(include_str!("../../assets/suggest/claim_cues.txt"))
                .filter_map(|(kind, phrase)| {
                    let kind = match kind {
                        "comparison" => ClaimCue::Comparison,
                        "change" => ClaimCue::Change,
                        "cause" => ClaimCue::Cause,
                        "act" => ClaimCue::Act,
                        "prediction" => ClaimCue::Prediction,
                        "hedge" => ClaimCue::Hedge,
                        "opinion" => ClaimCue::Opinion,
                        _ => return None,
                    };
                    Some((phrase, kind))
                })
                .unzip();
        let claim_phrases = match AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&phrases)
        {
            Ok(automaton) => automaton,
            Err(error) => unreachable!("the claim cue list builds: {error}"),
        };
        Self {
            approximators,
            number_words,
            scales,
            units,
            currencies: entries(include_str!("../../assets/suggest/currencies.txt"))
                .map(str::to_owned)
                .collect(),
            rates: set(include_str!("../../assets/suggest/rates.txt")),
            speech_verbs,
            np_stop: set(include_str!("../../assets/suggest/np_stop.txt")),
            participles: set(include_str!("../../assets/suggest/participles.txt")),
            plural_heads: set(include_str!("../../assets/suggest/plural_heads.txt"))
                .into_iter()
                .filter(|w| !w.starts_with('-'))
                .collect(),
            singular_s: set(include_str!("../../assets/suggest/plural_heads.txt"))
                .into_iter()
                .filter_map(|w| w.strip_prefix('-').map(str::to_owned))
                .collect(),
            // Months keep their capital letter: "may" and "march" are not months.
            months: entries(include_str!("../../assets/suggest/months.txt"))
                .map(str::to_owned)
                .collect(),
            frame_before,
            frame_after,
            identifier_heads: set(include_str!("../../assets/suggest/identifier_heads.txt")),
            streets: entries(include_str!("../../assets/suggest/streets.txt"))
                .map(str::to_owned)
                .collect(),
            reference_words: set(include_str!("../../assets/suggest/reference_words.txt")),
            titles: set(include_str!("../../assets/suggest/titles.txt")),
            organisations: set(include_str!("../../assets/suggest/organisations.txt")),
            vague_speakers: set(include_str!("../../assets/suggest/vague_speakers.txt")),
            abbreviations: set(include_str!("../../assets/suggest/abbreviations.txt")),
            claim_phrases,
            claim_kinds,
        }
    }

    /// The number word `word` (lower case) is, if any.
    pub fn number_word(&self, word: &str) -> Option<(f64, NumberKind)> {
        self.number_words.get(word).copied()
    }

    /// How `word` (lower case) attributes speech, if it is a speech verb.
    pub fn speech_verb(&self, word: &str) -> Option<VerbKind> {
        self.speech_verbs.get(word).copied()
    }
}

/// `kind words…` lines: the first field, and the rest lower case.
fn keyed_first(src: &'static str) -> impl Iterator<Item = (&'static str, String)> {
    entries(src).filter_map(|line| {
        let (kind, words) = line.split_once(' ')?;
        Some((kind, words.trim().to_lowercase()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_parses_into_something() {
        let cues = &*CUES;
        assert_eq!(cues.number_word("twenty"), Some((20.0, NumberKind::Plain)));
        assert_eq!(
            cues.number_word("hundreds").map(|w| w.1),
            Some(NumberKind::Vague)
        );
        assert_eq!(cues.scales.get("bn"), Some(&1e9));
        assert!(
            cues.units
                .iter()
                .any(|u| u.words == ["per", "cent"] && u.kind == UnitKind::Percent && !u.glued)
        );
        assert!(cues.units.iter().any(|u| u.words == ["%"] && u.glued));
        assert!(cues.currencies.iter().any(|c| c == "€"));
        assert!(cues.rates.contains("hour"));
        assert_eq!(cues.speech_verb("told"), Some(VerbKind::Object));
        assert_eq!(cues.speech_verb("adding"), Some(VerbKind::Gerund));
        assert!(cues.np_stop.contains("are"));
        assert!(cues.participles.contains("paid") && cues.plural_heads.contains("people"));
        assert!(cues.months.contains("May") && !cues.months.contains("may"));
        assert!(cues.frame_before.contains("last") && cues.frame_after.contains("ago"));
        assert!(cues.identifier_heads.contains("article"));
        assert!(cues.streets.contains("Street"));
        assert!(cues.reference_words.contains("their"));
        assert!(cues.titles.contains("gov."));
        assert!(cues.organisations.contains("ministry"));
        assert!(cues.vague_speakers.contains("people"));
        assert!(cues.abbreviations.contains("sept"));
        assert_eq!(cues.approximators[0].len(), 3, "longest first");
        assert_eq!(cues.claim_kinds.len(), cues.claim_phrases.patterns_len());
        assert!(cues.claim_kinds.contains(&ClaimCue::Opinion));
    }
}
