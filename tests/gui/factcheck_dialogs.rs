//! The fact-check's dialogs driven through the real app's menus: the rating scales editor
//! (rename moves verdicts, removal retires a rating in use), Article details (a bad URL is
//! refused and kept in the field), the analyst question (Change… signs later annotations), and
//! File › Export report (written on a worker, announced in the status bar).

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, Queryable as _};
use factmark::ui::{FactmarkApp, Launch};

use crate::common::{body, harness, press, settle, tag};

/// Opens `menu` in the menu bar and clicks `item`.
fn menu(harness: &mut Harness<'static, FactmarkApp>, menu: &str, item: &str) {
    harness.get_by_label(menu).click();
    harness.run_ok();
    harness.get_by_label(item).click();
    harness.run_ok();
}

/// The one-line text field holding `value`.
fn field<'h>(harness: &'h Harness<'static, FactmarkApp>, value: &'h str) -> egui_kittest::Node<'h> {
    harness.get(By::new().role(Role::TextInput).value(value))
}

/// Replaces the whole text of the text field holding `value`.
fn retype(harness: &mut Harness<'static, FactmarkApp>, value: &str, new: &str) {
    field(harness, value).click();
    harness.run_ok();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run_ok();
    field(harness, value).type_text(new);
    harness.run_ok();
}

#[test]
fn renaming_a_rating_moves_its_verdicts_and_removing_one_in_use_retires_it() {
    let mut harness = harness(Launch::default());
    let id = tag(&mut harness, "14 political prisoners", Key::Num2);
    press(&mut harness, Modifiers::NONE, Key::V);
    press(&mut harness, Modifiers::NONE, Key::Num5);
    assert_eq!(body(&harness, id).verdict.as_deref(), Some("False"));

    menu(&mut harness, "Edit", "Rating scales…");
    harness.get_by_label("Rating scales");
    retype(&mut harness, "False", "Wrong");
    harness.get_by_label("Save").click();
    harness.run_ok();
    assert!(!harness.state().is_showing_modal(), "saved and closed");
    assert_eq!(
        body(&harness, id).verdict.as_deref(),
        Some("Wrong"),
        "the verdict follows its rating"
    );
    let rating = harness
        .state()
        .session()
        .scales()
        .for_tag(factmark::model::Tag::Statistic);
    assert!(rating.get("Wrong").is_some() && rating.get("False").is_none());

    // Undo puts the old name back, with the verdict.
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(body(&harness, id).verdict.as_deref(), Some("False"));

    // Removing the rating a verdict uses keeps it, retired; the verdict stays.
    menu(&mut harness, "Edit", "Rating scales…");
    assert_eq!(
        harness.get_all_by_label_contains("Remove rating").count(),
        7,
        "one row per rating of the default scale"
    );
    // The fifth row is False.
    harness.get_by_label("Remove rating 5").click();
    harness.run_ok();
    assert!(
        harness.query_by_value("False").is_none(),
        "gone from the editor"
    );
    harness.get_by_label("Save").click();
    harness.run_ok();
    assert_eq!(body(&harness, id).verdict.as_deref(), Some("False"));
    let rating = harness
        .state()
        .session()
        .scales()
        .for_tag(factmark::model::Tag::Statistic);
    assert!(
        rating.get("False").expect("kept").retired,
        "retired, not dropped"
    );
    assert!(
        harness
            .state()
            .status_info()
            .is_some_and(|s| s.contains("retired")),
        "the status bar says so: {:?}",
        harness.state().status_info()
    );
    // A scale left empty is refused, with the reason, and nothing changes.
    menu(&mut harness, "Edit", "Rating scales…");
    while harness.query_by_label("Remove rating 1").is_some() {
        harness.get_by_label("Remove rating 1").click();
        harness.run_ok();
    }
    harness.get_by_label("Save").click();
    harness.run_ok();
    assert!(harness.query_by_label_contains("Not saved").is_some());
    harness.get_by_label("Cancel").click();
    harness.run_ok();
    assert!(!harness.state().is_showing_modal());
    assert_eq!(body(&harness, id).verdict.as_deref(), Some("False"));
}

#[test]
fn article_details_refuse_a_bad_url_keep_it_and_save_when_corrected() {
    let mut harness = harness(Launch::default());
    press(&mut harness, Modifiers::COMMAND, Key::I);
    harness.get_by_label("Article details");
    harness
        .get_by_role_and_label(Role::TextInput, "URL")
        .type_text("javascript:alert(1)");
    harness.run_ok();
    harness
        .get_by_role_and_label(Role::TextInput, "Publisher")
        .click();
    harness.run_ok();
    harness
        .get_by_role_and_label(Role::TextInput, "Publisher")
        .type_text("Example News");
    harness.run_ok();
    harness.get_by_label("Save").click();
    harness.run_ok();
    assert!(harness.state().is_showing_modal(), "refused: the box stays");
    assert!(harness.query_by_label_contains("Not saved").is_some());
    assert_eq!(
        harness
            .get_by_role_and_label(Role::TextInput, "URL")
            .value()
            .as_deref(),
        Some("javascript:alert(1)"),
        "what was typed is kept"
    );
    assert!(
        harness.state().session().details().is_empty(),
        "nothing saved yet"
    );

    retype(
        &mut harness,
        "javascript:alert(1)",
        "https://example.org/minsk",
    );
    harness.get_by_label("Save").click();
    harness.run_ok();
    assert!(!harness.state().is_showing_modal());
    let details = harness.state().session().details().clone();
    assert_eq!(details.url, "https://example.org/minsk");
    assert_eq!(details.publisher, "Example News");
    assert!(harness.state().is_dirty(), "a change to save");
    assert_eq!(
        harness.state().status_info(),
        Some("Article details saved in the session.")
    );
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(
        harness.state().session().details().is_empty(),
        "one undo step"
    );
}

#[test]
fn the_analyst_question_changes_the_name_later_annotations_are_signed_with() {
    let mut harness = harness(Launch::default());
    let first = tag(&mut harness, "14 political prisoners", Key::Num2);
    let default_name = body(&harness, first).analyst;
    assert!(
        harness
            .query_by_label_contains("Your annotations are signed")
            .is_some(),
        "asked after the first annotation"
    );
    harness.get_by_label("Change…").click();
    harness.run_ok();
    harness.get_by_label("Analyst name");
    retype(&mut harness, &default_name, "Alena Kisel");
    harness.get_by_label("Save").click();
    harness.run_ok();
    assert!(
        harness
            .query_by_label_contains("Your annotations are signed")
            .is_none(),
        "asked once"
    );
    let second = tag(&mut harness, "major political development", Key::Num1);
    assert_eq!(body(&harness, second).analyst, "Alena Kisel");
    assert_eq!(
        body(&harness, first).analyst,
        default_name,
        "earlier annotations keep theirs"
    );
}

#[test]
fn export_report_from_the_window_writes_the_report_on_a_worker() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("check-report.html");
    let mut harness = harness(Launch::default());
    let id = tag(&mut harness, "14 political prisoners", Key::Num2);
    press(&mut harness, Modifiers::NONE, Key::N);
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "Note:")
        .type_text("<script>alert(1)</script> per Viasna");
    harness.run_ok();
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(body(&harness, id).note.contains("<script>"));
    press(&mut harness, Modifiers::COMMAND, Key::E);
    if harness.query_by_label("Path:").is_none() {
        eprintln!("a native file dialog is available here: the typed-path case is not driven");
        return;
    }
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_role_and_label(Role::TextInput, "Path:")
        .type_text(&out.display().to_string());
    harness.run_ok();
    press(&mut harness, Modifiers::NONE, Key::Enter);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while !harness
        .state()
        .status_info()
        .is_some_and(|s| s.starts_with("Report written"))
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the report is written"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
        harness.step();
    }
    settle(&mut harness);
    let html = std::fs::read_to_string(&out).expect("written");
    assert!(html.contains("14 political prisoners"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; per Viasna"));
    assert!(!html.contains("<script>"), "escaped, and no scripts");
    assert!(
        harness
            .state()
            .status_info()
            .is_some_and(|s| s.contains("check-report.html"))
    );
}
