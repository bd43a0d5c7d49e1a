//! Progress and cancellation of long work (importing, re-anchoring) that runs on a worker
//! thread: the worker counts, the window reads the counts to draw a bar and may ask it to stop.
//!
//! Plain atomics, no clock and no GUI: the library reports, the caller decides how to show it.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// Shared between the thread doing the work and the one watching it (cheap to clone).
#[derive(Clone, Debug, Default)]
pub struct Progress {
    inner: Arc<Counters>,
}

#[derive(Debug, Default)]
struct Counters {
    done: AtomicUsize,
    total: AtomicUsize,
    cancelled: AtomicBool,
}

impl Progress {
    /// A fresh counter: nothing done, total unknown (0), not cancelled.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets how many steps the work has in all.
    pub fn set_total(&self, total: usize) {
        self.inner.total.store(total, Ordering::Relaxed);
    }

    /// Counts `steps` more steps done.
    pub fn advance(&self, steps: usize) {
        self.inner.done.fetch_add(steps, Ordering::Relaxed);
    }

    /// `(done, total)`; total 0 means not known yet.
    pub fn counts(&self) -> (usize, usize) {
        (
            self.inner.done.load(Ordering::Relaxed),
            self.inner.total.load(Ordering::Relaxed),
        )
    }

    /// Done as a fraction of the total, in `0.0..=1.0` (0 while the total is unknown).
    pub fn fraction(&self) -> f32 {
        let (done, total) = self.counts();
        if total == 0 {
            0.0
        } else {
            #[allow(clippy::cast_precision_loss)]
            let fraction = done.min(total) as f32 / total as f32;
            fraction
        }
    }

    /// Asks the work to stop at its next check.
    pub fn cancel(&self) {
        self.inner.cancelled.store(true, Ordering::Relaxed);
    }

    /// True once [`Progress::cancel`] was called: the worker should stop and return nothing.
    pub fn is_cancelled(&self) -> bool {
        self.inner.cancelled.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_shared_between_clones() {
        let progress = Progress::new();
        let worker = progress.clone();
        assert_eq!(progress.fraction(), 0.0);
        worker.set_total(4);
        worker.advance(1);
        assert_eq!(progress.counts(), (1, 4));
        assert!((progress.fraction() - 0.25).abs() < 1e-6);
        worker.advance(10);
        assert_eq!(progress.fraction(), 1.0, "never past the end");
        assert!(!worker.is_cancelled());
        progress.cancel();
        assert!(worker.is_cancelled());
    }
}
