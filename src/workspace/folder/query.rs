//! A workspace search query: words to find, and filters on annotations by tag, status,
//! verdict, claimant, analyst and date ("every False claim by Lukashenka this month" is
//! `claim verdict:False by:Lukashenka date:2026-05`). Parsed from one line of text or built
//! field by field; matching an annotation's body against it is here too.

use crate::model::{Body, Status, Tag};

/// What to search for across a folder. Empty fields match everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    /// Text to find (any case) in the articles, and in annotations' text, notes, claimants
    /// and sources.
    pub text: String,
    /// Only annotations with one of these tags.
    pub tags: Vec<Tag>,
    /// Only annotations with one of these statuses.
    pub statuses: Vec<Status>,
    /// Only annotations with this verdict (its name, any case).
    pub verdict: String,
    /// Only annotations whose claimant contains this (any case).
    pub claimant: String,
    /// Only annotations made by an analyst whose name contains this (any case).
    pub analyst: String,
    /// Only annotations last changed on or after this date: `YYYY`, `YYYY-MM` or
    /// `YYYY-MM-DD` (a month includes all its days).
    pub from: String,
    /// Only annotations last changed on or before this date (same forms as `from`).
    pub to: String,
}

/// Why a query line could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    /// A `tag:` value that is no tag.
    #[error("\"{0}\" is not a tag: use claim, statistic or quote")]
    Tag(String),
    /// A `status:` value that is no status.
    #[error("\"{0}\" is not a status: use to-check, checking, checked or not-checkable")]
    Status(String),
    /// A date that is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[error("\"{0}\" is not a date: write 2026, 2026-05 or 2026-05-31")]
    Date(String),
}

impl Query {
    /// Reads a search line: `key:value` filters (`tag:`, `status:`, `verdict:`, `claimant:`
    /// or `by:`, `analyst:`, `from:`, `to:`, `date:` for both ends), a bare tag name
    /// (`claim`, `claims`, `statistic`, `quote`) as a tag filter, and every other word as
    /// text to find. Values with spaces go in double quotes: `verdict:"Mostly true"`; a word
    /// in double quotes is always text (`"claims"` finds the word).
    ///
    /// # Errors
    ///
    /// A [`QueryError`] for an unknown tag or status, or a malformed date.
    pub fn parse(line: &str) -> Result<Self, QueryError> {
        let mut query = Self::default();
        let mut words = Vec::new();
        for (token, literal) in tokens(line) {
            let Some((key, value)) = token.split_once(':').filter(|(k, v)| {
                !literal && !v.is_empty() && KEYS.contains(&k.to_ascii_lowercase().as_str())
            }) else {
                match tag_named(&token) {
                    Some(tag) if !literal => query.tags.push(tag),
                    _ => words.push(token),
                }
                continue;
            };
            let value = value.to_owned();
            match key.to_ascii_lowercase().as_str() {
                "tag" => query
                    .tags
                    .push(tag_named(&value).ok_or(QueryError::Tag(value))?),
                "status" => query
                    .statuses
                    .push(status_named(&value).ok_or(QueryError::Status(value))?),
                "verdict" => query.verdict = value,
                "claimant" | "by" => query.claimant = value,
                "analyst" => query.analyst = value,
                "from" => query.from = date(value)?,
                "to" => query.to = date(value)?,
                _ => {
                    let value = date(value)?;
                    query.from.clone_from(&value);
                    query.to = value;
                }
            }
        }
        query.text = words.join(" ");
        Ok(query)
    }

    /// True when any annotation filter is set: then only annotations are results, not text
    /// found elsewhere in the articles.
    pub fn filters_annotations(&self) -> bool {
        !(self.tags.is_empty()
            && self.statuses.is_empty()
            && self.verdict.trim().is_empty()
            && self.claimant.trim().is_empty()
            && self.analyst.trim().is_empty()
            && self.from.is_empty()
            && self.to.is_empty())
    }

    /// True when nothing at all is asked (no text, no filter).
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty() && !self.filters_annotations()
    }

    /// True when `body` passes every filter (the text is matched apart, see
    /// [`Query::body_has_text`]).
    pub fn accepts(&self, body: &Body) -> bool {
        let contains = |field: &str, wanted: &str| {
            wanted.trim().is_empty() || field.to_lowercase().contains(&wanted.trim().to_lowercase())
        };
        (self.tags.is_empty() || self.tags.contains(&body.tag))
            && (self.statuses.is_empty() || self.statuses.contains(&body.status))
            && (self.verdict.trim().is_empty()
                || body
                    .verdict
                    .as_deref()
                    .is_some_and(|v| v.to_lowercase() == self.verdict.trim().to_lowercase()))
            && contains(&body.claimant, &self.claimant)
            && contains(&body.analyst, &self.analyst)
            && self.in_dates(body)
    }

    /// True when the body was last changed (else created) within `from..=to`; a body with
    /// no time passes only when no date is asked.
    fn in_dates(&self, body: &Body) -> bool {
        if self.from.is_empty() && self.to.is_empty() {
            return true;
        }
        let Some(stamp) = body.changed.as_ref().or(body.created.as_ref()) else {
            return false;
        };
        let day = stamp.date();
        let cut = |bound: &str| &day[..bound.len().min(day.len())];
        (self.from.is_empty() || cut(&self.from) >= self.from.as_str())
            && (self.to.is_empty() || cut(&self.to) <= self.to.as_str())
    }

    /// True when `folded_text` (already lower-cased) occurs in the body's note, claimant,
    /// verdict or sources.
    pub fn body_has_text(body: &Body, folded_text: &str) -> bool {
        let has = |field: &str| field.to_lowercase().contains(folded_text);
        has(&body.note)
            || has(&body.claimant)
            || body.verdict.as_deref().is_some_and(has)
            || body.sources.iter().any(|s| has(&s.citation) || has(&s.url))
    }
}

/// The `key:` filters a query line knows.
const KEYS: [&str; 9] = [
    "tag", "status", "verdict", "claimant", "by", "analyst", "from", "to", "date",
];

/// The words of a line; a double-quoted stretch is one word (quotes removed), also after
/// `key:`. Each comes with whether it began with a quote: such a word is always text.
fn tokens(line: &str) -> Vec<(String, bool)> {
    let mut tokens = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    let mut literal = false;
    for c in line.chars() {
        match c {
            '"' => {
                literal |= current.is_empty() && !quoted;
                quoted = !quoted;
            }
            c if c.is_whitespace() && !quoted => {
                if !current.is_empty() {
                    tokens.push((std::mem::take(&mut current), literal));
                }
                literal = false;
            }
            c => current.push(c),
        }
    }
    if !current.is_empty() {
        tokens.push((current, literal));
    }
    tokens
}

/// The tag called `name` (any case, singular or plural).
fn tag_named(name: &str) -> Option<Tag> {
    let name = name.to_lowercase();
    let singular = match name.as_str() {
        "statistics" => "statistic",
        other => other.strip_suffix('s').unwrap_or(other),
    };
    Tag::ALL
        .into_iter()
        .find(|t| t.label().eq_ignore_ascii_case(singular) || t.label().eq_ignore_ascii_case(&name))
}

/// The status called `name`: its label or file name, any case, spaces or dashes ignored.
fn status_named(name: &str) -> Option<Status> {
    let squash = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
            .to_lowercase()
    };
    let wanted = squash(name);
    Status::ALL
        .into_iter()
        .find(|s| squash(s.label()) == wanted || squash(s.file_name()) == wanted)
}

/// Checks a date bound: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
fn date(value: String) -> Result<String, QueryError> {
    let b = value.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let ok = match b.len() {
        4 => digits(0..4),
        7 => digits(0..4) && b[4] == b'-' && digits(5..7),
        10 => digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10),
        _ => false,
    };
    if ok {
        Ok(value)
    } else {
        Err(QueryError::Date(value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Stamp;

    #[test]
    fn a_line_becomes_filters_and_words() {
        let query =
            Query::parse("claim verdict:False by:Lukashenka date:2026-05 prisoners released")
                .unwrap();
        assert_eq!(query.tags, [Tag::Claim]);
        assert_eq!(query.verdict, "False");
        assert_eq!(query.claimant, "Lukashenka");
        assert_eq!(
            (query.from.as_str(), query.to.as_str()),
            ("2026-05", "2026-05")
        );
        assert_eq!(query.text, "prisoners released");

        let query =
            Query::parse("verdict:\"Mostly true\" status:not-checkable tag:Quotes \"claim text\"")
                .unwrap();
        assert_eq!(query.verdict, "Mostly true");
        assert_eq!(query.statuses, [Status::NotCheckable]);
        assert_eq!(query.tags, [Tag::Quote]);
        assert_eq!(
            query.text, "claim text",
            "a quoted phrase is text, even a tag's name"
        );
        assert!(Query::parse("url: http://x").unwrap().text.contains("url:"));

        assert_eq!(
            Query::parse("tag:clam"),
            Err(QueryError::Tag("clam".into()))
        );
        assert!(matches!(
            Query::parse("status:done"),
            Err(QueryError::Status(_))
        ));
        assert!(matches!(Query::parse("from:May"), Err(QueryError::Date(_))));
        assert!(Query::parse("").unwrap().is_empty());
    }

    #[test]
    fn filters_match_bodies() {
        let mut body = Body::made(
            Tag::Claim,
            "Ana Ivanova",
            Stamp::parse("2026-05-14T09:00:00Z").unwrap(),
        );
        body.verdict = Some("False".into());
        body.claimant = "Alexander Lukashenka".into();
        body.status = Status::Checked;
        let query =
            Query::parse("claims verdict:false by:lukashenka date:2026-05 analyst:ana").unwrap();
        assert!(query.accepts(&body));
        for miss in [
            "quote",
            "verdict:True",
            "by:Tsikhanouskaya",
            "date:2026-04",
            "from:2026-05-15",
            "to:2026-05-13",
            "to:2025",
            "status:checking",
            "analyst:bo",
        ] {
            assert!(!Query::parse(miss).unwrap().accepts(&body), "{miss}");
        }
        for hit in [
            "from:2026",
            "to:2026-05-14",
            "from:2026-05-14",
            "status:Checked",
        ] {
            assert!(Query::parse(hit).unwrap().accepts(&body), "{hit}");
        }
        body.changed = None;
        body.created = None;
        assert!(
            !Query::parse("date:2026").unwrap().accepts(&body),
            "no time, no date match"
        );
        assert!(Query::body_has_text(&body, "lukashenka"));
        assert!(!Query::body_has_text(&body, "minsk"));
    }
}
