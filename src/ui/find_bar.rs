//! The find bar above the article (Ctrl+F): a query field, the match count, previous / next
//! and "match case". The current match becomes the text selection, so finding a phrase and
//! tagging it is Ctrl+F, type, Enter, Esc, 2.

use std::sync::Arc;

use egui::{Key, RichText};

use super::theme::Palette;
use crate::model::search::{self, CaseMatching, Found, MAX_MATCHES};

/// Bytes of the article searched per frame while a search is incomplete: a 5 KB article is
/// searched in the keystroke's frame; a 5 MB one over a few frames, so no keystroke waits for
/// a pass over the whole text (the count fills in as the search goes on).
const BYTES_PER_FRAME: usize = 512 * 1024;
use crate::model::{Article, Span};

/// The find bar's state, kept across frames.
#[derive(Default)]
pub struct FindBar {
    open: bool,
    query: String,
    case: CaseMatching,
    /// Give the field keyboard focus (and select its text) on the next frame.
    focus: bool,
    /// The field had keyboard focus in the last frame (Esc there closes the bar).
    field_focused: bool,
    /// Where the search started: typing jumps to the first match from here.
    origin: usize,
    /// What the search for `computed_for` found: its matches, and where to look when the
    /// query grows.
    found: Found,
    computed_for: Option<(Arc<Article>, String, CaseMatching)>,
    current: Option<usize>,
    /// The text the bar selected last.
    last_selected: Option<Span>,
}

/// What the find bar asks the app to do.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FindEvent {
    /// Select this text and scroll to it.
    Select(Span),
    /// Drop the selection an earlier query made: the query changed and matches nothing now
    /// (so Esc, 2 cannot tag a stale partial match such as the "p" of "per cent").
    ClearSelection,
}

impl FindBar {
    /// Opens the bar with the field focused. A short one-line selection becomes the query;
    /// the search starts at `origin` (the selection or the selected annotation).
    pub fn open(&mut self, selected_text: Option<&str>, origin: usize) {
        if let Some(text) = selected_text.filter(|t| !t.contains('\n') && t.chars().count() <= 80) {
            text.clone_into(&mut self.query);
        }
        self.open = true;
        self.focus = true;
        self.origin = origin;
    }

    /// Closes the bar; the selection it made stays.
    pub fn close(&mut self) {
        self.open = false;
        self.field_focused = false;
    }

    /// True when the query field had keyboard focus in the last frame.
    pub fn field_had_focus(&self) -> bool {
        self.open && self.field_focused
    }

    /// The matches to outline in the article (none while the bar is closed).
    pub fn matches(&self) -> &[Span] {
        if self.open { self.found.matches() } else { &[] }
    }

    /// The next (or previous) match from `cursor` (the selection's start), wrapping around.
    /// Opens the bar when it is closed, so F3 works from anywhere.
    pub fn step(
        &mut self,
        article: &Arc<Article>,
        cursor: Option<usize>,
        forward: bool,
    ) -> Option<FindEvent> {
        if !self.open {
            self.open = true;
            self.focus = true;
        }
        self.refresh(article);
        // Stepping needs every match (to wrap to the last one): finish the search now. It is
        // usually finished already, a few frames after the last keystroke.
        self.resume(article, usize::MAX);
        let matches = self.found.matches();
        if matches.is_empty() {
            return None;
        }
        let len = matches.len();
        let next = match cursor {
            Some(at) if forward => search::first_at_or_after(matches, at + 1)?,
            Some(at) => matches
                .partition_point(|m| m.start < at)
                .checked_sub(1)
                .unwrap_or(len - 1),
            None => match self.current {
                Some(i) if forward => (i + 1) % len,
                Some(i) => (i + len - 1) % len,
                None if forward => 0,
                None => len - 1,
            },
        };
        self.current = Some(next);
        self.last_selected = Some(matches[next]);
        Some(FindEvent::Select(matches[next]))
    }

    /// Recomputes the matches when the query, the case setting or the article changed.
    /// Returns true when it did. A changed query on the same article and case setting is
    /// searched for where the last one was found (all that a longer query can match).
    fn refresh(&mut self, article: &Arc<Article>) -> bool {
        let (up_to_date, same_text) = match &self.computed_for {
            Some((a, query, case)) => {
                let same_text = Arc::ptr_eq(a, article) && *case == self.case;
                (same_text && *query == self.query, same_text)
            }
            None => (false, false),
        };
        if up_to_date {
            return false;
        }
        let previous = same_text.then_some(&self.found);
        self.found = match self.case {
            CaseMatching::Exact => search::begin_exact(article.text(), &self.query, previous),
            CaseMatching::Ignore => article.folded().begin(&self.query, previous),
        };
        self.computed_for = Some((Arc::clone(article), self.query.clone(), self.case));
        self.current = None;
        self.resume(article, BYTES_PER_FRAME);
        true
    }

    /// Goes on with an incomplete search over at most `budget` bytes. True once complete.
    fn resume(&mut self, article: &Arc<Article>, budget: usize) -> bool {
        match self.case {
            CaseMatching::Exact => search::resume_exact(article.text(), &mut self.found, budget),
            CaseMatching::Ignore => article.folded().resume(&mut self.found, budget),
        }
    }

    /// The first match at or after `origin` (wrapping), found by scanning only up to it when
    /// the search has not reached it yet.
    fn first_match_from(&self, article: &Arc<Article>, origin: usize) -> Option<Span> {
        let matches = self.found.matches();
        if self.found.is_complete() {
            return search::first_at_or_after(matches, origin).map(|i| matches[i]);
        }
        match self.case {
            CaseMatching::Exact => search::first_exact_from(article.text(), &self.query, origin),
            CaseMatching::Ignore => article.folded().first_from(&self.query, origin),
        }
    }

    /// Shows the bar (when open) and returns what the user asked for.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        article: &Arc<Article>,
        selection: Option<Span>,
        palette: &Palette,
    ) -> Option<FindEvent> {
        if !self.open {
            return None;
        }
        let mut event = None;
        let mut close = false;
        // Wrapped, with a field that shrinks: a row wider than the panel would widen the
        // article column under the side panel.
        // Close first, at the right edge, so it never wraps onto a line of its own; the rest
        // wraps in what is left.
        let row = egui::vec2(ui.available_width(), 0.0);
        ui.allocate_ui_with_layout(row, egui::Layout::right_to_left(egui::Align::TOP), |ui| {
            if ui
                .button("Close")
                .on_hover_text("Close the find bar (Esc)")
                .clicked()
            {
                close = true;
            }
            ui.with_layout(
                egui::Layout::left_to_right(egui::Align::TOP).with_main_wrap(true),
                |ui| {
                    let label = ui.label("Find");
                    let field = ui.add(
                        egui::TextEdit::singleline(&mut self.query)
                            .hint_text("text in the article")
                            .desired_width((ui.available_width() * 0.4).clamp(100.0, 260.0)),
                    );
                    let field = field.labelled_by(label.id);
                    if std::mem::take(&mut self.focus) {
                        field.request_focus();
                        select_all(ui, &field, &self.query);
                    }
                    let enter = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                    let shift = ui.input(|i| i.modifiers.shift);
                    self.field_focused = field.has_focus() || enter;

                    if self.refresh(article) {
                        // Typing jumps to the first match from where the search started.
                        let first = self.first_match_from(article, self.origin);
                        event = match first {
                            Some(span) => {
                                self.last_selected = Some(span);
                                Some(FindEvent::Select(span))
                            }
                            None if selection.is_some() && selection == self.last_selected => {
                                Some(FindEvent::ClearSelection)
                            }
                            None => None,
                        };
                    } else if !self.found.is_complete() {
                        self.resume(article, BYTES_PER_FRAME);
                    }
                    if !self.found.is_complete() {
                        // Go on next frame, even without input.
                        ui.ctx().request_repaint();
                    }
                    if enter {
                        event = self.step(article, selection.map(|s| s.start), !shift);
                        field.request_focus();
                    }
                    if ui
                        .button("Previous")
                        .on_hover_text("Previous match (Shift+Enter, Shift+F3)")
                        .clicked()
                    {
                        event = self.step(article, selection.map(|s| s.start), false);
                    }
                    if ui
                        .button("Next")
                        .on_hover_text("Next match (Enter, F3)")
                        .clicked()
                    {
                        event = self.step(article, selection.map(|s| s.start), true);
                    }
                    let mut exact = self.case == CaseMatching::Exact;
                    if ui.checkbox(&mut exact, "Match case").changed() {
                        self.case = if exact {
                            CaseMatching::Exact
                        } else {
                            CaseMatching::Ignore
                        };
                    }
                    ui.label(RichText::new(self.count_text(selection)).color(palette.weak_text));
                },
            );
        });
        ui.separator();
        if close {
            self.close();
        }
        event
    }

    fn count_text(&self, selection: Option<Span>) -> String {
        if self.query.is_empty() {
            return String::new();
        }
        let matches = self.found.matches();
        let total = matches.len();
        let complete = self.found.is_complete();
        if total == 0 {
            return if complete {
                "No matches"
            } else {
                "Searching…"
            }
            .to_owned();
        }
        let more = if total >= MAX_MATCHES || !complete {
            "+"
        } else {
            ""
        };
        // The selected match's place, when the search has reached it.
        let current = self
            .current
            .filter(|&i| selection == Some(matches[i]))
            .or_else(|| {
                let selected = selection?;
                matches
                    .binary_search_by_key(&selected.start, |m| m.start)
                    .ok()
                    .filter(|&i| matches[i] == selected)
            });
        match current {
            Some(i) => format!("{} of {total}{more}", i + 1),
            None if total == 1 && complete => "1 match".to_owned(),
            None => format!("{total}{more} matches"),
        }
    }
}

/// Selects the whole query, so typing replaces it (as find fields do when reopened). Called
/// after the field was added this frame, so its state exists.
fn select_all(ui: &egui::Ui, field: &egui::Response, query: &str) {
    if let Some(mut state) = egui::TextEdit::load_state(ui.ctx(), field.id) {
        let all = egui::text::CCursorRange::two(
            egui::text::CCursor::new(0),
            egui::text::CCursor::new(query.chars().count()),
        );
        state.cursor.set_char_range(Some(all));
        state.store(ui.ctx(), field.id);
    }
}
