//! Label Studio JSON tasks and the labeling config they go with. One task per document:
//! `data.text` (plus the article's details), and one annotation whose `result` holds, per
//! Factmark annotation, a `labels` region (`value: {start, end, text, labels: [Tag]}`, code
//! points) followed by per-region results with the same region `id`: `status` and `verdict`
//! (`choices`), `claimant`, `sources` (one entry per source) and `note` (`textarea`). Who made
//! each region and when (which Label Studio has no per-region place for) is kept in
//! `data.factmark`, keyed by region id; Label Studio keeps task data as it is. The config
//! ([`config`], written beside the tasks as `NAME.config.xml`) declares every label, status
//! and rating used, so Label Studio (and its SDK's `LabelInterface`) accepts every result.

use std::collections::BTreeMap;

use serde::Serialize;

use super::record::{DocumentMeta, offsets, source_line};
use super::report::{escape_html, tag_colour};
use super::{Document, ExportFile, Exported, Format, offset_loss, orphan_losses};
use crate::model::{Status, Tag, Unit};

/// The unit Label Studio counts text offsets in.
pub const UNIT: Unit = Unit::CodePoint;
/// The suffix of the labeling config written beside the tasks (`tasks.config.xml`).
pub const CONFIG: &str = "config.xml";
/// The `Text` object the regions are on.
pub const TEXT: &str = "text";
/// The `Labels` control holding the tag.
pub const TAG: &str = "tag";
/// Per-region `Choices`: the status.
pub const STATUS: &str = "status";
/// Per-region `Choices`: the verdict.
pub const VERDICT: &str = "verdict";
/// Per-region `TextArea`: the claimant or speaker.
pub const CLAIMANT: &str = "claimant";
/// Per-region `TextArea`: the sources, one entry each (`citation <url> (primary)`).
pub const SOURCES: &str = "sources";
/// Per-region `TextArea`: the note.
pub const NOTE: &str = "note";
/// The key of `data` holding who made each region and when.
pub const META: &str = "factmark";
/// Region ids are this prefix and the annotation's id (`factmark-7`).
pub const REGION_PREFIX: &str = "factmark-";

#[derive(Serialize)]
struct Task<'a> {
    data: Data<'a>,
    annotations: [Annotation<'a>; 1],
}

#[derive(Serialize)]
struct Data<'a> {
    text: &'a str,
    #[serde(flatten)]
    meta: DocumentMeta<'a>,
    factmark: BTreeMap<String, Who<'a>>,
}

/// Who made a region and when.
#[derive(Serialize)]
struct Who<'a> {
    id: u64,
    analyst: &'a str,
    created: Option<&'a str>,
    changed: Option<&'a str>,
}

#[derive(Serialize)]
struct Annotation<'a> {
    result: Vec<Region<'a>>,
}

/// One item of a `result`.
#[derive(Serialize)]
struct Region<'a> {
    id: String,
    from_name: &'static str,
    to_name: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    value: Value<'a>,
}

/// A region's `value`: the span, and the one field this item sets.
#[derive(Serialize)]
struct Value<'a> {
    start: usize,
    end: usize,
    #[serde(flatten)]
    field: Field<'a>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Field<'a> {
    Labels { text: &'a str, labels: [&'a str; 1] },
    Choices { choices: [&'a str; 1] },
    TextArea { text: Vec<String> },
}

/// The tasks of `documents` (a JSON list) and their labeling config beside them.
pub fn export(documents: &[Document<'_>]) -> Exported {
    let mut losses = Vec::new();
    let tasks: Vec<Task<'_>> = documents
        .iter()
        .map(|document| {
            let mut result = Vec::new();
            let mut who = BTreeMap::new();
            let session = document.session;
            orphan_losses(document, Format::LabelStudio, &mut losses);
            for annotation in session.annotations() {
                let Some((start, end)) = offsets(session, annotation, UNIT) else {
                    losses.push(offset_loss(document, annotation.id));
                    continue;
                };
                let id = format!("{REGION_PREFIX}{}", annotation.id.0);
                let body = &annotation.body;
                let item = |from_name, kind, field| Region {
                    id: id.clone(),
                    from_name,
                    to_name: TEXT,
                    kind,
                    value: Value { start, end, field },
                };
                let text = session.text_of(annotation);
                result.push(item(
                    TAG,
                    "labels",
                    Field::Labels {
                        text,
                        labels: [body.tag.label()],
                    },
                ));
                result.push(item(
                    STATUS,
                    "choices",
                    Field::Choices {
                        choices: [body.status.label()],
                    },
                ));
                if let Some(verdict) = &body.verdict {
                    result.push(item(
                        VERDICT,
                        "choices",
                        Field::Choices { choices: [verdict] },
                    ));
                }
                let mut area = |name, text: Vec<String>| {
                    if !text.is_empty() {
                        result.push(item(name, "textarea", Field::TextArea { text }));
                    }
                };
                area(CLAIMANT, non_empty(&body.claimant));
                area(SOURCES, body.sources.iter().map(source_line).collect());
                area(NOTE, non_empty(&body.note));
                who.insert(
                    id,
                    Who {
                        id: annotation.id.0,
                        analyst: &body.analyst,
                        created: body.created.as_ref().map(|s| s.as_str()),
                        changed: body.changed.as_ref().map(|s| s.as_str()),
                    },
                );
            }
            Task {
                data: Data {
                    text: document.session.article().text(),
                    meta: DocumentMeta::of(document.name, document.session),
                    factmark: who,
                },
                annotations: [Annotation { result }],
            }
        })
        .collect();
    // One task per line, compact: half the bytes of pretty-printed JSON, so Label Studio
    // (and Factmark) read a 20,000-region task in half the time.
    let mut json = b"[\n".to_vec();
    for (i, task) in tasks.iter().enumerate() {
        if i > 0 {
            json.extend_from_slice(b",\n");
        }
        // Serialising strings, numbers and structs of them into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut json, task);
    }
    json.extend_from_slice(b"\n]\n");
    Exported {
        files: vec![
            ExportFile::main(json),
            ExportFile {
                path: CONFIG.into(),
                bytes: config(documents).into_bytes(),
            },
        ],
        losses,
    }
}

fn non_empty(text: &str) -> Vec<String> {
    if text.is_empty() {
        Vec::new()
    } else {
        vec![text.to_owned()]
    }
}

/// The labeling config for tasks of `documents`: the three tags as `Labels` in their
/// colours over the `Text`, and, shown when a region is selected, the status and verdict
/// (every rating of the documents' scales) as choices and the claimant, sources and note as
/// text areas, all per region.
pub fn config(documents: &[Document<'_>]) -> String {
    use std::fmt::Write as _;
    let mut ratings: Vec<&str> = Vec::new();
    for document in documents {
        for scale in &document.session.scales().0 {
            for rating in &scale.ratings {
                if !ratings.contains(&rating.name.as_str()) {
                    ratings.push(&rating.name);
                }
            }
        }
    }
    let mut xml = String::from("<View>\n  <Header value=\"$title\"/>\n");
    let _ = writeln!(xml, "  <Labels name=\"{TAG}\" toName=\"{TEXT}\">");
    for tag in Tag::ALL {
        let _ = writeln!(
            xml,
            "    <Label value=\"{}\" background=\"{}\"/>",
            tag.label(),
            tag_colour(tag).hex()
        );
    }
    let _ = writeln!(
        xml,
        "  </Labels>\n  <Text name=\"{TEXT}\" value=\"$text\"/>"
    );
    xml.push_str("  <View visibleWhen=\"region-selected\">\n");
    let choices = |xml: &mut String, name: &str, header: &str, values: &[&str]| {
        let _ = writeln!(
            xml,
            "    <Header value=\"{header}\"/>\n    <Choices name=\"{name}\" toName=\"{TEXT}\" \
             perRegion=\"true\" choice=\"single\">"
        );
        for value in values {
            let _ = writeln!(xml, "      <Choice value=\"{}\"/>", escape_html(value));
        }
        xml.push_str("    </Choices>\n");
    };
    let statuses: Vec<&str> = Status::ALL.iter().map(|s| s.label()).collect();
    choices(&mut xml, STATUS, "Status", &statuses);
    choices(&mut xml, VERDICT, "Verdict", &ratings);
    for (name, header) in [
        (CLAIMANT, "Claimant or speaker"),
        (
            SOURCES,
            "Sources (one per entry: citation &lt;url&gt; (primary))",
        ),
        (NOTE, "Note"),
    ] {
        let _ = writeln!(
            xml,
            "    <Header value=\"{header}\"/>\n    <TextArea name=\"{name}\" toName=\"{TEXT}\" \
             perRegion=\"true\" editable=\"true\"/>"
        );
    }
    xml.push_str("  </View>\n</View>\n");
    xml
}
