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

use std::borrow::Cow;
use std::collections::HashMap;

use serde_json::{Map, Value};

use super::build::{Draft, describe, shown};
use super::{ImportOptions, Imported, InteropError};
use crate::export::Loss;
use crate::export::label_studio::{
    CLAIMANT, META, NOTE, REGION_PREFIX, SOURCES, STATUS, UNIT, VERDICT,
};
use crate::export::record::{Record, SourceRecord, parse_source_line};
use crate::model::{ArticleDetails, Session};

/// Reads the JSON `src`.
///
/// # Errors
///
/// [`InteropError::Malformed`] when the file is not JSON, not tasks, or no task can be
/// imported (naming the first bad one); a bad task among good ones is left out and reported.
pub fn import(src: &str, options: &ImportOptions) -> Result<Imported, InteropError> {
    let value: Value = serde_json::from_str(src)
        .map_err(|error| InteropError::Malformed(format!("not valid JSON: {error}")))?;
    let tasks = match value {
        Value::Array(tasks) => tasks,
        Value::Object(_) => vec![value],
        other => {
            return Err(InteropError::Malformed(format!(
                "expected a list of Label Studio tasks, found {}",
                describe(&other)
            )));
        }
    };
    let mut imported = Imported::default();
    let mut first_failure = None;
    for (index, task) in tasks.iter().enumerate() {
        let number = index + 1;
        match document(task, number, options) {
            Ok((name, session, left_out)) => {
                imported.sessions.push((name, session));
                imported.left_out.extend(left_out);
            }
            Err(what) => {
                let what = format!("task {number}: {what}; the task is left out");
                first_failure.get_or_insert_with(|| what.clone());
                imported.left_out.push(Loss {
                    document: format!("task {number}"),
                    annotation: None,
                    what,
                });
            }
        }
    }
    if imported.sessions.is_empty() {
        return Err(InteropError::Malformed(
            first_failure.unwrap_or_else(|| "the file holds no task".to_owned()),
        ));
    }
    Ok(imported)
}

/// A string field of `map`, or empty.
fn string<'v>(map: &'v Map<String, Value>, key: &str) -> &'v str {
    map.get(key).and_then(Value::as_str).unwrap_or("")
}

/// One task as a session, or why the task is no text document.
fn document(
    task: &Value,
    number: usize,
    options: &ImportOptions,
) -> Result<(String, Session, Vec<Loss>), String> {
    let Some(task) = task.as_object() else {
        return Err(format!("expected a task object, found {}", describe(task)));
    };
    let Some(data) = task.get("data").and_then(Value::as_object) else {
        return Err("it has no \"data\" object".to_owned());
    };
    let text = match data.get("text") {
        Some(Value::String(text)) => text.clone(),
        Some(other) => return Err(format!("data.text is {}, not a string", describe(other))),
        None => {
            return Err(
                "it has no data.text (Factmark imports text tasks, with the text in data.text)"
                    .to_owned(),
            );
        }
    };
    let name = match (string(data, "document"), task.get("id")) {
        (name, _) if !name.trim().is_empty() => name.to_owned(),
        (_, Some(Value::Number(id))) => format!("task-{id}"),
        _ => format!("task-{number}"),
    };
    let details = ArticleDetails {
        url: string(data, "url").to_owned(),
        publisher: string(data, "publisher").to_owned(),
        author: string(data, "author").to_owned(),
        published: string(data, "published").to_owned(),
    };
    let mut draft = Draft::new(name, string(data, "title"), text, details, options)?;
    let who = data.get(META).and_then(Value::as_object);
    for (kind, key) in [
        ("annotation", "annotations"),
        ("annotation", "completions"),
        ("prediction", "predictions"),
    ] {
        let Some(list) = task.get(key) else { continue };
        let Some(list) = list.as_array() else {
            let what = format!("\"{key}\" is {}, not a list", describe(list));
            draft.leave_out(&format!("task {number}"), what);
            continue;
        };
        for (j, item) in list.iter().enumerate() {
            let place = format!("task {number}, {kind} {}", j + 1);
            match item.get("result") {
                Some(Value::Array(result)) => regions(&mut draft, &place, result, who),
                None if item.is_object() => {}
                _ => draft.leave_out(&place, "it has no \"result\" list"),
            }
        }
    }
    draft.finish()
}

/// A `labels` region of one result list, with the per-region results that share its id.
struct Region<'v> {
    place: String,
    start: u64,
    end: u64,
    text: &'v str,
    labels: Vec<&'v str>,
    fields: Vec<&'v Map<String, Value>>,
}

/// Imports the regions of one annotation's (or prediction's) `result`.
fn regions(draft: &mut Draft<'_>, place: &str, result: &[Value], who: Option<&Map<String, Value>>) {
    let mut order: Vec<&str> = Vec::new();
    let mut spans: HashMap<&str, Region<'_>> = HashMap::new();
    let mut per_region: Vec<(String, &str, &Map<String, Value>)> = Vec::new();
    for (k, item) in result.iter().enumerate() {
        let at = format!("{place}, result {}", k + 1);
        let Some(item) = item.as_object() else {
            draft.leave_out(&at, format!("expected an object, found {}", describe(item)));
            continue;
        };
        let id = string(item, "id");
        let at = if id.is_empty() {
            at
        } else {
            format!("{at} (id \"{}\")", shown(id))
        };
        let kind = string(item, "type");
        let value = item.get("value").and_then(Value::as_object);
        match (kind, value) {
            ("labels", Some(value)) => {
                let offset = |key| value.get(key).and_then(Value::as_u64);
                let (Some(start), Some(end)) = (offset("start"), offset("end")) else {
                    draft.leave_out(
                        &at,
                        "its value has no whole-number \"start\" and \"end\" (character offsets)",
                    );
                    continue;
                };
                let labels: Vec<&str> = value
                    .get("labels")
                    .and_then(Value::as_array)
                    .map(|l| l.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                if labels.is_empty() {
                    draft.leave_out(&at, "it has no labels");
                    continue;
                }
                let region = spans.entry(id).or_insert_with(|| {
                    order.push(id);
                    Region {
                        place: at.clone(),
                        start,
                        end,
                        text: string(value, "text"),
                        labels: Vec::new(),
                        fields: Vec::new(),
                    }
                });
                region.labels.extend(labels);
            }
            (kind, _) if kind.ends_with("labels") => draft.leave_out(
                &at,
                format!(
                    "a \"{}\" region, not a text span; Factmark has no place for it",
                    shown(kind)
                ),
            ),
            ("relation", _) => draft.leave_out(
                &at,
                "a relation between regions; Factmark has no relations, so it is not brought in",
            ),
            (_, Some(_)) if !id.is_empty() => per_region.push((at, id, item)),
            _ => draft.leave_out(
                &at,
                format!(
                    "a \"{}\" result that is not about a text span; Factmark has no place for it",
                    shown(kind)
                ),
            ),
        }
    }
    for (at, id, item) in per_region {
        match spans.get_mut(id) {
            Some(region) => region.fields.push(item),
            None => draft.leave_out(
                &at,
                format!(
                    "a \"{}\" result that belongs to no text region of this result (a choice \
                     about the whole task, or a region of another kind); Factmark has no place \
                     for it",
                    shown(string(item, "type"))
                ),
            ),
        }
    }
    for id in order {
        if let Some(region) = spans.remove(id) {
            add(draft, id, region, who);
        }
    }
}

/// Adds one region, once per label that maps to a tag.
fn add(draft: &mut Draft<'_>, id: &str, region: Region<'_>, who: Option<&Map<String, Value>>) {
    let mut record = Record {
        id: id
            .strip_prefix(REGION_PREFIX)
            .and_then(|n| n.parse().ok())
            .unwrap_or(0),
        text: Cow::Borrowed(region.text),
        ..Record::default()
    };
    let mut extra = Vec::new();
    for item in &region.fields {
        let from = string(item, "from_name");
        let value = item.get("value").and_then(Value::as_object);
        let values = |key| -> Vec<&str> {
            value
                .and_then(|v| v.get(key))
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default()
        };
        let lines = || values("text").join("\n");
        match (from, string(item, "type")) {
            (f, "choices") if f == STATUS => {
                record.status = Cow::Owned(values("choices").join(", "));
            }
            (f, "choices") if f == VERDICT => {
                record.verdict = values("choices").first().map(|v| Cow::Owned((*v).to_owned()));
            }
            (f, "textarea") if f == CLAIMANT => record.claimant = Cow::Owned(lines()),
            (f, "textarea") if f == NOTE => record.note = Cow::Owned(lines()),
            (f, "textarea") if f == SOURCES => {
                record.sources = values("text")
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
                // Another control: kept as a line of the note.
                let shown_value = match kind {
                    "choices" => values("choices").join(", "),
                    "textarea" => lines(),
                    _ => value.map_or_else(String::new, |v| {
                        let mut v = v.clone();
                        v.remove("start");
                        v.remove("end");
                        Value::Object(v).to_string()
                    }),
                };
                extra.push(format!("{f}: {shown_value}"));
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
    if let Some(who) = who.and_then(|w| w.get(id)).and_then(Value::as_object) {
        record.analyst = Cow::Owned(string(who, "analyst").to_owned());
        let stamp = |key| who.get(key).and_then(Value::as_str).map(|s| Cow::Owned(s.to_owned()));
        record.created = stamp("created");
        record.changed = stamp("changed");
        if let Some(n) = who.get("id").and_then(Value::as_u64) {
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
    for label in region.labels {
        let Some(tag) = draft.tag_for(label) else {
            draft.leave_out(&place, Draft::unknown_label(label));
            continue;
        };
        let body = draft.body(&place, tag, Some(&record));
        let id = (record.id > 0).then_some(record.id);
        draft.add(&place, id, span, body, &record.text);
    }
}
