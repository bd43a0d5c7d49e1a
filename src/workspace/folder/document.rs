//! One row of the Documents list: an article and its session (as the pairing rule put them
//! together) summarised as title, counts per tag, progress, last change, analysts, state and
//! problems.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use super::file::{FileEntry, FileInfo, Outcome};
use super::pairing::{Link, Pair};
use crate::model::title_from_file_stem;

/// How far a document's check has got.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum State {
    /// No session yet, or a session with no annotations.
    NotStarted,
    /// Annotations, some of them not checked yet (or orphans to re-attach).
    InProgress,
    /// Every annotation is checked or not checkable.
    AllChecked,
    /// The session (or the lone article) cannot be read: see the problems.
    Broken,
    /// Still being read.
    Pending,
}

impl State {
    /// The states a list can be filtered by, in list order.
    pub const ALL: [Self; 5] = [
        Self::NotStarted,
        Self::InProgress,
        Self::AllChecked,
        Self::Broken,
        Self::Pending,
    ];

    /// As the list and `factmark check` show it.
    pub fn label(self) -> &'static str {
        match self {
            Self::NotStarted => "not started",
            Self::InProgress => "in progress",
            Self::AllChecked => "all checked",
            Self::Broken => "broken",
            Self::Pending => "reading…",
        }
    }
}

/// One document of the folder, ready to show in a row.
#[derive(Clone, Debug, PartialEq)]
pub struct DocumentRow {
    /// The article file, if there is one in the folder.
    pub article: Option<PathBuf>,
    /// The session file, if there is one.
    pub session: Option<PathBuf>,
    /// How the two were paired.
    pub link: Link,
    /// The session's article title, else the article's, else made from the file name.
    pub title: String,
    /// Annotations per tag ([`crate::model::Tag::index`]).
    pub counts: [usize; 3],
    /// Orphans (annotations whose text is no longer in the article).
    pub orphans: usize,
    /// Claims and statistics checked, of all claims and statistics.
    pub progress: (usize, usize),
    /// When it last changed: the latest annotation change recorded in the session, else the
    /// session file's modification time, else the article file's.
    pub changed: Option<SystemTime>,
    /// The analysts who made its annotations, most annotations first.
    pub analysts: Vec<String>,
    /// How far its check has got.
    pub state: State,
    /// What is wrong (an unreadable session or article), each naming its file.
    pub problems: Vec<String>,
    /// Remarks that need no fixing (the article changed since, an importer's warning, a
    /// second session of the same article).
    pub notes: Vec<String>,
}

impl DocumentRow {
    /// The path that identifies the document in the list (and in the workspace state): the
    /// article's, else the session's. It stays the same when a session is first saved.
    pub fn key(&self) -> &Path {
        self.article
            .as_deref()
            .or(self.session.as_deref())
            .unwrap_or(Path::new(""))
    }

    /// The file to open in the workbench: the session, else the article.
    pub fn open_path(&self) -> &Path {
        self.session
            .as_deref()
            .or(self.article.as_deref())
            .unwrap_or(Path::new(""))
    }

    /// Where a first save of this document's work should go so the rule pairs it: the
    /// session file if it has one, else `sessions/NAME.ron` beside the article.
    pub fn session_path(&self) -> PathBuf {
        match (&self.session, &self.article) {
            (Some(session), _) => session.clone(),
            (None, Some(article)) => default_session_path(article),
            (None, None) => PathBuf::new(),
        }
    }
}

/// `news/sessions/minsk.ron` for `news/minsk.txt`: where a new session of an article goes.
pub fn default_session_path(article: &Path) -> PathBuf {
    let stem = article.file_stem().unwrap_or(article.as_os_str());
    let mut name = stem.to_os_string();
    name.push(".ron");
    article
        .parent()
        .unwrap_or(Path::new(""))
        .join("sessions")
        .join(name)
}

/// The rows for `pairs` (from [`super::pairing::pair`]) over the files known.
pub fn rows(files: &BTreeMap<PathBuf, FileEntry>, pairs: Vec<Pair>) -> Vec<DocumentRow> {
    pairs.into_iter().map(|pair| row(files, pair)).collect()
}

fn row(files: &BTreeMap<PathBuf, FileEntry>, pair: Pair) -> DocumentRow {
    let article = pair.article.as_ref().and_then(|p| files.get(p));
    let session = pair.session.as_ref().and_then(|p| files.get(p));
    let name = |path: &Option<PathBuf>| {
        path.as_deref()
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let mut problems = Vec::new();
    let mut notes = pair.notes;
    let mut title = None;
    let mut pending = false;
    if let Some(entry) = article {
        match &entry.outcome {
            Some(Outcome::Ready(FileInfo::Article(info))) => {
                title = Some(info.title.clone());
                notes.extend(
                    info.warnings
                        .iter()
                        .map(|w| format!("{}: {w}", name(&pair.article))),
                );
            }
            Some(Outcome::Failed(message)) => {
                problems.push(format!("{}: {message}", name(&pair.article)));
            }
            None => pending = true,
            Some(_) => {}
        }
    }
    let mut summary = None;
    let mut changed = article.and_then(|a| a.found.modified);
    if let Some(entry) = session {
        changed = entry.found.modified;
        match &entry.outcome {
            Some(Outcome::Ready(FileInfo::Session(info))) => {
                title = Some(info.title.clone());
                if let Some(edit) = info
                    .last_edit
                    .as_deref()
                    .and_then(|s| humantime::parse_rfc3339(s).ok())
                {
                    changed = Some(edit);
                }
                summary = Some(info);
            }
            Some(Outcome::Failed(message)) => {
                problems.push(format!("{}: {message}", name(&pair.session)));
            }
            None => pending = true,
            Some(_) => {}
        }
    }
    let broken_session = session.is_some_and(|s| matches!(s.outcome, Some(Outcome::Failed(_))));
    let state = if broken_session {
        State::Broken
    } else if pending {
        State::Pending
    } else {
        match summary {
            Some(info) if info.total() == 0 => State::NotStarted,
            Some(info) if info.all_done && info.orphans == 0 => State::AllChecked,
            Some(_) => State::InProgress,
            None if problems.is_empty() => State::NotStarted,
            None => State::Broken,
        }
    };
    let stem = pair
        .article
        .as_deref()
        .or(pair.session.as_deref())
        .and_then(Path::file_stem)
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    DocumentRow {
        title: title.unwrap_or_else(|| title_from_file_stem(&stem)),
        counts: summary.map_or([0; 3], |s| s.counts()),
        orphans: summary.map_or(0, |s| s.orphans),
        progress: summary.map_or((0, 0), |s| s.progress),
        changed,
        analysts: summary.map(|s| s.analysts.clone()).unwrap_or_default(),
        state,
        problems,
        notes,
        article: pair.article,
        session: pair.session,
        link: pair.link,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_session_goes_to_the_sessions_folder_beside_the_article() {
        assert_eq!(
            default_session_path(Path::new("/desk/news/minsk.txt")),
            Path::new("/desk/news/sessions/minsk.ron")
        );
        assert_eq!(
            default_session_path(Path::new("minsk.en.md")),
            Path::new("sessions/minsk.en.ron")
        );
    }
}
