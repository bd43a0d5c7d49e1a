//! The parts of a Documents row and its hover card: the state dot and its colours, the
//! progress bar, dates, one-line text, and the card listing a document's files, counts and
//! problems.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use egui::text::{LayoutJob, TextFormat, TextWrapping};
use egui::{Align2, Color32, FontId, Rect, Stroke, Vec2};

use crate::model::Tag;
use crate::ui::theme::Palette;
use crate::workspace::folder::{DocumentRow, Folder, State};

/// True when the row's counts mean something: a session that has been read. One still being
/// read, or one that cannot be, shows "–" rather than 0.
pub(super) fn has_counts(doc: &DocumentRow) -> bool {
    doc.session.is_some() && !matches!(doc.state, State::Broken | State::Pending)
}

/// A small bar of claims and statistics checked, with "5/9" beside it.
pub(super) fn progress(
    painter: &egui::Painter,
    rect: Rect,
    doc: &DocumentRow,
    has_counts: bool,
    palette: &Palette,
) {
    let (checked, all) = doc.progress;
    let mid = rect.center().y;
    if !has_counts || all == 0 {
        painter.text(
            egui::pos2(rect.left() + 2.0, mid),
            Align2::LEFT_CENTER,
            "–",
            FontId::proportional(12.0),
            palette.weak_text,
        );
        return;
    }
    let text = format!("{checked}/{all}");
    let galley = painter.layout_no_wrap(text, FontId::proportional(12.0), palette.text);
    let bar_width = (rect.width() - galley.size().x - 4.0).max(8.0);
    let bar = Rect::from_min_size(
        egui::pos2(rect.left(), mid - 3.0),
        Vec2::new(bar_width, 6.0),
    );
    painter.rect_filled(bar, 3.0, palette.weak_text.gamma_multiply(0.35));
    #[allow(clippy::cast_precision_loss)] // annotation counts are far below 2^24
    let fraction = (checked as f32 / all as f32).clamp(0.0, 1.0);
    if fraction > 0.0 {
        let done = Rect::from_min_size(bar.min, Vec2::new(bar.width() * fraction, bar.height()));
        painter.rect_filled(done, 3.0, state_color(State::AllChecked, palette));
    }
    painter.galley(
        egui::pos2(bar.right() + 4.0, mid - galley.size().y / 2.0),
        galley,
        palette.text,
    );
}

/// The dot left of a title: grey not started, amber in progress, green all checked, red
/// broken, a ring while still being read.
pub(super) fn state_dot(
    painter: &egui::Painter,
    center: egui::Pos2,
    state: State,
    palette: &Palette,
) {
    let color = state_color(state, palette);
    if state == State::Pending {
        painter.circle_stroke(center, 4.0, Stroke::new(1.5, color));
    } else {
        painter.circle_filled(center, 4.5, color);
    }
}

/// The colour of a state (dots, the progress bar), readable on the panel in either theme.
pub(super) fn state_color(state: State, palette: &Palette) -> Color32 {
    let dark = palette.page.r() < 0x80;
    match (state, dark) {
        (State::NotStarted | State::Pending, _) => palette.weak_text,
        (State::InProgress, false) => Color32::from_rgb(0xB0, 0x6A, 0x00),
        (State::InProgress, true) => Color32::from_rgb(0xF0, 0xB4, 0x3C),
        (State::AllChecked, false) => Color32::from_rgb(0x00, 0x7A, 0x5A),
        (State::AllChecked, true) => Color32::from_rgb(0x3C, 0xC8, 0x9A),
        (State::Broken, false) => Color32::from_rgb(0xC0, 0x1C, 0x28),
        (State::Broken, true) => Color32::from_rgb(0xFF, 0x6B, 0x6B),
    }
}

/// `text` on one line from `left_center`, cut with "…" at `width`.
pub(super) fn one_line(
    painter: &egui::Painter,
    left_center: egui::Pos2,
    text: &str,
    font: FontId,
    color: Color32,
    width: f32,
) {
    // A few hundred characters fill any row; a title can be a whole paragraph.
    let short: String = text.chars().take(300).collect();
    let mut job = LayoutJob::single_section(short, TextFormat::simple(font, color));
    job.wrap = TextWrapping {
        max_width: width.max(1.0),
        max_rows: 1,
        break_anywhere: true,
        overflow_character: Some('…'),
    };
    let galley = painter.layout_job(job);
    let top = left_center.y - galley.size().y / 2.0;
    painter.galley(egui::pos2(left_center.x, top), galley, color);
}

/// `2026-05-03T10:15:00Z`, or `None` for a time outside the years 1970–9999 that the
/// formatter takes (a file's time can be anything).
pub(super) fn timestamp(time: SystemTime) -> Option<String> {
    let since = time.duration_since(UNIX_EPOCH).ok()?;
    if since >= Duration::from_secs(253_402_300_800) {
        return None;
    }
    Some(humantime::format_rfc3339_seconds(time).to_string())
}

/// `2026-05-03` (UTC), or `None` (see [`timestamp`]).
pub(super) fn date(time: SystemTime) -> Option<String> {
    timestamp(time).and_then(|text| text.get(..10).map(str::to_owned))
}

/// The hover card of a row: the whole title, its files, state, progress and every problem
/// and note.
pub(super) fn details(ui: &mut egui::Ui, folder: &Folder, doc: &DocumentRow, palette: &Palette) {
    ui.set_max_width(420.0);
    ui.label(egui::RichText::new(&doc.title).strong());
    if let Some(article) = &doc.article {
        ui.label(format!("Article: {}", folder.relative(article)));
    }
    match &doc.session {
        Some(session) => {
            ui.label(format!("Session: {}", folder.relative(session)));
        }
        None if doc.article.is_some() => {
            ui.label(
                egui::RichText::new(format!(
                    "No session yet: the first save goes to {}",
                    folder.relative(&doc.session_path())
                ))
                .color(palette.weak_text),
            );
        }
        None => {}
    }
    let (checked, all) = doc.progress;
    let mut facts = vec![doc.state.label().to_owned()];
    if has_counts(doc) {
        let counts: Vec<String> = Tag::ALL
            .into_iter()
            .map(|tag| {
                let n = doc.counts[tag.index()];
                let plural = if n == 1 { "" } else { "s" };
                format!("{n} {}{plural}", tag.label().to_lowercase())
            })
            .collect();
        facts.push(counts.join(", "));
    }
    if all > 0 {
        facts.push(format!("{checked} of {all} claims and statistics checked"));
    }
    if doc.orphans > 0 {
        facts.push(format!("{} orphans", doc.orphans));
    }
    if let Some(changed) = doc.changed.and_then(timestamp) {
        facts.push(format!("changed {changed}"));
    }
    if !doc.analysts.is_empty() {
        facts.push(format!("by {}", doc.analysts.join(", ")));
    }
    ui.label(facts.join(" · "));
    for problem in &doc.problems {
        ui.colored_label(state_color(State::Broken, palette), problem);
    }
    for note in &doc.notes {
        ui.label(egui::RichText::new(note).color(palette.weak_text));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_colours_read_on_the_panel_in_both_themes() {
        use crate::ui::theme::contrast_ratio;
        for (theme, panel) in [
            (egui::Theme::Light, egui::Visuals::light().panel_fill),
            (egui::Theme::Dark, egui::Visuals::dark().panel_fill),
        ] {
            let palette = Palette::for_theme(theme);
            // "problem" is text: 4.5:1; the dots and bar are graphics: 3:1.
            let red = state_color(State::Broken, &palette);
            assert!(contrast_ratio(red, panel) >= 4.5, "{theme:?}");
            for state in State::ALL {
                let ratio = contrast_ratio(state_color(state, &palette), panel);
                assert!(ratio >= 3.0, "{theme:?} {state:?}: {ratio}");
            }
        }
    }

    #[test]
    fn dates_outside_the_formattable_years_are_left_blank() {
        assert_eq!(date(UNIX_EPOCH).as_deref(), Some("1970-01-01"));
        assert_eq!(date(UNIX_EPOCH - Duration::from_secs(1)), None);
        assert_eq!(
            date(UNIX_EPOCH + Duration::from_secs(253_402_300_800)),
            None
        );
    }
}
