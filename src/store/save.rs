//! Atomic save: write a temporary file beside the target, fsync it, keep the previous version
//! as `NAME.ron.bak`, rename the temporary file over the target, fsync the folder.

use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::error::SaveError;
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
    if path.is_dir() {
        return Err(SaveError::IsDirectory {
            path: path.to_path_buf(),
        });
    }
    let text = schema::render(session).map_err(|error| SaveError::Render {
        path: path.to_path_buf(),
        reason: error.to_string(),
    })?;
    let io = |action: String| {
        let path = path.to_path_buf();
        move |source| SaveError::Io {
            path,
            action,
            source,
        }
    };
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
        .write_all(text.as_bytes())
        .and_then(|()| temp.flush())
        .and_then(|()| temp.sync_all())
        .map_err(io(format!("cannot write {}", temp_path.display())));
    drop(temp);
    let result = written.and_then(|()| {
        if path.exists() {
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
