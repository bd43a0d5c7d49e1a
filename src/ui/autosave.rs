//! Crash recovery from the window's side: writes unsaved work to a recovery file at the first
//! change of a burst (then at most once per [`AUTOSAVE_INTERVAL`] while changes go on) and
//! when the window loses focus, removes it once the work is saved or deliberately discarded,
//! and offers leftovers of crashed runs.
//!
//! Writing happens on a named worker thread with a copy of the session (the article text is
//! shared, not copied), so a large session never stalls a frame.

use std::path::Path;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use super::status::Status;
use crate::store::{RecoveryEntry, RecoveryKey, RecoveryStore};
use crate::workspace::Document;

/// Least seconds between two recovery writes. The first change after a quiet spell is written
/// at once; changes that follow within this interval wait for its end. So a crash loses at
/// most this much work plus one write (docs/RELIABILITY.md has the measured figures), while a
/// long typing burst costs one background write a second, not one per keystroke.
pub const AUTOSAVE_INTERVAL: f64 = 1.0;

/// Why the recovery folder is being listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Listing {
    /// At start-up: offer what is found, say nothing if nothing is.
    AtStart,
    /// The user chose File → Recover unsaved work: offer what is found, or say there is none.
    Asked,
}

/// How often a frame looks for a worker's result while one is running.
const POLL: std::time::Duration = std::time::Duration::from_millis(50);

/// The recovery file of the open document.
pub struct Autosave {
    store: Option<RecoveryStore>,
    key: RecoveryKey,
    /// Session revision held by the recovery file, if one was written.
    written: Option<u64>,
    /// When (egui input time) the last recovery write started.
    last_write: Option<f64>,
    was_focused: bool,
    /// A write running on the worker thread: the revision it holds and its outcome.
    in_flight: Option<(u64, Receiver<Result<(), String>>)>,
    /// Leftovers of earlier runs (and copies set aside), offered to the user until restored,
    /// discarded or deferred.
    pub offers: Vec<RecoveryEntry>,
    /// Every recovery copy not owned by a running window, whether or not it is on offer now:
    /// File → Recover unsaved work lists them.
    pub available: usize,
    /// The recovery folder being listed on a worker thread, and who asked.
    listing: Option<(Receiver<Vec<RecoveryEntry>>, Listing)>,
}

impl Autosave {
    /// Autosave into `store` (none: recovery is off, e.g. no home folder) for the document
    /// bound to `path`, offering leftovers from crashed runs.
    pub fn new(store: Option<RecoveryStore>, path: Option<&Path>) -> Self {
        let mut autosave = Self {
            store,
            key: RecoveryKey::for_session(path),
            written: None,
            last_write: None,
            was_focused: true,
            in_flight: None,
            offers: Vec::new(),
            available: 0,
            listing: None,
        };
        autosave.list_offers(Listing::AtStart);
        autosave
    }

    /// Lists the recovery folder on a worker thread (it loads every copy and its session file
    /// to say how they compare), and offers what it finds as soon as it arrives.
    pub fn list_offers(&mut self, why: Listing) {
        let Some(store) = self.store.clone() else {
            return;
        };
        let (sender, receiver) = channel();
        let spawned = std::thread::Builder::new()
            .name("recovery-list".into())
            .spawn(move || {
                let _ = sender.send(store.offers());
            });
        if spawned.is_ok() {
            self.listing = Some((receiver, why));
        }
    }

    /// True while the recovery folder is being listed.
    pub fn is_listing(&self) -> bool {
        self.listing.is_some()
    }

    /// Takes the finished listing, if any.
    fn poll_listing(&mut self, ctx: &egui::Context, status: &mut Status) {
        let Some((receiver, why)) = &self.listing else {
            return;
        };
        match receiver.try_recv() {
            Err(TryRecvError::Empty) => ctx.request_repaint_after(POLL),
            Ok(entries) => {
                self.available = entries.len();
                if entries.is_empty() && *why == Listing::Asked {
                    status.info("No unsaved work to recover: every recovery copy was restored or discarded.");
                }
                self.offers = entries;
                self.listing = None;
            }
            Err(TryRecvError::Disconnected) => self.listing = None,
        }
    }

    /// Keeps `doc` as a set-aside recovery copy, written now (before the caller replaces the
    /// document): offered under File → Recover unsaved work until restored or discarded.
    /// Returns whether the copy is on disk.
    pub fn set_aside(&mut self, doc: &Document, status: &mut Status) -> bool {
        let Some(store) = &self.store else {
            status.error("Recovery copies are off (no data folder), so nothing can be set aside.");
            return false;
        };
        match store.write(&RecoveryKey::set_aside(), &doc.session, doc.path.as_deref()) {
            Ok(_) => {
                self.available += 1;
                true
            }
            Err(error) => {
                status.error(format!("Could not keep a recovery copy: {error}"));
                false
            }
        }
    }

    /// The recovery folder, if recovery is on.
    pub fn store(&self) -> Option<&RecoveryStore> {
        self.store.as_ref()
    }

    /// Call once per frame: writes the recovery file when it is due.
    pub fn tick(&mut self, ctx: &egui::Context, doc: &Document, status: &mut Status) {
        self.poll(status);
        self.poll_listing(ctx, status);
        let (now, focused) = ctx.input(|i| (i.time, i.focused));
        let lost_focus = self.was_focused && !focused;
        self.was_focused = focused;
        if !doc.is_dirty() {
            return;
        }
        let revision = doc.session.revision();
        if self.written == Some(revision) || self.in_flight_revision() == Some(revision) {
            return;
        }
        let waited = self.last_write.map_or(f64::INFINITY, |last| now - last);
        if waited >= AUTOSAVE_INTERVAL || lost_focus {
            self.write_in_background(ctx, doc, now);
        } else {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(
                AUTOSAVE_INTERVAL - waited,
            ));
        }
    }

    /// Starts writing the recovery file on the worker thread (unless a write is running;
    /// the next frame tries again).
    fn write_in_background(&mut self, ctx: &egui::Context, doc: &Document, now: f64) {
        let Some(store) = self.store.clone() else {
            return;
        };
        if self.in_flight.is_some() {
            ctx.request_repaint_after(POLL);
            return;
        }
        let (key, session, path) = (self.key.clone(), doc.session.clone(), doc.path.clone());
        let revision = session.revision();
        let (sender, outcome) = channel();
        let repaint = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("autosave".into())
            .spawn(move || {
                let result = store
                    .write(&key, &session, path.as_deref())
                    .map(|_| ())
                    .map_err(|error| error.to_string());
                // The receiver is gone only if the window closed meanwhile.
                let _ = sender.send(result);
                repaint.request_repaint();
            });
        if spawned.is_ok() {
            self.in_flight = Some((revision, outcome));
            self.last_write = Some(now);
        }
    }

    fn in_flight_revision(&self) -> Option<u64> {
        self.in_flight.as_ref().map(|(revision, _)| *revision)
    }

    /// Takes the outcome of a finished background write.
    fn poll(&mut self, status: &mut Status) {
        let Some((revision, outcome)) = &self.in_flight else {
            return;
        };
        let result = match outcome.try_recv() {
            Err(TryRecvError::Empty) => return,
            Ok(result) => result,
            Err(TryRecvError::Disconnected) => Err("the autosave thread stopped".to_owned()),
        };
        match result {
            Ok(()) => self.written = Some(*revision),
            Err(error) => status.error(format!("Could not write the recovery copy: {error}")),
        }
        self.in_flight = None;
    }

    /// Waits for a background write to finish, so that nothing writes the file after this.
    fn settle(&mut self, status: &mut Status) {
        if let Some((revision, outcome)) = self.in_flight.take() {
            match outcome.recv() {
                Ok(Ok(())) => self.written = Some(revision),
                Ok(Err(error)) => {
                    status.error(format!("Could not write the recovery copy: {error}"));
                }
                Err(_) => {}
            }
        }
    }

    /// Writes the recovery file now, on this thread (when the copy must be on disk before
    /// the next step, as when restoring).
    pub fn write(&mut self, doc: &Document, status: &mut Status) {
        self.settle(status);
        let Some(store) = &self.store else {
            return;
        };
        match store.write(&self.key, &doc.session, doc.path.as_deref()) {
            Ok(_) => self.written = Some(doc.session.revision()),
            Err(error) => status.error(format!("Could not write the recovery copy: {error}")),
        }
    }

    /// The work is saved or deliberately discarded: its recovery file goes.
    pub fn clear(&mut self, status: &mut Status) {
        self.settle(status);
        self.written = None;
        if let Some(store) = &self.store
            && let Err(error) = store.remove(&self.key)
        {
            status.error(format!("Could not remove the recovery copy: {error}"));
        }
    }

    /// The document now belongs to another file (opened, saved as, or new): the old
    /// recovery file goes and later writes use the new file's key.
    pub fn rebind(&mut self, path: Option<&Path>, status: &mut Status) {
        self.clear(status);
        self.key = RecoveryKey::for_session(path);
    }

    /// Where this window's recovery file is written.
    pub fn current_file(&self) -> Option<std::path::PathBuf> {
        self.store.as_ref().map(|store| store.path_of(&self.key))
    }
}
