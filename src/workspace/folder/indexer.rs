//! The folder's indexing worker: walks the folder, reads and summarises every file on a few
//! threads (through the summary cache), parses the rest for search, then waits for changes
//! (from the watcher, or a refresh the window asks for after saving) and looks again at just
//! what changed. Everything it learns goes out as [`Update`]s, in small steps, so the list
//! fills in while it works; nothing here waits for the window or knows about it.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::{Duration, Instant};

use super::cache::{self, SummaryCache};
use super::discover::{self, FileKind, Found, WalkProblem};
use super::file::{self, Outcome, Parsed};
use super::watch::{self, Changes};
use crate::progress::Progress;
use crate::workspace::jobs::Waker;

/// What the worker learnt; [`super::Folder::apply`] takes them in order.
#[derive(Clone, Debug)]
pub enum Update {
    /// Files found (new, or changed on disk): listed at once, read later.
    Found(Vec<Found>),
    /// A file was read: the SHA-256 of its bytes (if they could be read) and its outcome.
    Read {
        /// The file as it was when read.
        found: Found,
        /// Hash of the bytes read.
        sha256: Option<String>,
        /// Summary or problem.
        outcome: Outcome,
    },
    /// A file's parsed content, for search.
    Parsed(PathBuf, Parsed),
    /// A file is gone.
    Removed(PathBuf),
    /// Everything that could not be walked, as of the latest walk (replaces the earlier list).
    Problems(Vec<WalkProblem>),
    /// The worker has caught up: every file known is read and parsed.
    Idle,
    /// The folder is not watched (the reason): changes from outside show only after a
    /// refresh or reopening.
    NotWatched(String),
}

/// How to index a folder.
#[derive(Clone, Debug)]
pub struct Options {
    /// Folder of the summary cache; `None` keeps summaries in memory only.
    pub cache_dir: Option<PathBuf>,
    /// Watch the folder for changes made by other programs.
    pub watch: bool,
    /// How long the folder must be quiet before changes are looked at.
    pub quiet: Duration,
    /// Threads reading files.
    pub threads: usize,
}

impl Options {
    /// For the window: the platform cache folder (or `$FACTMARK_CACHE_DIR`), watching, a
    /// reader per core (at most four: the disk, not the processor, is the limit after that).
    pub fn platform() -> Self {
        Self {
            cache_dir: cache::platform_dir(),
            watch: true,
            quiet: Duration::from_millis(250),
            threads: std::thread::available_parallelism().map_or(2, |n| n.get().min(4)),
        }
    }

    /// For a command: the same without watching.
    pub fn once() -> Self {
        Self {
            watch: false,
            ..Self::platform()
        }
    }
}

/// What the worker is asked to do next.
enum Command {
    /// Look again at these paths (files or folders; gone ones are removed).
    Refresh(Vec<PathBuf>),
    /// Look again at the whole folder.
    Rescan,
    /// End: the folder was closed. (The watch holds a sender too, so the channel alone
    /// never closes while it runs.)
    Stop,
}

/// The running worker. Dropping it stops the worker and the watch.
pub struct Indexer {
    commands: Sender<Command>,
    updates: Receiver<Update>,
    progress: Progress,
}

impl Drop for Indexer {
    fn drop(&mut self) {
        self.progress.cancel();
        // Gone only if the worker already ended.
        let _ = self.commands.send(Command::Stop);
    }
}

impl Indexer {
    /// Starts indexing `root` (resolved by [`discover::resolve_root`]) on a thread named
    /// `folder-index`; `wake` runs (at most every few dozen milliseconds) when updates wait.
    ///
    /// # Errors
    ///
    /// When the operating system refuses to start a thread.
    pub fn start(root: PathBuf, options: Options, wake: Waker) -> std::io::Result<Self> {
        let (commands, command_rx) = channel();
        let (update_tx, updates) = channel();
        let progress = Progress::new();
        let worker_progress = progress.clone();
        let watch_commands = commands.clone();
        std::thread::Builder::new()
            .name("folder-index".to_owned())
            .spawn(move || {
                let sink = Sink::new(update_tx, wake);
                let mut worker = Worker {
                    cache: SummaryCache::in_memory(&root),
                    root,
                    threads: options.threads.max(1),
                    progress: worker_progress,
                    sink,
                    known: HashMap::new(),
                    problems: Vec::new(),
                };
                let watch = options.watch.then_some((options.quiet, watch_commands));
                let _watch = worker.first_pass(options.cache_dir.as_deref(), watch);
                worker.serve(&command_rx);
            })?;
        Ok(Self {
            commands,
            updates,
            progress,
        })
    }

    /// The updates waiting, oldest first (never blocks).
    pub fn take(&self) -> Vec<Update> {
        self.updates.try_iter().collect()
    }

    /// Waits up to `timeout` for the next update.
    ///
    /// # Errors
    ///
    /// `Timeout` when none came; `Disconnected` when the worker has ended (it panicked).
    pub fn next(&self, timeout: Duration) -> Result<Update, RecvTimeoutError> {
        self.updates.recv_timeout(timeout)
    }

    /// Counts of the work so far (files read and parsed, of those to do), and the cancel flag.
    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    /// Asks the worker to look again at `paths` (a session just saved, a file the window
    /// knows changed); folders are looked at whole.
    pub fn refresh(&self, paths: Vec<PathBuf>) {
        // The worker is gone only if it panicked; the list then stays as it is.
        let _ = self.commands.send(Command::Refresh(paths));
    }

    /// Asks the worker to look at the whole folder again.
    pub fn rescan(&self) {
        let _ = self.commands.send(Command::Rescan);
    }
}

/// The update channel, waking the window now and then rather than for every file.
struct Sink {
    updates: Sender<Update>,
    wake: Waker,
    woken: Instant,
}

impl Sink {
    /// How long updates may wait before the window is woken.
    const EVERY: Duration = Duration::from_millis(30);

    fn new(updates: Sender<Update>, wake: Waker) -> Self {
        Self {
            updates,
            wake,
            woken: Instant::now(),
        }
    }

    /// Sends one update (dropped if nobody listens any more: the folder is being closed,
    /// and the worker stops at its next check).
    fn send(&mut self, update: Update) {
        let _ = self.updates.send(update);
        if self.woken.elapsed() >= Self::EVERY {
            self.flush();
        }
    }

    /// Wakes the window now.
    fn flush(&mut self) {
        (self.wake)();
        self.woken = Instant::now();
    }
}

/// What the worker knows of a file.
struct Known {
    size: u64,
    modified: Option<std::time::SystemTime>,
    sha256: Option<String>,
    /// True when its content has been sent for search (or it has none to send).
    parsed: bool,
}

/// One file read by a reader thread.
struct Read {
    found: Found,
    sha256: Option<String>,
    outcome: Outcome,
    parsed: Option<Parsed>,
    /// Taken from the cache (nothing was parsed).
    cached: bool,
}

struct Worker {
    root: PathBuf,
    threads: usize,
    progress: Progress,
    sink: Sink,
    cache: SummaryCache,
    known: HashMap<PathBuf, Known>,
    problems: Vec<WalkProblem>,
}

impl Worker {
    /// Walks the whole folder, starts watching it (with `watch`: how long to wait for quiet,
    /// where changes go), reads every file (the cache spares parsing), then parses for search
    /// what the cache spared. Returns the watch, which lasts as long as it is kept.
    fn first_pass(
        &mut self,
        cache_dir: Option<&Path>,
        watch: Option<(Duration, Sender<Command>)>,
    ) -> Option<watch::Watch> {
        let mut found_all = Vec::new();
        let sink = &mut self.sink;
        let problems = discover::walk(&self.root, &self.progress, |batch| {
            if !batch.is_empty() {
                found_all.extend(batch.iter().cloned());
                sink.send(Update::Found(batch));
            }
        });
        self.problems = problems;
        self.sink.send(Update::Problems(self.problems.clone()));
        self.sink.flush();
        // Watched from now on: a file changed while the rest is read is read again after.
        let watching = watch.and_then(|(quiet, commands)| self.watch(quiet, commands));
        // Opened after the walk, so the list shows before the cache is parsed.
        if let Some(dir) = cache_dir {
            self.cache = SummaryCache::open(dir, &self.root);
        }
        let live: HashSet<PathBuf> = found_all.iter().map(|f| f.path.clone()).collect();
        self.cache.retain(|path| live.contains(path));
        // Each session right after its article (`news/a.txt`, `news/sessions/a.ron`), so the
        // rows complete in list order instead of waiting for the `sessions` folder.
        found_all.sort_by_cached_key(|f| document_order(&f.path));
        self.read_all(&found_all, Pass::First);
        let _ = self.cache.save();
        self.parse_missing();
        self.sink.send(Update::Idle);
        self.sink.flush();
        watching
    }

    /// Starts the watch; changes go to the command channel.
    fn watch(&mut self, quiet: Duration, commands: Sender<Command>) -> Option<watch::Watch> {
        let send = move |changes| {
            commands
                .send(match changes {
                    Changes::Paths(paths) => Command::Refresh(paths),
                    Changes::Everything => Command::Rescan,
                })
                .is_ok()
        };
        match watch::start(&self.root, quiet, send) {
            Ok(watch) => Some(watch),
            Err(message) => {
                self.sink.send(Update::NotWatched(message));
                self.sink.flush();
                None
            }
        }
    }

    /// Handles commands until the indexer is dropped (or cancelled).
    fn serve(&mut self, commands: &Receiver<Command>) {
        while let Ok(first) = commands.recv() {
            if self.progress.is_cancelled() {
                return;
            }
            // Everything already waiting is handled as one batch.
            let mut paths = Vec::new();
            let mut everything = false;
            for command in std::iter::once(first).chain(commands.try_iter()) {
                match command {
                    Command::Refresh(more) => paths.extend(more),
                    Command::Rescan => everything = true,
                    Command::Stop => return,
                }
            }
            if everything {
                self.look_again(&self.root.clone(), true);
            } else {
                paths.sort();
                paths.dedup();
                for path in paths {
                    self.refresh(&path);
                }
            }
            let _ = self.cache.save();
            self.parse_missing();
            self.sink.send(Update::Idle);
            self.sink.flush();
        }
    }

    /// Looks again at one path from a change: a file is re-read, a folder re-walked, and
    /// whatever is gone from under it removed.
    fn refresh(&mut self, path: &Path) {
        let Ok(relative) = path.strip_prefix(&self.root) else {
            return;
        };
        let hidden = relative
            .components()
            .any(|c| c.as_os_str().to_str().is_some_and(|n| n.starts_with('.')));
        if hidden {
            return;
        }
        match std::fs::metadata(path) {
            Ok(metadata) if metadata.is_dir() => self.look_again(path, false),
            Ok(_) => match Found::stat(path) {
                Ok(Some(found)) => self.read_all(&[found], Pass::Changed),
                Ok(None) => {}
                Err(_) => self.remove_under(path),
            },
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => self.remove_under(path),
            Err(error) => {
                // Still there but not readable (permissions changed): listed with why.
                if let Some(kind) = FileKind::of(path) {
                    let found = Found {
                        path: path.to_path_buf(),
                        kind,
                        size: 0,
                        modified: None,
                    };
                    self.known.remove(path);
                    self.sink.send(Update::Read {
                        found,
                        sha256: None,
                        outcome: Outcome::Failed(format!("cannot read the file: {error}")),
                    });
                }
            }
        }
    }

    /// Walks `under` again: new files and files whose size or time changed are read, files
    /// no longer there are removed. `whole` when `under` is the root (its problems replace
    /// all others).
    fn look_again(&mut self, under: &Path, whole: bool) {
        let mut found_all = Vec::new();
        let problems = discover::walk(under, &self.progress, |batch| found_all.extend(batch));
        if whole {
            self.problems = problems;
        } else {
            self.problems.retain(|p| !p.path.starts_with(under));
            self.problems.extend(problems);
        }
        self.sink.send(Update::Problems(self.problems.clone()));
        let live: HashSet<&Path> = found_all.iter().map(|f| f.path.as_path()).collect();
        let gone: Vec<PathBuf> = self
            .known
            .keys()
            .filter(|p| p.starts_with(under) && !live.contains(p.as_path()))
            .cloned()
            .collect();
        for path in gone {
            self.remove(&path);
        }
        let changed: Vec<Found> = found_all
            .into_iter()
            .filter(|f| {
                self.known
                    .get(&f.path)
                    .is_none_or(|k| k.size != f.size || k.modified != f.modified)
            })
            .collect();
        self.read_all(&changed, Pass::Changed);
    }

    /// Removes `path` and every known file under it.
    fn remove_under(&mut self, path: &Path) {
        let gone: Vec<PathBuf> = self
            .known
            .keys()
            .filter(|p| p.starts_with(path))
            .cloned()
            .collect();
        for path in gone {
            self.remove(&path);
        }
    }

    fn remove(&mut self, path: &Path) {
        self.known.remove(path);
        self.cache.forget(path);
        self.sink.send(Update::Removed(path.to_path_buf()));
    }

    /// Reads `files` on the reader threads, sending each result as it comes (see [`Pass`]).
    fn read_all(&mut self, files: &[Found], pass: Pass) {
        if files.is_empty() {
            return;
        }
        if pass == Pass::Changed {
            self.sink.send(Update::Found(files.to_vec()));
        }
        let (_, total) = self.progress.counts();
        self.progress.set_total(total + files.len());
        let next = AtomicUsize::new(0);
        let (results, received) = channel::<Read>();
        let readers = self.threads.min(files.len());
        let cache = (pass != Pass::ForSearch).then_some(&self.cache);
        let progress = self.progress.clone();
        let (known, sink) = (&mut self.known, &mut self.sink);
        let fresh = std::thread::scope(|scope| {
            for _ in 0..readers {
                let results = results.clone();
                let (next, progress) = (&next, &progress);
                scope.spawn(move || {
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(found) = files.get(i) else { break };
                        if progress.is_cancelled() || results.send(read_one(found, cache)).is_err()
                        {
                            break;
                        }
                    }
                });
            }
            drop(results);
            let mut fresh = Vec::new();
            for read in received {
                progress.advance(1);
                if !read.cached
                    && let Some(sha) = &read.sha256
                {
                    fresh.push((read.found.clone(), sha.clone(), read.outcome.clone()));
                }
                deliver(known, sink, read, pass);
            }
            fresh
        });
        self.sink.flush();
        // Remembered once the readers are done with the cache.
        for (found, sha, outcome) in fresh {
            self.cache.put(&found, &sha, &outcome);
        }
    }

    /// Parses, for search, the files whose summaries came from the cache.
    fn parse_missing(&mut self) {
        let mut files: Vec<Found> = self
            .known
            .iter()
            .filter(|(_, k)| !k.parsed)
            .filter_map(|(p, _)| Found::stat(p).ok().flatten())
            .collect();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        self.read_all(&files, Pass::ForSearch);
    }
}

/// Records one file read and sends what is new about it.
fn deliver(known: &mut HashMap<PathBuf, Known>, sink: &mut Sink, read: Read, pass: Pass) {
    let path = read.found.path.clone();
    let before = known.get(&path);
    let same_bytes = before.is_some_and(|k| k.sha256.is_some() && k.sha256 == read.sha256);
    let same_stat =
        before.is_some_and(|k| k.size == read.found.size && k.modified == read.found.modified);
    let was_parsed = same_bytes && before.is_some_and(|k| k.parsed);
    known.insert(
        path.clone(),
        Known {
            size: read.found.size,
            modified: read.found.modified,
            sha256: read.sha256.clone(),
            parsed: was_parsed
                || read.parsed.is_some()
                || !matches!(read.outcome, Outcome::Ready(_)),
        },
    );
    let news = match pass {
        Pass::First => true,
        Pass::Changed | Pass::ForSearch => !(same_bytes && same_stat),
    };
    if news {
        sink.send(Update::Read {
            found: read.found,
            sha256: read.sha256,
            outcome: read.outcome,
        });
    }
    if let Some(parsed) = read.parsed
        && (news || !was_parsed)
    {
        sink.send(Update::Parsed(path, parsed));
    }
}

/// Where a file comes in reading order: by the folder its document is listed in (a session
/// in `sessions/` counts as in the folder above), then its name, articles first.
fn document_order(path: &Path) -> (PathBuf, std::ffi::OsString, bool) {
    let dir = path.parent().unwrap_or(Path::new(""));
    let in_sessions = dir
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.eq_ignore_ascii_case("sessions"));
    let dir = if in_sessions {
        dir.parent().unwrap_or(dir)
    } else {
        dir
    };
    let stem = path.file_stem().unwrap_or_default().to_os_string();
    (
        dir.to_path_buf(),
        stem,
        FileKind::of(path) == Some(FileKind::Session),
    )
}

/// Why files are read, which decides what is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pass {
    /// The first pass: the files were announced by the walk; everything read is sent.
    First,
    /// Files that changed (or may have): announced first; a file whose bytes and times are
    /// as before sends nothing.
    Changed,
    /// Parsing what the cache spared, bypassing it: the content is sent; the summary only
    /// when the file changed meanwhile.
    ForSearch,
}

/// Reads one file: its bytes and their hash, then the cached outcome when path, size, time
/// and hash match, else a fresh summary with the parsed content.
fn read_one(found: &Found, cache: Option<&SummaryCache>) -> Read {
    let bytes = match file::read(found) {
        Ok(bytes) => bytes,
        Err(unread) => {
            return Read {
                found: found.clone(),
                sha256: None,
                outcome: Outcome::Failed(unread.message),
                parsed: None,
                cached: false,
            };
        }
    };
    let sha256 = file::sha256_of(&bytes);
    // The size as read, in case the file changed between the walk and the read.
    let found = Found {
        size: bytes.len() as u64,
        ..found.clone()
    };
    if let Some(outcome) = cache.and_then(|c| c.get(&found, &sha256)) {
        return Read {
            found,
            sha256: Some(sha256),
            outcome: outcome.clone(),
            parsed: None,
            cached: true,
        };
    }
    let (outcome, parsed) = file::summarise(&found, &bytes);
    Read {
        found,
        sha256: Some(sha256),
        outcome,
        parsed,
        cached: false,
    }
}
