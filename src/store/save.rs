//! Atomic save: write a temporary file beside the target, fsync it, keep the previous version
//! as `NAME.ron.bak`, rename the temporary file over the target, fsync the folder. Also the
//! guarded save ([`Replace`]): a file this window did not read is replaced only on an explicit
//! answer, a file changed on disk since it was read only after asking, and a file this
//! version cannot read never.

use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::error::SaveError;
use super::fingerprint::{Fingerprint, changed_on_disk};
use super::render;
use crate::model::Session;

/// When the file at the target path may be replaced. Every session write goes through one
/// check ([`save_guarded`]): a file this window did not load or save is never replaced
/// without an explicit answer, and a file this version cannot read is never replaced at all.
#[derive(Clone, Copy, Debug)]
pub enum Replace<'a> {
    /// A new file: if one is already there, [`SaveError::Exists`] says what it holds and
    /// nothing is written (ask the user, then save again with [`Replace::Confirmed`]).
    New,
    /// The file this document loaded or last saved: only while it still holds the bytes this
    /// fingerprint describes, else [`SaveError::ChangedOnDisk`] (also when it was deleted).
    Unchanged(&'a Fingerprint),
    /// The user answered "replace": whatever session is there goes (kept as `NAME.ron.bak`).
    Confirmed,
}

/// Writes `session` to `path` so that a crash or error at any point leaves either the old
/// file or the new one, never a mix; the previous file is kept as `NAME.ron.bak`. A file that
/// is there already is replaced as [`Replace::Confirmed`] does: never one this version cannot
/// read.
///
/// # Errors
///
/// A [`SaveError`] naming `path` and the failed step (the folder is missing or read-only,
/// `path` is a folder, the disk is full, the file there is not readable, …). The file at
/// `path` is then unchanged.
pub fn save(session: &Session, path: &Path) -> Result<(), SaveError> {
    save_guarded(session, path, Replace::Confirmed).map(|_| ())
}

/// [`save_guarded`] with [`Replace::Unchanged`] for `Some(expected)` and
/// [`Replace::Confirmed`] for `None`.
///
/// # Errors
///
/// As [`save_guarded`].
pub fn save_checked(
    session: &Session,
    path: &Path,
    expected: Option<&Fingerprint>,
) -> Result<Fingerprint, SaveError> {
    let replace = expected.map_or(Replace::Confirmed, Replace::Unchanged);
    save_guarded(session, path, replace)
}

/// Writes `session` to `path` atomically (see [`save`]) once `replace` allows replacing what
/// is there, and returns the fingerprint of the bytes written, to pass to the next save.
///
/// # Errors
///
/// [`SaveError::Exists`], [`SaveError::ChangedOnDisk`] or [`SaveError::Unreadable`] when
/// the file there may not be replaced; nothing is written. Otherwise the errors of [`save`].
pub fn save_guarded(
    session: &Session,
    path: &Path,
    replace: Replace<'_>,
) -> Result<Fingerprint, SaveError> {
    check_replace(path, replace)?;
    let text = render::render(session).map_err(|error| SaveError::Render {
        path: path.to_path_buf(),
        reason: error.to_string(),
    })?;
    let target = resolve_link(path);
    write_atomic(&target, text.as_bytes(), true).map_err(|error| error.for_path(path))?;
    let modified = fs::metadata(&target).and_then(|m| m.modified()).ok();
    // The fingerprint of the bytes just written: no second read of a large file.
    Ok(Fingerprint::of_bytes(text.as_bytes(), modified))
}

/// The one check before any session file is replaced (see [`Replace`]).
fn check_replace(path: &Path, replace: Replace<'_>) -> Result<(), SaveError> {
    if let Replace::Unchanged(known) = replace {
        // Our own file, unchanged since we read or wrote it: replacing it is what Save means.
        // Changed, or deleted, the caller asks (a deleted file may have been moved on purpose).
        if !changed_on_disk(path, known) {
            return Ok(());
        }
        return Err(SaveError::ChangedOnDisk {
            path: path.to_path_buf(),
        });
    }
    if fs::symlink_metadata(path).is_err() {
        // Nothing there (or nothing we can see): a new file. A dangling link is written through.
        return Ok(());
    }
    if path.is_dir() {
        return Err(SaveError::IsDirectory {
            path: path.to_path_buf(),
        });
    }
    match super::load::load(path) {
        Err(error) => Err(SaveError::Unreadable {
            path: path.to_path_buf(),
            reason: error.to_string(),
        }),
        Ok(existing) => match replace {
            Replace::New => Err(SaveError::Exists {
                path: path.to_path_buf(),
                holds: describe(&existing),
            }),
            _ => Ok(()),
        },
    }
}

/// `a session on “Minsk talks” with 12 annotations and 1 orphan`, for questions and errors.
pub fn describe(session: &Session) -> String {
    let plural = |n: usize, one: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {one}s")
        }
    };
    let mut text = format!(
        "a session on \u{201c}{}\u{201d} with {}",
        session.article().title(),
        plural(session.annotations().len(), "annotation")
    );
    if !session.orphans().is_empty() {
        text.push_str(&format!(
            " and {}",
            plural(session.orphans().len(), "orphan")
        ));
    }
    text
}

/// A symbolic link is saved through: the file it points to is replaced and the link stays.
fn resolve_link(path: &Path) -> PathBuf {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    }
}

impl SaveError {
    /// The same error, naming `path` (the path the user chose) instead of a resolved target.
    fn for_path(self, path: &Path) -> Self {
        let path = path.to_path_buf();
        match self {
            Self::Io { action, source, .. } => Self::Io {
                path,
                action,
                source,
            },
            Self::IsDirectory { .. } => Self::IsDirectory { path },
            Self::ChangedOnDisk { .. } => Self::ChangedOnDisk { path },
            Self::Exists { holds, .. } => Self::Exists { path, holds },
            Self::Unreadable { reason, .. } => Self::Unreadable { path, reason },
            Self::Render { reason, .. } => Self::Render { path, reason },
        }
    }
}

/// Replaces the file at `path` with `bytes` atomically: temporary file in the same folder,
/// fsync, optional backup of the old file as `NAME.bak`, rename, fsync of the folder. On any
/// error the old file is unchanged and the temporary file is removed.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8], keep_backup: bool) -> Result<(), SaveError> {
    if path.is_dir() {
        return Err(SaveError::IsDirectory {
            path: path.to_path_buf(),
        });
    }
    replace_file(path, bytes, keep_backup).map_err(|(action, source)| SaveError::Io {
        path: path.to_path_buf(),
        action,
        source,
    })
}

/// The atomic replacement itself, for session files and exports alike; the error is the
/// step that failed (in words) and its I/O error.
pub(crate) fn replace_file(
    path: &Path,
    bytes: &[u8],
    keep_backup: bool,
) -> Result<(), (String, std::io::Error)> {
    if path.is_dir() {
        return Err((
            format!("{} is a folder", path.display()),
            std::io::Error::from(std::io::ErrorKind::IsADirectory),
        ));
    }
    if path.file_name().is_none() {
        return Err((
            "the path does not name a file".to_owned(),
            std::io::Error::from(std::io::ErrorKind::InvalidInput),
        ));
    }
    let step = |action: String| move |source| (action, source);
    let folder = folder_of(path);
    let (temp_path, mut temp) = create_temp(path, &folder).map_err(step(format!(
        "cannot create a temporary file in {}",
        folder.display()
    )))?;
    // Keep the old file's permissions (a session shared read-only stays read-only to others).
    if let Ok(old) = fs::metadata(path) {
        let _ = temp.set_permissions(old.permissions());
    }
    let written = temp
        .write_all(bytes)
        .and_then(|()| temp.flush())
        .and_then(|()| temp.sync_all())
        .map_err(step(format!("cannot write {}", temp_path.display())));
    drop(temp);
    let result = written.and_then(|()| {
        if keep_backup && path.exists() {
            backup(path).map_err(step(format!(
                "cannot keep the previous version as {}",
                backup_path(path).display()
            )))?;
        }
        fs::rename(&temp_path, path).map_err(step(format!(
            "cannot move {} into place",
            temp_path.display()
        )))
    });
    if result.is_err() {
        let _ = fs::remove_file(&temp_path);
        return result;
    }
    // The rename is done; a failed folder sync only weakens durability, so it is not an error.
    sync_folder(&folder);
    Ok(())
}

/// Where the previous version of `path` is kept: `NAME.ron` → `NAME.ron.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map_or_else(OsString::new, OsString::from);
    name.push(".bak");
    path.with_file_name(name)
}

fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Creates a new, uniquely named file next to `path` (same folder, so rename is atomic).
fn create_temp(path: &Path, folder: &Path) -> std::io::Result<(PathBuf, File)> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let name = path
        .file_name()
        .map_or_else(|| "session".into(), |n| n.to_string_lossy());
    let mut attempts = 0;
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let temp = folder.join(format!(".{name}.{}-{n}.tmp", std::process::id()));
        match OpenOptions::new().write(true).create_new(true).open(&temp) {
            Ok(file) => return Ok((temp, file)),
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists && attempts < 100 => {
                attempts += 1;
            }
            Err(error) => return Err(error),
        }
    }
}

/// Copies the current file to `NAME.ron.bak` (through a temporary file, so an existing
/// backup is only replaced by a complete one). The current file stays in place throughout.
fn backup(path: &Path) -> std::io::Result<()> {
    let bak = backup_path(path);
    let mut bak_temp_name = bak.file_name().map_or_else(OsString::new, OsString::from);
    bak_temp_name.push(format!(".{}.tmp", std::process::id()));
    let bak_temp = bak.with_file_name(bak_temp_name);
    let copied = fs::copy(path, &bak_temp)
        .and_then(|_| File::open(&bak_temp)?.sync_all())
        .and_then(|()| fs::rename(&bak_temp, &bak));
    if copied.is_err() {
        let _ = fs::remove_file(&bak_temp);
    }
    copied
}

#[cfg(unix)]
fn sync_folder(folder: &Path) {
    if let Ok(dir) = File::open(folder) {
        let _ = dir.sync_all();
    }
}

#[cfg(not(unix))]
fn sync_folder(_folder: &Path) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backup_names() {
        assert_eq!(
            backup_path(Path::new("sessions/x.ron")),
            Path::new("sessions/x.ron.bak")
        );
        assert_eq!(folder_of(Path::new("x.ron")), Path::new("."));
        assert_eq!(folder_of(Path::new("a/x.ron")), Path::new("a"));
    }
}
