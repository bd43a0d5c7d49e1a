//! UI tests on one huge paragraph (a 2 MB article without a single line break, with 5,000
//! annotations in it): the view must lay it out in chunks of a few KB, never whole, and
//! selecting, tagging and Shift+click must work across the chunk boundaries.

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use egui::{Key, Modifiers, Pos2, Rect, Vec2};
use egui_kittest::Harness;
use factmark::model::{Article, Session, Span, Tag};
use factmark::testing::{self, DocSize};
use factmark::ui::{Action, FactmarkApp, Launch};

const WINDOW: Vec2 = Vec2::new(1280.0, 800.0);
/// Far more than a screenful, far less than the paragraph: what "a few KB" is held to.
const MOST_LAID_OUT: usize = 8 * 1024;
const ANNOTATIONS: usize = 5_000;

/// The generated 2 MB document with its line breaks turned into spaces (same byte offsets, so
/// the generated annotations stay valid): one paragraph holding every annotation.
fn one_paragraph_session() -> Session {
    let generated = testing::session(DocSize {
        name: "2 MB / 5000",
        text_bytes: 2_000_000,
        annotations: ANNOTATIONS,
    });
    let text = generated.article().text().replace('\n', " ");
    let article = Arc::new(Article::new("One huge paragraph", None, text));
    Session::with_annotations(article, generated.annotations().to_vec()).expect("valid spans")
}

fn huge_harness(dir: &Path) -> Harness<'static, FactmarkApp> {
    let path = dir.join("huge.ron");
    factmark::store::save(&one_paragraph_session(), &path).expect("saved");
    let harness = crate::common::harness(Launch {
        path: Some(path),
        ..Launch::default()
    });
    let app = harness.state();
    assert!(app.errors().is_empty(), "{:?}", app.errors());
    assert_eq!(app.session().article().paragraphs().len(), 1);
    assert_eq!(app.session().annotations().len(), ANNOTATIONS);
    harness
}

/// The article's visible part: left of the side panel, between menu and status bars.
fn article_area() -> Rect {
    Rect::from_min_max(
        Pos2::new(0.0, 20.0),
        Pos2::new(WINDOW.x - 240.0, WINDOW.y - 20.0),
    )
}

/// Checks the last frame laid out only a few KB, in pieces of at most [`MOST_LAID_OUT`]
/// bytes, and returns those pieces sorted.
fn laid_out_is_bounded(harness: &Harness<'_, FactmarkApp>) -> Vec<Range<usize>> {
    let mut laid_out = harness.state().laid_out_last_frame().to_vec();
    assert!(!laid_out.is_empty(), "the article was drawn");
    let largest = laid_out.iter().map(ExactSizeIterator::len).max();
    assert!(
        largest <= Some(MOST_LAID_OUT),
        "laid out {largest:?} bytes at once; the paragraph is {}",
        harness.state().session().article().text().len()
    );
    let total: usize = laid_out.iter().map(ExactSizeIterator::len).sum();
    assert!(
        total <= 16 * MOST_LAID_OUT,
        "laid out {total} bytes in a frame"
    );
    laid_out.sort_by_key(|r| r.start);
    laid_out.dedup();
    laid_out
}

fn wheel(harness: &mut Harness<'_, FactmarkApp>, delta_y: f32) {
    harness.hover_at(article_area().center());
    harness.step();
    harness.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: Vec2::new(0.0, delta_y),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
        modifiers: Modifiers::NONE,
    });
    // egui spreads a wheel notch over a few frames.
    for _ in 0..20 {
        harness.step();
        laid_out_is_bounded(harness);
    }
}

/// Whole space-separated alphabetic words of `text` in `range`.
fn words(text: &str, range: Range<usize>) -> Vec<Span> {
    let mut words = Vec::new();
    let mut start = range.start;
    for (i, c) in text[range.clone()].char_indices() {
        let i = range.start + i;
        if c == ' ' {
            let word = &text[start..i];
            if !word.is_empty() && word.chars().all(char::is_alphabetic) {
                words.push(Span::new(start, i));
            }
            start = i + 1;
        }
    }
    words
}

/// On screen, well inside the article area, with a single row.
fn shown(harness: &Harness<'_, FactmarkApp>, span: Span) -> Option<Rect> {
    let rects = harness.state().screen_rects(span);
    (rects.len() == 1 && article_area().shrink(40.0).contains_rect(rects[0])).then(|| rects[0])
}

/// Two words two words apart on either side of a boundary between two chunks of the paragraph,
/// both on screen: scrolls down until there is such a pair.
fn words_around_a_chunk_boundary(harness: &mut Harness<'_, FactmarkApp>) -> (Span, Span, usize) {
    let text = harness.state().session().article().text().to_owned();
    for _ in 0..30 {
        let laid_out = laid_out_is_bounded(harness);
        for pair in laid_out.windows(2) {
            let boundary = pair[0].end;
            if boundary != pair[1].start {
                continue;
            }
            let before = words(&text, pair[0].start.max(boundary - 200)..boundary);
            let after = words(&text, boundary..pair[1].end.min(boundary + 200));
            // The first of `before` may be the tail of a word cut at the range's start.
            if before.len() < 4 || after.len() < 3 {
                continue;
            }
            let (from, to) = (before[before.len() - 3], after[2]);
            if shown(harness, from).is_some() && shown(harness, to).is_some() {
                return (from, to, boundary);
            }
        }
        wheel(harness, -250.0);
    }
    panic!("no chunk boundary came on screen");
}

#[test]
fn one_huge_paragraph_is_laid_out_in_chunks_and_a_drag_across_two_tags_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = huge_harness(dir.path());
    let pieces = laid_out_is_bounded(&harness);
    assert!(
        pieces[0].start == 0,
        "the top of the article is drawn first"
    );

    // Jump deep into the paragraph (what clicking a list row does): drawn within two frames,
    // still laying out only a few KB.
    let target = harness.state().session().annotations()[ANNOTATIONS * 4 / 5].clone();
    let ctx = harness.ctx.clone();
    harness.state_mut().perform(&ctx, Action::Select(target.id));
    let frames = (1..=3)
        .find(|_| {
            harness.step();
            laid_out_is_bounded(&harness);
            harness
                .state()
                .screen_rects(target.span)
                .first()
                .is_some_and(|r| article_area().contains_rect(*r))
        })
        .expect("the annotation deep in the paragraph came into view");
    assert!(frames <= 2, "took {frames} frames");
    harness.run_ok();
    harness.key_press(Key::Escape);
    harness.run_ok();

    // Drag from a word in one chunk to a word in the next.
    let (from, to, boundary) = words_around_a_chunk_boundary(&mut harness);
    let (Some(a), Some(b)) = (shown(&harness, from), shown(&harness, to)) else {
        unreachable!("checked on screen");
    };
    crate::common::drag(
        &mut harness,
        a.left_center() + Vec2::new(4.0, 0.0),
        b.right_center() - Vec2::new(4.0, 0.0),
    );
    let text = harness.state().session().article().text().to_owned();
    let expected = &text[from.start..to.end];
    assert!(from.end < boundary && boundary < to.start);
    assert_eq!(harness.state().selection_text(), Some(expected));

    harness.key_press(Key::Num2);
    harness.run_ok();
    let session = harness.state().session();
    assert_eq!(session.annotations().len(), ANNOTATIONS + 1);
    let added = session
        .annotations()
        .iter()
        .find(|a| a.id.0 == ANNOTATIONS as u64 + 1)
        .expect("tagged");
    assert_eq!(added.body.tag, Tag::Statistic);
    assert_eq!(session.text_of(added), expected);
    laid_out_is_bounded(&harness);

    // The new highlight is drawn on both sides of the boundary.
    let rects = harness.state().screen_rects(added.span);
    assert!(rects.len() >= 2, "{rects:?}");
}

#[test]
fn shift_click_extends_a_selection_into_the_next_chunk() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = huge_harness(dir.path());
    let (from, to, _) = words_around_a_chunk_boundary(&mut harness);
    let text = harness.state().session().article().text().to_owned();

    // Double-click a word before the boundary, Shift+click one after it.
    let a = shown(&harness, from).expect("on screen").center();
    let b = shown(&harness, to).expect("on screen").center();
    crate::common::click_at(&mut harness, a);
    crate::common::click_at(&mut harness, a);
    harness.run_ok();
    assert_eq!(harness.state().selection_text(), Some(&text[from.range()]));

    harness.hover_at(b);
    harness.step();
    for pressed in [true, false] {
        harness.event_modifiers(
            egui::Event::PointerButton {
                pos: b,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: Modifiers::SHIFT,
            },
            Modifiers::SHIFT,
        );
        harness.step();
    }
    harness.run_ok();
    assert_eq!(
        harness.state().selection_text(),
        Some(&text[from.start..to.end])
    );
    laid_out_is_bounded(&harness);
}
