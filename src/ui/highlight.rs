//! Turns one paragraph (or a chunk of one) and the annotations over it into a styled
//! `LayoutJob`, and maps character ranges of a laid-out galley back to on-screen rectangles.

use std::ops::Range;

use egui::text::{LayoutJob, LayoutSection, TextFormat};
use egui::{Galley, Rect, Vec2};

use super::theme::Palette;
use crate::model::{Annotation, Span};

/// How a paragraph is drawn.
#[derive(Clone)]
pub struct ParagraphStyle {
    /// Font of the text.
    pub font: egui::FontId,
    /// Text colour.
    pub color: egui::Color32,
    /// Row height; taller than the font so stacked underlines fit between rows.
    pub line_height: f32,
    /// Wrap width in points.
    pub wrap_width: f32,
}

/// Builds the job for the paragraph (or chunk) at `para` (byte range of `text`): tints where
/// annotations cover the text (layered where they overlap), the pending selection on top.
/// `annotations` are those overlapping `para`, in document order. One sweep over the section
/// boundaries: O(a log a + sections × annotations open at once), not sections × annotations.
pub fn paragraph_job(
    text: &str,
    para: Range<usize>,
    annotations: &[&Annotation],
    selection: Option<Span>,
    palette: &Palette,
    style: &ParagraphStyle,
) -> LayoutJob {
    let mut cuts = vec![para.start, para.end];
    let clip = |x: usize| x.clamp(para.start, para.end);
    for a in annotations {
        cuts.extend([clip(a.span.start), clip(a.span.end)]);
    }
    if let Some(sel) = selection {
        cuts.extend([clip(sel.start), clip(sel.end)]);
    }
    cuts.sort_unstable();
    cuts.dedup();

    let base = TextFormat {
        font_id: style.font.clone(),
        color: style.color,
        line_height: Some(style.line_height),
        valign: egui::Align::Center,
        ..TextFormat::default()
    };
    let mut job = LayoutJob {
        text: text[para.clone()].to_owned(),
        wrap: egui::text::TextWrapping::wrap_at_width(style.wrap_width),
        ..LayoutJob::default()
    };
    // Annotations by where they start within `para`; `open` holds those covering the
    // current section, by position in `annotations`, so tints layer in document order.
    let mut by_start: Vec<usize> = (0..annotations.len()).collect();
    by_start.sort_by_key(|&i| clip(annotations[i].span.start));
    let mut next = by_start.iter().copied().peekable();
    let mut open: Vec<usize> = Vec::new();
    for pair in cuts.windows(2) {
        let segment = Span::new(pair[0], pair[1]);
        open.retain(|&i| annotations[i].span.end > segment.start);
        while let Some(i) = next.next_if(|&i| clip(annotations[i].span.start) <= segment.start) {
            if annotations[i].span.overlaps(segment) {
                let at = open.partition_point(|&j| j < i);
                open.insert(at, i);
            }
        }
        let selected = selection.is_some_and(|sel| sel.overlaps(segment));
        let background = if selected {
            palette.selection
        } else if open.is_empty() {
            egui::Color32::TRANSPARENT
        } else {
            palette.layered_tint(open.iter().map(|&i| annotations[i].body.tag))
        };
        job.sections.push(LayoutSection {
            leading_space: 0.0,
            byte_range: egui::text::ByteIndex(segment.start - para.start)
                ..egui::text::ByteIndex(segment.end - para.start),
            format: TextFormat {
                background,
                ..base.clone()
            },
        });
    }
    job
}

/// Rectangles (relative to the galley's origin) covering characters `chars` of the galley,
/// one per row the range touches.
pub fn range_rects(galley: &Galley, chars: Range<usize>) -> Vec<Rect> {
    let mut rects = Vec::new();
    let mut row_start = 0;
    for row in &galley.rows {
        let row_len = row.char_count_excluding_newline().0;
        let lo = chars.start.max(row_start);
        let hi = chars.end.min(row_start + row_len);
        if lo < hi {
            let x0 = row.x_offset(egui::text::CharIndex(lo - row_start));
            let x1 = row.x_offset(egui::text::CharIndex(hi - row_start));
            rects.push(Rect::from_min_size(
                row.pos + Vec2::new(x0, 0.0),
                Vec2::new(x1 - x0, row.height()),
            ));
        }
        row_start += row.char_count_including_newline().0;
        if row_start >= chars.end {
            break;
        }
    }
    rects
}

/// Characters of a paragraph covered by `span`, clipped to the paragraph. `para_text` is the
/// paragraph's text and `para_start` its first byte in the article.
pub fn char_range(para_text: &str, para_start: usize, span: Span) -> Range<usize> {
    let lo = span.start.saturating_sub(para_start).min(para_text.len());
    let hi = span
        .end
        .saturating_sub(para_start)
        .clamp(lo, para_text.len());
    char_of_byte(para_text, lo)..char_of_byte(para_text, hi)
}

/// Character index of byte `byte` within `text` (clamped to the text).
pub fn char_of_byte(text: &str, byte: usize) -> usize {
    let byte = crate::model::words::floor_boundary(text, byte);
    text[..byte].chars().count()
}

/// Byte index of character `index` within `text` (the end of the text if past it).
pub fn byte_of_char(text: &str, index: usize) -> usize {
    text.char_indices()
        .nth(index)
        .map_or(text.len(), |(b, _)| b)
}

/// Assigns each span a lane (0, 1, …) so that spans sharing a lane never overlap: used to
/// stack the underlines of nested annotations instead of drawing them on top of each other.
/// `spans` must be in document order; returns one lane per span.
pub fn underline_lanes(spans: &[Span]) -> Vec<usize> {
    let mut lane_ends: Vec<usize> = Vec::new();
    spans
        .iter()
        .map(|span| {
            if let Some(lane) = lane_ends.iter().position(|&end| end <= span.start) {
                lane_ends[lane] = span.end;
                lane
            } else {
                lane_ends.push(span.end);
                lane_ends.len() - 1
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lanes_separate_nested_spans() {
        let spans = [
            Span::new(0, 40),
            Span::new(5, 10),
            Span::new(12, 20),
            Span::new(45, 50),
        ];
        assert_eq!(underline_lanes(&spans), [0, 1, 1, 0]);
    }

    #[test]
    fn sections_tint_like_a_filter_over_all_annotations() {
        use crate::model::{AnnotationId, Body, Tag};
        let text = "word ".repeat(200);
        let para = 37..901;
        let mut rng = crate::testing::Rng::new(7);
        let mut annotations: Vec<Annotation> = (0..300)
            .map(|i| {
                let start = rng.below(text.len());
                let end = (start + 1 + rng.below(120)).min(text.len());
                Annotation {
                    id: AnnotationId(i),
                    span: Span::new(start, end),
                    body: Body::new(Tag::ALL[rng.below(3)]).into(),
                }
            })
            .filter(|a| a.span.overlaps(Span::from(para.clone())))
            .collect();
        annotations.sort_by_key(|a| (a.span.start, std::cmp::Reverse(a.span.end)));
        let refs: Vec<&Annotation> = annotations.iter().collect();
        let palette = Palette::for_theme(egui::Theme::Light);
        let style = ParagraphStyle {
            font: egui::FontId::proportional(17.0),
            color: egui::Color32::BLACK,
            line_height: 27.0,
            wrap_width: 700.0,
        };
        let job = paragraph_job(&text, para.clone(), &refs, None, &palette, &style);
        assert_eq!(
            job.sections.last().map(|s| s.byte_range.end.0),
            Some(para.len())
        );
        for section in &job.sections {
            let segment = Span::new(
                para.start + section.byte_range.start.0,
                para.start + section.byte_range.end.0,
            );
            let tags: Vec<Tag> = refs
                .iter()
                .filter(|a| a.span.overlaps(segment))
                .map(|a| a.body.tag)
                .collect();
            let expected = if tags.is_empty() {
                egui::Color32::TRANSPARENT
            } else {
                palette.layered_tint(tags)
            };
            assert_eq!(section.format.background, expected, "{segment:?}");
        }
    }

    #[test]
    fn char_byte_round_trip() {
        let text = "Viačorka — 北京";
        for (ci, (bi, _)) in text.char_indices().enumerate() {
            assert_eq!(char_of_byte(text, bi), ci);
            assert_eq!(byte_of_char(text, ci), bi);
        }
        assert_eq!(byte_of_char(text, 999), text.len());
        // "— 北京" starts at byte 11; a span from before the paragraph to inside it.
        assert_eq!(char_range("— 北京", 11, Span::new(2, 15)), 0..2);
        assert_eq!(char_range("— 北京", 11, Span::new(14, 99)), 1..4);
    }
}
