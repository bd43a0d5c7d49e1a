//! What a workflow tells the user: a passing message or an error that stays until dismissed.
//! Workflows return these; the window shows them in its status bar and error banner, the
//! command line prints them.

/// One message for the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// Informational ("Saved to …"); the newest replaces the previous one.
    Info(String),
    /// Something went wrong or needs attention; stays until dismissed.
    Error(String),
}

impl Notice {
    /// An informational message.
    pub fn info(message: impl Into<String>) -> Self {
        Self::Info(message.into())
    }

    /// An error message.
    pub fn error(message: impl Into<String>) -> Self {
        Self::Error(message.into())
    }
}
