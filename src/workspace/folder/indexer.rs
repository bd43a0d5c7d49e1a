//! The folder's indexing worker: walks the folder, reads and summarises every file on a few
//! threads (through the summary cache), parses the rest for search, then waits for changes
//! (from the watcher, or a refresh the window asks for after saving) and looks again at just
//! what changed. Everything it learns goes out as [`Update`]s, in small steps, so the list
//! fills in while it works; nothing here waits for the window or knows about it.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::{Duration, Instant};

use super::cache::{self, SummaryCache};
use super::discover::{self, FileKind, Found, WalkProblem};
use super::file::{Outcome, Parsed};
use super::watch::{self, Changes};
use crate::progress::Progress;
use crate::workspace::jobs::Waker;

mod reading;

use reading::{Pass, document_order};

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
}
