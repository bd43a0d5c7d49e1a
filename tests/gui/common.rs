//! Helpers the UI test files share: a harness on the real app, and pointer gestures that
//! find text on screen through `FactmarkApp::screen_rects`.
#![allow(dead_code)] // each test binary uses its own subset

use std::path::PathBuf;

use egui::{Pos2, Vec2};
use egui_kittest::Harness;
use factmark::model::Span;
use factmark::ui::{FactmarkApp, Launch};

/// One recovery folder per test binary, so tests never write to the user's data folder.
static RECOVERY_DIR: std::sync::LazyLock<tempfile::TempDir> =
    std::sync::LazyLock::new(|| tempfile::tempdir().expect("temporary folder"));

/// This test binary's recovery folder: fresh for each run, so copies left by an earlier run
/// (whose writer is gone, so they are offered) never open a question in this one.
pub fn recovery_dir() -> PathBuf {
    RECOVERY_DIR.path().to_owned()
}

/// The real app in a 1280×800 window, stepping at 60 frames a second (short enough that a
/// press and release count as a click), after its first frames have run.
pub fn harness(launch: Launch) -> Harness<'static, FactmarkApp> {
    let mut harness = started(launch);
    settle(&mut harness);
    harness
}

/// The same after its first frames only: its workers may still be running.
pub fn started(mut launch: Launch) -> Harness<'static, FactmarkApp> {
    launch
        .recovery_dir
        .get_or_insert_with(|| RECOVERY_DIR.path().to_owned());
    let mut harness = Harness::builder()
        .with_size(Vec2::new(1280.0, 800.0))
        .with_step_dt(1.0 / 60.0)
        .build_eframe(move |cc| FactmarkApp::new(cc, launch));
    harness.run_ok();
    harness
}

/// Runs frames until the app's workers (opening a file, re-anchoring, reading the recovery
/// folder, finding suggestions, …) have delivered, as a user would wait for them; panics after
/// 60 s of real time.
pub fn settle(harness: &mut Harness<'_, FactmarkApp>) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while harness.state().is_busy() || harness.state().is_suggesting() {
        assert!(
            std::time::Instant::now() < deadline,
            "the app's background work did not finish"
        );
        std::thread::sleep(std::time::Duration::from_millis(2));
        harness.step();
    }
    harness.run_ok();
}

/// Screen positions just inside the first and last characters of the first `phrase`.
pub fn phrase_ends(harness: &Harness<'_, FactmarkApp>, phrase: &str) -> (Pos2, Pos2) {
    let app = harness.state();
    let text = app.session().article().text();
    let start = text.find(phrase).expect("phrase is in the article");
    let rects = app.screen_rects(Span::new(start, start + phrase.len()));
    let (first, last) = (
        rects.first().expect("laid out"),
        rects.last().expect("laid out"),
    );
    (
        first.left_center() + Vec2::new(2.0, 0.0),
        last.right_center() - Vec2::new(2.0, 0.0),
    )
}

/// Presses at `from`, moves to `to` in a few steps, releases.
pub fn drag(harness: &mut Harness<'_, FactmarkApp>, from: Pos2, to: Pos2) {
    harness.hover_at(from);
    harness.step();
    harness.drag_at(from);
    harness.step();
    for i in 1..=6u8 {
        harness.hover_at(from + (to - from) * (f32::from(i) / 6.0));
        harness.step();
    }
    harness.drop_at(to);
    harness.run_ok();
}

/// Drags over the phrase with the pointer starting and ending inside its outer words, so the
/// selection only comes out exact if it snaps outward to whole words.
pub fn select_phrase(harness: &mut Harness<'_, FactmarkApp>, phrase: &str) {
    let (from, to) = phrase_ends(harness, phrase);
    drag(
        harness,
        from + Vec2::new(4.0, 0.0),
        to - Vec2::new(4.0, 0.0),
    );
    assert_eq!(harness.state().selection_text(), Some(phrase));
}

/// A press and release at `pos`.
pub fn click_at(harness: &mut Harness<'_, FactmarkApp>, pos: Pos2) {
    harness.hover_at(pos);
    harness.step();
    harness.drag_at(pos);
    harness.step();
    harness.drop_at(pos);
    harness.step();
}

/// Lets `seconds` of frames pass.
pub fn wait_seconds(harness: &mut Harness<'_, FactmarkApp>, seconds: u32) {
    for _ in 0..seconds * 60 {
        harness.step();
    }
}

/// A temporary folder and a path for a session file inside it.
pub fn temp_session_path(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join(name);
    (dir, path)
}

/// One mouse-wheel notch of `delta_y` points over `over`, then the frames egui spreads the
/// scroll over (run_ok may stop before the tail is in).
pub fn wheel(harness: &mut Harness<'_, FactmarkApp>, over: Pos2, delta_y: f32) {
    harness.hover_at(over);
    harness.step();
    harness.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: Vec2::new(0.0, delta_y),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
        modifiers: egui::Modifiers::NONE,
    });
    for _ in 0..40 {
        harness.step();
    }
}

/// Presses `key` with `modifiers` and runs the frames it causes.
pub fn press(
    harness: &mut Harness<'static, FactmarkApp>,
    modifiers: egui::Modifiers,
    key: egui::Key,
) {
    harness.key_press_modifiers(modifiers, key);
    harness.run_ok();
}

/// The body of annotation `id` as the session holds it now.
pub fn body(
    harness: &Harness<'static, FactmarkApp>,
    id: factmark::model::AnnotationId,
) -> factmark::model::Body {
    harness
        .state()
        .session()
        .get(id)
        .expect("exists")
        .body
        .as_ref()
        .clone()
}

/// Drags over `phrase` and tags it with `digit`; the new annotation's id.
pub fn tag(
    harness: &mut Harness<'static, FactmarkApp>,
    phrase: &str,
    digit: egui::Key,
) -> factmark::model::AnnotationId {
    select_phrase(harness, phrase);
    press(harness, egui::Modifiers::NONE, digit);
    harness
        .state()
        .selected()
        .expect("the new annotation is selected")
}

/// A file or folder dropped on the window.
#[derive(Debug)]
struct DroppedPath(PathBuf);

impl egui::DroppedFile for DroppedPath {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// Drops `path` on the window and runs the frames it causes.
pub fn drop_path(harness: &mut Harness<'static, FactmarkApp>, path: PathBuf) {
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(DroppedPath(path)));
    harness.run_ok();
}
