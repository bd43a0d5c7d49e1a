//! One file of a folder, read once and summarised: an article's title and text digest, a
//! session's counts, progress, analysts and what it records about its article. The bytes
//! that are hashed (the summary cache's key) are the very bytes summarised, and a file that
//! cannot be read or parsed gets a message instead of a summary, never a panic.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::discover::{FileKind, Found};
use crate::import::{self, MAX_ARTICLE_BYTES};
use crate::model::{Article, Body, Session, Stamp};
use crate::store::{self, LoadErrorKind, MAX_SESSION_BYTES};

/// What an article file holds, as the folder's list needs it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleInfo {
    /// The document's own title, or one made from the file name.
    pub title: String,
    /// SHA-256 of the imported text: a session over the same text records the same.
    pub text_sha256: String,
    /// Length of the text in characters.
    pub chars: usize,
    /// What the importer noted (a guessed encoding, replaced bytes).
    pub warnings: Vec<String>,
}

/// What a session file holds, as the folder's list needs it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    /// The embedded article's title.
    pub title: String,
    /// The article's source path as recorded when it was imported (as given then: it may be
    /// relative to wherever Factmark ran).
    pub source: Option<String>,
    /// The SHA-256 of the source file's bytes, from the session's import record.
    pub source_sha256: Option<String>,
    /// The SHA-256 of the embedded article text.
    pub text_sha256: String,
    /// Annotations by tag and status ([`Tag::index`], [`crate::model::Status::index`]).
    pub by_status: [[usize; 4]; 3],
    /// Orphans (annotations whose text is no longer in the article).
    pub orphans: usize,
    /// Claims and statistics checked, of all claims and statistics (the report's progress).
    pub progress: (usize, usize),
    /// Every annotation (and orphan) is checked or not checkable.
    pub all_done: bool,
    /// The analysts who made its annotations, most annotations first.
    pub analysts: Vec<String>,
    /// The latest time any annotation was changed (or created), RFC 3339.
    pub last_edit: Option<String>,
}

impl SessionInfo {
    /// Annotations per tag.
    pub fn counts(&self) -> [usize; 3] {
        self.by_status.map(|row| row.iter().sum())
    }

    /// Summarises a loaded session.
    pub fn of(session: &Session) -> Self {
        let article = session.article();
        let bodies = session
            .annotations()
            .iter()
            .map(|a| &a.body)
            .chain(session.orphans().iter().map(|o| &o.body));
        let mut analysts: Vec<(String, usize)> = Vec::new();
        let mut last: Option<(std::time::SystemTime, &Stamp)> = None;
        let mut all_done = true;
        for body in bodies {
            all_done &= body.status.is_done();
            if !body.analyst.trim().is_empty() {
                match analysts.iter_mut().find(|(name, _)| *name == body.analyst) {
                    Some((_, n)) => *n += 1,
                    None => analysts.push((body.analyst.clone(), 1)),
                }
            }
            if let Some(stamp) = edited(body)
                && let Ok(time) = humantime::parse_rfc3339(stamp.as_str())
                && last.is_none_or(|(t, _)| time > t)
            {
                last = Some((time, stamp));
            }
        }
        analysts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let summary = crate::export::report::Summary::of(session);
        Self {
            title: article.title().to_owned(),
            source: article.source().map(str::to_owned),
            source_sha256: article.provenance().map(|p| p.source_sha256.clone()),
            text_sha256: article.text_digest(store::sha256_hex).to_owned(),
            by_status: summary.by_status,
            orphans: summary.orphans,
            progress: summary.progress(),
            all_done,
            analysts: analysts.into_iter().map(|(name, _)| name).collect(),
            last_edit: last.map(|(_, stamp)| stamp.as_str().to_owned()),
        }
    }

    /// The file name at the end of the recorded source path (either separator: a session
    /// made on Windows records `C:\news\minsk.txt`).
    pub fn source_file_name(&self) -> Option<&str> {
        let source = self.source.as_deref()?;
        source.rsplit(['/', '\\']).next().filter(|n| !n.is_empty())
    }

    /// How many annotations it holds, orphans included.
    pub fn total(&self) -> usize {
        self.counts().iter().sum::<usize>() + self.orphans
    }
}

/// When a body was last touched: its change stamp, else its creation stamp.
fn edited(body: &Body) -> Option<&Stamp> {
    body.changed.as_ref().or(body.created.as_ref())
}

/// A file's summary, by kind.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileInfo {
    /// An article file.
    Article(ArticleInfo),
    /// A session file (boxed: it is the larger by far).
    Session(Box<SessionInfo>),
}

/// What reading a file gave.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    /// Its summary.
    Ready(FileInfo),
    /// Why it cannot be used (not text, not a session, too large, unreadable), in words for
    /// the analyst; the file is listed with this problem.
    Failed(String),
    /// Not a document although its name says so (a report Factmark wrote into the folder).
    Ignored(String),
}

/// A file of the folder as known so far: what the walk found, then the SHA-256 of its bytes
/// and its outcome once read (both `None` until then: the list shows it as being read).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileEntry {
    /// Where it is, its kind, size and modification time.
    pub found: Found,
    /// Lower-case hex SHA-256 of the bytes read; `None` until read, or when it could not be.
    pub sha256: Option<String>,
    /// Its summary or problem; `None` until read.
    pub outcome: Option<Outcome>,
}

impl FileEntry {
    /// A file just found, not read yet.
    pub fn pending(found: Found) -> Self {
        Self {
            found,
            sha256: None,
            outcome: None,
        }
    }
}

/// The parsed content of a file, kept for searching the whole folder.
#[derive(Clone, Debug)]
pub enum Parsed {
    /// A session (its embedded article is the text searched).
    Session(Arc<Session>),
    /// An article with no session yet.
    Article(Arc<Article>),
}

impl Parsed {
    /// The text searched and the spans of hits refer to.
    pub fn article(&self) -> &Arc<Article> {
        match self {
            Self::Session(session) => session.article(),
            Self::Article(article) => article,
        }
    }
}

/// The largest file of `kind` that is read at all.
pub fn size_limit(kind: FileKind) -> u64 {
    match kind {
        FileKind::Article => MAX_ARTICLE_BYTES,
        FileKind::Session => MAX_SESSION_BYTES,
    }
}

/// Why a file's bytes could not be read (its size, permissions, a file that vanished): the
/// message for its row. Never cached, since it says nothing about the content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unread {
    /// What went wrong.
    pub message: String,
}

/// Reads the whole file (regular files only, at most [`size_limit`] bytes).
///
/// # Errors
///
/// An [`Unread`] saying why: the operating system's reason, or the size over the limit.
pub fn read(found: &Found) -> Result<Vec<u8>, Unread> {
    use store::textfile::TextFileError;
    let limit = size_limit(found.kind);
    let too_large = |size| Unread {
        message: too_large_message(found.kind, size, limit),
    };
    if found.size > limit {
        return Err(too_large(found.size));
    }
    match store::textfile::read_bytes(&found.path, limit) {
        Ok((bytes, _)) => Ok(bytes),
        Err(TextFileError::TooLarge { size, .. }) => Err(too_large(size)),
        Err(TextFileError::Io(error)) => Err(Unread {
            message: format!("cannot read the file: {error}"),
        }),
        // Reading reports nothing else (the content checks are the summariser's).
        Err(_) => Err(Unread {
            message: "cannot read the file".to_owned(),
        }),
    }
}

/// "the file is 20 MiB, over the 16 MiB limit for articles".
fn too_large_message(kind: FileKind, size: u64, limit: u64) -> String {
    match kind {
        FileKind::Session => LoadErrorKind::TooLarge { size, limit }.to_string(),
        FileKind::Article => format!(
            "the file is {}, over the {} limit for articles",
            store::textfile::human_size(size),
            store::textfile::human_size(limit)
        ),
    }
}

/// Lower-case hex SHA-256 of a file's bytes (the cache key, and what a session's import
/// record holds for the article it was made from).
pub fn sha256_of(bytes: &[u8]) -> String {
    import::bytes_sha256_hex(bytes)
}

/// Summarises the bytes of `found` (as read by [`read`]) and keeps the parsed content for
/// search. Never panics on any bytes.
pub fn summarise(found: &Found, bytes: &[u8]) -> (Outcome, Option<Parsed>) {
    match found.kind {
        FileKind::Session => match store::from_bytes(bytes) {
            Ok(session) => {
                session.article().folded();
                let info = SessionInfo::of(&session);
                (
                    Outcome::Ready(FileInfo::Session(Box::new(info))),
                    Some(Parsed::Session(Arc::new(session))),
                )
            }
            Err(error) => (Outcome::Failed(error.to_string()), None),
        },
        FileKind::Article if is_factmark_report(bytes) => (
            Outcome::Ignored("a report written by Factmark, not an article".to_owned()),
            None,
        ),
        FileKind::Article => match import::import_read_bytes(&found.path, bytes) {
            Ok((article, report)) => {
                article.folded();
                let info = ArticleInfo {
                    title: article.title().to_owned(),
                    text_sha256: article.text_digest(store::sha256_hex).to_owned(),
                    chars: article.offsets().char_count(),
                    warnings: report.warnings,
                };
                (
                    Outcome::Ready(FileInfo::Article(info)),
                    Some(Parsed::Article(Arc::new(article))),
                )
            }
            Err(error) => (
                Outcome::Failed(without_path(&error.to_string(), found)),
                None,
            ),
        },
    }
}

/// An importer's message without the leading `PATH: ` (the list shows the file already).
fn without_path(message: &str, found: &Found) -> String {
    let prefix = format!("{}: ", found.path.display());
    message.strip_prefix(&prefix).unwrap_or(message).to_owned()
}

/// True for a page Factmark wrote (`factmark report`), recognised by its generator tag near
/// the top, so a report saved into the folder is not listed as an article to check.
fn is_factmark_report(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    memchr::memmem::find(head, b"<meta name=\"generator\" content=\"Factmark").is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Span, Status, Tag};
    use std::path::Path;

    fn found(path: &Path, kind: FileKind) -> Found {
        Found::stat(path).unwrap().map_or_else(
            || panic!("{} is listed", path.display()),
            |f| {
                assert_eq!(f.kind, kind);
                f
            },
        )
    }

    #[test]
    fn a_session_summary_counts_progress_analysts_and_the_latest_edit() {
        let mut session = crate::model::minsk_session();
        let text = session.article().text().to_owned();
        for (word, status, analyst, stamp) in [
            ("Belarus", Status::Checked, "ana", "2026-05-02T10:00:00Z"),
            ("14", Status::ToCheck, "bo", "2026-05-09T10:00:00Z"),
            ("prisoners", Status::Checked, "ana", "2026-04-30T10:00:00Z"),
        ] {
            let start = text.find(word).unwrap();
            let mut body = Body::made(Tag::Claim, analyst, Stamp::parse(stamp).unwrap());
            body.status = status;
            let add = crate::model::Edit::Add(crate::model::Annotation {
                id: crate::model::AnnotationId(start as u64 + 1),
                span: Span::new(start, start + word.len()),
                body: body.into(),
            });
            session.apply(add).unwrap();
        }
        let info = SessionInfo::of(&session);
        assert_eq!(info.counts(), [3, 0, 0]);
        assert_eq!(info.progress, (2, 3));
        assert!(!info.all_done);
        assert_eq!(info.analysts, ["ana", "bo"]);
        assert_eq!(info.last_edit.as_deref(), Some("2026-05-09T10:00:00Z"));
        assert_eq!(info.total(), 3);
    }

    #[test]
    fn the_recorded_source_file_name_reads_either_separator() {
        let mut info = SessionInfo::of(&crate::model::minsk_session());
        for (source, name) in [
            ("news/minsk.txt", Some("minsk.txt")),
            ("C:\\news\\minsk.txt", Some("minsk.txt")),
            ("minsk.txt", Some("minsk.txt")),
            ("news/", None),
        ] {
            info.source = Some(source.to_owned());
            assert_eq!(info.source_file_name(), name, "{source}");
        }
    }

    #[test]
    fn bad_files_get_a_message_not_a_summary() {
        let dir = tempfile::tempdir().unwrap();
        let binary = dir.path().join("photo.txt");
        std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
        let f = found(&binary, FileKind::Article);
        let (outcome, parsed) = summarise(&f, &read(&f).unwrap());
        assert!(
            matches!(&outcome, Outcome::Failed(m) if m.starts_with("this is a binary file")),
            "{outcome:?}"
        );
        assert!(parsed.is_none());

        let broken = dir.path().join("broken.ron");
        std::fs::write(&broken, "(format: \"factmark-session\", version: 3").unwrap();
        let f = found(&broken, FileKind::Session);
        let (outcome, _) = summarise(&f, &read(&f).unwrap());
        assert!(matches!(outcome, Outcome::Failed(_)), "{outcome:?}");

        let mut huge = found(&binary, FileKind::Article);
        huge.size = MAX_ARTICLE_BYTES + 1;
        let message = read(&huge).unwrap_err().message;
        assert!(message.contains("over the 16 MiB limit"), "{message}");

        let report = dir.path().join("index.html");
        std::fs::write(
            &report,
            crate::export::report::html(&crate::model::minsk_session()),
        )
        .unwrap();
        let f = found(&report, FileKind::Article);
        assert!(matches!(
            summarise(&f, &read(&f).unwrap()).0,
            Outcome::Ignored(_)
        ));
    }
}
