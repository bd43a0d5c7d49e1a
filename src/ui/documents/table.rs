//! The Documents table: which columns fit the panel's width, the clickable headings that sort
//! it, and the rows, painted directly (one height each, so only those in view are built).

use std::path::PathBuf;

use egui::{Align2, FontId, Rect, Sense, Stroke, Vec2};

use super::DocumentsView;
use super::cells::{date, details, has_counts, one_line, progress, state_color, state_dot};
use crate::model::Tag;
use crate::ui::theme::Palette;
use crate::workspace::folder::{Column, DocumentRow, Folder, Sort, State};

/// Height of every row: `show_rows` needs one height to place rows without building them.
pub const ROW_HEIGHT: f32 = 26.0;
/// Height of the headings.
const HEADER_HEIGHT: f32 = 22.0;
/// Space between columns, and at the row's left and right ends.
const GAP: f32 = 6.0;
/// Left of the title: the state dot.
const DOT_ROOM: f32 = 18.0;
/// The title keeps at least this much; columns that would squeeze it more are left out
/// (the Sort menu still sorts by them).
const TITLE_MIN: f32 = 110.0;

/// A column right of the title: what it shows, its heading and width.
#[derive(Clone, Copy)]
struct Cell {
    column: Column,
    heading: &'static str,
    width: f32,
}

/// The columns right of the title, in order.
const CELLS: [Cell; 6] = [
    Cell {
        column: Column::Count(Tag::Claim),
        heading: "C",
        width: 26.0,
    },
    Cell {
        column: Column::Count(Tag::Statistic),
        heading: "S",
        width: 26.0,
    },
    Cell {
        column: Column::Count(Tag::Quote),
        heading: "Q",
        width: 26.0,
    },
    Cell {
        column: Column::Checked,
        heading: "Checked",
        width: 62.0,
    },
    Cell {
        column: Column::Changed,
        heading: "Changed",
        width: 70.0,
    },
    Cell {
        column: Column::Analyst,
        heading: "Analyst",
        width: 64.0,
    },
];

/// As the panel narrows: the analyst goes first, then the date, then the counts (the row's
/// hover card still has them all); progress always stays.
const NARROWER: [&[Cell]; 4] = [
    &CELLS,
    &[CELLS[0], CELLS[1], CELLS[2], CELLS[3], CELLS[4]],
    &[CELLS[0], CELLS[1], CELLS[2], CELLS[3]],
    &[CELLS[3]],
];

/// The columns that fit `width`, and the title's width.
fn layout(width: f32) -> (f32, &'static [Cell]) {
    let title =
        |cells: &[Cell]| width - DOT_ROOM - GAP - cells.iter().map(|c| c.width + GAP).sum::<f32>();
    let cells = NARROWER
        .into_iter()
        .find(|cells| title(cells) >= TITLE_MIN)
        .unwrap_or(NARROWER[NARROWER.len() - 1]);
    (title(cells).max(40.0), cells)
}

/// The headings; returns the column whose heading was clicked.
pub(super) fn header(ui: &mut egui::Ui, sort: Sort, palette: &Palette) -> Option<Column> {
    let width = ui.available_width();
    let (title_width, cells) = layout(width);
    let (rect, _) = ui.allocate_exact_size(Vec2::new(width, HEADER_HEIGHT), Sense::hover());
    let mut clicked = None;
    let mut x = rect.left() + DOT_ROOM;
    let title = Cell {
        column: Column::Title,
        heading: "Title",
        width: title_width,
    };
    for cell in std::iter::once(&title).chain(cells) {
        let cell_rect = Rect::from_min_size(
            egui::pos2(x, rect.top()),
            Vec2::new(cell.width, HEADER_HEIGHT),
        );
        if heading(ui, cell_rect, cell, sort, palette) {
            clicked = Some(cell.column);
        }
        x += cell.width + GAP;
    }
    ui.painter().hline(
        rect.x_range(),
        rect.bottom(),
        Stroke::new(1.0, ui.visuals().widgets.noninteractive.bg_stroke.color),
    );
    clicked
}

/// One heading: its text (with the sort direction when the list is sorted by it), a tag's
/// colour under a count; true when clicked.
fn heading(ui: &mut egui::Ui, rect: Rect, cell: &Cell, sort: Sort, palette: &Palette) -> bool {
    let id = ui.make_persistent_id(("documents-heading", cell.column));
    let response = ui.interact(rect, id, Sense::click());
    let name = cell.column.label();
    let sorted = sort.column == cell.column;
    response.widget_info(|| {
        egui::WidgetInfo::selected(egui::accesskit::Role::Button, true, sorted, name)
    });
    let visuals = ui.visuals();
    if response.hovered() {
        ui.painter()
            .rect_filled(rect, 3.0, visuals.widgets.hovered.weak_bg_fill);
    }
    let arrow = match (sorted, sort.descending) {
        (false, _) => "",
        (true, false) => "⏶",
        (true, true) => "⏷",
    };
    let font = FontId::proportional(12.0);
    let color = if sorted {
        palette.text
    } else {
        palette.weak_text
    };
    let count_tag = match cell.column {
        Column::Count(tag) => Some(tag),
        _ => None,
    };
    let text = format!("{}{arrow}", cell.heading);
    if let Some(tag) = count_tag {
        ui.painter()
            .text(rect.center(), Align2::CENTER_CENTER, text, font, color);
        let bar = Rect::from_center_size(
            egui::pos2(rect.center().x, rect.bottom() - 3.0),
            Vec2::new(14.0, 3.0),
        );
        ui.painter().rect_filled(bar, 1.0, palette.tag_color(tag));
    } else {
        ui.painter().text(
            egui::pos2(rect.left() + 2.0, rect.center().y),
            Align2::LEFT_CENTER,
            text,
            font,
            color,
        );
    }
    let how = if sorted {
        "Click to sort the other way"
    } else {
        "Click to sort by this column"
    };
    response.on_hover_text(format!("{name}. {how}.")).clicked()
}

/// The rows in view; returns the key of the document whose row was clicked.
pub(super) fn rows(
    ui: &mut egui::Ui,
    folder: &Folder,
    view: &mut DocumentsView,
    open: Option<usize>,
    palette: &Palette,
) -> Option<PathBuf> {
    let (followed, seen) = (view.followed, view.in_view.clone());
    view.followed = open;
    let order = view.order(folder);
    let row_step = ROW_HEIGHT + ui.spacing().item_spacing.y;
    let mut area = egui::ScrollArea::vertical()
        .id_salt("documents-list")
        .auto_shrink(false);
    // A newly opened document's row is scrolled into view, once.
    if open != followed
        && let Some(at) = open.and_then(|row| order.iter().position(|&i| i == row))
    {
        let visible = seen.start + 1 < seen.end && at > seen.start && at + 1 < seen.end;
        if !visible {
            #[allow(clippy::cast_precision_loss)] // row counts are far below 2^24
            let top = at as f32 * row_step;
            let above = (seen.len().clamp(3, 9) as f32 / 2.0 - 1.0) * row_step;
            area = area.vertical_scroll_offset((top - above).max(0.0));
        }
    }
    let mut clicked = None;
    let mut in_view = 0..0;
    let documents = folder.documents();
    area.show_rows(ui, ROW_HEIGHT, order.len(), |ui, range| {
        in_view = range.clone();
        let (title_width, cells) = layout(ui.available_width());
        for &index in &order[range] {
            let doc = &documents[index];
            let response = row(
                ui,
                folder,
                doc,
                open == Some(index),
                title_width,
                cells,
                palette,
            );
            let response = response.on_hover_ui(|ui| details(ui, folder, doc, palette));
            if response.clicked() {
                clicked = Some(doc.key().to_path_buf());
            }
        }
    });
    view.in_view = in_view;
    clicked
}

/// One document in exactly [`ROW_HEIGHT`]: state dot, title (with a problem marker), counts
/// per tag, progress, last change, first analyst.
fn row(
    ui: &mut egui::Ui,
    folder: &Folder,
    doc: &DocumentRow,
    is_open: bool,
    title_width: f32,
    cells: &[Cell],
    palette: &Palette,
) -> egui::Response {
    let (rect, response) =
        ui.allocate_exact_size(Vec2::new(ui.available_width(), ROW_HEIGHT), Sense::click());
    // Named by title and file: two articles may share a title.
    response.widget_info(|| {
        let name = format!("{} — {}", doc.title, folder.relative(doc.key()));
        egui::WidgetInfo::selected(egui::accesskit::Role::Button, true, is_open, name)
    });
    if !ui.is_rect_visible(rect) {
        return response;
    }
    let visuals = ui.visuals();
    let painter = ui.painter();
    if is_open {
        painter.rect_filled(rect, 3.0, visuals.selection.bg_fill.gamma_multiply(0.45));
        painter.rect_stroke(
            rect,
            3.0,
            Stroke::new(1.0, visuals.selection.stroke.color),
            egui::StrokeKind::Inside,
        );
    } else if response.hovered() {
        painter.rect_filled(rect, 3.0, visuals.widgets.hovered.weak_bg_fill);
    }
    let mid = rect.center().y;
    state_dot(
        painter,
        egui::pos2(rect.left() + DOT_ROOM / 2.0 + 1.0, mid),
        doc.state,
        palette,
    );
    let small = FontId::proportional(12.0);
    let mut x = rect.left() + DOT_ROOM;
    // The title, cut to its cell, with "problem" at the cell's right when there is one.
    let mut title_room = title_width;
    if !doc.problems.is_empty() {
        let marker = if doc.problems.len() == 1 {
            "problem".to_owned()
        } else {
            format!("{} problems", doc.problems.len())
        };
        // The state's red, which keeps 4.5:1 on the panel in both themes.
        let red = state_color(State::Broken, palette);
        let galley = painter.layout_no_wrap(marker, small.clone(), red);
        let at = egui::pos2(
            x + title_width - galley.size().x,
            mid - galley.size().y / 2.0,
        );
        title_room -= galley.size().x + GAP;
        painter.galley(at, galley, red);
    }
    let title_color = if doc.state == State::Pending {
        palette.weak_text
    } else {
        palette.text
    };
    one_line(
        painter,
        egui::pos2(x, mid),
        &doc.title,
        FontId::proportional(14.0),
        title_color,
        title_room,
    );
    x += title_width + GAP;
    let has_counts = has_counts(doc);
    for cell in cells {
        let cell_rect =
            Rect::from_min_size(egui::pos2(x, rect.top()), Vec2::new(cell.width, ROW_HEIGHT));
        x += cell.width + GAP;
        match cell.column {
            Column::Count(tag) => {
                let (text, color) = if has_counts {
                    let n = doc.counts[tag.index()];
                    let color = if n == 0 {
                        palette.weak_text
                    } else {
                        palette.text
                    };
                    (n.to_string(), color)
                } else {
                    ("–".to_owned(), palette.weak_text)
                };
                painter.text(
                    egui::pos2(cell_rect.center().x, mid),
                    Align2::CENTER_CENTER,
                    text,
                    small.clone(),
                    color,
                );
            }
            Column::Checked => progress(painter, cell_rect, doc, has_counts, palette),
            Column::Changed => {
                let text = doc.changed.and_then(date).unwrap_or_else(|| "–".to_owned());
                painter.text(
                    egui::pos2(cell_rect.left(), mid),
                    Align2::LEFT_CENTER,
                    text,
                    small.clone(),
                    palette.weak_text,
                );
            }
            Column::Analyst => {
                let text = match doc.analysts.as_slice() {
                    [] => "–".to_owned(),
                    [one] => one.clone(),
                    [first, rest @ ..] => format!("{first} +{}", rest.len()),
                };
                one_line(
                    painter,
                    egui::pos2(cell_rect.left(), mid),
                    &text,
                    small.clone(),
                    palette.weak_text,
                    cell.width,
                );
            }
            _ => {}
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrow_panels_drop_the_last_columns_first() {
        let (title, cells) = layout(600.0);
        assert_eq!(cells.len(), 6);
        assert!(title >= TITLE_MIN);
        let (_, cells) = layout(400.0);
        assert_eq!(cells.len(), 5, "the analyst goes first");
        let (_, cells) = layout(330.0);
        assert_eq!(cells.len(), 4, "then the date");
        let (title, cells) = layout(260.0);
        assert!(
            matches!(
                cells,
                [Cell {
                    column: Column::Checked,
                    ..
                }]
            ),
            "progress stays"
        );
        assert!(title >= TITLE_MIN);
    }
}
