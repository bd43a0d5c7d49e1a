//! The header check (format, version) and the messages for files that do not parse as a
//! session: what the value is instead, where a syntax error is, whether the file looks cut off.

use super::super::error::{LoadError, LoadErrorKind, Origin};
use super::super::schema::{FORMAT, VERSION};
use super::excerpt::excerpt;
use super::{EXCERPT_CHARS, MAX_ID};

/// Checks `format` and `version` before the rest of the file is interpreted; returns the
/// version.
pub(super) fn check_header(value: &ron::Value, file: &Origin) -> Result<u64, LoadError> {
    let wrong = |found: String| LoadError::new(file, LoadErrorKind::WrongFormat { found });
    let ron::Value::Map(fields) = value else {
        return Err(wrong(describe(value)));
    };
    let field = |name: &str| fields.get(&ron::Value::String(name.to_owned()));
    match field("format") {
        Some(ron::Value::String(format)) if format == FORMAT => {}
        Some(other) => return Err(wrong(format!("`format: {}`", short_ron(other)))),
        None => return Err(wrong("no `format` field".to_owned())),
    }
    let unknown = |found: String| {
        LoadError::new(
            file,
            LoadErrorKind::UnknownVersion {
                found,
                supported: VERSION,
            },
        )
    };
    let version = match field("version") {
        Some(value) => value
            .clone()
            .into_rust::<u64>()
            .map_err(|_| unknown(short_ron(value)))?,
        None => return Err(unknown("(the `version` field is missing)".to_owned())),
    };
    if version > VERSION {
        return Err(LoadError::new(
            file,
            LoadErrorKind::NewerVersion {
                version,
                supported: VERSION,
            },
        ));
    }
    if version == 0 {
        return Err(unknown(version.to_string()));
    }
    Ok(version)
}

/// A few words for a RON value that is not a session.
pub(super) fn describe(value: &ron::Value) -> String {
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
pub(super) fn short_ron(value: &ron::Value) -> String {
    let text = ron::to_string(value).unwrap_or_else(|_| describe(value));
    excerpt(&text, EXCERPT_CHARS)
}

/// Adds "the file may be truncated" to a syntax error found where the text ends.
pub(super) fn with_truncation_hint(message: String, src: &str, line: usize, col: usize) -> String {
    let text = src.trim_end();
    let end_line = 1 + text.matches('\n').count();
    let end_col = 1 + text
        .rsplit('\n')
        .next()
        .map_or(0, |last| last.chars().count());
    // Parsers report the error at the last character or just past it.
    if (line, col + 1) >= (end_line, end_col) {
        format!(
            "{message}; the file ends here, so it may be truncated (cut off while saving or copying)"
        )
    } else {
        message
    }
}

/// Maps a typed-parse error to [`LoadError::UnknownTag`] or [`LoadError::Malformed`].
pub(super) fn schema_error(error: ron::error::SpannedError, file: &Origin) -> LoadError {
    let line = error.span.start.line;
    let col = error.span.start.col;
    match error.code {
        ron::Error::NoSuchEnumVariant { found, outer, .. } if outer.as_deref() == Some("Tag") => {
            LoadError::new(file, LoadErrorKind::UnknownTag { line, col, found })
        }
        ron::Error::IntegerOutOfBounds => LoadError::new(
            file,
            LoadErrorKind::Malformed {
                line,
                col,
                message: format!(
                    "number out of range: ids, offsets and the version are whole decimal numbers \
                 with no minus sign, and ids are at most {MAX_ID} (2^53 − 1)"
                ),
            },
        ),
        ron::Error::ExpectedOption => LoadError::new(
            file,
            LoadErrorKind::Malformed {
                line,
                col,
                message: "Expected option: write `None` or `Some(…)` (as in `source` and `import`)"
                    .to_owned(),
            },
        ),
        code => LoadError::new(
            file,
            LoadErrorKind::Malformed {
                line,
                col,
                message: code.to_string(),
            },
        ),
    }
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
}
