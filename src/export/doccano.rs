//! doccano 1.8 sequence-labelling JSONL: one document per line, `{"text", "label": [[start,
//! end, "Tag"], …], "factmark": {…}}`, offsets in UTF-16 code units (doccano indexes the
//! browser's JavaScript strings). doccano keeps every column other than `text` and `label` as
//! the example's meta and writes it back on export, so the `factmark` column (the document's
//! details and every annotation's fields, matched to a span by start, end and label) survives
//! a trip through doccano and [`crate::interop`] reads it back.

use serde::Serialize;

use super::record::{DocumentMeta, Record};
use super::{Document, Exported, Format, jsonl, records};
use crate::model::Unit;

/// The unit doccano counts in.
pub const UNIT: Unit = Unit::Utf16;

/// The column doccano keeps as meta that holds Factmark's fields ([`Line`]'s `factmark`).
pub const META: &str = "factmark";

/// One line of the JSONL.
#[derive(Serialize)]
struct Line<'a> {
    text: &'a str,
    label: Vec<(usize, usize, std::borrow::Cow<'a, str>)>,
    factmark: Meta<'a>,
}

/// The `factmark` column.
#[derive(Serialize)]
struct Meta<'a> {
    #[serde(flatten)]
    document: DocumentMeta<'a>,
    annotations: Vec<Record<'a>>,
}

/// The JSONL of `documents`, one line each.
pub fn export(documents: &[Document<'_>]) -> Exported {
    let mut losses = Vec::new();
    let lines: Vec<Line<'_>> = documents
        .iter()
        .map(|document| {
            let annotations = records(document, UNIT, Format::Doccano, &mut losses);
            Line {
                text: document.session.article().text(),
                label: annotations
                    .iter()
                    .map(|r| (r.start, r.end, r.label.clone()))
                    .collect(),
                factmark: Meta {
                    document: DocumentMeta::of(document.name, document.session),
                    annotations,
                },
            }
        })
        .collect();
    Exported {
        files: vec![jsonl(lines)],
        losses,
    }
}
