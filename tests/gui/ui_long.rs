//! UI tests on a long generated document (500 KB, 2,000 annotations): the article view lays
//! out only what is on screen, so these check that jumping from the list, scrolling, selecting,
//! tagging and undo all work far from the top, without laying out the whole article.

use crate::common;

use std::path::Path;

use egui::{Key, Modifiers, Pos2, Rect, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use factmark::model::words::floor_boundary;
use factmark::model::{Annotation, Span, Tag};
use factmark::testing;
use factmark::ui::{FactmarkApp, Launch};

const WINDOW: Vec2 = Vec2::new(1280.0, 800.0);

/// The app on a saved 500 KB / 2,000-annotation session.
fn long_harness(dir: &Path) -> Harness<'static, FactmarkApp> {
    let path = dir.join("long.ron");
    factmark::store::save(&testing::session(testing::MEDIUM), &path).expect("saved");
    let harness = crate::common::harness(Launch {
        path: Some(path),
        ..Launch::default()
    });
    assert!(
        harness.state().errors().is_empty(),
        "{:?}",
        harness.state().errors()
    );
    assert_eq!(harness.state().session().annotations().len(), 2_000);
    harness
}

/// The article's visible part: left of the side panel, between menu and status bars.
fn article_area() -> Rect {
    Rect::from_min_max(
        Pos2::new(0.0, 20.0),
        Pos2::new(WINDOW.x - 240.0, WINDOW.y - 20.0),
    )
}

fn on_screen(harness: &Harness<'_, FactmarkApp>, span: Span) -> Option<Rect> {
    let rects = harness.state().screen_rects(span);
    let first = *rects.first()?;
    article_area().contains_rect(first).then_some(first)
}

/// Filters the list down to `target` (by the `[n<id>]` marker in its note) and clicks its row.
/// Returns the number of frames after the click frame until it was on screen.
fn click_list_row(harness: &mut Harness<'_, FactmarkApp>, target: &Annotation) -> usize {
    harness.get_by_label("Filter").click();
    harness.run_ok();
    harness
        .get_by_label("Filter")
        .type_text(&format!("[n{}]", target.id.0));
    harness.run_ok();
    let excerpt: String = harness
        .state()
        .session()
        .text_of(target)
        .chars()
        .take(120)
        .collect();
    harness
        .get_by_label(&format!("{}: {excerpt}", target.body.tag.label()))
        .click();
    harness.step(); // the frame that sees the click and selects the annotation
    assert_eq!(harness.state().selected(), Some(target.id));
    for frame in 1..=5 {
        harness.step();
        if on_screen(harness, target.span).is_some() {
            return frame;
        }
    }
    panic!("the annotation never came into view");
}

/// The document's last annotation (at the very end of the article).
fn last_annotation(harness: &Harness<'_, FactmarkApp>) -> Annotation {
    let annotations = harness.state().session().annotations();
    annotations.last().expect("annotations").clone()
}

/// The long document with its last annotation's list row clicked (so it is on screen).
fn at_last_annotation(dir: &Path) -> (Harness<'static, FactmarkApp>, Annotation) {
    let mut harness = long_harness(dir);
    let last = last_annotation(&harness);
    click_list_row(&mut harness, &last);
    harness.run_ok();
    (harness, last)
}

#[test]
fn list_row_jumps_to_the_last_annotation_within_two_frames() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = long_harness(dir.path());
    let last = last_annotation(&harness);
    assert!(
        harness.state().screen_rects(last.span).is_empty(),
        "the end of the article is not laid out at the start"
    );
    let frames = click_list_row(&mut harness, &last);
    assert!(frames <= 2, "took {frames} frames");
    // And it stays there (no drift once the jump has settled).
    let rect = on_screen(&harness, last.span).expect("on screen");
    harness.run_ok();
    let settled = on_screen(&harness, last.span).expect("still on screen");
    assert!(
        (settled.top() - rect.top()).abs() < 3.0,
        "{settled:?} vs {rect:?}"
    );
}

#[test]
fn select_tag_and_undo_far_down_the_article() {
    let dir = tempfile::tempdir().unwrap();
    let (mut harness, last) = at_last_annotation(dir.path());
    harness.key_press(Key::Escape);
    harness.run_ok();

    // Three plain words on one row, on screen, near the annotation.
    let text = harness.state().session().article().text().to_owned();
    let phrase = visible_words(&harness, &text, last.span.start).expect("three words on screen");
    let rects = harness.state().screen_rects(phrase);
    let (from, to) = (
        rects[0].left_center() + Vec2::new(4.0, 0.0),
        rects[rects.len() - 1].right_center() - Vec2::new(4.0, 0.0),
    );
    common::drag(&mut harness, from, to);
    assert_eq!(
        harness.state().selection_text(),
        Some(&text[phrase.range()])
    );

    harness.key_press(Key::Num2);
    harness.run_ok();
    let session = harness.state().session();
    assert_eq!(session.annotations().len(), 2_001);
    let added = session
        .annotations()
        .iter()
        .find(|a| a.span == phrase && a.body.tag == Tag::Statistic)
        .expect("tagged");
    assert_eq!(added.id.0, 2_001);
    // Tagging did not move the text.
    let after = harness.state().screen_rects(phrase);
    assert!(
        (after[0].top() - rects[0].top()).abs() < 1.0,
        "{after:?} vs {rects:?}"
    );

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    assert_eq!(harness.state().session().annotations().len(), 2_000);
    assert!(
        harness
            .state()
            .session()
            .annotations()
            .iter()
            .all(|a| a.span != phrase)
    );
    let after_undo = harness.state().screen_rects(phrase);
    assert!((after_undo[0].top() - rects[0].top()).abs() < 1.0);
}

#[test]
fn scrolling_up_into_unmeasured_paragraphs_keeps_the_text_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let (mut harness, last) = at_last_annotation(dir.path());
    let start = on_screen(&harness, last.span).expect("on screen");
    let over = article_area().center();
    // Up by 300 points: paragraphs above, never laid out, are measured on the way, and their
    // corrected heights must not shift what is on screen.
    common::wheel(&mut harness, over, 300.0);
    let moved = harness.state().screen_rects(last.span)[0];
    assert!(
        (moved.top() - start.top() - 300.0).abs() < 1.5,
        "moved by {} instead of 300",
        moved.top() - start.top()
    );
    // Further up and back down by the same amount: back where it was.
    for _ in 0..4 {
        common::wheel(&mut harness, over, 400.0);
    }
    for _ in 0..4 {
        common::wheel(&mut harness, over, -400.0);
    }
    common::wheel(&mut harness, over, -300.0);
    let back = on_screen(&harness, last.span).expect("back on screen");
    assert!(
        (back.top() - start.top()).abs() < 1.5,
        "{back:?} vs {start:?}"
    );
}

/// Three consecutive alphabetic words on one screen row, near byte `near`.
fn visible_words(harness: &Harness<'_, FactmarkApp>, text: &str, near: usize) -> Option<Span> {
    let mut words: Vec<Span> = Vec::new();
    let mut start = None;
    let lo = floor_boundary(text, near.saturating_sub(600));
    let hi = floor_boundary(text, (near + 600).min(text.len()));
    for (i, c) in text[lo..hi].char_indices() {
        let i = lo + i;
        match (c.is_alphabetic(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                words.push(Span::new(s, i));
                start = None;
            }
            _ => {}
        }
    }
    // The first may be the tail of a word cut at `lo`.
    words.windows(3).skip(1).find_map(|w| {
        let gaps_are_spaces =
            text[w[0].end..w[1].start] == *" " && text[w[1].end..w[2].start] == *" ";
        let phrase = Span::new(w[0].start, w[2].end);
        let rects = harness.state().screen_rects(phrase);
        (gaps_are_spaces && rects.len() == 1 && article_area().shrink(40.0).contains_rect(rects[0]))
            .then_some(phrase)
    })
}

#[test]
fn find_wraps_to_the_last_match_at_the_end_and_shows_it_within_two_frames() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = long_harness(dir.path());
    let text = harness.state().session().article().text();
    // ASCII lowercasing keeps byte offsets, so this is the last case-insensitive match.
    let last = text.to_ascii_lowercase().rfind("prisoners").unwrap();
    assert!(last > text.len() * 9 / 10, "a match near the end");
    let last = Span::new(last, last + "prisoners".len());

    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run_ok();
    harness.get_by_label("Find").type_text("prisoners");
    harness.run_ok();
    let first = harness.state().selection().expect("the first match");
    assert!(on_screen(&harness, first).is_some());

    // Shift+Enter from the first match wraps around to the last one.
    harness.key_press_modifiers(Modifiers::SHIFT, Key::Enter);
    harness.step(); // the frame that reads Enter and selects the match
    assert_eq!(harness.state().selection(), Some(last));
    let frames = (0..=5)
        .find(|_| {
            let shown = on_screen(&harness, last).is_some();
            if !shown {
                harness.step();
            }
            shown
        })
        .expect("the last match never came into view");
    assert!(frames <= 2, "took {frames} frames");
}
