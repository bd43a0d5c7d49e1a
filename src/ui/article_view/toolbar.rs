//! The selection toolbar: tag buttons beside the pending selection, placed so they never
//! cover the text being judged; for a current suggestion they accept it as that tag (its own
//! tag's in bold) and a Reject button follows.

use egui::{Pos2, Rect, Stroke, Vec2};

use super::{Placed, ViewState, placed_rects};
use crate::model::Tag;

/// What a click in the toolbar asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pick {
    /// Tag the selection (accept the current suggestion as this tag).
    Tag(Tag),
    /// Reject the current suggestion.
    Reject,
}
use crate::ui::theme::Palette;

/// Space between the selection's rows and the toolbar.
const GAP: f32 = 6.0;

/// Buttons beside the pending selection to tag it without the keyboard; `suggested` is the
/// tag of the suggestion the selection is, if it is the current one.
pub(super) fn selection_toolbar(
    ui: &egui::Ui,
    text: &str,
    state: &ViewState,
    palette: &Palette,
    placed: &[Placed],
    suggested: Option<Tag>,
) -> Option<Pick> {
    let selection = state.selection?;
    if state.drag_anchor.is_some() {
        return None;
    }
    let clip = ui.clip_rect();
    let rows: Vec<Rect> = placed_rects(placed, text, selection)
        .into_iter()
        .filter(|row| clip.intersects(*row))
        .collect();
    let id = ui.scope_id().with("selection-toolbar");
    // Its size as last shown (an estimate the first time, before egui has measured it).
    let size = ui.ctx().memory(|m| m.area_rect(id)).map_or_else(
        || Vec2::new(280.0, ui.spacing().interact_size.y + 14.0),
        |rect| rect.size(),
    );
    let top_left = place(&rows, size, clip)?;
    let mut chosen = None;
    egui::Area::new(id)
        .order(egui::Order::Foreground)
        .fixed_pos(top_left)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.horizontal(|ui| {
                    for tag in Tag::ALL {
                        let mut label =
                            egui::RichText::new(format!("{} ({})", tag.label(), tag.digit()));
                        let own = suggested == Some(tag);
                        if own {
                            label = label.strong();
                        }
                        let button =
                            egui::Button::new(label)
                                .fill(palette.tint(tag))
                                .stroke(Stroke::new(
                                    if own { 2.0 } else { 1.0 },
                                    palette.tag_color(tag),
                                ));
                        let what = tag.label().to_lowercase();
                        let hover = match suggested {
                            None => format!(
                                "Tag the selection as a {what} (key {} or {})",
                                tag.digit(),
                                tag.letter()
                            ),
                            Some(_) if own => format!("Accept the suggested {what} (key A)"),
                            Some(_) => format!(
                                "Accept the suggestion as a {what} (key {} or {})",
                                tag.digit(),
                                tag.letter()
                            ),
                        };
                        if ui.add(button).on_hover_text(hover).clicked() {
                            chosen = Some(Pick::Tag(tag));
                        }
                    }
                    if suggested.is_some() {
                        ui.separator();
                        if ui
                            .button("Reject (X)")
                            .on_hover_text("Reject the suggestion: it is not suggested again")
                            .clicked()
                        {
                            chosen = Some(Pick::Reject);
                        }
                    }
                });
            });
        });
    chosen
}

/// Top-left corner of a toolbar of `size` for the selection's rows on screen (`rows`, in
/// order): above the first row, else (no room at the top of the view) below the last, else
/// at the top of the view; always inside the view horizontally. None when no row is on
/// screen.
fn place(rows: &[Rect], size: Vec2, clip: Rect) -> Option<Pos2> {
    let (first, last) = (rows.first()?, rows.last()?);
    let above = first.top() - GAP - size.y;
    let below = last.bottom() + GAP;
    let (y, x) = if above >= clip.top() {
        (above, first.left())
    } else if below + size.y <= clip.bottom() {
        (below, last.left())
    } else {
        (clip.top() + GAP, first.left())
    };
    let x = x.min(clip.right() - GAP - size.x).max(clip.left() + GAP);
    Some(Pos2::new(x, y))
}

#[cfg(test)]
mod tests {
    use super::*;

    const VIEW: Rect = Rect::from_min_max(Pos2::new(0.0, 100.0), Pos2::new(800.0, 700.0));
    const SIZE: Vec2 = Vec2::new(300.0, 30.0);

    fn row(x: f32, y: f32) -> Rect {
        Rect::from_min_size(Pos2::new(x, y), Vec2::new(200.0, 27.0))
    }

    #[test]
    fn above_the_first_row_below_when_no_room_inside_the_view_across() {
        let rows = [row(100.0, 400.0), row(50.0, 427.0)];
        assert_eq!(place(&rows, SIZE, VIEW), Some(Pos2::new(100.0, 364.0)));
        // The first row at the top of the view: below the last row instead.
        let rows = [row(100.0, 110.0), row(50.0, 137.0)];
        assert_eq!(place(&rows, SIZE, VIEW), Some(Pos2::new(50.0, 170.0)));
        // On the last visible line: still above it.
        let rows = [row(100.0, 670.0)];
        assert_eq!(place(&rows, SIZE, VIEW), Some(Pos2::new(100.0, 634.0)));
        // Near the right edge: pulled in.
        let rows = [row(700.0, 400.0)];
        assert_eq!(place(&rows, SIZE, VIEW), Some(Pos2::new(494.0, 364.0)));
        assert_eq!(place(&[], SIZE, VIEW), None);
    }
}
