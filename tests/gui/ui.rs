//! UI tests: drive the real app with egui_kittest (drag, keys, clicks), then assert on the session.

use std::path::PathBuf;

use crate::common;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use factmark::model::Tag;
use factmark::ui::{FactmarkApp, Launch};

use common::{click_at, harness, phrase_ends, select_phrase};

const PHRASE: &str = "14 political prisoners";

#[test]
fn drag_tag_inspect_retag_and_undo() {
    let mut harness = harness(Launch::default());
    select_phrase(&mut harness, PHRASE);
    assert_eq!(harness.state().selection_text(), Some(PHRASE));

    harness.key_press(Key::Num2);
    harness.run_ok();
    let session = harness.state().session();
    assert_eq!(session.annotations().len(), 1);
    let annotation = &session.annotations()[0];
    assert_eq!(annotation.body.tag, Tag::Statistic);
    assert_eq!(session.text_of(annotation), PHRASE);
    let id = annotation.id;
    assert!(harness.state().is_dirty());

    // Clear, then pick it from the list.
    harness.key_press(Key::Escape);
    harness.run_ok();
    assert_eq!(harness.state().selected(), None);
    harness
        .get_by_label(&format!("Statistic: {PHRASE}"))
        .click();
    harness.run_ok();
    assert_eq!(harness.state().selected(), Some(id));

    // Retag in the inspector.
    harness.get_by_label("Claim").click();
    harness.run_ok();
    assert_eq!(
        harness.state().session().annotations()[0].body.tag,
        Tag::Claim
    );

    // Undo the retag, then the add.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    assert_eq!(
        harness.state().session().annotations()[0].body.tag,
        Tag::Statistic
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    assert!(harness.state().session().annotations().is_empty());
    assert!(!harness.state().is_dirty(), "back at the saved state");

    // And redo brings it back.
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run_ok();
    assert_eq!(harness.state().session().annotations().len(), 1);
}

#[test]
fn click_on_highlight_selects_and_delete_removes() {
    let mut harness = harness(Launch::default());
    select_phrase(&mut harness, PHRASE);
    harness.key_press(Key::Q);
    harness.run_ok();
    harness.key_press(Key::Escape);
    harness.run_ok();
    let (from, to) = phrase_ends(&harness, PHRASE);
    let middle = from + (to - from) * 0.5;
    harness.hover_at(middle);
    harness.step();
    harness.drag_at(middle);
    harness.step();
    harness.drop_at(middle);
    harness.run_ok();
    let id = harness.state().session().annotations()[0].id;
    assert_eq!(harness.state().selected(), Some(id));
    harness.key_press(Key::Delete);
    harness.run_ok();
    assert!(harness.state().session().annotations().is_empty());
}

/// Tags [`PHRASE`] as a claim (key 1) and types `note` into the inspector's note field,
/// which keeps the keyboard focus.
fn claim_with_note(harness: &mut Harness<'static, FactmarkApp>, note: &str) {
    select_phrase(harness, PHRASE);
    harness.key_press(Key::Num1);
    harness.run_ok();
    harness.get_by_label("Note:").click();
    harness.run_ok();
    harness.get_by_label("Note:").type_text(note);
    harness.run_ok();
}

#[test]
fn the_inspector_delete_button_deletes_and_undo_brings_back_the_note() {
    let mut harness = harness(Launch::default());
    claim_with_note(&mut harness, "check the count");
    harness.get_by_label("Delete annotation").click();
    harness.run_ok();
    assert!(harness.state().session().annotations().is_empty());
    assert_eq!(harness.state().selected(), None);

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    let session = harness.state().session();
    assert_eq!(session.annotations().len(), 1);
    assert_eq!(session.annotations()[0].body.note, "check the count");
    assert_eq!(
        harness.state().selected(),
        Some(session.annotations()[0].id),
        "undo selects the annotation again"
    );
}

#[test]
fn note_typing_is_one_undo_step() {
    let mut harness = harness(Launch::default());
    claim_with_note(&mut harness, "Check the number");
    assert_eq!(
        harness.state().session().annotations()[0].body.note,
        "Check the number"
    );
    // Digits typed into the note must not tag anything.
    harness.get_by_label("Note:").type_text(" 123");
    harness.run_ok();
    assert_eq!(harness.state().session().annotations().len(), 1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    let session = harness.state().session();
    assert_eq!(
        session.annotations().len(),
        1,
        "undo reverts the note, not the tag"
    );
    assert_eq!(session.annotations()[0].body.note, "");
}

#[test]
fn esc_in_the_note_leaves_the_field_and_keeps_the_annotation() {
    let mut harness = harness(Launch::default());
    claim_with_note(&mut harness, "Source?");
    let id = harness
        .state()
        .selected()
        .expect("the new annotation is selected");
    harness.key_press(Key::Escape);
    harness.run_ok();
    assert_eq!(
        harness.state().selected(),
        Some(id),
        "first Esc only leaves the note"
    );
    assert!(!harness.get_by_label("Note:").is_focused());
    // Keys act on the article again: 3 retags, a second Esc clears the selection.
    harness.key_press(Key::Num3);
    harness.run_ok();
    assert_eq!(
        harness.state().session().annotations()[0].body.tag,
        Tag::Quote
    );
    assert_eq!(
        harness.state().session().annotations()[0].body.note,
        "Source?"
    );
    harness.key_press(Key::Escape);
    harness.run_ok();
    assert_eq!(harness.state().selected(), None);
}

#[test]
fn save_and_reopen_through_the_app() {
    let dir = tempfile::tempdir().unwrap();
    let out: PathBuf = dir.path().join("s.ron");
    let mut harness = harness(Launch {
        path: None,
        session_out: Some(out.clone()),
        ..Launch::default()
    });
    select_phrase(&mut harness, PHRASE);
    harness.key_press(Key::Num2);
    harness.run_ok();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_ok();
    common::settle(&mut harness);
    assert!(out.exists(), "Ctrl+S wrote the bound session file");
    assert!(!harness.state().is_dirty());
    let saved = harness.state().session().clone();
    drop(harness);

    let reopened = self::harness(Launch {
        path: Some(out.clone()),
        ..Launch::default()
    });
    assert_eq!(reopened.state().session(), &saved);
    assert_eq!(reopened.state().session_path(), Some(out.as_path()));
    let annotation = &reopened.state().session().annotations()[0];
    assert_eq!(reopened.state().session().text_of(annotation), PHRASE);
    assert!(reopened.state().errors().is_empty());
}

#[test]
fn quitting_with_unsaved_changes_asks_first() {
    let mut harness = harness(Launch::default());
    select_phrase(&mut harness, PHRASE);
    harness.key_press(Key::Num3);
    harness.run_ok();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    harness.run_ok();
    assert!(harness.state().is_asking_to_save());
    harness.get_by_label("Cancel").click();
    harness.run_ok();
    assert!(!harness.state().is_asking_to_save());
    assert_eq!(
        harness.state().session().annotations().len(),
        1,
        "nothing lost"
    );
}

#[test]
fn a_broken_session_shows_an_error_and_opens_nothing_over_it() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.ron");
    std::fs::write(
        &broken,
        "(format: \"factmark-session\", version: 1, article: (",
    )
    .unwrap();
    let harness = harness(Launch {
        path: Some(broken.clone()),
        ..Launch::default()
    });
    let app = harness.state();
    assert_eq!(app.errors().len(), 1, "{:?}", app.errors());
    assert!(
        app.errors()[0].contains("broken.ron"),
        "{}",
        app.errors()[0]
    );
    assert_eq!(
        app.session_path(),
        None,
        "Ctrl+S will not overwrite the broken file"
    );
    assert_eq!(
        std::fs::read_to_string(&broken).unwrap(),
        "(format: \"factmark-session\", version: 1, article: ("
    );
}

#[test]
fn a_long_error_wraps_beside_its_dismiss_button_in_a_narrow_window() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir
        .path()
        .join("a-session-file-with-a-rather-long-name-for-a-narrow-window.ron");
    std::fs::write(
        &broken,
        "(format: \"factmark-session\", version: 1, article: (",
    )
    .unwrap();
    let mut harness = harness(Launch {
        path: Some(broken),
        ..Launch::default()
    });
    harness.set_size(egui::Vec2::new(800.0, 500.0));
    harness.run_ok();
    let message = harness.get_by_label_contains("Could not open").rect();
    let button = harness.get_by_label("Dismiss").rect();
    assert!(
        !message.intersects(button),
        "the message {message:?} runs under the button {button:?}"
    );
    harness.get_by_label("Dismiss").click();
    harness.run_ok();
    assert!(harness.state().errors().is_empty());
}

#[test]
fn double_click_selects_a_word_and_shift_click_extends() {
    let mut harness = harness(Launch::default());
    let (from, to) = phrase_ends(&harness, PHRASE);
    let in_political = from + (to - from) * 0.4;
    click_at(&mut harness, in_political);
    click_at(&mut harness, in_political);
    harness.run_ok();
    assert_eq!(harness.state().selection_text(), Some("political"));

    harness.hover_at(to);
    harness.step();
    harness.event_modifiers(
        egui::Event::PointerButton {
            pos: to,
            button: egui::PointerButton::Primary,
            pressed: true,
            modifiers: Modifiers::SHIFT,
        },
        Modifiers::SHIFT,
    );
    harness.step();
    harness.event_modifiers(
        egui::Event::PointerButton {
            pos: to,
            button: egui::PointerButton::Primary,
            pressed: false,
            modifiers: Modifiers::SHIFT,
        },
        Modifiers::SHIFT,
    );
    harness.run_ok();
    assert_eq!(
        harness.state().selection_text(),
        Some("political prisoners")
    );
}

#[test]
fn overlapping_highlights_cycle_on_repeated_clicks_and_tab_steps() {
    let mut harness = harness(Launch::default());
    let sentence = "Belarus released 14 political prisoners";
    select_phrase(&mut harness, sentence);
    harness.key_press(Key::C);
    harness.run_ok();
    select_phrase(&mut harness, PHRASE);
    harness.key_press(Key::S);
    harness.run_ok();
    harness.key_press(Key::Escape);
    harness.run_ok();
    let session = harness.state().session();
    assert_eq!(session.annotations().len(), 2);
    let outer = session.annotations()[0].id;
    let inner = session.annotations()[1].id;

    let (from, to) = phrase_ends(&harness, PHRASE);
    let inside_both = from + (to - from) * 0.5;
    click_at(&mut harness, inside_both);
    harness.run_ok();
    assert_eq!(harness.state().selected(), Some(inner), "innermost first");
    // Wait past the double-click interval so the next click is a fresh single click.
    for _ in 0..30 {
        harness.step();
    }
    click_at(&mut harness, inside_both);
    harness.run_ok();
    assert_eq!(
        harness.state().selected(),
        Some(outer),
        "then the enclosing one"
    );

    harness.key_press(Key::Escape);
    harness.run_ok();
    harness.key_press(Key::Tab);
    harness.run_ok();
    assert_eq!(harness.state().selected(), Some(outer));
    harness.key_press(Key::Tab);
    harness.run_ok();
    assert_eq!(harness.state().selected(), Some(inner));
    harness.key_press_modifiers(Modifiers::SHIFT, Key::Tab);
    harness.run_ok();
    assert_eq!(harness.state().selected(), Some(outer));
}

#[test]
fn list_filters_by_text_and_tag() {
    let mut harness = harness(Launch::default());
    select_phrase(&mut harness, PHRASE);
    harness.key_press(Key::Num2);
    harness.run_ok();
    select_phrase(&mut harness, "Siarhei Tsikhanouski");
    harness.key_press(Key::Num1);
    harness.run_ok();
    let statistic_row = format!("Statistic: {PHRASE}");
    assert!(harness.query_by_label(&statistic_row).is_some());
    assert!(
        harness
            .query_by_label("Claim: Siarhei Tsikhanouski")
            .is_some()
    );

    harness.get_by_label("Filter").click();
    harness.run_ok();
    harness.get_by_label("Filter").type_text("prisoners");
    harness.run_ok();
    assert!(harness.query_by_label(&statistic_row).is_some());
    assert!(
        harness
            .query_by_label("Claim: Siarhei Tsikhanouski")
            .is_none()
    );
    assert_eq!(
        harness.state().session().annotations().len(),
        2,
        "typing did not tag"
    );
}

/// A file dropped on the window, as the windowing integration would hand it over.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

fn drop_file(harness: &mut Harness<'_, FactmarkApp>, path: PathBuf) {
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(path)));
    harness.run_ok();
    // Opening reads the file on a worker: wait for it as a user would.
    crate::common::settle(harness);
}

#[test]
fn dropping_a_session_opens_it_after_asking_about_unsaved_work() {
    let mut harness = harness(Launch::default());
    let example = PathBuf::from("sessions/example.ron");

    // Clean document: the drop opens at once.
    drop_file(&mut harness, example.clone());
    assert_eq!(harness.state().session_path(), Some(example.as_path()));
    let example_count = harness.state().session().annotations().len();
    assert!(example_count > 0);

    // Unsaved work: the drop asks first, and Cancel keeps the work.
    harness.key_press(Key::Tab);
    harness.run_ok();
    harness.key_press(Key::Delete);
    harness.run_ok();
    assert!(harness.state().is_dirty());
    drop_file(
        &mut harness,
        PathBuf::from("assets/belarus-prisoner-release.txt"),
    );
    assert!(harness.state().is_asking_to_save());
    harness.get_by_label("Cancel").click();
    harness.run_ok();
    assert_eq!(
        harness.state().session().annotations().len(),
        example_count - 1
    );

    // Drop again and discard: the article opens as a new session.
    drop_file(
        &mut harness,
        PathBuf::from("assets/belarus-prisoner-release.txt"),
    );
    harness.get_by_label("Discard changes").click();
    harness.run_ok();
    crate::common::settle(&mut harness);
    assert!(harness.state().session().annotations().is_empty());
    assert_eq!(harness.state().session_path(), None);
}

#[test]
fn new_article_from_pasted_text() {
    let mut harness = harness(Launch::default());
    harness.get_by_label("File").click();
    harness.run_ok();
    harness.get_by_label("New from pasted text…").click();
    harness.run_ok();
    let field = "Article text (the first line becomes the title):";
    harness.get_by_label(field).click();
    harness.run_ok();
    harness
        .get_by_label(field)
        .type_text("Минск, 25 июня\nВласти освободили 14 политзаключённых.");
    harness.run_ok();
    harness.get_by_label("Create article").click();
    harness.run_ok();
    let article = harness.state().session().article().clone();
    assert_eq!(article.title(), "Минск, 25 июня");
    assert!(article.text().contains("14 политзаключённых"));
    assert_eq!(harness.state().session_path(), None);
}
