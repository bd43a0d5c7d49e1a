//! Reading one Web Annotation (a JSON value) into what Factmark keeps of it: the target's
//! source, its quote and position selectors, and the bodies and properties that are Factmark
//! fields (see `crate::export::w3c` for the mapping). Tolerant of the shapes the model allows
//! (a value or an array of them, a string IRI where an object may be), strict about types:
//! a `start` that is not a whole number is reported, never guessed.

use serde_json::Value;

use super::super::ImportOptions;
use super::super::assemble::tag_for;
use crate::export::w3c::PRIMARY;
use crate::model::{Body, Quote, Source, Stamp, Status, Tag};

/// What one annotation says, before it is placed in a text.
pub(super) struct Item {
    pub(super) source: String,
    pub(super) quote: Option<Quote>,
    /// Code points.
    pub(super) position: Option<(usize, usize)>,
    pub(super) id: Option<u64>,
    /// The label that becomes the tag (the first that maps to one), or the first label.
    pub(super) label: String,
    pub(super) body: Body,
}

/// The values of `value` as a list: an array's elements, nothing for null or absent, else
/// the value itself.
pub(super) fn list(value: Option<&Value>) -> Vec<&Value> {
    match value {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items.iter().collect(),
        Some(other) => vec![other],
    }
}

/// Whether `value`'s `type` (or `@type`) is `name` (or `oa:name`, `as:name`), alone or in a
/// list.
pub(super) fn has_type(value: &Value, name: &str) -> bool {
    let types = list(value.get("type").or_else(|| value.get("@type")));
    types.iter().any(|t| {
        t.as_str().is_some_and(|t| {
            t == name || t.strip_prefix("oa:") == Some(name) || t.strip_prefix("as:") == Some(name)
        })
    })
}

/// A string property, or an error naming it when it is there with another type.
fn string<'a>(value: &'a Value, key: &str) -> Result<Option<&'a str>, String> {
    match value.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(Some(text)),
        Some(other) => Err(format!("its \"{key}\" is {}, not a string", kind(other))),
    }
}

/// A JSON value's kind, for messages.
pub(super) fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// A name: a string, or an object's `name` (or `nickname`, or `schema:name`).
fn name_of(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Object(_) => ["name", "nickname", "schema:name"]
            .iter()
            .find_map(|key| value.get(*key).and_then(Value::as_str))
            .map(str::to_owned),
        _ => None,
    }
}

/// Reads annotation `value`; the strings pushed onto `losses` are fields that could not be
/// carried (the annotation is still imported). `Err` when the annotation cannot be at all.
pub(super) fn read(
    value: &Value,
    options: &ImportOptions,
    losses: &mut Vec<String>,
) -> Result<Item, String> {
    if !value.is_object() {
        return Err(format!("it is {}, not an annotation object", kind(value)));
    }
    if !has_type(value, "Annotation") {
        return Err("its \"type\" is not \"Annotation\"".to_owned());
    }
    let targets = list(value.get("target"));
    let target = match targets.as_slice() {
        [one] => *one,
        [] => return Err("it has no \"target\"".to_owned()),
        many => {
            return Err(format!(
                "it has {} targets; a Factmark annotation is one span",
                many.len()
            ));
        }
    };
    let (source, quote, position) = read_target(target)?;
    let mut body = Body::new(Tag::Claim);
    let mut labels = Vec::new();
    let mut notes = Vec::new();
    for item in list(value.get("body")) {
        read_body(item, &mut body, &mut labels, &mut notes, losses);
    }
    if let Some(text) = string(value, "bodyValue")? {
        notes.push(text.to_owned());
    }
    body.note = notes.join("\n\n");
    let label = pick_label(&labels, options, losses);
    if let Some(author) = target.get("schema:author").and_then(name_of) {
        body.claimant = author;
    }
    read_provenance(value, &mut body, losses);
    let id = match value.get("schema:identifier") {
        Some(Value::Number(n)) => n.as_u64(),
        Some(Value::String(s)) => s.parse().ok(),
        _ => None,
    };
    Ok(Item {
        source,
        quote,
        position,
        id,
        label,
        body,
    })
}

/// The label that becomes the tag: the one label that maps to a tag (others reported), or
/// the first label when none does (the caller reports it).
fn pick_label(labels: &[String], options: &ImportOptions, losses: &mut Vec<String>) -> String {
    let mapped: Vec<(&String, Tag)> = labels
        .iter()
        .filter_map(|label| tag_for(options, label).map(|tag| (label, tag)))
        .collect();
    let Some(&(chosen, tag)) = mapped.first() else {
        return labels.first().cloned().unwrap_or_default();
    };
    for label in labels {
        if label == chosen {
            continue;
        }
        match tag_for(options, label) {
            Some(other) if other != tag => losses.push(format!(
                "its label \"{label}\" is another tag ({other}); it is imported as {tag} \
                 (\"{chosen}\")"
            )),
            Some(_) => {}
            None => losses.push(format!(
                "its label \"{label}\" is not a tag and is left out"
            )),
        }
    }
    chosen.clone()
}

/// The target's source, quote selector and position selector.
#[allow(clippy::type_complexity)]
fn read_target(target: &Value) -> Result<(String, Option<Quote>, Option<(usize, usize)>), String> {
    if let Value::String(_) = target {
        return Err("its target is a whole document, not a span of its text".to_owned());
    }
    let source = match target.get("source") {
        Some(Value::String(source)) => source.clone(),
        Some(Value::Object(_)) => target["source"]
            .get("id")
            .and_then(Value::as_str)
            .ok_or("its target's source has no \"id\"")?
            .to_owned(),
        Some(other) => return Err(format!("its target's \"source\" is {}", kind(other))),
        None => return Err("its target has no \"source\"".to_owned()),
    };
    let mut quote = None;
    let mut position = None;
    for selector in list(target.get("selector")) {
        if has_type(selector, "TextQuoteSelector") && quote.is_none() {
            let exact =
                string(selector, "exact")?.ok_or("its TextQuoteSelector has no \"exact\"")?;
            quote = Some(Quote {
                text: exact.to_owned(),
                prefix: string(selector, "prefix")?.unwrap_or_default().to_owned(),
                suffix: string(selector, "suffix")?.unwrap_or_default().to_owned(),
            });
        } else if has_type(selector, "TextPositionSelector") && position.is_none() {
            let offset = |key: &str| {
                match selector.get(key) {
                Some(Value::Number(n)) => n.as_u64().and_then(|n| usize::try_from(n).ok()).ok_or_else(
                    || format!("its TextPositionSelector's \"{key}\" is {n}, not a whole number of at least 0"),
                ),
                Some(other) => Err(format!(
                    "its TextPositionSelector's \"{key}\" is {}, not a number",
                    kind(other)
                )),
                None => Err(format!("its TextPositionSelector has no \"{key}\"")),
            }
            };
            let (start, end) = (offset("start")?, offset("end")?);
            if start > end {
                return Err(format!(
                    "its TextPositionSelector starts at {start}, after its end {end}"
                ));
            }
            position = Some((start, end));
        }
    }
    if quote.is_none() && position.is_none() {
        return Err(
            "its target has no TextQuoteSelector or TextPositionSelector: nothing says where in \
             the text it is"
                .to_owned(),
        );
    }
    Ok((source, quote, position))
}

/// One body: a tag, a verdict, a note or a source; anything else reported.
fn read_body(
    item: &Value,
    body: &mut Body,
    labels: &mut Vec<String>,
    notes: &mut Vec<String>,
    losses: &mut Vec<String>,
) {
    let purposes: Vec<&str> = list(item.get("purpose"))
        .into_iter()
        .filter_map(Value::as_str)
        .map(|p| p.strip_prefix("oa:").unwrap_or(p))
        .collect();
    let value = item.get("value").and_then(Value::as_str);
    let link = match item {
        Value::String(iri) => Some(iri.as_str()),
        _ => item
            .get("source")
            .or_else(|| item.get("id"))
            .and_then(Value::as_str),
    };
    let purpose = purposes.first().copied().unwrap_or("");
    match (purpose, value) {
        ("tagging" | "classifying", Some(value)) => labels.push(value.to_owned()),
        ("assessing", Some(value)) if body.verdict.is_none() => {
            body.verdict = Some(value.to_owned());
        }
        ("assessing", Some(value)) => {
            losses.push(format!("a second verdict \"{value}\" is left out"));
        }
        ("" | "commenting" | "describing" | "replying", Some(value)) => {
            notes.push(value.to_owned());
        }
        ("linking", value) if link.is_some() || value.is_some() => body.sources.push(Source {
            url: link.unwrap_or_default().to_owned(),
            citation: value.unwrap_or_default().to_owned(),
            primary: false,
        }),
        (purpose, _) => {
            let what = if purpose.is_empty() {
                "a body that is not text".to_owned()
            } else {
                format!("a body with purpose \"{purpose}\"")
            };
            losses.push(format!("{what} is not a Factmark field and is left out"));
        }
    }
}

/// Creator, times, status and sources.
fn read_provenance(value: &Value, body: &mut Body, losses: &mut Vec<String>) {
    if let Some(creator) = list(value.get("creator")).first().and_then(|c| name_of(c)) {
        body.analyst = creator;
    }
    for (key, slot) in [
        ("created", &mut body.created),
        ("modified", &mut body.changed),
    ] {
        match value.get(key) {
            Some(Value::String(text)) => match Stamp::parse(text) {
                Some(stamp) => *slot = Some(stamp),
                None => losses.push(format!(
                    "its \"{key}\" time \"{text}\" is not an RFC 3339 UTC time \
                     (2026-11-02T09:15:00Z) and is left out"
                )),
            },
            Some(other) => losses.push(format!(
                "its \"{key}\" is {}, not a time, and is left out",
                kind(other)
            )),
            None => {}
        }
    }
    if let Some(status) = value.get("schema:creativeWorkStatus") {
        let known = status.as_str().and_then(|s| {
            Status::ALL.into_iter().find(|st| {
                st.file_name().eq_ignore_ascii_case(s) || st.label().eq_ignore_ascii_case(s)
            })
        });
        match known {
            Some(known) => body.status = known,
            None => losses.push(format!(
                "its status {status} is not a Factmark status and is left out"
            )),
        }
    }
    for citation in list(value.get("schema:citation")) {
        let source = match citation {
            Value::String(url) => Source {
                url: url.clone(),
                ..Source::default()
            },
            _ => Source {
                url: citation
                    .get("id")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
                citation: citation
                    .get("schema:name")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
                primary: citation.get("schema:description").and_then(Value::as_str)
                    == Some(PRIMARY),
            },
        };
        if source.url.is_empty() && source.citation.is_empty() {
            losses.push(format!(
                "a citation {citation} has no link or name and is left out"
            ));
        } else {
            body.sources.push(source);
        }
    }
}
