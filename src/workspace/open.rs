//! Opening a file into a document: read on a worker ([`read`]), then decide what the window
//! shows ([`finish`]): a session with its fingerprint, or an article with its import report;
//! with `--session OUT.ron`, an existing session of the same article opens instead of a new
//! one, and any other file there is never replaced without asking.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{Document, Notice};
use crate::import::{self, ImportReport};
use crate::model::{Article, History, Session};
use crate::store::{self, Loaded};

/// What reading a file brought back (the worker's half of opening).
pub struct Opened {
    path: PathBuf,
    result: Result<Content, String>,
    /// For `--session OUT.ron` at launch: what was already at OUT.ron, if anything.
    existing_out: Option<(PathBuf, Result<Loaded, String>)>,
}

/// A session (with the fingerprint of the bytes read) or an article (with its import report).
enum Content {
    Session(Loaded),
    Article(Article, Option<ImportReport>),
}

/// What to put in the window after an open.
pub struct OpenOutcome {
    /// The document to work on.
    pub doc: Document,
    /// The file to list under File → Recent.
    pub recent: PathBuf,
    /// Messages, in order (a later info replaces an earlier one).
    pub notices: Vec<Notice>,
}

/// Reads `path` (a session, `.ron` or any file that starts like one, or an article to
/// import) and, when `session_out` names an existing file, that file too. Slow: run it on a
/// worker.
pub fn read(path: &Path, session_out: Option<&Path>) -> Opened {
    let result = if store::is_session_file(path) {
        store::load_full(path)
            .map(Content::Session)
            .map_err(|e| e.to_string())
    } else {
        import::import_file(path)
            .map(|(article, report)| Content::Article(article, Some(report)))
            .map_err(|e| e.to_string())
    };
    // Folded for find here, on the worker, rather than on the first Ctrl+F.
    match &result {
        Ok(Content::Session(loaded)) => {
            loaded.session.article().folded();
        }
        Ok(Content::Article(article, _)) => {
            article.folded();
        }
        Err(_) => {}
    }
    // A `--session` target that already exists is read too, to decide whether to open it.
    let existing_out = session_out.filter(|out| out.exists()).map(|out| {
        let loaded = store::load_full(out).map_err(|e| e.to_string());
        (out.to_path_buf(), loaded)
    });
    Opened {
        path: path.to_path_buf(),
        result,
        existing_out,
    }
}

/// The document for what [`read`] found. `session_out` is the launch's `--session` target;
/// `at_launch` is true for the file named on the command line (the title bar says what
/// opened: no "Opened …" message).
///
/// # Errors
///
/// The file could not be read or imported: the message to show (nothing else changes).
pub fn finish(
    opened: Opened,
    session_out: Option<PathBuf>,
    at_launch: bool,
) -> Result<OpenOutcome, String> {
    let Opened {
        path,
        result,
        existing_out,
    } = opened;
    let mut notices = Vec::new();
    let doc = match result.map_err(|message| format!("Could not open: {message}"))? {
        Content::Session(loaded) => {
            if loaded.version < store::VERSION {
                notices.push(Notice::info(format!(
                    "Opened session {} (format version {}: it is rewritten in version {} \
                     only when you save; the old file is kept as a .bak)",
                    path.display(),
                    loaded.version,
                    store::VERSION
                )));
            } else if !at_launch {
                notices.push(Notice::info(format!("Opened session {}", path.display())));
            }
            match session_out {
                // `factmark s.ron --session other.ron`: save the work to other.ron, which
                // this window has not read (if it exists, saving asks first).
                Some(out) if out != path => {
                    Document::new(loaded.session, History::new(), Some(out))
                }
                _ => Document::from_loaded(loaded.session, path.clone(), loaded.fingerprint),
            }
        }
        Content::Article(article, report) => {
            if !at_launch {
                let how = report
                    .as_ref()
                    .map(|r| format!(" ({})", r.summary()))
                    .unwrap_or_default();
                notices.push(Notice::info(format!(
                    "Opened article {}{how}",
                    path.display()
                )));
            }
            for warning in report.iter().flat_map(|r| &r.warnings) {
                notices.push(Notice::error(format!(
                    "Note on {}: {warning}",
                    path.display()
                )));
            }
            document_for_article(&article, session_out, existing_out, &mut notices)
        }
    };
    Ok(OpenOutcome {
        doc,
        recent: path,
        notices,
    })
}

/// The document for an opened article. With `--session OUT.ron` naming an existing
/// session of the same article, that session opens (re-running a command from the shell's
/// history must not start the work over); another article's session, or a file this
/// version cannot read, is never replaced without asking.
fn document_for_article(
    article: &Article,
    session_out: Option<PathBuf>,
    existing_out: Option<(PathBuf, Result<Loaded, String>)>,
    notices: &mut Vec<Notice>,
) -> Document {
    let new_session = |path| {
        Document::new(
            Session::new(Arc::new(article.clone())),
            History::new(),
            path,
        )
    };
    match existing_out {
        Some((out, Ok(loaded))) if loaded.session.article().text() == article.text() => {
            notices.push(Notice::info(format!(
                "{} already holds {}: opened it to go on with the work.",
                out.display(),
                store::describe(&loaded.session)
            )));
            Document::from_loaded(loaded.session, out, loaded.fingerprint)
        }
        Some((out, Ok(loaded))) => {
            notices.push(Notice::info(format!(
                "{} already holds {} (another article): saving will ask before replacing it.",
                out.display(),
                store::describe(&loaded.session)
            )));
            new_session(Some(out))
        }
        Some((out, Err(reason))) => {
            notices.push(Notice::error(format!(
                "{} cannot be read by this version of Factmark ({reason}), so it will not be \
                 replaced: the first save asks for another name.",
                out.display()
            )));
            new_session(None)
        }
        None => new_session(session_out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_article_opens_as_a_new_session_and_a_session_with_its_fingerprint() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("minsk.txt");
        std::fs::write(&article, "Minsk\n\nBelarus released 14 prisoners.\n").unwrap();
        let outcome = finish(read(&article, None), None, false).unwrap();
        assert_eq!(outcome.recent, article);
        assert!(outcome.doc.path.is_none() && outcome.doc.fingerprint.is_none());
        assert!(
            matches!(&outcome.notices[0], Notice::Info(m) if m.starts_with("Opened article")),
            "{:?}",
            outcome.notices
        );

        let saved = dir.path().join("minsk.ron");
        store::save(&outcome.doc.session, &saved).unwrap();
        let reopened = finish(read(&saved, None), None, true).unwrap();
        assert_eq!(reopened.doc.path.as_deref(), Some(saved.as_path()));
        assert!(reopened.doc.fingerprint.is_some());
        assert!(reopened.notices.is_empty(), "at launch the title says it");

        // Launched on the article again with --session naming that session: it opens.
        let again = finish(read(&article, Some(&saved)), Some(saved.clone()), true).unwrap();
        assert_eq!(again.doc.path.as_deref(), Some(saved.as_path()));
        assert!(
            again.doc.fingerprint.is_some(),
            "read, so saving may replace it"
        );
    }

    #[test]
    fn an_unreadable_file_is_an_error_and_an_unreadable_target_is_never_bound() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing.txt");
        assert!(finish(read(&missing, None), None, false).is_err());

        let article = dir.path().join("a.txt");
        std::fs::write(&article, "A\n\nSome text.\n").unwrap();
        let broken = dir.path().join("broken.ron");
        std::fs::write(&broken, "(format: \"factmark-session\", version: 99").unwrap();
        let outcome = finish(read(&article, Some(&broken)), Some(broken.clone()), true).unwrap();
        assert!(
            outcome.doc.path.is_none(),
            "a file we cannot read is never the target"
        );
        assert!(matches!(&outcome.notices[..], [Notice::Error(m)] if m.contains("cannot be read")));
    }
}
