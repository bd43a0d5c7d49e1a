//! Exchanging annotations with other tools, for a window or a script: export sessions to a
//! format and write the result (one file, atomically, or a folder), and import another tool's
//! annotations into new session files, refusing to write what lost anything unless asked.
//! `factmark export` / `factmark import` and File › Export… / Import annotations… call these.

use std::path::{Path, PathBuf};

use crate::export::{self, Document, ExportOptions, Exported, Format, Loss, Output};
use crate::interop::{self, ImportOptions};
use crate::model::Session;
use crate::store::{self, Replace, SaveError};

/// Why an export or import did not happen.
#[derive(Debug, thiserror::Error)]
pub enum ExchangeError {
    /// A session could not be read.
    #[error(transparent)]
    Load(#[from] store::LoadError),
    /// The export could not be made.
    #[error(transparent)]
    Export(#[from] export::ExportError),
    /// The import could not be made.
    #[error(transparent)]
    Import(#[from] interop::InteropError),
    /// Writing the output failed (nothing half-written stays behind).
    #[error("cannot write {path}: {source}")]
    Write {
        /// Where.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A session file could not be written.
    #[error(transparent)]
    Save(#[from] SaveError),
    /// The import left annotations out and `keep_going` was not set: nothing was written.
    #[error(
        "{} annotation{} could not be imported, so nothing was written (pass --keep-going to \
         write the sessions without them):\n{}",
        .0.len(),
        if .0.len() == 1 { "" } else { "s" },
        .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
    )]
    LeftOut(Vec<Loss>),
    /// The output is not where the import can write.
    #[error("{0}")]
    Output(String),
}

/// The name a session goes by in an export: its file's stem.
pub fn document_name(path: &Path) -> String {
    path.file_stem().map_or_else(
        || "document".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    )
}

/// What an export wrote.
#[derive(Debug, Default)]
pub struct ExportOutcome {
    /// Every file written (for Label Studio: the tasks, then the config beside them).
    pub written: Vec<PathBuf>,
    /// What the format could not carry, one line each.
    pub losses: Vec<Loss>,
}

/// Loads `paths`, exports them to `format` and writes the result at `out` (a file, or a
/// folder for folder formats). Returns what was written and what the format could not carry.
///
/// # Errors
///
/// The first session that does not load, an export that cannot be made, or the write.
pub fn export_files(
    paths: &[PathBuf],
    format: Format,
    options: &ExportOptions,
    out: &Path,
) -> Result<ExportOutcome, ExchangeError> {
    let sessions = paths
        .iter()
        .map(|path| store::load(path).map(|session| (document_name(path), session)))
        .collect::<Result<Vec<(String, Session)>, _>>()?;
    let documents: Vec<Document<'_>> = sessions
        .iter()
        .map(|(name, session)| Document { name, session })
        .collect();
    export_documents(&documents, format, options, out)
}

/// Exports one session in memory (the window's open document) to `format` at `out`: what
/// File › Export… does. `name` is the document's name in the export (the session file's
/// stem, or the article's title for a session never saved).
///
/// # Errors
///
/// As [`export_files`], without the loading.
pub fn export_session(
    session: &Session,
    name: &str,
    format: Format,
    options: &ExportOptions,
    out: &Path,
) -> Result<ExportOutcome, ExchangeError> {
    export_documents(&[Document { name, session }], format, options, out)
}

/// Exports `documents` and writes the result at `out`.
///
/// # Errors
///
/// As [`export_files`].
pub fn export_documents(
    documents: &[Document<'_>],
    format: Format,
    options: &ExportOptions,
    out: &Path,
) -> Result<ExportOutcome, ExchangeError> {
    let exported = export::export(documents, format, options)?;
    let written = write_export(&exported, format, out)?;
    Ok(ExportOutcome {
        written,
        losses: exported.losses,
    })
}

/// Writes an export: each file of a one-file format atomically at `out` or beside it (see
/// [`export::ExportFile::beside`]), or each file of a folder format atomically inside `out`
/// (created when missing). A session file is never written over: an export aimed at one
/// (`-o minsk.ron` by mistake) is refused before anything is written. Returns the paths
/// written.
///
/// # Errors
///
/// [`ExchangeError::Output`] for a target that holds a session; [`ExchangeError::Write`]
/// naming the file that could not be written.
pub fn write_export(
    exported: &Exported,
    format: Format,
    out: &Path,
) -> Result<Vec<PathBuf>, ExchangeError> {
    let failed = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ExchangeError::Write { path, source }
    };
    let targets: Vec<PathBuf> = match format.output() {
        Output::File(_) => exported.files.iter().map(|f| f.beside(out)).collect(),
        Output::Folder => exported.files.iter().map(|f| out.join(&f.path)).collect(),
    };
    if let Some(session) = targets.iter().find(|t| store::is_session_file(t)) {
        let why = if session.exists() {
            "it holds a Factmark session, which an export never replaces"
        } else {
            "a .ron name is for Factmark sessions, not exports"
        };
        return Err(ExchangeError::Output(format!(
            "did not write {}: {why}; choose another -o",
            session.display()
        )));
    }
    // Main file last, so a reader that sees it finds what it refers to beside it.
    let mut order: Vec<usize> = (0..targets.len()).collect();
    order.sort_by_key(|&i| exported.files[i].path.as_os_str().is_empty());
    for i in order {
        let path = &targets[i];
        if matches!(format.output(), Output::Folder)
            && let Some(parent) = path.parent()
        {
            std::fs::create_dir_all(parent).map_err(failed(parent))?;
        }
        export::write_file(path, &exported.files[i].bytes).map_err(failed(path))?;
    }
    Ok(targets)
}

/// What an import wrote.
#[derive(Debug)]
pub struct ImportOutcome {
    /// The session files written.
    pub written: Vec<PathBuf>,
    /// What was left out (only with `keep_going`).
    pub left_out: Vec<Loss>,
}

/// Imports `file` (see [`interop::import`]) and saves the sessions: at `out` when the file
/// holds one document, else as `NAME.ron` inside the folder `out`. An existing session file
/// is replaced only with `replace` (and never one this version cannot read).
///
/// # Errors
///
/// [`ExchangeError::LeftOut`] when anything was left out and `options.keep_going` is not
/// set (nothing is written then); the import's or the save's error otherwise.
pub fn import_file(
    file: &Path,
    article: Option<&Path>,
    format: Format,
    options: &ImportOptions,
    out: &Path,
    replace: bool,
) -> Result<ImportOutcome, ExchangeError> {
    let imported = interop::import(file, article, format, options)?;
    if !imported.left_out.is_empty() && !options.keep_going {
        return Err(ExchangeError::LeftOut(imported.left_out));
    }
    let targets: Vec<PathBuf> = match imported.sessions.len() {
        0 => {
            return Err(ExchangeError::Output(format!(
                "{} holds no document to import",
                file.display()
            )));
        }
        1 if !out.is_dir() => vec![out.to_path_buf()],
        _ => {
            std::fs::create_dir_all(out).map_err(|source| ExchangeError::Write {
                path: out.to_path_buf(),
                source,
            })?;
            unique_names(imported.sessions.iter().map(|(name, _)| name.as_str()))
                .into_iter()
                .map(|name| out.join(format!("{name}.ron")))
                .collect()
        }
    };
    let policy = if replace {
        Replace::Confirmed
    } else {
        Replace::New
    };
    // Check every target first, so a refusal leaves no half-written set behind.
    if let Some(existing) = targets.iter().find(|t| !replace && t.exists()) {
        return Err(ExchangeError::Output(format!(
            "did not write {}: it already exists; pass --replace to replace it, or choose \
             another -o",
            existing.display()
        )));
    }
    let mut written = Vec::new();
    for ((_, session), target) in imported.sessions.iter().zip(&targets) {
        store::save_guarded(session, target, policy)?;
        written.push(target.clone());
    }
    Ok(ImportOutcome {
        written,
        left_out: imported.left_out,
    })
}

/// File-safe, distinct names (see [`export::unique_names`], where folder exports use it too).
pub use crate::export::unique_names;

#[cfg(test)]
mod tests {
    use super::unique_names;

    #[test]
    fn names_are_safe_and_distinct() {
        assert_eq!(
            unique_names(["minsk", "Minsk", "a/b c", "..", "minsk"]),
            ["minsk", "Minsk-2", "a_b_c", "document", "minsk-3"]
        );
    }
}
