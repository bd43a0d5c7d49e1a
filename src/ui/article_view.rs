//! The article view: title and paragraphs with highlights, and the mouse gestures that make a
//! selection (drag, double-click, Shift+click) or pick an annotation (click on a highlight).

use std::ops::Range;
use std::sync::Arc;

use egui::{Align, Color32, CursorIcon, FontId, Galley, Pos2, Rect, Sense, Stroke, Vec2};

use super::highlight::{self, ParagraphStyle};
use super::theme::Palette;
use crate::model::{AnnotationId, Session, Span, Tag, words};

/// Body text size at zoom 1.0.
const BODY_SIZE: f32 = 17.0;
/// Widest text column (points at zoom 1.0): about 75 characters, a comfortable line length.
const MAX_COLUMN: f32 = 700.0;

/// What the view remembers between frames: the pending selection and the chosen annotation.
#[derive(Default)]
pub struct ViewState {
    /// Text selected but not yet tagged (byte range, already snapped).
    pub selection: Option<Span>,
    /// The annotation shown in the inspector.
    pub selected: Option<AnnotationId>,
    /// Scroll the article so this annotation is visible, then clear.
    pub scroll_to: Option<AnnotationId>,
    /// Where the current drag started (byte offset).
    drag_anchor: Option<usize>,
    /// Paragraphs laid out in the last frame, for mapping text to screen positions.
    placed: Vec<Placed>,
}

impl ViewState {
    /// Selects an annotation (clearing any text selection) and scrolls to it.
    pub fn select_annotation(&mut self, id: AnnotationId) {
        self.selection = None;
        self.selected = Some(id);
        self.scroll_to = Some(id);
    }

    /// Clears both the text selection and the selected annotation.
    pub fn clear(&mut self) {
        self.selection = None;
        self.selected = None;
    }

    /// Screen rectangles covering the byte range `span` of the article, one per row, as laid
    /// out in the last frame (empty when that text was not laid out).
    pub fn screen_rects(&self, text: &str, span: Span) -> Vec<Rect> {
        let mut rects = Vec::new();
        for para in &self.placed {
            let clipped = Span::new(
                span.start.max(para.range.start),
                span.end.min(para.range.end),
            );
            if clipped.is_empty() {
                continue;
            }
            let para_text = &text[para.range.clone()];
            let lo = highlight::char_of_byte(para_text, clipped.start - para.range.start);
            let hi = highlight::char_of_byte(para_text, clipped.end - para.range.start);
            rects.extend(
                highlight::range_rects(&para.galley, lo..hi)
                    .into_iter()
                    .map(|r| r.translate(para.origin.to_vec2())),
            );
        }
        rects
    }
}

/// A paragraph laid out this frame.
struct Placed {
    range: Range<usize>,
    origin: Pos2,
    galley: Arc<Galley>,
}

/// Shows the article and handles pointer gestures on it. Returns a tag when one of the
/// buttons beside the selection was clicked.
pub fn show(
    ui: &mut egui::Ui,
    session: &Session,
    state: &mut ViewState,
    palette: &Palette,
    zoom: f32,
) -> Option<Tag> {
    let mut clicked_tag = None;
    egui::ScrollArea::vertical()
        .id_salt("article-scroll")
        .auto_shrink(false)
        .show(ui, |ui| {
            let placed = lay_out(ui, session, state, palette, zoom);
            handle_pointer(ui, session, state, &placed);
            clicked_tag = selection_toolbar(ui, session.article().text(), state, palette, &placed);
            state.placed = placed;
        });
    clicked_tag
}

fn lay_out(
    ui: &mut egui::Ui,
    session: &Session,
    state: &mut ViewState,
    palette: &Palette,
    zoom: f32,
) -> Vec<Placed> {
    let article = session.article();
    let text = article.text();
    let body = BODY_SIZE * zoom;
    let column = (ui.available_width() - 48.0).clamp(120.0, MAX_COLUMN * zoom);
    let left = ui.max_rect().left() + ((ui.available_width() - column) / 2.0).max(0.0);

    ui.add_space(28.0 * zoom);
    let title = ui.painter().layout(
        article.title().to_owned(),
        FontId::proportional(body * 1.6),
        palette.text,
        column,
    );
    paint_block(ui, left, &title);
    if let Some(source) = article.source() {
        ui.add_space(4.0);
        let source = ui.painter().layout(
            source.to_owned(),
            FontId::proportional(body * 0.75),
            palette.weak_text,
            column,
        );
        paint_block(ui, left, &source);
    }
    ui.add_space(body);

    let mut placed = Vec::with_capacity(article.paragraphs().len());
    for para in article.paragraphs() {
        let heading = looks_like_heading(&text[para.clone()]);
        let size = if heading { body * 1.22 } else { body };
        if heading {
            ui.add_space(body * 0.6);
        }
        let annotations: Vec<_> = session.overlapping(para.clone()).collect();
        let style = ParagraphStyle {
            font: FontId::proportional(size),
            color: palette.text,
            line_height: size * 1.6,
            wrap_width: column,
        };
        let job = highlight::paragraph_job(
            text,
            para.clone(),
            &annotations,
            state.selection,
            palette,
            &style,
        );
        let galley = ui.painter().layout_job(job);
        let origin = paint_block(ui, left, &galley);

        let para_text = &text[para.clone()];
        let to_chars = |span: Span| {
            let lo = span.start.max(para.start) - para.start;
            let hi = span.end.min(para.end) - para.start;
            highlight::char_of_byte(para_text, lo)..highlight::char_of_byte(para_text, hi)
        };
        let spans: Vec<Span> = annotations.iter().map(|a| a.span).collect();
        let lanes = highlight::underline_lanes(&spans);
        let painter = ui.painter();
        for (annotation, lane) in annotations.iter().zip(lanes) {
            let color = palette.tag_color(annotation.tag);
            #[allow(clippy::cast_precision_loss)] // lanes are a handful
            let drop = size * 0.72 + lane as f32 * 3.0;
            for rect in highlight::range_rects(&galley, to_chars(annotation.span)) {
                let rect = rect.translate(origin.to_vec2());
                let y = rect.center().y + drop;
                painter.line_segment(
                    [Pos2::new(rect.left(), y), Pos2::new(rect.right(), y)],
                    Stroke::new(2.0, color),
                );
            }
            if state.selected == Some(annotation.id) {
                let rects = highlight::range_rects(&galley, to_chars(annotation.span));
                for rect in &rects {
                    painter.rect_stroke(
                        rect.translate(origin.to_vec2()).expand(1.5),
                        3.0,
                        Stroke::new(1.5, palette.focus),
                        egui::StrokeKind::Outside,
                    );
                }
                if state.scroll_to == Some(annotation.id)
                    && let Some(first) = rects.first()
                {
                    ui.scroll_to_rect(first.translate(origin.to_vec2()), Some(Align::Center));
                    state.scroll_to = None;
                }
            }
        }
        placed.push(Placed {
            range: para.clone(),
            origin,
            galley,
        });
        ui.add_space(size * 0.7);
    }
    if article.paragraphs().is_empty() {
        ui.label("This article has no text.");
    }
    ui.add_space(48.0);
    placed
}

/// Allocates the galley's height across the full width and paints it at `left`.
fn paint_block(ui: &mut egui::Ui, left: f32, galley: &Arc<Galley>) -> Pos2 {
    let (rect, _) = ui.allocate_exact_size(
        Vec2::new(ui.available_width(), galley.size().y),
        Sense::hover(),
    );
    let origin = Pos2::new(left, rect.top());
    if ui.is_rect_visible(rect) {
        ui.painter()
            .galley(origin, galley.clone(), Color32::PLACEHOLDER);
    }
    origin
}

/// Short lines without closing punctuation read as section headings in plain-text articles.
fn looks_like_heading(line: &str) -> bool {
    let line = line.trim();
    let starts_upper = line.chars().next().is_some_and(char::is_uppercase);
    let ends_open = !line.ends_with(['.', '!', '?', ':', ';', ',', '"', '\'', '”', '»', ')', '…']);
    starts_upper && ends_open && line.chars().count() <= 80
}

fn handle_pointer(ui: &mut egui::Ui, session: &Session, state: &mut ViewState, placed: &[Placed]) {
    let (Some(first), Some(last)) = (placed.first(), placed.last()) else {
        return;
    };
    let area = Rect::from_min_max(
        Pos2::new(ui.max_rect().left(), first.origin.y),
        Pos2::new(ui.max_rect().right(), last.origin.y + last.galley.size().y),
    );
    let response = ui
        .interact(
            area,
            ui.scope_id().with("article-text"),
            Sense::click_and_drag(),
        )
        .on_hover_cursor(CursorIcon::Text);
    let text = session.article().text();
    let (modifiers, press_origin) = ui.input(|i| (i.modifiers, i.pointer.press_origin()));

    if response.drag_started()
        && let Some(anchor) = press_origin.and_then(|p| offset_at(placed, text, p))
    {
        state.drag_anchor = Some(anchor);
        state.selected = None;
    }
    if response.dragged()
        && let (Some(anchor), Some(head)) = (
            state.drag_anchor,
            response
                .interact_pointer_pos()
                .and_then(|p| offset_at(placed, text, p)),
        )
    {
        let range = anchor.min(head)..anchor.max(head);
        let range = if modifiers.alt {
            words::trim_whitespace(text, range)
        } else {
            words::snap_to_words(text, range)
        };
        state.selection = (!range.is_empty()).then(|| Span::from(range));
    }
    if response.drag_stopped() {
        state.drag_anchor = None;
    }

    let Some(pos) = response.interact_pointer_pos() else {
        return;
    };
    if response.double_clicked() {
        if let Some(word) = offset_at(placed, text, pos).and_then(|o| words::word_at(text, o)) {
            state.selection = Some(Span::from(word));
            state.selected = None;
        }
    } else if response.clicked()
        && let Some(offset) = offset_at(placed, text, pos)
    {
        if modifiers.shift
            && let Some(sel) = state.selection
        {
            let range = sel.start.min(offset)..sel.end.max(offset);
            state.selection = Some(Span::from(words::snap_to_words(text, range)));
            return;
        }
        let hits = session.at(offset);
        state.selection = None;
        state.selected = if hits.is_empty() {
            None
        } else {
            // Repeated clicks cycle through overlapping annotations, innermost first.
            let next = state
                .selected
                .and_then(|id| hits.iter().position(|a| a.id == id))
                .map_or(0, |i| (i + 1) % hits.len());
            Some(hits[next].id)
        };
    }
}

/// The byte offset of the text under `pos`: inside a paragraph, the nearest character
/// boundary; above or between paragraphs, the start of the next one; below all, the end.
fn offset_at(placed: &[Placed], text: &str, pos: Pos2) -> Option<usize> {
    let last = placed.last()?;
    let Some(para) = placed
        .iter()
        .find(|p| pos.y <= p.origin.y + p.galley.size().y)
    else {
        return Some(last.range.end);
    };
    if pos.y < para.origin.y {
        return Some(para.range.start);
    }
    let cursor = para.galley.cursor_from_pos(pos - para.origin);
    let para_text = &text[para.range.clone()];
    Some(para.range.start + highlight::byte_of_char(para_text, cursor.index.0))
}

/// Buttons under the pending selection to tag it without the keyboard.
fn selection_toolbar(
    ui: &egui::Ui,
    text: &str,
    state: &ViewState,
    palette: &Palette,
    placed: &[Placed],
) -> Option<Tag> {
    let selection = state.selection?;
    if state.drag_anchor.is_some() {
        return None;
    }
    let last_byte = selection.end.saturating_sub(1);
    let para = placed.iter().find(|p| p.range.contains(&last_byte))?;
    let para_text = &text[para.range.clone()];
    let lo = highlight::char_of_byte(
        para_text,
        selection.start.max(para.range.start) - para.range.start,
    );
    let hi = highlight::char_of_byte(
        para_text,
        selection.end.min(para.range.end) - para.range.start,
    );
    let last_row = *highlight::range_rects(&para.galley, lo..hi).last()?;
    let anchor = last_row.translate(para.origin.to_vec2()).left_bottom() + Vec2::new(0.0, 6.0);
    if !ui.clip_rect().contains(anchor) {
        return None;
    }
    let mut chosen = None;
    egui::Area::new(ui.scope_id().with("selection-toolbar"))
        .order(egui::Order::Foreground)
        .fixed_pos(anchor)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.horizontal(|ui| {
                    for tag in Tag::ALL {
                        let label =
                            egui::RichText::new(format!("{} ({})", tag.label(), tag.digit()));
                        let button = egui::Button::new(label)
                            .fill(palette.tint(tag))
                            .stroke(Stroke::new(1.0, palette.tag_color(tag)));
                        if ui
                            .add(button)
                            .on_hover_text(format!(
                                "Tag the selection as a {} (key {} or {})",
                                tag.label().to_lowercase(),
                                tag.digit(),
                                tag.letter()
                            ))
                            .clicked()
                        {
                            chosen = Some(tag);
                        }
                    }
                });
            });
        });
    chosen
}
