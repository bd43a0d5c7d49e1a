//! One row of the Suggestions list: a hollow chip in the tag's colour (annotations' chips are
//! filled), the tag and the reason, a quote's speaker, and a one-line excerpt; painted
//! directly, since rows are virtualised.

use egui::text::{LayoutJob, TextFormat, TextWrapping};
use egui::{FontId, Rect, Sense, Stroke, Vec2};

use crate::suggest::Suggestion;
use crate::ui::theme::Palette;

/// Height of every row (`show_rows` places rows by one height).
pub(super) const ROW_HEIGHT: f32 = 46.0;

/// Characters of the excerpt laid out: more than a row shows, however long the suggestion.
const EXCERPT_CHARS: usize = 160;

/// Paints one row for `suggestion` (its text is `text`); `current` when it is the one the
/// keys act on.
pub(super) fn row(
    ui: &mut egui::Ui,
    suggestion: &Suggestion,
    text: &str,
    current: bool,
    palette: &Palette,
) -> egui::Response {
    let tag = suggestion.tag();
    let (rect, response) =
        ui.allocate_exact_size(Vec2::new(ui.available_width(), ROW_HEIGHT), Sense::click());
    let excerpt: String = text.chars().take(EXCERPT_CHARS).collect();
    let one_line = excerpt.split_whitespace().collect::<Vec<_>>().join(" ");
    response.widget_info(|| {
        egui::WidgetInfo::selected(
            egui::accesskit::Role::Button,
            true,
            current,
            format!("Suggested {}: {one_line}", tag.label().to_lowercase()),
        )
    });
    if !ui.is_rect_visible(rect) {
        return response;
    }
    let visuals = ui.visuals();
    let painter = ui.painter();
    if current {
        painter.rect_filled(rect, 4.0, visuals.selection.bg_fill.gamma_multiply(0.5));
    } else if response.hovered() {
        painter.rect_filled(rect, 4.0, visuals.widgets.hovered.weak_bg_fill);
    }
    let colour = palette.suggestion_color(tag);
    let chip = Rect::from_min_size(
        rect.min + Vec2::new(6.0, 8.0),
        Vec2::new(6.0, ROW_HEIGHT - 16.0),
    );
    painter.rect_stroke(
        chip,
        2.0,
        Stroke::new(1.5, colour),
        egui::StrokeKind::Inside,
    );
    let left = chip.right() + 8.0;
    let width = rect.right() - left - 8.0;
    let small = FontId::proportional(11.5);
    let weak = visuals.weak_text_color();
    // Tag, speaker, reason: the reason is what a narrow row cuts first.
    let what = match &suggestion.speaker {
        Some(speaker) => format!("{} — {speaker} · {}", tag.label(), suggestion.reason),
        None => format!("{} · {}", tag.label(), suggestion.reason),
    };
    let galley = one_line_galley(painter, what, small, weak, width);
    painter.galley(egui::pos2(left, rect.top() + 4.0), galley, weak);
    let text_color = visuals.text_color();
    let galley = one_line_galley(
        painter,
        one_line,
        FontId::proportional(14.0),
        text_color,
        width,
    );
    painter.galley(egui::pos2(left, rect.top() + 21.0), galley, text_color);
    if current {
        painter.rect_stroke(
            rect,
            4.0,
            Stroke::new(1.0, colour),
            egui::StrokeKind::Inside,
        );
    }
    response.on_hover_text("Click to make it current: A accepts, X rejects")
}

/// `text` on one row at most `max_width` wide, cut with an ellipsis.
fn one_line_galley(
    painter: &egui::Painter,
    text: String,
    font: FontId,
    color: egui::Color32,
    max_width: f32,
) -> std::sync::Arc<egui::Galley> {
    let mut job = LayoutJob::single_section(text, TextFormat::simple(font, color));
    job.wrap = TextWrapping {
        max_width,
        max_rows: 1,
        break_anywhere: true,
        overflow_character: Some('…'),
    };
    painter.layout_job(job)
}
