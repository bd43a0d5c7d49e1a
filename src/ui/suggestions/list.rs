//! The Suggestions list (right panel): per tag, a chip that shows or hides that tag's
//! suggestions with how many are pending, and Accept all / Reject all; then one row per
//! pending suggestion in document order, virtualised (only the rows on screen are built, and
//! the rows of a tag filter are cached until the suggestions or the filter change), so 20,000
//! suggestions cost a frame what a dozen do.

use std::ops::Range;

use egui::Stroke;

use super::Suggestions;
use super::row::{ROW_HEIGHT, row};
use crate::model::{Session, Tag};
use crate::ui::commands::{Action, CommandQueue};
use crate::ui::theme::Palette;

/// The list's scroll position and cached rows.
#[derive(Default)]
pub struct ListState {
    /// Scroll to the current suggestion's row in the next frame (it was just stepped to).
    pub follow: bool,
    /// Positions (for `Pending::get`) of the rows shown while some tag is hidden, with what
    /// they were computed for: the suggestions' version, the session revision, the chips.
    rows: Option<(RowsKey, Vec<usize>)>,
    /// Which rows were in view in the last frame.
    in_view: Range<usize>,
}

/// What a tag filter's rows were computed for: the suggestions' version, the session
/// revision, the chips.
type RowsKey = (u64, u64, [bool; 3]);

/// What the panel needs to know about the window.
pub struct ListContext<'a> {
    /// The open session.
    pub session: &'a Session,
    /// Suggestions are switched on (View › Show suggestions).
    pub enabled: bool,
    /// The current suggestion's position among the pending ones, if any.
    pub current: Option<usize>,
    /// Colours.
    pub palette: &'a Palette,
}

/// Shows the Suggestions panel; what the analyst asks for goes onto `commands`, and the tag
/// chips change `shown` directly (a view setting).
pub fn show(
    ui: &mut egui::Ui,
    suggestions: &mut Suggestions,
    shown: &mut [bool; 3],
    cx: &ListContext<'_>,
    commands: &mut CommandQueue,
) {
    let palette = cx.palette;
    let weak = |text: &str| egui::RichText::new(text).color(palette.weak_text);
    if !cx.enabled {
        ui.add_space(8.0);
        ui.label(weak("Suggestions are switched off."));
        if ui.button("Show suggestions").clicked() {
            commands.push(Action::ToggleSuggestions);
        }
        return;
    }
    if suggestions.is_finding() {
        ui.horizontal(|ui| {
            ui.add(egui::Spinner::new());
            ui.label(weak("Finding suggestions…"));
        });
    }
    let Some(counts) = suggestions.counts() else {
        if !suggestions.is_finding() {
            ui.add_space(8.0);
            ui.label(weak("No suggestions found yet."));
            if ui.button("Suggest").clicked() {
                commands.push(Action::Suggest);
            }
        }
        return;
    };
    for tag in Tag::ALL {
        tag_line(ui, tag, counts[tag.index()], shown, palette, commands);
    }
    ui.label(weak("] / [ step · A accept · X reject · 1/2/3 accept as that tag").small());
    ui.separator();
    rows(ui, suggestions, *shown, cx, commands);
}

/// One tag's chip (a click shows or hides its suggestions) with Accept all and Reject all at
/// the right edge; the chip takes what room is left, so a narrow panel never widens.
fn tag_line(
    ui: &mut egui::Ui,
    tag: Tag,
    count: usize,
    shown: &mut [bool; 3],
    palette: &Palette,
    commands: &mut CommandQueue,
) {
    let on = shown[tag.index()];
    let plural = format!("{}s", tag.label().to_lowercase());
    let row = egui::vec2(ui.available_width(), 0.0);
    ui.allocate_ui_with_layout(
        row,
        egui::Layout::right_to_left(egui::Align::Center),
        |ui| {
            let any = count > 0;
            if ui
                .add_enabled(any, egui::Button::new("Reject all").small())
                .on_hover_text(format!(
                    "Reject every suggested {} (one undo step)",
                    tag.label().to_lowercase()
                ))
                .clicked()
            {
                commands.push(Action::RejectAllSuggestions(Some(tag)));
            }
            if ui
                .add_enabled(any, egui::Button::new("Accept all").small())
                .on_hover_text(format!(
                    "Turn every suggested {} into an annotation (one undo step)",
                    tag.label().to_lowercase()
                ))
                .clicked()
            {
                commands.push(Action::AcceptAllSuggestions(Some(tag)));
            }
            ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                let text_color = if on { palette.text } else { palette.weak_text };
                let label =
                    egui::RichText::new(format!("{} {count}", tag.label())).color(text_color);
                let chip = egui::Button::new(label)
                    .fill(egui::Color32::TRANSPARENT)
                    .stroke(Stroke::new(
                        if on { 1.5 } else { 1.0 },
                        palette.suggestion_color(tag),
                    ))
                    .selected(on)
                    .truncate();
                let hover = if on {
                    format!("Showing suggested {plural}: click to hide them")
                } else {
                    format!("Suggested {plural} are hidden: click to show them")
                };
                if ui.add(chip).on_hover_text(hover).clicked() {
                    shown[tag.index()] ^= true;
                }
            });
        },
    );
}

/// The pending suggestions of the shown tags, one row each; only the rows in view are built.
fn rows(
    ui: &mut egui::Ui,
    suggestions: &mut Suggestions,
    shown: [bool; 3],
    cx: &ListContext<'_>,
    commands: &mut CommandQueue,
) {
    let Some(pending) = suggestions.pending.as_ref() else {
        return;
    };
    let all = shown == [true; 3];
    let key = (suggestions.version, cx.session.revision(), shown);
    let state = &mut suggestions.list;
    if !all && state.rows.as_ref().is_none_or(|(k, _)| *k != key) {
        let positions = pending
            .iter()
            .enumerate()
            .filter(|(_, s)| shown[s.tag().index()])
            .map(|(k, _)| k)
            .collect();
        state.rows = Some((key, positions));
    }
    let filtered: Option<&[usize]> = if all {
        None
    } else {
        state.rows.as_ref().map(|(_, rows)| rows.as_slice())
    };
    let total = filtered.map_or(pending.len(), <[usize]>::len);
    if total == 0 {
        ui.add_space(12.0);
        let hint = if pending.found() == 0 {
            "No suggestions for this article: it has no numbers, quotes or check-worthy sentences the rules recognise."
        } else if pending.is_empty() {
            "Nothing left to decide: every suggestion was accepted or rejected (undo brings one back)."
        } else {
            "No suggestion of the tags shown: click a tag above to show it."
        };
        ui.label(egui::RichText::new(hint).color(cx.palette.weak_text));
        return;
    }
    // The row shown at list position `i`, and the list position of pending position `k`.
    let row_of = |i: usize| filtered.map_or(Some(i), |rows| rows.get(i).copied());
    let place_of = |k: usize| filtered.map_or(Some(k), |rows| rows.binary_search(&k).ok());
    let row_step = ROW_HEIGHT + ui.spacing().item_spacing.y;
    let mut area = egui::ScrollArea::vertical()
        .id_salt("suggestion-list")
        .auto_shrink(false);
    if std::mem::take(&mut state.follow)
        && let Some(at) = cx.current.and_then(place_of)
    {
        let seen = state.in_view.clone();
        let visible = seen.start + 1 < seen.end && at > seen.start && at + 1 < seen.end;
        if !visible {
            #[allow(clippy::cast_precision_loss)] // row counts are far below 2^24
            let top = at as f32 * row_step;
            area = area.vertical_scroll_offset((top - row_step * 2.0).max(0.0));
        }
    }
    let text = cx.session.article().text();
    let mut in_view = 0..0;
    area.show_rows(ui, ROW_HEIGHT, total, |ui, range| {
        in_view = range.clone();
        for i in range {
            let Some(k) = row_of(i) else { continue };
            let Some(suggestion) = pending.get(k) else {
                continue;
            };
            let excerpt = suggestion.span.slice(text).unwrap_or_default();
            let current = cx.current == Some(k);
            if row(ui, suggestion, excerpt, current, cx.palette).clicked() {
                commands.push(Action::GoToSuggestion(suggestion.clone()));
            }
        }
    });
    state.in_view = in_view;
}
