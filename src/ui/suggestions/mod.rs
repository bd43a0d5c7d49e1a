//! Suggestions in the window: the open document's pending suggestions (found on a worker, a
//! late result for an earlier document dropped), which one is current, where stepping goes
//! next, and the Suggestions list in the right panel (`list`). The app performs what they
//! ask for (`app/suggest.rs`); the article view draws their marks (`article_view::suggested`).

mod list;
mod row;

use crate::model::{Span, Tag};
use crate::suggest::{Pending, Suggestion};
use crate::ui::article_view::SuggestionMarks;
use crate::workspace::jobs::{Job, Polled};

pub use list::{ListContext, ListState, show as show_list};

/// Which list the right panel shows under the inspector.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SideTab {
    /// The annotation list.
    #[default]
    Annotations,
    /// The Suggestions list.
    Suggestions,
}

/// The suggestions of the open document and where the analyst is among them.
#[derive(Default)]
pub struct Suggestions {
    /// The pending suggestions, once found for the open document.
    pending: Option<Pending>,
    /// Bumped whenever `pending` is replaced, so caches keyed on it notice.
    version: u64,
    /// Finding them on a worker, for the document generation it was started for.
    job: Option<(u64, Job<Pending>)>,
    /// The suggestion last made current (stepped to, clicked, accepted or rejected): where
    /// `]` and `[` go on from, even once it is decided.
    cursor: Option<Suggestion>,
    /// Say how many were found when the worker delivers (Edit › Suggest asked).
    pub announce: bool,
    /// The list the right panel shows.
    pub tab: SideTab,
    /// The list's rows and scroll position.
    pub list: ListState,
}

/// What a worker's result turned out to be, for the app to act on.
pub enum Arrived {
    /// Nothing new this frame.
    Nothing,
    /// The suggestions for the open document are in.
    Found,
    /// The worker died without a result.
    Lost,
}

impl Suggestions {
    /// The pending suggestions, once found.
    pub fn pending(&self) -> Option<&Pending> {
        self.pending.as_ref()
    }

    /// The pending suggestions to bring up to date or decide, once found.
    pub fn pending_mut(&mut self) -> Option<&mut Pending> {
        self.pending.as_mut()
    }

    /// True while a worker is finding suggestions.
    pub fn is_finding(&self) -> bool {
        self.job.is_some()
    }

    /// Forgets the suggestions of the previous document and waits for `job`'s, found for
    /// document `generation`.
    pub fn start(&mut self, generation: u64, job: Job<Pending>) {
        self.forget();
        self.job = Some((generation, job));
    }

    /// Forgets everything about the previous document's suggestions.
    pub fn forget(&mut self) {
        if let Some((_, job)) = self.job.take() {
            job.cancel();
        }
        self.pending = None;
        self.cursor = None;
        self.version += 1;
    }

    /// Takes the worker's result if it has finished: kept when it was found for document
    /// `generation` (the open one), dropped otherwise.
    pub fn poll(&mut self, generation: u64) -> Arrived {
        let Some((made_for, job)) = &self.job else {
            return Arrived::Nothing;
        };
        match job.poll() {
            Polled::Running => Arrived::Nothing,
            Polled::Done(pending) => {
                let current = *made_for == generation;
                self.job = None;
                if !current {
                    return Arrived::Nothing;
                }
                self.pending = Some(pending);
                self.version += 1;
                Arrived::Found
            }
            Polled::Lost => {
                self.job = None;
                Arrived::Lost
            }
        }
    }

    /// The suggestion the keys act on: a pending suggestion whose span is exactly the
    /// selection (the one last stepped to first; one selected by hand, or brought back by
    /// undo), else the one last stepped to while the selection still covers part of it (it
    /// was adjusted with Shift+Arrow). Only suggestions of the `shown` tags count.
    pub fn current(&self, selection: Option<Span>, shown: [bool; 3]) -> Option<&Suggestion> {
        let pending = self.pending.as_ref()?;
        let selection = selection?;
        let visible = |s: &&Suggestion| shown[s.tag().index()];
        let cursor = self
            .cursor
            .as_ref()
            .and_then(|c| pending.position(c))
            .and_then(|k| pending.get(k))
            .filter(visible);
        if let Some(cursor) = cursor
            && cursor.span == selection
        {
            return Some(cursor);
        }
        let exact = pending
            .at(selection.start)
            .into_iter()
            .filter(visible)
            .find(|s| s.span == selection);
        exact.or(cursor.filter(|c| c.span.overlaps(selection)))
    }

    /// What the article marks: the pending suggestions of the `shown` tags when suggestions
    /// are switched on (`enabled`) and found, the current one (for `selection`) thicker.
    pub fn marks(
        &self,
        enabled: bool,
        shown: [bool; 3],
        selection: Option<Span>,
    ) -> Option<SuggestionMarks<'_>> {
        if !enabled {
            return None;
        }
        Some(SuggestionMarks {
            pending: self.pending.as_ref()?,
            version: self.version,
            shown,
            current: self.current(selection, shown).map(|s| (s.span, s.tag())),
        })
    }

    /// The suggestion last made current, decided or not.
    pub fn cursor(&self) -> Option<&Suggestion> {
        self.cursor.as_ref()
    }

    /// Makes `suggestion` the one stepping goes on from, and scrolls the list to it.
    pub fn set_cursor(&mut self, suggestion: Suggestion) {
        self.cursor = Some(suggestion);
        self.list.follow = true;
    }

    /// Where `]` (`forward`) or `[` goes from `from`: the suggestion after (before) it in
    /// document order among the `shown` tags, wrapping around at the ends (`true` when it
    /// wrapped). `from` is a suggestion (the current one, or the last decided), an offset
    /// (the selection's or the selected annotation's start), or nothing (the article's
    /// start or end).
    pub fn step(
        &self,
        from: &StepFrom,
        forward: bool,
        shown: [bool; 3],
    ) -> Option<(Suggestion, bool)> {
        let pending = self.pending.as_ref()?;
        let walk = |at| walk(pending, at, forward, shown);
        let found = match (from, forward) {
            (StepFrom::Suggestion(s), true) => walk(pending.next(s, None)),
            (StepFrom::Suggestion(s), false) => walk(pending.previous(s, None)),
            (StepFrom::Offset(offset), true) => walk(pending.first_from(*offset, None)),
            (StepFrom::Offset(offset), false) => walk(pending.last_before(*offset, None)),
            (StepFrom::Start, _) => None,
        };
        match found {
            Some(s) => Some((s, false)),
            None => {
                let around = if forward {
                    walk(pending.first_from(0, None))
                } else {
                    walk(pending.last_before(usize::MAX, None))
                };
                let wrapped = !matches!(from, StepFrom::Start);
                around.map(|s| (s, wrapped))
            }
        }
    }

    /// Pending suggestions per tag ([`Tag::index`]), once found.
    pub fn counts(&self) -> Option<[usize; 3]> {
        self.pending.as_ref().map(Pending::counts)
    }

    /// The one tag shown when the chips show exactly one.
    pub fn only_tag(shown: [bool; 3]) -> Option<Tag> {
        let mut on = Tag::ALL.into_iter().filter(|t| shown[t.index()]);
        match (on.next(), on.next()) {
            (Some(tag), None) => Some(tag),
            _ => None,
        }
    }
}

/// The first suggestion from `at` on (or back, unless `forward`) of a `shown` tag: skips
/// the others one binary search at a time.
fn walk<'a>(
    pending: &'a Pending,
    mut at: Option<&'a Suggestion>,
    forward: bool,
    shown: [bool; 3],
) -> Option<Suggestion> {
    while let Some(s) = at
        && !shown[s.tag().index()]
    {
        at = if forward {
            pending.next(s, None)
        } else {
            pending.previous(s, None)
        };
    }
    at.cloned()
}

/// Where a step starts.
#[derive(Clone, Debug)]
pub enum StepFrom {
    /// After (or before) this suggestion.
    Suggestion(Suggestion),
    /// At this byte of the article.
    Offset(usize),
    /// Nowhere yet: the first (or last) suggestion.
    Start,
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::model::{Article, Session};
    use crate::suggest::suggest;

    const TEXT: &str = "Belarus released 14 political prisoners on Saturday, officials said. \
                        “We are free,” said Franak Viačorka. About 300,000 Belarusians have left.";

    fn found() -> (Suggestions, Session) {
        let session = Session::new(Arc::new(Article::new("t", None, TEXT)));
        let suggestions = Suggestions {
            pending: Some(Pending::new(suggest(TEXT), &session)),
            ..Suggestions::default()
        };
        (suggestions, session)
    }

    fn text(s: &Suggestion) -> &'static str {
        &TEXT[s.span.range()]
    }

    #[test]
    fn stepping_walks_the_shown_tags_in_document_order_and_wraps() {
        let (suggestions, _) = found();
        let only_statistics = [false, true, false];
        let (first, wrapped) = suggestions
            .step(&StepFrom::Start, true, only_statistics)
            .unwrap();
        assert_eq!((text(&first), wrapped), ("14 political prisoners", false));
        let (second, _) = suggestions
            .step(&StepFrom::Suggestion(first.clone()), true, only_statistics)
            .unwrap();
        assert_eq!(text(&second), "About 300,000 Belarusians");
        let (around, wrapped) = suggestions
            .step(&StepFrom::Suggestion(second), true, only_statistics)
            .unwrap();
        assert_eq!((text(&around), wrapped), ("14 political prisoners", true));
        let (last, _) = suggestions
            .step(&StepFrom::Start, false, only_statistics)
            .unwrap();
        assert_eq!(text(&last), "About 300,000 Belarusians");
        // From an offset: the first starting at or after it.
        let at = TEXT.find("Franak").unwrap();
        let (quote, _) = suggestions
            .step(&StepFrom::Offset(at), false, [false, false, true])
            .unwrap();
        assert_eq!(text(&quote), "“We are free,”");
        assert!(
            suggestions
                .step(&StepFrom::Start, true, [false; 3])
                .is_none()
        );
    }

    #[test]
    fn the_current_suggestion_follows_the_selection() {
        let (mut suggestions, _) = found();
        let all = [true; 3];
        let (first, _) = suggestions
            .step(&StepFrom::Start, true, [false, true, false])
            .unwrap();
        // Selected exactly: current, even before it was stepped to.
        assert_eq!(suggestions.current(Some(first.span), all), Some(&first));
        suggestions.set_cursor(first.clone());
        // Shrunk by Shift+Left: still the current one.
        let shrunk = Span::new(first.span.start, first.span.end - 3);
        assert_eq!(suggestions.current(Some(shrunk), all), Some(&first));
        // Its tag hidden, or the selection elsewhere or gone: none.
        assert_eq!(suggestions.current(Some(shrunk), [true, false, true]), None);
        assert_eq!(suggestions.current(Some(Span::new(0, 7)), all), None);
        assert_eq!(suggestions.current(None, all), None);
        assert_eq!(
            Suggestions::only_tag([false, true, false]),
            Some(Tag::Statistic)
        );
        assert_eq!(Suggestions::only_tag(all), None);
    }

    /// Polls `suggestions` until its worker has delivered.
    fn wait(suggestions: &mut Suggestions, generation: u64) -> bool {
        for _ in 0..5_000 {
            match suggestions.poll(generation) {
                Arrived::Found => return true,
                Arrived::Lost => return false,
                Arrived::Nothing if !suggestions.is_finding() => return false,
                Arrived::Nothing => std::thread::sleep(std::time::Duration::from_millis(1)),
            }
        }
        false
    }

    #[test]
    fn a_result_for_an_earlier_document_is_dropped() {
        let (_, session) = found();
        let spawn = |session: Session| {
            Job::spawn(Box::new(|| {}), "test-suggest", "Finding", move |_| {
                crate::workspace::suggest::pending_for(&session, &Tag::ALL)
            })
            .unwrap()
        };
        let mut suggestions = Suggestions::default();
        suggestions.start(1, spawn(session.clone()));
        assert!(suggestions.is_finding());
        // Document 2 opened meanwhile: the result for 1 is not taken.
        assert!(!wait(&mut suggestions, 2));
        assert!(suggestions.pending().is_none() && !suggestions.is_finding());
        suggestions.start(2, spawn(session));
        assert!(wait(&mut suggestions, 2));
        assert!(suggestions.pending().is_some_and(|p| !p.is_empty()));
    }
}
