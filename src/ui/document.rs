//! The open document: a session, its undo history and the file it saves to.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::model::{Article, Edit, EditError, EditGroup, History, Session};
use crate::store::Fingerprint;

/// A session being worked on, with everything needed to undo it and save it.
pub struct Document {
    /// The article and annotations.
    pub session: Session,
    /// Undo/redo and the unsaved marker.
    pub history: History,
    /// The session file Ctrl+S writes to; `None` until first saved (then a dialog asks).
    pub path: Option<PathBuf>,
    /// What `path` held when this document last loaded or saved it, to notice another
    /// program (or a colleague's `git pull`) changing it meanwhile.
    pub fingerprint: Option<Fingerprint>,
}

impl Document {
    /// A new, empty session on `article`. `path` binds the first save (`--session OUT.ron`).
    pub fn from_article(article: Article, path: Option<PathBuf>) -> Self {
        Self::new(Session::new(Arc::new(article)), History::new(), path)
    }

    /// A session loaded from `path`.
    pub fn from_session(session: Session, path: PathBuf) -> Self {
        Self::new(session, History::new(), Some(path))
    }

    /// A document bound to `path` (which may not exist yet), fingerprinting what is there now.
    pub fn new(session: Session, history: History, path: Option<PathBuf>) -> Self {
        let fingerprint = path.as_deref().and_then(|p| Fingerprint::of(p).ok());
        Self {
            session,
            history,
            path,
            fingerprint,
        }
    }

    /// True when the bound file exists and no longer holds what this document last loaded or
    /// saved (a missing file is not a conflict: saving simply recreates it).
    pub fn changed_on_disk(&self) -> bool {
        match (&self.path, &self.fingerprint) {
            (Some(path), Some(known)) => {
                path.exists() && crate::store::changed_on_disk(path, known)
            }
            (Some(path), None) => path.exists(),
            _ => false,
        }
    }

    /// Applies an edit through the history (see [`History::apply`]).
    pub fn apply(&mut self, edit: Edit, group: Option<EditGroup>) -> Result<(), EditError> {
        self.history.apply(&mut self.session, edit, group)
    }

    /// True when there are changes not yet saved.
    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    /// The name shown in the title and status bars: the session file's name, or the
    /// article's title for a session never saved.
    pub fn display_name(&self) -> String {
        self.path.as_deref().and_then(Path::file_name).map_or_else(
            || self.session.article().title().to_owned(),
            |name| name.to_string_lossy().into_owned(),
        )
    }

    /// `<article-stem>.ron`, the name the first Save dialog proposes.
    pub fn suggested_file_name(&self) -> String {
        let article = self.session.article();
        let stem = article
            .source()
            .and_then(|source| Path::new(source).file_stem())
            .map(|stem| stem.to_string_lossy().into_owned())
            .unwrap_or_else(|| slug(article.title()));
        format!("{stem}.ron")
    }
}

/// `Belarus prisoner release` → `belarus-prisoner-release`.
fn slug(title: &str) -> String {
    let words: Vec<String> = title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.is_empty() {
        "session".to_owned()
    } else {
        words.join("-")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggested_names() {
        let doc = Document::from_article(
            Article::new("T", Some("a/b/belarus-x.txt".into()), "text"),
            None,
        );
        assert_eq!(doc.suggested_file_name(), "belarus-x.ron");
        assert_eq!(doc.display_name(), "T");
        let doc = Document::from_article(Article::new("Pasted: Минск, 2020!", None, "x"), None);
        assert_eq!(doc.suggested_file_name(), "pasted-минск-2020.ron");
    }
}
