//! One annotation with every field, as the JSON exchange formats carry it beside their own
//! span lists (doccano's meta, spaCy's span objects) and the CSV rows spell it out; and the
//! document's own details. The same structs read it back on import, so a field written here
//! is a field the importers understand. Offsets are in the target format's unit, converted
//! only through [`crate::model::OffsetMap`].

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::model::{Annotation, Session, Source, Status, Unit};

/// Every field of one annotation. `start`/`end` count in the unit of the file it is in.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record<'a> {
    /// The annotation's id in its session.
    pub id: u64,
    /// Where it starts, in the format's unit.
    pub start: usize,
    /// Where it ends (exclusive), in the format's unit.
    pub end: usize,
    /// The tag (`Claim`, `Statistic`, `Quote`).
    #[serde(borrow)]
    pub label: Cow<'a, str>,
    /// The annotated text, so any reader can check the offsets.
    #[serde(default, borrow)]
    pub text: Cow<'a, str>,
    /// The analyst's note (may span lines).
    #[serde(default, borrow)]
    pub note: Cow<'a, str>,
    /// `To check`, `Checking`, `Checked` or `Not checkable` ([`Status::label`]).
    #[serde(default, borrow)]
    pub status: Cow<'a, str>,
    /// The rating given, by name, or `null`.
    #[serde(default, borrow)]
    pub verdict: Option<Cow<'a, str>>,
    /// Who made the claim or said the quote.
    #[serde(default, borrow)]
    pub claimant: Cow<'a, str>,
    /// What it was checked against.
    #[serde(default, borrow)]
    pub sources: Vec<SourceRecord<'a>>,
    /// Who made the annotation.
    #[serde(default, borrow)]
    pub analyst: Cow<'a, str>,
    /// When it was made (RFC 3339 UTC), or `null`.
    #[serde(default, borrow)]
    pub created: Option<Cow<'a, str>>,
    /// When it last changed (RFC 3339 UTC), or `null`.
    #[serde(default, borrow)]
    pub changed: Option<Cow<'a, str>>,
}

/// One source of a [`Record`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRecord<'a> {
    /// The link, or empty.
    #[serde(default, borrow)]
    pub url: Cow<'a, str>,
    /// What it is, or empty.
    #[serde(default, borrow)]
    pub citation: Cow<'a, str>,
    /// A primary source.
    #[serde(default)]
    pub primary: bool,
}

/// The document an exported line or task is about: its name in the export and the article's
/// title and details.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentMeta<'a> {
    /// The document's name in the export (the session file's stem, made unique).
    #[serde(default, borrow)]
    pub document: Cow<'a, str>,
    /// The article's title.
    #[serde(default, borrow)]
    pub title: Cow<'a, str>,
    /// Where the article is online.
    #[serde(default, borrow)]
    pub url: Cow<'a, str>,
    /// The outlet.
    #[serde(default, borrow)]
    pub publisher: Cow<'a, str>,
    /// The byline.
    #[serde(default, borrow)]
    pub author: Cow<'a, str>,
    /// When it was published.
    #[serde(default, borrow)]
    pub published: Cow<'a, str>,
}

impl<'a> DocumentMeta<'a> {
    /// The meta of `session`, exported as `name`.
    pub fn of(name: &'a str, session: &'a Session) -> Self {
        let details = session.details();
        Self {
            document: Cow::Borrowed(name),
            title: Cow::Borrowed(session.article().title()),
            url: Cow::Borrowed(&details.url),
            publisher: Cow::Borrowed(&details.publisher),
            author: Cow::Borrowed(&details.author),
            published: Cow::Borrowed(&details.published),
        }
    }
}

/// `annotation`'s `[start, end)` counted in `unit`. `None` only for an annotation that is not
/// on character boundaries of its session's text, which a valid session never holds.
pub fn offsets(session: &Session, annotation: &Annotation, unit: Unit) -> Option<(usize, usize)> {
    let article = session.article();
    let (map, text) = (article.offsets(), article.text());
    Some((
        map.from_byte(text, annotation.span.start, unit)?,
        map.from_byte(text, annotation.span.end, unit)?,
    ))
}

impl<'a> Record<'a> {
    /// Every field of `annotation`, with offsets in `unit`; `None` as for [`offsets`].
    pub fn of(session: &'a Session, annotation: &'a Annotation, unit: Unit) -> Option<Self> {
        let (start, end) = offsets(session, annotation, unit)?;
        let body = &annotation.body;
        Some(Self {
            id: annotation.id.0,
            start,
            end,
            label: Cow::Borrowed(body.tag.label()),
            text: Cow::Borrowed(session.text_of(annotation)),
            note: Cow::Borrowed(&body.note),
            status: Cow::Borrowed(body.status.label()),
            verdict: body.verdict.as_deref().map(Cow::Borrowed),
            claimant: Cow::Borrowed(&body.claimant),
            sources: body.sources.iter().map(SourceRecord::of).collect(),
            analyst: Cow::Borrowed(&body.analyst),
            created: body.created.as_ref().map(|s| Cow::Borrowed(s.as_str())),
            changed: body.changed.as_ref().map(|s| Cow::Borrowed(s.as_str())),
        })
    }
}

impl<'a> SourceRecord<'a> {
    /// The record of `source`.
    pub fn of(source: &'a Source) -> Self {
        Self {
            url: Cow::Borrowed(&source.url),
            citation: Cow::Borrowed(&source.citation),
            primary: source.primary,
        }
    }
}

/// The status named `name`: its label (`Not checkable`) or its session-file name
/// (`NotCheckable`), case-insensitively; `None` for anything else.
pub fn status_named(name: &str) -> Option<Status> {
    let name = name.trim();
    Status::ALL.into_iter().find(|status| {
        status.label().eq_ignore_ascii_case(name) || status.file_name().eq_ignore_ascii_case(name)
    })
}

/// Suffix that marks a primary source in its one-line form.
const PRIMARY: &str = " (primary)";

/// A source as one line of text, for formats whose field is plain text (a CSV cell, a Label
/// Studio text area): `citation <url>`, either part alone when the other is empty, then
/// ` (primary)` for a primary source. [`parse_source_line`] reads it back.
pub fn source_line(source: &Source) -> String {
    let mut line = match (source.citation.is_empty(), source.url.is_empty()) {
        (false, false) => format!("{} <{}>", source.citation, source.url),
        (false, true) => source.citation.clone(),
        (true, _) => format!("<{}>", source.url),
    };
    if source.primary {
        line.push_str(PRIMARY);
    }
    line
}

/// Reads a line written by [`source_line`]. A line in another shape becomes a citation (a
/// bare web address becomes the URL), so nothing typed in another tool is lost; a link that
/// is not a web address stays in the citation.
pub fn parse_source_line(line: &str) -> Source {
    let mut rest = line.trim();
    let primary = rest.ends_with(PRIMARY.trim_start());
    if primary {
        rest = rest[..rest.len() - PRIMARY.trim_start().len()].trim_end();
    }
    let (citation, url) = match rest.strip_suffix('>').and_then(|r| r.rsplit_once('<')) {
        Some((citation, url)) if crate::model::url_problem(url).is_none() => {
            (citation.trim_end(), url)
        }
        _ if crate::model::url_problem(rest).is_none() => ("", rest),
        _ => (rest, ""),
    };
    Source {
        url: url.to_owned(),
        citation: citation.to_owned(),
        primary,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_lines_round_trip() {
        let sources = [
            Source {
                url: "https://spring96.org/en".into(),
                citation: "Viasna, list <2025>".into(),
                primary: true,
            },
            Source {
                url: String::new(),
                citation: "BelTA, p. 2".into(),
                primary: false,
            },
            Source {
                url: "https://example.org/a".into(),
                citation: String::new(),
                primary: true,
            },
        ];
        for source in sources {
            assert_eq!(parse_source_line(&source_line(&source)), source);
        }
        assert_eq!(
            parse_source_line("https://example.org/x"),
            Source {
                url: "https://example.org/x".into(),
                ..Source::default()
            }
        );
        assert_eq!(
            parse_source_line("see <not a link>"),
            Source {
                citation: "see <not a link>".into(),
                ..Source::default()
            }
        );
    }

    #[test]
    fn statuses_by_label_or_file_name() {
        assert_eq!(status_named("not checkable"), Some(Status::NotCheckable));
        assert_eq!(status_named("NotCheckable"), Some(Status::NotCheckable));
        assert_eq!(status_named(" Checked "), Some(Status::Checked));
        assert_eq!(status_named("done"), None);
    }
}
