//! Other tools' annotation files → sessions over the document's text: doccano JSONL, Label
//! Studio JSON, brat standoff, W3C Web Annotation. Labels map to tags; everything that cannot
//! be brought over (an unknown label, a span outside the text or whose quoted text differs, an
//! overlapping duplicate) is reported with where it is, never dropped silently. No egui.
//! Offsets are converted only through [`crate::model::OffsetMap`].

mod assemble;
mod brat;
mod build;
mod doccano;
mod label_studio;
mod read;
mod w3c;

use crate::export::{Format, Loss};
use crate::model::{Session, Tag};

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
    match format {
        Format::Brat => brat::import(path, options),
        Format::W3c => w3c::import(path, article, options),
        Format::Doccano => doccano::import(&read_text(path)?, options),
        Format::LabelStudio => label_studio::import(&read_text(path)?, options),
        Format::Inception | Format::Spacy | Format::Csv | Format::ClaimReview => {
            Err(InteropError::NotImportable(format))
        }
    }
}

/// The name a document read from `path` goes by: the file's stem.
fn stem(path: &std::path::Path) -> String {
    path.file_stem().map_or_else(
        || "document".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    )
}

/// The text of `path`: a regular file of at most [`MAX_IMPORT_BYTES`], UTF-8 (a byte order
/// mark is dropped), not binary.
///
/// # Errors
///
/// [`InteropError`] saying which of those it is not.
pub fn read_text(path: &std::path::Path) -> Result<String, InteropError> {
    read::text(path, MAX_IMPORT_BYTES, read::Bom::Drop)
}
