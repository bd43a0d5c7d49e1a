//! Per-frame drawing configuration, the lazy-layout state kept across frames, and the
//! previous frame's geometry.

use std::sync::Arc;

use egui::FontId;
use egui::emath::GuiRounding as _;

use super::blocks::{self, Block};
use super::heights::HeightIndex;
use super::paragraphs::{ParagraphCache, StyleKey};
use crate::model::Article;
use crate::ui::highlight::ParagraphStyle;
use crate::ui::theme::Palette;

/// Lazy-layout state, kept across frames.
#[derive(Default)]
pub(super) struct Layout {
    /// The current article's layout blocks, computed once per article.
    pub(super) metrics: Option<Metrics>,
    /// Slot heights of every block, and what they were measured for.
    pub(super) index: HeightIndex,
    pub(super) index_key: Option<IndexKey>,
    pub(super) cache: ParagraphCache,
    /// The previous frame's geometry, for jumping to an annotation before the scroll area
    /// is shown and for keeping the reader's place when the width changes.
    pub(super) last: Option<LastFrame>,
    /// The block at the top of a reopened document's previous view, and how much of it was
    /// scrolled past: its first frame starts there.
    pub(super) resume: Option<(usize, f32)>,
}

/// An article's layout blocks (with their character counts and heading flags).
pub(super) struct Metrics {
    pub(super) article: Arc<Article>,
    pub(super) blocks: Vec<Block>,
}

impl Metrics {
    pub(super) fn new(article: &Arc<Article>) -> Self {
        Self {
            article: Arc::clone(article),
            blocks: blocks::blocks(article.text(), article.paragraphs()),
        }
    }
}

/// What block heights depend on.
#[derive(Clone, Copy, PartialEq)]
pub(super) struct IndexKey {
    pub(super) wrap_width: f32,
    pub(super) body: f32,
    pub(super) spacing: f32,
    pub(super) pixels_per_point: f32,
}

/// How this frame draws paragraphs.
#[derive(Clone, Copy)]
pub(super) struct Config {
    pub(super) body: f32,
    pub(super) column: f32,
    pub(super) spacing: f32,
    pub(super) pixels_per_point: f32,
    pub(super) palette: Palette,
}

impl Config {
    pub(super) fn size(&self, heading: bool) -> f32 {
        if heading { self.body * 1.22 } else { self.body }
    }

    pub(super) fn style(&self, heading: bool) -> ParagraphStyle {
        let size = self.size(heading);
        ParagraphStyle {
            font: FontId::proportional(size),
            color: self.palette.text,
            line_height: size * 1.6,
            wrap_width: self.column,
        }
    }

    /// Space above a block (headings get extra; never a chunk after a paragraph's first).
    pub(super) fn gap_above(&self, block: &Block) -> f32 {
        if block.heading && block.first {
            (self.body * 0.6).round_ui()
        } else {
            0.0
        }
    }

    /// A block's whole slot: gap above, text, and after a paragraph's last block the item
    /// spacing and the gap below. The chunks of a long paragraph get no gaps between them, so
    /// their rows follow each other at the paragraph's line height.
    pub(super) fn slot(&self, text_height: f32, block: &Block) -> f32 {
        let below = if block.last {
            self.spacing + (self.size(block.heading) * 0.7).round_ui()
        } else {
            0.0
        };
        self.gap_above(block) + text_height + below
    }

    pub(super) fn index_key(&self) -> IndexKey {
        IndexKey {
            wrap_width: self.column.round(),
            body: self.body,
            spacing: self.spacing,
            pixels_per_point: self.pixels_per_point,
        }
    }

    pub(super) fn style_key(&self) -> StyleKey {
        StyleKey {
            wrap_width: self.column.round(),
            body: self.body,
            pixels_per_point: self.pixels_per_point,
            palette: self.palette,
        }
    }
}

/// The previous frame's geometry.
pub(super) struct LastFrame {
    pub(super) config: Config,
    /// Scroll offset minus the visible top in content coordinates (the scroll area's margin).
    pub(super) margin: f32,
    pub(super) visible_height: f32,
    /// Height of the title block above the first paragraph.
    pub(super) header: f32,
    /// Visible range, relative to the first paragraph's top.
    pub(super) visible: (f64, f64),
    /// The block at the top of the view, and how much of it (0..1) was scrolled past.
    pub(super) first_visible: Option<(usize, f32)>,
    /// Largest scroll offset for last frame's content height.
    pub(super) max_offset: f32,
}
