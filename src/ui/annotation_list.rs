//! The annotation list (right panel): every annotation in document order, filtered by tag and
//! text, one row each with tag chip, excerpt and note marker. Rows are virtualized.

use egui::text::{LayoutJob, TextFormat, TextWrapping};
use egui::{Align2, FontId, Rect, Sense, Stroke, Vec2};

use super::theme::Palette;
use crate::model::{AnnotationId, Session, Tag};

const ROW_HEIGHT: f32 = 46.0;

/// Filter settings and a cache of which rows pass them.
pub struct ListState {
    /// Which tags are shown, by [`Tag::index`].
    pub show_tag: [bool; 3],
    /// Case-insensitive text that the excerpt or the note must contain.
    pub query: String,
    /// Give the filter field keyboard focus on the next frame (Ctrl+Shift+F).
    pub focus_query: bool,
    /// Indices into `Session::annotations` passing the filter, with the key they were
    /// computed for, so the filter runs only when the session or the filter changes.
    visible: Option<(FilterKey, Vec<usize>)>,
}

#[derive(Clone, PartialEq)]
struct FilterKey {
    revision: u64,
    show_tag: [bool; 3],
    query: String,
}

impl Default for ListState {
    fn default() -> Self {
        Self {
            show_tag: [true; 3],
            query: String::new(),
            focus_query: false,
            visible: None,
        }
    }
}

impl ListState {
    /// Forgets cached rows (after a different session is opened).
    pub fn reset_cache(&mut self) {
        self.visible = None;
    }

    fn rows(&mut self, session: &Session) -> &[usize] {
        let key = FilterKey {
            revision: session.revision(),
            show_tag: self.show_tag,
            query: self.query.trim().to_lowercase(),
        };
        if self.visible.as_ref().is_none_or(|(k, _)| *k != key) {
            let rows = session
                .annotations()
                .iter()
                .enumerate()
                .filter(|(_, a)| key.show_tag[a.body.tag.index()])
                .filter(|(_, a)| {
                    key.query.is_empty()
                        || session.text_of(a).to_lowercase().contains(&key.query)
                        || a.body.note.to_lowercase().contains(&key.query)
                })
                .map(|(i, _)| i)
                .collect();
            self.visible = Some((key, rows));
        }
        self.visible
            .as_ref()
            .map_or(&[], |(_, rows)| rows.as_slice())
    }
}

/// Shows filters and rows. Returns the annotation whose row was clicked.
pub fn show(
    ui: &mut egui::Ui,
    session: &Session,
    state: &mut ListState,
    selected: Option<AnnotationId>,
    palette: &Palette,
) -> Option<AnnotationId> {
    let counts = session.counts();
    ui.horizontal_wrapped(|ui| {
        for tag in Tag::ALL {
            let shown = &mut state.show_tag[tag.index()];
            let label = format!("{} {}", tag.label(), counts[tag.index()]);
            let text_color = if *shown {
                palette.text
            } else {
                palette.weak_text
            };
            let chip = egui::Button::new(egui::RichText::new(label).color(text_color))
                .fill(if *shown {
                    palette.tint(tag)
                } else {
                    egui::Color32::TRANSPARENT
                })
                .stroke(Stroke::new(1.0, palette.tag_color(tag)))
                .selected(*shown);
            if ui
                .add(chip)
                .on_hover_text(format!(
                    "Show or hide {}s in this list",
                    tag.label().to_lowercase()
                ))
                .clicked()
            {
                *shown = !*shown;
            }
        }
    });
    ui.horizontal(|ui| {
        let label = ui.label("Filter");
        let field = ui.add(
            egui::TextEdit::singleline(&mut state.query)
                .hint_text("text or note (Ctrl+Shift+F)")
                .desired_width(f32::INFINITY),
        );
        let field = field.labelled_by(label.id);
        if std::mem::take(&mut state.focus_query) {
            field.request_focus();
        }
    });
    ui.separator();

    // Borrowed from the filter cache: no per-frame copy of the (possibly 20,000) row indices.
    let rows = state.rows(session);
    if rows.is_empty() {
        ui.add_space(12.0);
        let hint = if session.annotations().is_empty() {
            "No annotations yet.\n\nDrag over text in the article, then press 1 (claim), 2 (statistic) or 3 (quote)."
        } else {
            "No annotation matches the filter."
        };
        ui.label(egui::RichText::new(hint).color(palette.weak_text));
        return None;
    }
    let mut clicked = None;
    egui::ScrollArea::vertical()
        .id_salt("annotation-list")
        .auto_shrink(false)
        .show_rows(ui, ROW_HEIGHT, rows.len(), |ui, range| {
            for &index in &rows[range] {
                let annotation = &session.annotations()[index];
                let is_selected = selected == Some(annotation.id);
                let excerpt = session.text_of(annotation);
                if row(
                    ui,
                    annotation.body.tag,
                    excerpt,
                    !annotation.body.note.is_empty(),
                    is_selected,
                    palette,
                )
                .clicked()
                {
                    clicked = Some(annotation.id);
                }
            }
        });
    clicked
}

fn row(
    ui: &mut egui::Ui,
    tag: Tag,
    excerpt: &str,
    has_note: bool,
    selected: bool,
    palette: &Palette,
) -> egui::Response {
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
    painter.text(
        egui::pos2(text_left, rect.top() + 4.0),
        Align2::LEFT_TOP,
        tag.label(),
        FontId::proportional(11.5),
        visuals.weak_text_color(),
    );
    if has_note {
        painter.text(
            egui::pos2(rect.right() - 8.0, rect.top() + 4.0),
            Align2::RIGHT_TOP,
            "• note",
            FontId::proportional(11.5),
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
