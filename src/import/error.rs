//! Why an article could not be imported ([`ImportError`]); every message names the file (or
//! the clipboard) and says what to do.

use std::path::PathBuf;

use super::text::ContentError;
use crate::store::textfile::human_size;

/// Why an article could not be opened. Every message names the file.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be opened or read.
    #[error("{}: cannot read the file: {source}", .path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// The file is over [`MAX_ARTICLE_BYTES`](super::MAX_ARTICLE_BYTES); it is not read.
    #[error(
        "{}: the file is {}, over the {} limit for articles",
        .path.display(),
        human_size(*.size),
        human_size(*.limit)
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// The file contains NUL bytes: it is not text (or is UTF-16 without a byte-order mark).
    #[error(
        "{}: this is a binary file (it contains NUL bytes), not text; Factmark opens text \
         articles (.txt, .md, .html, in UTF-8, UTF-16 with a byte-order mark or a legacy \
         encoding) and sessions (.ron)",
        .path.display()
    )]
    Binary {
        /// The file.
        path: PathBuf,
    },
    /// The file has no NUL bytes but is full of other control characters.
    #[error(
        "{}: this looks like a binary file, not text ({count} of its {total} characters are \
         control characters)",
        .path.display()
    )]
    ControlCharacters {
        /// The file.
        path: PathBuf,
        /// How many control characters.
        count: usize,
        /// How many characters in all.
        total: usize,
    },
    /// The file has no text to annotate.
    #[error("{}: the file is empty (nothing but whitespace)", .path.display())]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// The page or Markdown file has markup but no text once that is removed.
    #[error("{}: no article text left after removing the {importer} markup", .path.display())]
    NoText {
        /// The file.
        path: PathBuf,
        /// Which markup ("HTML page", "Markdown").
        importer: &'static str,
    },
    /// The pasted text is empty.
    #[error("the clipboard holds no text to make an article from")]
    EmptyClipboard,
    /// The pasted text is over the article size limit.
    #[error(
        "the pasted text is {}, over the {} limit for articles",
        human_size(*.size),
        human_size(*.limit)
    )]
    ClipboardTooLarge {
        /// Its size in bytes (UTF-8).
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// The pasted text is not text (NULs or mostly control characters).
    #[error("the pasted data is not text (it is mostly control characters)")]
    ClipboardBinary,
}

impl ImportError {
    /// The error for a file whose content was refused.
    pub(crate) fn content(path: PathBuf, error: ContentError) -> Self {
        match error {
            ContentError::Binary => Self::Binary { path },
            ContentError::ControlCharacters { count, total } => {
                Self::ControlCharacters { path, count, total }
            }
            ContentError::Empty => Self::Empty { path },
        }
    }

    /// The error for pasted text that was refused.
    pub(crate) fn clipboard(error: ContentError) -> Self {
        match error {
            ContentError::Binary | ContentError::ControlCharacters { .. } => Self::ClipboardBinary,
            ContentError::Empty => Self::EmptyClipboard,
        }
    }
}
