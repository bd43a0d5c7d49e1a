//! Work that reads files or re-anchors, run on a named worker thread so that no frame waits
//! for it: a [`Job`] holds the thread's result channel and its [`Progress`] (for a bar and a
//! Cancel button). Whoever started it polls it; a waker (the window's "repaint now") is called
//! when the result is ready, so nothing here knows about a GUI.

use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::progress::Progress;

/// Called on the worker thread when a job has finished, so the waiting side looks at once
/// (the window passes "request a repaint"; a command-line caller needs none).
pub type Waker = Box<dyn Fn() + Send>;

/// One piece of work on a worker thread, producing a `T`.
pub struct Job<T> {
    /// What the job does, for the progress window: `Opening page.html…`.
    pub label: String,
    /// Counts the worker reports, and the cancel flag it checks.
    pub progress: Progress,
    receiver: Receiver<T>,
}

/// What [`Job::poll`] found.
pub enum Polled<T> {
    /// Still running.
    Running,
    /// Finished with this result.
    Done(T),
    /// The worker ended without a result (it panicked): say so, keep everything else.
    Lost,
}

impl<T: Send + 'static> Job<T> {
    /// Starts `work` on a thread named `thread_name`. The worker gets the job's progress; it
    /// should check [`Progress::is_cancelled`] where it can stop early. `wake` runs on the
    /// worker once the result has been sent.
    ///
    /// # Errors
    ///
    /// When the operating system refuses to start a thread.
    pub fn spawn(
        wake: Waker,
        thread_name: &str,
        label: impl Into<String>,
        work: impl FnOnce(&Progress) -> T + Send + 'static,
    ) -> std::io::Result<Self> {
        let progress = Progress::new();
        let (sender, receiver) = channel();
        let worker_progress = progress.clone();
        std::thread::Builder::new()
            .name(thread_name.to_owned())
            .spawn(move || {
                let result = work(&worker_progress);
                // The receiver is gone only if the window stopped waiting (cancelled, closed).
                let _ = sender.send(result);
                wake();
            })?;
        Ok(Self {
            label: label.into(),
            progress,
            receiver,
        })
    }

    /// Takes the result if the worker has finished.
    pub fn poll(&self) -> Polled<T> {
        match self.receiver.try_recv() {
            Ok(result) => Polled::Done(result),
            Err(TryRecvError::Empty) => Polled::Running,
            Err(TryRecvError::Disconnected) => Polled::Lost,
        }
    }

    /// Waits for the worker to finish (when nothing may go on before it has, as when the
    /// window closes while a save runs).
    pub fn wait(self) -> Polled<T> {
        self.receiver.recv().map_or(Polled::Lost, Polled::Done)
    }

    /// Asks the worker to stop; its result, if it still sends one, is ignored by the caller.
    pub fn cancel(&self) {
        self.progress.cancel();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn wait<T: Send + 'static>(job: &Job<T>) -> Polled<T> {
        for _ in 0..2000 {
            match job.poll() {
                Polled::Running => std::thread::sleep(Duration::from_millis(2)),
                done => return done,
            }
        }
        Polled::Running
    }

    #[test]
    fn results_progress_and_cancel_cross_threads() {
        let (woke, woken) = channel();
        let job = Job::spawn(
            Box::new(move || {
                let _ = woke.send(());
            }),
            "test-job",
            "Adding",
            |progress| {
                progress.set_total(2);
                progress.advance(2);
                40 + 2
            },
        )
        .unwrap();
        assert!(matches!(wait(&job), Polled::Done(42)));
        assert_eq!(job.progress.counts(), (2, 2));
        assert!(
            woken.recv_timeout(Duration::from_secs(5)).is_ok(),
            "the waker ran"
        );

        let (go, wait_for_go) = channel::<()>();
        let job = Job::spawn(Box::new(|| {}), "test-job", "Waiting", move |progress| {
            let _ = wait_for_go.recv();
            progress.is_cancelled()
        })
        .unwrap();
        assert!(matches!(job.poll(), Polled::Running));
        job.cancel();
        go.send(()).unwrap();
        assert!(matches!(wait(&job), Polled::Done(true)));

        let job: Job<()> =
            Job::spawn(Box::new(|| {}), "test-job", "Failing", |_| panic!("boom")).unwrap();
        assert!(matches!(wait(&job), Polled::Lost));
    }
}
