//! The pairing rule on hand-made file lists (each rule of the module doc), and a property
//! test: whatever the files, every file is in exactly one document, an article has at most
//! one session, and a paired session always sits where rule 1 looks.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use proptest::prelude::*;

use super::*;
use crate::workspace::folder::discover::Found;
use crate::workspace::folder::file::{ArticleInfo, SessionInfo};

fn found(path: &str) -> Found {
    let path = PathBuf::from(path);
    Found {
        kind: FileKind::of(&path).unwrap(),
        path,
        size: 1,
        modified: None,
    }
}

/// An article read, with these bytes and text hashes.
fn article(path: &str, bytes: &str, text: &str) -> (PathBuf, FileEntry) {
    let info = ArticleInfo {
        title: path.to_owned(),
        text_sha256: text.to_owned(),
        chars: 1,
        warnings: Vec::new(),
    };
    (
        PathBuf::from(path),
        FileEntry {
            found: found(path),
            sha256: Some(bytes.to_owned()),
            outcome: Some(Outcome::Ready(FileInfo::Article(info))),
        },
    )
}

/// A session read, recording this source, source bytes hash and text hash.
fn session(
    path: &str,
    source: Option<&str>,
    bytes: Option<&str>,
    text: &str,
) -> (PathBuf, FileEntry) {
    let info = SessionInfo {
        title: path.to_owned(),
        source: source.map(str::to_owned),
        source_sha256: bytes.map(str::to_owned),
        text_sha256: text.to_owned(),
        by_status: [[0; 4]; 3],
        orphans: 0,
        progress: (0, 0),
        all_done: true,
        analysts: Vec::new(),
        last_edit: None,
    };
    (
        PathBuf::from(path),
        FileEntry {
            found: found(path),
            sha256: Some(format!("file of {path}")),
            outcome: Some(Outcome::Ready(FileInfo::Session(Box::new(info)))),
        },
    )
}

fn pending(path: &str) -> (PathBuf, FileEntry) {
    (PathBuf::from(path), FileEntry::pending(found(path)))
}

fn failed(path: &str) -> (PathBuf, FileEntry) {
    let (path, mut entry) = pending(path);
    entry.sha256 = Some("x".into());
    entry.outcome = Some(Outcome::Failed("not valid RON".into()));
    (path, entry)
}

/// A document as the tests compare it: article and session relative to `/d`, link, notes.
type Doc = (Option<String>, Option<String>, Link, Vec<String>);

fn run(files: Vec<(PathBuf, FileEntry)>) -> Vec<Doc> {
    let files: BTreeMap<_, _> = files.into_iter().collect();
    let show = |p: Option<PathBuf>| p.map(|p| p.strip_prefix("/d").unwrap().display().to_string());
    pair(Path::new("/d"), &files)
        .into_iter()
        .map(|p| (show(p.article), show(p.session), p.link, p.notes))
        .collect()
}

/// The documents without their notes.
fn links(docs: &[Doc]) -> Vec<(Option<String>, Option<String>, Link)> {
    docs.iter()
        .map(|d| (d.0.clone(), d.1.clone(), d.2))
        .collect()
}

fn s(text: &str) -> Option<String> {
    Some(text.to_owned())
}

#[test]
fn rule_1_sessions_folder_or_beside_and_only_by_name() {
    let docs = run(vec![
        article("/d/news/minsk.txt", "A", "a"),
        session(
            "/d/news/sessions/minsk.ron",
            Some("x/minsk.txt"),
            Some("A"),
            "a",
        ),
        article("/d/news/vote.md", "B", "b"),
        session("/d/news/vote.ron", None, Some("B"), "b"),
        // Same content, wrong place or name: not candidates.
        article("/d/other/march.txt", "C", "c"),
        session("/d/march.ron", Some("march.txt"), Some("C"), "c"),
        session(
            "/d/other/sessions/deeper/march.ron",
            Some("march.txt"),
            Some("C"),
            "c",
        ),
    ]);
    assert_eq!(
        docs,
        [
            (None, s("march.ron"), Link::SessionOnly, vec![]),
            (
                s("news/minsk.txt"),
                s("news/sessions/minsk.ron"),
                Link::SameFile,
                vec![]
            ),
            (
                s("news/vote.md"),
                s("news/vote.ron"),
                Link::SameFile,
                vec![]
            ),
            (s("other/march.txt"), None, Link::ArticleOnly, vec![]),
            (
                None,
                s("other/sessions/deeper/march.ron"),
                Link::SessionOnly,
                vec![]
            ),
        ]
    );
}

#[test]
fn rule_2_confirmed_by_bytes_text_or_recorded_name() {
    let docs = run(vec![
        article("/d/a.txt", "A", "a"),
        session(
            "/d/sessions/a.ron",
            Some("elsewhere/a.txt"),
            Some("A"),
            "zzz",
        ),
        article("/d/b.txt", "B", "b"),
        session("/d/sessions/b.ron", None, None, "b"),
        article("/d/c.txt", "C2", "c2"),
        session(
            "/d/sessions/c.ron",
            Some("C:\\news\\c.txt"),
            Some("C1"),
            "c1",
        ),
        article("/d/e.txt", "E", "e"),
        session("/d/sessions/e.ron", Some("clipboard.txt"), Some("X"), "x"),
    ]);
    assert_eq!(
        links(&docs),
        [
            (s("a.txt"), s("sessions/a.ron"), Link::SameFile),
            (s("b.txt"), s("sessions/b.ron"), Link::SameText),
            (s("c.txt"), s("sessions/c.ron"), Link::SourceChanged),
            (s("e.txt"), None, Link::ArticleOnly),
            (None, s("sessions/e.ron"), Link::SessionOnly),
        ]
    );
    assert!(docs[2].3[0].contains("c.txt has changed since the session was made"));
    assert_eq!(
        docs[4].3,
        ["named like e.txt but made from another article (it records clipboard.txt)"]
    );
}

#[test]
fn rule_3_by_name_until_read_and_for_a_broken_session() {
    let docs = run(vec![
        pending("/d/a.txt"),
        session("/d/sessions/a.ron", Some("zzz.txt"), Some("Z"), "z"),
        article("/d/b.txt", "B", "b"),
        pending("/d/sessions/b.ron"),
        article("/d/c.txt", "C", "c"),
        failed("/d/sessions/c.ron"),
    ]);
    assert_eq!(
        links(&docs),
        [
            (s("a.txt"), s("sessions/a.ron"), Link::ByName),
            (s("b.txt"), s("sessions/b.ron"), Link::ByName),
            (s("c.txt"), s("sessions/c.ron"), Link::ByName),
        ]
    );
}

#[test]
fn rule_4_one_each_strongest_then_sessions_folder_then_path() {
    let docs = run(vec![
        // Two sessions of one article: the sessions/ one wins a tie.
        article("/d/a.txt", "A", "a"),
        session("/d/a.ron", None, Some("A"), "a"),
        session("/d/sessions/a.ron", None, Some("A"), "a"),
        // A stronger confirmation beats the sessions/ folder.
        article("/d/b.txt", "B", "b"),
        session("/d/b.ron", None, Some("B"), "b"),
        session("/d/sessions/b.ron", Some("b.txt"), None, "old"),
        // One session, two articles of the same name: the one it was made from.
        article("/d/c.md", "C-md", "c"),
        article("/d/c.txt", "C-txt", "c"),
        session("/d/sessions/c.ron", None, Some("C-txt"), "c"),
    ]);
    assert_eq!(
        links(&docs),
        [
            (None, s("a.ron"), Link::SessionOnly),
            (s("a.txt"), s("sessions/a.ron"), Link::SameFile),
            (s("b.txt"), s("b.ron"), Link::SameFile),
            (s("c.md"), None, Link::ArticleOnly),
            (s("c.txt"), s("sessions/c.ron"), Link::SameFile),
            (None, s("sessions/b.ron"), Link::SessionOnly),
        ]
    );
    assert_eq!(
        docs[0].3,
        ["another session of a.txt; sessions/a.ron is the one listed with it"]
    );
    assert_eq!(
        docs[5].3,
        ["another session of b.txt; b.ron is the one listed with it"]
    );
}

#[test]
fn ignored_files_are_no_documents() {
    let (path, mut entry) = article("/d/index.html", "R", "r");
    entry.outcome = Some(Outcome::Ignored("a report".into()));
    let docs = run(vec![
        (path, entry),
        session("/d/index.ron", None, Some("R"), "r"),
    ]);
    assert_eq!(docs, [(None, s("index.ron"), Link::SessionOnly, vec![])]);
}

/// A random folder: a few names, in a few places, with random contents and read states.
fn arbitrary_files() -> impl Strategy<Value = Vec<(PathBuf, FileEntry)>> {
    let name = prop::sample::select(vec!["a", "b", "c"]);
    let place = prop::sample::select(vec!["/d/", "/d/sessions/", "/d/x/", "/d/x/sessions/"]);
    let ext = prop::sample::select(vec!["txt", "md", "html", "ron"]);
    let content = prop::sample::select(vec!["A", "B", "C"]);
    let read = 0..4u8;
    prop::collection::vec((name, place, ext, content.clone(), content, read), 0..14).prop_map(
        |specs| {
            specs
                .into_iter()
                .map(|(name, place, ext, bytes, text, read)| {
                    let path = format!("{place}{name}.{ext}");
                    if ext == "ron" {
                        match read {
                            0 => pending(&path),
                            1 => failed(&path),
                            _ => {
                                let source = format!("{name}.txt");
                                let source = Some(source.as_str()).filter(|_| read == 3);
                                session(&path, source, Some(bytes), text)
                            }
                        }
                    } else if read == 0 {
                        pending(&path)
                    } else {
                        article(&path, bytes, text)
                    }
                })
                .collect()
        },
    )
}

proptest! {
    #[test]
    fn every_file_in_exactly_one_document_and_pairs_where_rule_1_looks(files in arbitrary_files()) {
        let files: BTreeMap<PathBuf, FileEntry> = files.into_iter().collect();
        let pairs = pair(Path::new("/d"), &files);
        let mut seen: Vec<&Path> = pairs
            .iter()
            .flat_map(|p| [p.article.as_deref(), p.session.as_deref()])
            .flatten()
            .collect();
        seen.sort();
        let all: Vec<&Path> = files.keys().map(PathBuf::as_path).collect();
        prop_assert_eq!(seen, all, "each file once");
        for p in &pairs {
            prop_assert!(p.article.is_some() || p.session.is_some());
            if let (Some(article), Some(session)) = (&p.article, &p.session) {
                prop_assert_eq!(article.file_stem(), session.file_stem());
                let dir = session.parent().unwrap();
                let beside = article.parent() == Some(dir);
                let above = dir.file_name() == Some("sessions".as_ref()) && article.parent() == dir.parent();
                prop_assert!(beside || above, "{:?} {:?}", article, session);
                prop_assert!(!matches!(p.link, Link::ArticleOnly | Link::SessionOnly));
            }
        }
        // The same files give the same documents.
        prop_assert_eq!(pair(Path::new("/d"), &files), pairs);
    }
}
