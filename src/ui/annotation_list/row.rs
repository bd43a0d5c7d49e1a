//! One row of the annotation list: tag chip, tag name, note marker and a one-line excerpt,
//! painted directly (rows are virtualised, so only those on screen are built).

use egui::text::{LayoutJob, TextFormat, TextWrapping};
use egui::{Align2, FontId, Rect, Sense, Stroke, Vec2};

use crate::model::{Body, Rating};
use crate::ui::theme::{Palette, rating_chip};

/// Height of every row: `show_rows` needs one height to place rows without building them.
pub(super) const ROW_HEIGHT: f32 = 46.0;

pub(super) fn row(
    ui: &mut egui::Ui,
    body: &Body,
    verdict: Option<&Rating>,
    excerpt: &str,
    selected: bool,
    palette: &Palette,
) -> egui::Response {
    let tag = body.tag;
    let has_note = !body.note.is_empty();
    let (rect, response) =
        ui.allocate_exact_size(Vec2::new(ui.available_width(), ROW_HEIGHT), Sense::click());
    let short: String = excerpt.chars().take(120).collect();
    let label = format!("{}: {}", tag.label(), short);
    response.widget_info(|| {
        egui::WidgetInfo::selected(egui::accesskit::Role::Button, true, selected, &label)
    });
    if !ui.is_rect_visible(rect) {
        return response;
    }
    let visuals = ui.visuals();
    let painter = ui.painter();
    if selected {
        painter.rect_filled(rect, 4.0, visuals.selection.bg_fill.gamma_multiply(0.5));
    } else if response.hovered() {
        painter.rect_filled(rect, 4.0, visuals.widgets.hovered.weak_bg_fill);
    }
    let chip = Rect::from_min_size(
        rect.min + Vec2::new(6.0, 8.0),
        Vec2::new(6.0, ROW_HEIGHT - 16.0),
    );
    painter.rect_filled(chip, 2.0, palette.tag_color(tag));
    let text_left = chip.right() + 8.0;
    let text_color = visuals.text_color();
    let small = FontId::proportional(11.5);
    painter.text(
        egui::pos2(text_left, rect.top() + 4.0),
        Align2::LEFT_TOP,
        format!("{} · {}", tag.label(), body.status.label()),
        small.clone(),
        visuals.weak_text_color(),
    );
    // From the right: the verdict chip, then the note marker.
    let mut right = rect.right() - 8.0;
    if let Some(rating) = verdict {
        let (fill, text) = rating_chip(rating.colour);
        let galley = painter.layout_no_wrap(rating.name.clone(), small.clone(), text);
        let chip = Rect::from_min_size(
            egui::pos2(right - galley.size().x - 8.0, rect.top() + 3.0),
            Vec2::new(galley.size().x + 8.0, galley.size().y + 2.0),
        );
        painter.rect_filled(chip, 3.0, fill);
        if rating.retired {
            painter.rect_stroke(
                chip,
                3.0,
                Stroke::new(1.5, visuals.error_fg_color),
                egui::StrokeKind::Outside,
            );
        }
        painter.galley(chip.min + Vec2::new(4.0, 1.0), galley, text);
        right = chip.left() - 6.0;
    }
    if has_note {
        painter.text(
            egui::pos2(right, rect.top() + 4.0),
            Align2::RIGHT_TOP,
            "• note",
            small,
            visuals.weak_text_color(),
        );
    }
    let one_line: String = short.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut job = LayoutJob::single_section(
        one_line,
        TextFormat::simple(FontId::proportional(14.0), text_color),
    );
    job.wrap = TextWrapping {
        max_width: rect.right() - text_left - 8.0,
        max_rows: 1,
        break_anywhere: true,
        overflow_character: Some('…'),
    };
    let galley = painter.layout_job(job);
    painter.galley(egui::pos2(text_left, rect.top() + 21.0), galley, text_color);
    if selected {
        painter.rect_stroke(
            rect,
            4.0,
            Stroke::new(1.0, palette.tag_color(tag)),
            egui::StrokeKind::Inside,
        );
    }
    response
}
