//! Noticing that a session file changed on disk: a fingerprint (length, modification time,
//! SHA-256 of the bytes) taken when the file is loaded or saved, compared before the next save.

use std::io::Read as _;
use std::path::Path;
use std::time::SystemTime;

use sha2::{Digest as _, Sha256};

use super::textfile::open_regular;

/// What a session file looked like when Factmark last read or wrote it.
///
/// Two fingerprints describe the same file content when their length and SHA-256 agree; the
/// modification time is kept for messages ("changed at …") but does not decide anything,
/// because some file systems only store it to the second and `git checkout` rewrites it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fingerprint {
    len: u64,
    modified: Option<SystemTime>,
    sha256: [u8; 32],
}

impl Fingerprint {
    /// Fingerprints the file at `path` (reads it once, streaming).
    ///
    /// # Errors
    ///
    /// The operating system's error when the file cannot be opened or read; an error without
    /// opening it when it is not a regular file (a named pipe would block `open`, a device
    /// would never end).
    pub fn of(path: &Path) -> std::io::Result<Self> {
        let (mut file, metadata) = open_regular(path)?;
        let modified = metadata.modified().ok();
        let mut hasher = Sha256::new();
        let mut buffer = vec![0; 64 * 1024];
        let mut len = 0u64;
        loop {
            let n = file.read(&mut buffer)?;
            if n == 0 {
                break;
            }
            len += n as u64;
            hasher.update(&buffer[..n]);
        }
        Ok(Self {
            len,
            modified,
            sha256: hasher.finalize().into(),
        })
    }

    /// Fingerprints bytes already read from a file whose modification time was `modified`.
    pub fn of_bytes(bytes: &[u8], modified: Option<SystemTime>) -> Self {
        Self {
            len: bytes.len() as u64,
            modified,
            sha256: Sha256::digest(bytes).into(),
        }
    }

    /// Length of the file in bytes.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// True for an empty file.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The file's modification time, where the platform reports one.
    pub fn modified(&self) -> Option<SystemTime> {
        self.modified
    }

    /// True when both fingerprints describe the same bytes.
    pub fn same_content(&self, other: &Self) -> bool {
        self.len == other.len && self.sha256 == other.sha256
    }
}

/// True when the file at `path` no longer holds the bytes `known` describes: it was
/// rewritten with other content, or deleted, or cannot be read, or is no longer a regular file
/// (never opened then: see [`Fingerprint::of`]). Costs one read of the file
/// when its length is unchanged, so call it when saving or when the window regains focus,
/// not every frame.
pub fn changed_on_disk(path: &Path, known: &Fingerprint) -> bool {
    match std::fs::metadata(path) {
        Ok(metadata) if metadata.is_file() && metadata.len() == known.len => {}
        _ => return true,
    }
    Fingerprint::of(path).map_or(true, |now| !now.same_content(known))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notices_content_not_timestamps() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        std::fs::write(&path, "one").unwrap();
        let known = Fingerprint::of(&path).unwrap();
        assert_eq!(known.len(), 3);
        assert!(!changed_on_disk(&path, &known));
        std::fs::write(&path, "one").unwrap();
        assert!(!changed_on_disk(&path, &known), "same bytes rewritten");
        std::fs::write(&path, "two").unwrap();
        assert!(changed_on_disk(&path, &known), "same length, other bytes");
        std::fs::write(&path, "three").unwrap();
        assert!(changed_on_disk(&path, &known));
        std::fs::remove_file(&path).unwrap();
        assert!(changed_on_disk(&path, &known), "deleted");
        assert!(Fingerprint::of_bytes(b"one", None).same_content(&known));
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_refused_not_read() {
        let error = Fingerprint::of(Path::new("/dev/zero")).unwrap_err();
        assert!(error.to_string().contains("not a regular file"), "{error}");
        let known = Fingerprint::of_bytes(b"", None);
        assert!(changed_on_disk(Path::new("/dev/null"), &known));
    }
}
