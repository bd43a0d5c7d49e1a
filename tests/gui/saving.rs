//! Saving on a worker, driven through the real app: edits made while a save runs stay
//! unsaved and go into the next save, a failed save keeps the work and says why, and
//! quitting while a save runs waits for it.

use egui::{Key, Modifiers};
use factmark::ui::{Action, Launch};

use crate::common::{self, harness, select_phrase, temp_session_path};

/// Annotations in the session file at `path`.
fn annotations_in(path: &std::path::Path) -> usize {
    factmark::store::load(path)
        .expect("the saved file loads")
        .annotations()
        .len()
}

/// The app bound to `out`, with "14 political prisoners" tagged by `key`.
fn tagged(
    out: &std::path::Path,
    key: Key,
) -> egui_kittest::Harness<'static, factmark::ui::FactmarkApp> {
    let mut harness = harness(Launch {
        session_out: Some(out.to_path_buf()),
        ..Launch::default()
    });
    select_phrase(&mut harness, "14 political prisoners");
    harness.key_press(key);
    harness.run_ok();
    harness
}

#[test]
fn an_edit_made_while_a_save_runs_stays_unsaved_and_the_next_save_holds_it() {
    let (_dir, out) = temp_session_path("s.ron");
    let mut harness = tagged(&out, Key::Num2);
    select_phrase(&mut harness, "U.S. Helsinki Commission");
    // Ctrl+S and a tag in the same frame: the save has begun (and its worker holds the first
    // state) before the tag is applied, however fast the worker is.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.key_press(Key::Num1);
    harness.step();
    assert_eq!(harness.state().session().annotations().len(), 2);
    common::settle(&mut harness);
    assert_eq!(
        annotations_in(&out),
        1,
        "the file holds the state Ctrl+S saw"
    );
    assert!(
        harness.state().is_dirty(),
        "the tag made during the save is not saved yet"
    );
    assert!(harness.state().errors().is_empty());

    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_ok();
    common::settle(&mut harness);
    assert_eq!(annotations_in(&out), 2, "the next save holds both");
    assert!(!harness.state().is_dirty());
    let on_disk = factmark::store::Fingerprint::of(&out).unwrap();
    assert!(
        harness
            .state()
            .fingerprint()
            .is_some_and(|known| known.same_content(&on_disk)),
        "the fingerprint is of the bytes written"
    );
}

#[test]
fn a_save_that_fails_on_the_worker_keeps_the_work_and_says_why() {
    let (dir, _) = temp_session_path("unused.ron");
    let out = dir.path().join("no-such-folder").join("s.ron");
    let mut harness = tagged(&out, Key::Num2);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_ok();
    common::settle(&mut harness);
    let app = harness.state();
    assert!(!out.exists());
    assert!(app.is_dirty(), "the work is still unsaved");
    assert_eq!(app.session().annotations().len(), 1, "and all there");
    assert!(
        app.errors()
            .iter()
            .any(|e| e.starts_with("Not saved") && e.contains("no-such-folder")),
        "{:?}",
        app.errors()
    );
}

#[test]
fn quitting_while_a_save_runs_waits_for_it_then_closes() {
    let (_dir, out) = temp_session_path("s.ron");
    let mut harness = tagged(&out, Key::Num3);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    harness.step();
    assert!(
        !harness.state().is_asking_to_save(),
        "no unsaved-changes question for work being saved"
    );
    common::settle(&mut harness);
    assert_eq!(annotations_in(&out), 1);
    assert!(harness.state().is_closing(), "the window closes once saved");
}

#[test]
fn closing_waits_for_the_running_save_and_the_one_queued_after_it() {
    let (_dir, out) = temp_session_path("s.ron");
    let mut harness = tagged(&out, Key::Num2);
    select_phrase(&mut harness, "U.S. Helsinki Commission");
    // Save, tag, save again, with no frame between: the second save waits for the first.
    let ctx = harness.ctx.clone();
    harness.state_mut().perform(&ctx, Action::Save);
    harness
        .state_mut()
        .perform(&ctx, Action::Tag(factmark::model::Tag::Claim));
    harness.state_mut().perform(&ctx, Action::Save);
    assert!(harness.state().is_saving());
    // The window closes now, whatever the workers have done so far.
    eframe::App::on_exit(harness.state_mut());
    assert!(!harness.state().is_saving());
    assert_eq!(annotations_in(&out), 2, "the queued save was written too");
}
