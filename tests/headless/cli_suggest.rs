//! `factmark suggest`: printing the pending suggestions of an article or a session, writing
//! them into a session pending or accepted, the tag filter, rejections kept in the session,
//! and never replacing another session without `--replace`.

use std::path::Path;

use factmark::model::{Rejection, Span, Status, Tag};
use factmark::store;

use crate::cli::{factmark, stderr, stdout};

/// A small article with a statistic, a quote and a claim.
fn article(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("minsk.txt");
    std::fs::write(
        &path,
        "Belarus freed 14 political prisoners on Saturday, the largest release since 2020.\n\
         “We are free at last,” said Franak Viačorka.\n",
    )
    .unwrap();
    path
}

#[test]
fn prints_one_line_per_suggestion_and_the_counts() {
    let dir = tempfile::tempdir().unwrap();
    let input = article(dir.path());
    let output = factmark(&["suggest", input.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let out = stdout(&output);
    assert!(
        out.contains("Statistic\t14\t36\t\tnumber + what it counts\t14 political prisoners\n"),
        "{out}"
    );
    assert!(
        out.contains("Quote\t82\t104\tFranak Viačorka\tquotation marks, speaker next to it\t“We are free at last,”\n"),
        "{out}"
    );
    assert!(out.contains("Claim\t0\t81\t\t"), "{out}");
    assert!(
        out.ends_with("Pending: 1 statistic, 1 quote, 1 claim\n"),
        "{out}"
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "nothing written without -o"
    );
}

#[test]
fn tags_limit_what_is_suggested() {
    let dir = tempfile::tempdir().unwrap();
    let input = article(dir.path());
    let output = factmark(&["suggest", input.to_str().unwrap(), "--tags", "quotes"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stdout(&output)
            .lines()
            .map(|l| l.split('\t').next().unwrap())
            .collect::<Vec<_>>(),
        ["Quote", "Pending: 1 quote"]
    );
    let output = factmark(&["suggest", input.to_str().unwrap(), "--tags", "numbers"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("\"numbers\" is not a tag: use claim, statistic or quote"));
}

#[test]
fn writes_a_session_pending_then_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let input = article(dir.path());
    let out = dir.path().join("minsk.ron");
    let output = factmark(&[
        "suggest",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).ends_with(&format!(
        "Wrote {}: 0 annotations, 0 rejected suggestions\n",
        out.display()
    )));
    let pending = store::load(&out).unwrap();
    assert!(
        pending.annotations().is_empty(),
        "pending suggestions are not annotations"
    );

    // Accepting, written back over the same session.
    let output = factmark(&[
        "suggest",
        out.to_str().unwrap(),
        "--tags",
        "statistic,quote",
        "--accept",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("Accepted: 1 statistic, 1 quote\n"),
        "{}",
        stdout(&output)
    );
    let accepted = store::load(&out).unwrap();
    assert_eq!(accepted.counts(), [0, 1, 1]);
    for annotation in accepted.annotations() {
        assert_eq!(annotation.body.analyst, "factmark-suggest");
        assert_eq!(annotation.body.status, Status::ToCheck);
        assert!(annotation.body.created.is_some());
    }
    let quote = accepted
        .annotations()
        .iter()
        .find(|a| a.body.tag == Tag::Quote)
        .unwrap();
    assert_eq!(quote.body.claimant, "Franak Viačorka");
    assert!(
        store::backup_path(&out).exists(),
        "the pending session is the backup"
    );
    // What is accepted is no longer suggested; claims still are.
    let output = factmark(&["suggest", out.to_str().unwrap()]);
    assert!(
        stdout(&output).ends_with("Pending: 0 statistic, 0 quote, 1 claim\n"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn rejections_in_the_session_are_not_suggested_again() {
    let dir = tempfile::tempdir().unwrap();
    let input = article(dir.path());
    let text = std::fs::read_to_string(&input).unwrap();
    let session_path = dir.path().join("rejected.ron");
    let start = text.find("14 political prisoners").unwrap();
    let session = factmark::import::open_any(&input)
        .unwrap()
        .into_session()
        .with_rejections(vec![Rejection::new(
            Tag::Statistic,
            Span::new(start, start + 22),
        )])
        .unwrap();
    store::save(&session, &session_path).unwrap();
    let output = factmark(&[
        "suggest",
        session_path.to_str().unwrap(),
        "--tags",
        "statistic",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output), "Pending: 0 statistic\n");
}

#[test]
fn another_session_is_replaced_only_with_replace() {
    let dir = tempfile::tempdir().unwrap();
    let input = article(dir.path());
    let out = dir.path().join("out.ron");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/golden/small.ron"),
        &out,
    )
    .unwrap();
    let before = std::fs::read(&out).unwrap();
    let args = [
        "suggest",
        input.to_str().unwrap(),
        "--accept",
        "-o",
        out.to_str().unwrap(),
    ];
    let output = factmark(&args);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("already exists and holds a session on “Minsk — small”"),
        "{}",
        stderr(&output)
    );
    assert!(
        stderr(&output).contains("pass --replace"),
        "{}",
        stderr(&output)
    );
    assert_eq!(std::fs::read(&out).unwrap(), before, "untouched");
    let mut replacing = args.to_vec();
    replacing.push("--replace");
    let output = factmark(&replacing);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(store::load(&out).unwrap().annotations().len(), 3);
    assert_eq!(std::fs::read(store::backup_path(&out)).unwrap(), before);
}

#[test]
fn errors_exit_1_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let input = article(dir.path());
    let output = factmark(&["suggest", input.to_str().unwrap(), "--accept"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "error: --accept needs -o OUT.ron: the accepted suggestions are written there\n"
    );
    let output = factmark(&["suggest", "tests/data/bad/truncated.ron"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).starts_with("error: "),
        "{}",
        stderr(&output)
    );
    let output = factmark(&["suggest", dir.path().join("missing.txt").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
}

/// `factmark suggest FOLDER --accept`: every article without a session gets one at
/// `sessions/NAME.ron` with the suggestions accepted; an article that has a session keeps it,
/// byte for byte; a second run writes nothing.
#[test]
fn a_folder_gets_sessions_for_its_articles_without_one_and_no_other_is_touched() {
    let dir = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let fresh = article(dir.path());
    let worked = dir.path().join("vilnius.txt");
    std::fs::write(
        &worked,
        "Lithuania counted 2,500 new asylum requests in May.\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("sessions")).unwrap();
    let existing = dir.path().join("sessions/vilnius.ron");
    let output = factmark(&[
        "suggest",
        worked.to_str().unwrap(),
        "-o",
        existing.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let before = std::fs::read(&existing).unwrap();

    let run = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_factmark"))
            .args(["suggest", dir.path().to_str().unwrap(), "--accept"])
            .env("FACTMARK_CACHE_DIR", cache.path())
            .output()
            .unwrap()
    };
    let output = run();
    assert!(output.status.success(), "{}", stderr(&output));
    let out = stdout(&output);
    assert!(
        out.contains("minsk.txt: 1 claim, 1 statistic, 1 quote accepted → sessions/minsk.ron")
            || out
                .contains("minsk.txt: 1 statistic, 1 quote, 1 claim accepted → sessions/minsk.ron"),
        "{out}"
    );
    assert!(out.contains("Wrote 1 new session in "), "{out}");
    let made = store::load(&dir.path().join("sessions/minsk.ron")).unwrap();
    assert_eq!(made.annotations().len(), 3);
    assert_eq!(
        made.article()
            .source()
            .map(Path::new)
            .and_then(Path::file_name),
        fresh.file_name()
    );
    assert_eq!(
        std::fs::read(&existing).unwrap(),
        before,
        "an existing session is never touched"
    );

    let again = run();
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(
        stdout(&again).contains("Wrote 0 new sessions"),
        "{}",
        stdout(&again)
    );
}
