//! Marking pending suggestions in the laid-out blocks: a dotted underline in the tag's
//! suggestion colour and no tint, so a suggestion never passes for an annotation (tinted, with
//! a solid underline); the current one's line is thicker (and, being the selection, it is also
//! grey with a dashed outline). Each block asks the pending store for the suggestions over it
//! (a binary search), so a frame costs what is on screen, not the number of suggestions.

use egui::{Pos2, Stroke};

use super::Placed;
use crate::model::{Session, Span, Tag};
use crate::suggest::{Pending, Suggestion};
use crate::ui::highlight;
use crate::ui::theme::Palette;

/// The suggestions the article marks.
pub struct SuggestionMarks<'a> {
    /// The pending suggestions of the open document.
    pub pending: &'a Pending,
    /// Which tags are shown, by [`crate::model::Tag::index`].
    pub shown: [bool; 3],
    /// The current suggestion's span (drawn thicker) and tag.
    pub current: Option<(Span, Tag)>,
}

/// Space between stacked underlines, as the annotations' lanes use.
const LANE: f32 = 3.0;
/// The deepest lane drawn: further down a line would run into the next row's letters, so a
/// rare pile-up shares it.
const DEEPEST: usize = 2;
/// A dot's length and the gap after it.
const DOT: f32 = 2.0;
const GAP: f32 = 2.5;

/// Draws the dotted underlines of the suggestions over the blocks on screen, each in the
/// first lane below the text that no overlapping annotation or suggestion uses there.
pub(super) fn mark_suggestions(
    ui: &egui::Ui,
    session: &Session,
    placed: &[Placed],
    marks: &SuggestionMarks<'_>,
    palette: &Palette,
) {
    let text = session.article().text();
    let painter = ui.painter();
    for block in placed {
        let area = egui::Rect::from_min_size(block.origin, block.galley.size());
        if !ui.is_rect_visible(area.expand(8.0)) {
            continue;
        }
        let range = block.range.clone();
        let suggested: Vec<&Suggestion> = marks
            .pending
            .overlapping(range.clone())
            .filter(|s| marks.shown[s.tag().index()])
            .collect();
        if suggested.is_empty() {
            continue;
        }
        let annotations: Vec<Span> = session.overlapping(range.clone()).map(|a| a.span).collect();
        let lanes = lanes_below(&annotations, &suggested);
        let block_text = &text[range.clone()];
        for (suggestion, lane) in suggested.iter().zip(lanes) {
            let current = marks
                .current
                .is_some_and(|(span, _)| span == suggestion.span);
            let stroke = Stroke::new(
                if current { 2.5 } else { 1.5 },
                palette.suggestion_color(suggestion.tag()),
            );
            let chars = highlight::char_range(block_text, range.start, suggestion.span);
            for rect in highlight::range_rects(&block.galley, chars) {
                let rect = rect.translate(block.origin.to_vec2());
                // Where the annotations' first underline goes (0.72 of the font size below
                // the row's middle, the row being 1.6 font sizes), then a lane further.
                #[allow(clippy::cast_precision_loss)] // lanes are a handful
                let y = rect.center().y + rect.height() * 0.45 + lane.min(DEEPEST) as f32 * LANE;
                let line = [Pos2::new(rect.left(), y), Pos2::new(rect.right(), y)];
                painter.extend(egui::Shape::dashed_line(&line, stroke, DOT, GAP));
            }
        }
    }
}

/// Lanes for `suggested` (in document order): the annotations keep the lanes the paragraph
/// cache gives their underlines; each suggestion takes the first lane where it overlaps
/// nothing already there.
fn lanes_below(annotations: &[Span], suggested: &[&Suggestion]) -> Vec<usize> {
    let mut occupied: Vec<Vec<Span>> = Vec::new();
    for (span, lane) in annotations
        .iter()
        .zip(highlight::underline_lanes(annotations))
    {
        if occupied.len() <= lane {
            occupied.resize_with(lane + 1, Vec::new);
        }
        occupied[lane].push(*span);
    }
    suggested
        .iter()
        .map(|s| {
            let free = occupied
                .iter()
                .position(|lane| lane.iter().all(|other| !other.overlaps(s.span)));
            let lane = free.unwrap_or(occupied.len());
            if lane == occupied.len() {
                occupied.push(Vec::new());
            }
            occupied[lane].push(s.span);
            lane
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suggest::Kind;

    fn suggestion(start: usize, end: usize) -> Suggestion {
        Suggestion {
            kind: Kind::Statistic,
            span: Span::new(start, end),
            reason: String::new(),
            speaker: None,
            score: 0,
        }
    }

    #[test]
    fn suggestions_go_below_the_annotations_they_overlap() {
        // An annotation over 10..20 (lane 0) with one nested in it (lane 1).
        let annotations = [Span::new(10, 20), Span::new(12, 14)];
        let claim = suggestion(0, 30);
        let statistic = suggestion(12, 14);
        let apart = suggestion(40, 45);
        let lanes = lanes_below(&annotations, &[&claim, &statistic, &apart]);
        assert_eq!(lanes, [2, 3, 0]);
        assert_eq!(lanes_below(&[], &[&claim, &statistic]), [0, 1]);
    }
}
