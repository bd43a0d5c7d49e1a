//! CSV: one row per annotation with every field, for a spreadsheet. RFC 4180 (CRLF line ends;
//! a field with a comma, a quote or a line break is quoted, so a multi-line note stays one
//! cell) written by the `csv` crate; optionally a UTF-8 byte order mark, without which Excel
//! reads UTF-8 as a legacy code page. Offsets in code points. Orphans (annotations whose text
//! is no longer in the article) are rows too, with empty `start` and `end`, so nothing is
//! left out. Several sessions go into one file: the `document` column tells them apart.

use super::record::{offsets, source_line};
use super::{Document, ExportError, ExportFile, Exported};
use crate::model::{Body, Unit};

/// The header row, in column order.
pub const COLUMNS: [&str; 19] = [
    "document",
    "id",
    "tag",
    "start",
    "end",
    "text",
    "status",
    "verdict",
    "claimant",
    "sources",
    "note",
    "analyst",
    "created",
    "changed",
    "article_title",
    "article_url",
    "article_publisher",
    "article_author",
    "article_published",
];

/// The CSV of `documents`.
///
/// # Errors
///
/// Never in practice (the rows go into memory); a failure of the CSV writer is passed on.
pub fn export(documents: &[Document<'_>], bom: bool) -> Result<Exported, ExportError> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    let mut losses = Vec::new();
    let bytes = rows(documents, out, &mut losses)
        .map_err(|error| ExportError::Needs(format!("cannot write the CSV: {error}")))?;
    Ok(Exported {
        files: vec![ExportFile::main(bytes)],
        losses,
    })
}

fn rows(
    documents: &[Document<'_>],
    out: Vec<u8>,
    losses: &mut Vec<super::Loss>,
) -> Result<Vec<u8>, Box<dyn std::error::Error>> {
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(out);
    writer.write_record(COLUMNS)?;
    for document in documents {
        let session = document.session;
        let details = session.details();
        let article = [
            session.article().title(),
            &details.url,
            &details.publisher,
            &details.author,
            &details.published,
        ];
        let mut write = |id: u64, offsets: Option<(usize, usize)>, text: &str, body: &Body| {
            let (start, end) = offsets.map_or((String::new(), String::new()), |(s, e)| {
                (s.to_string(), e.to_string())
            });
            let sources: Vec<String> = body.sources.iter().map(source_line).collect();
            let stamp = |s: &Option<crate::model::Stamp>| {
                s.as_ref().map_or(String::new(), ToString::to_string)
            };
            let fields = [
                document.name,
                &id.to_string(),
                body.tag.label(),
                &start,
                &end,
                text,
                body.status.label(),
                body.verdict.as_deref().unwrap_or(""),
                &body.claimant,
                &sources.join("\n"),
                &body.note,
                &body.analyst,
                &stamp(&body.created),
                &stamp(&body.changed),
            ];
            writer.write_record(fields.iter().copied().chain(article))
        };
        for annotation in session.annotations() {
            let offsets = offsets(session, annotation, Unit::CodePoint);
            if offsets.is_none() {
                // Never for a valid session; the row still carries the text and fields.
                losses.push(super::offset_loss(document, annotation.id));
            }
            write(
                annotation.id.0,
                offsets,
                session.text_of(annotation),
                &annotation.body,
            )?;
        }
        for orphan in session.orphans() {
            write(orphan.id.0, None, &orphan.quote.text, &orphan.body)?;
        }
    }
    Ok(writer.into_inner().map_err(|e| e.into_error())?)
}
