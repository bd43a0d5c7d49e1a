//! Loading: read the file defensively, check the header (format, version), parse format v1,
//! then validate every annotation against the article before building a `Session`.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

use super::error::{LoadError, Origin};
use super::schema::{self, AnnotationFile, FORMAT, SessionFile, VERSION};
use super::textfile::{self, TextFileError};
use crate::model::{Annotation, AnnotationId, Article, EditError, Session, Span};

/// Session files larger than this are refused before reading (64 MiB).
pub const MAX_SESSION_BYTES: u64 = 64 * 1024 * 1024;

/// Longest excerpt of annotation text quoted in an error message, in characters.
const EXCERPT_CHARS: usize = 60;

/// Reads and validates the session file at `path`.
///
/// # Errors
///
/// A [`LoadError`] naming the file for each problem: unreadable, over
/// [`MAX_SESSION_BYTES`], binary or not UTF-8, bad RON (with line and column), not a session,
/// a newer or unknown version, or annotations that do not fit the article.
pub fn load(path: &Path) -> Result<Session, LoadError> {
    let file = Origin(Some(path.to_path_buf()));
    let src = textfile::read_text(path, MAX_SESSION_BYTES).map_err(|error| match error {
        TextFileError::Io(source) => LoadError::Io {
            file: file.clone(),
            source,
        },
        TextFileError::TooLarge { size, limit } => LoadError::TooLarge {
            file: file.clone(),
            size,
            limit,
        },
        TextFileError::Binary => LoadError::Binary {
            file: file.clone(),
            reason: "it contains NUL bytes",
        },
        TextFileError::Utf16 => LoadError::Binary {
            file: file.clone(),
            reason: "it is UTF-16 encoded; sessions are UTF-8",
        },
        TextFileError::NotUtf8 { line, offset } => LoadError::NotUtf8 {
            file: file.clone(),
            line,
            offset,
        },
    })?;
    parse(&src, &file)
}

/// Parses and validates session text; errors name `file`.
pub(crate) fn parse(src: &str, file: &Origin) -> Result<Session, LoadError> {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    if src.contains('\0') {
        return Err(LoadError::Binary {
            file: file.clone(),
            reason: "it contains NUL bytes",
        });
    }
    // Parse generically first: a syntax error is reported as such, and a foreign RON file
    // gets "not a Factmark session" instead of a confusing complaint about a missing field.
    let value: ron::Value = ron::from_str(src).map_err(|error| LoadError::Syntax {
        file: file.clone(),
        line: error.span.start.line,
        col: error.span.start.col,
        message: error.code.to_string(),
    })?;
    check_header(&value, file)?;
    let parsed: SessionFile<'static> =
        ron::from_str(src).map_err(|error| schema_error(error, file))?;
    validate(parsed, file)
}

/// Checks `format` and `version` before the rest of the file is interpreted.
fn check_header(value: &ron::Value, file: &Origin) -> Result<(), LoadError> {
    let wrong = |found: String| LoadError::WrongFormat {
        file: file.clone(),
        found,
    };
    let ron::Value::Map(fields) = value else {
        return Err(wrong(describe(value)));
    };
    let field = |name: &str| fields.get(&ron::Value::String(name.to_owned()));
    match field("format") {
        Some(ron::Value::String(format)) if format == FORMAT => {}
        Some(other) => return Err(wrong(format!("`format: {}`", short_ron(other)))),
        None => return Err(wrong("no `format` field".to_owned())),
    }
    let unknown = |found: String| LoadError::UnknownVersion {
        file: file.clone(),
        found,
        supported: VERSION,
    };
    let version = match field("version") {
        Some(value) => value
            .clone()
            .into_rust::<u64>()
            .map_err(|_| unknown(short_ron(value)))?,
        None => return Err(unknown("(the `version` field is missing)".to_owned())),
    };
    if version > VERSION {
        return Err(LoadError::NewerVersion {
            file: file.clone(),
            version,
            supported: VERSION,
        });
    }
    if version == 0 {
        return Err(unknown(version.to_string()));
    }
    // Older versions would be migrated here; 1 is the first.
    Ok(())
}

/// A few words for a RON value that is not a session.
fn describe(value: &ron::Value) -> String {
    match value {
        ron::Value::Bool(_) => "a boolean".to_owned(),
        ron::Value::Char(_) => "a character".to_owned(),
        ron::Value::Map(_) => "a map".to_owned(),
        ron::Value::Number(_) => "a number".to_owned(),
        ron::Value::Option(_) => "an option".to_owned(),
        ron::Value::String(_) => "a string".to_owned(),
        ron::Value::Bytes(_) => "a byte string".to_owned(),
        ron::Value::Seq(_) => "a list".to_owned(),
        ron::Value::Unit => "a unit value".to_owned(),
    }
}

/// A value as RON, shortened for a message.
fn short_ron(value: &ron::Value) -> String {
    let text = ron::to_string(value).unwrap_or_else(|_| describe(value));
    excerpt(&text, EXCERPT_CHARS)
}

/// Maps a typed-parse error to [`LoadError::UnknownTag`] or [`LoadError::Malformed`].
fn schema_error(error: ron::error::SpannedError, file: &Origin) -> LoadError {
    let line = error.span.start.line;
    let col = error.span.start.col;
    match error.code {
        ron::Error::NoSuchEnumVariant { found, outer, .. } if outer.as_deref() == Some("Tag") => {
            LoadError::UnknownTag {
                file: file.clone(),
                line,
                col,
                found,
            }
        }
        code => LoadError::Malformed {
            file: file.clone(),
            line,
            col,
            message: code.to_string(),
        },
    }
}

/// Checks the article hash and every annotation, then builds the session.
fn validate(parsed: SessionFile<'static>, file: &Origin) -> Result<Session, LoadError> {
    let article = parsed.article;
    let actual = schema::sha256_hex(&article.text);
    if !actual.eq_ignore_ascii_case(article.sha256.trim()) {
        return Err(LoadError::ShaMismatch {
            file: file.clone(),
            recorded: excerpt(&article.sha256, 80),
            actual,
        });
    }
    let article = Arc::new(Article::new(
        article.title.into_owned(),
        article.source.map(std::borrow::Cow::into_owned),
        article.text.into_owned(),
    ));
    let mut seen = HashSet::with_capacity(parsed.annotations.len());
    let annotations = parsed
        .annotations
        .into_iter()
        .map(|stored| {
            if !seen.insert(stored.id) {
                return Err(LoadError::DuplicateId {
                    id: AnnotationId(stored.id),
                    file: file.clone(),
                });
            }
            to_annotation(&article, stored, file)
        })
        .collect::<Result<Vec<_>, _>>()?;
    Session::with_annotations(article, annotations).map_err(|error| match error {
        EditError::DuplicateId(id) => LoadError::DuplicateId {
            id,
            file: file.clone(),
        },
        source => LoadError::Rejected {
            file: file.clone(),
            source,
        },
    })
}

/// Converts one stored annotation to the model's byte offsets, checking it on the way.
fn to_annotation(
    article: &Article,
    stored: AnnotationFile<'static>,
    file: &Origin,
) -> Result<Annotation, LoadError> {
    let id = AnnotationId(stored.id);
    let (start, end) = (stored.start, stored.end);
    let len = article.offsets().char_count();
    if start >= end {
        return Err(LoadError::EmptySpan {
            id,
            start,
            end,
            len,
            file: file.clone(),
        });
    }
    let out_of_range = || LoadError::OutOfRange {
        id,
        start,
        end,
        len,
        file: file.clone(),
    };
    let byte_start = article.byte_of_char(start).ok_or_else(out_of_range)?;
    let byte_end = article.byte_of_char(end).ok_or_else(out_of_range)?;
    let span = Span::new(byte_start, byte_end);
    let actual = span.slice(article.text()).ok_or_else(out_of_range)?;
    if actual != stored.text {
        return Err(LoadError::TextMismatch {
            id,
            start,
            end,
            stored: excerpt(&stored.text, EXCERPT_CHARS),
            actual: excerpt(actual, EXCERPT_CHARS),
            file: file.clone(),
        });
    }
    if actual.trim().is_empty() {
        return Err(LoadError::BlankSpan {
            id,
            start,
            end,
            file: file.clone(),
        });
    }
    Ok(Annotation {
        id,
        tag: stored.tag,
        span,
        note: stored.note.into_owned(),
    })
}

/// `text` shortened to `max` characters (with `…`), line breaks shown as `⏎`.
fn excerpt(text: &str, max: usize) -> String {
    let mut out: String = text
        .chars()
        .take(max)
        .map(|c| if c == '\n' { '⏎' } else { c })
        .collect();
    if text.chars().nth(max).is_some() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ron_value_sees_a_session_as_a_map_with_string_keys() {
        let value: ron::Value =
            ron::from_str("(format: \"factmark-session\", version: 1, tag: Statistic)").unwrap();
        let ron::Value::Map(map) = &value else {
            panic!("not a map: {value:?}")
        };
        assert_eq!(
            map.get(&ron::Value::String("format".into())),
            Some(&ron::Value::String(FORMAT.into()))
        );
        assert!(check_header(&value, &Origin::default()).is_ok());
    }

    #[test]
    fn header_errors() {
        let check = |src: &str| {
            let value: ron::Value = ron::from_str(src).unwrap();
            check_header(&value, &Origin::default())
                .unwrap_err()
                .to_string()
        };
        assert!(check("[1, 2]").contains("not a Factmark session"));
        assert!(check("(name: \"x\")").contains("no `format` field"));
        assert!(check("(format: \"other\", version: 1)").contains("\"other\""));
        assert!(check("(format: \"factmark-session\", version: 7)").contains("Update Factmark"));
        assert!(check("(format: \"factmark-session\", version: 0)").contains("unknown"));
        assert!(check("(format: \"factmark-session\", version: \"1\")").contains("unknown"));
        assert!(check("(format: \"factmark-session\")").contains("missing"));
    }

    #[test]
    fn excerpts_are_short() {
        assert_eq!(excerpt("a\nb", 10), "a⏎b");
        let long = "č".repeat(100);
        assert_eq!(excerpt(&long, 60).chars().count(), 61);
    }
}
