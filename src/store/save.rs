//! Atomic save: write a temporary file beside the target, fsync it, keep the previous version
//! as `NAME.ron.bak`, rename the temporary file over the target, fsync the folder. Also the
//! guarded save that refuses to overwrite a file changed on disk since it was read.

use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::error::SaveError;
use super::fingerprint::{Fingerprint, changed_on_disk};
use super::schema;
use crate::model::Session;

/// Writes `session` to `path` so that a crash or error at any point leaves either the old
/// file or the new one, never a mix; the previous file is kept as `NAME.ron.bak`.
///
/// # Errors
///
/// A [`SaveError`] naming `path` and the failed step (the folder is missing or read-only,
/// `path` is a folder, the disk is full, …). The file at `path` is then unchanged.
pub fn save(session: &Session, path: &Path) -> Result<(), SaveError> {
    save_checked(session, path, None).map(|_| ())
}

/// Like [`save`], but first checks that the file at `path` still holds what `expected`
/// describes (the fingerprint from [`super::load_full`] or the previous save), and returns
/// the fingerprint of what it wrote, to pass to the next save. With `expected` `None` the
/// file is written whatever it holds (a first save, or the user chose "overwrite").
///
/// # Errors
///
/// [`SaveError::ChangedOnDisk`] when the file changed (or vanished) since `expected` was
/// taken; nothing is written. Otherwise the errors of [`save`].
pub fn save_checked(
    session: &Session,
    path: &Path,
    expected: Option<&Fingerprint>,
) -> Result<Fingerprint, SaveError> {
    if let Some(known) = expected
        && changed_on_disk(path, known)
    {
        return Err(SaveError::ChangedOnDisk {
            path: path.to_path_buf(),
        });
    }
    let text = schema::render(session).map_err(|error| SaveError::Render {
        path: path.to_path_buf(),
        reason: error.to_string(),
    })?;
    let target = resolve_link(path);
    write_atomic(&target, text.as_bytes(), true).map_err(|error| error.for_path(path))?;
    let modified = fs::metadata(&target).and_then(|m| m.modified()).ok();
    Ok(Fingerprint::of_bytes(text.as_bytes(), modified))
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
    let io = |action: String| {
        let path = path.to_path_buf();
        move |source| SaveError::Io {
            path,
            action,
            source,
        }
    };
    if path.file_name().is_none() {
        return Err(io("the path does not name a file".to_owned())(
            std::io::Error::from(std::io::ErrorKind::InvalidInput),
        ));
    }
    let folder = folder_of(path);
    let (temp_path, mut temp) = create_temp(path, &folder).map_err(io(format!(
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
        .map_err(io(format!("cannot write {}", temp_path.display())));
    drop(temp);
    let result = written.and_then(|()| {
        if keep_backup && path.exists() {
            backup(path).map_err(io(format!(
                "cannot keep the previous version as {}",
                backup_path(path).display()
            )))?;
        }
        fs::rename(&temp_path, path).map_err(io(format!(
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
