//! Issue 8's work-loss paths, driven through the real app: a `--session` target or a Save-as
//! path that already holds someone's session, a file this version cannot read, a crashed
//! window's copy that is older than the session file, and work never waiting on a file read.

use std::path::Path;
use std::sync::Arc;

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use factmark::model::{Session, Span, Tag};
use factmark::store::{RecoveryKey, RecoveryStore};
use factmark::ui::Launch;

use crate::common::{harness, select_phrase, settle};

const PHRASE: &str = "14 political prisoners";

/// A session on the default article with `phrase` tagged as a statistic.
fn default_session_with(phrase: &str) -> Session {
    let mut session = Session::new(Arc::new(factmark::import::default_article()));
    let start = session.article().text().find(phrase).unwrap();
    let edit = session.add_edit(Tag::Statistic, Span::new(start, start + phrase.len()));
    session.apply(edit).unwrap();
    session
}

/// The default article as a file in `dir`, so it can be opened by path.
fn article_file(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("belarus.txt");
    std::fs::write(&path, factmark::import::default_article().text()).unwrap();
    path
}

#[test]
fn session_flag_on_an_existing_session_of_the_same_article_opens_it() {
    // Re-running `factmark belarus.txt --session x.ron` from the shell history goes on with
    // the work instead of replacing it.
    let dir = tempfile::tempdir().unwrap();
    let article = article_file(dir.path());
    let out = dir.path().join("x.ron");
    let earlier = factmark::import::open_article(&article).unwrap();
    let mut session = Session::new(Arc::new(earlier));
    let start = session.article().text().find(PHRASE).unwrap();
    let edit = session.add_edit(Tag::Statistic, Span::new(start, start + PHRASE.len()));
    session.apply(edit).unwrap();
    factmark::store::save(&session, &out).unwrap();

    let mut harness = harness(Launch {
        path: Some(article),
        session_out: Some(out.clone()),
        ..Launch::default()
    });
    assert_eq!(
        harness.state().session().annotations().len(),
        1,
        "the earlier work is open"
    );
    assert_eq!(harness.state().session_path(), Some(out.as_path()));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_ok();
    settle(&mut harness);
    assert!(
        !harness.state().is_showing_modal(),
        "its own file: no question"
    );
    assert_eq!(
        factmark::store::load(&out).unwrap().annotations().len(),
        1,
        "saving keeps the earlier annotation"
    );
}

#[test]
fn session_flag_on_another_articles_session_asks_before_replacing_it() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other.txt");
    std::fs::write(&other, "A different article about seventeen ministers.\n").unwrap();
    let out = dir.path().join("x.ron");
    factmark::store::save(&default_session_with(PHRASE), &out).unwrap();
    let theirs = std::fs::read(&out).unwrap();

    let mut harness = harness(Launch {
        path: Some(other),
        session_out: Some(out.clone()),
        ..Launch::default()
    });
    assert!(harness.state().session().annotations().is_empty());
    select_phrase(&mut harness, "seventeen ministers");
    harness.key_press(Key::Num2);
    harness.run_ok();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_ok();
    settle(&mut harness);
    assert!(
        harness.query_by_label("Replace x.ron?").is_some(),
        "asks first"
    );
    assert!(
        harness
            .query_all_by_label_contains("with 1 annotation")
            .next()
            .is_some(),
        "says what the file holds"
    );
    assert_eq!(
        std::fs::read(&out).unwrap(),
        theirs,
        "untouched while asking"
    );

    // Saving again re-asks: no second Ctrl+S slips through either.
    harness.get_by_label("Cancel").click();
    harness.run_ok();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_ok();
    settle(&mut harness);
    assert!(harness.query_by_label("Replace x.ron?").is_some());
    assert_eq!(std::fs::read(&out).unwrap(), theirs);

    harness.get_by_label("Replace").click();
    harness.run_ok();
    settle(&mut harness);
    assert!(!harness.state().is_dirty());
    assert_eq!(
        std::fs::read(factmark::store::backup_path(&out)).unwrap(),
        theirs,
        "the replaced session is kept as the backup"
    );
    let saved = factmark::store::load(&out).unwrap();
    assert_eq!(
        saved.text_of(&saved.annotations()[0]),
        "seventeen ministers"
    );
}

#[test]
fn a_session_this_version_cannot_read_is_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("future.ron");
    let rendered = factmark::store::to_ron(&default_session_with(PHRASE));
    let future = rendered.replacen(
        &format!("version: {}", factmark::store::VERSION),
        "version: 99",
        1,
    );
    assert_ne!(future, rendered);
    std::fs::write(&out, &future).unwrap();

    let mut harness = harness(Launch {
        path: None,
        session_out: Some(out.clone()),
        ..Launch::default()
    });
    select_phrase(&mut harness, PHRASE);
    harness.key_press(Key::Num2);
    harness.run_ok();
    for _ in 0..2 {
        harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
        harness.run_ok();
        settle(&mut harness);
        assert!(
            harness.query_by_label("Replace future.ron?").is_none(),
            "no question: refused"
        );
    }
    assert_eq!(std::fs::read_to_string(&out).unwrap(), future);
    assert!(!factmark::store::backup_path(&out).exists());
    assert!(harness.state().is_dirty(), "the work stays, unsaved");
    let errors = harness.state().errors().join("\n");
    assert!(
        errors.contains("cannot be read by this version"),
        "{errors}"
    );
}

#[test]
fn save_as_onto_an_existing_session_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let existing = dir.path().join("colleague.ron");
    factmark::store::save(&default_session_with(PHRASE), &existing).unwrap();
    let theirs = std::fs::read(&existing).unwrap();
    let mut harness = harness(Launch::default());
    select_phrase(&mut harness, "Minsk");
    harness.key_press(Key::Num1);
    harness.run_ok();
    // Without a native dialog (as on CI), Save as asks for a path in a field.
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    harness.run_ok();
    if harness.query_by_label("Path:").is_none() {
        eprintln!("a native file dialog is available here: the typed-path case is not driven");
        return;
    }
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Path:")
        .type_text(&existing.display().to_string());
    harness.run_ok();
    harness.get_by_label("Save").click();
    harness.run_ok();
    settle(&mut harness);
    assert!(harness.query_by_label("Replace colleague.ron?").is_some());
    assert_eq!(std::fs::read(&existing).unwrap(), theirs);
    harness.get_by_label("Cancel").click();
    harness.run_ok();
    assert_eq!(std::fs::read(&existing).unwrap(), theirs);
    assert!(harness.state().is_dirty());
}

#[test]
fn a_crashed_windows_copy_older_than_the_session_is_still_offered() {
    // Window A crashed with unsaved work; window B saved the same session afterwards.
    let recovery = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let path = work.path().join("shared.ron");
    let a_version = default_session_with(PHRASE);
    let store = RecoveryStore::new(recovery.path());
    let key = RecoveryKey::for_path(&path).with_pid(4_194_001);
    store.write(&key, &a_version, Some(&path)).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    factmark::store::save(&default_session_with("Minsk"), &path).unwrap();

    let mut harness = harness(Launch {
        recovery_dir: Some(recovery.path().to_owned()),
        ..Launch::default()
    });
    assert!(harness.query_by_label("Recover unsaved work?").is_some());
    assert!(
        harness
            .query_by_label_contains("Compared with the session file: 1 changed")
            .is_some(),
        "says how it differs from the file"
    );
    // Deferred, it stays listed under File until restored or discarded.
    harness.get_by_label("Decide later").click();
    harness.run_ok();
    assert!(!harness.state().is_showing_modal());
    harness.get_by_label("File").click();
    harness.run_ok();
    harness.get_by_label("Recover unsaved work (1)…").click();
    harness.run_ok();
    settle(&mut harness);
    harness.get_by_label("Restore").click();
    harness.run_ok();
    settle(&mut harness);
    let session = harness.state().session();
    assert_eq!(session.text_of(&session.annotations()[0]), PHRASE);
    // Restored work was never read from shared.ron: saving there asks first.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_ok();
    settle(&mut harness);
    assert!(harness.query_by_label("Replace shared.ron?").is_some());
}

#[test]
fn the_window_draws_while_a_file_opens_and_opening_can_be_cancelled() {
    // A page deep enough that importing it takes many frames in a debug build.
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("deep.html");
    let depth = 30_000;
    let html = format!(
        "<html><body>{}<p>Deep text about 40 people.</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    std::fs::write(&page, html).unwrap();
    let mut harness = egui_kittest::Harness::builder()
        .with_size(egui::Vec2::new(1280.0, 800.0))
        .with_step_dt(1.0 / 60.0)
        .build_eframe(move |cc| {
            factmark::ui::FactmarkApp::new(
                cc,
                Launch {
                    path: Some(page),
                    recovery_dir: Some(crate::common::recovery_dir()),
                    ..Launch::default()
                },
            )
        });
    harness.step();
    assert!(harness.state().is_busy(), "opening runs on a worker");
    assert!(
        harness
            .query_by_label_contains("Opening deep.html")
            .is_some(),
        "the window shows what it is doing"
    );
    harness.get_by_label("Cancel").click();
    harness.run_ok();
    assert!(!harness.state().is_showing_modal());
    assert_eq!(
        harness.state().session().article().title(),
        "Belarus prisoner release",
        "cancelled: the window keeps what it had"
    );
}
