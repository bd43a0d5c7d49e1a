//! Suggestions in the window (issue 14): found on opening the default article, stepped with
//! `]` / `[`, accepted with `A` (the speaker fills the claimant) or a tag key, adjusted with
//! Shift+Arrow before accepting, rejected with `X` (saved in the session), all of one tag at
//! once as one undo step; undo and redo of each; a reload keeps rejections. Each test drives
//! the real app and asserts on the session.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use factmark::model::{Span, Tag};
use factmark::suggest::Suggestion;
use factmark::ui::{FactmarkApp, Launch};

use crate::common::{harness, press, settle, temp_session_path};

fn key(harness: &mut Harness<'static, FactmarkApp>, key: Key) {
    press(harness, Modifiers::NONE, key);
}

fn undo(harness: &mut Harness<'static, FactmarkApp>) {
    press(harness, Modifiers::COMMAND, Key::Z);
}

fn redo(harness: &mut Harness<'static, FactmarkApp>) {
    press(harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
}

fn current(harness: &Harness<'static, FactmarkApp>) -> Suggestion {
    harness
        .state()
        .current_suggestion()
        .expect("a suggestion is current")
}

fn is_pending(harness: &Harness<'static, FactmarkApp>, suggestion: &Suggestion) -> bool {
    harness
        .state()
        .pending_suggestions()
        .expect("suggestions found")
        .position(suggestion)
        .is_some()
}

fn pending_count(harness: &Harness<'static, FactmarkApp>, tag: Tag) -> usize {
    harness
        .state()
        .pending_suggestions()
        .expect("suggestions found")
        .count(tag)
}

/// Steps with `]` until the current suggestion satisfies `wanted` (at most 200 presses).
fn step_to(
    harness: &mut Harness<'static, FactmarkApp>,
    wanted: impl Fn(&Suggestion) -> bool,
) -> Suggestion {
    for _ in 0..200 {
        key(harness, Key::CloseBracket);
        let now = current(harness);
        assert_eq!(
            harness.state().selection(),
            Some(now.span),
            "the current suggestion is the selection"
        );
        if wanted(&now) {
            return now;
        }
    }
    panic!("no such suggestion");
}

fn annotation_over(
    harness: &Harness<'static, FactmarkApp>,
    span: Span,
) -> Option<factmark::model::Annotation> {
    harness
        .state()
        .session()
        .annotations()
        .iter()
        .find(|a| a.span == span)
        .cloned()
}

#[test]
fn suggestions_are_found_on_opening_and_stepped_in_document_order() {
    let mut harness = harness(Launch::default());
    let pending = harness
        .state()
        .pending_suggestions()
        .expect("found at once");
    let total = pending.len();
    assert!(total > 20, "the default article has many: {total}");
    let first = pending.get(0).unwrap().clone();
    let second = pending.get(1).unwrap().clone();
    // Nothing is accepted without the analyst.
    assert!(harness.state().session().annotations().is_empty());

    key(&mut harness, Key::CloseBracket);
    assert_eq!(current(&harness), first);
    assert_eq!(harness.state().selection(), Some(first.span));
    key(&mut harness, Key::J);
    assert_eq!(current(&harness), second, "J is ] too");
    key(&mut harness, Key::OpenBracket);
    assert_eq!(current(&harness), first, "[ goes back");
    key(&mut harness, Key::K);
    let last = harness
        .state()
        .pending_suggestions()
        .unwrap()
        .get(total - 1)
        .unwrap()
        .clone();
    assert_eq!(
        current(&harness),
        last,
        "K before the first wraps to the last"
    );
    assert!(
        harness
            .state()
            .status_info()
            .unwrap()
            .contains("to the last")
    );
    // `]` opened the Suggestions list: one row per suggestion on screen.
    assert!(harness.query_all_by_label_contains("Suggested ").count() >= 5);
    // Esc leaves nothing current; ] goes on from where it was.
    key(&mut harness, Key::Escape);
    assert!(harness.state().current_suggestion().is_none());
    key(&mut harness, Key::CloseBracket);
    assert_eq!(current(&harness), first);
    assert!(harness.state().session().annotations().is_empty());

    // Edit › Suggest finds them again and says how many.
    harness.get_by_label("Edit").click();
    harness.run_ok();
    harness.get_by_label("Suggest").click();
    harness.run_ok();
    settle(&mut harness);
    let said = harness.state().status_info().unwrap_or_default().to_owned();
    assert!(
        said.starts_with(&format!("{total} suggestions (")),
        "{said}"
    );
    assert_eq!(harness.state().pending_suggestions().unwrap().len(), total);
}

#[test]
fn a_accepts_with_the_speaker_and_undo_brings_the_suggestion_back() {
    let mut harness = harness(Launch::default());
    let quote = step_to(&mut harness, |s| {
        s.tag() == Tag::Quote && s.speaker.is_some()
    });
    let speaker = quote.speaker.clone().unwrap();
    let quotes_before = pending_count(&harness, Tag::Quote);
    key(&mut harness, Key::A);
    let added = annotation_over(&harness, quote.span).expect("accepted as an annotation");
    assert_eq!(added.body.tag, Tag::Quote);
    assert_eq!(
        added.body.claimant, speaker,
        "the speaker fills the claimant"
    );
    assert!(!added.body.analyst.is_empty(), "signed");
    assert_eq!(
        harness.state().selected(),
        Some(added.id),
        "ready for a note"
    );
    assert!(!is_pending(&harness, &quote));
    assert_eq!(pending_count(&harness, Tag::Quote), quotes_before - 1);

    undo(&mut harness);
    assert!(annotation_over(&harness, quote.span).is_none());
    assert!(
        is_pending(&harness, &quote),
        "undo brings the suggestion back"
    );
    assert_eq!(current(&harness), quote, "and makes it current again");
    redo(&mut harness);
    assert_eq!(
        annotation_over(&harness, quote.span).map(|a| a.body.claimant.clone()),
        Some(speaker)
    );
    assert!(!is_pending(&harness, &quote));

    // ] goes on after the accepted one.
    key(&mut harness, Key::CloseBracket);
    let next = current(&harness);
    assert!(next.span.start >= quote.span.start && next != quote);
}

#[test]
fn a_tag_key_accepts_as_that_tag_and_shift_arrows_adjust_first() {
    let mut harness = harness(Launch::default());
    let statistic = step_to(&mut harness, |s| s.tag() == Tag::Statistic);
    key(&mut harness, Key::Num1);
    let claim = annotation_over(&harness, statistic.span).expect("accepted");
    assert_eq!(claim.body.tag, Tag::Claim, "1 accepts it as a claim");

    // The next statistic, shrunk by a word at its end before accepting.
    let next = step_to(&mut harness, |s| s.tag() == Tag::Statistic);
    press(
        &mut harness,
        Modifiers::COMMAND | Modifiers::SHIFT,
        Key::ArrowLeft,
    );
    let shrunk = harness.state().selection().expect("still selected");
    assert!(shrunk.start == next.span.start && shrunk.end < next.span.end);
    assert_eq!(current(&harness), next, "still the current suggestion");
    key(&mut harness, Key::A);
    let added = annotation_over(&harness, shrunk).expect("accepted over the adjusted span");
    assert_eq!(added.body.tag, Tag::Statistic);
    assert!(
        !is_pending(&harness, &next),
        "an overlapping annotation decides it"
    );
}

#[test]
fn x_rejects_into_the_session_and_goes_to_the_next() {
    let mut harness = harness(Launch::default());
    key(&mut harness, Key::CloseBracket);
    let rejected = current(&harness);
    key(&mut harness, Key::X);
    let session = harness.state().session();
    assert!(session.is_rejected(rejected.tag(), rejected.span));
    assert!(session.annotations().is_empty(), "rejecting adds nothing");
    assert!(
        harness.state().is_dirty(),
        "a rejection is a change to save"
    );
    let next = current(&harness);
    assert_ne!(next, rejected, "X went on to the next");
    assert!(!is_pending(&harness, &rejected));

    undo(&mut harness);
    assert!(
        !harness
            .state()
            .session()
            .is_rejected(rejected.tag(), rejected.span)
    );
    assert!(is_pending(&harness, &rejected), "undo brings it back");
    assert_eq!(current(&harness), rejected);
    redo(&mut harness);
    assert!(
        harness
            .state()
            .session()
            .is_rejected(rejected.tag(), rejected.span)
    );

    // With the mouse: the Reject button beside the current suggestion.
    let by_mouse = current(&harness);
    harness.get_by_label("Reject (X)").click();
    harness.run_ok();
    assert!(
        harness
            .state()
            .session()
            .is_rejected(by_mouse.tag(), by_mouse.span)
    );
    assert_eq!(harness.state().session().rejections().len(), 2);
}

#[test]
fn accept_all_and_reject_all_of_one_tag_are_one_undo_step_each() {
    let mut harness = harness(Launch::default());
    let statistics = pending_count(&harness, Tag::Statistic);
    assert!(statistics >= 3);
    step_to(&mut harness, |s| s.tag() == Tag::Statistic);
    press(&mut harness, Modifiers::SHIFT, Key::A);
    let session = harness.state().session();
    let accepted = session.counts()[Tag::Statistic.index()];
    assert!(accepted > 0 && accepted <= statistics, "{accepted}");
    assert_eq!(session.annotations().len(), accepted, "only statistics");
    assert_eq!(pending_count(&harness, Tag::Statistic), 0);
    assert!(
        pending_count(&harness, Tag::Claim) > 0,
        "other tags untouched"
    );
    undo(&mut harness);
    assert!(
        harness.state().session().annotations().is_empty(),
        "one undo takes them all back"
    );
    assert_eq!(pending_count(&harness, Tag::Statistic), statistics);
    redo(&mut harness);
    assert_eq!(harness.state().session().annotations().len(), accepted);
    undo(&mut harness);

    // The list's Reject all for quotes: one step too.
    let quotes = pending_count(&harness, Tag::Quote);
    harness.get_by_label("Suggestions").click();
    harness.run_ok();
    let buttons = harness.get_all_by_label("Reject all").collect::<Vec<_>>();
    assert_eq!(buttons.len(), 3, "one per tag");
    buttons[Tag::Quote.index()].click();
    harness.run_ok();
    let session = harness.state().session();
    assert_eq!(session.rejections().len(), quotes);
    assert!(session.rejections().iter().all(|r| r.tag == Tag::Quote));
    assert_eq!(pending_count(&harness, Tag::Quote), 0);
    undo(&mut harness);
    assert!(harness.state().session().rejections().is_empty());
    assert_eq!(pending_count(&harness, Tag::Quote), quotes);
}

#[test]
fn a_click_on_a_row_or_on_suggested_text_makes_it_current() {
    let mut harness = harness(Launch::default());
    harness.get_by_label("Suggestions").click();
    harness.run_ok();
    let text = harness.state().session().article().text().to_owned();
    let start = text.find("14 political prisoners").unwrap();
    let span = Span::new(start, start + "14 political prisoners".len());
    harness
        .get_by_label("Suggested statistic: 14 political prisoners")
        .click();
    harness.run_ok();
    assert_eq!(
        harness.state().current_suggestion().map(|s| s.span),
        Some(span),
        "{:?}",
        harness.state().status_info()
    );
    key(&mut harness, Key::Escape);
    assert!(harness.state().current_suggestion().is_none());
    // A click on the words themselves: the shortest suggestion over them.
    let words = Span::new(start + 3, span.end);
    let on = harness.state().screen_rects(words)[0].center();
    crate::common::click_at(&mut harness, on);
    harness.run_ok();
    assert_eq!(current(&harness).span, span);
    // Again: the next suggestion over that place, the sentence around it.
    crate::common::click_at(&mut harness, on);
    harness.run_ok();
    let sentence = current(&harness).span;
    assert!(
        sentence.start < span.start && sentence.end > span.end,
        "{sentence:?}"
    );
}

#[test]
fn view_show_suggestions_hides_them_and_the_keys_bring_them_back() {
    let mut harness = harness(Launch::default());
    harness.get_by_label("View").click();
    harness.run_ok();
    harness.get_by_label("Show suggestions").click();
    harness.run_ok();
    key(&mut harness, Key::Escape);
    assert!(harness.state().status_info().unwrap().contains("hidden"));
    // Hidden, a suggestion's exact text selected by hand is no current suggestion: A does
    // nothing, and 2 tags it plainly.
    crate::common::select_phrase(&mut harness, "14 political prisoners");
    assert!(harness.state().current_suggestion().is_none());
    key(&mut harness, Key::A);
    assert!(harness.state().session().annotations().is_empty());
    assert!(
        harness
            .state()
            .status_info()
            .unwrap()
            .contains("No suggestion is current")
    );
    key(&mut harness, Key::Escape);
    // ] shows them again and steps.
    key(&mut harness, Key::CloseBracket);
    settle(&mut harness);
    key(&mut harness, Key::CloseBracket);
    assert!(harness.state().current_suggestion().is_some());
    // Shown, the same selection is the statistic suggestion.
    key(&mut harness, Key::Escape);
    crate::common::select_phrase(&mut harness, "14 political prisoners");
    assert_eq!(current(&harness).tag(), Tag::Statistic);
}

#[test]
fn a_spinner_shows_while_a_long_article_is_searched_and_the_window_keeps_working() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.txt");
    std::fs::write(&path, factmark::testing::article_text(1_000_000)).unwrap();
    let mut harness = crate::common::started(Launch {
        path: Some(path),
        ..Launch::default()
    });
    // The file opens on a worker; the suggestions are looked for after it is in.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while harness.state().is_busy() {
        assert!(std::time::Instant::now() < deadline);
        harness.step();
    }
    assert!(harness.state().session().article().text().len() >= 1_000_000);
    assert!(
        harness.state().is_suggesting(),
        "a megabyte takes a debug build longer than a frame"
    );
    harness.get_by_label("Suggestions").click();
    harness.step();
    harness.step();
    let finding =
        |h: &Harness<'static, FactmarkApp>| h.query_all_by_label("Finding suggestions…").count();
    assert!(finding(&harness) > 0, "the list says it is looking");
    // The keys still work meanwhile, and say why there is nothing to step to yet.
    harness.key_press(Key::CloseBracket);
    harness.step();
    harness.step();
    if harness.state().is_suggesting() {
        let said = harness.state().status_info().unwrap_or_default();
        assert!(said.contains("Still finding"), "{said}");
    }
    settle(&mut harness);
    assert_eq!(finding(&harness), 0);
    assert!(harness.state().pending_suggestions().unwrap().len() > 1_000);
}

#[test]
fn save_and_reload_keep_rejections_and_accepted_suggestions() {
    let (_dir, path) = temp_session_path("suggested.ron");
    let mut harness = harness(Launch {
        session_out: Some(path.clone()),
        ..Launch::default()
    });
    key(&mut harness, Key::CloseBracket);
    let rejected = current(&harness);
    key(&mut harness, Key::X);
    let accepted = current(&harness);
    key(&mut harness, Key::A);
    press(&mut harness, Modifiers::COMMAND, Key::S);
    settle(&mut harness);
    assert!(
        !harness.state().is_dirty(),
        "{:?}",
        harness.state().errors()
    );
    drop(harness);

    let reopened = crate::common::harness(Launch {
        path: Some(path.clone()),
        ..Launch::default()
    });
    let app = reopened.state();
    assert!(app.errors().is_empty(), "{:?}", app.errors());
    assert!(app.session().is_rejected(rejected.tag(), rejected.span));
    let pending = app
        .pending_suggestions()
        .expect("found for the reopened session");
    assert!(
        pending.position(&rejected).is_none(),
        "the rejected suggestion does not come back"
    );
    assert!(
        pending.position(&accepted).is_none(),
        "nor the accepted one"
    );
    assert!(
        app.session()
            .annotations()
            .iter()
            .any(|a| a.span == accepted.span && a.body.tag == accepted.tag())
    );
    // The file itself holds the rejection.
    let loaded = factmark::store::load(&path).expect("loads");
    assert!(loaded.is_rejected(rejected.tag(), rejected.span));
}
