//! The real `factmark` binary: `check` on good and broken sessions, and `--help`.

use std::path::Path;
use std::process::{Command, Output};

fn factmark(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factmark"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run factmark")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn check_example_prints_counts() {
    let output = factmark(&["check", "sessions/example.ron"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "sessions/example.ron: \"Belarus prisoner release\"\n\
         Claim: 4\n\
         Statistic: 5\n\
         Quote: 3\n\
         Total: 12\n"
    );
    assert_eq!(stderr(&output), "");
}

#[test]
fn check_golden_small_session() {
    let output = factmark(&["check", "tests/data/golden/small.ron"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let out = stdout(&output);
    assert!(out.contains("\"Minsk — small\""), "{out}");
    assert!(
        out.contains("Claim: 2\nStatistic: 1\nQuote: 1\nTotal: 4\n"),
        "{out}"
    );
}

#[test]
fn check_broken_sessions_fails_with_the_specific_message() {
    let cases = [
        ("syntax.ron", "not valid RON at line 6, column 9"),
        ("wrong_format.ron", "not a Factmark session"),
        ("foreign.ron", "not a Factmark session"),
        ("future_version.ron", "Update Factmark"),
        (
            "start_after_end.ron",
            "annotation #2 has start 45 and end 40",
        ),
        (
            "out_of_range.ron",
            "annotation #4 has offsets 100..140, past the end",
        ),
        ("text_mismatch.ron", "\"41 political prisoners\""),
        ("sha_mismatch.ron", "does not match its recorded SHA-256"),
        ("unknown_tag.ron", "valid tags are Claim, Statistic, Quote"),
        ("duplicate_id.ron", "annotation id 2 is used more than once"),
        ("blank_span.ron", "covers only whitespace"),
        (
            "missing_field.ron",
            "missing field named `note` in `annotation`",
        ),
        ("binary.ron", "binary file"),
        ("not_utf8.ron", "not valid UTF-8"),
    ];
    for (name, expected) in cases {
        let path = format!("tests/data/broken/{name}");
        assert!(Path::new(env!("CARGO_MANIFEST_DIR")).join(&path).exists());
        let output = factmark(&["check", &path]);
        assert_eq!(output.status.code(), Some(1), "{name}");
        let err = stderr(&output);
        assert!(
            err.starts_with(&format!("error: {path}: ")),
            "{name}: message names the file: {err}"
        );
        assert!(err.contains(expected), "{name}: {expected:?} not in {err}");
        assert_eq!(err.lines().count(), 1, "one line: {err}");
        assert_eq!(stdout(&output), "", "{name}: nothing on stdout");
    }
}

#[test]
fn check_missing_file_fails() {
    let output = factmark(&["check", "sessions/does-not-exist.ron"]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.starts_with("error: sessions/does-not-exist.ron: cannot read the file"),
        "{err}"
    );
}

#[test]
fn check_without_a_file_is_a_usage_error() {
    let output = factmark(&["check"]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("SESSION.ron"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn help_documents_commands_and_options() {
    let output = factmark(&["--help"]);
    assert!(output.status.success());
    let help = stdout(&output);
    for part in [
        "check",
        "--session",
        "OUT.ron",
        "[PATH]",
        "./check",
        "--version",
    ] {
        assert!(help.contains(part), "{part:?} missing from --help:\n{help}");
    }
    let output = factmark(&["check", "--help"]);
    assert!(output.status.success());
    let help = stdout(&output);
    for part in ["SESSION.ron", "exits 1", "Claim: 3"] {
        assert!(
            help.contains(part),
            "{part:?} missing from check --help:\n{help}"
        );
    }
}

#[test]
fn a_path_cannot_be_combined_with_a_command() {
    let output = factmark(&["article.txt", "check", "x.ron"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
}
