//! The keyboard flow of a fact-checker's first hour (issue 11): tag → note → next without the
//! mouse, adjusting spans, deleting visibly, a list that follows the selection and filters
//! by one tag in one click, menus that Esc closes. Each test drives the real app.

use std::path::Path;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use factmark::model::Tag;
use factmark::testing::{self, DocSize};
use factmark::ui::{Action, FactmarkApp, Launch};

use crate::common::{harness, select_phrase};

const PHRASE: &str = "14 political prisoners";

fn press(harness: &mut Harness<'static, FactmarkApp>, key: Key) {
    harness.key_press(key);
    harness.run_ok();
}

fn press_with(harness: &mut Harness<'static, FactmarkApp>, modifiers: Modifiers, key: Key) {
    harness.key_press_modifiers(modifiers, key);
    harness.run_ok();
}

fn note_of_selected(harness: &Harness<'static, FactmarkApp>) -> String {
    let app = harness.state();
    let id = app.selected().expect("an annotation is selected");
    app.session().get(id).expect("exists").body.note.clone()
}

#[test]
fn enter_writes_the_note_and_esc_returns_to_the_article_with_it_selected() {
    let mut harness = harness(Launch::default());
    // Drag + 2 + Enter + type + Esc: one pointer gesture, the rest on the keyboard.
    select_phrase(&mut harness, PHRASE);
    press(&mut harness, Key::Num2);
    let id = harness.state().selected().expect("the new statistic");
    press(&mut harness, Key::Enter);
    assert!(
        harness.get_by_label("Note:").is_focused(),
        "Enter focuses the note"
    );
    harness.get_by_label("Note:").type_text("Check: UN figure");
    harness.run_ok();
    assert_eq!(
        note_of_selected(&harness),
        "Check: UN figure",
        "Enter typed no newline"
    );
    press(&mut harness, Key::Escape);
    assert!(!harness.get_by_label("Note:").is_focused());
    assert_eq!(
        harness.state().selected(),
        Some(id),
        "still selected after Esc"
    );

    // N does the same, and the cursor lands after the text already there.
    press(&mut harness, Key::N);
    assert!(harness.get_by_label("Note:").is_focused());
    harness.get_by_label("Note:").type_text(" (2024)");
    harness.run_ok();
    assert_eq!(note_of_selected(&harness), "Check: UN figure (2024)");
    press(&mut harness, Key::Escape);
    // Back on the article, keys act on it again: 1 retags, and the note was one undo step.
    press(&mut harness, Key::Num1);
    assert_eq!(
        harness.state().session().get(id).unwrap().body.tag,
        Tag::Claim
    );
    press_with(&mut harness, Modifiers::COMMAND, Key::Z);
    press_with(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(note_of_selected(&harness), "Check: UN figure");

    // Without an annotation, Enter says what to do instead of doing nothing.
    press(&mut harness, Key::Escape);
    press(&mut harness, Key::Enter);
    assert!(
        harness.query_by_label("Note:").is_none(),
        "no annotation, no note"
    );
    assert!(
        harness
            .state()
            .status_info()
            .unwrap_or("")
            .contains("Select an annotation")
    );
}

#[test]
fn the_note_stays_at_one_place_whatever_the_length_of_the_quote() {
    let mut harness = harness(Launch::default());
    let mut tops = Vec::new();
    for phrase in ["Belarus", PHRASE, "Siarhei Tsikhanouski"] {
        select_phrase(&mut harness, phrase);
        press(&mut harness, Key::Num1);
        tops.push(harness.get_by_label("Note:").rect().top());
        press(&mut harness, Key::Escape);
    }
    // And a long one: a whole paragraph.
    let app = harness.state();
    let paragraph = app.session().article().paragraphs()[1].clone();
    let text = app.session().article().text()[paragraph].to_owned();
    let cut = text[..text.len().min(400)].rfind(' ').unwrap();
    select_phrase(&mut harness, &text[..cut]);
    press(&mut harness, Key::Num3);
    tops.push(harness.get_by_label("Note:").rect().top());
    assert!(
        tops.windows(2).all(|w| (w[0] - w[1]).abs() < 0.5),
        "the note moved: {tops:?}"
    );
}

#[test]
fn shift_arrows_adjust_the_selection_and_resize_an_annotation_as_one_undo_step() {
    let mut harness = harness(Launch::default());
    select_phrase(&mut harness, PHRASE);
    let word = Modifiers::COMMAND | Modifiers::SHIFT;
    let start_word = Modifiers::ALT | word;
    press_with(&mut harness, word, Key::ArrowLeft);
    assert_eq!(harness.state().selection_text(), Some("14 political"));
    // Ctrl+Shift+Right takes in the next word, Ctrl+Shift+Left gives it back.
    press_with(&mut harness, word, Key::ArrowRight);
    assert_eq!(harness.state().selection_text(), Some(PHRASE));
    press_with(&mut harness, word, Key::ArrowLeft);
    assert_eq!(harness.state().selection_text(), Some("14 political"));
    // With Alt, the start moves: give up "14", take it back.
    press_with(&mut harness, start_word, Key::ArrowRight);
    assert_eq!(harness.state().selection_text(), Some("political"));
    press_with(&mut harness, start_word, Key::ArrowLeft);
    assert_eq!(harness.state().selection_text(), Some("14 political"));
    // By character: Shift+Right, Shift+Left.
    press_with(&mut harness, Modifiers::SHIFT, Key::ArrowRight);
    assert_eq!(harness.state().selection_text(), Some("14 political "));
    press_with(&mut harness, Modifiers::SHIFT, Key::ArrowLeft);
    press_with(&mut harness, word, Key::ArrowRight);
    assert_eq!(harness.state().selection_text(), Some(PHRASE));

    // Tag it with a note, then shrink the annotation itself: id, tag and note stay.
    press(&mut harness, Key::Num2);
    press(&mut harness, Key::Enter);
    harness.get_by_label("Note:").type_text("source?");
    harness.run_ok();
    press(&mut harness, Key::Escape);
    let id = harness.state().selected().unwrap();
    press_with(
        &mut harness,
        Modifiers::ALT | Modifiers::SHIFT | Modifiers::COMMAND,
        Key::ArrowRight,
    );
    press_with(&mut harness, Modifiers::SHIFT, Key::ArrowLeft);
    press_with(&mut harness, Modifiers::SHIFT, Key::ArrowLeft);
    let session = harness.state().session();
    assert_eq!(session.annotations().len(), 1);
    let resized = session.get(id).expect("same id");
    assert_eq!(session.text_of(resized), "political prisone");
    assert_eq!(
        (resized.body.tag, resized.body.note.as_str()),
        (Tag::Statistic, "source?")
    );
    assert_eq!(harness.state().selected(), Some(id));
    // Three presses, one undo step.
    press_with(&mut harness, Modifiers::COMMAND, Key::Z);
    let session = harness.state().session();
    assert_eq!(session.text_of(session.get(id).unwrap()), PHRASE);
    assert_eq!(
        session.get(id).unwrap().body.note,
        "source?",
        "the note is untouched"
    );
    // It never becomes empty.
    for _ in 0..40 {
        press_with(&mut harness, Modifiers::SHIFT, Key::ArrowLeft);
    }
    let session = harness.state().session();
    assert_eq!(session.text_of(session.get(id).unwrap()), "1");
}

#[test]
fn deleting_says_what_went_selects_the_next_and_undo_brings_it_back() {
    let mut harness = harness(Launch::default());
    for (phrase, key) in [
        ("Belarus", Key::Num1),
        (PHRASE, Key::Num2),
        ("Siarhei Tsikhanouski", Key::Num3),
    ] {
        select_phrase(&mut harness, phrase);
        press(&mut harness, key);
    }
    // Select the statistic and give it a note.
    let ctx = harness.ctx.clone();
    let session = harness.state().session();
    let by_place: Vec<_> = session
        .annotations()
        .iter()
        .map(|a| (a.id, a.body.tag))
        .collect();
    let at = by_place
        .iter()
        .position(|(_, tag)| *tag == Tag::Statistic)
        .unwrap();
    let statistic = by_place[at].0;
    // The next in document order, else (the statistic is last) the one before.
    let next = by_place.get(at + 1).unwrap_or(&by_place[at - 1]).0;
    harness.state_mut().perform(&ctx, Action::Select(statistic));
    harness.run_ok();
    press(&mut harness, Key::Enter);
    harness.get_by_label("Note:").type_text("UN count");
    harness.run_ok();
    press(&mut harness, Key::Escape);

    press(&mut harness, Key::Backspace);
    let info = harness.state().status_info().unwrap_or_default().to_owned();
    assert_eq!(
        info,
        format!("Deleted statistic “{PHRASE}” and its note — Ctrl+Z to undo.")
    );
    assert_eq!(
        harness.state().selected(),
        Some(next),
        "the next one is selected"
    );
    assert_eq!(harness.state().session().annotations().len(), 2);
    press_with(&mut harness, Modifiers::COMMAND, Key::Z);
    let session = harness.state().session();
    assert_eq!(session.get(statistic).unwrap().body.note, "UN count");
    assert_eq!(harness.state().selected(), Some(statistic));

    // Deleting the last one selects the one before; Delete works like Backspace.
    let last = *by_place.last().unwrap();
    let before_last = by_place[by_place.len() - 2].0;
    harness.state_mut().perform(&ctx, Action::Select(last.0));
    harness.run_ok();
    press(&mut harness, Key::Delete);
    assert_eq!(harness.state().selected(), Some(before_last));

    // Backspace in the filter field edits the filter, never the session.
    harness.get_by_label("Filter").click();
    harness.run_ok();
    harness.get_by_label("Filter").type_text("x");
    harness.run_ok();
    press(&mut harness, Key::Backspace);
    press(&mut harness, Key::Backspace);
    assert_eq!(harness.state().session().annotations().len(), 2);
}

/// A session of `annotations` generated annotations, saved in `dir`, opened in the app.
fn many(dir: &Path, annotations: usize) -> Harness<'static, FactmarkApp> {
    let session = testing::session(DocSize {
        name: "list",
        text_bytes: 60_000,
        annotations,
    });
    let path = dir.join("many.ron");
    factmark::store::save(&session, &path).expect("saved");
    let harness = harness(Launch {
        path: Some(path),
        ..Launch::default()
    });
    assert_eq!(harness.state().session().annotations().len(), annotations);
    harness
}

fn row_label(harness: &Harness<'static, FactmarkApp>, index: usize) -> String {
    let session = harness.state().session();
    let annotation = &session.annotations()[index];
    let short: String = session.text_of(annotation).chars().take(120).collect();
    format!("{}: {short}", annotation.body.tag.label())
}

#[test]
fn the_list_scrolls_to_the_selected_row() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = many(dir.path(), 200);
    let ctx = harness.ctx.clone();
    let last = harness.state().session().annotations()[199].id;
    assert!(
        harness.query_by_label(&row_label(&harness, 199)).is_none(),
        "off screen at first"
    );
    harness.state_mut().perform(&ctx, Action::Select(last));
    harness.run_ok();
    let row = harness.get_by_label(&row_label(&harness, 199)).rect();
    assert!(
        row.bottom() <= 800.0 - 20.0 && row.top() > 0.0,
        "row in view: {row:?}"
    );
    // Shift+Tab from the first wraps round to the last: in view too.
    press(&mut harness, Key::Escape);
    press(&mut harness, Key::Tab);
    assert!(harness.query_by_label(&row_label(&harness, 0)).is_some());
    press_with(&mut harness, Modifiers::SHIFT, Key::Tab);
    press_with(&mut harness, Modifiers::SHIFT, Key::Tab);
    assert!(harness.query_by_label(&row_label(&harness, 198)).is_some());
}

#[test]
fn tab_steps_through_the_filtered_list_and_the_filter_says_how_many_it_shows() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = many(dir.path(), 30);
    let session = harness.state().session();
    let quotes: Vec<_> = session
        .annotations()
        .iter()
        .filter(|a| a.body.tag == Tag::Quote)
        .map(|a| a.id)
        .collect();
    assert!(quotes.len() >= 3, "the generator mixes tags");
    // One click on the chip: only quotes. Tab walks the quotes alone, wrapping.
    harness
        .get_by_label(&format!("Quote {}", quotes.len()))
        .click();
    harness.run_ok();
    assert!(
        harness
            .query_by_label(&format!("{} of 30 shown", quotes.len()))
            .is_some()
    );
    for expected in quotes.iter().chain(quotes.first()) {
        press(&mut harness, Key::Tab);
        assert_eq!(harness.state().selected(), Some(*expected));
    }
    // Ctrl+click adds claims; a plain click on quotes again shows only quotes; Show all.
    let claims = session_count(&harness, Tag::Claim);
    harness
        .get_by_label(&format!("Claim {claims}"))
        .click_modifiers(Modifiers::COMMAND);
    harness.run_ok();
    let shown = format!("{} of 30 shown", quotes.len() + claims);
    assert!(harness.query_by_label(&shown).is_some(), "{shown}");
    harness.get_by_label("Show all").click();
    harness.run_ok();
    assert!(harness.query_by_label_contains("of 30 shown").is_none());

    // A filter nothing matches: Tab selects nothing and says why; × clears the filter.
    harness.get_by_label("Filter").click();
    harness.run_ok();
    harness.get_by_label("Filter").type_text("zzzz");
    harness.run_ok();
    press(&mut harness, Key::Escape);
    press(&mut harness, Key::Escape);
    press(&mut harness, Key::Tab);
    assert_eq!(
        harness.state().selected(),
        None,
        "Tab found nothing to select"
    );
    assert!(
        harness
            .state()
            .status_info()
            .unwrap_or("")
            .contains("No annotation matches")
    );
    assert!(harness.query_by_label("0 of 30 shown").is_some());
    harness.get_by_label("×").click();
    harness.run_ok();
    assert_eq!(harness.get_by_label("Filter").value().as_deref(), Some(""));
    press(&mut harness, Key::Tab);
    assert_eq!(
        harness.state().selected(),
        Some(harness.state().session().annotations()[0].id)
    );
}

fn session_count(harness: &Harness<'static, FactmarkApp>, tag: Tag) -> usize {
    harness.state().session().counts()[tag.index()]
}

#[test]
fn esc_closes_an_open_menu_and_keeps_the_selection() {
    let mut harness = harness(Launch::default());
    select_phrase(&mut harness, PHRASE);
    press(&mut harness, Key::Num1);
    let id = harness.state().selected();
    harness.get_by_label("Edit").click();
    harness.run_ok();
    assert!(
        harness.query_by_label_contains("Write note").is_some(),
        "the menu is open"
    );
    press(&mut harness, Key::Escape);
    assert!(
        harness.query_by_label_contains("Write note").is_none(),
        "Esc closed it"
    );
    assert_eq!(
        harness.state().selected(),
        id,
        "and left the selection alone"
    );
    // A digit with the menu open does not retag either.
    harness.get_by_label("Edit").click();
    harness.run_ok();
    press(&mut harness, Key::Num3);
    let session = harness.state().session();
    assert_eq!(session.annotations()[0].body.tag, Tag::Claim);
}

#[test]
fn a_session_target_that_does_not_exist_yet_is_not_called_saved() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("new.ron");
    let mut harness = harness(Launch {
        session_out: Some(target.clone()),
        ..Launch::default()
    });
    harness.run_ok();
    assert!(!target.exists());
    assert!(
        harness
            .query_by_label("Not saved to this file yet")
            .is_some()
    );
    assert!(harness.query_by_label("Saved").is_none());
}

#[test]
fn errors_collapse_to_one_line_with_short_hashes_and_details_on_demand() {
    // A session whose text was changed by hand: the error names both SHA-256 hashes.
    let dir = tempfile::tempdir().unwrap();
    let tampered = dir.path().join("tampered.ron");
    let article = factmark::model::Article::new("T", None, "Hello world, said the minister.");
    let session = factmark::model::Session::new(std::sync::Arc::new(article));
    factmark::store::save(&session, &tampered).unwrap();
    let ron = std::fs::read_to_string(&tampered).unwrap();
    std::fs::write(&tampered, ron.replace("Hello world", "Jello world")).unwrap();
    let mut harness = harness(Launch::default());
    harness.state_mut().open_path(&dir.path().join("two.ron"));
    crate::common::settle(&mut harness);
    harness.state_mut().open_path(&tampered);
    crate::common::settle(&mut harness);
    assert_eq!(
        harness.state().errors().len(),
        2,
        "{:?}",
        harness.state().errors()
    );
    let full = harness.state().errors()[1].clone();
    let hash = full
        .split(|c: char| !c.is_ascii_hexdigit())
        .find(|word| word.len() == 64)
        .expect("the error names a hash")
        .to_owned();
    assert!(harness.query_by_label("2 errors").is_some());
    let line = harness.get_by_label_contains("tampered.ron");
    assert!(line.rect().height() < 24.0, "one line: {:?}", line.rect());
    assert!(
        harness.query_by_label_contains(&hash).is_none(),
        "the full hash is in details"
    );
    let short = format!("{}…", &hash[..12]);
    assert!(harness.query_by_label_contains(&short).is_some(), "{short}");
    harness.get_by_label("Details").click();
    harness.run_ok();
    assert!(harness.query_by_label_contains(&hash).is_some());
    assert!(harness.query_by_label_contains("two.ron").is_some());
    harness.get_by_label("Dismiss all").click();
    harness.run_ok();
    assert!(harness.state().errors().is_empty());
}

#[test]
fn the_path_box_keeps_a_mistyped_path_and_says_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.txt");
    std::fs::write(&real, "A real article.\n\nWith a paragraph.").unwrap();
    let mut harness = harness(Launch::default());
    press_with(&mut harness, Modifiers::COMMAND, Key::O);
    if harness.query_by_label("Path:").is_none() {
        eprintln!("a native file dialog is available here: the typed-path case is not driven");
        return;
    }
    let field = || egui::accesskit::Role::TextInput;
    let typo = dir.path().join("rael.txt").display().to_string();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_role_and_label(field(), "Path:")
        .type_text(&typo);
    harness.run_ok();
    harness.get_by_label("Open").click();
    harness.run_ok();
    assert!(
        harness
            .query_by_label_contains("There is no file at")
            .is_some()
    );
    let kept = harness.get_by_role_and_label(field(), "Path:").value();
    assert_eq!(
        kept.as_deref(),
        Some(typo.as_str()),
        "the typed path is kept"
    );
    // Fix it in place and open.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_role_and_label(field(), "Path:")
        .type_text(&real.display().to_string());
    harness.run_ok();
    harness.get_by_label("Open").click();
    harness.run_ok();
    crate::common::settle(&mut harness);
    assert_eq!(harness.state().session().article().title(), "Real");
}

#[test]
fn the_paste_box_takes_the_keyboard_when_it_opens() {
    let mut harness = harness(Launch::default());
    let ctx = harness.ctx.clone();
    harness.state_mut().perform(&ctx, Action::NewFromText);
    harness.run_ok();
    harness.run_ok();
    let field = harness.get_by_role_and_label(
        egui::accesskit::Role::MultilineTextInput,
        "Article text (the first line becomes the title):",
    );
    assert!(field.is_focused());
}

#[test]
fn undoing_a_retag_says_what_the_annotation_is_again() {
    let mut harness = harness(Launch::default());
    select_phrase(&mut harness, PHRASE);
    press(&mut harness, Key::Num2);
    press(&mut harness, Key::Num1);
    press_with(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        harness.state().status_info(),
        Some("Undid retag as claim: it is a statistic again.")
    );
}

#[test]
fn the_find_bar_keeps_close_on_its_first_row_in_a_small_window() {
    let mut harness = harness(Launch::default());
    harness.set_size(egui::Vec2::new(900.0, 600.0));
    harness.run_ok();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run_ok();
    harness.get_by_label("Find").type_text("prisoners");
    harness.run_ok();
    let close = harness.get_by_label("Close").rect();
    let field = harness.get_by_label("Find").rect();
    assert!(
        (close.top() - field.top()).abs() < 1.0,
        "{close:?} vs {field:?}"
    );
    let side_panel = harness.get_by_label("Inspector").rect().left();
    assert!(close.right() < side_panel);
    // The match is still scrolled into view below the bar.
    let selection = harness.state().selection().expect("a match");
    let rect = harness.state().screen_rects(selection)[0];
    assert!(rect.bottom() < 600.0 - 24.0, "{rect:?}");
}

#[test]
fn dragging_a_handle_resizes_the_selected_annotation_as_one_undo_step() {
    let mut harness = harness(Launch::default());
    select_phrase(&mut harness, "14 political");
    press(&mut harness, Key::Num2);
    press(&mut harness, Key::Enter);
    harness.get_by_label("Note:").type_text("count?");
    harness.run_ok();
    press(&mut harness, Key::Escape);
    let id = harness.state().selected().expect("selected");
    let span = harness.state().session().get(id).unwrap().span;
    // The end handle sits just right of the last character; drag it into "prisoners".
    let end_row = *harness.state().screen_rects(span).last().unwrap();
    let (_, into) = crate::common::phrase_ends(&harness, PHRASE);
    crate::common::drag(
        &mut harness,
        end_row.right_center() + egui::Vec2::new(1.0, 0.0),
        into - egui::Vec2::new(6.0, 0.0),
    );
    let session = harness.state().session();
    let resized = session.get(id).expect("same id");
    assert_eq!(
        session.text_of(resized),
        PHRASE,
        "snapped to the whole word"
    );
    assert_eq!(
        (resized.body.tag, resized.body.note.as_str()),
        (Tag::Statistic, "count?")
    );
    assert_eq!(session.annotations().len(), 1);
    assert_eq!(
        harness.state().selection(),
        None,
        "the drag selected no text"
    );
    assert_eq!(harness.state().selected(), Some(id));
    // The whole drag is one undo step.
    press_with(&mut harness, Modifiers::COMMAND, Key::Z);
    let session = harness.state().session();
    assert_eq!(session.text_of(session.get(id).unwrap()), "14 political");
    // A drag that starts away from the handles still selects text.
    select_phrase(&mut harness, "Siarhei Tsikhanouski");
}

#[test]
fn a_long_list_is_filtered_a_few_frames_at_a_time_and_says_so_meanwhile() {
    let dir = tempfile::tempdir().unwrap();
    let session = testing::session(DocSize {
        name: "long list",
        text_bytes: 600_000,
        annotations: 4_000,
    });
    let path = dir.path().join("long.ron");
    factmark::store::save(&session, &path).expect("saved");
    let mut harness = harness(Launch {
        path: Some(path),
        ..Launch::default()
    });
    crate::common::settle(&mut harness);
    // Worked out here from the session, not by the list.
    let query = "the";
    let session = harness.state().session();
    let expected: Vec<_> = session
        .annotations()
        .iter()
        .filter(|a| {
            let body = &a.body;
            [session.text_of(a), &body.note, &body.claimant]
                .iter()
                .any(|text| text.to_lowercase().contains(query))
        })
        .map(|a| a.id)
        .collect();
    assert!(expected.len() > 100 && expected.len() < 4_000);

    harness.get_by_label("Filter").click();
    harness.run_ok();
    harness.get_by_label("Filter").type_text(query);
    // The keystroke's frame searched a slice of the list and says so.
    harness.step();
    assert!(
        harness
            .query_by_label_contains("so far, searching…")
            .is_some(),
        "the count says the list is still being searched"
    );
    // The next frames finish it without further input.
    harness.run_ok();
    let shown = format!("{} of 4000 shown", expected.len());
    assert!(harness.query_by_label(&shown).is_some(), "{shown}");
    // Tab steps through exactly those rows.
    press(&mut harness, Key::Escape);
    for id in expected.iter().take(3) {
        press(&mut harness, Key::Tab);
        assert_eq!(harness.state().selected(), Some(*id));
    }
}
