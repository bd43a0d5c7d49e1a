//! The real binary on a folder: `factmark check FOLDER` (the table, exit 1 for a broken
//! session) and `factmark report FOLDER -o index.html`. The summary cache goes to a folder of
//! the test's own, never the user's.

use std::path::Path;
use std::process::{Command, Output};

use crate::folder::{session_of, write};

fn factmark(args: &[&str], cache: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factmark"))
        .args(args)
        .env(factmark::workspace::folder::cache::CACHE_DIR_ENV, cache)
        .output()
        .expect("run factmark")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A folder with a session in progress, an article not started and (optionally) a broken
/// session.
fn desk(root: &Path, broken: bool) {
    write(
        root,
        "news/minsk.txt",
        "Belarus released 14 political prisoners.\n",
    );
    session_of(
        root,
        "news/minsk.txt",
        "news/sessions/minsk.ron",
        "14 political prisoners",
    );
    write(root, "vote.md", "# Vote & count\n\nThe vote was rigged.\n");
    if broken {
        write(root, "old.ron", "(format: \"factmark-session\"");
    }
}

#[test]
fn check_a_folder_prints_a_table() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("desk");
    desk(&root, false);
    let output = factmark(
        &["check", root.to_str().unwrap()],
        &dir.path().join("cache"),
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(
        text(&output.stdout),
        "Document                                  Claims  Stats  Quotes  Checked  State        Problems\n\
         news/minsk.txt + news/sessions/minsk.ron       1      0       0      0/1  in progress\n\
         vote.md                                        -      -       -        -  not started\n\
         2 documents: 1 not started, 1 in progress\n"
    );
    assert_eq!(text(&output.stderr), "");
    assert!(
        dir.path()
            .join("cache")
            .read_dir()
            .unwrap()
            .next()
            .is_some(),
        "the cache is where asked"
    );
}

#[test]
fn check_a_folder_with_a_broken_session_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("desk");
    desk(&root, true);
    let output = factmark(
        &["check", root.to_str().unwrap()],
        &dir.path().join("cache"),
    );
    assert_eq!(output.status.code(), Some(1));
    let out = text(&output.stdout);
    let broken = out.lines().find(|l| l.starts_with("old.ron")).unwrap();
    assert!(
        broken.contains("broken") && broken.contains("old.ron: "),
        "{out}"
    );
    assert!(
        out.ends_with("3 documents: 1 not started, 1 in progress, 1 broken\n"),
        "{out}"
    );
    assert_eq!(
        text(&output.stderr),
        format!("error: {}: 1 session is broken\n", root.display())
    );
    // One session file still checks as before.
    let single = factmark(
        &[
            "check",
            root.join("news/sessions/minsk.ron").to_str().unwrap(),
        ],
        dir.path(),
    );
    assert!(text(&single.stdout).contains("Claim: 1\nStatistic: 0\nQuote: 0\nTotal: 1\n"));
}

#[test]
fn report_a_folder_as_one_page() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("desk");
    desk(&root, true);
    let cache = dir.path().join("cache");
    let out = root.join("index.html");
    let output = factmark(
        &[
            "report",
            root.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        &cache,
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(text(&output.stdout).contains("3 documents, 1 with a report"));
    let page = std::fs::read_to_string(&out).unwrap();
    assert!(page.contains("<h1>desk</h1>"));
    assert!(
        page.contains("3 documents: 1 in progress, 1 broken, 1 not started"),
        "{page}"
    );
    assert!(
        page.contains("<a href=\"#d0\">Minsk</a>"),
        "the overview links the section"
    );
    assert!(page.contains("<article class=\"document\" id=\"d0\">"));
    assert!(page.contains("Vote &amp; count"), "titles escaped");
    assert!(page.contains("14 political prisoners"));

    // The report written into the folder is not an article the next time.
    let check = factmark(&["check", root.to_str().unwrap()], &cache);
    assert!(
        !text(&check.stdout).contains("index.html"),
        "{}",
        text(&check.stdout)
    );

    let markdown = factmark(
        &[
            "report",
            root.to_str().unwrap(),
            "-o",
            "x.md",
            "--format",
            "markdown",
        ],
        &cache,
    );
    assert_eq!(markdown.status.code(), Some(1));
    assert!(text(&markdown.stderr).contains("a folder's report is one HTML page"));
}

/// `factmark export FOLDER --to FORMAT -o OUT`.
fn export(folder: &Path, format: &str, out: &Path, cache: &Path) -> Output {
    let (folder, out) = (folder.to_str().unwrap(), out.to_str().unwrap());
    factmark(&["export", folder, "--to", format, "-o", out], cache)
}

#[test]
fn export_a_folder_as_one_dataset() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("desk");
    desk(&root, false);
    write(
        &root,
        "world/minsk.txt",
        "Minsk says the vote was rigged.\n",
    );
    session_of(
        &root,
        "world/minsk.txt",
        "world/sessions/minsk.ron",
        "the vote was rigged",
    );
    let cache = dir.path().join("cache");
    let out = dir.path().join("brat");
    let output = export(&root, "brat", &out, &cache);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(
        text(&output.stdout),
        format!(
            "Wrote {} (brat standoff): 2 sessions from {}; 1 article without a session (nothing tagged) not included\n",
            out.display(),
            root.display()
        )
    );
    // A document per session, each named by its place in the folder (two `minsk` apart).
    let news = std::fs::read_to_string(out.join("news_minsk.txt")).unwrap();
    assert!(news.contains("14 political prisoners"), "{news}");
    let world = std::fs::read_to_string(out.join("world_minsk.ann")).unwrap();
    assert!(world.contains("the vote was rigged"), "{world}");

    // A broken session is listed, the rest still written, and the exit status says so.
    write(&root, "old.ron", "(format: \"factmark-session\"");
    let w3c = dir.path().join("desk.jsonld");
    let output = export(&root, "w3c", &w3c, &cache);
    assert_eq!(output.status.code(), Some(1));
    let stdout = text(&output.stdout);
    assert!(stdout.starts_with("not exported: old.ron: "), "{stdout}");
    assert!(stdout.contains(": 2 sessions from "), "{stdout}");
    assert_eq!(
        text(&output.stderr),
        format!(
            "error: {}: 1 session could not be read and is not in the export\n",
            root.display()
        )
    );
    let collection: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&w3c).unwrap()).unwrap();
    assert_eq!(collection["total"], 2, "{collection}");

    // Nothing to export: an error, no file.
    let empty = dir.path().join("empty");
    write(&empty, "a.txt", "Nothing tagged.\n");
    let none = dir.path().join("none.jsonld");
    let output = export(&empty, "w3c", &none, &cache);
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stderr).contains("nothing to export"));
    assert!(!none.exists());
}
