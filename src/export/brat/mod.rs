//! brat standoff export: a folder with `NAME.txt` (the article text, byte for byte) and
//! `NAME.ann` per session, plus `annotation.conf` and `visual.conf` for the whole folder.
//!
//! Each annotation is a T line (`T<id>\t<Tag> <start> <end>\t<text>`, code-point offsets; a
//! span crossing a line break as fragments, see [`syntax::fragments`]), an `A` line for its
//! status and one for its verdict, and one-line comments (`#` lines) for its note
//! (`AnnotatorNotes`, brat's own), claimant, sources, analyst and times, escaped onto one
//! line ([`syntax::escape`]). The T number is the Factmark id, so an import gives the same ids.

mod conf;
pub(crate) mod syntax;

use std::fmt::Write as _;

use super::{Document, ExportFile, Exported, Loss};
use crate::model::{Annotation, Session, Tag, Unit};

/// Exports `documents` as a brat folder (names made file-safe and distinct).
pub(super) fn export(documents: &[Document<'_>]) -> Exported {
    let names = super::unique_names(documents.iter().map(|d| d.name));
    let mut exported = Exported::default();
    for (document, name) in documents.iter().zip(&names) {
        let (ann, losses) = ann_file(document.session, name);
        exported.files.push(ExportFile {
            path: format!("{name}.txt").into(),
            bytes: document.session.article().text().as_bytes().to_vec(),
        });
        exported.files.push(ExportFile {
            path: format!("{name}.ann").into(),
            bytes: ann.into_bytes(),
        });
        exported.losses.extend(losses);
    }
    let sessions: Vec<&Session> = documents.iter().map(|d| d.session).collect();
    exported.files.push(ExportFile {
        path: "annotation.conf".into(),
        bytes: conf::annotation_conf(&sessions).into_bytes(),
    });
    exported.files.push(ExportFile {
        path: "visual.conf".into(),
        bytes: conf::visual_conf().into_bytes(),
    });
    exported
}

/// The `.ann` text of one session, and what it could not hold.
fn ann_file(session: &Session, name: &str) -> (String, Vec<Loss>) {
    let mut out = String::new();
    let mut losses = Vec::new();
    let mut lines = Counters::default();
    let lose = |annotation, what: String| Loss {
        document: name.to_owned(),
        annotation,
        what,
    };
    for annotation in session.annotations() {
        match text_bound(session, annotation) {
            Ok((line, altered)) => {
                out.push_str(&line);
                if let Some(what) = altered {
                    losses.push(lose(Some(annotation.id), what));
                }
                fields(&mut out, &mut lines, annotation);
            }
            Err(what) => losses.push(lose(Some(annotation.id), what)),
        }
    }
    for orphan in session.orphans() {
        losses.push(lose(
            Some(orphan.id),
            "an orphan has no place in the text, and brat annotations are spans of it".to_owned(),
        ));
    }
    if !session.details().is_empty() {
        losses.push(lose(
            None,
            "the article's details (URL, publisher, author, date) have no place in brat".to_owned(),
        ));
    }
    (out, losses)
}

/// The T line of `annotation` and, when brat cannot hold the span exactly, what changed;
/// `Err` when it cannot be written at all.
fn text_bound(
    session: &Session,
    annotation: &Annotation,
) -> Result<(String, Option<String>), String> {
    let article = session.article();
    let text = article.text();
    let span = annotation.span;
    let pieces = syntax::fragments(text, span.range());
    let (Some(first), Some(last)) = (pieces.first(), pieces.last()) else {
        return Err("the span is only line breaks and spaces, which brat cannot hold".to_owned());
    };
    let altered = (first.start != span.start || last.end != span.end).then(|| {
        "the span starts or ends with a line break, which a brat span cannot; it is written \
         without it"
            .to_owned()
    });
    let map = article.offsets();
    let mut offsets = Vec::with_capacity(pieces.len());
    for piece in &pieces {
        let start = map.from_byte(text, piece.start, Unit::CodePoint);
        let end = map.from_byte(text, piece.end, Unit::CodePoint);
        let (Some(start), Some(end)) = (start, end) else {
            return Err("the span is not on character boundaries of the text".to_owned());
        };
        offsets.push(format!("{start} {end}"));
    }
    let quoted: Vec<&str> = pieces.iter().map(|p| &text[p.clone()]).collect();
    let line = format!(
        "T{}\t{} {}\t{}\n",
        annotation.id.0,
        annotation.body.tag.label(),
        offsets.join(";"),
        quoted.join(" ")
    );
    Ok((line, altered))
}

/// Next numbers of A and # lines.
#[derive(Default)]
struct Counters {
    attribute: u64,
    comment: u64,
}

/// The A lines (status, verdict) and # lines (note, claimant, sources, analyst, times) of one
/// annotation.
fn fields(out: &mut String, lines: &mut Counters, annotation: &Annotation) {
    let body = &annotation.body;
    let target = format!("T{}", annotation.id.0);
    let mut attribute = |out: &mut String, name: &str, value: &str| {
        lines.attribute += 1;
        let _ = writeln!(out, "A{}\t{name} {target} {value}", lines.attribute);
    };
    attribute(out, syntax::STATUS, body.status.file_name());
    if let Some(verdict) = &body.verdict {
        attribute(
            out,
            verdict_attribute(body.tag),
            &syntax::encode_value(verdict),
        );
    }
    let mut comment = |kind: &str, text: &str| {
        lines.comment += 1;
        let _ = writeln!(out, "#{}\t{kind} {target}\t{text}", lines.comment);
    };
    if !body.note.is_empty() {
        comment(syntax::NOTES, &syntax::escape(&body.note, &[]));
    }
    if !body.claimant.is_empty() {
        comment(syntax::CLAIMANT, &syntax::escape(&body.claimant, &[]));
    }
    for source in &body.sources {
        let (kind, text) = syntax::encode_source(source);
        comment(kind, &text);
    }
    if !body.analyst.is_empty() {
        comment(syntax::ANALYST, &syntax::escape(&body.analyst, &[]));
    }
    if let Some(created) = &body.created {
        comment(syntax::CREATED, created.as_str());
    }
    if let Some(changed) = &body.changed {
        comment(syntax::CHANGED, changed.as_str());
    }
}

/// The attribute a verdict of an annotation with `tag` is written as (one per scale).
pub(crate) fn verdict_attribute(tag: Tag) -> &'static str {
    match crate::model::ScaleKind::for_tag(tag) {
        crate::model::ScaleKind::Rating => syntax::VERDICT,
        crate::model::ScaleKind::Attribution => syntax::ATTRIBUTION,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quote_crossing_a_line_break_is_two_fragments_joined_by_a_space() {
        let session = crate::testing::exchange_session();
        let quote = &session.annotations()[2];
        let (line, altered) = text_bound(&session, quote).unwrap();
        assert_eq!(altered, None);
        assert_eq!(
            line,
            "T3\tQuote 61 126;127 144\t\"We want the sanctions on potash lifted,\" Viačorka \
             said, \"and the border reopened.\"\n"
        );
    }

    #[test]
    fn orphans_and_details_are_reported() {
        let session = crate::testing::exchange_session();
        let (_, losses) = ann_file(&session, "minsk");
        assert_eq!(losses.len(), 1, "{losses:?}");
        assert!(losses[0].what.contains("details"));
    }
}
