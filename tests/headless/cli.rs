//! The real `factmark` binary: `check` on good and broken sessions, and `--help`.

use std::path::Path;
use std::process::{Command, Output};

pub(crate) fn factmark(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factmark"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run factmark")
}

pub(crate) fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub(crate) fn stderr(output: &Output) -> String {
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
         Total: 12\n\
         Status: To check 1, Checking 1, Checked 9, Not checkable 1\n\
         Verdicts: True 2, Mostly true 2, Half true 1, False 1, Misleading 1, Accurate 1, Out of context 1, No verdict 3\n\
         Progress: 7 of 9 claims and statistics checked\n"
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
fn check_prints_how_the_article_was_imported() {
    let output = factmark(&["check", "tests/data/v2/imported.ron"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "tests/data/v2/imported.ron: \"Minsk talks – notes\"\n\
         Import: markdown, UTF-8 (source SHA-256 \
         fa68baa3ef71e02a4f55cf504783d05fbf9b654a89169704f053806ca1c8a837)\n\
         Claim: 0\n\
         Statistic: 1\n\
         Quote: 0\n\
         Total: 1\n\
         Status: To check 1, Checking 0, Checked 0, Not checkable 0\n\
         Verdicts: No verdict 1\n\
         Progress: 0 of 1 claim or statistic checked\n"
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
        let path = format!("tests/data/bad/{name}");
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

/// Writes the example article with a typo fixed and a sentence rewritten to a temp folder.
fn updated_article(dir: &Path) -> std::path::PathBuf {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/belarus-prisoner-release.txt"),
    )
    .unwrap()
    .replacen("known oppositionism", "known oppositionist", 1)
    .replacen(
        "Kellogg, who was the advisor of the previous US President Donald Trump, also got \
         directly involved in negotiations with the Belarusian President Aliaksandr Lukashenka",
        "Trump's former adviser reportedly met the Belarusian leader",
        1,
    )
    .replacen("There is a major", "UPDATED: There is a major", 1);
    let path = dir.join("updated.txt");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn reanchor_prints_the_report_and_writes_the_session() {
    let dir = tempfile::tempdir().unwrap();
    let article = updated_article(dir.path());
    let out = dir.path().join("out.ron");
    let output = factmark(&[
        "reanchor",
        "sessions/example.ron",
        article.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    for line in [
        "kept: 0\n",
        "moved: 10\n",
        "fuzzy: 1\n",
        "orphaned: 1\n",
        "fuzzy #1 Claim (98% similar): \"Belarus release a series of political prisoners including known oppositionism Siarhei Tsikhanouski\" → \"Belarus release a series of political prisoners including known oppositionist Siarhei Tsikhanouski\"\n",
        "orphaned #3 Claim: \"Kellogg, who was the advisor",
        ": 11 annotations, 1 orphan\n",
    ] {
        assert!(text.contains(line), "{line:?} missing from:\n{text}");
    }
    // The result is a valid session that `check` accepts, holding the orphan.
    let session = factmark::store::load(&out).unwrap();
    assert_eq!(session.orphans().len(), 1);
    assert_eq!(session.annotations().len(), 11);
    // It records how the updated article was imported.
    let provenance = session.article().provenance().expect("an import record");
    assert_eq!(
        (provenance.importer.as_str(), provenance.encoding.as_str()),
        ("plain-text", "UTF-8")
    );
    let check = factmark(&["check", out.to_str().unwrap()]);
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(
        stdout(&check).contains(&format!(
            "\nImport: plain-text, UTF-8 (source SHA-256 {})\n",
            provenance.source_sha256
        )),
        "{}",
        stdout(&check)
    );
}

#[test]
fn reanchor_errors_name_the_file_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.ron");
    let output = factmark(&[
        "reanchor",
        "sessions/example.ron",
        "no/such/article.txt",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).starts_with("error: no/such/article.txt"),
        "{}",
        stderr(&output)
    );
    assert!(!out.exists(), "nothing written on error");
    let output = factmark(&[
        "reanchor",
        "tests/data/bad/truncated.ron",
        "assets/belarus-prisoner-release.txt",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("may be truncated"),
        "{}",
        stderr(&output)
    );
    let help = stdout(&factmark(&["reanchor", "--help"]));
    for part in ["SESSION.ron", "ARTICLE", "OUT.ron", "orphan", "kept"] {
        assert!(
            help.contains(part),
            "{part:?} missing from reanchor --help:\n{help}"
        );
    }
}

/// Runs factmark with standard output going to `stdout` (stderr captured).
fn factmark_to(args: &[&str], stdout: std::process::Stdio) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factmark"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(stdout)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run factmark")
        .wait_with_output()
        .expect("wait for factmark")
}

/// Runs factmark with standard output a pipe whose reading end is already closed, so every
/// write fails with EPIPE (`factmark … | true`).
fn factmark_into_closed_pipe(args: &[&str]) -> Output {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    factmark_to(args, writer.into())
}

fn dev_full() -> Option<std::process::Stdio> {
    std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .ok()
        .map(Into::into)
}

#[test]
fn a_closed_stdout_is_a_clean_exit_and_the_work_is_done() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.ron");
    let article = updated_article(dir.path());
    let reanchor = [
        "reanchor",
        "sessions/example.ron",
        article.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ];
    for args in [&["check", "sessions/example.ron"][..], &reanchor[..]] {
        let output = factmark_into_closed_pipe(args);
        let err = stderr(&output);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(output.status.code(), Some(0), "{args:?}: {err}");
        assert_eq!(err, "", "{args:?}");
    }
    assert!(
        factmark::store::load(&out).is_ok(),
        "reanchor wrote its file"
    );
}

#[test]
fn a_full_stdout_is_an_error_message_not_a_panic() {
    let Some(_) = dev_full() else {
        eprintln!("no /dev/full here; skipped");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.ron");
    let article = updated_article(dir.path());
    let reanchor = [
        "reanchor",
        "sessions/example.ron",
        article.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ];
    let text = ["text", "assets/belarus-prisoner-release.txt"];
    for args in [
        &["check", "sessions/example.ron"][..],
        &reanchor[..],
        &text[..],
    ] {
        let output = factmark_to(args, dev_full().unwrap());
        let err = stderr(&output);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(output.status.code(), Some(1), "{args:?}: {err}");
        let last = err.lines().last().unwrap_or("");
        assert!(
            last.starts_with("error: cannot write to standard output: "),
            "{args:?}: {err}"
        );
    }
    assert!(
        factmark::store::load(&out).is_ok(),
        "reanchor saves before it prints"
    );
}

#[test]
fn an_os_error_is_named_once() {
    let output = factmark(&["check", "no/such/session.ron"]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert_eq!(err.matches("os error 2").count(), 1, "{err}");
    assert!(
        err.starts_with("error: no/such/session.ron: cannot read the file"),
        "{err}"
    );
}

#[test]
fn reanchor_onto_a_session_uses_its_article() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.ron");
    // The updated article, saved as a session (named .ron, then with another name).
    let text = std::fs::read_to_string(updated_article(dir.path())).unwrap();
    let updated =
        factmark::model::Session::new(std::sync::Arc::new(factmark::model::Article::new(
            "Updated story",
            Some("updated.txt".to_owned()),
            text.clone(),
        )));
    let ron = factmark::store::to_ron(&updated);
    for name in ["updated.ron", "updated-session.txt"] {
        let path = dir.path().join(name);
        std::fs::write(&path, &ron).unwrap();
        // The second round writes over the first's output: --replace says that is meant.
        let output = factmark(&[
            "reanchor",
            "sessions/example.ron",
            path.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--replace",
        ]);
        assert!(output.status.success(), "{}", stderr(&output));
        let report = stdout(&output);
        assert!(
            report.contains("moved: 10\nfuzzy: 1\norphaned: 1\n"),
            "{name}: {report}"
        );
        let session = factmark::store::load(&out).unwrap();
        assert_eq!(
            session.article().text(),
            text,
            "{name}: the embedded text, not RON"
        );
        assert_eq!(session.article().title(), "Updated story");
    }
}

#[test]
fn reanchor_never_replaces_another_session_without_replace() {
    let dir = tempfile::tempdir().unwrap();
    let article = updated_article(dir.path());
    let out = dir.path().join("colleague.ron");
    std::fs::copy("sessions/example.ron", &out).unwrap();
    let theirs = std::fs::read(&out).unwrap();
    let args = |extra: &[&str]| {
        let mut args = vec![
            "reanchor".to_owned(),
            "sessions/example.ron".to_owned(),
            article.display().to_string(),
            "-o".to_owned(),
            out.display().to_string(),
        ];
        args.extend(extra.iter().map(|s| (*s).to_owned()));
        args
    };
    let run = |args: &[String]| factmark(&args.iter().map(String::as_str).collect::<Vec<_>>());

    let refused = run(&args(&[]));
    assert_eq!(refused.status.code(), Some(1));
    let err = stderr(&refused);
    assert!(
        err.contains("already exists and holds a session on"),
        "{err}"
    );
    assert!(err.contains("--replace"), "{err}");
    assert_eq!(std::fs::read(&out).unwrap(), theirs, "untouched");

    let replaced = run(&args(&["--replace"]));
    assert_eq!(replaced.status.code(), Some(0), "{}", stderr(&replaced));
    assert_eq!(
        std::fs::read(factmark::store::backup_path(&out)).unwrap(),
        theirs
    );

    // A file this version cannot read is refused even with --replace.
    std::fs::write(&out, "not a session at all").unwrap();
    let refused = run(&args(&["--replace"]));
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("cannot be read by this version"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "not a session at all"
    );

    // In place (OUT.ron is SESSION.ron): writing back over the file just read is what was asked.
    let own = dir.path().join("own.ron");
    std::fs::copy("sessions/example.ron", &own).unwrap();
    let in_place = factmark(&[
        "reanchor",
        own.to_str().unwrap(),
        article.to_str().unwrap(),
        "-o",
        own.to_str().unwrap(),
    ]);
    assert_eq!(in_place.status.code(), Some(0), "{}", stderr(&in_place));
}

#[test]
fn check_prints_status_verdict_and_orphan_lines() {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("reanchored.ron");
    let output = factmark(&[
        "reanchor",
        "sessions/example.ron",
        updated_article(dir.path()).to_str().unwrap(),
        "-o",
        session.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let output = factmark(&["check", session.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.contains(
            "\nTotal: 11\n\
             Status: To check 1, Checking 0, Checked 9, Not checkable 1\n\
             Verdicts: True 2, Mostly true 2, Half true 1, False 1, Misleading 1, Accurate 1, Out of context 1, No verdict 2\n\
             Orphans: 1\n\
             Progress: 7 of 8 claims and statistics checked\n"
        ),
        "{text}"
    );
}

#[test]
fn report_writes_html_or_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("report.html");
    let output = factmark(&[
        "report",
        "sessions/example.ron",
        "-o",
        html.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output), "");
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"), "{page:.100}");
    assert!(page.contains("<h1>Belarus prisoner release</h1>"));
    assert!(page.contains("7 of 9 claims and statistics checked"));
    // From the extension, or --format whatever the extension.
    let md = dir.path().join("report.md");
    let forced = dir.path().join("report.txt");
    for (path, extra) in [(&md, None), (&forced, Some("markdown"))] {
        let mut args = vec![
            "report",
            "sessions/example.ron",
            "-o",
            path.to_str().unwrap(),
        ];
        if let Some(format) = extra {
            args.extend(["--format", format]);
        }
        let output = factmark(&args);
        assert!(output.status.success(), "{}", stderr(&output));
        let text = std::fs::read_to_string(path).unwrap();
        assert!(
            text.starts_with("# Fact-check: Belarus prisoner release\n"),
            "{text:.100}"
        );
        assert!(text.contains("### Q3 · Quote"));
    }
    // Standard output; no temporary files left beside the reports.
    let output = factmark(&[
        "report",
        "sessions/example.ron",
        "-o",
        "-",
        "--format",
        "markdown",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).starts_with("# Fact-check: "));
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
    let help = stdout(&factmark(&["report", "--help"]));
    for part in ["SESSION.ron", "--format", "markdown", "atomically", "-o -"] {
        assert!(
            help.contains(part),
            "{part:?} missing from report --help:\n{help}"
        );
    }
}

#[test]
fn report_never_overwrites_the_session_and_errors_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("s.ron");
    std::fs::copy("sessions/example.ron", &session).unwrap();
    let before = std::fs::read(&session).unwrap();
    // The same file, also by another spelling of its path.
    let other_spelling = dir.path().join(".").join("s.ron");
    for out in [&session, &other_spelling] {
        let output = factmark(&[
            "report",
            session.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--format",
            "html",
        ]);
        assert_eq!(output.status.code(), Some(1));
        let err = stderr(&output);
        assert!(err.starts_with("error: "), "{err}");
        assert!(err.contains("session file itself"), "{err}");
        assert_eq!(std::fs::read(&session).unwrap(), before, "untouched");
    }
    let out = dir.path().join("r.html");
    let output = factmark(&[
        "report",
        "sessions/does-not-exist.ron",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).starts_with("error: sessions/does-not-exist.ron: cannot read the file"),
        "{}",
        stderr(&output)
    );
    assert!(!out.exists(), "nothing written on error");
    let output = factmark(&[
        "report",
        "sessions/example.ron",
        "-o",
        "no/such/folder/r.html",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).starts_with("error: no/such/folder/r.html: "),
        "{}",
        stderr(&output)
    );
    let output = factmark(&[
        "report",
        "sessions/example.ron",
        "-o",
        "r.pdf",
        "--format",
        "pdf",
    ]);
    assert_eq!(output.status.code(), Some(2), "a usage error");
}
