//! Crash recovery: unsaved work written to per-session recovery files in the platform's data
//! folder, listed and offered at the next start, removed by a clean save or a discard.
//!
//! A recovery file is an ordinary session file (same format, so `factmark check` reads it)
//! whose first line is a RON comment naming the session file it belongs to:
//!
//! ```text
//! // factmark-recovery: (session: Some("/home/ana/sessions/minsk.ron"))
//! (
//!     format: "factmark-session",
//!     …
//! ```
//!
//! Files are named `KEY-PID.ron`: KEY is a hash of the session's canonical path (or a random
//! id for a session never saved), PID the writing process, so several windows and several
//! sessions never write the same file. Every write is atomic (temporary file, fsync, rename).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{LazyLock, Mutex, PoisonError};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use super::error::{LoadError, SaveError};
use super::{load, save};
use crate::model::Session;
use crate::model::changes::{Changes, compare};

/// Environment variable that, when set to a folder, replaces the platform data folder for
/// recovery files (tests, CI, portable installs).
pub const RECOVERY_DIR_ENV: &str = "FACTMARK_RECOVERY_DIR";

/// The first characters of a recovery file; the rest of that line is a RON header.
const HEADER_MARK: &str = "// factmark-recovery: ";

/// Recovery files this process wrote. A file named with our pid that is not in here was left
/// by an earlier process that had the same pid (pids are reused, often in containers).
static WRITTEN: LazyLock<Mutex<HashSet<PathBuf>>> = LazyLock::new(Mutex::default);

/// Which recovery file a window writes to: one per session per process.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RecoveryKey {
    id: String,
    pid: u32,
}

impl RecoveryKey {
    /// The key of the session saved at `path`, for this process. The same path (however it
    /// is spelled: relative, through `..` or a link) gives the same key.
    pub fn for_path(path: &Path) -> Self {
        Self {
            id: path_id(path),
            pid: std::process::id(),
        }
    }

    /// A fresh key for a session that has no file yet, for this process.
    pub fn unsaved() -> Self {
        Self::fresh('n')
    }

    /// A fresh key for a version of the work set aside on purpose (the window replaced it,
    /// e.g. by reloading the file from disk). Such a copy is offered like a crash's leftover,
    /// even while this window runs, until the user restores or discards it.
    pub fn set_aside() -> Self {
        Self::fresh('k')
    }

    /// True for a key made by [`RecoveryKey::set_aside`].
    pub fn is_set_aside(&self) -> bool {
        self.id.starts_with('k')
    }

    fn fresh(kind: char) -> Self {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let nanos = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let mut hasher = Sha256::new();
        hasher.update(nanos.to_le_bytes());
        hasher.update(std::process::id().to_le_bytes());
        hasher.update(COUNTER.fetch_add(1, Ordering::Relaxed).to_le_bytes());
        Self {
            id: format!("{kind}{}", &hex(&hasher.finalize())[..16]),
            pid: std::process::id(),
        }
    }

    /// [`RecoveryKey::for_path`] for a saved session, [`RecoveryKey::unsaved`] otherwise.
    pub fn for_session(path: Option<&Path>) -> Self {
        path.map_or_else(Self::unsaved, Self::for_path)
    }

    /// The same key as process `pid` would use (for tools and tests that look at another
    /// process's files).
    #[must_use]
    pub fn with_pid(mut self, pid: u32) -> Self {
        self.pid = pid;
        self
    }

    /// The session part of the key (a hash of the path, or a random id).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The process that writes this key's file.
    pub fn pid(&self) -> u32 {
        self.pid
    }

    /// `KEY-PID.ron`.
    fn file_name(&self) -> String {
        format!("{}-{}.ron", self.id, self.pid)
    }

    /// Parses a file name written by [`RecoveryKey::file_name`].
    fn from_file_name(name: &str) -> Option<Self> {
        let stem = name.strip_suffix(".ron")?;
        let (id, pid) = stem.rsplit_once('-')?;
        let valid_id = id.len() == 17
            && (id.starts_with('s') || id.starts_with('n') || id.starts_with('k'))
            && id[1..].bytes().all(|b| b.is_ascii_hexdigit());
        valid_id.then_some(())?;
        Some(Self {
            id: id.to_owned(),
            pid: pid.parse().ok()?,
        })
    }
}

/// `s` + 16 hex digits of the SHA-256 of the canonical form of `path`.
fn path_id(path: &Path) -> String {
    let canonical = canonical(path);
    let digest = Sha256::digest(canonical.to_string_lossy().as_bytes());
    format!("s{}", &hex(&digest)[..16])
}

/// `path` made absolute with links and `..` resolved, as far as the file system allows
/// (a file that does not exist yet is resolved through its folder).
fn canonical(path: &Path) -> PathBuf {
    if let Ok(full) = std::fs::canonicalize(path) {
        return full;
    }
    if let (Some(parent), Some(name)) = (path.parent(), path.file_name()) {
        let parent = if parent.as_os_str().is_empty() {
            Path::new(".")
        } else {
            parent
        };
        if let Ok(folder) = std::fs::canonicalize(parent) {
            return folder.join(name);
        }
    }
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::new(), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}

/// The header line of a recovery file.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename = "recovery")]
struct Header {
    /// The session file this is unsaved work of, if it has one.
    session: Option<String>,
}

/// One recovery file found in the recovery folder, with what the start-up prompt shows.
#[derive(Clone, Debug)]
pub struct RecoveryEntry {
    /// The recovery file itself.
    pub recovery_file: PathBuf,
    /// Which session and process wrote it.
    pub key: RecoveryKey,
    /// The session file it belongs to; `None` for work never saved to a file.
    pub session_path: Option<PathBuf>,
    /// When it was written (its modification time).
    pub saved_at: SystemTime,
    /// Title of its article (empty when the file does not load).
    pub title: String,
    /// Annotations per tag, indexed by [`crate::model::Tag::index`].
    pub counts: [usize; 3],
    /// Number of orphans.
    pub orphans: usize,
    /// True when the session file is missing, or older than this recovery file (or the work
    /// was never saved). An older copy may still hold work the file lacks (another window
    /// saved the same session later), so it is offered all the same.
    pub newer_than_session: bool,
    /// How the copy compares with its session file as it is now, annotation by annotation
    /// (`None` for work never saved, or when the file is missing or does not load; see
    /// [`RecoveryEntry::file_problem`]).
    pub against_file: Option<Changes>,
    /// Why the session file could not be compared (missing, unreadable), if it has one.
    pub file_problem: Option<String>,
    /// True when the process that writes it is still running (another open window, or this
    /// one): such a file is live autosave, not a leftover from a crash.
    pub owner_running: bool,
    /// Why the file does not load, if it does not (it can still be discarded).
    pub problem: Option<String>,
}

impl RecoveryEntry {
    /// Total annotations held.
    pub fn annotations(&self) -> usize {
        self.counts.iter().sum()
    }

    /// How the copy compares with its session file now, for the prompt: `Compared with the
    /// session file: 2 only in this copy, 1 changed`.
    pub fn comparison(&self) -> String {
        if let Some(problem) = &self.file_problem {
            return format!("Its session file cannot be compared: {problem}.");
        }
        match (&self.against_file, &self.session_path) {
            (Some(changes), _) if changes.is_none() => {
                "Same annotations as the session file: nothing here that the file lacks.".to_owned()
            }
            (Some(changes), _) => format!(
                "Compared with the session file: {}.",
                changes.summary("in this copy", "in the file")
            ),
            (None, None) => "Never saved to a file: this copy is the only one.".to_owned(),
            (None, Some(_)) => String::new(),
        }
    }

    /// A one-line description for the prompt: `"Minsk" — 4 claims, 5 statistics, 3 quotes`.
    pub fn summary(&self) -> String {
        if let Some(problem) = &self.problem {
            return format!("damaged recovery file: {problem}");
        }
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let mut text = format!(
            "\"{}\" — {}, {}, {}",
            self.title,
            plural(self.counts[0], "claim", "claims"),
            plural(self.counts[1], "statistic", "statistics"),
            plural(self.counts[2], "quote", "quotes"),
        );
        if self.orphans > 0 {
            text.push_str(&format!(", {}", plural(self.orphans, "orphan", "orphans")));
        }
        text
    }
}

/// The folder of recovery files, and the operations on it.
#[derive(Clone, Debug)]
pub struct RecoveryStore {
    dir: PathBuf,
}

impl RecoveryStore {
    /// A store in `dir` (created on the first write).
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    /// The store the app uses: `$FACTMARK_RECOVERY_DIR` if set, otherwise `recovery` in the
    /// platform's local data folder (`~/.local/share/factmark/recovery` on Linux,
    /// `~/Library/Application Support/Factmark/recovery` on macOS,
    /// `%LOCALAPPDATA%\Factmark\data\recovery` on Windows). `None` when the platform has no
    /// home folder to put it in.
    pub fn platform() -> Option<Self> {
        if let Some(dir) = std::env::var_os(RECOVERY_DIR_ENV).filter(|d| !d.is_empty()) {
            return Some(Self::new(dir));
        }
        let dirs = directories::ProjectDirs::from("", "", "Factmark")?;
        Some(Self::new(dirs.data_local_dir().join("recovery")))
    }

    /// The folder holding the recovery files.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where `key`'s recovery file is.
    pub fn path_of(&self, key: &RecoveryKey) -> PathBuf {
        self.dir.join(key.file_name())
    }

    /// Writes `session` as `key`'s recovery file, atomically, creating the folder if needed.
    /// `session_path` is the session's own file, if it has one. Returns the file written.
    ///
    /// # Errors
    ///
    /// A [`SaveError`] naming the recovery file when the folder cannot be created or the
    /// file cannot be written; the previous recovery file is then unchanged.
    pub fn write(
        &self,
        key: &RecoveryKey,
        session: &Session,
        session_path: Option<&Path>,
    ) -> Result<PathBuf, SaveError> {
        let path = self.path_of(key);
        std::fs::create_dir_all(&self.dir).map_err(|source| SaveError::Io {
            path: path.clone(),
            action: format!("cannot create the recovery folder {}", self.dir.display()),
            source,
        })?;
        let header = Header {
            session: session_path.map(|p| canonical(p).to_string_lossy().into_owned()),
        };
        let render = |reason: String| SaveError::Render {
            path: path.clone(),
            reason,
        };
        let header = ron::to_string(&header).map_err(|e| render(e.to_string()))?;
        let body = super::render::render(session).map_err(|e| render(e.to_string()))?;
        let text = format!("{HEADER_MARK}{header}\n{body}");
        // Marked ours before the file appears: another window of this process scanning the
        // folder in between must not take it for a copy left by a dead process.
        let ours = key.pid == std::process::id();
        if ours {
            WRITTEN
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .insert(path.clone());
        }
        save::write_atomic(&path, text.as_bytes(), false)?;
        Ok(path)
    }

    /// Removes `key`'s recovery file (after a clean save, or when the window closes with
    /// nothing unsaved). A file that is already gone is not an error.
    ///
    /// # Errors
    ///
    /// The operating system's error when the file exists but cannot be removed.
    pub fn remove(&self, key: &RecoveryKey) -> std::io::Result<()> {
        remove_if_present(&self.path_of(key))
    }

    /// Every recovery file in the folder, newest first. Files that do not load are listed too,
    /// with [`RecoveryEntry::problem`] set, so they can be discarded. A missing folder is an
    /// empty list.
    pub fn list(&self) -> Vec<RecoveryEntry> {
        let Ok(dir) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut entries: Vec<RecoveryEntry> = dir
            .filter_map(Result::ok)
            .filter_map(|item| {
                let name = item.file_name();
                let key = RecoveryKey::from_file_name(name.to_str()?)?;
                self.entry(item.path(), key)
            })
            .collect();
        entries.sort_by_key(|e| std::cmp::Reverse(e.saved_at));
        entries
    }

    /// The entries to offer: every copy whose writer is no longer running (a crash or a kill
    /// left it behind) or that was set aside on purpose, whatever its age compared with the
    /// session file: an older copy can hold work the file lacks when another window saved
    /// later. A copy stays offered until it is restored or discarded.
    pub fn offers(&self) -> Vec<RecoveryEntry> {
        self.list()
            .into_iter()
            .filter(|e| !e.owner_running)
            .collect()
    }

    /// The recovery files of the session saved at `session_path` (any process), newest
    /// first: to ask "restore unsaved work?" when that session is opened.
    pub fn find_for(&self, session_path: &Path) -> Vec<RecoveryEntry> {
        let id = path_id(session_path);
        self.list().into_iter().filter(|e| e.key.id == id).collect()
    }

    /// Loads the session held by `entry`, validated like any session file.
    ///
    /// # Errors
    ///
    /// The [`LoadError`] of [`super::load`] for the recovery file.
    pub fn load(&self, entry: &RecoveryEntry) -> Result<Session, LoadError> {
        load::load(&entry.recovery_file)
    }

    /// Deletes `entry`'s recovery file (the user chose "discard", or restored and saved it).
    ///
    /// # Errors
    ///
    /// The operating system's error when the file exists but cannot be removed.
    pub fn discard(&self, entry: &RecoveryEntry) -> std::io::Result<()> {
        remove_if_present(&entry.recovery_file)
    }

    fn entry(&self, path: PathBuf, key: RecoveryKey) -> Option<RecoveryEntry> {
        let metadata = std::fs::metadata(&path).ok()?;
        if !metadata.is_file() {
            return None;
        }
        let saved_at = metadata.modified().unwrap_or(SystemTime::UNIX_EPOCH);
        let session_path = read_header(&path).and_then(|h| h.session.map(PathBuf::from));
        let newer_than_session = match &session_path {
            None => true,
            Some(session) => std::fs::metadata(session)
                .and_then(|m| m.modified())
                .map_or(true, |session_time| saved_at > session_time),
        };
        let owner_running = if key.is_set_aside() {
            false
        } else if key.pid == std::process::id() {
            WRITTEN
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .contains(&path)
        } else {
            is_factmark_process(key.pid)
        };
        let copy = load::load(&path);
        let (title, counts, orphans, problem) = match &copy {
            Ok(session) => (
                session.article().title().to_owned(),
                session.counts(),
                session.orphans().len(),
                None,
            ),
            Err(error) => (String::new(), [0; 3], 0, Some(error.to_string())),
        };
        let (against_file, file_problem) = match (&copy, &session_path) {
            (Ok(copy), Some(session)) => match load::load(session) {
                Ok(file) => (Some(compare(copy, &file)), None),
                Err(_) if !session.exists() => (None, Some("the session file is gone".to_owned())),
                Err(error) => (None, Some(error.to_string())),
            },
            _ => (None, None),
        };
        Some(RecoveryEntry {
            recovery_file: path,
            key,
            session_path,
            saved_at,
            title,
            counts,
            orphans,
            newer_than_session,
            against_file,
            file_problem,
            owner_running,
            problem,
        })
    }
}

/// The header of a recovery file, if its first line has one.
fn read_header(path: &Path) -> Option<Header> {
    use std::io::BufRead as _;
    let file = std::fs::File::open(path).ok()?;
    let mut line = String::new();
    // A header is one short line; do not read a damaged file's megabytes looking for it.
    std::io::Read::take(std::io::BufReader::new(file), 64 * 1024)
        .read_line(&mut line)
        .ok()?;
    ron::from_str(line.strip_prefix(HEADER_MARK)?.trim_end()).ok()
}

fn remove_if_present(path: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(path) {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

/// True when process `pid` is running this same program (Linux: compares `/proc/PID/exe`
/// with our own). Elsewhere `false`: a file of a live window may then be offered, which
/// duplicates work but never loses it.
fn is_factmark_process(pid: u32) -> bool {
    #[cfg(target_os = "linux")]
    {
        let exe = |p: &str| std::fs::read_link(Path::new("/proc").join(p).join("exe")).ok();
        match (exe(&pid.to_string()), exe("self")) {
            (Some(theirs), Some(ours)) => theirs == ours,
            _ => false,
        }
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = pid;
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_file_names_round_trip() {
        let key = RecoveryKey::for_path(Path::new("sessions/example.ron"));
        assert_eq!(
            RecoveryKey::from_file_name(&key.file_name()),
            Some(key.clone())
        );
        let unsaved = RecoveryKey::unsaved();
        assert_ne!(unsaved, RecoveryKey::unsaved());
        assert_eq!(
            RecoveryKey::from_file_name(&unsaved.file_name()),
            Some(unsaved)
        );
        for bad in [
            "x.ron",
            "s12-1.ron",
            ".s0123456789abcdef-1.ron.tmp",
            "s0123456789abcdeg-1.ron",
        ] {
            assert_eq!(RecoveryKey::from_file_name(bad), None, "{bad}");
        }
    }
}
