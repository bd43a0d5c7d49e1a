//! Finding the files of a folder of articles: every article (`.txt`, `.md`, `.html`, …) and
//! session (`.ron`) under it, links followed, hidden entries skipped, and whatever could not
//! be walked (a folder without permission, a symlink loop, a broken link) reported beside the
//! files instead of stopping the walk.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use walkdir::WalkDir;

use crate::progress::Progress;

/// More files than this under one folder are not listed (the rest is reported as a problem):
/// someone who opens their home folder by mistake gets a message, not a frozen machine.
pub const MAX_FILES: usize = 100_000;

/// Found files are handed over in batches of this many, so a long walk shows its first files
/// at once.
const BATCH: usize = 256;

/// What a file in the folder is, by its extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FileKind {
    /// An article to read (`.txt`, `.text`, `.md`, `.markdown`, `.html`, `.htm`).
    Article,
    /// A session (`.ron`).
    Session,
}

impl FileKind {
    /// The kind of the file at `path`, or `None` for any other file (images, `.bak` copies,
    /// exports), which the folder does not list.
    pub fn of(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "ron" => Some(Self::Session),
            "txt" | "text" | "md" | "markdown" | "html" | "htm" => Some(Self::Article),
            _ => None,
        }
    }
}

/// A file the walk found, with what `stat` said about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// Where it is (under the folder, as walked: a linked folder keeps the link's name).
    pub path: PathBuf,
    /// Article or session.
    pub kind: FileKind,
    /// Its length in bytes.
    pub size: u64,
    /// Its modification time, where the platform reports one.
    pub modified: Option<SystemTime>,
}

impl Found {
    /// Looks at the file at `path` now (links followed). `Ok(None)` when it is not a file the
    /// folder lists (another extension, or a folder); an error when it cannot be looked at.
    ///
    /// # Errors
    ///
    /// The operating system's error (not found, permission denied).
    pub fn stat(path: &Path) -> std::io::Result<Option<Self>> {
        let Some(kind) = FileKind::of(path) else {
            return Ok(None);
        };
        let metadata = std::fs::metadata(path)?;
        if !metadata.is_file() {
            return Ok(None);
        }
        Ok(Some(Self {
            path: path.to_path_buf(),
            kind,
            size: metadata.len(),
            modified: metadata.modified().ok(),
        }))
    }
}

/// Something under the folder that could not be walked; the rest of the walk went on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WalkProblem {
    /// The entry concerned.
    pub path: PathBuf,
    /// What happened, in words for the analyst.
    pub message: String,
    /// True when files may be missing from the list because of it (a folder that could not
    /// be read), false when nothing is lost (a symlink loop: its files are listed through
    /// the folder it leads back to).
    pub hides_files: bool,
}

/// Why a folder cannot be opened at all.
#[derive(Debug, thiserror::Error)]
pub enum FolderError {
    /// The path does not exist or cannot be looked at.
    #[error("{}: cannot open the folder: {source}", .path.display())]
    Io {
        /// The folder.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// Indexing stopped before it was done (the worker failed).
    #[error("{}: reading the folder stopped unexpectedly", .path.display())]
    Interrupted {
        /// The folder.
        path: PathBuf,
    },
    /// The path is a file, not a folder.
    #[error("{}: this is a file, not a folder", .path.display())]
    NotAFolder {
        /// The path.
        path: PathBuf,
    },
}

/// The folder at `root` as an absolute path without links or `..` (what a watcher reports
/// and what the summary cache is keyed by).
///
/// # Errors
///
/// A [`FolderError`] when it does not exist, cannot be read, or is not a folder.
pub fn resolve_root(root: &Path) -> Result<PathBuf, FolderError> {
    let io = |source| FolderError::Io {
        path: root.to_path_buf(),
        source,
    };
    let resolved = std::fs::canonicalize(root).map_err(io)?;
    if !std::fs::metadata(&resolved).map_err(io)?.is_dir() {
        return Err(FolderError::NotAFolder {
            path: root.to_path_buf(),
        });
    }
    Ok(resolved)
}

/// True for a name the walk skips: hidden files and folders (`.git`, the temporary files of
/// an atomic save).
fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

/// Walks `under` (the whole folder, or part of it after a change), in name order, calling
/// `batch` with the files found so far every [`BATCH`] files and once at the end. Checks
/// `progress` for a cancel between entries. Returns the problems met.
pub fn walk(
    under: &Path,
    progress: &Progress,
    mut batch: impl FnMut(Vec<Found>),
) -> Vec<WalkProblem> {
    let mut problems = Vec::new();
    let mut found = Vec::new();
    let mut count = 0usize;
    let entries = WalkDir::new(under)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry.file_name()));
    for entry in entries {
        if progress.is_cancelled() {
            break;
        }
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                problems.push(problem_of(&error, under));
                continue;
            }
        };
        if entry.file_type().is_dir() {
            continue;
        }
        let Some(kind) = FileKind::of(entry.path()) else {
            continue;
        };
        if count == MAX_FILES {
            problems.push(WalkProblem {
                path: entry.path().to_path_buf(),
                message: format!(
                    "more than {MAX_FILES} articles and sessions: the rest of the folder is \
                     not listed (open a smaller folder)"
                ),
                hides_files: true,
            });
            break;
        }
        if !entry.file_type().is_file() {
            problems.push(WalkProblem {
                path: entry.path().to_path_buf(),
                message: "not a regular file (a pipe, device or socket): not read".to_owned(),
                hides_files: false,
            });
            continue;
        }
        match entry.metadata() {
            Ok(metadata) => {
                count += 1;
                found.push(Found {
                    path: entry.into_path(),
                    kind,
                    size: metadata.len(),
                    modified: metadata.modified().ok(),
                });
                if found.len() == BATCH {
                    batch(std::mem::take(&mut found));
                }
            }
            Err(error) => problems.push(problem_of(&error, under)),
        }
    }
    batch(found);
    problems
}

/// The problem for one failed entry: a loop, a folder that cannot be read, a broken link.
fn problem_of(error: &walkdir::Error, under: &Path) -> WalkProblem {
    let path = error.path().unwrap_or(under).to_path_buf();
    if let Some(ancestor) = error.loop_ancestor() {
        return WalkProblem {
            message: format!(
                "a link that leads back to {} (a loop): not followed",
                ancestor.display()
            ),
            path,
            hides_files: false,
        };
    }
    let io = error.io_error();
    let broken_link = io.is_some_and(|e| e.kind() == std::io::ErrorKind::NotFound)
        && std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
    let message = match io {
        _ if broken_link => "a link to something that does not exist: skipped".to_owned(),
        Some(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
            "cannot be read (permission denied): its files are not listed".to_owned()
        }
        Some(e) => format!("cannot be read ({e}): skipped"),
        None => error.to_string(),
    };
    WalkProblem {
        path,
        message,
        hides_files: !broken_link,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_extension() {
        for (name, kind) in [
            ("a.txt", Some(FileKind::Article)),
            ("a.MD", Some(FileKind::Article)),
            ("page.htm", Some(FileKind::Article)),
            ("page.html", Some(FileKind::Article)),
            ("s.ron", Some(FileKind::Session)),
            ("s.ron.bak", None),
            ("photo.png", None),
            ("README", None),
        ] {
            assert_eq!(FileKind::of(Path::new(name)), kind, "{name}");
        }
    }

    #[test]
    fn walks_in_name_order_skipping_hidden_and_other_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for name in [
            "b.txt",
            "a.md",
            "sessions/a.ron",
            ".git/x.txt",
            "img.png",
            ".a.ron.1.tmp",
        ] {
            let path = root.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "text").unwrap();
        }
        let mut batches = Vec::new();
        let problems = walk(root, &Progress::new(), |b| batches.push(b));
        assert!(problems.is_empty(), "{problems:?}");
        let names: Vec<_> = batches
            .concat()
            .iter()
            .map(|f| f.path.strip_prefix(root).unwrap().to_path_buf())
            .collect();
        assert_eq!(
            names,
            [
                PathBuf::from("a.md"),
                PathBuf::from("b.txt"),
                PathBuf::from("sessions/a.ron")
            ]
        );
        assert!(resolve_root(&root.join("b.txt")).is_err());
        assert!(resolve_root(&root.join("missing")).is_err());
    }
}
