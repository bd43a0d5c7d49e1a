//! Messages for the user: the latest note in the status bar, and errors that stay until dismissed.

/// What the status bar and error banner show.
#[derive(Default)]
pub struct Status {
    /// The most recent informational message ("Saved to …").
    pub info: Option<String>,
    /// Errors not yet dismissed, oldest first.
    pub errors: Vec<String>,
    /// The error banner shows every error in full, not only the newest on one line.
    pub details_open: bool,
}

impl Status {
    /// Shows an informational message, replacing the previous one.
    pub fn info(&mut self, message: impl Into<String>) {
        self.info = Some(message.into());
    }

    /// Shows an error until the user dismisses it. Repeats of the newest error are not stacked.
    pub fn error(&mut self, message: impl Into<String>) {
        let message = message.into();
        log::warn!("{message}");
        if self.errors.last() != Some(&message) {
            self.errors.push(message);
        }
    }
}
