//! Find in the article (Ctrl+F): typing selects the first match, Enter / Shift+Enter and
//! F3 step through matches with wrap-around, Esc closes the bar and keeps the match selected
//! so a tag key tags it, and the bar counts matches.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use factmark::model::{Span, Tag};
use factmark::ui::{FactmarkApp, Launch};

use crate::common::harness;

/// Every case-insensitive occurrence of an ASCII `needle` in the default article.
fn occurrences(harness: &Harness<'_, FactmarkApp>, needle: &str) -> Vec<Span> {
    let text = harness.state().session().article().text().to_lowercase();
    text.match_indices(needle)
        .map(|(start, found)| Span::new(start, start + found.len()))
        .collect()
}

fn open_find_and_type(harness: &mut Harness<'_, FactmarkApp>, query: &str) {
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run_ok();
    harness.get_by_label("Find").type_text(query);
    harness.run_ok();
}

#[test]
fn find_steps_through_matches_and_the_match_can_be_tagged() {
    let mut harness = harness(Launch::default());
    let expected = occurrences(&harness, "political prisoners");
    assert_eq!(expected.len(), 5, "the default article's occurrences");

    open_find_and_type(&mut harness, "political prisoners");
    assert_eq!(
        harness.state().selection(),
        Some(expected[0]),
        "typing jumps to the first"
    );
    assert!(
        harness.query_by_label("1 of 5").is_some(),
        "the bar counts matches"
    );

    // Enter steps forward and keeps typing in the field; Shift+Enter steps back.
    harness.key_press(Key::Enter);
    harness.run_ok();
    assert_eq!(harness.state().selection(), Some(expected[1]));
    harness.key_press(Key::Enter);
    harness.run_ok();
    assert_eq!(harness.state().selection(), Some(expected[2]));
    harness.key_press_modifiers(Modifiers::SHIFT, Key::Enter);
    harness.run_ok();
    assert_eq!(harness.state().selection(), Some(expected[1]));
    assert!(harness.query_by_label("2 of 5").is_some());
    // Digits typed now go to the field, not to tagging.
    assert!(harness.state().session().annotations().is_empty());

    // Esc closes the bar but keeps the match selected; 2 tags it.
    harness.key_press(Key::Escape);
    harness.run_ok();
    assert!(
        harness.query_by_label("Find").is_none(),
        "the bar is closed"
    );
    assert_eq!(harness.state().selection(), Some(expected[1]));
    harness.key_press(Key::Num2);
    harness.run_ok();
    let session = harness.state().session();
    assert_eq!(session.annotations().len(), 1);
    assert_eq!(session.annotations()[0].body.tag, Tag::Statistic);
    assert_eq!(session.annotations()[0].span, expected[1]);

    // F3 keeps stepping from the tagged annotation without the field, wrapping at the end.
    for step in [2, 3, 4, 0] {
        harness.key_press(Key::F3);
        harness.run_ok();
        assert_eq!(
            harness.state().selection(),
            Some(expected[step]),
            "F3 to {step}"
        );
        harness.key_press(Key::Escape); // leave the reopened field, keep the selection
        harness.run_ok();
    }
}

#[test]
fn no_match_says_so_and_selects_nothing_and_case_can_matter() {
    let mut harness = harness(Launch::default());
    // Typing "pe" selects its first match; going on to "per cent", which is not in the
    // article, drops that stale partial match, so Esc then 2 tags nothing.
    open_find_and_type(&mut harness, "pe");
    assert!(harness.state().selection().is_some());
    harness.get_by_label("Find").type_text("r cent");
    harness.run_ok();
    assert!(harness.query_by_label("No matches").is_some());
    assert_eq!(harness.state().selection(), None);
    harness.key_press(Key::Escape);
    harness.run_ok();
    harness.key_press(Key::Num2);
    harness.run_ok();
    assert!(harness.state().session().annotations().is_empty());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run_ok();

    // "Political Prisoners" (capitalised) occurs once: with Match case, only it is found.
    let capitalised = occurrences(&harness, "political prisoners")
        .into_iter()
        .find(|span| {
            span.slice(harness.state().session().article().text()) == Some("Political Prisoners")
        })
        .expect("a capitalised occurrence");
    harness.get_by_label("Match case").click();
    harness.run_ok();
    // Ctrl+F again focuses the field with its text selected: typing replaces the query.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run_ok();
    harness
        .get_by_label("Find")
        .type_text("Political Prisoners");
    harness.run_ok();
    assert_eq!(harness.state().selection(), Some(capitalised));
    assert!(harness.query_by_label("1 of 1").is_some());
}

#[test]
fn ctrl_f_fills_the_field_with_a_short_selection() {
    let mut harness = harness(Launch::default());
    crate::common::select_phrase(&mut harness, "political prisoners");
    let first = harness.state().selection().expect("selected");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run_ok();
    // The query is the selection, selected in the field: typing replaces it.
    assert_eq!(
        harness.get_by_label("Find").value().as_deref(),
        Some("political prisoners")
    );
    harness
        .get_by_label("Find")
        .type_text("political prisoners");
    harness.run_ok();
    assert_eq!(
        harness.get_by_label("Find").value().as_deref(),
        Some("political prisoners")
    );
    // Enter goes to the next occurrence after the selection.
    harness.key_press(Key::Enter);
    harness.run_ok();
    let next = harness.state().selection().expect("a match");
    assert!(next.start > first.start, "{next:?} after {first:?}");
    assert_eq!(
        next.slice(harness.state().session().article().text())
            .map(str::to_lowercase)
            .as_deref(),
        Some("political prisoners")
    );
}

#[test]
fn in_a_narrow_window_the_find_bar_wraps_and_the_article_stays_left_of_the_side_panel() {
    let mut harness = harness(Launch::default());
    harness.set_size(egui::Vec2::new(800.0, 500.0));
    harness.run_ok();
    open_find_and_type(&mut harness, "prisoners");
    let side_panel = harness.get_by_label("Inspector").rect().left();
    let close = harness.get_by_label("Close").rect();
    assert!(close.right() < side_panel, "{close:?} under the side panel");
    // Every paragraph laid out on screen wraps inside the central panel.
    let text = harness.state().session().article().text();
    let whole = Span::new(0, text.len());
    let rects = harness.state().screen_rects(whole);
    assert!(!rects.is_empty());
    for rect in rects {
        assert!(
            rect.right() < side_panel,
            "{rect:?} runs under the side panel"
        );
    }
}

/// On a long article the first keystroke selects the first match at once and the count
/// fills in over the next frames ("1 of 40+"), so no keystroke waits for a pass over the
/// whole text; once the search is through, the count is exact and stepping wraps as usual.
#[test]
fn a_long_article_is_searched_a_few_frames_at_a_time() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.txt");
    let text = factmark::testing::article_text(3_000_000);
    std::fs::write(&path, &text).unwrap();
    let mut harness = harness(Launch {
        path: Some(path),
        ..Launch::default()
    });
    crate::common::settle(&mut harness);
    let article = harness.state().session().article().clone();
    let every = article.folded().find("minsk");
    assert!(every.len() > 100, "the generated text repeats the article");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run_ok();
    harness.get_by_label("Find").type_text("minsk");
    // One frame: the keystroke's.
    harness.step();
    assert_eq!(
        harness.state().selection(),
        Some(every[0]),
        "the first match is selected in the keystroke's frame"
    );
    let counting = harness
        .query_all_by(|node| {
            node.value().is_some_and(|text| {
                text.ends_with("+ matches") || text.starts_with("1 of ") && text.ends_with('+')
            })
        })
        .next()
        .is_some();
    assert!(counting, "the count says it is still counting");
    // The next frames finish the search without further input.
    harness.run_ok();
    let count = format!("1 of {}", every.len());
    assert!(
        harness.query_by_label(&count).is_some(),
        "the exact count once searched: {count}"
    );
    harness.key_press_modifiers(Modifiers::SHIFT, Key::Enter);
    harness.run_ok();
    assert_eq!(
        harness.state().selection(),
        every.last().copied(),
        "Shift+Enter wraps to the last match"
    );
}
