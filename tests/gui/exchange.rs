//! File › Export annotations… and File › Import annotations… driven in the real app: the format
//! picker, the typed path (no native dialog here), the worker, and what an import brings:
//! added to the open session as one undo step, or opened as a new session, with what was left
//! out listed first.

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use factmark::ui::{FactmarkApp, Launch};

use crate::common::{harness, press, settle, tag};

/// Types `path` into the path box (the native dialog's stand-in) and confirms with `button`;
/// false when a native dialog is available here instead.
fn type_path(
    harness: &mut Harness<'static, FactmarkApp>,
    path: &std::path::Path,
    button: &str,
) -> bool {
    if harness.query_by_label("Path:").is_none() {
        eprintln!("a native file dialog is available here: the typed-path case is not driven");
        return false;
    }
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_role_and_label(Role::TextInput, "Path:")
        .type_text(&path.display().to_string());
    harness.run_ok();
    harness.get_by_label(button).click();
    harness.run_ok();
    true
}

/// Runs frames until the status bar says something starting with `prefix`.
fn wait_for_status(harness: &mut Harness<'static, FactmarkApp>, prefix: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while !harness
        .state()
        .status_info()
        .is_some_and(|s| s.starts_with(prefix))
    {
        assert!(
            std::time::Instant::now() < deadline,
            "waited for “{prefix}…”; the status says {:?}, errors {:?}",
            harness.state().status_info(),
            harness.state().errors()
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
        harness.step();
    }
    settle(harness);
}

#[test]
fn export_writes_the_chosen_format_and_the_picker_remembers_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("minsk.w3c.json");
    let mut harness = harness(Launch::default());
    tag(&mut harness, "14 political prisoners", Key::Num2);
    tag(&mut harness, "major political development", Key::Num1);
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::E);
    harness.get_by_label("Export annotations");
    harness.get_by_label("W3C Web Annotation").click();
    harness.run_ok();
    harness.get_by_label("Choose file…").click();
    harness.run_ok();
    if !type_path(&mut harness, &out, "Export") {
        return;
    }
    wait_for_status(&mut harness, "Exported 2 annotations");
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&out).expect("written")).expect("JSON");
    let text = json.to_string();
    assert!(text.contains("14 political prisoners") && text.contains("TextPositionSelector"));

    // The next export of this session starts on the same format.
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::E);
    let chosen = harness
        .get_by_label("W3C Web Annotation")
        .accesskit_node()
        .toggled();
    assert_eq!(chosen, Some(egui::accesskit::Toggled::True), "remembered");
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(!harness.state().is_showing_modal());
}

/// A brat `.ann` over the default article: one Statistic that imports, and one annotation
/// with a label no tag has.
fn brat_over_the_default_article(dir: &std::path::Path) -> std::path::PathBuf {
    let text = factmark::import::default_article().text().to_owned();
    let code_points = |needle: &str| {
        let start = text.find(needle).expect("in the article");
        let s = text[..start].chars().count();
        (s, s + needle.chars().count())
    };
    let (s1, e1) = code_points("14 political prisoners");
    let (s2, e2) = code_points("Keith Kellogg");
    std::fs::write(dir.join("desk.txt"), &text).unwrap();
    let ann = dir.join("desk.ann");
    std::fs::write(
        &ann,
        format!(
            "T1\tStatistic {s1} {e1}\t14 political prisoners\n#1\tAnnotatorNotes T1\tper Viasna\nT2\tPerson {s2} {e2}\tKeith Kellogg\n"
        ),
    )
    .unwrap();
    ann
}

fn import_brat(harness: &mut Harness<'static, FactmarkApp>, ann: &std::path::Path) -> bool {
    press(harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::I);
    harness.get_by_label("Import annotations");
    harness.get_by_label("brat standoff").click();
    harness.run_ok();
    harness.get_by_label("Choose file…").click();
    harness.run_ok();
    if !type_path(harness, ann, "Import") {
        return false;
    }
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while harness.query_by_label_contains("Import from").is_none() {
        assert!(
            std::time::Instant::now() < deadline,
            "the import result is shown; errors {:?}",
            harness.state().errors()
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
        harness.step();
    }
    true
}

#[test]
fn import_lists_what_is_left_out_then_adds_to_this_session_as_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let ann = brat_over_the_default_article(dir.path());
    let mut harness = harness(Launch::default());
    tag(&mut harness, "major political development", Key::Num1);
    if !import_brat(&mut harness, &ann) {
        return;
    }
    harness.get_by_label_contains("1 annotation could not be imported");
    harness.get_by_label_contains("Person");
    assert!(
        harness.state().session().annotations().len() == 1,
        "nothing changes before the answer"
    );
    harness.get_by_label("Add to this session").click();
    harness.run_ok();
    let session = harness.state().session();
    assert_eq!(session.annotations().len(), 2);
    let added = session
        .annotations()
        .iter()
        .find(|a| session.text_of(a) == "14 political prisoners")
        .expect("added at its place");
    assert_eq!(added.body.tag, factmark::model::Tag::Statistic);
    assert_eq!(added.body.note, "per Viasna");
    assert!(harness.state().is_dirty());
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        harness.state().session().annotations().len(),
        1,
        "one undo step takes the import out"
    );
}

#[test]
fn import_opens_another_articles_annotations_as_a_new_unsaved_session() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Minsk talks: 52 prisoners were freed.\n";
    std::fs::write(dir.path().join("minsk.txt"), text).unwrap();
    let ann = dir.path().join("minsk.ann");
    std::fs::write(&ann, "T1\tStatistic 13 25\t52 prisoners\n").unwrap();
    let mut harness = harness(Launch::default());
    if !import_brat(&mut harness, &ann) {
        return;
    }
    assert!(
        harness.query_by_label("Add to this session").is_none(),
        "another article's annotations cannot join this session"
    );
    harness.get_by_label("Open as a new session").click();
    harness.run_ok();
    settle(&mut harness);
    let session = harness.state().session();
    assert_eq!(session.article().text(), text);
    assert_eq!(session.annotations().len(), 1);
    assert_eq!(session.text_of(&session.annotations()[0]), "52 prisoners");
    assert!(harness.state().is_dirty(), "unsaved until Ctrl+S");
    assert_eq!(harness.state().session_path(), None);
}
