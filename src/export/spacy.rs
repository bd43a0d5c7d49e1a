//! spaCy JSONL: one document per line, `{"text", "spans": [{"start", "end", "label", …}],
//! "meta": {…}}`, offsets in code points (Python's string index, which `Doc.char_span` takes).
//! Each span object also carries the annotation's text and every fact-check field, which the
//! recipe in docs/EXPORT.md ignores and a script can keep. spaCy spans must fall on token
//! boundaries: the recipe snaps each span outwards (`alignment_mode="expand"`), so a span
//! that starts or ends inside a token covers that whole token in the `DocBin`.

use serde::Serialize;

use super::record::{DocumentMeta, Record};
use super::{Document, Exported, Format, jsonl, records};
use crate::model::Unit;

/// One line of the JSONL.
#[derive(Serialize)]
struct Line<'a> {
    text: &'a str,
    spans: Vec<Record<'a>>,
    meta: DocumentMeta<'a>,
}

/// The JSONL of `documents`, one line each.
pub fn export(documents: &[Document<'_>]) -> Exported {
    let mut losses = Vec::new();
    let lines: Vec<Line<'_>> = documents
        .iter()
        .map(|document| Line {
            text: document.session.article().text(),
            spans: records(document, Unit::CodePoint, Format::Spacy, &mut losses),
            meta: DocumentMeta::of(document.name, document.session),
        })
        .collect();
    Exported {
        files: vec![jsonl(lines)],
        losses,
    }
}
