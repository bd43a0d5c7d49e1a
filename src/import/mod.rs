//! Files → `Article`: plain text (`.txt`, and `.md` as plain text for now), the built-in
//! default article, and [`open_any`], which picks article or session by extension.

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::model::{Article, Session, title_from_file_stem};
use crate::store::{self, LoadError, textfile::TextFileError};

/// Article files larger than this are refused before reading (16 MiB: far more than any news
/// article, small enough to lay out comfortably).
pub const MAX_ARTICLE_BYTES: u64 = 16 * 1024 * 1024;

/// Title of the built-in article shown on first start.
const DEFAULT_TITLE: &str = "Belarus prisoner release";
/// Where the built-in article lives in the source tree (recorded as its source).
const DEFAULT_SOURCE: &str = "assets/belarus-prisoner-release.txt";
const DEFAULT_TEXT: &str = include_str!("../../assets/belarus-prisoner-release.txt");

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
    /// The file is over [`MAX_ARTICLE_BYTES`]; it is not read.
    #[error(
        "{}: the file is {}, over the {} limit for articles",
        .path.display(),
        store::textfile::human_size(*.size),
        store::textfile::human_size(*.limit)
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// The file contains NUL bytes: it is not plain text.
    #[error(
        "{}: this is a binary file (it contains NUL bytes), not plain text; Factmark opens \
         UTF-8 text articles (.txt, .md) and sessions (.ron)",
        .path.display()
    )]
    Binary {
        /// The file.
        path: PathBuf,
    },
    /// The file is UTF-16 text.
    #[error("{}: the file is UTF-16 encoded; save it as UTF-8 and open it again", .path.display())]
    Utf16 {
        /// The file.
        path: PathBuf,
    },
    /// The file is not valid UTF-8.
    #[error(
        "{}: the file is not valid UTF-8 (first bad byte on line {line}, byte offset {offset}); \
         save it as UTF-8 and open it again",
        .path.display()
    )]
    NotUtf8 {
        /// The file.
        path: PathBuf,
        /// Line of the first invalid byte (1-based).
        line: usize,
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// The file has no text to annotate.
    #[error("{}: the file is empty (nothing but whitespace)", .path.display())]
    Empty {
        /// The file.
        path: PathBuf,
    },
}

/// Opens a plain-text article: checks size, refuses binary and non-UTF-8 files, drops a
/// UTF-8 BOM and turns CRLF and lone CR line ends into LF. The title comes from the file
/// name (`belarus-prisoner-release.txt` → "Belarus prisoner release"), the source is the path
/// as given.
///
/// # Errors
///
/// An [`ImportError`] naming the file: unreadable, over [`MAX_ARTICLE_BYTES`], binary,
/// UTF-16 or otherwise not UTF-8, or empty.
pub fn open_article(path: &Path) -> Result<Article, ImportError> {
    let text =
        store::textfile::read_text(path, MAX_ARTICLE_BYTES).map_err(|error| match error {
            TextFileError::Io(source) => ImportError::Io {
                path: path.to_path_buf(),
                source,
            },
            TextFileError::TooLarge { size, limit } => ImportError::TooLarge {
                path: path.to_path_buf(),
                size,
                limit,
            },
            TextFileError::Binary => ImportError::Binary {
                path: path.to_path_buf(),
            },
            TextFileError::Utf16 => ImportError::Utf16 {
                path: path.to_path_buf(),
            },
            TextFileError::NotUtf8 { line, offset } => ImportError::NotUtf8 {
                path: path.to_path_buf(),
                line,
                offset,
            },
        })?;
    if text.trim().is_empty() {
        return Err(ImportError::Empty {
            path: path.to_path_buf(),
        });
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    Ok(Article::new(
        title_from_file_stem(&stem),
        Some(path.display().to_string()),
        normalize_newlines(&text).into_owned(),
    ))
}

/// The article shown on first start (embedded in the binary).
pub fn default_article() -> Article {
    Article::new(
        DEFAULT_TITLE,
        Some(DEFAULT_SOURCE.to_owned()),
        normalize_newlines(DEFAULT_TEXT).into_owned(),
    )
}

/// Turns CRLF and lone CR into LF; borrows when there is nothing to change.
pub fn normalize_newlines(text: &str) -> Cow<'_, str> {
    if !text.contains('\r') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// What [`open_any`] found at a path.
#[derive(Debug)]
pub enum Opened {
    /// A text file, to start a new session on.
    Article(Article),
    /// A saved session.
    Session(Session),
}

impl Opened {
    /// A session for what was opened: the loaded one, or a new empty one on the article.
    pub fn into_session(self) -> Session {
        match self {
            Self::Article(article) => Session::new(Arc::new(article)),
            Self::Session(session) => session,
        }
    }
}

/// Why [`open_any`] failed.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The path was taken as an article and could not be imported.
    #[error(transparent)]
    Article(#[from] ImportError),
    /// The path was taken as a session (`.ron`) and could not be loaded.
    #[error(transparent)]
    Session(#[from] LoadError),
}

/// True when `path` names a session file (extension `.ron`, any case).
pub fn is_session_path(path: &Path) -> bool {
    path.extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("ron"))
}

/// Opens a session (`.ron`, via [`store::load`]) or, for any other extension, an article
/// (via [`open_article`]).
///
/// # Errors
///
/// The [`LoadError`] or [`ImportError`] of whichever was tried.
pub fn open_any(path: &Path) -> Result<Opened, OpenError> {
    if is_session_path(path) {
        Ok(Opened::Session(store::load(path)?))
    } else {
        Ok(Opened::Article(open_article(path)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    #[test]
    fn opens_text_with_bom_and_mixed_line_ends() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(
            &dir,
            "minsk_talks-2025.txt",
            "\u{feff}Viačorka said:\r\n“hope”\rend\n".as_bytes(),
        );
        let article = open_article(&path).unwrap();
        assert_eq!(article.text(), "Viačorka said:\n“hope”\nend\n");
        assert_eq!(article.title(), "Minsk talks 2025");
        assert_eq!(article.source(), Some(path.display().to_string().as_str()));
    }

    #[test]
    fn markdown_is_plain_text() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(&dir, "notes.md", b"# Heading\n\n*text*");
        assert_eq!(open_article(&path).unwrap().text(), "# Heading\n\n*text*");
    }

    #[test]
    fn refuses_binary_utf16_bad_utf8_empty_and_missing() {
        let dir = tempfile::tempdir().unwrap();
        let cases: [(&str, &[u8], &str); 4] = [
            ("a.pdf", b"%PDF\0\x01", "binary file"),
            ("b.txt", b"\xFF\xFEh\0i\0", "UTF-16"),
            ("c.txt", b"caf\xE9", "not valid UTF-8"),
            ("d.txt", b" \n\t\n", "empty"),
        ];
        for (name, bytes, expected) in cases {
            let path = write(&dir, name, bytes);
            let message = open_article(&path).unwrap_err().to_string();
            assert!(message.contains(expected), "{message}");
            assert!(message.contains(name), "{message}");
        }
        let missing = dir.path().join("missing.txt");
        let message = open_article(&missing).unwrap_err().to_string();
        assert!(
            message.contains("missing.txt: cannot read the file"),
            "{message}"
        );
    }

    #[test]
    fn refuses_folders() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            open_article(dir.path()),
            Err(ImportError::Io { .. })
        ));
    }

    #[test]
    fn default_article_is_embedded() {
        let article = default_article();
        assert_eq!(article.title(), "Belarus prisoner release");
        assert_eq!(
            article.source(),
            Some("assets/belarus-prisoner-release.txt")
        );
        assert!(article.text().contains("14 political prisoners"));
        assert!(!article.text().contains('\r'));
    }

    #[test]
    fn open_any_picks_by_extension() {
        let dir = tempfile::tempdir().unwrap();
        let text = write(&dir, "x.TXT", b"Some text.");
        assert!(matches!(open_any(&text), Ok(Opened::Article(_))));
        let session = Session::new(Arc::new(default_article()));
        let path = dir.path().join("s.RON");
        store::save(&session, &path).unwrap();
        let opened = open_any(&path).unwrap();
        assert!(matches!(opened, Opened::Session(_)));
        assert_eq!(opened.into_session(), session);
        let bad = write(&dir, "bad.ron", b"(");
        assert!(matches!(open_any(&bad), Err(OpenError::Session(_))));
    }

    #[test]
    fn newline_normalisation() {
        assert!(matches!(normalize_newlines("a\nb"), Cow::Borrowed(_)));
        assert_eq!(normalize_newlines("a\r\n\r\nb\r"), "a\n\nb\n");
        assert_eq!(normalize_newlines("\r\r\n"), "\n\n");
    }
}
