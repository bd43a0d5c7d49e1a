//! Loading: read the file defensively (size, binary, UTF-8), check the header (format,
//! version), parse formats v2 to v4 (or v1, migrated), then validate the article (hash,
//! import record), every annotation and orphan, and every rejected suggestion against it
//! before building a `Session`.

use std::path::Path;

use super::error::{LoadError, LoadErrorKind, Origin};
use super::fingerprint::Fingerprint;
use super::schema::{
    AnnotationFile, ArticleFile, FORMAT, OrphanFile, RejectionFile, ScalesFile, SessionFile,
    SessionFileV1, VERSION,
};
use super::textfile::{self, TextFileError};
use crate::model::Session;

mod decimal;
mod excerpt;
mod header;

/// Short, visible excerpts of user text for messages (also the exchange formats').
pub(crate) use excerpt::excerpt;
mod validate;

use decimal::check_decimal;
use header::{check_header, schema_error, with_truncation_hint};
use validate::validate;

/// Session files larger than this are refused before reading (64 MiB).
pub const MAX_SESSION_BYTES: u64 = 64 * 1024 * 1024;

/// Deepest bracket nesting accepted. A session needs 4 levels (`(` → `annotations: [` → `(`
/// → `Some(`); the limit stops hostile files from exhausting the parser's stack.
pub const MAX_NESTING: usize = 32;

/// Largest annotation id accepted: 2^53 − 1, so ids survive a round trip through JSON and
/// JavaScript numbers in exports, and the id allocator can never overflow.
pub const MAX_ID: u64 = (1 << 53) - 1;

/// Longest excerpt of annotation text quoted in an error message, in characters.
const EXCERPT_CHARS: usize = 60;

/// A loaded session with what the caller needs to know about the file it came from.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The validated session (always in the current format's model).
    pub session: Session,
    /// The format version the file was written in. Lower than [`VERSION`] means the session
    /// was migrated in memory; the file itself changes only when the user saves.
    pub version: u64,
    /// Fingerprint of the exact bytes read, for [`super::changed_on_disk`] and
    /// [`super::save_checked`].
    pub fingerprint: Fingerprint,
}

impl Loaded {
    /// True when the file was written in an older format version and was migrated on load.
    pub fn migrated(&self) -> bool {
        self.version < VERSION
    }
}

/// Reads and validates the session file at `path`.
///
/// # Errors
///
/// A [`LoadError`] naming the file for each problem: unreadable, over
/// [`MAX_SESSION_BYTES`], binary or not UTF-8, bad RON (with line and column), nested too
/// deeply, not a session, a newer or unknown version, or annotations that do not fit the
/// article.
pub fn load(path: &Path) -> Result<Session, LoadError> {
    load_full(path).map(|loaded| loaded.session)
}

/// Like [`load`], and also reports the file's format version and the fingerprint of the
/// bytes read (take it here, not by re-reading the file, so nothing can change in between).
///
/// # Errors
///
/// The same [`LoadError`]s as [`load`].
pub fn load_full(path: &Path) -> Result<Loaded, LoadError> {
    let file = Origin(Some(path.to_path_buf()));
    let (bytes, metadata) =
        textfile::read_bytes(path, MAX_SESSION_BYTES).map_err(|e| read_error(e, &file))?;
    let fingerprint = Fingerprint::of_bytes(&bytes, metadata.modified().ok());
    let src = textfile::decode(bytes).map_err(|e| read_error(e, &file))?;
    let (session, version) = parse(&src, &file)?;
    Ok(Loaded {
        session,
        version,
        fingerprint,
    })
}

/// Checks and parses the raw bytes of a session file, as [`load`] does after reading it.
/// Errors do not name a file. This is the entry point of the fuzz target.
///
/// # Errors
///
/// The same [`LoadError`]s as [`load`], except those about opening the file.
pub fn from_bytes(bytes: &[u8]) -> Result<Session, LoadError> {
    let file = Origin::default();
    if bytes.len() as u64 > MAX_SESSION_BYTES {
        return Err(LoadError::new(
            &file,
            LoadErrorKind::TooLarge {
                size: bytes.len() as u64,
                limit: MAX_SESSION_BYTES,
            },
        ));
    }
    let src = textfile::decode(bytes.to_vec()).map_err(|e| read_error(e, &file))?;
    parse(&src, &file).map(|(session, _)| session)
}

/// The [`LoadError`] for a failure to read a file as text.
fn read_error(error: TextFileError, file: &Origin) -> LoadError {
    let kind = match error {
        TextFileError::Io(reason) => LoadErrorKind::Io { reason },
        TextFileError::TooLarge { size, limit } => LoadErrorKind::TooLarge { size, limit },
        TextFileError::Binary => LoadErrorKind::Binary {
            reason: "it contains NUL bytes",
        },
        TextFileError::Utf16 => LoadErrorKind::Binary {
            reason: "it is UTF-16 encoded; sessions are UTF-8",
        },
        TextFileError::NotUtf8 { line, offset } => LoadErrorKind::NotUtf8 { line, offset },
    };
    LoadError::new(file, kind)
}

/// The parts of a session file of any version, after migration to the current shape.
struct Parts {
    scales: ScalesFile<'static>,
    article: ArticleFile<'static>,
    annotations: Vec<AnnotationFile<'static>>,
    orphans: Vec<OrphanFile<'static>>,
    rejected: Vec<RejectionFile<'static>>,
}

/// Parses and validates session text; errors name `file`. Returns the session and the
/// format version of the text.
pub(crate) fn parse(src: &str, file: &Origin) -> Result<(Session, u64), LoadError> {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    if src.contains('\0') {
        return Err(LoadError::new(
            file,
            LoadErrorKind::Binary {
                reason: "it contains NUL bytes",
            },
        ));
    }
    if src.trim().is_empty() {
        return Err(LoadError::new(file, LoadErrorKind::Empty));
    }
    let options = ron::Options::default().with_recursion_limit(MAX_NESTING);
    // Files as Factmark writes them start with a fixed header: read the version from it and
    // skip the generic parse, which costs more than the typed one on a large session.
    // A file that then fails takes the careful path too, so its message is the same.
    if let Some(version) = written_header_version(src)
        && let Ok(parsed) = parse_body(src, version, &options, file)
    {
        return Ok(parsed);
    }
    // Parse generically first: a syntax error is reported as such, and a foreign RON file
    // gets "not a Factmark session" instead of a confusing complaint about a missing field.
    let value: ron::Value = options.from_str(src).map_err(|error| {
        let (line, col) = (error.span.start.line, error.span.start.col);
        match error.code {
            ron::Error::ExceededRecursionLimit => LoadError::new(
                file,
                LoadErrorKind::TooDeep {
                    line,
                    col,
                    limit: MAX_NESTING,
                },
            ),
            code => LoadError::new(
                file,
                LoadErrorKind::Syntax {
                    line,
                    col,
                    message: with_truncation_hint(code.to_string(), src, line, col),
                },
            ),
        }
    })?;
    let version = check_header(&value, file)?;
    drop(value);
    parse_body(src, version, &options, file)
}

/// The version in the exact header Factmark writes (`(`, then `format: "factmark-session",`
/// and `version: N,` on their own lines), when it is a version this build reads. Anything
/// else (hand-edited, foreign, newer) returns `None` and takes the careful path.
fn written_header_version(src: &str) -> Option<u64> {
    let mut lines = src.lines();
    if lines.next()? != "(" || lines.next()?.trim() != format!("format: \"{FORMAT}\",") {
        return None;
    }
    let version: u64 = lines
        .next()?
        .trim()
        .strip_prefix("version: ")?
        .strip_suffix(',')?
        .parse()
        .ok()?;
    (1..=VERSION).contains(&version).then_some(version)
}

/// True when `bytes` begin like a Factmark session: an optional byte-order mark, then `(`
/// and `format: "factmark-session"` with any whitespace between the tokens (the header every
/// saved session starts with, indented or not). Used to notice a session whatever the file
/// is called, so it is never read as an article's plain text.
pub fn looks_like_session(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut wanted = b"(format:\"".iter().chain(FORMAT.as_bytes()).chain(b"\"");
    let mut found = bytes.iter().filter(|b| !b.is_ascii_whitespace());
    wanted.all(|w| found.next() == Some(w))
}

/// True when the file at `path` is a session: named `.ron`, or (whatever its name) its first
/// bytes are a session header ([`looks_like_session`]). A file that cannot be read is not a
/// session here; whoever opens it next reports why it cannot be read.
pub fn is_session_file(path: &Path) -> bool {
    use std::io::Read as _;
    if path
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("ron"))
    {
        return true;
    }
    let Ok((file, _)) = textfile::open_regular(path) else {
        return false;
    };
    // The header is the first ~40 bytes; 256 leave room for a BOM and odd indentation.
    let mut head = Vec::with_capacity(256);
    file.take(256).read_to_end(&mut head).is_ok() && looks_like_session(&head)
}

/// Parses the whole file as session format `version` (already checked) and validates it.
fn parse_body(
    src: &str,
    version: u64,
    options: &ron::Options,
    file: &Origin,
) -> Result<(Session, u64), LoadError> {
    if src.trim_start().starts_with('{') {
        return Err(LoadError::new(
            file,
            LoadErrorKind::WrongFormat {
                found: "a `{…}` map (JSON?); a session is a RON struct written `(…)`".to_owned(),
            },
        ));
    }
    check_decimal(src, file)?;
    let parts = if version == 1 {
        let v1: SessionFileV1<'static> = options
            .from_str(src)
            .map_err(|error| schema_error(error, file))?;
        Parts {
            scales: ScalesFile::default(),
            article: v1.article.into(),
            annotations: v1.annotations.into_iter().map(Into::into).collect(),
            orphans: Vec::new(),
            rejected: Vec::new(),
        }
    } else {
        // Versions 2 and 3 read with the version 4 struct: every field v3 and v4 added has a
        // default (no rejections before v4).
        let v4: SessionFile<'static> = options
            .from_str(src)
            .map_err(|error| schema_error(error, file))?;
        Parts {
            scales: v4.scales,
            article: v4.article,
            annotations: v4.annotations,
            orphans: v4.orphans,
            rejected: v4.rejected,
        }
    };
    validate(parts, file).map(|session| (session, version))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_written_header_is_read_without_a_generic_parse() {
        assert_eq!(
            written_header_version("(\n    format: \"factmark-session\",\n    version: 2,\n"),
            Some(2)
        );
        assert_eq!(
            written_header_version("(\n    format: \"factmark-session\",\n    version: 1,\n"),
            Some(1)
        );
        // Newer, foreign, or reshaped headers take the careful path (and its messages).
        for src in [
            "(\n    format: \"factmark-session\",\n    version: 99,\n",
            "(\n    format: \"other\",\n    version: 2,\n",
            "(format: \"factmark-session\", version: 2)",
            "(\n    version: 2,\n    format: \"factmark-session\",\n",
        ] {
            assert_eq!(written_header_version(src), None, "{src}");
        }
    }

    #[test]
    fn only_decimal_integers_outside_text() {
        let file = Origin::default();
        for ok in [
            "(id: 12, text: \"0x2\", c: '0', r: r#\"0b1 \" 0x\"#, n: 10)",
            "(a: 1) // 0x2\n/* 0o7 /* 0b1 */ 0x1 */",
            "(name: ab0x1, f: 1.5e3, s: \"\\\"0x2\")",
        ] {
            assert!(check_decimal(ok, &file).is_ok(), "{ok}");
        }
        for (bad, shown) in [
            ("(id: 0x2)", "`0x2`"),
            ("(a: [\n  -0o17])", "`0o17`"),
            ("(b: \"x\", c: 0B1)", "`0B1`"),
        ] {
            let message = check_decimal(bad, &file).unwrap_err().to_string();
            assert!(message.contains(shown), "{bad}: {message}");
        }
        let message = check_decimal("(a: 1,\n b: 0x2)", &file)
            .unwrap_err()
            .to_string();
        assert!(message.starts_with("line 2, column 5:"), "{message}");
    }

    #[test]
    fn sessions_are_recognised_by_their_first_bytes() {
        assert!(looks_like_session(
            b"(\n    format: \"factmark-session\",\n"
        ));
        assert!(looks_like_session(
            b"\xEF\xBB\xBF ( format:\"factmark-session\""
        ));
        assert!(!looks_like_session(b"(format: \"other\")"));
        assert!(!looks_like_session(
            b"The article (format: \"factmark-session\")"
        ));
        assert!(!looks_like_session(b""));
    }
}
