//! Watching the folder for changes made by other programs (a `git pull`, a colleague on a
//! shared drive, an editor): the operating system's notifications through `notify`, gathered
//! until the folder has been quiet for a moment (a save is several events; a pull, hundreds),
//! then handed to the indexer as the paths to look at again.
//!
//! Debounced here rather than with `notify-debouncer-*`: the indexer needs the paths and the
//! "events were lost, look at everything" flag, and must ignore the reads it makes itself
//! (Linux reports every open), which takes a dozen lines.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventKind, RecursiveMode, Watcher as _};

/// What the watcher asks of the indexer.
#[derive(Debug, PartialEq, Eq)]
pub enum Changes {
    /// These paths (files or folders) were created, changed, removed or renamed.
    Paths(Vec<PathBuf>),
    /// Events were lost (or the watch itself failed): look at the whole folder again.
    Everything,
}

/// However busy the folder, changes are handed over at least this often.
const MAX_WAIT: Duration = Duration::from_secs(2);

/// A running watch; dropping it stops watching.
pub struct Watch {
    /// Kept for its `Drop`, which stops the operating system's watch and its thread.
    _watcher: notify::RecommendedWatcher,
}

/// Starts watching `root` (recursively); `send` gets each batch of changes once nothing has
/// happened for `quiet`. The batching thread ends when the watch is dropped or `send`
/// returns false (nobody listens any more).
///
/// # Errors
///
/// `notify`'s message when the folder cannot be watched (no such folder, too many watches
/// on Linux: `fs.inotify.max_user_watches`).
pub fn start(
    root: &Path,
    quiet: Duration,
    send: impl Fn(Changes) -> bool + Send + 'static,
) -> Result<Watch, String> {
    let (events, received) = channel();
    let mut watcher = notify::recommended_watcher(move |event| {
        // The batching thread is gone only when the watch is being dropped.
        let _ = events.send(event);
    })
    .map_err(|e| e.to_string())?;
    watcher
        .watch(root, RecursiveMode::Recursive)
        .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
    std::thread::Builder::new()
        .name("folder-watch".to_owned())
        .spawn(move || batch_loop(&received, quiet, &send))
        .map_err(|e| e.to_string())?;
    Ok(Watch { _watcher: watcher })
}

/// Gathers events into batches until the channel closes.
fn batch_loop(
    received: &Receiver<notify::Result<Event>>,
    quiet: Duration,
    send: &dyn Fn(Changes) -> bool,
) {
    while let Ok(first) = received.recv() {
        let mut batch = Batch::default();
        batch.add(first);
        let started = Instant::now();
        let mut open = true;
        while started.elapsed() < MAX_WAIT {
            match received.recv_timeout(quiet) {
                Ok(event) => batch.add(event),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => {
                    open = false;
                    break;
                }
            }
        }
        if let Some(changes) = batch.into_changes()
            && !send(changes)
        {
            return;
        }
        if !open {
            return;
        }
    }
}

/// Events gathered so far.
#[derive(Default)]
struct Batch {
    paths: BTreeSet<PathBuf>,
    everything: bool,
}

impl Batch {
    fn add(&mut self, event: notify::Result<Event>) {
        let Ok(event) = event else {
            self.everything = true;
            return;
        };
        if event.need_rescan() {
            self.everything = true;
        }
        // Opening or reading a file (the indexer's own reads among them) changes nothing;
        // closing one written to does.
        if let EventKind::Access(kind) = event.kind
            && kind != AccessKind::Close(AccessMode::Write)
        {
            return;
        }
        self.paths.extend(event.paths);
    }

    fn into_changes(self) -> Option<Changes> {
        if self.everything {
            Some(Changes::Everything)
        } else if self.paths.is_empty() {
            None
        } else {
            Some(Changes::Paths(self.paths.into_iter().collect()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_are_ignored_and_lost_events_ask_for_everything() {
        let open = Event::new(EventKind::Access(AccessKind::Open(AccessMode::Read)))
            .add_path(PathBuf::from("/d/a.txt"));
        let written = Event::new(EventKind::Access(AccessKind::Close(AccessMode::Write)))
            .add_path(PathBuf::from("/d/a.txt"));
        let created = Event::new(EventKind::Create(notify::event::CreateKind::File))
            .add_path(PathBuf::from("/d/b.ron"));

        let mut batch = Batch::default();
        batch.add(Ok(open.clone()));
        assert_eq!(batch.into_changes(), None);

        let mut batch = Batch::default();
        for event in [open, written, created] {
            batch.add(Ok(event));
        }
        assert_eq!(
            batch.into_changes(),
            Some(Changes::Paths(vec!["/d/a.txt".into(), "/d/b.ron".into()]))
        );

        let mut batch = Batch::default();
        batch.add(Err(notify::Error::generic("queue overflow")));
        assert_eq!(batch.into_changes(), Some(Changes::Everything));
    }
}
