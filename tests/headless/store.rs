//! Session files end to end: round trips, the golden file, the example session, the typed
//! validation errors of the original corpus in tests/data/bad (tests/headless/bad_input.rs checks
//! the messages of every file there), and atomic save.
//!
//! `UPDATE_GOLDEN=1 cargo test --test headless store::` rewrites tests/data/golden/small.ron and
//! sessions/example.ron from the code below; review the diff before committing.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use factmark::import::default_article;
use factmark::model::{Annotation, AnnotationId, Article, Edit, Field, Session, Span, Tag};
use factmark::store::{self, LoadError, LoadErrorKind, SaveError};

fn data(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// Adds an annotation on the `nth` occurrence of `needle` (byte offsets found by search).
fn tag(session: &mut Session, tag: Tag, needle: &str, nth: usize, note: &str) -> AnnotationId {
    let text = session.article().text();
    let start = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} not in the article"))
        .0;
    let Edit::Add(mut annotation) = session.add_edit(tag, Span::new(start, start + needle.len()))
    else {
        unreachable!()
    };
    std::sync::Arc::make_mut(&mut annotation.body).note = note.to_owned();
    let id = annotation.id;
    session.apply(Edit::Add(annotation)).unwrap();
    id
}

/// Compares `actual` with the file at `path`, or rewrites the file under `UPDATE_GOLDEN=1`.
fn assert_golden(path: &Path, actual: &str) {
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, actual).unwrap();
    }
    let expected = std::fs::read_to_string(path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with UPDATE_GOLDEN=1 to create it)",
            path.display()
        )
    });
    assert!(
        expected == actual,
        "{} differs from what to_ron writes now; a format change must be deliberate \
         (bump the version). Actual:\n{actual}",
        path.display()
    );
}

/// A small session over mixed scripts, pinned byte for byte by tests/data/golden/small.ron.
fn small_session() -> Session {
    let text = "Franak Viačorka said: “14 political prisoners are free — at last.”\n\
                Около 300 000 человек уехали. 🙂 北京 agrees.\n";
    let article = Article::new("Minsk — small", Some("articles/small.txt".to_owned()), text);
    let mut s = Session::new(Arc::new(article));
    tag(
        &mut s,
        Tag::Quote,
        "“14 political prisoners are free — at last.”",
        0,
        "",
    );
    tag(
        &mut s,
        Tag::Statistic,
        "14 political prisoners",
        0,
        "Source: \"Viasna\"",
    );
    tag(
        &mut s,
        Tag::Claim,
        "Около 300 000 человек уехали.",
        0,
        "UN figure?\nCheck C:\\data\\un.csv — and 🙂",
    );
    tag(&mut s, Tag::Claim, "北京 agrees", 0, "");
    s
}

/// The example session of the default article shipped in sessions/example.ron.
fn example_session() -> Session {
    let mut s = Session::new(Arc::new(default_article()));
    let claims = [
        (
            "Belarus release a series of political prisoners including known oppositionism \
             Siarhei Tsikhanouski",
            "",
        ),
        (
            "Kellogg, who was the advisor of the previous US President Donald Trump, also got \
             directly involved in negotiations with the Belarusian President Aliaksandr \
             Lukashenka",
            "\"As allegedly reported\": no named source for the direct involvement.",
        ),
        (
            "As stated by a rights group, Vyasna, over 50,000 people have been detained due to \
             political reasons since the unrest in 2020.",
            "Contains a statistic; check against Viasna's own counter.",
        ),
        (
            "the presidential elections in Belarus are going to take place in January, 2025",
            "Date looks wrong: the election was held on 26 January 2025, before the June 2025 \
             release.\nVerify the timeline.",
        ),
    ];
    let statistics = [
        (
            "14 political prisoners",
            "Matches the Helsinki Commission post.",
        ),
        ("more than 19 years", ""),
        ("over 50,000 people", ""),
        ("about 300,000 Belarusians", "UN estimate; which report?"),
        ("1000+ political prisoners", ""),
    ];
    let quotes = [
        (
            "welcomed this news while calling on Minsk to free the 1000+ political prisoners \
             they still hold hostage",
            "",
        ),
        ("his release gives new hope to the people of Belarus", ""),
        ("an inspirational example of optimism", ""),
    ];
    let mut all: Vec<(Tag, &str, &str)> = claims.iter().map(|&(n, t)| (Tag::Claim, n, t)).collect();
    all.extend(statistics.iter().map(|&(n, t)| (Tag::Statistic, n, t)));
    all.extend(quotes.iter().map(|&(n, t)| (Tag::Quote, n, t)));
    // Add in document order (enclosing span first), so ids read 1, 2, 3… down the file.
    let text = s.article().text().to_owned();
    all.sort_by_key(|&(_, needle, _)| (text.find(needle), std::cmp::Reverse(needle.len())));
    for (t, needle, note) in all {
        tag(&mut s, t, needle, 0, note);
    }
    // The recipe's spans and notes, then a desk's check of them.
    crate::report::desk_work(&mut s);
    s
}

#[test]
fn golden_small_session_bytes() {
    let session = small_session();
    let ron = store::to_ron(&session);
    assert_golden(&data("tests/data/golden/small.ron"), &ron);
    assert_eq!(store::to_ron(&session), ron, "rendering is deterministic");
    assert_eq!(store::from_ron(&ron).unwrap(), session);
}

#[test]
fn golden_offsets_are_code_points() {
    let ron = store::to_ron(&small_session());
    // “ is one code point but three bytes; the quote starts after `said: `.
    let said = "Franak Viačorka said: ".chars().count();
    assert!(
        ron.contains(&format!("(id: 1, tag: Quote, start: {said}, ")),
        "{ron}"
    );
}

#[test]
fn example_session_matches_its_recipe_and_round_trips() {
    let path = data("sessions/example.ron");
    let session = example_session();
    assert_golden(&path, &store::to_ron(&session));
    let loaded = store::load(&path).unwrap();
    assert_eq!(loaded, session);
    let bytes = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        store::to_ron(&loaded),
        bytes,
        "re-serializing gives identical bytes"
    );
    assert_eq!(loaded.counts(), [4, 5, 3]);
    assert_eq!(loaded.article().title(), "Belarus prisoner release");
    assert_eq!(
        loaded.article().source(),
        Some("assets/belarus-prisoner-release.txt")
    );
    assert_eq!(loaded.article().text(), default_article().text());
}

#[test]
fn round_trip_through_a_file_is_identity_for_any_script() {
    let text = "Čeština — “quoted” 🙂👩‍👩‍👧 e\u{301}tude\n\
                Беларусь: 300 000 человек.\r\n北京 и Minsk; tab\there.\n\
                Back\\slash and \"quotes\" and a trailing space \n";
    let article = Article::new("Ünïcödé — title \"x\"", None, text);
    let mut s = Session::new(Arc::new(article));
    tag(&mut s, Tag::Claim, "Čeština", 0, "");
    tag(
        &mut s,
        Tag::Quote,
        "“quoted” 🙂👩‍👩‍👧",
        0,
        "a\nb\r\nc \"d\" \\e\\ \u{301}",
    );
    tag(
        &mut s,
        Tag::Statistic,
        "300 000 человек",
        0,
        "Cyrillic\n\n\tindented",
    );
    tag(&mut s, Tag::Claim, "北京 и Minsk", 0, "CJK");
    tag(
        &mut s,
        Tag::Claim,
        "e\u{301}tude",
        0,
        "combining mark at start of note: \u{301}",
    );
    tag(
        &mut s,
        Tag::Quote,
        "Back\\slash and \"quotes\"",
        0,
        "'single' \"double\" `back`",
    );
    tag(
        &mut s,
        Tag::Statistic,
        "Беларусь: 300 000 человек.\r\n北京",
        0,
        "spans a CRLF",
    );

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("round trip — č.ron");
    store::save(&s, &path).unwrap();
    let loaded = store::load(&path).unwrap();
    assert_eq!(loaded, s);
    assert_eq!(
        store::to_ron(&loaded),
        std::fs::read_to_string(&path).unwrap()
    );
    for (a, b) in loaded.annotations().iter().zip(s.annotations()) {
        assert_eq!(loaded.text_of(a), s.text_of(b));
    }
}

#[test]
fn empty_session_round_trips() {
    let s = Session::new(Arc::new(Article::new("t", None, "Just text.")));
    let ron = store::to_ron(&s);
    assert!(ron.contains("annotations: [],"), "{ron}");
    assert!(ron.contains("source: None,"), "{ron}");
    assert_eq!(store::from_ron(&ron).unwrap(), s);
}

#[test]
fn loading_keeps_ids_and_sorts_into_document_order() {
    let text = "alpha beta gamma";
    let ron = format!(
        "(format: \"factmark-session\", version: 1, article: (title: \"t\", source: None, \
         sha256: \"{}\", text: \"{text}\"), annotations: [\
         (id: 9, tag: Quote, start: 11, end: 16, text: \"gamma\", note: \"\"),\
         (id: 4, tag: Claim, start: 0, end: 5, text: \"alpha\", note: \"n\")])",
        store::sha256_hex(text)
    );
    let s = store::from_ron(&ron).unwrap();
    let ids: Vec<u64> = s.annotations().iter().map(|a| a.id.0).collect();
    assert_eq!(ids, [4, 9]);
    // A new annotation gets an id above every loaded one.
    let Edit::Add(Annotation { id, .. }) = s.add_edit(Tag::Claim, Span::new(6, 10)) else {
        unreachable!()
    };
    assert_eq!(id, AnnotationId(10));
}

/// Loads tests/data/bad/NAME and returns the error and its message.
fn broken(name: &str) -> (LoadError, String) {
    let path = data(&format!("tests/data/bad/{name}"));
    let error = store::load(&path).expect_err(name);
    let message = error.to_string();
    assert!(
        message.starts_with(&format!("{}: ", path.display())),
        "names the file: {message}"
    );
    assert_eq!(error.path(), Some(path.as_path()));
    (error, message)
}

fn assert_mentions(message: &str, parts: &[&str]) {
    for part in parts {
        assert!(message.contains(part), "{part:?} missing from: {message}");
    }
}

#[test]
fn broken_syntax_names_line_and_column() {
    let (error, message) = broken("syntax.ron");
    assert!(
        matches!(
            error.kind,
            LoadErrorKind::Syntax {
                line: 6,
                col: 9,
                ..
            }
        ),
        "{error:?}"
    );
    assert_mentions(
        &message,
        &["not valid RON at line 6, column 9", "Expected comma"],
    );
}

#[test]
fn broken_wrong_format() {
    let (error, message) = broken("wrong_format.ron");
    assert!(matches!(error.kind, LoadErrorKind::WrongFormat { .. }));
    assert_mentions(&message, &["not a Factmark session", "\"doccano-export\""]);
}

#[test]
fn broken_foreign_ron_file() {
    let (error, message) = broken("foreign.ron");
    assert!(matches!(error.kind, LoadErrorKind::WrongFormat { .. }));
    assert_mentions(&message, &["not a Factmark session", "no `format` field"]);
}

#[test]
fn broken_future_version() {
    let (error, message) = broken("future_version.ron");
    assert!(matches!(
        error.kind,
        LoadErrorKind::NewerVersion {
            version: 5,
            supported: 4,
            ..
        }
    ));
    assert_mentions(&message, &["format version 5", "Update Factmark"]);
}

#[test]
fn broken_start_not_before_end() {
    let (error, message) = broken("start_after_end.ron");
    assert!(matches!(
        error.kind,
        LoadErrorKind::EmptySpan {
            id: AnnotationId(2),
            start: 45,
            end: 40,
            len: 110,
            ..
        }
    ));
    assert_mentions(&message, &["annotation #2", "start 45", "end 40", "110"]);
}

#[test]
fn broken_offset_out_of_range() {
    let (error, message) = broken("out_of_range.ron");
    assert!(
        matches!(error.kind, LoadErrorKind::OutOfRange { .. }),
        "{error:?}"
    );
    assert_mentions(&message, &["annotation #4", "100..140", "110 code points"]);
}

#[test]
fn broken_text_mismatch() {
    let (error, message) = broken("text_mismatch.ron");
    assert!(matches!(error.kind, LoadErrorKind::TextMismatch { .. }));
    assert_mentions(
        &message,
        &[
            "annotation #2",
            "\"41 political prisoners\"",
            "\"14 political prisoners\"",
        ],
    );
}

#[test]
fn broken_sha_mismatch() {
    let (error, message) = broken("sha_mismatch.ron");
    assert!(matches!(error.kind, LoadErrorKind::ShaMismatch { .. }));
    assert_mentions(&message, &["SHA-256", "altered"]);
}

#[test]
fn broken_unknown_tag() {
    let (error, message) = broken("unknown_tag.ron");
    assert!(
        matches!(error.kind, LoadErrorKind::UnknownTag { ref found, .. } if found == "Opinion")
    );
    assert_mentions(
        &message,
        &[
            "unknown tag `Opinion`",
            "Claim, Statistic, Quote",
            "line 13",
        ],
    );
}

#[test]
fn broken_duplicate_id() {
    let (error, message) = broken("duplicate_id.ron");
    assert!(matches!(
        error.kind,
        LoadErrorKind::DuplicateId {
            id: AnnotationId(2),
            ..
        }
    ));
    assert_mentions(&message, &["annotation id 2 is used more than once"]);
}

#[test]
fn broken_whitespace_only_span() {
    let (error, message) = broken("blank_span.ron");
    assert!(matches!(error.kind, LoadErrorKind::BlankSpan { .. }));
    assert_mentions(&message, &["annotation #5", "only whitespace"]);
}

#[test]
fn broken_missing_field() {
    let (error, message) = broken("missing_field.ron");
    assert!(matches!(error.kind, LoadErrorKind::Malformed { .. }));
    assert_mentions(&message, &["malformed", "`note`"]);
}

#[test]
fn broken_binary_and_not_utf8() {
    let (error, message) = broken("binary.ron");
    assert!(matches!(error.kind, LoadErrorKind::Binary { .. }));
    assert_mentions(&message, &["binary file", "NUL"]);
    let (error, message) = broken("not_utf8.ron");
    assert!(
        matches!(error.kind, LoadErrorKind::NotUtf8 { line: 6, .. }),
        "{error:?}"
    );
    assert_mentions(&message, &["not valid UTF-8", "line 6"]);
}

#[test]
fn too_large_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(store::MAX_SESSION_BYTES + 1).unwrap(); // sparse: costs no disk
    let error = store::load(&path).unwrap_err();
    assert!(matches!(error.kind, LoadErrorKind::TooLarge { .. }));
    assert_mentions(&error.to_string(), &["huge.ron", "64 MiB limit"]);
}

#[test]
fn missing_file_and_folder_are_io_errors() {
    let dir = tempfile::tempdir().unwrap();
    let error = store::load(&dir.path().join("nope.ron")).unwrap_err();
    assert!(matches!(error.kind, LoadErrorKind::Io { .. }));
    assert_mentions(&error.to_string(), &["nope.ron", "cannot read"]);
    assert!(matches!(
        store::load(dir.path()),
        Err(LoadError {
            kind: LoadErrorKind::Io { .. },
            ..
        })
    ));
}

#[test]
fn second_save_keeps_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    let bak = store::backup_path(&path);
    let mut s = small_session();
    store::save(&s, &path).unwrap();
    assert!(!bak.exists(), "no backup on the first save");
    let first = std::fs::read(&path).unwrap();
    let id = s.annotations()[0].id;
    s.apply(Edit::Set {
        id,
        field: Field::Note("changed".into()),
    })
    .unwrap();
    store::save(&s, &path).unwrap();
    assert_eq!(
        std::fs::read(&bak).unwrap(),
        first,
        "backup is the previous version"
    );
    assert_eq!(store::load(&path).unwrap(), s);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n != "s.ron" && n != "s.ron.bak")
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn save_into_missing_folder_fails_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no such folder").join("s.ron");
    let error = store::save(&small_session(), &path).unwrap_err();
    assert!(matches!(error, SaveError::Io { .. }));
    assert_mentions(
        &error.to_string(),
        &["could not save", "no such folder", "temporary file"],
    );
}

#[test]
fn save_onto_a_folder_fails_and_leaves_it() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("taken.ron");
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("inside.txt"), "keep").unwrap();
    let error = store::save(&small_session(), &target).unwrap_err();
    assert!(matches!(error, SaveError::IsDirectory { .. }));
    assert_mentions(&error.to_string(), &["taken.ron", "folder"]);
    assert_eq!(
        std::fs::read_to_string(target.join("inside.txt")).unwrap(),
        "keep"
    );
}

#[test]
fn failed_save_leaves_the_existing_file_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    // The previous contents are a session (a file Factmark cannot read is never replaced at all).
    let previous = store::to_ron(&Session::new(Arc::new(Article::new(
        "old",
        None,
        "Old text.",
    ))));
    std::fs::write(&path, &previous).unwrap();
    // A folder where the backup must go makes the backup step fail after the temp file is
    // written: the save must stop and leave the old file as it was.
    std::fs::create_dir(store::backup_path(&path)).unwrap();
    let error = store::save(&small_session(), &path).unwrap_err();
    assert_mentions(&error.to_string(), &["s.ron", "previous version"]);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), previous);
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "no temporary file left behind: {names:?}");
}
