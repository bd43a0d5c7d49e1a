//! The real `factmark` binary: `factmark export` to each format and `factmark import` back,
//! with the refusals (something left out, an existing session, a session as output) and the
//! exit codes.

use std::path::Path;

use crate::cli::{factmark, stderr, stdout};
use crate::exchange_support::with_an_orphan;

const SMALL: &str = "tests/interop/sessions/small.ron";

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn export_writes_every_format_and_says_where() {
    let dir = tempfile::tempdir().unwrap();
    for (format, name) in [
        ("doccano", "d.jsonl"),
        ("label-studio", "tasks.json"),
        ("spacy", "s.jsonl"),
        ("csv", "a.csv"),
        ("claimreview", "reviews.json"),
    ] {
        let out = dir.path().join(name);
        let output = factmark(&[
            "export",
            SMALL,
            SMALL,
            "--to",
            format,
            "-o",
            path(&out),
            "--organisation",
            "Example Fact Check",
            "--review-url",
            "https://factcheck.example/{document}",
        ]);
        assert!(output.status.success(), "{format}: {}", stderr(&output));
        assert!(
            stdout(&output).contains(&format!("Wrote {}", out.display())),
            "{format}: {}",
            stdout(&output)
        );
        assert!(
            stdout(&output).contains(": 2 sessions"),
            "{}",
            stdout(&output)
        );
        assert!(out.is_file(), "{format}");
    }
    // Label Studio's config is written beside the tasks and named in the output.
    let config = dir.path().join("tasks.config.xml");
    assert!(config.is_file());
    let output = factmark(&[
        "export",
        SMALL,
        "--to",
        "label-studio",
        "-o",
        path(&dir.path().join("tasks.json")),
    ]);
    assert!(
        stdout(&output).contains(&format!("Wrote {}", config.display())),
        "{}",
        stdout(&output)
    );
    // The CSV with a byte order mark.
    let csv = dir.path().join("bom.csv");
    let output = factmark(&["export", SMALL, "--to", "csv", "--bom", "-o", path(&csv)]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        std::fs::read(&csv)
            .unwrap()
            .starts_with(b"\xEF\xBB\xBFdocument,")
    );
}

#[test]
fn export_errors_exit_1_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.json");
    let output = factmark(&["export", SMALL, "--to", "claimreview", "-o", path(&out)]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).starts_with("error: a ClaimReview export needs the organisation"),
        "{}",
        stderr(&output)
    );
    assert!(!out.exists());
    // Never over a session file, existing or to be.
    let session = dir.path().join("s.ron");
    std::fs::copy(SMALL, &session).unwrap();
    for target in [session.clone(), dir.path().join("new.ron")] {
        let output = factmark(&["export", SMALL, "--to", "doccano", "-o", path(&target)]);
        assert_eq!(output.status.code(), Some(1), "{}", target.display());
        assert!(
            stderr(&output).contains("choose another -o"),
            "{}",
            stderr(&output)
        );
    }
    assert_eq!(
        std::fs::read(&session).unwrap(),
        std::fs::read(SMALL).unwrap()
    );
    assert!(!dir.path().join("new.ron").exists());
    let output = factmark(&["export", SMALL, "--to", "docx", "-o", path(&out)]);
    assert_eq!(output.status.code(), Some(2), "a usage error");
    assert!(
        stderr(&output).contains("is not a format: use one of doccano, label-studio"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn orphans_are_listed_as_not_carried() {
    let dir = tempfile::tempdir().unwrap();
    let moved = with_an_orphan();
    let moved_path = dir.path().join("moved.ron");
    factmark::store::save(&moved, &moved_path).unwrap();
    let out = dir.path().join("d.jsonl");
    let output = factmark(&[
        "export",
        path(&moved_path),
        "--to",
        "doccano",
        "-o",
        path(&out),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).starts_with("not carried: moved: annotation #7: statistic \"a 15% rise in trade\" is no longer in the article"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn import_round_trips_through_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    for (format, name) in [("doccano", "d.jsonl"), ("label-studio", "t.json")] {
        let exported = dir.path().join(name);
        let output = factmark(&["export", SMALL, "--to", format, "-o", path(&exported)]);
        assert!(output.status.success(), "{}", stderr(&output));
        let back = dir.path().join(format!("{format}.ron"));
        let output = factmark(&[
            "import",
            path(&exported),
            "--from",
            format,
            "-o",
            path(&back),
        ]);
        assert!(output.status.success(), "{format}: {}", stderr(&output));
        assert_eq!(stdout(&output), format!("Wrote {}\n", back.display()));
        let original =
            factmark::store::load(Path::new(env!("CARGO_MANIFEST_DIR")).join(SMALL).as_path())
                .unwrap();
        assert_eq!(factmark::store::load(&back).unwrap(), original, "{format}");
        // Not over an existing session without --replace; with it, yes.
        let again = factmark(&[
            "import",
            path(&exported),
            "--from",
            format,
            "-o",
            path(&back),
        ]);
        assert_eq!(again.status.code(), Some(1));
        assert!(
            stderr(&again).contains("already exists; pass --replace"),
            "{}",
            stderr(&again)
        );
        let replaced = factmark(&[
            "import",
            path(&exported),
            "--from",
            format,
            "-o",
            path(&back),
            "--replace",
        ]);
        assert!(replaced.status.success(), "{}", stderr(&replaced));
    }
    // Several documents: a folder of sessions named after them.
    let dataset = dir.path().join("two.jsonl");
    assert!(
        factmark(&[
            "export",
            SMALL,
            SMALL,
            "--to",
            "doccano",
            "-o",
            path(&dataset)
        ])
        .status
        .success()
    );
    let folder = dir.path().join("sessions");
    let output = factmark(&[
        "import",
        path(&dataset),
        "--from",
        "doccano",
        "-o",
        path(&folder),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(folder.join("small.ron").is_file() && folder.join("small-2.ron").is_file());
}

#[test]
fn import_refuses_to_lose_anything_without_keep_going() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    std::fs::write(
        &input,
        "{\"text\": \"Turnout was 84% in Minsk.\", \"label\": [[0, 15, \"NUM\"], [19, 24, \"claim\"], [3, 99, \"Claim\"]]}\n",
    )
    .unwrap();
    let out = dir.path().join("out.ron");
    let output = factmark(&[
        "import",
        path(&input),
        "--from",
        "doccano",
        "-o",
        path(&out),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.starts_with(
            "error: 2 annotations could not be imported, so nothing was written (pass --keep-going"
        ),
        "{err}"
    );
    assert!(
        err.contains("line-1: line 1, label 1 [0, 15, \"NUM\"]: the label \"NUM\" maps to no tag"),
        "{err}"
    );
    assert!(err.contains("line 1, label 3 [3, 99, \"Claim\"]: it ends at 99, past the end of the text (25 UTF-16 units)"), "{err}");
    assert!(!out.exists());
    // --map brings the label in; --keep-going writes the rest and lists what was left out.
    let output = factmark(&[
        "import",
        path(&input),
        "--from",
        "doccano",
        "--map",
        "NUM=statistic",
        "--keep-going",
        "-o",
        path(&out),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        format!(
            "left out: line-1: line 1, label 3 [3, 99, \"Claim\"]: it ends at 99, past the end of the text (25 UTF-16 units)\nWrote {}\n",
            out.display()
        )
    );
    let session = factmark::store::load(&out).unwrap();
    assert_eq!(session.counts(), [1, 1, 0]);
    let output = factmark(&[
        "import",
        path(&input),
        "--from",
        "doccano",
        "--map",
        "NUM=Number",
        "-o",
        path(&out),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("\"Number\" is not a tag: use Claim, Statistic or Quote"),
        "{}",
        stderr(&output)
    );
    let output = factmark(&["import", path(&input), "--from", "csv", "-o", path(&out)]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("Factmark cannot import csv files"),
        "{}",
        stderr(&output)
    );
}

/// The real readers (`tests/interop/run.sh`) export both fixture sessions as one dataset; the
/// second is the repository's example session, kept identical to it.
#[test]
fn the_second_interop_fixture_is_the_example_session() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    assert_eq!(
        std::fs::read(root.join("tests/interop/sessions/example.ron")).unwrap(),
        std::fs::read(root.join("sessions/example.ron")).unwrap(),
        "copy sessions/example.ron to tests/interop/sessions/"
    );
}
