//! The article view's place and looks (issue 11): a new file opens at its top and the same
//! file keeps its place, Tab moves the article only for a hidden annotation, the end is
//! reachable by End and the scroll bar, the selection toolbar never covers the selection,
//! zoom keeps the selection in view, light text fields have a border.

use std::path::{Path, PathBuf};

use egui::{Key, Modifiers, Pos2, Rect};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use factmark::model::Span;
use factmark::testing;
use factmark::ui::theme::contrast_ratio;
use factmark::ui::{FactmarkApp, Launch};

use crate::common::{self, click_at, drag, select_phrase};

/// The article's visible part in the 1280×800 window (left of the 340-point side panel,
/// between menu and status bars), a little inside its edges.
fn article_area() -> Rect {
    Rect::from_min_max(Pos2::new(0.0, 24.0), Pos2::new(930.0, 772.0))
}

/// Rows of `span` on screen in the last frame, if all of them are inside the article area.
fn fully_on_screen(harness: &Harness<'_, FactmarkApp>, span: Span) -> Option<Vec<Rect>> {
    let rows = harness.state().screen_rects(span);
    (!rows.is_empty() && rows.iter().all(|r| article_area().contains_rect(*r))).then_some(rows)
}

/// The first character of the article (its first paragraph, just under the title).
fn first_char(harness: &Harness<'_, FactmarkApp>) -> Span {
    let text = harness.state().session().article().text();
    let start = text.find(|c: char| !c.is_whitespace()).unwrap_or(0);
    Span::new(start, start + 1)
}

/// The article's last character.
fn last_char(harness: &Harness<'_, FactmarkApp>) -> Span {
    let text = harness.state().session().article().text().trim_end();
    let (start, c) = text.char_indices().last().expect("text");
    Span::new(start, start + c.len_utf8())
}

fn long_session(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    factmark::store::save(&testing::session(testing::MEDIUM), &path).expect("saved");
    path
}

/// An article whose height estimates for unlaid paragraphs fall well short at its end: they
/// come from the average character width of its start (narrow letters), and its last
/// paragraphs are set in wide capitals.
fn uneven_widths_session(dir: &Path) -> PathBuf {
    let paragraph = |word: &str, p: usize| vec![word; 60 + p % 40].join(" ");
    let paragraphs: Vec<String> = (0..120)
        .map(|p| paragraph(if p < 80 { "illicit" } else { "WMWMWM" }, p))
        .collect();
    let article = factmark::model::Article::new("Uneven widths", None, paragraphs.join("\n"));
    let session = factmark::model::Session::new(std::sync::Arc::new(article));
    let path = dir.join("uneven.ron");
    factmark::store::save(&session, &path).expect("saved");
    path
}

#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

fn drop_file(harness: &mut Harness<'_, FactmarkApp>, path: &Path) {
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(path.to_owned())));
    harness.run_ok();
    common::settle(harness);
    assert_eq!(harness.state().session_path(), Some(path));
}

/// A word of the article drawn near the middle of the view, and where.
fn word_in_view(harness: &Harness<'_, FactmarkApp>) -> (Span, Rect) {
    let text = harness.state().session().article().text();
    let mut at = 0;
    for word in text.split_inclusive(' ') {
        let span = Span::new(at, at + word.trim_end().len());
        at += word.len();
        if let Some(rows) = fully_on_screen(harness, span)
            && rows[0].top() > 300.0
        {
            return (span, rows[0]);
        }
    }
    panic!("no word in view");
}

#[test]
fn another_file_opens_at_its_top_and_the_same_file_keeps_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let (first, second) = (long_session(dir.path(), "a.ron"), dir.path().join("b.ron"));
    std::fs::copy("sessions/example.ron", &second).expect("copied");
    let mut harness = common::harness(Launch {
        path: Some(first.clone()),
        ..Launch::default()
    });
    crate::common::wheel(&mut harness, Pos2::new(450.0, 400.0), -6_000.0);
    assert!(fully_on_screen(&harness, first_char(&harness)).is_none());

    // Another file: its first line (under the title) is on screen, near the top.
    drop_file(&mut harness, &second);
    let rows = fully_on_screen(&harness, first_char(&harness)).expect("the top is shown");
    assert!(rows[0].top() < 250.0, "{rows:?}");

    // Back to the long one, scrolled down: reopening it keeps the text where it was.
    drop_file(&mut harness, &first);
    assert!(fully_on_screen(&harness, first_char(&harness)).is_some());
    crate::common::wheel(&mut harness, Pos2::new(450.0, 400.0), -6_000.0);
    let (word, before) = word_in_view(&harness);
    drop_file(&mut harness, &first);
    let after = fully_on_screen(&harness, word).expect("still in view")[0];
    assert!(
        (after.top() - before.top()).abs() < 2.0,
        "{before:?} → {after:?}"
    );
}

#[test]
fn tab_moves_the_article_only_when_the_annotation_is_hidden() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::harness(Launch {
        path: Some(long_session(dir.path(), "long.ron")),
        ..Launch::default()
    });
    let reference = first_char(&harness);
    let annotations = harness.state().session().annotations().to_vec();
    let mut stepped_in_place = 0;
    for next in &annotations {
        let before = harness.state().screen_rects(reference);
        let visible = fully_on_screen(&harness, next.span).is_some();
        harness.key_press(Key::Tab);
        harness.run_ok();
        assert_eq!(harness.state().selected(), Some(next.id));
        if visible {
            assert_eq!(
                harness.state().screen_rects(reference),
                before,
                "Tab to {:?}, already on screen, moved the article",
                next.id
            );
            stepped_in_place += 1;
        } else {
            // Hidden (below the view): Tab brings it into view.
            assert!(
                fully_on_screen(&harness, next.span).is_some(),
                "{:?}",
                next.id
            );
            break;
        }
    }
    assert!(
        stepped_in_place >= 5,
        "only {stepped_in_place} on the first screen"
    );
}

/// The vertical scroll bar's x: at the right edge of the article, left of the side panel.
fn scroll_bar_x(harness: &Harness<'_, FactmarkApp>) -> f32 {
    harness.get_by_label("Annotations").rect().left() - 20.0
}

/// The last line is on screen, near the bottom of the view (only the footer below it).
fn assert_at_end(harness: &Harness<'_, FactmarkApp>, how: &str) {
    let rows = fully_on_screen(harness, last_char(harness))
        .unwrap_or_else(|| panic!("{how}: the last line is not on screen"));
    let bottom = rows[rows.len() - 1].bottom();
    assert!(bottom > 600.0, "{how}: the last line ends at {bottom}");
}

#[test]
fn end_and_the_scroll_bar_reach_the_last_line() {
    let dir = tempfile::tempdir().unwrap();
    reach_the_end(long_session(dir.path(), "long.ron"));
    reach_the_end(uneven_widths_session(dir.path()));
}

/// End, Ctrl+End, a click at the bottom of the scroll bar and dragging its handle down all
/// show the last line of the session at `path`.
fn reach_the_end(path: PathBuf) {
    let mut harness = common::harness(Launch {
        path: Some(path),
        ..Launch::default()
    });
    let last = last_char(&harness);
    assert!(harness.state().screen_rects(last).is_empty());

    harness.key_press(Key::End);
    harness.run_ok();
    assert_at_end(&harness, "End");
    harness.key_press(Key::Home);
    harness.run_ok();
    assert!(fully_on_screen(&harness, first_char(&harness)).is_some());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::End);
    harness.run_ok();
    assert_at_end(&harness, "Ctrl+End");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Home);
    harness.run_ok();

    // A click at the bottom of the scroll bar's track.
    let x = scroll_bar_x(&harness);
    click_at(&mut harness, Pos2::new(x, 768.0));
    harness.run_ok();
    assert_at_end(&harness, "a click at the bar's end");
    // A second click there changes nothing.
    let before = harness.state().screen_rects(last);
    click_at(&mut harness, Pos2::new(x, 768.0));
    harness.run_ok();
    assert_eq!(harness.state().screen_rects(last), before);

    // Dragging the handle from the middle of the track to past its bottom.
    harness.key_press(Key::Home);
    harness.run_ok();
    drag(&mut harness, Pos2::new(x, 300.0), Pos2::new(x, 795.0));
    harness.run_ok();
    assert_at_end(&harness, "dragging the handle down");
}

/// The three tag buttons of the selection toolbar, as one rectangle.
fn toolbar_rect(harness: &Harness<'_, FactmarkApp>) -> Rect {
    ["Claim (1)", "Statistic (2)", "Quote (3)"]
        .into_iter()
        .map(|label| harness.get_by_label(label).rect())
        .reduce(Rect::union)
        .expect("buttons")
}

fn assert_toolbar_beside(harness: &Harness<'_, FactmarkApp>) {
    let selection = harness.state().selection().expect("a selection");
    let rows = harness.state().screen_rects(selection);
    let toolbar = toolbar_rect(harness);
    for row in &rows {
        assert!(!toolbar.intersects(*row), "{toolbar:?} covers {row:?}");
    }
    assert!(
        toolbar.bottom() <= rows[0].top(),
        "{toolbar:?} above {rows:?}"
    );
    assert!(article_area().contains_rect(toolbar), "{toolbar:?}");
}

#[test]
fn the_toolbar_sits_above_the_selection_even_on_the_last_visible_line() {
    let mut harness = common::harness(Launch::default());
    select_phrase(&mut harness, "14 political prisoners");
    assert_toolbar_beside(&harness);

    // The lowest word fully on screen: the toolbar still shows, above it.
    let text = harness.state().session().article().text().to_owned();
    let mut lowest: Option<(Span, Rect)> = None;
    let mut at = 0;
    for word in text.split_inclusive([' ', '\n']) {
        let span = Span::new(at, at + word.trim_end().len());
        at += word.len();
        if span.is_empty() {
            continue;
        }
        if let Some(rows) = fully_on_screen(&harness, span)
            && rows.len() == 1
            && lowest.is_none_or(|(_, r)| rows[0].top() >= r.top())
        {
            lowest = Some((span, rows[0]));
        }
    }
    let (span, row) = lowest.expect("words on screen");
    assert!(row.bottom() > 650.0, "the view is not full: {row:?}");
    let phrase = &text[span.range()];
    select_phrase(&mut harness, phrase);
    assert_toolbar_beside(&harness);
}

#[test]
fn zoom_keeps_the_selection_in_view() {
    let mut harness = common::harness(Launch::default());
    let text = harness.state().session().article().text().to_owned();
    // A phrase low in the first screen, which zooming in carries below the view.
    let (word, _) = {
        let mut found = None;
        let mut at = 0;
        for word in text.split_inclusive(' ') {
            let span = Span::new(at, at + word.trim_end().len());
            at += word.len();
            if let Some(rows) = fully_on_screen(&harness, span)
                && rows.len() == 1
                && rows[0].top() > 600.0
                && word.trim_end().chars().all(char::is_alphabetic)
                && word.trim_end().len() > 3
            {
                found = Some((span, rows[0]));
                break;
            }
        }
        found.expect("a word low on screen")
    };
    select_phrase(&mut harness, &text[word.range()]);
    for _ in 0..4 {
        harness.key_press_modifiers(Modifiers::COMMAND, Key::Equals);
        harness.run_ok();
        assert!(
            fully_on_screen(&harness, word).is_some(),
            "zoomed in: {:?}",
            harness.state().screen_rects(word)
        );
    }
    for _ in 0..6 {
        harness.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
        harness.run_ok();
        assert!(fully_on_screen(&harness, word).is_some(), "zoomed out");
    }
    assert_eq!(harness.state().selection(), Some(word));
}

#[test]
fn light_text_fields_have_a_border_that_shows() {
    let harness = common::harness(Launch::default());
    let style = harness.ctx.style_of(egui::Theme::Light);
    let border = style.visuals.widgets.inactive.bg_stroke;
    assert!(border.width >= 1.0);
    let ratio = contrast_ratio(border.color, style.visuals.panel_fill);
    assert!(ratio >= 3.0, "{ratio:.2}:1");
}
