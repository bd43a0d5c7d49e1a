//! doccano JSONL → sessions, one per line. A line is `{"text", "label": [[start, end,
//! "Label"], …]}` (doccano 1.8's sequence-labelling export; `data` for `text`, and `labels`
//! or `entities` with `{start_offset, end_offset, label}` objects are read too), offsets in
//! UTF-16 code units. The `factmark` column Factmark writes (see [`crate::export`]) brings
//! back the document's details and each span's fields, matched by start, end and label; a
//! record whose span was deleted in doccano is not brought back. Everything left out is
//! reported as `line N, label K [start, end, "Label"]`.

use std::borrow::Cow;
use std::collections::{HashMap, VecDeque};

use serde::Deserialize;
use serde_json::Value;
use serde_json::value::RawValue;

use super::build::{Draft, Read, describe, gather, is_object, shown};
use super::{ImportOptions, Imported, InteropError};
use crate::export::record::{DocumentMeta, Record};
use crate::model::{ArticleDetails, Unit};

/// The `factmark` column.
#[derive(Deserialize)]
struct Meta<'a> {
    #[serde(flatten, borrow)]
    document: DocumentMeta<'a>,
    #[serde(default, borrow)]
    annotations: Vec<Record<'a>>,
}

type Raw<'a> = Option<&'a RawValue>;

/// The columns of a line Factmark reads; each is parsed when used.
#[derive(Deserialize)]
struct Line<'a> {
    #[serde(borrow, default)]
    text: Raw<'a>,
    #[serde(borrow, default)]
    data: Raw<'a>,
    #[serde(borrow, default)]
    label: Raw<'a>,
    #[serde(borrow, default)]
    labels: Raw<'a>,
    #[serde(borrow, default)]
    entities: Raw<'a>,
    #[serde(borrow, default)]
    factmark: Raw<'a>,
    #[serde(borrow, default)]
    id: Raw<'a>,
    #[serde(borrow, default, rename = "Comments")]
    comments_export: Raw<'a>,
    #[serde(borrow, default)]
    comments: Raw<'a>,
}

/// A span as `{start_offset, end_offset, label}` (also `start`, `end`).
#[derive(Deserialize)]
struct SpanObject<'a> {
    #[serde(alias = "start")]
    start_offset: u64,
    #[serde(alias = "end")]
    end_offset: u64,
    #[serde(borrow)]
    label: Cow<'a, str>,
}

/// What `raw` is, for messages (parsed again only on this error path).
fn what(raw: &str) -> String {
    serde_json::from_str::<Value>(raw).map_or_else(|_| "not JSON".to_owned(), |v| describe(&v))
}

/// Reads the JSONL `src`.
///
/// # Errors
///
/// [`InteropError::Malformed`] when no line is a doccano document (naming the first bad
/// line); a bad line among good ones is left out and reported instead.
pub fn import(src: &str, options: &ImportOptions) -> Result<Imported, InteropError> {
    let lines = src
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(index, line)| {
            (
                format!("line {}", index + 1),
                document(line, index + 1, options),
            )
        });
    gather(
        lines,
        "document",
        "the file holds no document (a doccano file has one JSON object per line)",
    )
}

/// One line as a session, or why the line is no document at all.
fn document(line: &str, number: usize, options: &ImportOptions) -> Read {
    if !is_object(line) && serde_json::from_str::<&RawValue>(line).is_ok() {
        return Err(format!(
            "expected a JSON object {{\"text\": …, \"label\": […]}}, found {}",
            what(line)
        ));
    }
    let columns: Line<'_> = serde_json::from_str(line).map_err(|error| {
        if error.is_data() {
            match what(line).as_str() {
                "an object" => format!("it is not a doccano line ({error})"),
                found => {
                    format!("expected a JSON object {{\"text\": …, \"label\": […]}}, found {found}")
                }
            }
        } else {
            format!(
                "not valid JSON at column {} ({error}); a doccano file has one JSON object per \
                 line",
                error.column()
            )
        }
    })?;
    let text = match columns.text.or(columns.data) {
        Some(raw) => serde_json::from_str::<String>(raw.get())
            .map_err(|_| format!("\"text\" is {}, not a string", what(raw.get())))?,
        None => return Err("it has no \"text\"".to_owned()),
    };
    let mut unreadable_meta = None;
    let meta = match columns.factmark {
        None => None,
        Some(raw) => match serde_json::from_str::<Option<Meta<'_>>>(raw.get()) {
            Ok(meta) => meta,
            Err(error) => {
                unreadable_meta = Some(format!(
                    "the \"factmark\" column is not what Factmark writes ({error}); the spans \
                     are imported without their fields"
                ));
                None
            }
        },
    };
    let fallback = match columns
        .id
        .map(|raw| serde_json::from_str::<Value>(raw.get()))
    {
        Some(Ok(Value::Number(id))) => format!("doccano-{id}"),
        Some(Ok(Value::String(id))) if !id.trim().is_empty() => id,
        _ => format!("line-{number}"),
    };
    let (document, annotations) = meta.map_or_else(
        || (DocumentMeta::default(), Vec::new()),
        |m| (m.document, m.annotations),
    );
    let name = if document.document.trim().is_empty() {
        fallback
    } else {
        document.document.to_string()
    };
    let details = ArticleDetails {
        url: document.url.to_string(),
        publisher: document.publisher.to_string(),
        author: document.author.to_string(),
        published: document.published.to_string(),
    };
    let mut draft = Draft::new(name, &document.title, text, &details, options)?;
    let here = format!("line {number}");
    if let Some(what) = unreadable_meta {
        draft.leave_out(&here, what);
    }
    for raw in [columns.comments_export, columns.comments]
        .into_iter()
        .flatten()
    {
        let count = serde_json::from_str::<Vec<&RawValue>>(raw.get()).map_or(0, |c| c.len());
        if count > 0 {
            let (s, are) = if count == 1 { ("", "is") } else { ("s", "are") };
            draft.leave_out(
                &here,
                format!(
                    "{count} doccano comment{s} on the whole document {are} not brought in (a \
                     session has notes on annotations only)"
                ),
            );
        }
    }
    // The records by span; a label finds its record by start, end and label.
    let mut records: HashMap<(u64, u64), VecDeque<Record<'_>>> = HashMap::new();
    for record in annotations {
        records
            .entry((record.start as u64, record.end as u64))
            .or_default()
            .push_back(record);
    }
    let entries = match columns.label.or(columns.labels).or(columns.entities) {
        None => Vec::new(),
        Some(raw) if raw.get() == "null" => Vec::new(),
        Some(raw) => match serde_json::from_str::<Vec<&RawValue>>(raw.get()) {
            Ok(entries) => entries,
            Err(_) => {
                draft.leave_out(
                    &here,
                    format!(
                        "\"label\" is {}, not a list of [start, end, \"Label\"]; no span is \
                         imported",
                        what(raw.get())
                    ),
                );
                Vec::new()
            }
        },
    };
    for (k, entry) in entries.into_iter().enumerate() {
        let place = format!("line {number}, label {}", k + 1);
        let Some((start, end, label)) = span_entry(entry.get()) else {
            draft.leave_out(
                &place,
                format!(
                    "expected [start, end, \"Label\"] with whole numbers ≥ 0, found {}",
                    shown(entry.get())
                ),
            );
            continue;
        };
        let place = format!("{place} [{start}, {end}, \"{}\"]", shown(&label));
        let Some(tag) = draft.tag_for(&label) else {
            draft.leave_out(&place, Draft::unknown_label(&label));
            continue;
        };
        let span = match draft.span(start, end, Unit::Utf16) {
            Ok(span) => span,
            Err(why) => {
                draft.leave_out(&place, why);
                continue;
            }
        };
        let record = records.get_mut(&(start, end)).and_then(|same| {
            let at = same
                .iter()
                .position(|r| r.label.eq_ignore_ascii_case(&label))?;
            same.remove(at)
        });
        let body = draft.body(&place, tag, record.as_ref());
        let quoted = record.as_ref().map_or("", |r| &*r.text);
        draft.add(&place, record.as_ref().map(|r| r.id), span, body, quoted);
    }
    draft.finish()
}

/// `[start, end, "Label"]` or `{start_offset, end_offset, label}` (also `start`, `end`).
fn span_entry(entry: &str) -> Option<(u64, u64, Cow<'_, str>)> {
    serde_json::from_str::<(u64, u64, Cow<'_, str>)>(entry)
        .ok()
        .or_else(|| {
            let span: SpanObject<'_> = serde_json::from_str(entry)
                .ok()
                .filter(|_| is_object(entry))?;
            Some((span.start_offset, span.end_offset, span.label))
        })
}
