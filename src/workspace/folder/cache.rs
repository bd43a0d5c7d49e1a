//! The summary cache: each file's summary (or problem) remembered between runs, keyed by the
//! file's path, size, modification time and the SHA-256 of its bytes, so reopening a folder
//! reads and hashes the files but parses none that did not change. One small file per folder
//! in the platform's cache folder (or a folder given for tests). The cache is a hint, never
//! trusted over the file: an entry counts only when all four keys match the file as read now,
//! and a missing, unreadable, corrupt or older cache is simply started afresh.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::discover::Found;
use super::file::Outcome;

/// Environment variable that, when set to a folder, replaces the platform cache folder
/// (tests, CI, portable installs), like [`crate::store::recovery::RECOVERY_DIR_ENV`].
pub const CACHE_DIR_ENV: &str = "FACTMARK_CACHE_DIR";

/// What the cache file says it is; anything else is ignored.
const FORMAT: &str = "factmark-folder-cache";

/// Bumped whenever a summary's shape or meaning changes, so old entries are never reused.
const VERSION: u32 = 1;

/// The cache folder of this platform: `$FACTMARK_CACHE_DIR` when set, else
/// `~/.cache/factmark/folders` on Linux (`~/Library/Caches/Factmark/folders` on macOS,
/// `%LOCALAPPDATA%\Factmark\cache\folders` on Windows). `None` when the platform has none.
pub fn platform_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(CACHE_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    let dirs = directories::ProjectDirs::from("", "", "Factmark")?;
    Some(dirs.cache_dir().join("folders"))
}

/// One remembered file. Paths are relative to the folder.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Entry {
    path: PathBuf,
    size: u64,
    /// Seconds and nanoseconds since the Unix epoch.
    modified: Option<(u64, u32)>,
    sha256: String,
    outcome: Outcome,
}

/// The cache file's content.
#[derive(Serialize, Deserialize)]
struct CacheFile {
    format: String,
    version: u32,
    /// The Factmark that wrote it: summaries may be computed differently by another.
    factmark: String,
    /// The folder it describes (the file name is only a hash of it).
    root: PathBuf,
    entries: Vec<Entry>,
}

/// The summaries of one folder's files.
#[derive(Debug)]
pub struct SummaryCache {
    root: PathBuf,
    /// Where it is kept; `None` keeps it in memory only.
    file: Option<PathBuf>,
    entries: HashMap<PathBuf, Entry>,
    changed: bool,
}

impl SummaryCache {
    /// A cache for the folder `root` (already resolved) that is never written.
    pub fn in_memory(root: &Path) -> Self {
        Self {
            root: root.to_path_buf(),
            file: None,
            entries: HashMap::new(),
            changed: false,
        }
    }

    /// The cache of `root` kept in `dir`: what was saved there, or empty when nothing usable
    /// was (missing, unreadable, corrupt, another version or another folder).
    pub fn open(dir: &Path, root: &Path) -> Self {
        let file = dir.join(format!(
            "{}.folder-cache",
            &super::file::sha256_of(root.as_os_str().as_encoded_bytes())[..20]
        ));
        let entries = std::fs::read_to_string(&file)
            .ok()
            .and_then(|text| ron::from_str::<CacheFile>(&text).ok())
            .filter(|cache| {
                cache.format == FORMAT
                    && cache.version == VERSION
                    && cache.factmark == env!("CARGO_PKG_VERSION")
                    && cache.root == root
            })
            .map(|cache| {
                cache
                    .entries
                    .into_iter()
                    .map(|e| (e.path.clone(), e))
                    .collect()
            })
            .unwrap_or_default();
        Self {
            root: root.to_path_buf(),
            file: Some(file),
            entries,
            changed: false,
        }
    }

    /// Where the cache is kept, if anywhere.
    pub fn file(&self) -> Option<&Path> {
        self.file.as_deref()
    }

    /// How many files it remembers.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when it remembers nothing.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The remembered outcome of the file `found` whose bytes hash to `sha256`, when path,
    /// size, modification time and hash all match.
    pub fn get(&self, found: &Found, sha256: &str) -> Option<&Outcome> {
        let entry = self.entries.get(self.relative(&found.path)?)?;
        (entry.size == found.size
            && entry.modified == found.modified.and_then(epoch)
            && entry.sha256 == sha256)
            .then_some(&entry.outcome)
    }

    /// Remembers `outcome` for the file `found` with bytes hashing to `sha256`.
    pub fn put(&mut self, found: &Found, sha256: &str, outcome: &Outcome) {
        let Some(path) = self.relative(&found.path).map(Path::to_path_buf) else {
            return;
        };
        let entry = Entry {
            path: path.clone(),
            size: found.size,
            modified: found.modified.and_then(epoch),
            sha256: sha256.to_owned(),
            outcome: outcome.clone(),
        };
        if self.entries.get(&path) != Some(&entry) {
            self.entries.insert(path, entry);
            self.changed = true;
        }
    }

    /// Forgets the file at `path` (it was removed).
    pub fn forget(&mut self, path: &Path) {
        if let Some(rel) = self.relative(path).map(Path::to_path_buf) {
            self.changed |= self.entries.remove(&rel).is_some();
        }
    }

    /// Forgets every file for which `keep` says no (files gone since the last run).
    pub fn retain(&mut self, mut keep: impl FnMut(&Path) -> bool) {
        let root = self.root.clone();
        let before = self.entries.len();
        self.entries.retain(|rel, _| keep(&root.join(rel)));
        self.changed |= self.entries.len() != before;
    }

    /// Writes the cache if it changed since it was opened or last saved (atomically: a
    /// half-written cache is never read). Paths that are not UTF-8 are not remembered.
    ///
    /// # Errors
    ///
    /// The I/O error when the cache folder or file cannot be written (the caller goes on
    /// without: the cache only saves time).
    pub fn save(&mut self) -> std::io::Result<()> {
        let Some(file) = &self.file else {
            return Ok(());
        };
        if !self.changed {
            return Ok(());
        }
        let mut entries: Vec<Entry> = self
            .entries
            .values()
            .filter(|e| e.path.to_str().is_some())
            .cloned()
            .collect();
        entries.sort_by(|a, b| a.path.cmp(&b.path));
        let cache = CacheFile {
            format: FORMAT.to_owned(),
            version: VERSION,
            factmark: env!("CARGO_PKG_VERSION").to_owned(),
            root: self.root.clone(),
            entries,
        };
        let text = ron::to_string(&cache).map_err(std::io::Error::other)?;
        if let Some(dir) = file.parent() {
            std::fs::create_dir_all(dir)?;
        }
        crate::export::write_file(file, text.as_bytes())?;
        self.changed = false;
        Ok(())
    }

    fn relative<'a>(&self, path: &'a Path) -> Option<&'a Path> {
        path.strip_prefix(&self.root).ok()
    }
}

/// A modification time as whole seconds and nanoseconds since 1970 (`None` before then).
fn epoch(time: SystemTime) -> Option<(u64, u32)> {
    let since = time.duration_since(UNIX_EPOCH).ok()?;
    Some((since.as_secs(), since.subsec_nanos()))
}

#[cfg(test)]
mod tests;
