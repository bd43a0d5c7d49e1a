//! The article view's block cache: for each layout block (a paragraph, or a chunk of a long
//! one) laid out recently, its styled layout job, galley, overlapping annotations and underline
//! marks, rebuilt only when something that changes them changes (style, the pending selection
//! over it, or the annotations touching it). Everything here is per block: its annotations come
//! from an interval query of the block's range, never from the whole paragraph's.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::hash::{DefaultHasher, Hash as _, Hasher as _};
use std::ops::Range;
use std::sync::Arc;

use egui::text::LayoutJob;
use egui::{Color32, Galley, Pos2};

use super::super::highlight::{self, ParagraphStyle};
use super::super::theme::Palette;
use crate::model::{Annotation, AnnotationId, Session, Span};

/// Cached blocks beyond this many are dropped when not used in the last frame.
const KEEP: usize = 256;

/// What every paragraph's look depends on besides its own annotations and selection. When it
/// changes, the whole cache is dropped.
#[derive(Clone, Copy, PartialEq)]
pub(super) struct StyleKey {
    /// Wrap width, rounded to whole points as epaint does.
    pub wrap_width: f32,
    /// Body text size (zoom included).
    pub body: f32,
    /// Physical pixels per point (galleys are snapped to pixels).
    pub pixels_per_point: f32,
    /// Colours.
    pub palette: Palette,
}

/// One laid-out block.
pub(super) struct Paragraph {
    /// Session revision the annotations were last checked against.
    revision: u64,
    /// Hash of the `(id, tag, span)` of the annotations overlapping the paragraph.
    signature: u64,
    /// The pending selection clipped to the paragraph, as drawn.
    selection: Option<Span>,
    job: LayoutJob,
    /// The laid-out text (refreshed from epaint's cache every frame it is used).
    pub galley: Arc<Galley>,
    /// The annotations overlapping the paragraph, in document order.
    pub spans: Vec<(AnnotationId, Span)>,
    /// Underline segments relative to the galley origin, with their colours.
    pub underlines: Vec<([Pos2; 2], Color32)>,
    last_used: u64,
}

/// Blocks by index, for the current [`StyleKey`].
#[derive(Default)]
pub(super) struct ParagraphCache {
    style: Option<StyleKey>,
    entries: HashMap<usize, Paragraph>,
    frame: u64,
    /// Byte ranges handed to epaint's layout since [`ParagraphCache::take_laid_out`].
    laid_out: Vec<Range<usize>>,
}

impl ParagraphCache {
    /// Starts a frame drawn with `style`: drops everything if the style changed, and drops
    /// paragraphs not used in the last frame once there are many.
    pub(super) fn begin_frame(&mut self, style: StyleKey) {
        self.frame += 1;
        if self.style != Some(style) {
            self.entries.clear();
            self.style = Some(style);
        }
        if self.entries.len() > KEEP {
            let recent = self.frame - 1;
            self.entries.retain(|_, p| p.last_used >= recent);
        }
    }

    /// Block `index` (byte range `range`), from the cache when still valid, else built.
    /// O(annotations touching it) when the session changed, O(1) otherwise.
    #[allow(clippy::too_many_arguments)] // the inputs of a paragraph's look, each needed
    pub(super) fn get(
        &mut self,
        painter: &egui::Painter,
        session: &Session,
        index: usize,
        range: Range<usize>,
        style: &ParagraphStyle,
        selection: Option<Span>,
        palette: &Palette,
    ) -> &Paragraph {
        let clipped = selection
            .map(|s| Span::new(s.start.max(range.start), s.end.min(range.end)))
            .filter(|s| !s.is_empty());
        let revision = session.revision();
        let frame = self.frame;
        self.laid_out.push(range.clone());
        let still_valid = |entry: &mut Paragraph| {
            if entry.selection != clipped {
                return false;
            }
            if entry.revision != revision {
                if entry.signature != signature(session.overlapping(range.clone())) {
                    return false;
                }
                entry.revision = revision;
            }
            true
        };
        let rebuild = || {
            build(
                painter,
                session,
                range.clone(),
                style,
                clipped,
                palette,
                revision,
                frame,
            )
        };
        match self.entries.entry(index) {
            Entry::Occupied(occupied) => {
                let entry = occupied.into_mut();
                if still_valid(entry) {
                    entry.last_used = frame;
                    // epaint hands back the same galley while the job is unchanged (a hash
                    // lookup); going through it keeps the glyphs valid if the font atlas was
                    // rebuilt since the paragraph was laid out.
                    entry.galley = painter.layout_job(entry.job.clone());
                } else {
                    *entry = rebuild();
                }
                entry
            }
            Entry::Vacant(vacant) => vacant.insert(rebuild()),
        }
    }
}

impl ParagraphCache {
    /// Block `index` as last built or refreshed by [`ParagraphCache::get`], unchecked.
    pub(super) fn peek(&self, index: usize) -> Option<&Paragraph> {
        self.entries.get(&index)
    }

    /// The byte ranges laid out (or refreshed) since the last call, and forgets them.
    pub(super) fn take_laid_out(&mut self) -> Vec<Range<usize>> {
        std::mem::take(&mut self.laid_out)
    }
}

fn signature<'a>(annotations: impl Iterator<Item = &'a Annotation>) -> u64 {
    let mut hasher = DefaultHasher::new();
    for a in annotations {
        (a.id, a.body.tag, a.span).hash(&mut hasher);
    }
    hasher.finish()
}

#[allow(clippy::too_many_arguments)]
fn build(
    painter: &egui::Painter,
    session: &Session,
    range: Range<usize>,
    style: &ParagraphStyle,
    selection: Option<Span>,
    palette: &Palette,
    revision: u64,
    frame: u64,
) -> Paragraph {
    let text = session.article().text();
    let annotations: Vec<&Annotation> = session.overlapping(range.clone()).collect();
    let job =
        highlight::paragraph_job(text, range.clone(), &annotations, selection, palette, style);
    let galley = painter.layout_job(job.clone());
    let para_text = &text[range.clone()];
    let spans: Vec<Span> = annotations.iter().map(|a| a.span).collect();
    let lanes = highlight::underline_lanes(&spans);
    let size = style.font.size;
    let mut underlines = Vec::new();
    for (annotation, lane) in annotations.iter().zip(lanes) {
        let color = palette.tag_color(annotation.body.tag);
        #[allow(clippy::cast_precision_loss)] // lanes are a handful
        let drop = size * 0.72 + lane as f32 * 3.0;
        let chars = highlight::char_range(para_text, range.start, annotation.span);
        for rect in highlight::range_rects(&galley, chars) {
            let y = rect.center().y + drop;
            underlines.push((
                [Pos2::new(rect.left(), y), Pos2::new(rect.right(), y)],
                color,
            ));
        }
    }
    Paragraph {
        revision,
        signature: signature(annotations.iter().copied()),
        selection,
        job,
        galley,
        spans: annotations.iter().map(|a| (a.id, a.span)).collect(),
        underlines,
        last_used: frame,
    }
}
