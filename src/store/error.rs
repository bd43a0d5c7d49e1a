//! What can go wrong loading or saving a session, as messages a user understands.

use std::path::{Path, PathBuf};

use crate::model::{AnnotationId, EditError};

/// Which file an error is about. Displays as `PATH: ` so messages read "PATH: problem", or as
/// nothing for session text that did not come from a file ([`super::from_ron`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Origin(pub Option<PathBuf>);

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.0 {
            Some(path) => write!(f, "{}: ", path.display()),
            None => Ok(()),
        }
    }
}

/// Why a session could not be loaded: the file (once, for every kind of problem) and what
/// is wrong with it. Displays as "PATH: problem", or just the problem for text that did not
/// come from a file.
#[derive(Debug, thiserror::Error)]
#[error("{file}{kind}")]
pub struct LoadError {
    /// The file the session was read from (none for text given directly).
    pub file: Origin,
    /// What went wrong.
    pub kind: LoadErrorKind,
}

impl LoadError {
    /// An error of `kind` about `file`.
    pub fn new(file: &Origin, kind: LoadErrorKind) -> Self {
        Self {
            file: file.clone(),
            kind,
        }
    }

    /// The file the error is about, if it came from a file.
    pub fn path(&self) -> Option<&Path> {
        self.file.0.as_deref()
    }
}

/// What is wrong with a session file. Each failure has its own variant; every message says
/// what is wrong in terms a user can act on ([`LoadError`] adds the file).
#[derive(Debug, thiserror::Error)]
pub enum LoadErrorKind {
    /// The file could not be opened or read.
    ///
    /// The reason is part of the message and deliberately not the error's `source()`: a
    /// chain printer (`anyhow`'s `{:#}`) would print it twice.
    #[error("cannot read the file: {reason}")]
    Io {
        /// The operating system's reason.
        reason: std::io::Error,
    },
    /// The file is over the size limit; it is not read.
    #[error(
        "the file is {}, over the {} limit for session files",
        super::textfile::human_size(*.size),
        super::textfile::human_size(*.limit)
    )]
    TooLarge {
        /// Its size in bytes.
        size: u64,
        /// The limit in bytes ([`super::MAX_SESSION_BYTES`]).
        limit: u64,
    },
    /// The file contains NUL bytes (or is UTF-16): it is not a UTF-8 text file.
    #[error("this is a binary file ({reason}), not a Factmark session")]
    Binary {
        /// What gave it away.
        reason: &'static str,
    },
    /// The file is text but not valid UTF-8.
    #[error(
        "the file is not valid UTF-8 (first bad byte on line {line}, byte offset {offset}); \
         Factmark sessions are UTF-8 text"
    )]
    NotUtf8 {
        /// Line of the first invalid byte (1-based).
        line: usize,
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// The file is empty or holds only whitespace.
    #[error("the file is empty; a session file holds at least its article")]
    Empty,
    /// The file is not well-formed RON.
    #[error("not valid RON at line {line}, column {col}: {message}")]
    Syntax {
        /// 1-based line of the error.
        line: usize,
        /// 1-based column (in characters) of the error.
        col: usize,
        /// What the parser expected or found.
        message: String,
    },
    /// Brackets nest deeper than any session does (a hostile or damaged file).
    #[error(
        "line {line}, column {col}: the file nests brackets more than {limit} levels \
         deep (a session needs 4); it is damaged or not a Factmark session"
    )]
    TooDeep {
        /// 1-based line where the limit was passed.
        line: usize,
        /// 1-based column where the limit was passed.
        col: usize,
        /// The limit ([`super::MAX_NESTING`]).
        limit: usize,
    },
    /// Well-formed RON, but not a Factmark session (no or another `format`).
    #[error("not a Factmark session: expected `format: \"factmark-session\"`, found {found}")]
    WrongFormat {
        /// What was there instead.
        found: String,
    },
    /// Saved by a newer Factmark with a format version this build does not know.
    #[error(
        "this session uses format version {version}, made by a newer Factmark; \
         this Factmark reads versions up to {supported}. Update Factmark to open it"
    )]
    NewerVersion {
        /// The file's version.
        version: u64,
        /// The newest version this build reads ([`super::VERSION`]).
        supported: u64,
    },
    /// The `version` field is missing or not a version number this program ever wrote.
    #[error("unknown session format version {found}; supported versions are 1 to {supported}")]
    UnknownVersion {
        /// What the `version` field held (as written), or "missing".
        found: String,
        /// The newest version this build reads.
        supported: u64,
    },
    /// RON and a Factmark session, but a field is missing, unknown or of the wrong type.
    #[error("line {line}, column {col}: the session is malformed: {message}")]
    Malformed {
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        col: usize,
        /// The problem.
        message: String,
    },
    /// An annotation's tag is not one of the three tags.
    #[error(
        "line {line}, column {col}: unknown tag `{found}`; valid tags are Claim, Statistic, Quote"
    )]
    UnknownTag {
        /// 1-based line of the tag.
        line: usize,
        /// 1-based column of the tag.
        col: usize,
        /// The tag as written.
        found: String,
    },
    /// An annotation's `start` is not before its `end`.
    #[error(
        "annotation {id} has start {start} and end {end}: start must be less than end \
         (offsets count code points; the article has {len})"
    )]
    EmptySpan {
        /// The annotation.
        id: AnnotationId,
        /// Its start (code points).
        start: usize,
        /// Its end (code points).
        end: usize,
        /// Article length in code points.
        len: usize,
    },
    /// An annotation reaches past the end of the article.
    #[error(
        "annotation {id} has offsets {start}..{end}, past the end of the article \
         ({len} code points)"
    )]
    OutOfRange {
        /// The annotation.
        id: AnnotationId,
        /// Its start (code points).
        start: usize,
        /// Its end (code points).
        end: usize,
        /// Article length in code points.
        len: usize,
    },
    /// An annotation covers only whitespace.
    #[error("annotation {id} ({start}..{end}) covers only whitespace")]
    BlankSpan {
        /// The annotation.
        id: AnnotationId,
        /// Its start (code points).
        start: usize,
        /// Its end (code points).
        end: usize,
    },
    /// An annotation's offsets do not fit as code points but do as another unit.
    #[error(
        "annotation {id} has offsets {start}..{end} that count {unit}, not code points: \
         the text matches there only when counted in {unit}. Session offsets count Unicode \
         code points (see docs/FORMAT.md)"
    )]
    WrongOffsetUnit {
        /// The annotation.
        id: AnnotationId,
        /// Its start as written.
        start: usize,
        /// Its end as written.
        end: usize,
        /// The unit the offsets seem to count ("UTF-8 bytes", "UTF-16 code units").
        unit: &'static str,
    },
    /// An annotation's stored `prefix` or `suffix` is not the article text around it.
    #[error(
        "annotation {id}'s {which} is \"{stored}\", but the article has \"{actual}\" \
         there; the context must be the text right next to the annotation"
    )]
    ContextMismatch {
        /// The annotation.
        id: AnnotationId,
        /// "prefix" or "suffix".
        which: &'static str,
        /// The context stored in the file (shortened for display).
        stored: String,
        /// The article's text at that place (shortened for display).
        actual: String,
    },
    /// A text field holds a NUL character.
    #[error(
        "{what} contains a NUL character (at code point {at}); session text must not \
         contain NUL"
    )]
    NulInText {
        /// Which field ("the article text", "the note of annotation #3").
        what: String,
        /// Code-point offset of the first NUL in that field.
        at: usize,
    },
    /// The article's `import` record (how the text was imported) has an invalid field.
    #[error("the article's import record has an invalid `{field}`: {problem}")]
    BadImport {
        /// The field: "importer", "encoding" or "source_sha256".
        field: &'static str,
        /// What is wrong with it.
        problem: String,
    },
    /// A fact-check field (status, verdict, source, time stamp, scale, article details) holds
    /// a value the format does not allow.
    #[error("{what} is not valid: {problem}")]
    BadField {
        /// Which field ("the verdict of annotation #3", "the rating scale").
        what: String,
        /// What is wrong and what was expected.
        problem: String,
    },
    /// A rejected suggestion (format v4's `rejected` list) does not fit the article.
    #[error("rejected suggestion {index} ({tag}, {start}..{end}) is not valid: {problem}")]
    BadRejection {
        /// Its place in the list, from 1.
        index: usize,
        /// The tag it was suggested with.
        tag: crate::model::Tag,
        /// Its start (code points).
        start: usize,
        /// Its end (code points).
        end: usize,
        /// What is wrong.
        problem: String,
    },
    /// An orphan has no text to look for.
    #[error("orphan {id} has an empty or whitespace-only text")]
    BlankOrphan {
        /// The orphan.
        id: AnnotationId,
    },
    /// An id is larger than ids may be.
    #[error("annotation id {id} is too large; ids must be at most {max} (2^53 − 1)")]
    IdTooLarge {
        /// The id as written.
        id: u64,
        /// The largest id allowed ([`super::MAX_ID`]).
        max: u64,
    },
    /// An annotation's stored `text` is not the article text at its offsets.
    #[error(
        "annotation {id} ({start}..{end}) says its text is \"{stored}\", but the article \
         has \"{actual}\" there"
    )]
    TextMismatch {
        /// The annotation.
        id: AnnotationId,
        /// Its start (code points).
        start: usize,
        /// Its end (code points).
        end: usize,
        /// The `text` stored in the file (shortened for display).
        stored: String,
        /// The article's text at those offsets (shortened for display).
        actual: String,
    },
    /// The article text does not hash to the recorded SHA-256.
    #[error(
        "the article text does not match its recorded SHA-256 (recorded {recorded}, \
         actual {actual}): the text was altered after the session was saved"
    )]
    ShaMismatch {
        /// `sha256` as stored.
        recorded: String,
        /// SHA-256 of the stored text.
        actual: String,
    },
    /// Two annotations share an id.
    #[error("annotation id {} is used more than once; ids must be unique", .id.0)]
    DuplicateId {
        /// The repeated id.
        id: AnnotationId,
    },
    /// The model refused the annotations for a reason the checks above did not catch.
    /// Like [`LoadErrorKind::Io`], the reason is in the message, not the `source()`.
    #[error("the annotations could not be loaded: {reason}")]
    Rejected {
        /// The model's reason.
        reason: EditError,
    },
}

/// Why a session could not be saved. The file at `path` is left as it was.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// A filesystem step failed.
    #[error("could not save {}: {action}: {source}", .path.display())]
    Io {
        /// The file being saved.
        path: PathBuf,
        /// What was being done ("cannot create a temporary file in /x", …).
        action: String,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// The target path names a folder.
    #[error("could not save {}: it is a folder; choose a file name ending in .ron", .path.display())]
    IsDirectory {
        /// The path given.
        path: PathBuf,
    },
    /// The file changed on disk since it was loaded or last saved (another program or person
    /// wrote it); nothing was written. Ask: overwrite, save as, or reload.
    #[error(
        "did not save {}: the file changed on disk since it was opened or last saved \
         (another program or person wrote it); overwrite it, save under another name, or reload",
        .path.display()
    )]
    ChangedOnDisk {
        /// The file.
        path: PathBuf,
    },
    /// A file is already there that this window did not load or save: replacing it needs the
    /// user's explicit answer ([`super::Replace::Confirmed`]); nothing was written.
    #[error(
        "did not save {}: the file already exists and holds {holds}; replace it or choose another name",
        .path.display()
    )]
    Exists {
        /// The file.
        path: PathBuf,
        /// What it holds: `a session on “Title” with 12 annotations`.
        holds: String,
    },
    /// The file there cannot be read by this version of Factmark (a newer format, a damaged
    /// or foreign file): it is never replaced, whatever the answer; nothing was written.
    #[error(
        "did not save {}: the file already there cannot be read by this version of Factmark \
         ({reason}), so it is not replaced; choose another name",
        .path.display()
    )]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// Why it cannot be read (the loader's message).
        reason: String,
    },
    /// The session could not be rendered (an internal inconsistency; nothing was written).
    #[error("could not save {}: {reason}", .path.display())]
    Render {
        /// The file being saved.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
}
