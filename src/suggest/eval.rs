//! Measuring the suggestions against labelled articles: the evaluation set's formats (the
//! marked source `{{S|…}}` and the `.tsv` of labels with code-point offsets) and the scores
//! (precision and recall per kind with exact and overlap match, speaker accuracy, claims
//! precision among the top-ranked third). Pure: callers read the files.

use std::fmt;

use super::{Kind, Suggestion};
use crate::model::{OffsetMap, Unit};

/// One labelled span: its kind, code-point offsets, speaker (quotes and reported speech) and
/// text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// What it is.
    pub kind: Kind,
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// Who said it (empty for statistics and claims, or when nobody is named).
    pub speaker: String,
    /// The labelled text.
    pub text: String,
}

/// Why a marked source or a label file could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum LabelError {
    /// A `{{` without its `|`, a `}}` without a `{{`, or a `{{` never closed.
    #[error("line {line}: {problem}")]
    Markup {
        /// 1-based line of the marked source.
        line: usize,
        /// What is wrong.
        problem: String,
    },
    /// A `.tsv` line that does not fit the text.
    #[error("label line {line}: {problem}")]
    Tsv {
        /// 1-based line of the label file.
        line: usize,
        /// What is wrong.
        problem: String,
    },
}

impl Kind {
    /// The letter the marked source uses (`S`, `Q`, `R`, `C`).
    fn letter(self) -> char {
        match self {
            Self::Statistic => 'S',
            Self::Quote => 'Q',
            Self::Reported => 'R',
            Self::Claim => 'C',
        }
    }

    fn from_letter(letter: &str) -> Option<Self> {
        Kind::ALL
            .into_iter()
            .find(|k| k.letter().to_string() == letter)
    }

    fn from_name(name: &str) -> Option<Self> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// Reads a marked source: the article with labels written inline, `{{S|14 prisoners}}`,
/// `{{Q=Franak Viačorka|“…”}}`, nested as the spans nest. Returns the text and the labels in
/// the order they close.
///
/// # Errors
///
/// [`LabelError::Markup`] for an unknown kind, a label without `|`, or unbalanced braces.
pub fn parse_marked(src: &str) -> Result<(String, Vec<Label>), LabelError> {
    let mut text = String::with_capacity(src.len());
    let mut chars = 0usize;
    let mut open: Vec<(Kind, String, usize, usize)> = Vec::new();
    let mut labels = Vec::new();
    let mut rest = src;
    let line_of = |rest: &str| src[..src.len() - rest.len()].matches('\n').count() + 1;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("{{") {
            let bar = after.find('|').ok_or_else(|| LabelError::Markup {
                line: line_of(rest),
                problem: "a `{{` without `|`".to_owned(),
            })?;
            let head = &after[..bar];
            let (letter, speaker) = head.split_once('=').unwrap_or((head, ""));
            let kind = Kind::from_letter(letter).ok_or_else(|| LabelError::Markup {
                line: line_of(rest),
                problem: format!("unknown kind {letter:?}; use S, Q, R or C"),
            })?;
            open.push((kind, speaker.to_owned(), chars, text.len()));
            rest = &after[bar + 1..];
        } else if let Some(after) = rest.strip_prefix("}}") {
            let (kind, speaker, start, byte) = open.pop().ok_or_else(|| LabelError::Markup {
                line: line_of(rest),
                problem: "a `}}` with no `{{` open".to_owned(),
            })?;
            labels.push(Label {
                kind,
                start,
                end: chars,
                speaker,
                text: text[byte..].to_owned(),
            });
            rest = after;
        } else {
            let c = rest.chars().next().unwrap_or_default();
            text.push(c);
            chars += 1;
            rest = &rest[c.len_utf8()..];
        }
    }
    if let Some((kind, _, _, _)) = open.last() {
        return Err(LabelError::Markup {
            line: line_of(rest),
            problem: format!("a {{{{{}| is never closed", kind.letter()),
        });
    }
    labels.sort_by_key(|l| (l.start, std::cmp::Reverse(l.end), l.kind));
    Ok((text, labels))
}

/// `\n`, `\t` and `\` written as escapes, for one-line fields.
fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('\n', "\\n")
        .replace('\t', "\\t")
}

fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The label file: a header, then `kind start end speaker text` per line, tab-separated.
pub fn to_tsv(labels: &[Label]) -> String {
    let mut out = String::from("kind\tstart\tend\tspeaker\ttext\n");
    for label in labels {
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\n",
            label.kind.name(),
            label.start,
            label.end,
            escape(&label.speaker),
            escape(&label.text)
        ));
    }
    out
}

/// Reads a label file written by [`to_tsv`], checking each label's text against `text`.
///
/// # Errors
///
/// [`LabelError::Tsv`] for a line with the wrong fields, offsets outside the text, or a text
/// that is not the article's text at those offsets.
pub fn from_tsv(text: &str, tsv: &str) -> Result<Vec<Label>, LabelError> {
    let offsets = OffsetMap::new(text);
    let mut labels = Vec::new();
    for (k, line) in tsv.lines().enumerate().skip(1) {
        let bad = |problem: String| LabelError::Tsv {
            line: k + 1,
            problem,
        };
        let fields: Vec<&str> = line.split('\t').collect();
        let [kind, start, end, speaker, label_text] = fields.as_slice() else {
            return Err(bad(format!(
                "expected 5 tab-separated fields, found {}",
                fields.len()
            )));
        };
        let kind = Kind::from_name(kind).ok_or_else(|| bad(format!("unknown kind {kind:?}")))?;
        let start: usize = start.parse().map_err(|_| bad(format!("start {start:?}")))?;
        let end: usize = end.parse().map_err(|_| bad(format!("end {end:?}")))?;
        let bytes = offsets
            .to_byte(text, start, Unit::CodePoint)
            .zip(offsets.to_byte(text, end, Unit::CodePoint))
            .filter(|(a, b)| a < b)
            .ok_or_else(|| bad(format!("offsets {start}..{end} are not a span of the text")))?;
        let label_text = unescape(label_text);
        if text[bytes.0..bytes.1] != label_text {
            return Err(bad(format!(
                "the text at {start}..{end} is {:?}, not {label_text:?}",
                &text[bytes.0..bytes.1]
            )));
        }
        labels.push(Label {
            kind,
            start,
            end,
            speaker: unescape(speaker),
            text: label_text,
        });
    }
    Ok(labels)
}

/// True when a found speaker counts as the labelled one: the last words agree (ignoring
/// case, determiners, a possessive), or one is the other's initials ("UN", "United Nations").
pub fn speaker_matches(found: &str, labelled: &str) -> bool {
    let normal = |name: &str| -> Vec<String> {
        name.split_whitespace()
            .map(|w| {
                w.trim_end_matches("'s")
                    .trim_end_matches("’s")
                    .trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .filter(|w| !w.is_empty() && !matches!(w.as_str(), "the" | "a" | "an"))
            .collect()
    };
    let (a, b) = (normal(found), normal(labelled));
    let (Some(last_a), Some(last_b)) = (a.last(), b.last()) else {
        return a.is_empty() && b.is_empty();
    };
    if last_a == last_b {
        return true;
    }
    let initials = |words: &[String]| -> String {
        words
            .iter()
            .filter(|w| !matches!(w.as_str(), "of" | "for" | "and" | "on"))
            .filter_map(|w| w.chars().next())
            .collect()
    };
    (a.len() == 1 && *last_a == initials(&b)) || (b.len() == 1 && *last_b == initials(&a))
}

/// Counts for one kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Suggestions made.
    pub found: usize,
    /// Labels.
    pub labelled: usize,
    /// Suggestions with a label of the same span / labels with a suggestion of the same span.
    pub exact: usize,
    /// Suggestions overlapping some label.
    pub overlap_found: usize,
    /// Labels overlapped by some suggestion.
    pub overlap_labelled: usize,
    /// Suggestions overlapping a label that has a speaker, and how many of those have it.
    pub speakers_checked: usize,
    /// See `speakers_checked`.
    pub speakers_right: usize,
}

impl Counts {
    fn add(&mut self, other: &Self) {
        self.found += other.found;
        self.labelled += other.labelled;
        self.exact += other.exact;
        self.overlap_found += other.overlap_found;
        self.overlap_labelled += other.overlap_labelled;
        self.speakers_checked += other.speakers_checked;
        self.speakers_right += other.speakers_right;
    }

    /// Precision and recall with exact match.
    pub fn exact(&self) -> (f64, f64) {
        (
            ratio(self.exact, self.found),
            ratio(self.exact, self.labelled),
        )
    }

    /// Precision and recall with overlap match.
    pub fn overlap(&self) -> (f64, f64) {
        (
            ratio(self.overlap_found, self.found),
            ratio(self.overlap_labelled, self.labelled),
        )
    }

    /// The share of checked speakers that are right.
    pub fn speaker_accuracy(&self) -> f64 {
        ratio(self.speakers_right, self.speakers_checked)
    }
}

/// `part / whole`, or 1 when there is nothing to count (no suggestion is a perfect precision).
fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

/// The scores of a set of articles.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    /// Articles scored.
    pub articles: usize,
    /// Per kind, in [`Kind::ALL`] order.
    pub kinds: [Counts; 4],
    /// Claims in the top-ranked third of each article's suggested claims, and how many of
    /// them overlap a labelled claim.
    pub top_claims: usize,
    /// See `top_claims`.
    pub top_claims_right: usize,
}

impl Report {
    /// The counts for one kind.
    pub fn of(&self, kind: Kind) -> &Counts {
        &self.kinds[kind as usize]
    }

    /// Claims precision among the top-ranked third.
    pub fn claims_top_third(&self) -> f64 {
        ratio(self.top_claims_right, self.top_claims)
    }

    /// Adds one article's suggestions (byte spans) and labels (code points) to the scores.
    pub fn add(&mut self, text: &str, suggestions: &[Suggestion], labels: &[Label]) {
        let offsets = OffsetMap::new(text);
        let to_chars = |byte: usize| offsets.from_byte(text, byte, Unit::CodePoint).unwrap_or(0);
        self.articles += 1;
        for kind in Kind::ALL {
            let found: Vec<(usize, usize, &Suggestion)> = suggestions
                .iter()
                .filter(|s| s.kind == kind)
                .map(|s| (to_chars(s.span.start), to_chars(s.span.end), s))
                .collect();
            let gold: Vec<&Label> = labels.iter().filter(|l| l.kind == kind).collect();
            let overlaps = |a: (usize, usize), l: &Label| a.0 < l.end && l.start < a.1;
            let mut counts = Counts {
                found: found.len(),
                labelled: gold.len(),
                ..Counts::default()
            };
            for &(start, end, suggestion) in &found {
                if gold.iter().any(|l| l.start == start && l.end == end) {
                    counts.exact += 1;
                }
                let hits: Vec<&&Label> =
                    gold.iter().filter(|l| overlaps((start, end), l)).collect();
                if !hits.is_empty() {
                    counts.overlap_found += 1;
                }
                // The speaker of the label it overlaps most.
                if let Some(best) = hits
                    .iter()
                    .max_by_key(|l| end.min(l.end).saturating_sub(start.max(l.start)))
                    && !best.speaker.is_empty()
                {
                    counts.speakers_checked += 1;
                    if suggestion
                        .speaker
                        .as_deref()
                        .is_some_and(|s| speaker_matches(s, &best.speaker))
                    {
                        counts.speakers_right += 1;
                    }
                }
            }
            counts.overlap_labelled = gold
                .iter()
                .filter(|l| found.iter().any(|&(s, e, _)| overlaps((s, e), l)))
                .count();
            self.kinds[kind as usize].add(&counts);
        }
        // Claims: the top third by score.
        let mut claims: Vec<&Suggestion> = suggestions
            .iter()
            .filter(|s| s.kind == Kind::Claim)
            .collect();
        claims.sort_by_key(|s| (std::cmp::Reverse(s.score), s.span.start));
        let top = claims.len().div_ceil(3);
        self.top_claims += top;
        self.top_claims_right += claims[..top]
            .iter()
            .filter(|s| {
                let (start, end) = (to_chars(s.span.start), to_chars(s.span.end));
                labels
                    .iter()
                    .any(|l| l.kind == Kind::Claim && start < l.end && l.start < end)
            })
            .count();
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<11} {:>6} {:>6}   {:>9} {:>9}   {:>9} {:>9}   {:>8}",
            "kind", "found", "label", "exact P", "exact R", "overlap P", "overlap R", "speaker"
        )?;
        for kind in Kind::ALL {
            let c = self.of(kind);
            let (ep, er) = c.exact();
            let (op, or) = c.overlap();
            let speaker = if c.speakers_checked == 0 {
                "-".to_owned()
            } else {
                format!("{:.2}", c.speaker_accuracy())
            };
            writeln!(
                f,
                "{:<11} {:>6} {:>6}   {:>9.2} {:>9.2}   {:>9.2} {:>9.2}   {:>8}",
                kind.name(),
                c.found,
                c.labelled,
                ep,
                er,
                op,
                or,
                speaker
            )?;
        }
        write!(
            f,
            "claims precision in the top-ranked third: {:.2} ({} of {})",
            self.claims_top_third(),
            self.top_claims_right,
            self.top_claims
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;

    #[test]
    fn marked_sources_nest_and_count_code_points() {
        let (text, labels) =
            parse_marked("{{C|Ещё {{S|14 prisoners}} — {{Q=Franak Viačorka|“free”}}.}}\nX")
                .unwrap();
        assert_eq!(text, "Ещё 14 prisoners — “free”.\nX");
        assert_eq!(labels.len(), 3);
        assert_eq!(
            (labels[0].kind, labels[0].start, labels[0].end),
            (Kind::Claim, 0, 26)
        );
        assert_eq!((labels[1].start, labels[1].end), (4, 16));
        assert_eq!(labels[1].text, "14 prisoners");
        assert_eq!(labels[2].speaker, "Franak Viačorka");
        for bad in ["{{S|x", "x}}", "{{S x}}", "{{Z|x}}"] {
            assert!(parse_marked(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn label_files_round_trip_and_are_checked() {
        let (text, labels) = parse_marked("A {{S|14\tcats}}\n{{R=a\\b|ok}}").unwrap();
        let tsv = to_tsv(&labels);
        assert_eq!(from_tsv(&text, &tsv).unwrap(), labels);
        let wrong = tsv.replace("\t2\t", "\t3\t");
        assert!(matches!(
            from_tsv(&text, &wrong),
            Err(LabelError::Tsv { line: 2, .. })
        ));
        assert!(from_tsv(&text, "h\nstatistic\t1").is_err());
    }

    #[test]
    fn speakers_match_by_last_word_or_initials() {
        assert!(speaker_matches("Viačorka", "Franak Viačorka"));
        assert!(speaker_matches("the police spokesman", "spokesman"));
        assert!(speaker_matches("UN", "United Nations"));
        assert!(speaker_matches("Office for National Statistics", "ONS"));
        assert!(speaker_matches("Lukashenka's", "Aliaksandr Lukashenka"));
        assert!(!speaker_matches("Beshear", "Amanda Hatton"));
        assert!(!speaker_matches("", "Hatton"));
    }

    #[test]
    fn scores_exact_overlap_speakers_and_top_claims() {
        let (text, labels) = parse_marked(
            "{{C|{{S|14 cats}} left.}} {{C|{{Q=Ann Lee|“Go,”}} she said.}} Rain fell.",
        )
        .unwrap();
        let at = |needle: &str| {
            let start = text.find(needle).unwrap();
            Span::new(start, start + needle.len())
        };
        let suggestion = |kind, span, speaker: Option<&str>, score| Suggestion {
            kind,
            span,
            reason: String::new(),
            speaker: speaker.map(str::to_owned),
            score,
        };
        let found = [
            suggestion(Kind::Statistic, at("14"), None, 0),
            suggestion(Kind::Quote, at("“Go,”"), Some("Lee"), 0),
            suggestion(Kind::Claim, at("Rain fell."), None, 9),
            suggestion(Kind::Claim, at("14 cats left."), None, 5),
            suggestion(Kind::Claim, at("“Go,” she said."), None, 1),
        ];
        let mut report = Report::default();
        report.add(&text, &found, &labels);
        let stats = report.of(Kind::Statistic);
        assert_eq!(
            (stats.exact, stats.overlap_found, stats.overlap_labelled),
            (0, 1, 1)
        );
        let quotes = report.of(Kind::Quote);
        assert_eq!(quotes.exact(), (1.0, 1.0));
        assert_eq!(quotes.speaker_accuracy(), 1.0);
        assert_eq!(
            (report.top_claims, report.top_claims_right),
            (1, 0),
            "the top one is wrong"
        );
        assert_eq!(report.of(Kind::Claim).overlap(), (2.0 / 3.0, 1.0));
        assert!(
            report
                .to_string()
                .contains("claims precision in the top-ranked third: 0.00")
        );
    }
}
