//! Other tools' annotation files → sessions over the document's text: doccano JSONL, Label
//! Studio JSON, brat standoff, W3C Web Annotation. Labels map to tags; everything that cannot
//! be brought over (an unknown label, a span outside the text or whose quoted text differs, an
//! overlapping duplicate) is reported with where it is, never dropped silently. No egui.
//! Offsets are converted only through [`crate::model::OffsetMap`].

mod build;
mod doccano;
mod label_studio;

use crate::export::{Format, Loss};
use crate::model::{Session, Tag};
use crate::store::textfile::{self, TextFileError};

/// Files larger than this are refused before reading (256 MiB): a dataset of many documents
/// may be far larger than one session, but not without bound.
pub const MAX_IMPORT_BYTES: u64 = 256 * 1024 * 1024;

/// How labels become tags, and whether to go on past what cannot be imported.
#[derive(Clone, Debug, Default)]
pub struct ImportOptions {
    /// Explicit label → tag pairs (`--map LABEL=Tag`); other labels match a tag's name
    /// case-insensitively.
    pub map: Vec<(String, Tag)>,
    /// Write the sessions even when something was left out (the report lists it).
    pub keep_going: bool,
}

/// What an import brought in.
#[derive(Debug, Default)]
pub struct Imported {
    /// One session per document, with the name it had in the file.
    pub sessions: Vec<(String, Session)>,
    /// Everything left out, with where it was (`line 3`, `T4`).
    pub left_out: Vec<Loss>,
}

/// Why an import failed as a whole.
#[derive(Debug, thiserror::Error)]
pub enum InteropError {
    /// Factmark does not read this format.
    #[error("Factmark cannot import {0} files")]
    NotImportable(Format),
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: std::path::PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The file is not what the format expects.
    #[error("{0}")]
    Malformed(String),
}

/// Reads the annotations of `path` (in `format`) into sessions. `article`, when given, is
/// the document's text for formats whose file does not carry it (a W3C annotation names its
/// source; a brat `.ann` has its `.txt` beside it, found without this).
///
/// # Errors
///
/// [`InteropError`] when nothing can be imported; what is left out of a document that can
/// be imported is listed in [`Imported::left_out`].
pub fn import(
    path: &std::path::Path,
    article: Option<&std::path::Path>,
    format: Format,
    options: &ImportOptions,
) -> Result<Imported, InteropError> {
    if !format.can_import() {
        return Err(InteropError::NotImportable(format));
    }
    let _ = article;
    match format {
        Format::Doccano => doccano::import(&read(path)?, options),
        Format::LabelStudio => label_studio::import(&read(path)?, options),
        _ => Err(InteropError::Malformed(format!(
            "{format} import is being built"
        ))),
    }
}

/// The text of `path`: a regular file of at most [`MAX_IMPORT_BYTES`], UTF-8 (a byte order
/// mark is dropped), not binary.
///
/// # Errors
///
/// [`InteropError::Read`] saying which of those it is not.
pub fn read(path: &std::path::Path) -> Result<String, InteropError> {
    let failed = |error: TextFileError| {
        let source = match error {
            TextFileError::Io(error) => error,
            TextFileError::TooLarge { size, limit } => std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!(
                    "the file is {}, over the {} limit for files to import",
                    textfile::human_size(size),
                    textfile::human_size(limit)
                ),
            ),
            TextFileError::Binary => std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "it holds NUL bytes, so it is not a text file",
            ),
            TextFileError::Utf16 => std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "it is UTF-16 text; save it as UTF-8 and import that",
            ),
            TextFileError::NotUtf8 { line, offset } => std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("line {line} (byte {offset}) is not UTF-8"),
            ),
        };
        InteropError::Read {
            path: path.to_path_buf(),
            source,
        }
    };
    let (bytes, _) = textfile::read_bytes(path, MAX_IMPORT_BYTES).map_err(failed)?;
    textfile::decode(bytes).map_err(failed)
}
