//! The pairing rule: which session belongs to which article, so that the folder lists each
//! article and its session as one document. README ("Many articles") describes it for users;
//! this is the rule itself.
//!
//! 1. **Where**: a session `NAME.ron` is a candidate for the articles called `NAME` (any article
//!    extension) in its own folder, and, when that folder is called `sessions`, in the folder
//!    above it: `news/minsk.txt` pairs with `news/sessions/minsk.ron` or `news/minsk.ron`.
//! 2. **Confirmed by content**: a candidate is the session's article when the session records
//!    it: the SHA-256 of the file's bytes is the one in the session's import record (the
//!    session was made from exactly this file), or the article text is the session's (same
//!    SHA-256), or the session's recorded source path ends in this file's name (the file has
//!    changed since: the list says so, and opening it offers to re-anchor). A session that
//!    records another article stays a document of its own, with a note saying so.
//! 3. **Until known**: while a file is still being read, or when the session cannot be read at
//!    all, a candidate pairs by name alone (so a broken session shows on its article's row).
//! 4. **One each**: an article shows with one session and a session with one article. The
//!    strongest confirmation wins (same file, then same text, then recorded name, then name
//!    alone); on a tie, the session in `sessions/` wins over one beside the article, then the
//!    first by path. A second session of the same article is listed on its own, with a note.
//! 5. **Alone**: an article with no session is a document not started; a session with no
//!    article file in the folder is a document on its own (its embedded text is the article).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::discover::FileKind;
use super::file::{FileEntry, FileInfo, Outcome};

/// How a document's article and session were put together.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Link {
    /// An article file with no session yet.
    ArticleOnly,
    /// A session whose article file is not in the folder.
    SessionOnly,
    /// The session was made from exactly this file (the import record's SHA-256 matches).
    SameFile,
    /// The session's article text is this file's text.
    SameText,
    /// The session records this file as its source, but the file has changed since.
    SourceChanged,
    /// Named alike; not confirmed (a file is still being read, or the session is unreadable).
    ByName,
}

impl Link {
    /// Strength of a confirmation, for choosing between candidates (higher wins).
    fn rank(self) -> u8 {
        match self {
            Self::SameFile => 4,
            Self::SameText => 3,
            Self::SourceChanged => 2,
            Self::ByName => 1,
            Self::ArticleOnly | Self::SessionOnly => 0,
        }
    }
}

/// One document: an article, a session, or both, and how they were paired.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pair {
    /// The article file.
    pub article: Option<PathBuf>,
    /// The session file.
    pub session: Option<PathBuf>,
    /// How they were put together.
    pub link: Link,
    /// Remarks on the pairing for the analyst (another session of the same article, a
    /// session named like an article it was not made from).
    pub notes: Vec<String>,
}

/// Applies the rule to every article and session file known (read or not yet), returning
/// one pair per document, in path order of the article (or the lone session). `root` makes
/// the paths in notes relative.
pub fn pair(root: &Path, files: &BTreeMap<PathBuf, FileEntry>) -> Vec<Pair> {
    let listed = |entry: &FileEntry| !matches!(entry.outcome, Some(Outcome::Ignored(_)));
    // Articles by (folder, name without extension).
    let mut articles: HashMap<(&Path, &std::ffi::OsStr), Vec<&Path>> = HashMap::new();
    for (path, entry) in files {
        if entry.found.kind == FileKind::Article
            && listed(entry)
            && let (Some(dir), Some(stem)) = (path.parent(), path.file_stem())
        {
            articles.entry((dir, stem)).or_default().push(path);
        }
    }
    // Every (session, article) candidate with its confirmation; rejected ones remembered
    // for the note on the session.
    let mut candidates = Vec::new();
    let mut rejected: HashMap<&Path, Vec<&Path>> = HashMap::new();
    for (session, entry) in files {
        if entry.found.kind != FileKind::Session {
            continue;
        }
        for article in candidate_articles(session, &articles) {
            match confirm(entry, &files[article], article) {
                Some(link) => {
                    candidates.push((link, in_sessions_folder(session), session, article));
                }
                None => rejected.entry(session).or_default().push(article),
            }
        }
    }
    candidates.sort_by(|a, b| {
        (b.0.rank(), b.1)
            .cmp(&(a.0.rank(), a.1))
            .then_with(|| a.2.cmp(b.2))
            .then_with(|| a.3.cmp(b.3))
    });
    let mut of_article: HashMap<&Path, (&Path, Link)> = HashMap::new();
    let mut taken: HashSet<&Path> = HashSet::new();
    let mut lost_to: HashMap<&Path, (&Path, &Path)> = HashMap::new();
    for &(link, _, session, article) in &candidates {
        if taken.contains(session.as_path()) {
            continue;
        }
        if let Some(&(winner, _)) = of_article.get(article) {
            lost_to.entry(session).or_insert((article, winner));
            continue;
        }
        of_article.insert(article, (session, link));
        taken.insert(session);
    }
    let relative = |path: &Path| {
        path.strip_prefix(root)
            .unwrap_or(path)
            .display()
            .to_string()
    };
    let mut pairs = Vec::new();
    for (path, entry) in files {
        if !listed(entry) {
            continue;
        }
        match entry.found.kind {
            FileKind::Article => {
                let (session, link) = match of_article.get(path.as_path()) {
                    Some(&(session, link)) => (Some(session.to_path_buf()), link),
                    None => (None, Link::ArticleOnly),
                };
                let mut notes = Vec::new();
                if link == Link::SourceChanged {
                    notes.push(format!(
                        "{} has changed since the session was made: open it to re-anchor the \
                         annotations",
                        relative(path)
                    ));
                }
                pairs.push(Pair {
                    article: Some(path.clone()),
                    session,
                    link,
                    notes,
                });
            }
            FileKind::Session if !taken.contains(path.as_path()) => {
                let mut notes = Vec::new();
                if let Some(&(article, winner)) = lost_to.get(path.as_path()) {
                    notes.push(format!(
                        "another session of {}; {} is the one listed with it",
                        relative(article),
                        relative(winner)
                    ));
                } else if let Some(articles) = rejected.get(path.as_path()) {
                    let recorded = match &entry.outcome {
                        Some(Outcome::Ready(FileInfo::Session(info))) => info
                            .source
                            .clone()
                            .unwrap_or_else(|| "no source".to_owned()),
                        _ => "another source".to_owned(),
                    };
                    notes.push(format!(
                        "named like {} but made from another article (it records {recorded})",
                        articles
                            .iter()
                            .map(|a| relative(a))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                }
                pairs.push(Pair {
                    article: None,
                    session: Some(path.clone()),
                    link: Link::SessionOnly,
                    notes,
                });
            }
            FileKind::Session => {}
        }
    }
    pairs
}

/// The articles named like `session` in its folder and, from a `sessions` folder, the one
/// above; in path order.
fn candidate_articles<'a>(
    session: &Path,
    articles: &HashMap<(&Path, &std::ffi::OsStr), Vec<&'a Path>>,
) -> Vec<&'a Path> {
    let (Some(dir), Some(stem)) = (session.parent(), session.file_stem()) else {
        return Vec::new();
    };
    let mut found: Vec<&Path> = articles.get(&(dir, stem)).cloned().unwrap_or_default();
    if in_sessions_folder(session)
        && let Some(above) = dir.parent()
        && let Some(more) = articles.get(&(above, stem))
    {
        found.extend(more.iter().copied());
    }
    found.sort_unstable();
    found
}

/// True when the session sits in a folder called `sessions` (any case).
fn in_sessions_folder(session: &Path) -> bool {
    session
        .parent()
        .and_then(Path::file_name)
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.eq_ignore_ascii_case("sessions"))
}

/// How `session` is confirmed as the session of `article` (rule 2 and 3), or `None` when it
/// records another article.
fn confirm(session: &FileEntry, article: &FileEntry, article_path: &Path) -> Option<Link> {
    let info = match &session.outcome {
        Some(Outcome::Ready(FileInfo::Session(info))) => info,
        // Not read yet, or unreadable: by name until (unless) its content says otherwise.
        None | Some(Outcome::Failed(_)) => return Some(Link::ByName),
        Some(Outcome::Ready(FileInfo::Article(_)) | Outcome::Ignored(_)) => return None,
    };
    if article.sha256.is_some() && info.source_sha256 == article.sha256 {
        return Some(Link::SameFile);
    }
    if let Some(Outcome::Ready(FileInfo::Article(a))) = &article.outcome
        && a.text_sha256 == info.text_sha256
    {
        return Some(Link::SameText);
    }
    let name = article_path.file_name().and_then(|n| n.to_str());
    if name.is_some() && info.source_file_name() == name {
        // Read and different: changed since. Not read yet: it may still be the same.
        return Some(if article.outcome.is_some() {
            Link::SourceChanged
        } else {
            Link::ByName
        });
    }
    // The article is not read yet: its text may still turn out to be the session's.
    article.outcome.is_none().then_some(Link::ByName)
}

#[cfg(test)]
mod tests;
