//! doccano JSONL → sessions, one per line. A line is `{"text", "label": [[start, end,
//! "Label"], …]}` (doccano 1.8's sequence-labelling export; `data` for `text`, and `labels`
//! or `entities` with `{start_offset, end_offset, label}` objects are read too), offsets in
//! UTF-16 code units. The `factmark` column Factmark writes (see [`crate::export`]) brings
//! back the document's details and each span's fields, matched by start, end and label; a
//! record whose span was deleted in doccano is not brought back. Everything left out is
//! reported as `line N, label K [start, end, "Label"]`.

use std::collections::{HashMap, VecDeque};

use serde::Deserialize;
use serde_json::Value;

use super::build::{Draft, describe, shown};
use super::{ImportOptions, Imported, InteropError};
use crate::export::Loss;
use crate::export::record::{DocumentMeta, Record};
use crate::model::{ArticleDetails, Unit};

/// The `factmark` column.
#[derive(Deserialize)]
struct Meta {
    #[serde(flatten)]
    document: DocumentMeta<'static>,
    #[serde(default)]
    annotations: Vec<Record<'static>>,
}

/// Reads the JSONL `src`.
///
/// # Errors
///
/// [`InteropError::Malformed`] when no line is a doccano document (naming the first bad
/// line); a bad line among good ones is left out and reported instead.
pub fn import(src: &str, options: &ImportOptions) -> Result<Imported, InteropError> {
    let mut imported = Imported::default();
    let mut first_failure = None;
    for (index, line) in src.lines().enumerate() {
        let number = index + 1;
        if line.trim().is_empty() {
            continue;
        }
        match document(line, number, options) {
            Ok((name, session, left_out)) => {
                imported.sessions.push((name, session));
                imported.left_out.extend(left_out);
            }
            Err(what) => {
                let what = format!("line {number}: {what}; the document is left out");
                first_failure.get_or_insert_with(|| what.clone());
                imported.left_out.push(Loss {
                    document: format!("line {number}"),
                    annotation: None,
                    what,
                });
            }
        }
    }
    if imported.sessions.is_empty() {
        return Err(InteropError::Malformed(first_failure.unwrap_or_else(|| {
            "the file holds no document (a doccano file has one JSON object per line)".to_owned()
        })));
    }
    Ok(imported)
}

/// One line as a session, or why the line is no document at all.
fn document(
    line: &str,
    number: usize,
    options: &ImportOptions,
) -> Result<(String, crate::model::Session, Vec<Loss>), String> {
    let value: Value = serde_json::from_str(line).map_err(|error| {
        format!(
            "not valid JSON at column {} ({error}); a doccano file has one JSON object per line",
            error.column()
        )
    })?;
    let Value::Object(mut object) = value else {
        return Err(format!(
            "expected a JSON object {{\"text\": …, \"label\": […]}}, found {}",
            describe(&value)
        ));
    };
    let text = match object.remove("text").or_else(|| object.remove("data")) {
        Some(Value::String(text)) => text,
        Some(other) => return Err(format!("\"text\" is {}, not a string", describe(&other))),
        None => return Err("it has no \"text\"".to_owned()),
    };
    let mut losses_before = Vec::new();
    let meta = match object.remove(crate::export::doccano::META) {
        None | Some(Value::Null) => None,
        Some(value) => match serde_json::from_value::<Meta>(value) {
            Ok(meta) => Some(meta),
            Err(error) => {
                losses_before.push(format!(
                    "the \"factmark\" column is not what Factmark writes ({error}); the spans are \
                     imported without their fields"
                ));
                None
            }
        },
    };
    let fallback = match object.get("id") {
        Some(Value::Number(id)) => format!("doccano-{id}"),
        Some(Value::String(id)) if !id.trim().is_empty() => id.clone(),
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
    let mut draft = Draft::new(name, &document.title, text, details, options)?;
    for what in losses_before {
        draft.leave_out(&format!("line {number}"), what);
    }
    for key in ["Comments", "comments"] {
        if let Some(Value::Array(comments)) = object.get(key)
            && !comments.is_empty()
        {
            draft.leave_out(
                &format!("line {number}"),
                format!(
                    "{} doccano comment{} on the whole document {} not brought in (a session \
                     has notes on annotations only)",
                    comments.len(),
                    if comments.len() == 1 { "" } else { "s" },
                    if comments.len() == 1 { "is" } else { "are" }
                ),
            );
        }
    }
    let mut records: HashMap<(usize, usize, String), VecDeque<Record<'static>>> = HashMap::new();
    for record in annotations {
        records
            .entry((record.start, record.end, record.label.to_lowercase()))
            .or_default()
            .push_back(record);
    }
    let labels = ["label", "labels", "entities"]
        .into_iter()
        .find_map(|key| object.remove(key));
    let labels = match labels {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(labels)) => labels,
        Some(other) => {
            draft.leave_out(
                &format!("line {number}"),
                format!(
                    "\"label\" is {}, not a list of [start, end, \"Label\"]; no span is imported",
                    describe(&other)
                ),
            );
            Vec::new()
        }
    };
    for (k, entry) in labels.iter().enumerate() {
        let place = format!("line {number}, label {}", k + 1);
        let Some((start, end, label)) = span_entry(entry) else {
            draft.leave_out(
                &place,
                format!(
                    "expected [start, end, \"Label\"] with whole numbers ≥ 0, found {}",
                    shown(&entry.to_string())
                ),
            );
            continue;
        };
        let place = format!("{place} [{start}, {end}, \"{}\"]", shown(label));
        let Some(tag) = draft.tag_for(label) else {
            draft.leave_out(&place, Draft::unknown_label(label));
            continue;
        };
        let span = match draft.span(start, end, Unit::Utf16) {
            Ok(span) => span,
            Err(why) => {
                draft.leave_out(&place, why);
                continue;
            }
        };
        let record = usize::try_from(start)
            .ok()
            .zip(usize::try_from(end).ok())
            .and_then(|(s, e)| records.get_mut(&(s, e, label.to_lowercase())))
            .and_then(VecDeque::pop_front);
        let body = draft.body(&place, tag, record.as_ref());
        let quoted = record.as_ref().map_or("", |r| &*r.text);
        draft.add(&place, record.as_ref().map(|r| r.id), span, body, quoted);
    }
    draft.finish()
}

/// `[start, end, "Label"]` or `{start_offset, end_offset, label}` (also `start`, `end`).
fn span_entry(entry: &Value) -> Option<(u64, u64, &str)> {
    match entry {
        Value::Array(items) if items.len() == 3 => {
            Some((items[0].as_u64()?, items[1].as_u64()?, items[2].as_str()?))
        }
        Value::Object(map) => {
            let number = |keys: [&str; 2]| keys.iter().find_map(|k| map.get(*k)?.as_u64());
            Some((
                number(["start_offset", "start"])?,
                number(["end_offset", "end"])?,
                map.get("label")?.as_str()?,
            ))
        }
        _ => None,
    }
}
