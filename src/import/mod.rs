//! Files and pasted text → `Article`: the entry points ([`import_file`], [`open_article`],
//! [`article_from_clipboard`], [`open_any`]), the built-in default article, and the
//! [`ImportReport`] each import returns. Importers: plain text in any common encoding
//! (`text`), Markdown (`markdown`), saved web pages (`html`). No GUI types here.

mod clipboard;
mod error;
mod file;
mod html;
mod lines;
mod markdown;
mod nesting;
mod report;
mod text;

use std::path::Path;
use std::sync::Arc;

pub use clipboard::{MAX_CLIPBOARD_TITLE_CHARS, article_from_clipboard, import_clipboard};
pub use error::ImportError;
pub use file::{import_file, import_read_bytes};
/// Lower-case hex SHA-256 of raw bytes, as an import record stores its source's.
pub(crate) use report::sha256_hex as bytes_sha256_hex;
pub use report::{EncodingSource, ImportReport, Importer};
pub use text::normalize_newlines;

use crate::model::{Article, Session};
use crate::store::{self, LoadError};

/// Article files larger than this are refused before reading (16 MiB: far more than any news
/// article, small enough to lay out comfortably).
pub const MAX_ARTICLE_BYTES: u64 = 16 * 1024 * 1024;

/// Title of the built-in article shown on first start.
const DEFAULT_TITLE: &str = "Belarus prisoner release";
/// Where the built-in article lives in the source tree (recorded as its source).
const DEFAULT_SOURCE: &str = "assets/belarus-prisoner-release.txt";
const DEFAULT_TEXT: &str = include_str!("../../assets/belarus-prisoner-release.txt");

/// What an importer pulled out of a document, before it becomes an [`Article`].
#[derive(Debug, Default)]
pub(crate) struct Extracted {
    /// The document's own title, if it has one.
    pub title: Option<String>,
    /// One paragraph per line.
    pub text: String,
    /// Author line (HTML).
    pub byline: Option<String>,
    /// Publication date as given (HTML).
    pub published: Option<String>,
    /// The outlet's name (HTML `og:site_name`).
    pub site_name: Option<String>,
    /// The page's own address (HTML canonical link or `og:url`).
    pub url: Option<String>,
    /// Notes for the report.
    pub warnings: Vec<String>,
}

/// Opens an article file with the importer its extension names and returns just the article
/// (see [`import_file`], which also returns the [`ImportReport`]).
///
/// # Errors
///
/// As [`import_file`].
pub fn open_article(path: &Path) -> Result<Article, ImportError> {
    import_file(path).map(|(article, _)| article)
}

/// The article shown on first start (embedded in the binary). It has no
/// [provenance](Article::provenance): it was not imported by the user, and leaving it out
/// keeps `sessions/example.ron` identical to its version 1 original once migrated.
pub fn default_article() -> Article {
    Article::new(
        DEFAULT_TITLE,
        Some(DEFAULT_SOURCE.to_owned()),
        normalize_newlines(DEFAULT_TEXT).into_owned(),
    )
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

/// Opens a session (`.ron`, or any file that starts with a session header; via
/// [`store::load`]) or otherwise an article (via [`import_file`]).
///
/// # Errors
///
/// The [`LoadError`] or [`ImportError`] of whichever was tried.
pub fn open_any(path: &Path) -> Result<Opened, OpenError> {
    open_any_reported(path).map(|(opened, _)| opened)
}

/// [`open_any`], plus the [`ImportReport`] when an article was imported (`None` for a
/// session).
///
/// # Errors
///
/// As [`open_any`].
pub fn open_any_reported(path: &Path) -> Result<(Opened, Option<ImportReport>), OpenError> {
    // By content too: a session saved under another name is never imported as plain text.
    if store::is_session_file(path) {
        Ok((Opened::Session(store::load(path)?), None))
    } else {
        let (article, report) = import_file(path)?;
        Ok((Opened::Article(article), Some(report)))
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

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
        let (article, report) = import_file(&path).unwrap();
        assert_eq!(article.text(), "Viačorka said:\n“hope”\nend\n");
        assert_eq!(article.title(), "Minsk talks 2025");
        assert_eq!(article.source(), Some(path.display().to_string().as_str()));
        assert_eq!(report.importer, Importer::PlainText);
        assert_eq!(report.encoding, "UTF-8");
        assert_eq!(report.encoding_source, EncodingSource::ByteOrderMark);
        assert!(report.warnings.is_empty(), "{:?}", report.warnings);
        let provenance = article.provenance().unwrap();
        assert_eq!(provenance, &report.provenance());
        assert_eq!(
            (provenance.importer.as_str(), provenance.encoding.as_str()),
            ("plain-text", "UTF-8")
        );
        assert_eq!(open_article(&path).unwrap(), article);
    }

    #[test]
    fn markdown_is_rendered_and_txt_stays_plain() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(&dir, "notes.md", b"# Heading\n\n*text*");
        let article = open_article(&path).unwrap();
        assert_eq!((article.title(), article.text()), ("Heading", "text\n"));
        let path = write(&dir, "notes.txt", b"# Heading\n\n*text*");
        assert_eq!(open_article(&path).unwrap().text(), "# Heading\n\n*text*");
    }

    #[test]
    fn refuses_binary_controls_empty_markup_and_missing() {
        let dir = tempfile::tempdir().unwrap();
        let controls = "\x01\x02".repeat(20);
        let cases: [(&str, &[u8], &str); 5] = [
            ("a.pdf", b"%PDF\0\x01", "binary file"),
            ("b.txt", b"\xFF\xFEh\0\0\0", "binary file"),
            ("c.dat", controls.as_bytes(), "control characters"),
            ("d.txt", b" \n\t\n", "empty"),
            (
                "e.html",
                b"<html><body><script>x()</script></body></html>",
                "no article text",
            ),
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
        assert_eq!(article.provenance(), None);
    }

    #[test]
    fn open_any_picks_by_extension() {
        let dir = tempfile::tempdir().unwrap();
        let text = write(&dir, "x.TXT", b"Some text.");
        assert!(matches!(open_any(&text), Ok(Opened::Article(_))));
        let (_, report) = open_any_reported(&text).unwrap();
        assert_eq!(report.map(|r| r.importer), Some(Importer::PlainText));
        let session = Session::new(Arc::new(default_article()));
        let path = dir.path().join("s.RON");
        store::save(&session, &path).unwrap();
        let (opened, report) = open_any_reported(&path).unwrap();
        assert!(matches!(opened, Opened::Session(_)) && report.is_none());
        assert_eq!(opened.into_session(), session);
        let bad = write(&dir, "bad.ron", b"(");
        assert!(matches!(open_any(&bad), Err(OpenError::Session(_))));
    }
}
