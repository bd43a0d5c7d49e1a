//! A folder of articles on real disks: pairing of real files, bad files of every kind (broken
//! session, binary, huge, empty, a pipe), symlink loops and broken links, permission errors,
//! the summary cache (used when it matches, never trusted over the file), results before the
//! folder is read, and search over a generated desk.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use factmark::model::{Session, Span, Tag};
use factmark::workspace::folder::{
    self, Folder, Link, Options, Query, State, Update, WalkProblem, search::DEFAULT_LIMIT,
};

/// Writes `text` to `root/name`, creating folders.
pub fn write(root: &Path, name: &str, text: impl AsRef<[u8]>) -> PathBuf {
    let path = root.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

/// Imports the article at `root/article` and saves a session of it with one claim on
/// `claim` at `root/session`, as the window would.
pub fn session_of(root: &Path, article: &str, session: &str, claim: &str) -> PathBuf {
    let (imported, _) = factmark::import::import_file(&root.join(article)).unwrap();
    let mut made = Session::new(Arc::new(imported));
    let start = made.article().text().find(claim).unwrap();
    let add = made.add_edit(Tag::Claim, Span::new(start, start + claim.len()));
    made.apply(add).unwrap();
    let path = root.join(session);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    factmark::store::save(&made, &path).unwrap();
    path
}

/// Scans with a cache folder of its own (never the user's).
pub fn scan(root: &Path, cache: &Path) -> Folder {
    Folder::scan(root, Some(cache.to_path_buf())).unwrap()
}

/// The row of the document whose key ends with `name`.
pub fn row<'a>(folder: &'a Folder, name: &str) -> &'a folder::DocumentRow {
    folder
        .documents()
        .iter()
        .find(|d| d.key().ends_with(name))
        .unwrap_or_else(|| panic!("no document {name}: {:#?}", folder.documents()))
}

#[test]
fn real_files_pair_and_bad_ones_are_listed_with_their_problem() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("desk");
    write(
        &root,
        "news/minsk.txt",
        "Minsk\n\nBelarus released 14 political prisoners.\n",
    );
    session_of(
        &root,
        "news/minsk.txt",
        "news/sessions/minsk.ron",
        "14 political prisoners",
    );
    write(
        &root,
        "news/vote.md",
        "# Vote\n\nThe vote was rigged, said the opposition.\n",
    );
    session_of(
        &root,
        "news/vote.md",
        "news/vote.ron",
        "The vote was rigged",
    );
    write(
        &root,
        "news/sessions/broken.ron",
        "(format: \"factmark-session\", version: 3,",
    );
    write(&root, "photo.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0");
    write(&root, "empty.md", "   \n");
    let huge = std::fs::File::create(root.join("huge.txt")).unwrap();
    huge.set_len(factmark::import::MAX_ARTICLE_BYTES + 1)
        .unwrap(); // sparse: no disk used
    write(&root, ".git/objects/x.txt", "hidden");
    write(
        &root,
        "index.html",
        factmark::export::report::html(&factmark::testing::exchange_session()),
    );
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&root, root.join("news/loop")).unwrap();
        std::os::unix::fs::symlink(root.join("nowhere"), root.join("gone.txt")).unwrap();
        let fifo = root.join("pipe.txt");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    }
    let cache = dir.path().join("cache");
    let folder = scan(&root, &cache);

    let minsk = row(&folder, "news/minsk.txt");
    assert_eq!(
        minsk.session.as_deref(),
        Some(
            root.join("news/sessions/minsk.ron")
                .canonicalize()
                .unwrap()
                .as_path()
        )
    );
    assert_eq!(
        (minsk.link, minsk.state, minsk.counts),
        (Link::SameFile, State::InProgress, [1, 0, 0])
    );
    assert_eq!(minsk.title, "Minsk");
    assert_eq!(row(&folder, "news/vote.md").link, Link::SameFile);

    let broken = row(&folder, "broken.ron");
    assert_eq!(broken.state, State::Broken);
    assert!(
        broken.problems[0].starts_with("broken.ron: "),
        "{:?}",
        broken.problems
    );
    let photo = row(&folder, "photo.txt");
    assert_eq!(photo.state, State::Broken);
    assert!(
        photo.problems[0].contains("binary file"),
        "{:?}",
        photo.problems
    );
    assert!(row(&folder, "empty.md").problems[0].contains("empty"));
    assert!(row(&folder, "huge.txt").problems[0].contains("over the 16 MiB limit"));
    assert!(
        !folder
            .documents()
            .iter()
            .any(|d| d.key().ends_with("index.html")),
        "our own report"
    );
    assert!(
        !folder
            .documents()
            .iter()
            .any(|d| d.key().to_string_lossy().contains(".git"))
    );

    #[cfg(unix)]
    {
        let problems: Vec<(String, &WalkProblem)> = folder
            .problems()
            .iter()
            .map(|p| (folder.relative(&p.path), p))
            .collect();
        let about = |name: &str| {
            problems
                .iter()
                .find(|(p, _)| p == name)
                .unwrap_or_else(|| panic!("no problem for {name}: {problems:#?}"))
                .1
        };
        assert!(about("news/loop").message.contains("loop"));
        assert!(!about("news/loop").hides_files);
        assert!(about("gone.txt").message.contains("does not exist"));
        assert!(about("pipe.txt").message.contains("not a regular file"));
    }
    assert_eq!(folder.broken_sessions().len(), 1);
    assert_eq!(folder.session_files().len(), 2);
    let waiting: Vec<_> = folder
        .articles_without_session()
        .iter()
        .map(|d| folder.relative(d.key()))
        .collect();
    assert!(
        waiting.is_empty(),
        "every readable article has a session: {waiting:?}"
    );
}

#[test]
fn a_session_alone_and_an_article_alone_are_documents() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "a.txt", "A\n\nThe budget grew by 40 percent.\n");
    session_of(root, "a.txt", "moved/elsewhere.ron", "40 percent");
    write(root, "b.txt", "B\n\nNothing here yet.\n");
    let folder = scan(root, &root.join(".cache"));
    assert_eq!(folder.documents().len(), 3);
    assert_eq!(row(&folder, "a.txt").link, Link::ArticleOnly);
    let alone = row(&folder, "moved/elsewhere.ron");
    assert_eq!(
        (alone.link, alone.state),
        (Link::SessionOnly, State::InProgress)
    );
    assert_eq!(row(&folder, "b.txt").state, State::NotStarted);
    let suggest: Vec<_> = folder
        .articles_without_session()
        .iter()
        .map(|d| d.session_path())
        .collect();
    let root = root.canonicalize().unwrap();
    assert_eq!(
        suggest,
        [root.join("sessions/a.ron"), root.join("sessions/b.ron")]
    );
}

#[test]
fn the_cache_is_used_when_it_matches_and_never_over_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("desk");
    let article = write(
        &root,
        "minsk.md",
        "# Minsk\n\nBelarus released 14 political prisoners.\n",
    );
    let cache = dir.path().join("cache");
    assert_eq!(row(&scan(&root, &cache), "minsk.md").title, "Minsk");
    let cache_file = std::fs::read_dir(&cache)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();

    // The cache answers for a file whose path, size, time and hash match: a title planted
    // in it shows, which proves the file was not parsed again.
    let text = std::fs::read_to_string(&cache_file).unwrap();
    assert!(text.contains("title:\"Minsk\""), "{text}");
    std::fs::write(
        &cache_file,
        text.replace("title:\"Minsk\"", "title:\"From the cache\""),
    )
    .unwrap();
    assert_eq!(
        row(&scan(&root, &cache), "minsk.md").title,
        "From the cache"
    );

    // Same size, same modification time, other bytes: the hash tells, the file wins.
    let modified = std::fs::metadata(&article).unwrap().modified().unwrap();
    std::fs::write(
        &article,
        "# Pinsk\n\nBelarus released 14 political prisoners.\n",
    )
    .unwrap();
    std::fs::File::options()
        .write(true)
        .open(&article)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    assert_eq!(row(&scan(&root, &cache), "minsk.md").title, "Pinsk");

    // A corrupt cache is ignored, and replaced by a good one.
    std::fs::write(&cache_file, "(format: \"factmark-folder-cache\", entr").unwrap();
    assert_eq!(row(&scan(&root, &cache), "minsk.md").title, "Pinsk");
    assert!(
        std::fs::read_to_string(&cache_file)
            .unwrap()
            .contains("title:\"Pinsk\"")
    );
}

#[test]
fn rows_come_before_the_files_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("desk");
    for i in 0..40 {
        write(
            &root,
            &format!("a{i:02}.md"),
            format!("# Article {i}\n\nText {i}.\n"),
        );
    }
    let options = Options {
        cache_dir: None,
        watch: false,
        ..Options::once()
    };
    let indexer =
        folder::indexer::Indexer::start(root.canonicalize().unwrap(), options, Box::new(|| {}))
            .unwrap();
    let mut folder = Folder::empty(root.canonicalize().unwrap());
    // The first thing sent is the list of files: rows exist, pending, before any is read.
    let first = indexer.next(Duration::from_secs(30)).unwrap();
    assert!(
        matches!(&first, Update::Found(found) if found.len() == 40),
        "{first:?}"
    );
    folder.apply(first);
    folder.rebuild();
    assert_eq!(folder.documents().len(), 40);
    assert!(folder.documents().iter().all(|d| d.state == State::Pending));
    assert_eq!(
        folder.documents()[0].title,
        "A00",
        "a title from the file name meanwhile"
    );
    while !folder.is_idle() {
        folder.apply(indexer.next(Duration::from_secs(30)).unwrap());
    }
    folder.rebuild();
    assert!(
        folder
            .documents()
            .iter()
            .all(|d| d.state == State::NotStarted)
    );
    assert_eq!(folder.documents()[0].title, "Article 0");
    assert_eq!(indexer.progress().counts(), (40, 40));
}

/// Runs `factmark check FOLDER` as an unprivileged user (root reads everything, so
/// permission errors need another user), or `None` where that is not possible.
#[cfg(unix)]
fn check_as_nobody(root: &Path, cache: &Path) -> Option<std::process::Output> {
    let probe = std::process::Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "true"])
        .status();
    if !probe.is_ok_and(|s| s.success()) {
        return None;
    }
    std::process::Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(env!("CARGO_BIN_EXE_factmark"))
        .arg("check")
        .arg(root)
        .env(folder::cache::CACHE_DIR_ENV, cache)
        .output()
        .ok()
}

#[cfg(unix)]
#[test]
fn permission_errors_are_reported_and_the_rest_is_listed() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("desk");
    write(&root, "open.txt", "Open\n\nReadable text.\n");
    write(&root, "secret.txt", "Secret\n\nUnreadable text.\n");
    write(&root, "private/inside.txt", "Inside\n\nNot listed.\n");
    let mode = |path: &Path, mode| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    };
    mode(dir.path(), 0o755);
    mode(&root.join("secret.txt"), 0o000);
    mode(&root.join("private"), 0o000);
    let enforced = std::fs::read(root.join("secret.txt")).is_err();
    let cache = dir.path().join("cache");
    if enforced {
        let folder = scan(&root, &cache);
        assert!(row(&folder, "secret.txt").problems[0].contains("ermission denied"));
        let private = &folder.problems()[0];
        assert!(
            private.path.ends_with("private") && private.hides_files,
            "{private:?}"
        );
        assert_eq!(row(&folder, "open.txt").state, State::NotStarted);
    } else if let Some(output) = check_as_nobody(&root, &cache) {
        let out = String::from_utf8_lossy(&output.stdout);
        let err = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{out}{err}");
        assert!(
            out.contains("secret.txt") && out.contains("Permission denied"),
            "{out}"
        );
        assert!(
            out.contains("problem: private: cannot be read (permission denied)"),
            "{out}"
        );
        assert!(
            out.lines()
                .any(|l| l.starts_with("open.txt") && l.contains("not started")),
            "{out}"
        );
        assert!(err.contains("1 folder could not be read"), "{err}");
    } else {
        println!("running as root without setpriv: permission errors cannot be produced here");
    }
    mode(&root.join("private"), 0o755);
    mode(&root.join("secret.txt"), 0o644);
}

#[test]
fn a_generated_desk_pairs_everything_and_searches_it() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("desk");
    let desk = factmark::testing::desk::write_desk(&root, 40, 200_000, 7).unwrap();
    let folder = scan(&root, &dir.path().join("cache"));
    let docs = folder.documents();
    assert_eq!(
        docs.len(),
        desk.articles.len(),
        "every session paired: {docs:#?}"
    );
    assert_eq!(
        docs.iter().filter(|d| d.session.is_some()).count(),
        desk.sessions.len()
    );
    assert!(docs.iter().all(|d| d.problems.is_empty()), "{docs:#?}");
    assert!(
        docs.iter()
            .filter(|d| d.session.is_some())
            .all(|d| d.link == Link::SameFile)
    );
    for state in [State::NotStarted, State::InProgress, State::AllChecked] {
        assert!(docs.iter().any(|d| d.state == state), "{state:?}");
    }
    let index = folder.search_index();
    assert_eq!(index.len(), docs.len());
    let found = index.search(&Query::parse("D0007").unwrap(), DEFAULT_LIMIT);
    assert_eq!(found.documents, 1);
    assert!(found.hits[0].document.to_string_lossy().contains("0007-"));
    let query = Query::parse("claim verdict:False by:Lukashenka date:2026-05").unwrap();
    let found = index.search(&query, DEFAULT_LIMIT);
    assert!(found.total > 0);
    for hit in &found.hits {
        let body = &hit.annotation.as_ref().unwrap().body;
        assert_eq!(
            (body.tag, body.verdict.as_deref()),
            (Tag::Claim, Some("False"))
        );
        assert!(
            body.claimant.contains("Lukashenka")
                && body.changed.as_ref().unwrap().date().starts_with("2026-05")
        );
        let doc = folder
            .documents()
            .iter()
            .find(|d| d.key() == hit.document)
            .unwrap();
        assert_eq!(hit.open, doc.session.clone().unwrap());
    }
}
