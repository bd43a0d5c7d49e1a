//! Exports: what leaves Factmark for readers who do not run it. Owns the publishable
//! fact-check report ([`report`]: HTML and Markdown), the exchange formats other tools read
//! ([`Format`], [`export`]: one module per format) and writing an export atomically.
//! Pure functions over [`crate::model::Session`]s; no egui, no session files. Offsets are
//! converted only through [`crate::model::OffsetMap`] (each format counts in its own unit).

pub(crate) mod brat;
mod claimreview;
mod csv;
pub mod doccano;
mod format;
mod inception;
pub mod label_studio;
pub mod record;
mod spacy;
pub(crate) mod w3c;

pub mod folder_report;
pub mod report;

pub use format::{Format, Output};

use crate::model::{AnnotationId, Session, Unit};

/// One document of an export: a session and the name it goes by in the output (brat's file
/// names, a dataset's document ids). [`export`] makes names unique.
#[derive(Clone, Copy, Debug)]
pub struct Document<'a> {
    /// Usually the session file's stem (`minsk-talks` for `minsk-talks.ron`).
    pub name: &'a str,
    /// What is exported.
    pub session: &'a Session,
}

/// Choices an export needs beyond the sessions.
#[derive(Clone, Debug, Default)]
pub struct ExportOptions {
    /// CSV: start with a UTF-8 byte order mark, so spreadsheet programs read it as UTF-8.
    pub csv_bom: bool,
    /// ClaimReview: the organisation publishing the reviews (schema.org `author`); required.
    pub organisation: String,
    /// ClaimReview: where the fact-check is published (the report's page). Each review's
    /// `url` is this address with the report's anchor of the entry (`#entry-C1`); with
    /// several sessions it must hold `{document}`, replaced by each session's name. Without
    /// it the reviews have no `url` and the export says so.
    pub review_url: String,
}

/// What an export produced: the files to write, and what it could not carry.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Exported {
    /// For a one-file format, one entry with an empty `path`; for a folder format, paths
    /// relative to the folder.
    pub files: Vec<ExportFile>,
    /// Every annotation (or field) the format could not hold, said once each. An export
    /// never leaves something out silently.
    pub losses: Vec<Loss>,
}

/// One file of an export.
///
/// For a folder format, `path` is relative to the folder. For a one-file format, an empty
/// `path` is the output file itself, and any other entry is a file *beside* it, named by the
/// output's stem and `path` ([`ExportFile::beside`]): Label Studio's labeling config
/// `config.xml` next to `tasks.json` is written as `tasks.config.xml`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportFile {
    /// Relative to the output folder; for a one-file format, empty for the output file
    /// itself, else the suffix of a file beside it.
    pub path: std::path::PathBuf,
    /// Its contents.
    pub bytes: Vec<u8>,
}

impl ExportFile {
    /// The output file of a one-file format.
    pub fn main(bytes: Vec<u8>) -> Self {
        Self {
            path: std::path::PathBuf::new(),
            bytes,
        }
    }

    /// Where this file of a one-file format goes when the output is `out`: `out` itself, or
    /// `out`'s stem + `.` + [`ExportFile::path`] in the same folder.
    pub fn beside(&self, out: &Path) -> PathBuf {
        if self.path.as_os_str().is_empty() {
            return out.to_path_buf();
        }
        let stem = out
            .file_stem()
            .map_or_else(|| "export".into(), |s| s.to_string_lossy().into_owned());
        out.with_file_name(format!("{stem}.{}", self.path.display()))
    }
}

/// Something an export or an import could not carry over.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loss {
    /// The document it belongs to.
    pub document: String,
    /// The annotation, when it is about one.
    pub annotation: Option<AnnotationId>,
    /// What was left out and why, in a sentence.
    pub what: String,
}

impl std::fmt::Display for Loss {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.annotation {
            Some(id) => write!(f, "{}: annotation {id}: {}", self.document, self.what),
            None => write!(f, "{}: {}", self.document, self.what),
        }
    }
}

/// Why an export could not be made at all.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// There was nothing to export.
    #[error("no sessions to export")]
    Empty,
    /// The format holds one document and several were given.
    #[error("{format} holds one document; {count} were given")]
    OneDocumentOnly {
        /// The format.
        format: Format,
        /// How many were given.
        count: usize,
    },
    /// The format needs a setting that is missing.
    #[error("{0}")]
    Needs(String),
}

/// Converts `documents` to `format`.
///
/// # Errors
///
/// [`ExportError`] when nothing can be written; what cannot be carried of a document that
/// can be written is listed in [`Exported::losses`] instead.
pub fn export(
    documents: &[Document<'_>],
    format: Format,
    options: &ExportOptions,
) -> Result<Exported, ExportError> {
    if documents.is_empty() {
        return Err(ExportError::Empty);
    }
    let names = unique_names(documents.iter().map(|d| d.name));
    let documents: Vec<Document<'_>> = documents
        .iter()
        .zip(&names)
        .map(|(document, name)| Document {
            name,
            session: document.session,
        })
        .collect();
    match format {
        Format::Doccano => Ok(doccano::export(&documents)),
        Format::LabelStudio => Ok(label_studio::export(&documents)),
        Format::Spacy => Ok(spacy::export(&documents)),
        Format::Csv => csv::export(&documents, options.csv_bom),
        Format::ClaimReview => claimreview::export(&documents, options),
        Format::Brat => Ok(brat::export(&documents)),
        Format::W3c => Ok(w3c::export(&documents)),
        Format::Inception => inception::export(&documents),
    }
}

/// One line of `losses` per orphan of `document`: a format that places annotations by
/// offsets has no place for an annotation whose text is no longer in the article.
pub(crate) fn orphan_losses(document: &Document<'_>, format: Format, losses: &mut Vec<Loss>) {
    for orphan in document.session.orphans() {
        losses.push(Loss {
            document: document.name.to_owned(),
            annotation: Some(orphan.id),
            what: format!(
                "{} {:?} is no longer in the article (an orphan), so {} has no place for it; \
                 re-attach it in Factmark to export it",
                orphan.body.tag.label().to_lowercase(),
                crate::store::excerpt(&orphan.quote.text, 60),
                format.label()
            ),
        });
    }
}

/// Every placed annotation of `document` as a [`record::Record`] with offsets in `unit`, in
/// document order; the orphans go to `losses` (see [`orphan_losses`]).
pub(crate) fn records<'a>(
    document: &Document<'a>,
    unit: Unit,
    format: Format,
    losses: &mut Vec<Loss>,
) -> Vec<record::Record<'a>> {
    let session = document.session;
    let mut records = Vec::with_capacity(session.annotations().len());
    for annotation in session.annotations() {
        match record::Record::of(session, annotation, unit) {
            Some(record) => records.push(record),
            // Never for a valid session: every span is on character boundaries.
            None => losses.push(offset_loss(document, annotation.id)),
        }
    }
    orphan_losses(document, format, losses);
    records
}

/// The loss of an annotation whose offsets cannot be converted: never for a valid session,
/// where every span is on character boundaries.
pub(crate) fn offset_loss(document: &Document<'_>, id: AnnotationId) -> Loss {
    Loss {
        document: document.name.to_owned(),
        annotation: Some(id),
        what: "its offsets are not on character boundaries of the text".to_owned(),
    }
}

/// A JSON Lines file: each of `lines` as one line of JSON.
pub(crate) fn jsonl<T: serde::Serialize>(lines: impl IntoIterator<Item = T>) -> ExportFile {
    let mut out = Vec::new();
    for line in lines {
        // Serialising strings, numbers and structs of them into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut out, &line);
        out.push(b'\n');
    }
    ExportFile::main(out)
}

/// File-safe, distinct names: characters other than letters, digits, `-`, `_` and `.`
/// become `_`, and a repeated name (compared case-insensitively, as on macOS and Windows)
/// gets `-2`, `-3`, …. What a folder export names its files, and an import its sessions.
pub fn unique_names<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    names
        .into_iter()
        .map(|name| {
            let mut safe: String = name
                .chars()
                .map(|c| {
                    if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                        c
                    } else {
                        '_'
                    }
                })
                .collect();
            safe = safe.trim_start_matches('.').to_owned();
            if safe.is_empty() {
                safe = "document".to_owned();
            }
            let mut candidate = safe.clone();
            let mut n = 2;
            while !seen.insert(candidate.to_lowercase()) {
                candidate = format!("{safe}-{n}");
                n += 1;
            }
            candidate
        })
        .collect()
}

use std::path::{Path, PathBuf};

/// Writes `contents` to `path` so that a reader (or a crash) sees either the old file or the
/// whole new one: a temporary file in the same folder, fsync, then a rename over `path` (the
/// session store's own atomic write, without its backup: an export needs none). On error the
/// file at `path` is unchanged and the temporary file is removed.
///
/// # Errors
///
/// The I/O error of the step that failed, with the step and the path in its message.
pub fn write_file(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    crate::store::replace_file(path, contents, false)
        .map_err(|(step, error)| std::io::Error::new(error.kind(), format!("{step}: {error}")))
}

/// True when `path` names a Markdown file (`.md`, `.markdown`): the report is written as
/// Markdown there, as HTML anywhere else.
pub fn is_markdown_path(path: &Path) -> bool {
    path.extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| ext.eq_ignore_ascii_case("md") || ext.eq_ignore_ascii_case("markdown"))
}

/// Writes the fact-check report of `session` to `path` (atomically), as Markdown for a
/// Markdown path and as HTML otherwise: what File › Export report… does.
///
/// # Errors
///
/// As [`write_file`].
pub fn write_report(session: &crate::model::Session, path: &Path) -> std::io::Result<()> {
    let text = if is_markdown_path(path) {
        report::markdown(session)
    } else {
        report::html(session)
    };
    write_file(path, text.as_bytes())
}

#[cfg(test)]
mod tests {
    #[test]
    fn write_file_replaces_whole_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.html");
        super::write_file(&path, b"one").unwrap();
        super::write_file(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        assert!(super::write_file(dir.path(), b"x").is_err());
        assert!(super::write_file(&dir.path().join("no/such/r.html"), b"x").is_err());
    }

    #[test]
    fn files_beside_the_output_take_its_stem() {
        use std::path::Path;
        let config = super::ExportFile {
            path: "config.xml".into(),
            bytes: Vec::new(),
        };
        let main = super::ExportFile::main(Vec::new());
        let out = Path::new("out/tasks.json");
        assert_eq!(main.beside(out), out);
        assert_eq!(config.beside(out), Path::new("out/tasks.config.xml"));
        assert_eq!(
            config.beside(Path::new("tasks")),
            Path::new("tasks.config.xml")
        );
    }

    #[test]
    fn a_dataset_names_each_document_once() {
        let session = crate::model::minsk_session();
        let documents = [
            super::Document {
                name: "minsk",
                session: &session,
            },
            super::Document {
                name: "Minsk",
                session: &session,
            },
        ];
        let exported = super::export(
            &documents,
            super::Format::Spacy,
            &super::ExportOptions::default(),
        )
        .unwrap();
        let text = String::from_utf8(exported.files[0].bytes.clone()).unwrap();
        assert!(text.contains("\"document\":\"minsk\""), "{text}");
        assert!(text.contains("\"document\":\"Minsk-2\""), "{text}");
        assert!(super::export(&[], super::Format::Csv, &super::ExportOptions::default()).is_err());
    }
}
