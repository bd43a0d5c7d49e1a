//! The annotation list (right panel): every annotation in document order, filtered by tag and
//! text, one row each with tag chip, excerpt and note marker. Rows are virtualized.

use egui::Stroke;

mod filter;
mod haystack;
mod row;

use self::filter::{Budget, FilterKey, Rows};
use self::row::{ROW_HEIGHT, row};
use super::theme::Palette;
use crate::model::{AnnotationId, Session, Status, Tag};

/// Filter settings and a cache of which rows pass them.
pub struct ListState {
    /// Which tags are shown, by [`Tag::index`].
    pub show_tag: [bool; 3],
    /// Case-insensitive text that the excerpt, the note or the claimant must contain.
    pub query: String,
    /// Only annotations with this status, when set.
    pub status: Option<Status>,
    /// Only annotations with this verdict, when set.
    pub verdict: VerdictFilter,
    /// Give the filter field keyboard focus on the next frame (Ctrl+Shift+F).
    pub focus_query: bool,
    /// Which rows pass the filter, kept between frames.
    rows: Rows,
    /// The selected annotation the list last scrolled to (or saw selected).
    followed: Option<AnnotationId>,
    /// Which rows (positions in the shown rows) were in view in the last frame.
    rows_in_view: std::ops::Range<usize>,
}

/// Which verdicts the list shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum VerdictFilter {
    /// Any verdict, or none.
    #[default]
    Any,
    /// Only annotations without a verdict yet.
    None,
    /// Only this verdict.
    Named(String),
}

impl Default for ListState {
    fn default() -> Self {
        Self {
            show_tag: [true; 3],
            query: String::new(),
            status: None,
            verdict: VerdictFilter::Any,
            focus_query: false,
            rows: Rows::default(),
            followed: None,
            rows_in_view: 0..0,
        }
    }
}

impl ListState {
    /// The annotations the list shows (indices into `Session::annotations`, in document
    /// order): all of them unless a tag is hidden or the filter holds text. Finishes a search
    /// the list is still drawing over several frames.
    pub fn shown(&mut self, session: &Session) -> &[usize] {
        self.rows(session, Budget::Finish)
    }

    /// True when the list hides some annotations (a tag turned off, or text in the filter).
    pub fn is_filtered(&self) -> bool {
        self.show_tag.contains(&false)
            || !self.query.trim().is_empty()
            || self.status.is_some()
            || self.verdict != VerdictFilter::Any
    }

    /// Shows every annotation again (Show all).
    pub fn show_all(&mut self) {
        self.query.clear();
        self.show_tag = [true; 3];
        self.status = None;
        self.verdict = VerdictFilter::Any;
    }

    /// A click on `tag`'s chip: show only that tag, or all again when it already was the
    /// only one; with `toggle` (Ctrl held), turn just that tag on or off.
    pub fn click_chip(&mut self, tag: Tag, toggle: bool) {
        let i = tag.index();
        if toggle {
            self.show_tag[i] ^= true;
        } else {
            let only = std::array::from_fn(|k| k == i);
            self.show_tag = if self.show_tag == only {
                [true; 3]
            } else {
                only
            };
        }
    }

    /// Forgets cached rows (after a different session is opened).
    pub fn reset_cache(&mut self) {
        self.rows = Rows::default();
    }

    /// The rows as of the last [`ListState::rows`]: the finished ones, or those a search
    /// spread over frames has found so far (with `true`).
    fn current(&self) -> (&[usize], bool) {
        self.rows.current()
    }

    fn key(&self, session: &Session) -> FilterKey {
        FilterKey {
            revision: session.revision(),
            show_tag: self.show_tag,
            status: self.status,
            verdict: self.verdict.clone(),
            // NULs separate annotations in the haystack; no query can hold one.
            query: self.query.trim().to_lowercase().replace('\0', ""),
        }
    }

    /// The rows passing the filter (see [`Rows::rows`]).
    fn rows(&mut self, session: &Session, budget: Budget) -> &[usize] {
        let key = self.key(session);
        self.rows.rows(session, key, budget)
    }
}

/// Shows filters and rows. Returns the annotation whose row was clicked.
pub fn show(
    ui: &mut egui::Ui,
    session: &Session,
    state: &mut ListState,
    selected: Option<AnnotationId>,
    palette: &Palette,
) -> Option<AnnotationId> {
    tag_chips(ui, session, state, palette);
    facet_menus(ui, session, state);
    ui.horizontal(|ui| {
        let label = ui.label("Filter");
        // The clear button first, at the right edge, so the field takes what is left.
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let clear = ui.add_enabled(
                !state.query.is_empty(),
                egui::Button::new("×").small().frame(false),
            );
            if clear
                .on_hover_text("Clear the filter text")
                .on_disabled_hover_text("Nothing to clear")
                .clicked()
            {
                state.query.clear();
            }
            let field = ui.add(
                egui::TextEdit::singleline(&mut state.query)
                    .hint_text("text or note (Ctrl+Shift+F)")
                    .desired_width(f32::INFINITY),
            );
            let field = field.labelled_by(label.id);
            if std::mem::take(&mut state.focus_query) {
                field.request_focus();
            }
        });
    });
    let total = session.annotations().len();
    let filtered = state.is_filtered();
    // The one step of the filter this frame; below, the rows are borrowed from its cache: no
    // per-frame copy of the (possibly 20,000) row indices.
    state.rows(session, Budget::Frame);
    let (shown, searching) = state.current();
    let shown = shown.len();
    if searching {
        // The rest of the search runs in the next frames.
        ui.ctx().request_repaint();
    }
    if filtered && total > 0 {
        ui.horizontal(|ui| {
            let count = if searching {
                format!("{shown} of {total} so far, searching…")
            } else {
                format!("{shown} of {total} shown")
            };
            ui.label(egui::RichText::new(count).color(palette.weak_text));
            if ui
                .small_button("Show all")
                .on_hover_text("Clear the filter text and show every tag, status and verdict")
                .clicked()
            {
                state.show_all();
            }
        });
    }
    ui.separator();

    let (followed, seen) = (state.followed, state.rows_in_view.clone());
    state.followed = selected;
    let rows = state.current().0;
    if rows.is_empty() {
        ui.add_space(12.0);
        let hint = if searching {
            "Searching…"
        } else if session.annotations().is_empty() {
            "No annotations yet.\n\nDrag over text in the article, then press 1 (claim), 2 (statistic) or 3 (quote)."
        } else {
            "No annotation matches the filter."
        };
        ui.label(egui::RichText::new(hint).color(palette.weak_text));
        return None;
    }
    // A newly selected annotation's row is scrolled into view, once: the reader may scroll
    // the list away from it afterwards.
    let row_step = ROW_HEIGHT + ui.spacing().item_spacing.y;
    let mut area = egui::ScrollArea::vertical()
        .id_salt("annotation-list")
        .auto_shrink(false);
    if selected != followed {
        let at = selected
            .and_then(|id| session.position(id))
            .and_then(|i| rows.binary_search(&i).ok());
        if let Some(at) = at {
            // Wholly visible rows are the range less its partly cut first and last.
            let visible = seen.start + 1 < seen.end && at > seen.start && at + 1 < seen.end;
            if !visible {
                #[allow(clippy::cast_precision_loss)] // row counts are far below 2^24
                let top = at as f32 * row_step;
                // The list is shorter in the frame a selection fills the inspector than in
                // the last one: place the row near the top rather than in the middle.
                let view_rows = seen.len().clamp(3, 5) as f32;
                area = area
                    .vertical_scroll_offset((top - row_step * (view_rows / 2.0 - 1.0)).max(0.0));
            }
        }
    }
    let mut clicked = None;
    let mut in_view = 0..0;
    area.show_rows(ui, ROW_HEIGHT, rows.len(), |ui, range| {
        in_view = range.clone();
        for &index in &rows[range] {
            let annotation = &session.annotations()[index];
            let is_selected = selected == Some(annotation.id);
            let excerpt = session.text_of(annotation);
            let verdict = annotation
                .body
                .verdict
                .as_deref()
                .and_then(|name| session.scale_for(annotation.body.tag).get(name));
            if row(ui, &annotation.body, verdict, excerpt, is_selected, palette).clicked() {
                clicked = Some(annotation.id);
            }
        }
    });
    state.rows_in_view = in_view;
    clicked
}

/// The status and verdict menus: "Any status" / one status, "Any verdict" / none yet / one
/// rating (of either scale).
fn facet_menus(ui: &mut egui::Ui, session: &Session, state: &mut ListState) {
    ui.horizontal_wrapped(|ui| {
        let status_text = state.status.map_or("Any status", Status::label);
        egui::ComboBox::from_id_salt("list-status")
            .selected_text(status_text)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.status, None, "Any status");
                for status in Status::ALL {
                    ui.selectable_value(&mut state.status, Some(status), status.label());
                }
            })
            .response
            .on_hover_text("Show only annotations with this status");
        let verdict_text = match &state.verdict {
            VerdictFilter::Any => "Any verdict".to_owned(),
            VerdictFilter::None => "No verdict yet".to_owned(),
            VerdictFilter::Named(name) => name.clone(),
        };
        egui::ComboBox::from_id_salt("list-verdict")
            .selected_text(verdict_text)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.verdict, VerdictFilter::Any, "Any verdict");
                ui.selectable_value(&mut state.verdict, VerdictFilter::None, "No verdict yet");
                for kind in crate::model::ScaleKind::ALL {
                    ui.separator();
                    for rating in &session.scales().get(kind).ratings {
                        let named = VerdictFilter::Named(rating.name.clone());
                        ui.selectable_value(&mut state.verdict, named, &rating.name);
                    }
                }
            })
            .response
            .on_hover_text("Show only annotations with this verdict");
    });
}

/// The tag chips with counts: a click shows only that tag (a second click on the only one
/// shown shows all again); Ctrl+click (Cmd+click) turns one tag on or off.
fn tag_chips(ui: &mut egui::Ui, session: &Session, state: &mut ListState, palette: &Palette) {
    let counts = session.counts();
    ui.horizontal_wrapped(|ui| {
        for tag in Tag::ALL {
            let shown = state.show_tag[tag.index()];
            let label = format!("{} {}", tag.label(), counts[tag.index()]);
            let text_color = if shown {
                palette.text
            } else {
                palette.weak_text
            };
            let chip = egui::Button::new(egui::RichText::new(label).color(text_color))
                .fill(if shown {
                    palette.tint(tag)
                } else {
                    egui::Color32::TRANSPARENT
                })
                .stroke(Stroke::new(1.0, palette.tag_color(tag)))
                .selected(shown);
            let plural = format!("{}s", tag.label().to_lowercase());
            let response = ui.add(chip).on_hover_text(format!(
                "Click: show only {plural} (again: show all). Ctrl+click: show or hide {plural}."
            ));
            if response.clicked() {
                let toggle = ui.input(|i| i.modifiers.command);
                state.click_chip(tag, toggle);
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::model::{Article, Edit, Field, Span};

    fn session() -> Session {
        let text = "Belarus released 14 political prisoners. Minsk said nothing. POLITICAL talks.";
        let mut session = Session::new(Arc::new(Article::new("t", None, text)));
        for phrase in [
            "14 political prisoners",
            "Minsk said nothing",
            "POLITICAL talks",
        ] {
            let start = text.find(phrase).unwrap();
            let add = session.add_edit(Tag::Claim, Span::new(start, start + phrase.len()));
            session.apply(add).unwrap();
        }
        session
    }

    #[test]
    fn the_filter_folds_case_narrows_as_the_query_grows_and_sees_note_changes() {
        let mut session = session();
        let mut list = ListState::default();
        for (query, expected) in [("p", vec![0, 2]), ("pol", vec![0, 2]), ("poli", vec![0, 2])] {
            list.query = query.to_owned();
            assert_eq!(list.shown(&session), expected.as_slice(), "{query}");
        }
        list.query = "prisoners".to_owned();
        assert_eq!(list.shown(&session), [0]);
        // A note that now matches is found, without refolding anything else.
        let id = session.annotations()[1].id;
        session
            .apply(Edit::Set {
                id,
                field: Field::Note("Prisoners unnamed".to_owned()),
            })
            .unwrap();
        assert_eq!(list.shown(&session), [0, 1]);
        // Shorter again: every annotation is looked at.
        list.query = "s".to_owned();
        assert_eq!(list.shown(&session), [0, 1, 2]);
        list.show_tag[Tag::Claim.index()] = false;
        assert!(list.shown(&session).is_empty());
    }

    #[test]
    fn body_edits_patch_their_chunk_and_other_edits_rebuild() {
        let text = "word ".repeat(700);
        let mut session = Session::new(Arc::new(Article::new("t", None, text.as_str())));
        for k in 0..700 {
            let add = session.add_edit(Tag::ALL[k % 3], Span::new(k * 5, k * 5 + 4));
            session.apply(add).unwrap();
        }
        let mut list = ListState {
            query: "needle".to_owned(),
            ..ListState::default()
        };
        assert!(list.shown(&session).is_empty());
        let set_note = |session: &mut Session, i: usize, note: &str| {
            let id = session.annotations()[i].id;
            session
                .apply(Edit::Set {
                    id,
                    field: Field::Note(note.to_owned()),
                })
                .unwrap();
        };
        // Notes in the first, a middle and the last chunk, then one taken away again.
        set_note(&mut session, 3, "a NEEDLE");
        set_note(&mut session, 300, "needle");
        set_note(&mut session, 699, "needles");
        assert_eq!(list.shown(&session), [3, 300, 699]);
        set_note(&mut session, 300, "thread");
        assert_eq!(list.shown(&session), [3, 699]);
        // Removing an annotation moves every later one: a full rebuild.
        let first = session.annotations()[0].id;
        session.apply(Edit::Remove(first)).unwrap();
        assert_eq!(list.shown(&session), [2, 698]);
    }

    #[test]
    fn patched_and_narrowed_rows_equal_a_search_from_scratch() {
        let words = ["police", "polite", "political", "pole", "opinion", "Police"];
        let text: String = (0..900)
            .map(|k| format!("{} ", words[k % words.len()]))
            .collect();
        let mut session = Session::new(Arc::new(Article::new("t", None, text.as_str())));
        let mut at = 0;
        for (k, word) in text.split(' ').enumerate().take(800) {
            let add = session.add_edit(Tag::ALL[k % 3], Span::new(at, at + word.len()));
            session.apply(add).unwrap();
            at += word.len() + 1;
        }
        let mut rng = crate::testing::Rng::new(7);
        let mut list = ListState::default();
        for step in 0..400 {
            let n = session.annotations().len();
            match rng.below(6) {
                0 | 1 => list
                    .query
                    .push(['p', 'o', 'l', 'i', 't', 'e', 'c'][rng.below(7)]),
                2 => {
                    list.query.pop();
                }
                3 => {
                    let id = session.annotations()[rng.below(n)].id;
                    let note = ["", "POLItics", "a pole", "none"][rng.below(4)].to_owned();
                    session
                        .apply(Edit::Set {
                            id,
                            field: Field::Note(note),
                        })
                        .ok();
                }
                4 => {
                    let id = session.annotations()[rng.below(n)].id;
                    let tag = Tag::ALL[rng.below(3)];
                    session
                        .apply(Edit::Set {
                            id,
                            field: Field::Tag(tag),
                        })
                        .ok();
                }
                _ => list.show_tag[rng.below(3)] ^= true,
            }
            if list.query.len() > 6 {
                list.query.clear();
            }
            let mut fresh = ListState {
                show_tag: list.show_tag,
                query: list.query.clone(),
                ..ListState::default()
            };
            // Now and then a frame draws the list, leaving a search half done.
            if rng.below(2) == 0 {
                list.rows(&session, Budget::Frame);
            }
            let expected = fresh.shown(&session).to_vec();
            let query = list.query.clone();
            assert_eq!(list.shown(&session), expected, "step {step}, {query:?}");
        }
    }

    #[test]
    fn a_long_list_is_searched_a_few_frames_at_a_time_and_a_command_finishes_the_search() {
        let phrase = "Police said the political prisoners were released early ";
        let text = phrase.repeat(4_000);
        let mut session = Session::new(Arc::new(Article::new("t", None, text.as_str())));
        for k in 0..4_000 {
            let start = k * phrase.len();
            let add = session.add_edit(Tag::ALL[k % 3], Span::new(start, start + phrase.len() - 1));
            session.apply(add).unwrap();
        }
        let mut list = ListState {
            query: "pol".to_owned(),
            ..ListState::default()
        };
        let mut frames = 1;
        let mut partial = list.rows(&session, Budget::Frame).len();
        assert!(
            partial < 4_000,
            "the first frame searched only part: {partial}"
        );
        while list.current().1 {
            let found = list.rows(&session, Budget::Frame).len();
            assert!(found >= partial, "rows are only added while searching");
            partial = found;
            frames += 1;
            assert!(frames < 100, "the search never finished");
        }
        assert!(frames > 1);
        assert_eq!(list.current().0, (0..4_000).collect::<Vec<_>>());
        // Typing on and hiding a tag: a frame searches part again; a command (Tab) needs
        // every row and finishes the search at once.
        list.query = "polit".to_owned();
        list.show_tag[Tag::Quote.index()] = false;
        list.rows(&session, Budget::Frame);
        let expected: Vec<usize> = (0..4_000).filter(|k| k % 3 != 2).collect();
        assert_eq!(list.shown(&session), expected);
        assert!(!list.current().1);
    }
}
