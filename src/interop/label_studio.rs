//! Label Studio JSON → sessions, one per task: a list of tasks (Label Studio's JSON export,
//! or a task file for import with `predictions`) or one task. The text is `data.text`; every
//! `labels` region of every annotation and prediction (`completions` too, from older
//! versions) becomes an annotation per label, offsets in code points. Per-region results with
//! the region's id set its fields: Factmark's own controls (`status`, `verdict`, `claimant`,
//! `sources`, `note`, see [`crate::export::label_studio`]) their field, any other control a
//! line of the note (`comment: too vague`), so nothing typed in Label Studio is lost.
//! `data.factmark` brings back who made each region and when. Results that are not about a
//! text span (a choice about the whole task, a relation, an image region) are reported as
//! `task 2, annotation 1, result 5`.
//!
//! The file is read lazily: each level is split into raw JSON slices and only what is used is
//! parsed, into borrowed structs, so a 20,000-region export imports without building a tree
//! of every object; a part of the wrong shape is parsed again as a JSON value to say what it
//! is instead.

use std::borrow::Cow;
use std::collections::HashMap;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::build::{Draft, Read, describe, gather, is_object, shown};
use super::{ImportOptions, Imported, InteropError};
use crate::export::label_studio::{
    CLAIMANT, META, NOTE, REGION_PREFIX, SOURCES, STATUS, UNIT, VERDICT,
};
use crate::export::record::{Record, SourceRecord, parse_source_line};
use crate::model::ArticleDetails;

type Raw<'a> = Option<&'a RawValue>;

#[derive(Deserialize)]
struct Task<'a> {
    #[serde(borrow, default)]
    data: Raw<'a>,
    #[serde(borrow, default)]
    id: Raw<'a>,
    #[serde(borrow, default)]
    annotations: Raw<'a>,
    #[serde(borrow, default)]
    completions: Raw<'a>,
    #[serde(borrow, default)]
    predictions: Raw<'a>,
}

#[derive(Deserialize)]
struct Data<'a> {
    #[serde(borrow, default)]
    text: Raw<'a>,
    #[serde(borrow, default)]
    document: Raw<'a>,
    #[serde(borrow, default)]
    title: Raw<'a>,
    #[serde(borrow, default)]
    url: Raw<'a>,
    #[serde(borrow, default)]
    publisher: Raw<'a>,
    #[serde(borrow, default)]
    author: Raw<'a>,
    #[serde(borrow, default)]
    published: Raw<'a>,
    #[serde(borrow, default)]
    factmark: Raw<'a>,
}

/// Who made a region and when (`data.factmark`, keyed by region id).
#[derive(Deserialize)]
struct Who {
    #[serde(default)]
    id: Option<u64>,
    #[serde(default)]
    analyst: String,
    #[serde(default)]
    created: Option<String>,
    #[serde(default)]
    changed: Option<String>,
}

#[derive(Deserialize)]
struct AnnotationIn<'a> {
    #[serde(borrow, default)]
    result: Raw<'a>,
}

/// An annotation or prediction of the usual shape: a `result` list (or none).
#[derive(Deserialize)]
struct Results<'a> {
    #[serde(borrow, default)]
    result: Option<Vec<&'a RawValue>>,
}

/// Where a result is, formatted only when a message or an annotation needs it.
#[derive(Clone, Copy)]
struct At<'p> {
    place: &'p str,
    index: usize,
}

impl At<'_> {
    fn with(self, id: &str) -> String {
        if id.is_empty() {
            format!("{}, result {}", self.place, self.index + 1)
        } else {
            format!(
                "{}, result {} (id \"{}\")",
                self.place,
                self.index + 1,
                shown(id)
            )
        }
    }
}

/// One item of a `result`, its `value` read as `V`: in the same pass ([`Value`]), or kept
/// raw to read on its own (`&RawValue`) when the item has an unusual shape.
#[derive(Deserialize)]
#[serde(bound(deserialize = "'de: 'a, V: Deserialize<'de>"))]
struct Item<'a, V> {
    #[serde(borrow, default)]
    id: Cow<'a, str>,
    #[serde(borrow, default)]
    from_name: Cow<'a, str>,
    #[serde(borrow, default, rename = "type")]
    kind: Cow<'a, str>,
    #[serde(default)]
    value: Option<V>,
}

/// An item's `value`, as far as Factmark reads it.
#[derive(Deserialize)]
struct Value<'a> {
    #[serde(default)]
    start: Option<serde_json::Value>,
    #[serde(default)]
    end: Option<serde_json::Value>,
    #[serde(borrow, default)]
    text: Raw<'a>,
    #[serde(default)]
    labels: Vec<String>,
    #[serde(default)]
    choices: Vec<String>,
}

/// What `raw` is, for messages (parsed again only on this error path).
fn what(raw: &RawValue) -> String {
    serde_json::from_str::<serde_json::Value>(raw.get())
        .map_or_else(|_| "not JSON".to_owned(), |value| describe(&value))
}

/// A string field, or empty (anything else is empty too).
fn string(raw: Raw<'_>) -> String {
    raw.and_then(|raw| serde_json::from_str::<String>(raw.get()).ok())
        .unwrap_or_default()
}

/// The elements of a JSON list, or what the value is instead.
fn list(raw: &RawValue) -> Result<Vec<&RawValue>, String> {
    serde_json::from_str(raw.get()).map_err(|_| what(raw))
}

/// Reads the JSON `src`.
///
/// # Errors
///
/// [`InteropError::Malformed`] when the file is not JSON, not tasks, or no task can be
/// imported (naming the first bad one); a bad task among good ones is left out and reported.
pub fn import(src: &str, options: &ImportOptions) -> Result<Imported, InteropError> {
    let malformed =
        |error: serde_json::Error| InteropError::Malformed(format!("not valid JSON: {error}"));
    let tasks: Vec<&RawValue> = match src.trim_start().as_bytes().first() {
        Some(b'[') => serde_json::from_str(src).map_err(malformed)?,
        Some(b'{') => vec![serde_json::from_str(src).map_err(malformed)?],
        _ => {
            let whole: &RawValue = serde_json::from_str(src).map_err(malformed)?;
            return Err(InteropError::Malformed(format!(
                "expected a list of Label Studio tasks, found {}",
                what(whole)
            )));
        }
    };
    let tasks = tasks.into_iter().enumerate().map(|(index, task)| {
        (
            format!("task {}", index + 1),
            document(task, index + 1, options),
        )
    });
    gather(tasks, "task", "the file holds no task")
}

/// One task as a session, or why the task is no text document.
fn document(raw: &RawValue, number: usize, options: &ImportOptions) -> Read {
    let task: Task<'_> = serde_json::from_str(raw.get())
        .ok()
        .filter(|_| is_object(raw.get()))
        .ok_or_else(|| serde_json::from_str::<Task<'_>>(raw.get()).err())
        .map_err(|error| match what(raw).as_str() {
            "an object" => format!(
                "it is not a Label Studio task ({})",
                error.map_or_else(String::new, |e| e.to_string())
            ),
            other => format!("expected a task object, found {other}"),
        })?;
    let data: Data<'_> = task
        .data
        .filter(|raw| is_object(raw.get()))
        .and_then(|raw| serde_json::from_str(raw.get()).ok())
        .ok_or("it has no \"data\" object")?;
    let text = match data.text {
        Some(raw) => serde_json::from_str::<String>(raw.get())
            .map_err(|_| format!("data.text is {}, not a string", what(raw)))?,
        None => {
            return Err(
                "it has no data.text (Factmark imports text tasks, with the text in data.text)"
                    .to_owned(),
            );
        }
    };
    let name = match (string(data.document), task.id) {
        (name, _) if !name.trim().is_empty() => name,
        (_, Some(id)) if id.get().bytes().all(|b| b.is_ascii_digit()) => format!("task-{id}"),
        _ => format!("task-{number}"),
    };
    let details = ArticleDetails {
        url: string(data.url),
        publisher: string(data.publisher),
        author: string(data.author),
        published: string(data.published),
    };
    let mut draft = Draft::new(name, &string(data.title), text, &details, options)?;
    let who: HashMap<String, Who> = match data.factmark {
        None => HashMap::new(),
        Some(raw) => serde_json::from_str(raw.get()).unwrap_or_else(|error| {
            draft.leave_out(
                &format!("task {number}"),
                format!(
                    "data.{META} is not what Factmark writes ({error}); who made each region \
                     and when is left out"
                ),
            );
            HashMap::new()
        }),
    };
    for (kind, key, raw) in [
        ("annotation", "annotations", task.annotations),
        ("annotation", "completions", task.completions),
        ("prediction", "predictions", task.predictions),
    ] {
        let Some(raw) = raw else { continue };
        // The usual shape in one pass; anything else item by item, to say what is wrong.
        if let Ok(items) = serde_json::from_str::<Vec<Results<'_>>>(raw.get()) {
            for (j, item) in items.iter().enumerate() {
                if let Some(result) = &item.result {
                    let place = format!("task {number}, {kind} {}", j + 1);
                    regions(&mut draft, &place, result, &who);
                }
            }
            continue;
        }
        let items = match list(raw) {
            Ok(items) => items,
            Err(found) => {
                let what = format!("\"{key}\" is {found}, not a list");
                draft.leave_out(&format!("task {number}"), what);
                continue;
            }
        };
        for (j, item) in items.into_iter().enumerate() {
            let place = format!("task {number}, {kind} {}", j + 1);
            match serde_json::from_str::<AnnotationIn<'_>>(item.get())
                .map_err(|_| ())
                .and_then(|a| {
                    if is_object(item.get()) {
                        Ok(a)
                    } else {
                        Err(())
                    }
                }) {
                Ok(AnnotationIn { result: None }) => {}
                Ok(AnnotationIn {
                    result: Some(result),
                }) => match list(result) {
                    Ok(result) => regions(&mut draft, &place, &result, &who),
                    Err(_) => draft.leave_out(&place, "it has no \"result\" list"),
                },
                Err(_) => draft.leave_out(&place, "it has no \"result\" list"),
            }
        }
    }
    draft.finish()
}

/// A `labels` region of one result list, with the per-region results that share its id.
struct Region<'v> {
    id: Cow<'v, str>,
    place: String,
    start: u64,
    end: u64,
    text: String,
    labels: Vec<String>,
    fields: Vec<(Item<'v, &'v RawValue>, Value<'v>, &'v RawValue)>,
}

/// Imports the regions of one annotation's (or prediction's) `result`.
fn regions(draft: &mut Draft<'_>, place: &str, result: &[&RawValue], who: &HashMap<String, Who>) {
    // The regions in order, and where each id is among them. A per-region result usually
    // follows its region (Label Studio writes them so), which is checked before the map.
    let mut spans: Vec<Region<'_>> = Vec::new();
    let mut index: HashMap<Cow<'_, str>, usize> = HashMap::new();
    let find =
        |spans: &[Region<'_>], index: &HashMap<Cow<'_, str>, usize>, id: &str| match spans.last() {
            Some(last) if last.id == id => Some(spans.len() - 1),
            _ => index.get(id).copied(),
        };
    let mut per_region = Vec::new();
    for (k, raw) in result.iter().enumerate() {
        let here = At { place, index: k };
        let parsed = if is_object(raw.get()) {
            serde_json::from_str::<Item<'_, Value<'_>>>(raw.get()).ok()
        } else {
            None
        };
        let (item, value) = match parsed {
            Some(Item {
                id,
                from_name,
                kind,
                value,
            }) => {
                let item = Item {
                    id,
                    from_name,
                    kind,
                    value: None,
                };
                (item, value.map(Ok))
            }
            None => match serde_json::from_str::<Item<'_, &RawValue>>(raw.get()) {
                Ok(item) if is_object(raw.get()) => {
                    let value = item
                        .value
                        .map(|raw| serde_json::from_str::<Value<'_>>(raw.get()));
                    (item, value)
                }
                other => {
                    let found = what(raw);
                    let what = if let (Err(error), "an object") = (other, found.as_str()) {
                        format!("it is not a Label Studio result ({error})")
                    } else {
                        format!("expected an object, found {found}")
                    };
                    draft.leave_out(&here.with(""), what);
                    continue;
                }
            },
        };
        let at = || here.with(&item.id);
        match (item.kind.as_ref(), value) {
            ("labels", Some(Ok(value))) => {
                let offset = |v: &Option<serde_json::Value>| v.as_ref().and_then(|v| v.as_u64());
                let (Some(start), Some(end)) = (offset(&value.start), offset(&value.end)) else {
                    draft.leave_out(
                        &at(),
                        "its value has no whole-number \"start\" and \"end\" (character offsets)",
                    );
                    continue;
                };
                if value.labels.is_empty() {
                    draft.leave_out(&at(), "it has no labels");
                    continue;
                }
                let at = match find(&spans, &index, &item.id) {
                    Some(at) => at,
                    None => {
                        index.insert(item.id.clone(), spans.len());
                        spans.push(Region {
                            place: at(),
                            id: item.id,
                            start,
                            end,
                            text: string(value.text),
                            labels: Vec::new(),
                            fields: Vec::new(),
                        });
                        spans.len() - 1
                    }
                };
                spans[at].labels.extend(value.labels);
            }
            (kind, _) if kind.ends_with("labels") && kind != "labels" => draft.leave_out(
                &at(),
                format!(
                    "a \"{}\" region, not a text span; Factmark has no place for it",
                    shown(kind)
                ),
            ),
            ("relation", _) => draft.leave_out(
                &at(),
                "a relation between regions; Factmark has no relations, so it is not brought in",
            ),
            (_, Some(Err(error))) => {
                draft.leave_out(&at(), format!("its value cannot be read ({error})"));
            }
            (_, Some(Ok(value))) if !item.id.is_empty() => match find(&spans, &index, &item.id) {
                Some(at) => spans[at].fields.push((item, value, *raw)),
                None => per_region.push((here, item, value, *raw)),
            },
            (kind, _) => draft.leave_out(
                &at(),
                format!(
                    "a \"{}\" result that is not about a text span; Factmark has no place for it",
                    shown(kind)
                ),
            ),
        }
    }
    for (here, item, value, raw) in per_region {
        match find(&spans, &index, &item.id) {
            Some(at) => spans[at].fields.push((item, value, raw)),
            None => draft.leave_out(
                &here.with(&item.id),
                format!(
                    "a \"{}\" result that belongs to no text region of this result (a choice \
                     about the whole task, or a region of another kind); Factmark has no place \
                     for it",
                    shown(&item.kind)
                ),
            ),
        }
    }
    drop(index);
    for region in spans {
        let who = who.get(region.id.as_ref());
        add(draft, region, who);
    }
}

/// The strings of a text area's `text` (a list; a single string is read as one entry).
fn entries(raw: Raw<'_>) -> Vec<String> {
    raw.map_or_else(Vec::new, |raw| {
        serde_json::from_str::<Vec<String>>(raw.get())
            .or_else(|_| serde_json::from_str::<String>(raw.get()).map(|s| vec![s]))
            .unwrap_or_default()
    })
}

/// Adds one region, once per label that maps to a tag.
fn add(draft: &mut Draft<'_>, region: Region<'_>, who: Option<&Who>) {
    let mut record = Record {
        id: region
            .id
            .strip_prefix(REGION_PREFIX)
            .and_then(|n| n.parse().ok())
            .unwrap_or(0),
        text: Cow::Owned(region.text),
        ..Record::default()
    };
    let mut extra = Vec::new();
    for (item, value, raw) in region.fields {
        let from = item.from_name.as_ref();
        match (from, item.kind.as_ref()) {
            (f, "choices") if f == STATUS => record.status = Cow::Owned(value.choices.join(", ")),
            (f, "choices") if f == VERDICT => {
                record.verdict = value.choices.into_iter().next().map(Cow::Owned);
            }
            (f, "textarea") if f == CLAIMANT => {
                record.claimant = Cow::Owned(entries(value.text).join("\n"));
            }
            (f, "textarea") if f == NOTE => {
                record.note = Cow::Owned(entries(value.text).join("\n"));
            }
            (f, "textarea") if f == SOURCES => {
                record.sources = entries(value.text)
                    .iter()
                    .flat_map(|entry| entry.lines())
                    .filter(|line| !line.trim().is_empty())
                    .map(|line| {
                        let source = parse_source_line(line);
                        SourceRecord {
                            url: Cow::Owned(source.url),
                            citation: Cow::Owned(source.citation),
                            primary: source.primary,
                        }
                    })
                    .collect();
            }
            (f, kind) => {
                // Another project's control: kept as a line of the note.
                let said = match kind {
                    "choices" => value.choices.join(", "),
                    "textarea" => entries(value.text).join("\n"),
                    // Its whole value (a rating's `{"rating": 4}`), read again from the item.
                    _ => serde_json::from_str::<Item<'_, &RawValue>>(raw.get())
                        .ok()
                        .and_then(|item| item.value)
                        .map_or_else(String::new, |value| value.get().to_owned()),
                };
                extra.push(format!("{f}: {said}"));
            }
        }
    }
    if !extra.is_empty() {
        let mut note = record.note.into_owned();
        for line in extra {
            if !note.is_empty() {
                note.push('\n');
            }
            note.push_str(&line);
        }
        record.note = Cow::Owned(note);
    }
    if let Some(who) = who {
        record.analyst = Cow::Owned(who.analyst.clone());
        record.created = who.created.clone().map(Cow::Owned);
        record.changed = who.changed.clone().map(Cow::Owned);
        if let Some(n) = who.id {
            record.id = n;
        }
    }
    let place = region.place;
    let span = match draft.span(region.start, region.end, UNIT) {
        Ok(span) => span,
        Err(why) => {
            draft.leave_out(&place, why);
            return;
        }
    };
    for label in &region.labels {
        let Some(tag) = draft.tag_for(label) else {
            draft.leave_out(&place, Draft::unknown_label(label));
            continue;
        };
        let body = draft.body(&place, tag, Some(&record));
        let id = (record.id > 0).then_some(record.id);
        draft.add(&place, id, span, body, &record.text);
    }
}
