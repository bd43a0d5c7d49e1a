//! Marking pending suggestions in the laid-out blocks: a dotted underline in the tag's
//! suggestion colour and no tint, so a suggestion never passes for an annotation (tinted, with
//! a solid underline); the current one's line is thicker (and, being the selection, it is also
//! grey with a dashed outline).
//!
//! A frame costs what is on screen, not the number of suggestions: each block's lines come
//! from the pending store's query over the block (a binary search) and are kept until the
//! block's layout, the suggestions, the session, the tags shown or the current suggestion
//! change; every dot of the frame goes into one mesh, which needs no tessellation.

use std::collections::HashMap;
use std::sync::Arc;

use egui::{Color32, Galley, Mesh, Pos2, Rect, Shape};

use super::Placed;
use crate::model::{Session, Span, Tag};
use crate::suggest::{Pending, Suggestion};
use crate::ui::highlight;
use crate::ui::theme::Palette;

/// The suggestions the article marks.
pub struct SuggestionMarks<'a> {
    /// The pending suggestions of the open document.
    pub pending: &'a Pending,
    /// Changes whenever `pending` is replaced (the session's revision tells its refreshes).
    pub version: u64,
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
/// Line thickness of a suggestion, and of the current one.
const THIN: f32 = 1.5;
const THICK: f32 = 2.5;

/// One dotted line, relative to its block's origin.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Line {
    from: f32,
    to: f32,
    y: f32,
    width: f32,
    color: Color32,
}

/// What a block's lines were worked out for.
struct Entry {
    /// The block's layout (held, so its address cannot be reused by another galley).
    galley: Arc<Galley>,
    key: (u64, u64, [bool; 3], Option<(Span, Tag)>, Palette),
    lines: Vec<Line>,
    used: bool,
}

/// The lines of the blocks drawn in the last frame, by their first byte.
#[derive(Default)]
pub(super) struct MarkCache {
    entries: HashMap<usize, Entry>,
}

/// Draws the dotted underlines of the suggestions over the blocks on screen, each in the
/// first lane below the text that no overlapping annotation or suggestion uses there.
pub(super) fn mark_suggestions(
    ui: &egui::Ui,
    session: &Session,
    placed: &[Placed],
    marks: &SuggestionMarks<'_>,
    palette: &Palette,
    cache: &mut MarkCache,
) {
    let key = (
        marks.version,
        marks.pending.changes(),
        marks.shown,
        marks.current,
        *palette,
    );
    let pixels = ui.ctx().pixels_per_point();
    let snap = |v: f32| (v * pixels).round() / pixels;
    let mut mesh = Mesh::default();
    for entry in cache.entries.values_mut() {
        entry.used = false;
    }
    for block in placed {
        let area = Rect::from_min_size(block.origin, block.galley.size());
        if !ui.is_rect_visible(area.expand(8.0)) {
            continue;
        }
        let start = block.range.start;
        let fresh = cache
            .entries
            .get(&start)
            .is_none_or(|entry| entry.key != key || !Arc::ptr_eq(&entry.galley, &block.galley));
        if fresh {
            let lines = block_lines(session, block, marks, palette);
            cache.entries.insert(
                start,
                Entry {
                    galley: Arc::clone(&block.galley),
                    key,
                    lines,
                    used: true,
                },
            );
        }
        let Some(entry) = cache.entries.get_mut(&start) else {
            continue;
        };
        entry.used = true;
        for line in &entry.lines {
            let y = snap(block.origin.y + line.y);
            let mut x = snap(block.origin.x + line.from);
            let end = block.origin.x + line.to;
            while x < end {
                let dot = Rect::from_min_max(
                    Pos2::new(x, y - line.width / 2.0),
                    Pos2::new((x + DOT).min(end), y + line.width / 2.0),
                );
                mesh.add_colored_rect(dot, line.color);
                x += DOT + GAP;
            }
        }
    }
    cache.entries.retain(|_, entry| entry.used);
    if !mesh.is_empty() {
        ui.painter().add(Shape::mesh(mesh));
    }
}

/// The dotted lines of the suggestions over `block`, relative to its origin.
fn block_lines(
    session: &Session,
    block: &Placed,
    marks: &SuggestionMarks<'_>,
    palette: &Palette,
) -> Vec<Line> {
    let range = block.range.clone();
    let suggested: Vec<&Suggestion> = marks
        .pending
        .overlapping(range.clone())
        .filter(|s| marks.shown[s.tag().index()])
        .collect();
    if suggested.is_empty() {
        return Vec::new();
    }
    let annotations: Vec<Span> = session.overlapping(range.clone()).map(|a| a.span).collect();
    let lanes = lanes_below(&annotations, &suggested);
    let block_text = &session.article().text()[range.clone()];
    let mut lines = Vec::new();
    for (suggestion, lane) in suggested.iter().zip(lanes) {
        let current = marks
            .current
            .is_some_and(|(span, _)| span == suggestion.span);
        let chars = highlight::char_range(block_text, range.start, suggestion.span);
        for rect in highlight::range_rects(&block.galley, chars) {
            // Where the annotations' first underline goes (0.72 of the font size below the
            // row's middle, the row being 1.6 font sizes), then a lane further.
            #[allow(clippy::cast_precision_loss)] // lanes are a handful
            let below = rect.height() * 0.45 + lane.min(DEEPEST) as f32 * LANE;
            lines.push(Line {
                from: rect.left(),
                to: rect.right(),
                y: rect.center().y + below,
                width: if current { THICK } else { THIN },
                color: palette.suggestion_color(suggestion.tag()),
            });
        }
    }
    lines
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
