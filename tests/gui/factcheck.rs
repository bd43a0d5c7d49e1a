//! The fact-check in the window (issue 12): status and verdict by keyboard, a claimant typed
//! once and completed after, sources added (a bad link refused, nothing lost) and removed,
//! each undoable; then saved, reloaded and compared. Each test drives the real app.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use factmark::model::Status;
use factmark::ui::{Action, FactmarkApp, Launch};

use crate::common::{body, harness, press, settle, tag};

fn undo(harness: &mut Harness<'static, FactmarkApp>) {
    press(harness, Modifiers::COMMAND, Key::Z);
}

#[test]
fn status_and_verdict_by_keyboard_each_undoable() {
    let mut harness = harness(Launch::default());
    let id = tag(&mut harness, "14 political prisoners", Key::Num2);
    let made = body(&harness, id);
    assert_eq!(made.status, Status::ToCheck, "new annotations are to check");
    assert!(!made.analyst.is_empty(), "signed by the analyst");
    assert!(made.created.is_some() && made.created == made.changed);

    press(&mut harness, Modifiers::ALT, Key::Num2);
    assert_eq!(body(&harness, id).status, Status::Checking);

    // V opens the picker; 5 is the fifth rating of the default scale.
    press(&mut harness, Modifiers::NONE, Key::V);
    harness.get_by_label("Verdict");
    press(&mut harness, Modifiers::NONE, Key::Num5);
    let checked = body(&harness, id);
    assert_eq!(checked.verdict.as_deref(), Some("False"));
    assert_eq!(
        checked.status,
        Status::Checked,
        "a verdict marks it checked"
    );
    harness.get_by_label("1 of 1 claims and statistics checked");

    undo(&mut harness);
    let undone = body(&harness, id);
    assert_eq!(
        (undone.verdict, undone.status),
        (None, Status::Checking),
        "one step"
    );
    undo(&mut harness);
    assert_eq!(body(&harness, id).status, Status::ToCheck);
    assert_eq!(
        body(&harness, id).changed,
        made.changed,
        "undo restores the time too"
    );

    // Esc in the picker gives no verdict.
    press(&mut harness, Modifiers::NONE, Key::V);
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert_eq!(body(&harness, id).verdict, None);
    assert_eq!(harness.state().selected(), Some(id));
}

#[test]
fn a_claimant_is_typed_once_then_completed() {
    let mut harness = harness(Launch::default());
    let first = tag(&mut harness, "major political development", Key::Num1);
    press(&mut harness, Modifiers::NONE, Key::W);
    assert!(
        harness.get_by_label("Claimant:").is_focused(),
        "W focuses it"
    );
    harness
        .get_by_label("Claimant:")
        .type_text("Franak Viačorka");
    harness.run_ok();
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert_eq!(body(&harness, first).claimant, "Franak Viačorka");

    let second = tag(&mut harness, "diplomatic contact", Key::Num1);
    press(&mut harness, Modifiers::NONE, Key::W);
    harness.get_by_label("Claimant:").type_text("via");
    harness.run_ok();
    // Offered below the field while typing; Enter takes it.
    harness.get_by_label("Franak Viačorka   (Enter)");
    press(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(body(&harness, second).claimant, "Franak Viačorka");
    undo(&mut harness);
    assert_eq!(
        body(&harness, second).claimant,
        "via",
        "the completion is its own step"
    );
    undo(&mut harness);
    assert_eq!(
        body(&harness, second).claimant,
        "",
        "the typing burst is one step"
    );
    assert_eq!(body(&harness, first).claimant, "Franak Viačorka");
}

#[test]
fn sources_are_checked_when_added_and_removed_with_undo() {
    let mut harness = harness(Launch::default());
    let id = tag(&mut harness, "14 political prisoners", Key::Num2);
    press(&mut harness, Modifiers::NONE, Key::L);
    assert!(
        harness.get_by_label("URL:").is_focused(),
        "L focuses the URL"
    );
    harness
        .get_by_label("URL:")
        .type_text("javascript:alert(1)");
    harness.run_ok();
    harness.get_by_label("Add source").click();
    harness.run_ok();
    assert!(body(&harness, id).sources.is_empty(), "refused");
    let reason = "Not added: \"javascript:alert(1)\" is a javascript link; links must be web addresses (http:// or https://).";
    assert!(
        harness.query_by_label_contains("Not added").is_some()
            || harness.query_all_by_value(reason).next().is_some(),
        "the reason is shown"
    );
    let url = harness.get_by_label("URL:");
    assert_eq!(
        url.value().as_deref(),
        Some("javascript:alert(1)"),
        "nothing typed is lost"
    );

    // Corrected: a bare address reads as https.
    url.focus();
    harness.run_ok();
    for _ in 0.."javascript:alert(1)".len() {
        harness.key_press(Key::Backspace);
    }
    harness.run_ok();
    harness.get_by_label("URL:").type_text("spring96.org/en");
    harness.get_by_label("Citation:").focus();
    harness.run_ok();
    harness
        .get_by_label("Citation:")
        .type_text("Viasna, list of political prisoners");
    harness.run_ok();
    harness.get_by_label("Primary source").click();
    harness.run_ok();
    harness.get_by_label("Add source").click();
    harness.run_ok();
    let sources = body(&harness, id).sources;
    assert_eq!(sources.len(), 1);
    assert_eq!(sources[0].url, "https://spring96.org/en");
    assert_eq!(sources[0].citation, "Viasna, list of political prisoners");
    assert!(sources[0].primary);
    // The link is shown by its citation (and opens only when clicked).
    harness.get_by_label("Viasna, list of political prisoners");

    let ctx = harness.ctx.clone();
    harness
        .state_mut()
        .perform(&ctx, Action::RemoveSource(id, 0));
    harness.run_ok();
    assert!(body(&harness, id).sources.is_empty());
    undo(&mut harness);
    assert_eq!(body(&harness, id).sources, sources, "undo brings it back");
    undo(&mut harness);
    assert!(body(&harness, id).sources.is_empty(), "undo of the add");
    settle(&mut harness);
}

#[test]
fn the_whole_check_is_saved_and_reloaded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("check.ron");
    let mut harness = harness(Launch {
        session_out: Some(path.clone()),
        ..Launch::default()
    });
    let id = tag(&mut harness, "major political development", Key::Num1);
    press(&mut harness, Modifiers::NONE, Key::V);
    press(&mut harness, Modifiers::NONE, Key::Num6);
    press(&mut harness, Modifiers::NONE, Key::W);
    harness
        .get_by_label("Claimant:")
        .type_text("Belarusian opposition sources");
    harness.run_ok();
    press(&mut harness, Modifiers::NONE, Key::Escape);
    press(&mut harness, Modifiers::NONE, Key::L);
    harness
        .get_by_label("URL:")
        .type_text("https://spring96.org/en");
    press(&mut harness, Modifiers::NONE, Key::Enter);
    let body = body(&harness, id);
    assert_eq!(body.verdict.as_deref(), Some("Misleading"));
    assert_eq!(body.sources.len(), 1, "Enter in the URL field adds it");
    press(&mut harness, Modifiers::COMMAND, Key::S);
    settle(&mut harness);
    let saved = factmark::store::load(&path).expect("saved as a valid session");
    assert_eq!(
        *saved.get(id).expect("saved").body,
        body,
        "every field, times included"
    );
    assert_eq!(&saved, harness.state().session());
}
