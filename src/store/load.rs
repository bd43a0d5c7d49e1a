//! Loading: read the file defensively (size, binary, UTF-8), check the header (format,
//! version), parse format v2 (or v1, migrated), then validate the article (hash, import
//! record) and every annotation and orphan against it before building a `Session`.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

use super::error::{LoadError, LoadErrorKind, Origin};
use super::fingerprint::Fingerprint;
use super::schema::{
    self, AnnotationFile, ArticleFile, BodyFile, FORMAT, ImportFile, OrphanFile, SessionFile,
    SessionFileV1, VERSION,
};
use super::textfile::{self, TextFileError};
use crate::model::{
    Annotation, AnnotationId, Article, Body, EditError, Orphan, Provenance, Quote, Session, Span,
};

mod decimal;

use decimal::check_decimal;

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
    article: ArticleFile<'static>,
    annotations: Vec<AnnotationFile<'static>>,
    orphans: Vec<OrphanFile<'static>>,
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
            article: v1.article.into(),
            annotations: v1.annotations.into_iter().map(Into::into).collect(),
            orphans: Vec::new(),
        }
    } else {
        let v2: SessionFile<'static> = options
            .from_str(src)
            .map_err(|error| schema_error(error, file))?;
        Parts {
            article: v2.article,
            annotations: v2.annotations,
            orphans: v2.orphans,
        }
    };
    validate(parts, file).map(|session| (session, version))
}

/// Checks `format` and `version` before the rest of the file is interpreted; returns the
/// version.
fn check_header(value: &ron::Value, file: &Origin) -> Result<u64, LoadError> {
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

/// Adds "the file may be truncated" to a syntax error found where the text ends.
fn with_truncation_hint(message: String, src: &str, line: usize, col: usize) -> String {
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
fn schema_error(error: ron::error::SpannedError, file: &Origin) -> LoadError {
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

/// Checks the article hash and import record, ids, every annotation and orphan, then builds
/// the session.
fn validate(parts: Parts, file: &Origin) -> Result<Session, LoadError> {
    let article = parts.article;
    let actual = schema::sha256_hex(&article.text);
    if !actual.eq_ignore_ascii_case(article.sha256.trim()) {
        return Err(LoadError::new(
            file,
            LoadErrorKind::ShaMismatch {
                recorded: excerpt(&article.sha256, 80),
                actual,
            },
        ));
    }
    check_nul(&article.title, || "the article title".to_owned(), file)?;
    if let Some(source) = &article.source {
        check_nul(source, || "the article source".to_owned(), file)?;
    }
    check_nul(&article.text, || "the article text".to_owned(), file)?;
    let provenance = article
        .import
        .map(|import| to_provenance(import, file))
        .transpose()?;
    let mut built = Article::new(
        article.title.into_owned(),
        article.source.map(std::borrow::Cow::into_owned),
        article.text.into_owned(),
    );
    if let Some(provenance) = provenance {
        built = built.with_provenance(provenance);
    }
    let article = Arc::new(built);
    let mut seen = HashSet::with_capacity(parts.annotations.len() + parts.orphans.len());
    let ids = parts
        .annotations
        .iter()
        .map(|a| a.id)
        .chain(parts.orphans.iter().map(|o| o.id));
    for id in ids {
        if id > MAX_ID {
            return Err(LoadError::new(
                file,
                LoadErrorKind::IdTooLarge { id, max: MAX_ID },
            ));
        }
        if !seen.insert(id) {
            return Err(LoadError::new(
                file,
                LoadErrorKind::DuplicateId {
                    id: AnnotationId(id),
                },
            ));
        }
    }
    let annotations = parts
        .annotations
        .into_iter()
        .map(|stored| to_annotation(&article, stored, file))
        .collect::<Result<Vec<_>, _>>()?;
    let orphans = parts
        .orphans
        .into_iter()
        .map(|stored| to_orphan(stored, file))
        .collect::<Result<Vec<_>, _>>()?;
    Session::from_parts(article, annotations, orphans).map_err(|error| match error {
        EditError::DuplicateId(id) => LoadError::new(file, LoadErrorKind::DuplicateId { id }),
        reason => LoadError::new(file, LoadErrorKind::Rejected { reason }),
    })
}

/// Refuses text holding a NUL character (written as `\0` or `\u{0}` in RON): sessions hold
/// plain text, and NUL breaks C-based tools and terminals downstream.
fn check_nul(text: &str, what: impl Fn() -> String, file: &Origin) -> Result<(), LoadError> {
    match text.find('\0') {
        None => Ok(()),
        Some(byte) => Err(LoadError::new(
            file,
            LoadErrorKind::NulInText {
                what: what(),
                at: text[..byte].chars().count(),
            },
        )),
    }
}

/// Checks the article's import record: `importer` and `encoding` not blank, `source_sha256`
/// 64 lower-case hex digits, no NUL. Importer and encoding names are not restricted to the
/// ones this build knows, so a newer Factmark or another tool may record its own.
fn to_provenance(import: ImportFile<'static>, file: &Origin) -> Result<Provenance, LoadError> {
    let invalid = |field: &'static str, problem: String| {
        LoadError::new(file, LoadErrorKind::BadImport { field, problem })
    };
    for (field, value) in [
        ("importer", &import.importer),
        ("encoding", &import.encoding),
        ("source_sha256", &import.source_sha256),
    ] {
        check_nul(value, || format!("the article's `import.{field}`"), file)?;
    }
    if import.importer.trim().is_empty() {
        return Err(invalid(
            "importer",
            "it is empty or only whitespace; it names the importer that read the source, \
             such as \"plain-text\" or \"html\""
                .to_owned(),
        ));
    }
    if import.encoding.trim().is_empty() {
        return Err(invalid(
            "encoding",
            "it is empty or only whitespace; it names the encoding the source was decoded \
             from, such as \"UTF-8\""
                .to_owned(),
        ));
    }
    let sha = &import.source_sha256;
    if sha.len() != 64 || !sha.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        return Err(invalid(
            "source_sha256",
            format!(
                "\"{}\" is not 64 lower-case hex digits (the SHA-256 of the source file's \
                 bytes)",
                excerpt(sha, 80)
            ),
        ));
    }
    Ok(Provenance {
        importer: import.importer.into_owned(),
        encoding: import.encoding.into_owned(),
        source_sha256: import.source_sha256.into_owned(),
    })
}

/// Converts one stored annotation to the model's byte offsets, checking it on the way.
fn to_annotation(
    article: &Article,
    mut stored: AnnotationFile<'static>,
    file: &Origin,
) -> Result<Annotation, LoadError> {
    let id = AnnotationId(stored.id);
    let (start, end) = (stored.start, stored.end);
    let len = article.offsets().char_count();
    let what = |field: &str| format!("the {field} of annotation {id}");
    check_nul(&stored.text, || what("text"), file)?;
    let body = to_body(stored.take_body(), &what, file)?;
    if start >= end {
        return Err(LoadError::new(
            file,
            LoadErrorKind::EmptySpan {
                id,
                start,
                end,
                len,
            },
        ));
    }
    let text = article.text();
    let wrong_unit = || {
        guess_unit(text, start, end, &stored.text).map(|unit| {
            LoadError::new(
                file,
                LoadErrorKind::WrongOffsetUnit {
                    id,
                    start,
                    end,
                    unit,
                },
            )
        })
    };
    let out_of_range = || {
        wrong_unit().unwrap_or_else(|| {
            LoadError::new(
                file,
                LoadErrorKind::OutOfRange {
                    id,
                    start,
                    end,
                    len,
                },
            )
        })
    };
    let byte_start = article.byte_of_char(start).ok_or_else(out_of_range)?;
    let byte_end = article.byte_of_char(end).ok_or_else(out_of_range)?;
    let span = Span::new(byte_start, byte_end);
    let actual = span.slice(text).ok_or_else(out_of_range)?;
    if actual != stored.text {
        return Err(wrong_unit().unwrap_or_else(|| {
            LoadError::new(
                file,
                LoadErrorKind::TextMismatch {
                    id,
                    start,
                    end,
                    stored: excerpt(&stored.text, EXCERPT_CHARS),
                    actual: excerpt(actual, EXCERPT_CHARS),
                },
            )
        }));
    }
    if actual.trim().is_empty() {
        return Err(LoadError::new(
            file,
            LoadErrorKind::BlankSpan { id, start, end },
        ));
    }
    let before = &text[..byte_start];
    let after = &text[byte_end..];
    // The actual context is only computed for the error message: `tail` and `head` walk
    // characters, and doing that for every annotation would make loading quadratic.
    if !before.ends_with(stored.prefix.as_ref()) {
        return Err(LoadError::new(
            file,
            LoadErrorKind::ContextMismatch {
                id,
                which: "prefix",
                stored: excerpt(&stored.prefix, EXCERPT_CHARS),
                actual: excerpt(tail(before, stored.prefix.chars().count()), EXCERPT_CHARS),
            },
        ));
    }
    if !after.starts_with(stored.suffix.as_ref()) {
        return Err(LoadError::new(
            file,
            LoadErrorKind::ContextMismatch {
                id,
                which: "suffix",
                stored: excerpt(&stored.suffix, EXCERPT_CHARS),
                actual: excerpt(head(after, stored.suffix.chars().count()), EXCERPT_CHARS),
            },
        ));
    }
    Ok(Annotation { id, span, body })
}

/// Checks one stored orphan and converts it.
fn to_orphan(mut stored: OrphanFile<'static>, file: &Origin) -> Result<Orphan, LoadError> {
    let id = AnnotationId(stored.id);
    let what = |field: &str| format!("the {field} of orphan {id}");
    check_nul(&stored.text, || what("text"), file)?;
    check_nul(&stored.prefix, || what("prefix"), file)?;
    check_nul(&stored.suffix, || what("suffix"), file)?;
    let body = to_body(stored.take_body(), &what, file)?;
    if stored.text.trim().is_empty() {
        return Err(LoadError::new(file, LoadErrorKind::BlankOrphan { id }));
    }
    Ok(Orphan {
        id,
        quote: Quote {
            text: stored.text.into_owned(),
            prefix: stored.prefix.into_owned(),
            suffix: stored.suffix.into_owned(),
        },
        body,
    })
}

/// Checks the body fields of one annotation or orphan and builds its [`Body`]: the one
/// place the loader turns a file's body fields into the model's (annotations, orphans and
/// migrated v1 annotations all come through here). `what` names a field for messages ("the
/// note of annotation #3").
fn to_body(
    stored: BodyFile<'static>,
    what: &dyn Fn(&str) -> String,
    file: &Origin,
) -> Result<Body, LoadError> {
    check_nul(&stored.note, || what("note"), file)?;
    Ok(Body {
        tag: stored.tag,
        note: stored.note.into_owned(),
    })
}

/// The last `chars` characters of `text` (walks from the end: cost grows with `chars`, not
/// with the text).
fn tail(text: &str, chars: usize) -> &str {
    if chars == 0 {
        return "";
    }
    text.char_indices()
        .rev()
        .nth(chars - 1)
        .map_or(text, |(b, _)| &text[b..])
}

/// The first `chars` characters of `text`.
fn head(text: &str, chars: usize) -> &str {
    text.char_indices()
        .nth(chars)
        .map_or(text, |(b, _)| &text[..b])
}

/// When offsets that do not fit as code points do fit as UTF-8 bytes or UTF-16 units (a
/// file written by a tool that counts differently), names that unit. Only called on the error
/// path, so its linear scan costs nothing for good files.
fn guess_unit(text: &str, start: usize, end: usize, stored: &str) -> Option<&'static str> {
    if stored.is_empty() {
        return None;
    }
    if text.get(start..end) == Some(stored) {
        return Some("UTF-8 bytes");
    }
    let mut units = 0;
    let (mut byte_start, mut byte_end) = (None, None);
    for (byte, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if units == start {
            byte_start = Some(byte);
        }
        if units == end {
            byte_end = Some(byte);
            break;
        }
        units += c.len_utf16();
    }
    match (byte_start, byte_end) {
        (Some(s), Some(e)) if text.get(s..e) == Some(stored) => Some("UTF-16 code units"),
        _ => None,
    }
}

/// `text` shortened to `max` characters (with `…`), line breaks shown as `⏎`, and
/// characters that show nothing by themselves (combining marks, zero-width and format
/// characters, controls) written as `\u{…}` escapes: stored "e\u{301}" and the article's
/// precomposed "é" look the same on screen, and the message must show the difference.
fn excerpt(text: &str, max: usize) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    for c in text.chars().take(max) {
        if c == '\n' {
            out.push('⏎');
        } else if is_invisible(c) {
            // Writing to a String cannot fail.
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    if text.chars().nth(max).is_some() {
        out.push('…');
    }
    out
}

/// Characters that have no visible form of their own: combining diacritical marks (the
/// general-purpose blocks), zero-width and bidirectional format characters, variation
/// selectors, the soft hyphen, the byte-order mark, and control characters.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{300}'..='\u{36f}'
            | '\u{1ab0}'..='\u{1aff}'
            | '\u{1dc0}'..='\u{1dff}'
            | '\u{20d0}'..='\u{20ff}'
            | '\u{fe20}'..='\u{fe2f}'
            | '\u{fe00}'..='\u{fe0f}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{ad}'
            | '\u{feff}'
    ) || (c.is_control() && c != '\t')
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

    #[test]
    fn invisible_characters_are_escaped_in_excerpts() {
        assert_eq!(
            excerpt("e\u{301}\u{200b}x\u{7}", 10),
            "e\\u{301}\\u{200b}x\\u{7}"
        );
        assert_eq!(excerpt("é\tok", 10), "é\tok");
    }

    #[test]
    fn excerpts_are_short() {
        assert_eq!(excerpt("a\nb", 10), "a⏎b");
        let long = "č".repeat(100);
        assert_eq!(excerpt(&long, 60).chars().count(), 61);
    }
}
