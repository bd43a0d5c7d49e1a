//! The annotation list (right panel): every annotation in document order, filtered by tag and
//! text, one row each with tag chip, excerpt and note marker. Rows are virtualized.

use egui::Stroke;

use std::collections::HashMap;

mod haystack;
mod row;

use self::haystack::{Folded, Haystack};
use self::row::{ROW_HEIGHT, row};
use super::theme::Palette;
use crate::model::{AnnotationId, Body, Session, Status, Tag};

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
    /// Indices into `Session::annotations` passing the filter, with the key they were
    /// computed for, so the filter runs only when the session or the filter changes.
    visible: Option<(FilterKey, Vec<usize>)>,
    /// Each annotation's text and note folded to lower case, in the session's order as of the
    /// last rebuild, kept across rebuilds: a keystroke in a note or the filter folds only what
    /// changed, not every annotation again.
    folded: Vec<Folded>,
    /// The folded texts joined for searching, rebuilt when the session changes.
    haystack: Option<Haystack>,
    /// The selected annotation the list last scrolled to (or saw selected).
    followed: Option<AnnotationId>,
    /// Which rows (positions in the shown rows) were in view in the last frame.
    rows_in_view: std::ops::Range<usize>,
}

/// A longer query is checked only against the rows the shorter one kept while those are at
/// most 1 in this many annotations. A per-row check builds a searcher for a few hundred bytes;
/// one scan of the whole haystack runs SIMD over all of it. The crossover was not measured on
/// its own: 1 in 4 keeps narrowing to the cases where it plainly does less work, and the
/// latency benchmark's filter row (1.5 ms at 20,000) bounds what either path costs.
const NARROW_SHARE: usize = 4;

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

#[derive(Clone, PartialEq)]
struct FilterKey {
    revision: u64,
    show_tag: [bool; 3],
    status: Option<Status>,
    verdict: VerdictFilter,
    query: String,
}

impl FilterKey {
    /// True when `body` passes the tag, status and verdict filters (the text is checked
    /// against the haystack).
    fn admits(&self, body: &Body) -> bool {
        self.show_tag[body.tag.index()]
            && self.status.is_none_or(|status| body.status == status)
            && match &self.verdict {
                VerdictFilter::Any => true,
                VerdictFilter::None => body.verdict.is_none(),
                VerdictFilter::Named(name) => body.verdict.as_ref() == Some(name),
            }
    }

    /// True when it shows every annotation it is given no text for.
    fn same_facets(&self, other: &Self) -> bool {
        self.show_tag == other.show_tag
            && self.status == other.status
            && self.verdict == other.verdict
    }
}

impl Default for ListState {
    fn default() -> Self {
        Self {
            show_tag: [true; 3],
            query: String::new(),
            status: None,
            verdict: VerdictFilter::Any,
            focus_query: false,
            visible: None,
            folded: Vec::new(),
            haystack: None,
            followed: None,
            rows_in_view: 0..0,
        }
    }
}

impl ListState {
    /// Every annotation's folded text, as one string to search, for the session as it is now.
    fn haystack(&mut self, session: &Session) -> &Haystack {
        let revision = session.revision();
        let annotations = session.annotations();
        if self
            .haystack
            .as_ref()
            .is_some_and(|h| h.revision == revision)
        {
            return self
                .haystack
                .get_or_insert_with(|| Haystack::new(revision, &[]));
        }
        let patched = self.haystack.take().and_then(|mut haystack| {
            // Bodies alone changed since it was built: fold those again, patch their chunks.
            let ids = session.bodies_changed_since(haystack.revision)?;
            if self.folded.len() != annotations.len() {
                return None;
            }
            let changed: Vec<usize> = ids.iter().filter_map(|&id| session.position(id)).collect();
            for &i in &changed {
                self.folded[i] = Folded::new(session, &annotations[i]);
            }
            haystack.patch(&self.folded, changed);
            haystack.revision = revision;
            Some(haystack)
        });
        let haystack = match patched {
            Some(haystack) => haystack,
            None => {
                self.refold(session);
                Haystack::new(revision, &self.folded)
            }
        };
        self.haystack.insert(haystack)
    }

    /// Brings the folded texts up to date with `session`: an annotation whose id, span and note
    /// are unchanged keeps its entry (found at the same index, or by id when annotations were
    /// added or removed before it); only the others are folded again.
    fn refold(&mut self, session: &Session) {
        let annotations = session.annotations();
        let aligned = self.folded.len() == annotations.len()
            && self
                .folded
                .iter()
                .zip(annotations)
                .all(|(f, a)| f.id == a.id);
        if aligned {
            for (folded, annotation) in self.folded.iter_mut().zip(annotations) {
                if !folded.is_of(annotation) {
                    *folded = Folded::new(session, annotation);
                }
            }
            return;
        }
        let mut previous: HashMap<AnnotationId, Folded> =
            self.folded.drain(..).map(|f| (f.id, f)).collect();
        self.folded = annotations
            .iter()
            .map(|annotation| match previous.remove(&annotation.id) {
                Some(folded) if folded.is_of(annotation) => folded,
                _ => Folded::new(session, annotation),
            })
            .collect();
    }

    /// The annotations the list shows (indices into `Session::annotations`, in document
    /// order): all of them unless a tag is hidden or the filter holds text.
    pub fn shown(&mut self, session: &Session) -> &[usize] {
        self.rows(session)
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
        self.visible = None;
        self.folded.clear();
        self.haystack = None;
    }

    /// The rows passing the filter, brought up to date with the least work that is exact: the
    /// same rows when nothing changed; the old rows patched when only some annotations'
    /// bodies changed (a note keystroke, a retag); the old rows searched again when the query
    /// grew (a longer query matches a subset); a full search otherwise.
    fn rows(&mut self, session: &Session) -> &[usize] {
        let key = FilterKey {
            revision: session.revision(),
            show_tag: self.show_tag,
            status: self.status,
            verdict: self.verdict.clone(),
            // NULs separate annotations in the haystack; no query can hold one.
            query: self.query.trim().to_lowercase().replace('\0', ""),
        };
        let rows = match self.visible.take() {
            Some((old, rows)) if old == key => rows,
            Some((old, rows)) => self.update(session, &old, rows, &key),
            None => self.search(session, &key),
        };
        &self.visible.insert((key, rows)).1
    }

    fn update(
        &mut self,
        session: &Session,
        old: &FilterKey,
        mut rows: Vec<usize>,
        key: &FilterKey,
    ) -> Vec<usize> {
        let same_filter = old.same_facets(key) && old.query == key.query;
        if let Some(ids) = same_filter
            .then(|| session.bodies_changed_since(old.revision))
            .flatten()
        {
            // Same places, some bodies changed: only those rows can come or go.
            let annotations = session.annotations();
            let haystack = self.haystack(session);
            for i in ids.iter().filter_map(|&id| session.position(id)) {
                let passes = key.admits(&annotations[i].body)
                    && (key.query.is_empty() || haystack.holds(i, &key.query));
                match (rows.binary_search(&i), passes) {
                    (Ok(at), false) => {
                        rows.remove(at);
                    }
                    (Err(at), true) => rows.insert(at, i),
                    _ => {}
                }
            }
            return rows;
        }
        let narrows = old.revision == key.revision
            && old.same_facets(key)
            && !old.query.is_empty()
            && key.query.contains(old.query.as_str());
        // Searching the old rows one by one beats one scan of every annotation only while
        // they are a small part of the list.
        if narrows && rows.len() <= session.annotations().len() / NARROW_SHARE {
            let haystack = self.haystack(session);
            rows.retain(|&i| haystack.holds(i, &key.query));
            return rows;
        }
        self.search(session, key)
    }

    /// Every row passing the filter, from scratch.
    fn search(&mut self, session: &Session, key: &FilterKey) -> Vec<usize> {
        let annotations = session.annotations();
        let shown = |i: &usize| key.admits(&annotations[*i].body);
        if key.query.is_empty() {
            (0..annotations.len()).filter(shown).collect()
        } else {
            let mut rows = self.haystack(session).matching(&key.query);
            rows.retain(shown);
            rows
        }
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
    // Borrowed from the filter cache: no per-frame copy of the (possibly 20,000) row indices.
    let shown = state.rows(session).len();
    if filtered && total > 0 {
        ui.horizontal(|ui| {
            ui.label(
                egui::RichText::new(format!("{shown} of {total} shown")).color(palette.weak_text),
            );
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
    let rows = state.rows(session);
    if rows.is_empty() {
        ui.add_space(12.0);
        let hint = if session.annotations().is_empty() {
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
            assert_eq!(list.rows(&session), expected.as_slice(), "{query}");
        }
        list.query = "prisoners".to_owned();
        assert_eq!(list.rows(&session), [0]);
        // A note that now matches is found, without refolding anything else.
        let id = session.annotations()[1].id;
        session
            .apply(Edit::Set {
                id,
                field: Field::Note("Prisoners unnamed".to_owned()),
            })
            .unwrap();
        assert_eq!(list.rows(&session), [0, 1]);
        // Shorter again: every annotation is looked at.
        list.query = "s".to_owned();
        assert_eq!(list.rows(&session), [0, 1, 2]);
        list.show_tag[Tag::Claim.index()] = false;
        assert!(list.rows(&session).is_empty());
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
        assert!(list.rows(&session).is_empty());
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
        assert_eq!(list.rows(&session), [3, 300, 699]);
        set_note(&mut session, 300, "thread");
        assert_eq!(list.rows(&session), [3, 699]);
        // Removing an annotation moves every later one: a full rebuild.
        let first = session.annotations()[0].id;
        session.apply(Edit::Remove(first)).unwrap();
        assert_eq!(list.rows(&session), [2, 698]);
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
            let expected = fresh.rows(&session).to_vec();
            let query = list.query.clone();
            assert_eq!(list.rows(&session), expected, "step {step}, {query:?}");
        }
    }
}
