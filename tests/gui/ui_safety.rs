//! UI tests of the safety nets: autosave to a recovery file, the restore offer after a crash,
//! and the question before overwriting a session file that changed on disk.

use std::path::{Path, PathBuf};

use crate::common;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use factmark::model::{Span, Tag};
use factmark::store::{RecoveryKey, RecoveryStore};
use factmark::ui::{FactmarkApp, Launch};

use common::{click_at, harness, select_phrase, wait_seconds};

/// Tags the first occurrence of `phrase` by double-clicking a word of it and pressing a key.
fn tag_word(harness: &mut Harness<'_, FactmarkApp>, word: &str, key: Key) {
    let text = harness.state().session().article().text().to_owned();
    let start = text.find(word).expect("word in article");
    let rects = harness
        .state()
        .screen_rects(Span::new(start, start + word.len()));
    let pos = rects[0].center();
    click_at(harness, pos);
    click_at(harness, pos);
    harness.run_ok();
    assert_eq!(harness.state().selection_text(), Some(word));
    harness.key_press(key);
    harness.run_ok();
}

#[test]
fn unsaved_work_is_copied_for_recovery_and_a_save_removes_the_copy() {
    let recovery = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("s.ron");
    let mut harness = harness(Launch {
        session_out: Some(out.clone()),
        recovery_dir: Some(recovery.path().to_owned()),
        ..Launch::default()
    });
    let copy = harness.state().recovery_file().expect("recovery is on");
    tag_word(&mut harness, "Kellogg", Key::Num1);
    // The first change after a quiet spell is written at once, on a worker thread: give it a
    // moment of real time, but no frame time (no frame runs, so no delay could expire).
    let annotations_in_copy = || {
        for _ in 0..500 {
            if let Ok(copy) = factmark::store::load(&copy) {
                return copy.annotations().len();
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        0
    };
    assert_eq!(annotations_in_copy(), 1, "written at the first change");
    // A second change within the interval waits for its end (one write a second at most).
    // Half a second first, so its clicks are not taken for a triple click.
    for _ in 0..30 {
        harness.step();
    }
    tag_word(&mut harness, "Minsk", Key::Num2);
    assert_eq!(
        factmark::store::load(&copy).unwrap().annotations().len(),
        1,
        "debounced"
    );
    wait_seconds(&mut harness, 1);
    for _ in 0..500 {
        if factmark::store::load(&copy).is_ok_and(|c| c.annotations().len() == 2) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        harness.step();
    }
    assert_eq!(
        factmark::store::load(&copy).unwrap().annotations().len(),
        2,
        "written within a second of the second change"
    );

    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_ok();
    common::settle(&mut harness);
    assert!(out.exists());
    let copy = harness.state().recovery_file().expect("recovery is on");
    assert!(!copy.exists(), "a clean save removes the recovery copy");
    assert!(
        std::fs::read_dir(recovery.path()).unwrap().next().is_none(),
        "nothing left behind"
    );
}

/// A pid that is not running here, as a crashed Factmark's would be.
const DEAD_PID: u32 = 4_194_000;

fn leave_crashed_copy(recovery: &Path, session_path: Option<&Path>) -> PathBuf {
    let mut session =
        factmark::model::Session::new(std::sync::Arc::new(factmark::import::default_article()));
    let text = session.article().text().to_owned();
    let start = text.find("14 political prisoners").unwrap();
    let edit = session.add_edit(Tag::Statistic, Span::new(start, start + 22));
    session.apply(edit).unwrap();
    let store = RecoveryStore::new(recovery);
    let key = RecoveryKey::for_session(session_path).with_pid(DEAD_PID);
    store.write(&key, &session, session_path).unwrap()
}

#[test]
fn work_left_by_a_crash_is_offered_and_restored() {
    let recovery = tempfile::tempdir().unwrap();
    let copy = leave_crashed_copy(recovery.path(), None);
    let mut harness = harness(Launch {
        recovery_dir: Some(recovery.path().to_owned()),
        ..Launch::default()
    });
    assert!(
        harness.state().is_showing_modal(),
        "the restore offer is shown"
    );
    assert!(harness.query_by_label("Recover unsaved work?").is_some());
    harness.get_by_label("Restore").click();
    harness.run_ok();
    common::settle(&mut harness);
    let session = harness.state().session();
    assert_eq!(session.annotations().len(), 1);
    assert_eq!(
        session.text_of(&session.annotations()[0]),
        "14 political prisoners"
    );
    assert!(
        harness.state().is_dirty(),
        "restored work still needs saving"
    );
    assert!(!copy.exists(), "the crashed run's copy was taken over");
    assert!(
        harness.state().recovery_file().unwrap().exists(),
        "now kept under this window's own copy"
    );
}

#[test]
fn a_crash_copy_can_be_discarded() {
    let recovery = tempfile::tempdir().unwrap();
    let copy = leave_crashed_copy(recovery.path(), None);
    let mut harness = harness(Launch {
        recovery_dir: Some(recovery.path().to_owned()),
        ..Launch::default()
    });
    harness.get_by_label("Discard").click();
    harness.run_ok();
    assert!(!copy.exists());
    assert!(!harness.state().is_showing_modal());
    assert!(harness.state().session().annotations().is_empty());
}

/// The app on a copy of the example session in a temporary folder (with its own recovery
/// folder). Keep the returned folders alive for the test.
fn open_shared_copy() -> (
    [tempfile::TempDir; 2],
    PathBuf,
    Harness<'static, FactmarkApp>,
) {
    let recovery = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let path = work.path().join("shared.ron");
    std::fs::copy("sessions/example.ron", &path).unwrap();
    let harness = harness(Launch {
        path: Some(path.clone()),
        recovery_dir: Some(recovery.path().to_owned()),
        ..Launch::default()
    });
    ([recovery, work], path, harness)
}

/// Another program rewrites the session at `path` (one annotation fewer); returns its version.
fn colleague_saves_over(path: &Path) -> factmark::model::Session {
    let mut theirs = factmark::store::load(path).unwrap();
    let first = theirs.annotations()[0].id;
    theirs.apply(factmark::model::Edit::Remove(first)).unwrap();
    factmark::store::save(&theirs, path).unwrap();
    theirs
}

#[test]
fn saving_over_a_file_changed_on_disk_asks_first() {
    let (_dirs, path, mut harness) = open_shared_copy();
    let before = harness.state().session().annotations().len();
    tag_word(&mut harness, "Minsk", Key::Num1);

    // A colleague's version lands meanwhile (e.g. a git pull).
    colleague_saves_over(&path);
    let their_bytes = std::fs::read(&path).unwrap();

    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_ok();
    common::settle(&mut harness);
    assert!(harness.state().is_showing_modal());
    assert_eq!(
        std::fs::read(&path).unwrap(),
        their_bytes,
        "not overwritten yet"
    );
    assert!(harness.state().is_dirty());

    harness.get_by_label("Cancel").click();
    harness.run_ok();
    assert_eq!(std::fs::read(&path).unwrap(), their_bytes);

    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_ok();
    common::settle(&mut harness);
    harness.get_by_label("Overwrite").click();
    harness.run_ok();
    common::settle(&mut harness);
    assert!(!harness.state().is_dirty());
    let saved = factmark::store::load(&path).unwrap();
    assert_eq!(
        saved.annotations().len(),
        before + 1,
        "ours replaced theirs"
    );
}

#[test]
fn reload_from_disk_takes_the_other_version() {
    let (_dirs, path, mut harness) = open_shared_copy();
    tag_word(&mut harness, "Minsk", Key::Num1);
    let theirs = colleague_saves_over(&path);

    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_ok();
    common::settle(&mut harness);
    // The question says what reloading would take away, and that it is kept.
    assert!(
        harness
            .query_by_label_contains("Compared with it, this window has 2 only here")
            .is_some(),
        "the dialog names what differs"
    );
    assert!(
        harness
            .query_by_label_contains("kept as a recovery copy")
            .is_some()
    );
    harness.get_by_label("Reload from disk").click();
    harness.run_ok();
    assert_eq!(harness.state().session(), &theirs);
    assert!(!harness.state().is_dirty());

    // The unsaved version is not gone: File → Recover unsaved work offers it.
    harness.get_by_label("File").click();
    harness.run_ok();
    harness.get_by_label("Recover unsaved work (1)…").click();
    harness.run_ok();
    common::settle(&mut harness);
    assert!(harness.query_by_label("Recover unsaved work?").is_some());
    harness.get_by_label("Restore").click();
    harness.run_ok();
    common::settle(&mut harness);
    let restored = harness.state().session();
    assert!(
        restored
            .annotations()
            .iter()
            .any(|a| restored.text_of(a) == "Minsk" && a.body.tag == Tag::Claim),
        "the annotation made before the reload is back"
    );
    assert!(harness.state().is_dirty(), "and still needs saving");
}

/// A session on an article file in `dir`, tagging `phrases` as claims, saved as `s.ron`.
fn session_on_file(dir: &Path, text: &str, phrases: &[&str]) -> PathBuf {
    let article_path = dir.join("article.txt");
    std::fs::write(&article_path, text).unwrap();
    let article = factmark::import::open_article(&article_path).unwrap();
    let mut session = factmark::model::Session::new(std::sync::Arc::new(article));
    for phrase in phrases {
        let start = text.find(phrase).unwrap();
        let edit = session.add_edit(Tag::Claim, Span::new(start, start + phrase.len()));
        session.apply(edit).unwrap();
    }
    let path = dir.join("s.ron");
    factmark::store::save(&session, &path).unwrap();
    path
}

#[test]
fn a_changed_article_is_noticed_and_annotations_follow_it() {
    let recovery = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let original = "Belarus released 14 political prisoners.\nThe envoy met Lukashenka in Minsk.\n";
    let session_path = session_on_file(
        work.path(),
        original,
        &["14 political prisoners", "met Lukashenka in Minsk"],
    );
    // The article is edited after the session was made: words inserted, a sentence rewritten.
    std::fs::write(
        work.path().join("article.txt"),
        "On Saturday, Belarus released 14 political prisoners.\nThe envoy flew home.\n",
    )
    .unwrap();
    let mut harness = harness(Launch {
        path: Some(session_path),
        recovery_dir: Some(recovery.path().to_owned()),
        ..Launch::default()
    });
    harness
        .get_by_label("Re-anchor to the updated article")
        .click();
    harness.run_ok();
    common::settle(&mut harness);
    assert!(harness.query_by_label("Annotations re-anchored").is_some());
    harness.get_by_label("OK").click();
    harness.run_ok();

    let session = harness.state().session();
    assert!(session.article().text().starts_with("On Saturday"));
    assert_eq!(session.annotations().len(), 1);
    assert_eq!(
        session.text_of(&session.annotations()[0]),
        "14 political prisoners"
    );
    assert_eq!(
        session.orphans().len(),
        1,
        "the rewritten sentence's claim is kept"
    );
    assert_eq!(session.orphans()[0].quote.text, "met Lukashenka in Minsk");
    assert!(harness.state().is_dirty());

    // Re-attach the orphan to new text.
    select_phrase(&mut harness, "flew home");
    harness.get_by_label("Re-attach to selection").click();
    harness.run_ok();
    let session = harness.state().session();
    assert!(session.orphans().is_empty());
    assert_eq!(session.annotations().len(), 2);
    assert!(
        session
            .annotations()
            .iter()
            .any(|a| session.text_of(a) == "flew home" && a.body.tag == Tag::Claim)
    );
    let reattached = session
        .annotations()
        .iter()
        .find(|a| session.text_of(a) == "flew home")
        .map(|a| a.id);
    assert_eq!(
        harness.state().selected(),
        reattached,
        "the re-attached orphan is the selected annotation"
    );
    // And undo detaches it again.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    assert_eq!(harness.state().session().orphans().len(), 1);

    // Deleting the orphan is one undoable step too.
    harness.get_by_label("Delete orphan").click();
    harness.run_ok();
    assert!(harness.state().session().orphans().is_empty());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    let session = harness.state().session();
    assert_eq!(session.orphans().len(), 1);
    assert_eq!(session.orphans()[0].quote.text, "met Lukashenka in Minsk");
}

#[test]
fn thousands_of_orphans_build_only_the_rows_in_view() {
    let work = tempfile::tempdir().unwrap();
    let article = std::sync::Arc::new(factmark::model::Article::new(
        "Minsk",
        None,
        "Belarus released 14 political prisoners.",
    ));
    let orphans = (1..=2_000u64)
        .map(|id| factmark::model::Orphan {
            id: factmark::model::AnnotationId(id),
            quote: factmark::model::Quote {
                text: format!("lost sentence number {id}"),
                prefix: String::new(),
                suffix: String::new(),
            },
            body: std::sync::Arc::new(factmark::model::Body {
                note: format!("note {id}"),
                ..factmark::model::Body::new(Tag::Claim)
            }),
        })
        .collect();
    let session = factmark::model::Session::from_parts(article, Vec::new(), orphans).unwrap();
    let path = work.path().join("orphans.ron");
    factmark::store::save(&session, &path).unwrap();
    let mut harness = harness(Launch {
        path: Some(path),
        ..Launch::default()
    });
    common::settle(&mut harness);
    assert!(harness.query_by_label("Orphans (2000)").is_some());
    let built = harness.query_all_by_label("Delete orphan").count();
    assert!(
        (1..=10).contains(&built),
        "{built} orphan rows built for a list that shows a few"
    );
    // The first row is the first orphan: deleting it removes that one, and only it.
    harness
        .get_all_by_label("Delete orphan")
        .next()
        .unwrap()
        .click();
    harness.run_ok();
    let orphans = harness.state().session().orphans();
    assert_eq!(orphans.len(), 1_999);
    assert_eq!(orphans[0].id, factmark::model::AnnotationId(2));
}
