//! The open document: a session, its undo history and the file it saves to.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::model::{Article, Edit, EditError, EditGroup, History, Selection, Session};
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
    /// program (or a colleague's `git pull`) changing it meanwhile. `None` while this window
    /// has neither read nor written `path` (a `--session` target, a restored copy): a file
    /// found there then is someone else's, and saving asks before replacing it.
    pub fingerprint: Option<Fingerprint>,
}

impl Document {
    /// A new, empty session on `article`. `path` binds the first save (`--session OUT.ron`).
    pub fn from_article(article: Article, path: Option<PathBuf>) -> Self {
        Self::new(Session::new(Arc::new(article)), History::new(), path)
    }

    /// A session loaded from `path`, whose bytes had `fingerprint`.
    pub fn from_loaded(session: Session, path: PathBuf, fingerprint: Fingerprint) -> Self {
        Self {
            fingerprint: Some(fingerprint),
            ..Self::new(session, History::new(), Some(path))
        }
    }

    /// A document bound to `path` (which may not exist yet) that has not read it: a file
    /// there is replaced only after the user says so.
    pub fn new(session: Session, history: History, path: Option<PathBuf>) -> Self {
        Self {
            session,
            history,
            path,
            fingerprint: None,
        }
    }

    /// How a save to `target` may replace what is there: the bound file as last read or
    /// written, or (any other file, or one this window never read) only if nothing is there.
    pub fn replace_policy(&self, target: &Path) -> crate::store::Replace<'_> {
        match (&self.path, &self.fingerprint) {
            // A bound file that was deleted is simply written again.
            (Some(path), Some(known)) if path == target && target.exists() => {
                crate::store::Replace::Unchanged(known)
            }
            _ => crate::store::Replace::New,
        }
    }

    /// Applies an edit through the history (see [`History::apply`]); `before` is the
    /// selection just before it, which undo restores.
    pub fn apply(
        &mut self,
        edit: Edit,
        group: Option<EditGroup>,
        before: Selection,
    ) -> Result<(), EditError> {
        self.history.apply(&mut self.session, edit, group, before)
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
