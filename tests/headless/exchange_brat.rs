//! brat standoff: golden files of the exchange session, export → import round trips (one
//! session, a folder of several), bad `.ann` files each with its message, and the CLI.
//! `UPDATE_GOLDEN=1 cargo test --test headless exchange_brat::` rewrites the golden files.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use factmark::export::{self, Document, ExportOptions, Format};
use factmark::interop::{self, ImportOptions};
use factmark::model::{Session, Tag};
use factmark::testing::{self, SMALL};
use factmark::workspace::exchange;

/// Compares `actual` with the file at `path` (under `tests/data/exchange/`), or rewrites the
/// file under `UPDATE_GOLDEN=1`.
pub fn golden(path: &str, actual: &[u8]) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/exchange")
        .join(path);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
    }
    let expected = std::fs::read(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (UPDATE_GOLDEN=1 creates it)", path.display()));
    assert!(
        expected == actual,
        "{} differs from the export (UPDATE_GOLDEN=1 rewrites it):\n{}",
        path.display(),
        String::from_utf8_lossy(actual)
    );
}

/// Runs the real binary.
pub fn factmark(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factmark"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run factmark")
}

/// `factmark export tests/interop/sessions/small.ron --to FORMAT -o OUT`, which must succeed;
/// returns what it printed.
pub fn export_fixture(format: &str, out: &Path) -> String {
    let output = factmark(&[
        "export",
        "tests/interop/sessions/small.ron",
        "--to",
        format,
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{output:?}");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Asserts that two sessions hold the same annotations, orphans and scales.
pub fn same_annotations(back: &Session, original: &Session) {
    assert_eq!(back.article().text(), original.article().text());
    assert_eq!(back.annotations(), original.annotations());
    assert_eq!(back.orphans(), original.orphans());
    assert_eq!(back.scales(), original.scales());
}

fn export_to(dir: &Path, documents: &[Document<'_>]) -> Vec<export::Loss> {
    let exported = export::export(documents, Format::Brat, &ExportOptions::default()).unwrap();
    exchange::write_export(&exported, Format::Brat, dir).unwrap();
    exported.losses
}

fn import(path: &Path, options: &ImportOptions) -> interop::Imported {
    interop::import(path, None, Format::Brat, options).unwrap()
}

fn messages(imported: &interop::Imported) -> Vec<String> {
    imported.left_out.iter().map(ToString::to_string).collect()
}

#[test]
fn golden_files_of_the_exchange_session() {
    let session = testing::exchange_session();
    let documents = [Document {
        name: "small",
        session: &session,
    }];
    let exported = export::export(&documents, Format::Brat, &ExportOptions::default()).unwrap();
    let names: Vec<String> = exported
        .files
        .iter()
        .map(|f| f.path.display().to_string())
        .collect();
    assert_eq!(
        names,
        ["small.txt", "small.ann", "annotation.conf", "visual.conf"]
    );
    for file in &exported.files {
        golden(&format!("brat/{}", file.path.display()), &file.bytes);
    }
    assert_eq!(exported.files[0].bytes, session.article().text().as_bytes());
    let losses: Vec<String> = exported.losses.iter().map(ToString::to_string).collect();
    assert_eq!(
        losses,
        ["small: the article's details (URL, publisher, author, date) have no place in brat"]
    );
}

#[test]
fn round_trip_gives_the_same_annotations_and_every_field() {
    let dir = tempfile::tempdir().unwrap();
    let session = testing::exchange_session();
    export_to(
        dir.path(),
        &[Document {
            name: "minsk",
            session: &session,
        }],
    );
    let imported = import(&dir.path().join("minsk.ann"), &ImportOptions::default());
    assert_eq!(messages(&imported), Vec::<String>::new());
    let [(name, back)] = imported.sessions.as_slice() else {
        panic!("one session")
    };
    assert_eq!(name, "minsk");
    same_annotations(back, &session);
}

#[test]
fn a_folder_of_several_sessions_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let exchange = testing::exchange_session();
    let generated = testing::session(SMALL);
    export_to(
        dir.path(),
        &[
            Document {
                name: "minsk",
                session: &exchange,
            },
            Document {
                name: "dossier",
                session: &generated,
            },
            Document {
                name: "Minsk",
                session: &generated,
            },
        ],
    );
    let imported = import(dir.path(), &ImportOptions::default());
    assert_eq!(messages(&imported), Vec::<String>::new());
    let names: Vec<&str> = imported.sessions.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["Minsk-2", "dossier", "minsk"], "sorted file names");
    same_annotations(&imported.sessions[0].1, &generated);
    same_annotations(&imported.sessions[1].1, &generated);
    same_annotations(&imported.sessions[2].1, &exchange);
}

#[test]
fn verdicts_outside_the_default_scales_are_kept_in_the_scale() {
    let dir = tempfile::tempdir().unwrap();
    write_pair(
        dir.path(),
        "Minsk talks went on.",
        "T4\tClaim 0 11\tMinsk talks\nA1\tVerdict T4 Праўда_ці_не%5Fx\n",
    );
    let imported = import(&dir.path().join("doc.ann"), &ImportOptions::default());
    assert_eq!(messages(&imported), Vec::<String>::new());
    let session = &imported.sessions[0].1;
    let annotation = &session.annotations()[0];
    assert_eq!(annotation.id.0, 4, "the T number is the id");
    assert_eq!(annotation.body.verdict.as_deref(), Some("Праўда ці не_x"));
    assert!(
        session
            .scale_for(Tag::Claim)
            .get("Праўда ці не_x")
            .is_some()
    );
}

fn write_pair(dir: &Path, text: &str, ann: &str) -> PathBuf {
    std::fs::write(dir.join("doc.txt"), text).unwrap();
    std::fs::write(dir.join("doc.ann"), ann).unwrap();
    dir.join("doc.ann")
}

/// Each bad `.ann` (over `TEXT`) and the message it must give.
const TEXT: &str = "Minsk talks 🙂: 52 prisoners freed.\nSecond line here.";

#[test]
fn bad_lines_are_reported_with_their_line_and_nothing_else_is_lost() {
    let cases: [(&str, &str); 13] = [
        ("T1\tClaim 0 5\tMinsk", ""),
        ("T1 Claim 0 5 Minsk", "line 1: not a brat annotation line"),
        (
            "T1\tClaim 0\tMinsk",
            "line 1 (T1): its offsets are not START END pairs",
        ),
        (
            "T1\tClaim x 5\tMinsk",
            "its offsets are not START END pairs",
        ),
        (
            "T1\tClaim 0 500\tMinsk",
            "offsets 0–500 are past the end of the text (52 characters)",
        ),
        ("T1\tClaim 6 0\tx", "its start 6 is after its end 0"),
        (
            "T1\tClaim 0 5\tMinsc",
            "its text \"Minsc\" is not the text at its offsets, \"Minsk\"",
        ),
        (
            "T1\tPerson 0 5\tMinsk",
            "the label \"Person\" is not a tag; map it with --map",
        ),
        (
            "T1\tClaim 0 5;12 13\tMinsk 🙂",
            "its fragments leave out \" talks \"",
        ),
        (
            "T1\tClaim 0 5\tMinsk\nR1\tCause Arg1:T1 Arg2:T1",
            "line 2 (R1): a relation",
        ),
        (
            "T1\tClaim 0 5\tMinsk\nA1\tStatus T9 Checked",
            "line 2 (A1): it is about T9",
        ),
        (
            "T1\tClaim 0 5\tMinsk\nA1\tStatus T1 Done",
            "\"Done\" is not a status",
        ),
        (
            "T1\tClaim 0 5\tMinsk\nT3\tStat",
            "line 2 (T3): a text annotation needs a type and offsets",
        ),
    ];
    for (ann, message) in cases {
        let dir = tempfile::tempdir().unwrap();
        let path = write_pair(
            dir.path(),
            TEXT,
            &format!("{ann}\nT2\tStatistic 15 17\t52\n"),
        );
        let imported = import(&path, &ImportOptions::default());
        let found = messages(&imported);
        if message.is_empty() {
            assert_eq!(found, Vec::<String>::new(), "{ann}");
        } else {
            assert_eq!(found.len(), 1, "{ann}: {found:?}");
            assert!(found[0].contains(message), "{ann}: {found:?}");
            assert!(found[0].starts_with("doc: line "), "{found:?}");
        }
        let session = &imported.sessions[0].1;
        assert!(
            session
                .annotations()
                .iter()
                .any(|a| session.text_of(a) == "52"),
            "{ann}: the good line is still imported"
        );
    }
}

#[test]
fn crlf_files_read_like_lf_files() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Minsk talks.\r\nSecond line,\r\nthird line.";
    let ann = "T1\tClaim 0 5\tMinsk\r\nT2\tClaim 14 26;28 33\tSecond line, third\r\n\
               #1\tAnnotatorNotes T2\ttwo\\nlines\r\n";
    let path = write_pair(dir.path(), text, ann);
    let imported = import(&path, &ImportOptions::default());
    assert_eq!(messages(&imported), Vec::<String>::new());
    let session = &imported.sessions[0].1;
    let texts: Vec<&str> = session
        .annotations()
        .iter()
        .map(|a| session.text_of(a))
        .collect();
    assert_eq!(texts, ["Minsk", "Second line,\r\nthird"]);
    assert_eq!(session.annotations()[1].body.note, "two\nlines");
    let by_text = import(&dir.path().join("doc.txt"), &ImportOptions::default());
    assert_eq!(
        by_text.sessions[0].1, *session,
        "naming the .txt finds the .ann"
    );
}

#[test]
fn labels_map_with_options_and_ids_stay_distinct() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_pair(
        dir.path(),
        TEXT,
        "T1\tNumber 15 17\t52\nT1\tPerson 0 5\tMinsk\nT7a\tclaim 0 5\tMinsk\n",
    );
    let options = ImportOptions {
        map: vec![
            ("number".to_owned(), Tag::Statistic),
            ("Person".to_owned(), Tag::Quote),
        ],
        keep_going: false,
    };
    let imported = import(&path, &options);
    assert_eq!(messages(&imported), Vec::<String>::new());
    let session = &imported.sessions[0].1;
    let found: Vec<(u64, Tag)> = session
        .annotations()
        .iter()
        .map(|a| (a.id.0, a.body.tag))
        .collect();
    assert_eq!(
        found,
        [(2, Tag::Quote), (3, Tag::Claim), (1, Tag::Statistic)],
        "a repeated or unparsable T number gets a fresh id"
    );
}

#[test]
fn duplicates_are_kept_like_a_session_keeps_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_pair(
        dir.path(),
        TEXT,
        "T1\tClaim 0 5\tMinsk\nT2\tClaim 0 5\tMinsk\nT3\tQuote 0 5\tMinsk\n",
    );
    let imported = import(&path, &ImportOptions::default());
    assert_eq!(messages(&imported), Vec::<String>::new());
    let ids: Vec<u64> = imported.sessions[0]
        .1
        .annotations()
        .iter()
        .map(|a| a.id.0)
        .collect();
    assert_eq!(ids, [1, 2, 3]);
}

#[test]
fn unreadable_files_are_errors_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("lonely.ann"), "T1\tClaim 0 1\tx\n").unwrap();
    let error = interop::import(
        &dir.path().join("lonely.ann"),
        None,
        Format::Brat,
        &ImportOptions::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(error.contains("lonely.txt, and it is missing"), "{error}");

    let big = dir.path().join("big.ann");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(300 * 1024 * 1024)
        .unwrap();
    std::fs::write(dir.path().join("big.txt"), "x").unwrap();
    let error = interop::import(&big, None, Format::Brat, &ImportOptions::default())
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("big.ann is 300 MiB, more than the 256 MiB"),
        "{error}"
    );
    // 100 MB under the limit is read, and refused for what it holds (a sparse file: NULs).
    std::fs::File::create(&big)
        .unwrap()
        .set_len(100 * 1024 * 1024)
        .unwrap();
    let error = interop::import(&big, None, Format::Brat, &ImportOptions::default())
        .unwrap_err()
        .to_string();
    assert!(error.contains("big.ann is not a text file"), "{error}");

    std::fs::write(dir.path().join("bin.ann"), b"T1\tClaim 0 1\t\0x\n").unwrap();
    std::fs::write(dir.path().join("bin.txt"), "x").unwrap();
    let error = interop::import(
        &dir.path().join("bin.ann"),
        None,
        Format::Brat,
        &ImportOptions::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(error.contains("not a text file"), "{error}");

    let empty = tempfile::tempdir().unwrap();
    let error = interop::import(empty.path(), None, Format::Brat, &ImportOptions::default())
        .unwrap_err()
        .to_string();
    assert!(error.contains("holds no .ann file"), "{error}");
}

#[test]
fn a_span_starting_with_a_line_break_is_reported_on_export() {
    let article = std::sync::Arc::new(factmark::model::Article::new("t", None, "One.\nTwo words."));
    let session = Session::with_annotations(
        article,
        vec![factmark::model::Annotation {
            id: factmark::model::AnnotationId(1),
            span: factmark::model::Span::new(4, 9),
            body: factmark::model::Body::new(Tag::Claim).into(),
        }],
    )
    .unwrap();
    let exported = export::export(
        &[Document {
            name: "t",
            session: &session,
        }],
        Format::Brat,
        &ExportOptions::default(),
    )
    .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&exported.files[1].bytes)
            .lines()
            .next(),
        Some("T1\tClaim 5 9\tTwo "),
        "the line break goes, the plain space after the word stays"
    );
    assert!(
        exported.losses[0]
            .what
            .contains("starts or ends with a line break")
    );
}

#[test]
fn cli_export_then_import_writes_the_same_session() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("corpus");
    let stdout = export_fixture("brat", &out);
    assert!(
        stdout.contains("not carried: small: the article's details"),
        "{stdout}"
    );
    assert!(stdout.contains("(brat standoff): 1 session"), "{stdout}");
    let session = dir.path().join("back.ron");
    let output = factmark(&[
        "import",
        out.join("small.ann").to_str().unwrap(),
        "--from",
        "brat",
        "-o",
        session.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{output:?}");
    let back = factmark::store::load(&session).unwrap();
    same_annotations(&back, &testing::exchange_session());
}

#[test]
fn cli_import_refuses_to_write_what_lost_annotations_unless_told() {
    let dir = tempfile::tempdir().unwrap();
    let ann = write_pair(
        dir.path(),
        TEXT,
        "T1\tClaim 0 5\tMinsk\nT2\tPerson 15 17\t52\nE1\tClaim:T1\n",
    );
    let session = dir.path().join("out.ron");
    let args = [
        "import",
        ann.to_str().unwrap(),
        "--from",
        "brat",
        "-o",
        session.to_str().unwrap(),
    ];
    let output = factmark(&args);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("2 annotations could not be imported, so nothing was written"),
        "{stderr}"
    );
    assert!(
        stderr.contains("doc: line 2 (T2): the label \"Person\""),
        "{stderr}"
    );
    assert!(stderr.contains("doc: line 3 (E1): an event"), "{stderr}");
    assert!(!session.exists());

    let output = factmark(&[&args[..], &["--keep-going", "--map", "Person=Quote"]].concat());
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("left out: doc: line 3 (E1): an event"),
        "{stdout}"
    );
    assert_eq!(
        factmark::store::load(&session).unwrap().annotations().len(),
        2
    );
}
