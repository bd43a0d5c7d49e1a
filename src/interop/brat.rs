//! brat standoff import: an `.ann` file with its `.txt` beside it (or a folder of such
//! pairs, as `factmark export --to brat` writes), one session per pair.
//!
//! T lines become annotations (code-point offsets; fragments joined back into one span when
//! only whitespace lies between them, which is how brat writes a span crossing a line break);
//! the `Status`, `Verdict` and `Attribution` attributes and the `AnnotatorNotes`, `Claimant`,
//! `Source`, `PrimarySource`, `Analyst`, `Created` and `Changed` comments become its fields
//! (see `crate::export::brat::syntax`). Everything else — relations, events, normalizations,
//! other attributes and comments, lines that do not parse, T lines whose text is not the
//! text at their offsets — is reported with its line, never dropped silently. CRLF files read
//! as LF ones.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::assemble::{self, Candidate, Place};
use super::read::{self, Bom, MAX_ANNOTATION_FILE_BYTES};
use super::{ImportOptions, Imported, InteropError};
use crate::export::Loss;
use crate::export::brat::syntax;
use crate::model::{Article, ArticleDetails, Body, Span, Stamp, Status, Tag, Unit};

/// Imports `path`: an `.ann` file, or a folder whose `.ann` files are each imported.
///
/// # Errors
///
/// [`InteropError`] when a file cannot be read (the `.ann`, or its `.txt`), or a folder holds
/// no `.ann` file.
pub(super) fn import(path: &Path, options: &ImportOptions) -> Result<Imported, InteropError> {
    let mut imported = Imported::default();
    for ann in ann_files(path)? {
        let name = super::stem(&ann);
        let (session, left_out) = document(&ann, &name, options)?;
        imported.sessions.push((name, session));
        imported.left_out.extend(left_out);
    }
    Ok(imported)
}

/// The `.ann` files `path` names: itself (the `.ann` beside it when it is the `.txt`), or a
/// folder's, sorted by name.
fn ann_files(path: &Path) -> Result<Vec<PathBuf>, InteropError> {
    if !path.is_dir() {
        let txt = path
            .extension()
            .is_some_and(|ext| ext.eq_ignore_ascii_case("txt"));
        return Ok(vec![if txt {
            path.with_extension("ann")
        } else {
            path.to_path_buf()
        }]);
    }
    let entries = std::fs::read_dir(path).map_err(|source| InteropError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|file| file.extension().is_some_and(|ext| ext == "ann") && file.is_file())
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(InteropError::Malformed(format!(
            "{} holds no .ann file to import",
            path.display()
        )));
    }
    Ok(files)
}

/// One T line as read, with its fields gathered from the A and # lines that name it.
struct TextBound {
    at: String,
    id: Option<u64>,
    label: String,
    /// Code-point offsets of the fragments, as written.
    fragments: Vec<(usize, usize)>,
    /// The text after the offsets, when the line has one.
    quoted: Option<String>,
    body: Body,
    verdict_from: Option<String>,
}

/// One document: the session and what was left out.
fn document(
    ann: &Path,
    name: &str,
    options: &ImportOptions,
) -> Result<(crate::model::Session, Vec<Loss>), InteropError> {
    let txt = ann.with_extension("txt");
    let lines = read::text(ann, MAX_ANNOTATION_FILE_BYTES, Bom::Drop)?;
    if !txt.is_file() {
        return Err(InteropError::Malformed(format!(
            "{} has no text beside it: brat keeps the annotated text in {}, and it is missing",
            ann.display(),
            txt.display()
        )));
    }
    let text = read::text(&txt, crate::import::MAX_ARTICLE_BYTES, Bom::Keep)?;
    let article = Arc::new(Article::new(name, Some(txt.display().to_string()), text));
    let mut left_out = Vec::new();
    let mut lose = |at: String, what: String| {
        left_out.push(Loss {
            document: name.to_owned(),
            annotation: None,
            what: format!("{at}: {what}"),
        });
    };
    let mut bounds: Vec<TextBound> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut fields: Vec<(String, String, String, Option<String>)> = Vec::new();
    for (number, line) in read::lines(&lines) {
        if line.trim().is_empty() {
            continue;
        }
        let Some((id, rest)) = line.split_once('\t') else {
            lose(
                format!("line {number}"),
                "not a brat annotation line: expected an id, a tab and the annotation \
                 (T1<tab>Claim 0 5<tab>text)"
                    .to_owned(),
            );
            continue;
        };
        let at = format!("line {number} ({id})");
        let kind = match id.chars().next() {
            Some('T') => match text_bound(&at, id, rest) {
                Ok(bound) => {
                    by_id.insert(id.to_owned(), bounds.len());
                    bounds.push(bound);
                    continue;
                }
                Err(what) => Err(what),
            },
            Some('A' | 'M' | '#') => Ok(()),
            Some('R') => Err("a relation; Factmark has no relations between annotations"),
            Some('E') => Err("an event; Factmark has no events"),
            Some('*') => Err("an equivalence; Factmark has no relations between annotations"),
            Some('N') => Err("a normalization (a link to a knowledge base); Factmark has none"),
            _ => Err("not a kind of brat line Factmark knows (T, A, M, #, R, E, N, *)"),
        };
        match kind {
            Ok(()) => fields.push(field_line(id, rest, at)),
            Err(what) => lose(at, format!("{what}, so it is not imported")),
        }
    }
    for (at, kind, target, value) in fields {
        let Some(&index) = by_id.get(&target) else {
            lose(
                at,
                format!("it is about {target}, which is not a text annotation of this file"),
            );
            continue;
        };
        if let Err(what) = apply_field(&mut bounds[index], &kind, value) {
            lose(at, what);
        }
    }
    let mut candidates = Vec::with_capacity(bounds.len());
    for bound in bounds {
        match place(&article, &bound) {
            Ok(span) => candidates.push(Candidate {
                at: bound.at,
                id: bound.id,
                label: bound.label,
                place: Place::Span(span),
                body: bound.body,
            }),
            Err(what) => lose(bound.at, what),
        }
    }
    let session = assemble::session(
        name,
        article,
        ArticleDetails::default(),
        candidates,
        options,
        &mut left_out,
    )
    .map_err(InteropError::Malformed)?;
    Ok((session, left_out))
}

/// Reads a T line's `TYPE START END[;START END…][\tTEXT]`.
fn text_bound(at: &str, id: &str, rest: &str) -> Result<TextBound, &'static str> {
    let (data, quoted) = match rest.split_once('\t') {
        Some((data, quoted)) => (data, Some(quoted.to_owned())),
        None => (rest, None),
    };
    let (label, offsets) = data
        .split_once(' ')
        .ok_or("a text annotation needs a type and offsets (Claim 10 25)")?;
    let mut fragments = Vec::new();
    for pair in offsets.split(';') {
        let mut numbers = pair.split_whitespace().map(str::parse::<usize>);
        match (numbers.next(), numbers.next(), numbers.next()) {
            (Some(Ok(start)), Some(Ok(end)), None) => fragments.push((start, end)),
            _ => return Err("its offsets are not START END pairs of whole numbers (10 25;30 41)"),
        }
    }
    Ok(TextBound {
        at: at.to_owned(),
        id: id[1..].parse().ok(),
        label: label.to_owned(),
        fragments,
        quoted,
        body: Body::new(Tag::Claim),
        verdict_from: None,
    })
}

/// Splits an A or # line into `(where, kind, target, value)`.
fn field_line(id: &str, rest: &str, at: String) -> (String, String, String, Option<String>) {
    let (data, tail) = match rest.split_once('\t') {
        Some((data, tail)) => (data, Some(tail)),
        None => (rest, None),
    };
    let mut words = data.splitn(3, ' ');
    let kind = words.next().unwrap_or_default().to_owned();
    let target = words.next().unwrap_or_default().trim().to_owned();
    let value = if id.starts_with('#') {
        Some(tail.unwrap_or_default().to_owned())
    } else {
        words.next().map(|v| v.trim().to_owned())
    };
    (at, kind, target, value)
}

/// Puts one attribute or comment into the annotation it names; `Err` says why it cannot.
fn apply_field(bound: &mut TextBound, kind: &str, value: Option<String>) -> Result<(), String> {
    let body = &mut bound.body;
    let value = value.unwrap_or_default();
    let stamp = |value: &str| {
        Stamp::parse(value.trim()).ok_or_else(|| {
            format!("\"{value}\" is not an RFC 3339 UTC time (2026-11-02T09:15:00Z)")
        })
    };
    match kind {
        syntax::STATUS => {
            body.status = parse_status(&value).ok_or_else(|| {
                format!("\"{value}\" is not a status (ToCheck, Checking, Checked, NotCheckable)")
            })?;
        }
        syntax::VERDICT | syntax::ATTRIBUTION => {
            if let Some(first) = &bound.verdict_from {
                return Err(format!("a second verdict; {first} already gave one"));
            }
            if value.is_empty() {
                return Err("a verdict without a value".to_owned());
            }
            body.verdict = Some(syntax::decode_value(&value));
            bound.verdict_from = Some(kind.to_owned());
        }
        syntax::NOTES => {
            let note = syntax::unescape(&value);
            if body.note.is_empty() {
                body.note = note;
            } else {
                body.note = format!("{}\n{note}", body.note);
            }
        }
        syntax::CLAIMANT if body.claimant.is_empty() => body.claimant = syntax::unescape(&value),
        syntax::CLAIMANT => return Err("a second claimant".to_owned()),
        syntax::SOURCE | syntax::PRIMARY_SOURCE => body.sources.push(syntax::decode_source(
            kind == syntax::PRIMARY_SOURCE,
            &value,
        )),
        syntax::ANALYST => body.analyst = syntax::unescape(&value),
        syntax::CREATED => body.created = Some(stamp(&value)?),
        syntax::CHANGED => body.changed = Some(stamp(&value)?),
        other => {
            return Err(format!(
                "\"{other}\" is not a Factmark field (Status, Verdict, Attribution, \
                 AnnotatorNotes, Claimant, Source, PrimarySource, Analyst, Created, Changed)"
            ));
        }
    }
    Ok(())
}

/// A status by its file name or label, in any case (`Checked`, `not checkable`).
fn parse_status(value: &str) -> Option<Status> {
    let squeeze = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let wanted = squeeze(value);
    Status::ALL
        .into_iter()
        .find(|status| squeeze(status.file_name()) == wanted)
}

/// The span (bytes) of a T line: its fragments checked against the text and joined.
fn place(article: &Article, bound: &TextBound) -> Result<Span, String> {
    let text = article.text();
    let map = article.offsets();
    let length = map.char_count();
    let mut fragments = bound.fragments.clone();
    fragments.sort_unstable();
    let mut bytes = Vec::with_capacity(fragments.len());
    for &(start, end) in &fragments {
        if start > end {
            return Err(format!("its start {start} is after its end {end}"));
        }
        let range =
            map.to_byte(text, start, Unit::CodePoint)
                .zip(map.to_byte(text, end, Unit::CodePoint));
        let Some((from, to)) = range else {
            return Err(format!(
                "its offsets {start}–{end} are past the end of the text ({length} characters)"
            ));
        };
        bytes.push(from..to);
    }
    let slices: Vec<&str> = bytes.iter().map(|r| &text[r.clone()]).collect();
    if let Some(quoted) = &bound.quoted {
        let expected = slices.join(" ");
        if *quoted != expected {
            return Err(format!(
                "its text \"{quoted}\" is not the text at its offsets, \"{expected}\""
            ));
        }
    }
    for pair in bytes.windows(2) {
        let between = text
            .get(pair[0].end..pair[1].start)
            .unwrap_or("overlapping");
        if !between.trim().is_empty() || pair[0].end > pair[1].start {
            return Err(format!(
                "its fragments leave out \"{between}\"; a Factmark span is one piece of text"
            ));
        }
    }
    match (bytes.first(), bytes.last()) {
        (Some(first), Some(last)) => Ok(Span::new(first.start, last.end)),
        _ => Err("it has no offsets".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_read_by_name_or_label() {
        assert_eq!(parse_status("NotCheckable"), Some(Status::NotCheckable));
        assert_eq!(parse_status("not checkable"), Some(Status::NotCheckable));
        assert_eq!(parse_status("to_check"), Some(Status::ToCheck));
        assert_eq!(parse_status("Done"), None);
    }

    #[test]
    fn text_bounds_parse_fragments() {
        let bound = text_bound("line 1", "T3", "Quote 61 126;127 144\tx y").unwrap();
        assert_eq!(bound.fragments, [(61, 126), (127, 144)]);
        assert_eq!(bound.id, Some(3));
        assert_eq!(bound.quoted.as_deref(), Some("x y"));
        assert!(text_bound("l", "T1", "Claim 1 x").is_err());
        assert!(text_bound("l", "T1", "Claim").is_err());
        assert!(text_bound("l", "T1", "Claim 1 2 3").is_err());
        assert!(text_bound("l", "T1", "Claim -1 2").is_err());
    }
}
