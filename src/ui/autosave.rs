//! Crash recovery from the window's side: writes unsaved work to a recovery file a few
//! seconds after it changes and when the window loses focus, removes it once the work is
//! saved or deliberately discarded, and offers leftovers of crashed runs at start-up.
//!
//! Writing happens on a named worker thread with a copy of the session (the article text is
//! shared, not copied), so a large session never stalls a frame.

use std::path::Path;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use super::document::Document;
use super::status::Status;
use crate::store::{RecoveryEntry, RecoveryKey, RecoveryStore};

/// Seconds between the first unsaved change and writing it to the recovery file.
pub const AUTOSAVE_DELAY: f64 = 3.0;

/// The recovery file of the open document.
pub struct Autosave {
    store: Option<RecoveryStore>,
    key: RecoveryKey,
    /// Session revision held by the recovery file, if one was written.
    written: Option<u64>,
    /// When (egui input time) the oldest change not yet in the recovery file was noticed.
    pending_since: Option<f64>,
    was_focused: bool,
    /// A write running on the worker thread: the revision it holds and its outcome.
    in_flight: Option<(u64, Receiver<Result<(), String>>)>,
    /// Leftovers of earlier runs, offered to the user until restored, discarded or deferred.
    pub offers: Vec<RecoveryEntry>,
}

impl Autosave {
    /// Autosave into `store` (none: recovery is off, e.g. no home folder) for the document
    /// bound to `path`, offering leftovers from crashed runs.
    pub fn new(store: Option<RecoveryStore>, path: Option<&Path>) -> Self {
        let offers = store
            .as_ref()
            .map(RecoveryStore::offers)
            .unwrap_or_default();
        Self {
            store,
            key: RecoveryKey::for_session(path),
            written: None,
            pending_since: None,
            was_focused: true,
            in_flight: None,
            offers,
        }
    }

    /// The recovery folder, if recovery is on.
    pub fn store(&self) -> Option<&RecoveryStore> {
        self.store.as_ref()
    }

    /// Call once per frame: writes the recovery file when it is due.
    pub fn tick(&mut self, ctx: &egui::Context, doc: &Document, status: &mut Status) {
        self.poll(status);
        let (now, focused) = ctx.input(|i| (i.time, i.focused));
        let lost_focus = self.was_focused && !focused;
        self.was_focused = focused;
        if !doc.is_dirty() {
            self.pending_since = None;
            return;
        }
        let revision = doc.session.revision();
        if self.written == Some(revision) {
            return;
        }
        let since = *self.pending_since.get_or_insert(now);
        let waited = now - since;
        if waited >= AUTOSAVE_DELAY || lost_focus {
            self.write_in_background(ctx, doc);
        } else {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(AUTOSAVE_DELAY - waited));
        }
    }

    /// Starts writing the recovery file on the worker thread (unless a write is running;
    /// the next frame tries again).
    fn write_in_background(&mut self, ctx: &egui::Context, doc: &Document) {
        let Some(store) = self.store.clone() else {
            return;
        };
        if self.in_flight.is_some() {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
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
            self.pending_since = None;
        }
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
            Ok(_) => {
                self.written = Some(doc.session.revision());
                self.pending_since = None;
            }
            Err(error) => status.error(format!("Could not write the recovery copy: {error}")),
        }
    }

    /// The work is saved or deliberately discarded: its recovery file goes.
    pub fn clear(&mut self, status: &mut Status) {
        self.settle(status);
        self.written = None;
        self.pending_since = None;
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
