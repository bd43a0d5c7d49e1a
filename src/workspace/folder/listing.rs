//! An open folder as the window (or a command) holds it: every file known so far, the
//! documents the pairing rule makes of them, what could not be walked, and the parsed
//! contents for search. Fed by the [`Indexer`]'s updates through [`Folder::poll`], which never
//! blocks; the rows are rebuilt only when something changed.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::mpsc::RecvTimeoutError;
use std::time::{Duration, Instant};

use super::discover::{self, FileKind, FolderError, WalkProblem};
use super::document::{self, DocumentRow, State};
use super::file::{FileEntry, Outcome, Parsed};
use super::indexer::{Indexer, Options, Update};
use super::pairing;
use super::search::SearchIndex;
use super::view::{self, Filter, Sort};
use crate::progress::Progress;
use crate::workspace::jobs::Waker;

/// While files are being read, [`Folder::poll`] rebuilds the rows at most this often.
const REBUILD_EVERY: Duration = Duration::from_millis(50);

/// A folder of articles and sessions, kept up to date by its indexer.
pub struct Folder {
    root: PathBuf,
    files: BTreeMap<PathBuf, FileEntry>,
    parsed: HashMap<PathBuf, Parsed>,
    problems: Vec<WalkProblem>,
    rows: Vec<DocumentRow>,
    /// Bumped whenever the rows change, so a view can tell its cached order is stale.
    revision: u64,
    /// Bumped whenever a document's parsed content changes, so a search can be run again.
    search_revision: u64,
    /// Files changed since the rows were last rebuilt.
    dirty: bool,
    /// When the rows were last rebuilt.
    rebuilt: Option<Instant>,
    /// The first walk has finished: every file of the folder is known.
    listed: bool,
    /// The worker caught up with everything it was asked (no file waits to be read).
    idle: bool,
    not_watched: Option<String>,
    /// The indexer ended without being asked (it panicked): no more updates will come.
    stopped: bool,
    indexer: Option<Indexer>,
}

impl Folder {
    /// Opens the folder at `root` and starts indexing it (see [`Options`]); the first rows
    /// arrive with the first [`Folder::poll`] after `wake` is called.
    ///
    /// # Errors
    ///
    /// A [`FolderError`] when `root` is not a readable folder, or a thread cannot start.
    pub fn open(root: &Path, options: Options, wake: Waker) -> Result<Self, FolderError> {
        let resolved = discover::resolve_root(root)?;
        let indexer =
            Indexer::start(resolved.clone(), options, wake).map_err(|source| FolderError::Io {
                path: root.to_path_buf(),
                source,
            })?;
        let mut folder = Self::empty(resolved);
        folder.indexer = Some(indexer);
        Ok(folder)
    }

    /// Opens the folder, waits until every file is read and parsed, and returns it (no
    /// watching): what a command-line subcommand needs. `cache_dir` is the summary cache's
    /// folder (`None`: no cache).
    ///
    /// # Errors
    ///
    /// As [`Folder::open`], and [`FolderError::Interrupted`] if the indexer stopped.
    pub fn scan(root: &Path, cache_dir: Option<PathBuf>) -> Result<Self, FolderError> {
        let options = Options {
            cache_dir,
            ..Options::once()
        };
        let mut folder = Self::open(root, options, Box::new(|| {}))?;
        while !folder.wait(Duration::from_secs(60)) {
            if folder.stopped {
                return Err(FolderError::Interrupted {
                    path: root.to_path_buf(),
                });
            }
        }
        Ok(folder)
    }

    /// A folder with no files and no indexer (for applying updates by hand in tests).
    pub fn empty(root: PathBuf) -> Self {
        Self {
            root,
            files: BTreeMap::new(),
            parsed: HashMap::new(),
            problems: Vec::new(),
            rows: Vec::new(),
            revision: 0,
            search_revision: 0,
            dirty: false,
            rebuilt: None,
            listed: false,
            idle: false,
            not_watched: None,
            stopped: false,
            indexer: None,
        }
    }

    /// The folder (absolute, links resolved).
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Takes the indexer's waiting updates (never blocks). True when the rows changed.
    ///
    /// While files are being read the rows are rebuilt at most every 50 ms, so a caller
    /// should poll again at least that often until [`Folder::is_idle`] (a window: repaint
    /// after 50 ms while it is not).
    pub fn poll(&mut self) -> bool {
        let updates = self.indexer.as_ref().map(Indexer::take).unwrap_or_default();
        let before = self.revision;
        for update in updates {
            self.apply(update);
        }
        // While files are still being read, the rows are rebuilt a few times a second, not
        // at every frame: re-pairing a thousand files sixty times a second would take the
        // window's time from the readers for nothing anyone can see.
        let reading = !self.idle && !self.summaries_complete();
        let recent = self.rebuilt.is_some_and(|at| at.elapsed() < REBUILD_EVERY);
        if !(reading && recent) {
            self.rebuild();
        }
        self.revision != before
    }

    /// Waits up to `timeout` for the indexer to catch up, taking its updates meanwhile.
    /// True when it has (the rows are then complete and search covers every document).
    pub fn wait(&mut self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        while !self.idle {
            let Some(indexer) = &self.indexer else { break };
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            match indexer.next(left) {
                Ok(update) => self.apply(update),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => {
                    self.stopped = true;
                    break;
                }
            }
        }
        self.poll();
        self.idle
    }

    /// Takes one update (in the order the indexer sent them). Call [`Folder::rebuild`] after
    /// a batch to refresh the rows; [`Folder::poll`] does both.
    pub fn apply(&mut self, update: Update) {
        match update {
            Update::Found(found) => {
                self.idle = false;
                for found in found {
                    let path = found.path.clone();
                    match self.files.get_mut(&path) {
                        // Known: keep what was read until it is read again.
                        Some(entry) => entry.found = found,
                        None => {
                            self.files.insert(path, FileEntry::pending(found));
                        }
                    }
                }
            }
            Update::Read {
                found,
                sha256,
                outcome,
            } => {
                let path = found.path.clone();
                let same = self
                    .files
                    .get(&path)
                    .is_some_and(|e| e.sha256.is_some() && e.sha256 == sha256);
                if !same && self.parsed.remove(&path).is_some() {
                    self.search_revision += 1;
                }
                self.files.insert(
                    path,
                    FileEntry {
                        found,
                        sha256,
                        outcome: Some(outcome),
                    },
                );
            }
            Update::Parsed(path, parsed) => {
                if self.files.contains_key(&path) {
                    self.parsed.insert(path, parsed);
                    self.search_revision += 1;
                }
                // Search changes, not the rows.
                return;
            }
            Update::Removed(path) => {
                self.files.remove(&path);
                if self.parsed.remove(&path).is_some() {
                    self.search_revision += 1;
                }
            }
            Update::Problems(problems) => {
                self.listed = true;
                self.problems = problems;
            }
            Update::Idle => {
                self.idle = true;
                return;
            }
            Update::NotWatched(reason) => {
                self.not_watched = Some(reason);
                return;
            }
        }
        self.dirty = true;
    }

    /// Re-applies the pairing rule and rebuilds the rows if files changed since last time.
    pub fn rebuild(&mut self) {
        if !self.dirty {
            return;
        }
        let pairs = pairing::pair(&self.root, &self.files);
        self.rows = document::rows(&self.files, pairs);
        self.revision += 1;
        self.dirty = false;
        self.rebuilt = Some(Instant::now());
    }

    /// Every document, in path order (see [`Folder::view`] for the list's order).
    pub fn documents(&self) -> &[DocumentRow] {
        &self.rows
    }

    /// Changes with every rebuild of the rows.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Changes whenever what search sees changes (a document parsed, changed or removed):
    /// a search shown should be run again on a new [`Folder::search_index`].
    pub fn search_revision(&self) -> u64 {
        self.search_revision
    }

    /// The indices into [`Folder::documents`] that `filter` shows, in `sort` order.
    pub fn view(&self, sort: Sort, filter: &Filter) -> Vec<usize> {
        view::view(&self.rows, &self.root, sort, filter)
    }

    /// The document whose article or session is `path` (as given, or resolved), if any.
    pub fn position_of(&self, path: &Path) -> Option<usize> {
        let resolved = std::fs::canonicalize(path).ok();
        let is = |p: &Option<PathBuf>| {
            p.as_deref()
                .is_some_and(|p| p == path || Some(p) == resolved.as_deref())
        };
        self.rows
            .iter()
            .position(|row| is(&row.article) || is(&row.session))
    }

    /// `path` relative to the folder, as the list shows it.
    pub fn relative(&self, path: &Path) -> String {
        view::relative(path, &self.root)
    }

    /// What could not be walked (folders without permission, symlink loops, broken links).
    pub fn problems(&self) -> &[WalkProblem] {
        &self.problems
    }

    /// Why the folder is not watched for outside changes, if it is not.
    pub fn not_watched(&self) -> Option<&str> {
        self.not_watched.as_deref()
    }

    /// True when the rows are complete: the folder has been walked and every file in it
    /// read and summarised (search may still be catching up: [`Folder::is_idle`]).
    pub fn summaries_complete(&self) -> bool {
        self.listed && self.files.values().all(|e| e.outcome.is_some())
    }

    /// True when every file known has been read and parsed.
    pub fn is_idle(&self) -> bool {
        self.idle
    }

    /// The indexer's counts (files read and parsed, of those to do) for a progress bar, and
    /// its cancel flag; `None` without an indexer.
    pub fn progress(&self) -> Option<&Progress> {
        self.indexer.as_ref().map(Indexer::progress)
    }

    /// Files read so far and files known: `(read, known)`.
    pub fn read_counts(&self) -> (usize, usize) {
        let read = self.files.values().filter(|e| e.outcome.is_some()).count();
        (read, self.files.len())
    }

    /// Asks the indexer to look again at `paths` now (after the window saved a session
    /// there): the row updates without waiting for the watcher.
    pub fn refresh(&self, paths: Vec<PathBuf>) {
        if let Some(indexer) = &self.indexer {
            indexer.refresh(paths);
        }
    }

    /// Asks the indexer to look at the whole folder again.
    pub fn rescan(&self) {
        if let Some(indexer) = &self.indexer {
            indexer.rescan();
        }
    }

    /// A snapshot of the documents for search: each document's session (else its article)
    /// as parsed so far. Cheap to make and to send to another thread.
    pub fn search_index(&self) -> SearchIndex {
        SearchIndex::new(self.rows.iter().filter_map(|row| {
            let file = row.session.as_ref().or(row.article.as_ref())?;
            let parsed = self.parsed.get(file)?.clone();
            Some((
                row.key().to_path_buf(),
                row.open_path().to_path_buf(),
                row.title.clone(),
                parsed,
            ))
        }))
    }

    /// The parsed content of the file at `path` (for search and reports), once parsed.
    pub fn parsed(&self, path: &Path) -> Option<&Parsed> {
        self.parsed.get(path)
    }

    /// Every session file that could be read, paired or not: what `factmark export FOLDER`
    /// exports.
    pub fn session_files(&self) -> Vec<PathBuf> {
        self.files
            .iter()
            .filter(|(_, e)| {
                e.found.kind == FileKind::Session && matches!(e.outcome, Some(Outcome::Ready(_)))
            })
            .map(|(p, _)| p.clone())
            .collect()
    }

    /// Every article file with no session that could be read: what `factmark suggest
    /// FOLDER` pre-annotates (and where its session would go: [`DocumentRow::session_path`]).
    pub fn articles_without_session(&self) -> Vec<&DocumentRow> {
        self.rows
            .iter()
            .filter(|row| {
                row.session.is_none() && row.article.is_some() && row.state == State::NotStarted
            })
            .collect()
    }

    /// Session files that cannot be read, with why.
    pub fn broken_sessions(&self) -> Vec<(&Path, &str)> {
        self.files
            .iter()
            .filter_map(|(path, entry)| match &entry.outcome {
                Some(Outcome::Failed(message)) if entry.found.kind == FileKind::Session => {
                    Some((path.as_path(), message.as_str()))
                }
                _ => None,
            })
            .collect()
    }
}
