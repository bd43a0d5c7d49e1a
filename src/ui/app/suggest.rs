//! Suggestions in the app: finding them for each document on a worker (the Suggestions tab
//! shows a spinner meanwhile; a late result for an earlier document is dropped), drawing the
//! tab and the article's marks, and performing the suggestion commands: stepping, accepting
//! (an `Edit::Add` with the speaker as claimant), rejecting (an `Edit::Reject`, saved in the
//! session), and all of one tag at once (one undo step). Every decision goes through the
//! document like any edit, so undo, autosave and saving need nothing of their own.

use super::FactmarkApp;
use super::check::now;
use super::perform::short_excerpt;
use crate::model::{Body, Edit, Tag};
use crate::suggest::{Kind, Pending, Suggestion};
use crate::ui::commands::Action;
use crate::ui::suggestions::{self, Arrived, SideTab, StepFrom, Suggestions};
use crate::ui::theme::Palette;
use crate::workspace::jobs::Job;
use crate::workspace::suggest::pending_for;

impl FactmarkApp {
    /// The open document's pending suggestions, once found (`None` while they are being
    /// found, or when suggestions are switched off).
    pub fn pending_suggestions(&self) -> Option<&Pending> {
        self.suggest.pending()
    }

    /// True while a worker is finding the open document's suggestions.
    pub fn is_suggesting(&self) -> bool {
        self.suggest.is_finding()
    }

    /// The suggestion the keys act on now (A, X, 1/2/3), if any.
    pub fn current_suggestion(&self) -> Option<Suggestion> {
        if !self.prefs.show_suggestions {
            return None;
        }
        self.suggest
            .current(self.view.selection(), self.prefs.suggestion_tags)
            .cloned()
    }

    /// Starts finding the open document's suggestions on a worker, when they are shown;
    /// whatever was found for the document before is forgotten.
    pub(super) fn start_suggesting(&mut self) {
        if !self.prefs.show_suggestions {
            self.suggest.forget();
            return;
        }
        let session = self.doc.session.clone();
        let job = Job::spawn(
            self.waker(),
            "suggest",
            "Finding suggestions…",
            move |_| pending_for(&session, &Tag::ALL),
        );
        match job {
            Ok(job) => self.suggest.start(self.generation, job),
            Err(error) => self
                .status
                .error(format!("Could not look for suggestions: {error}")),
        }
    }

    /// Takes the worker's suggestions when they are in, and brings them up to date with the
    /// session (free when it has not changed). Called once per frame.
    pub(super) fn poll_suggestions(&mut self) {
        match self.suggest.poll(self.generation) {
            Arrived::Nothing => {}
            Arrived::Found => {
                if std::mem::take(&mut self.suggest.announce) {
                    self.announce_suggestions();
                }
            }
            Arrived::Lost => self.status.error(
                "Finding suggestions failed unexpectedly; your work is unchanged. Please report this.",
            ),
        }
        if let Some(pending) = self.suggest.pending_mut() {
            pending.refresh(&self.doc.session);
        }
    }

    fn announce_suggestions(&mut self) {
        let Some(counts) = self.suggest.counts() else {
            return;
        };
        let total: usize = counts.iter().sum();
        let each: Vec<String> = Tag::ALL
            .into_iter()
            .map(|tag| plural(counts[tag.index()], tag))
            .collect();
        self.status.info(if total == 0 {
            "No suggestions for this article.".to_owned()
        } else {
            format!(
                "{total} suggestions ({}): ] steps through them.",
                each.join(", ")
            )
        });
    }

    /// A click on the text beside every annotation makes the suggestion under it current,
    /// the shortest first (a click on the current one: the next one over that place).
    pub(super) fn click_suggestion(&mut self) {
        let Some((offset, before)) = self.view.take_plain_click() else {
            return;
        };
        let Some(pending) = self
            .suggest
            .pending()
            .filter(|_| self.prefs.show_suggestions)
        else {
            return;
        };
        let shown = self.prefs.suggestion_tags;
        let hits: Vec<&Suggestion> = pending
            .at(offset)
            .into_iter()
            .filter(|s| shown[s.tag().index()])
            .collect();
        let again = self
            .suggest
            .cursor()
            .filter(|cursor| before == Some(cursor.span))
            .and_then(|cursor| hits.iter().position(|s| *s == cursor));
        if let Some(&hit) = hits.get(again.map_or(0, |i| (i + 1) % hits.len())) {
            self.commands.push(Action::GoToSuggestion(hit.clone()));
        }
    }

    /// The tabs above the right panel's list; draws the Suggestions list when its tab is
    /// chosen and returns true then (the annotation list is not drawn).
    pub(super) fn side_tabs(&mut self, ui: &mut egui::Ui, palette: &Palette) -> bool {
        ui.horizontal(|ui| {
            let heading = |text: &str| egui::RichText::new(text).heading();
            let tab = &mut self.suggest.tab;
            ui.selectable_value(tab, SideTab::Annotations, heading("Annotations"));
            ui.selectable_value(tab, SideTab::Suggestions, heading("Suggestions"))
                .on_hover_text("Suggested claims, statistics and quotes to accept or reject");
            if self.suggest.is_finding() {
                ui.add(egui::Spinner::new())
                    .on_hover_text("Finding suggestions…");
            } else if let Some(counts) = self
                .suggest
                .counts()
                .filter(|_| self.prefs.show_suggestions)
            {
                let shown: usize = Tag::ALL
                    .into_iter()
                    .filter(|t| self.prefs.suggestion_tags[t.index()])
                    .map(|t| counts[t.index()])
                    .sum();
                ui.label(egui::RichText::new(shown.to_string()).color(palette.weak_text))
                    .on_hover_text("Suggestions left to decide, of the tags shown");
            }
        });
        if self.suggest.tab != SideTab::Suggestions {
            return false;
        }
        let current = self
            .current_suggestion()
            .and_then(|s| self.suggest.pending()?.position(&s));
        let cx = suggestions::ListContext {
            session: &self.doc.session,
            enabled: self.prefs.show_suggestions,
            current,
            palette,
        };
        suggestions::show_list(
            ui,
            &mut self.suggest,
            &mut self.prefs.suggestion_tags,
            &cx,
            &mut self.commands,
        );
        true
    }

    /// Performs a suggestion command.
    pub(super) fn perform_suggestion(&mut self, action: Action) {
        match action {
            Action::Suggest => {
                self.prefs.show_suggestions = true;
                self.suggest.tab = SideTab::Suggestions;
                self.start_suggesting();
                self.suggest.announce = true;
            }
            Action::ToggleSuggestions => self.toggle_suggestions(),
            Action::NextSuggestion => self.step_suggestion(true),
            Action::PreviousSuggestion => self.step_suggestion(false),
            Action::GoToSuggestion(suggestion) => self.go_to_suggestion(suggestion, ""),
            // Accepting happens in the guard; only its failure needs saying.
            Action::AcceptSuggestion if !self.accept_current(None) => self.no_current("accept"),
            Action::RejectSuggestion => self.reject_current(),
            Action::AcceptAllSuggestions(tag) => self.decide_all(true, tag),
            Action::RejectAllSuggestions(tag) => self.decide_all(false, tag),
            _ => {}
        }
    }

    fn toggle_suggestions(&mut self) {
        if self.prefs.show_suggestions {
            self.prefs.show_suggestions = false;
        } else {
            self.show_suggestions();
        }
        if self.prefs.show_suggestions {
            self.status.info("Suggestions shown: ] steps through them.");
        } else {
            self.status
                .info("Suggestions hidden (View › Show suggestions shows them again).");
        }
    }

    /// Switches the suggestions on; they are found unless they were kept while hidden (they
    /// are refreshed all along) or are being found.
    fn show_suggestions(&mut self) {
        self.prefs.show_suggestions = true;
        if self.suggest.pending().is_none() && !self.suggest.is_finding() {
            self.start_suggesting();
        }
    }

    /// `]` / `[`: the next (previous) suggestion of the tags shown, from where the analyst is
    /// (see `step_origin`), wrapping around at the ends.
    fn step_suggestion(&mut self, forward: bool) {
        self.suggest.tab = SideTab::Suggestions;
        self.show_suggestions();
        if self.suggest.pending().is_none() {
            self.status.info(if self.suggest.is_finding() {
                "Still finding suggestions: try again in a moment."
            } else {
                "No suggestions yet: Edit › Suggest finds them."
            });
            return;
        }
        let from = self.step_origin();
        match self
            .suggest
            .step(&from, forward, self.prefs.suggestion_tags)
        {
            Some((suggestion, wrapped)) => {
                let note = match (wrapped, forward) {
                    (false, _) => "",
                    (true, true) => "Past the last one, back to the first. ",
                    (true, false) => "Before the first one, on to the last. ",
                };
                self.go_to_suggestion(suggestion, note);
            }
            None => self.status.info(match self.suggest.pending() {
                Some(pending) if pending.found() == 0 => "No suggestions for this article.",
                Some(pending) if pending.is_empty() => "No suggestions left to decide.",
                _ => "No suggestion of the tags shown: show a tag in the Suggestions list.",
            }),
        }
    }

    /// Where a step starts: the current suggestion; else the selection or the selected
    /// annotation; else the last suggestion decided; else the text on screen.
    fn step_origin(&self) -> StepFrom {
        if let Some(current) = self.current_suggestion() {
            return StepFrom::Suggestion(current);
        }
        let here = self.view.selection().or_else(|| {
            self.view
                .selected()
                .and_then(|id| self.doc.session.get(id))
                .map(|a| a.span)
        });
        if let Some(cursor) = self.suggest.cursor()
            && here.is_none_or(|span| span.overlaps(cursor.span))
        {
            return StepFrom::Suggestion(cursor.clone());
        }
        match here.map(|span| span.start).or(self.view.first_on_screen()) {
            Some(offset) => StepFrom::Offset(offset),
            None => StepFrom::Start,
        }
    }

    /// Makes `suggestion` current: its span becomes the selection (scrolled into view), the
    /// list scrolls to its row, and the status bar says what it is and what the keys do.
    fn go_to_suggestion(&mut self, suggestion: Suggestion, before: &str) {
        self.doc.end_burst();
        self.suggest.tab = SideTab::Suggestions;
        self.view.select_text(suggestion.span);
        let what = self.describe(&suggestion);
        self.status
            .info(format!("{before}{what} — A accepts, X rejects."));
        self.suggest.set_cursor(suggestion);
    }

    /// "Suggested quote “We are free,” by Franak Viačorka (quote, speaker after it)".
    fn describe(&self, suggestion: &Suggestion) -> String {
        let text = suggestion
            .span
            .slice(self.doc.session.article().text())
            .unwrap_or_default();
        let speaker = suggestion
            .speaker
            .as_ref()
            .map(|s| format!(" by {s}"))
            .unwrap_or_default();
        format!(
            "Suggested {} “{}”{speaker} ({})",
            suggestion.tag().label().to_lowercase(),
            short_excerpt(text),
            suggestion.reason
        )
    }

    fn no_current(&mut self, verb: &str) {
        self.status.info(format!(
            "No suggestion is current: press ] to go to the next one, then {verb} it."
        ));
    }

    /// A (or a tag key, `as_tag`, while a suggestion is current): the current suggestion,
    /// over the selection (Shift+Arrow may have adjusted it), becomes an annotation signed by
    /// the analyst, with the speaker as claimant; it is selected, ready for a note. Returns
    /// false when no suggestion is current.
    pub(super) fn accept_current(&mut self, as_tag: Option<Tag>) -> bool {
        let (Some(suggestion), Some(span)) = (self.current_suggestion(), self.view.selection())
        else {
            return false;
        };
        let Some(pending) = self.suggest.pending() else {
            return false;
        };
        let tag = as_tag.unwrap_or_else(|| suggestion.tag());
        let taken = Suggestion {
            span,
            kind: kind_as(suggestion.kind, tag),
            ..suggestion.clone()
        };
        let mut body = Body::made(tag, &self.prefs.analyst_name(), now());
        if let Some(speaker) = &suggestion.speaker {
            body.claimant.clone_from(speaker);
        }
        let edit = pending.accept(&self.doc.session, &taken, body);
        let id = match &edit {
            Edit::Add(annotation) => Some(annotation.id),
            _ => None,
        };
        if !self.edit(edit) {
            return true;
        }
        self.view.set_selected_without_scroll(id);
        if self.prefs.analyst.is_none() {
            self.ask_analyst = true;
        }
        let excerpt = short_excerpt(
            taken
                .span
                .slice(self.doc.session.article().text())
                .unwrap_or_default(),
        );
        let speaker = suggestion
            .speaker
            .as_ref()
            .map(|s| format!(", said by {s}"))
            .unwrap_or_default();
        self.status.info(format!(
            "Accepted {} “{excerpt}”{speaker}. ] goes on to the next suggestion.",
            tag.label().to_lowercase()
        ));
        self.suggest.set_cursor(suggestion);
        self.poll_suggestions();
        true
    }

    /// X: rejects the current suggestion (a rejection saved in the session; undo brings it
    /// back) and goes on to the next.
    fn reject_current(&mut self) {
        let Some(suggestion) = self.current_suggestion() else {
            self.no_current("reject");
            return;
        };
        if !self.edit(Pending::reject(&suggestion)) {
            return;
        }
        self.poll_suggestions();
        let what = self
            .describe(&suggestion)
            .replacen("Suggested", "Rejected", 1);
        self.suggest.set_cursor(suggestion.clone());
        let next = self.suggest.step(
            &StepFrom::Suggestion(suggestion),
            true,
            self.prefs.suggestion_tags,
        );
        match next {
            Some((next, wrapped)) => {
                let note = if wrapped { " Back to the first." } else { "" };
                self.go_to_suggestion(next, &format!("{what}.{note} Now: "));
            }
            None => {
                self.view.clear_text_selection();
                self.status
                    .info(format!("{what}. No suggestions left of the tags shown."));
            }
        }
    }

    /// Shift+A / Shift+X, and the list's buttons: every suggestion of `tag` (else the current
    /// suggestion's, else the one tag shown) accepted or rejected as one undo step.
    fn decide_all(&mut self, accept: bool, tag: Option<Tag>) {
        let tag = tag
            .or_else(|| self.current_suggestion().map(|s| s.tag()))
            .or_else(|| Suggestions::only_tag(self.prefs.suggestion_tags));
        let Some(tag) = tag else {
            let keys = if accept {
                "Shift+A accepts"
            } else {
                "Shift+X rejects"
            };
            self.status.info(format!(
                "Go to a suggestion first (]): {keys} all of its tag. Or use the buttons in the Suggestions list."
            ));
            return;
        };
        let Some(pending) = self.suggest.pending() else {
            return;
        };
        let edit = if accept {
            let body = Body::made(tag, &self.prefs.analyst_name(), now());
            pending.accept_all(&self.doc.session, tag, &body)
        } else {
            pending.reject_all(tag)
        };
        let what = format!("{}s", tag.label().to_lowercase());
        let Some(edit) = edit else {
            self.status.info(format!("No suggested {what} left."));
            return;
        };
        let count = match &edit {
            Edit::Batch(edits) => edits.len(),
            _ => 1,
        };
        let on_current = self.current_suggestion().is_some_and(|s| s.tag() == tag);
        if !self.edit(edit) {
            return;
        }
        if on_current {
            // The selection lay over one of them, now decided.
            self.view.clear_text_selection();
        }
        if accept && self.prefs.analyst.is_none() {
            self.ask_analyst = true;
        }
        self.poll_suggestions();
        let done = if accept {
            format!("Accepted {} from the suggestions", plural(count, tag))
        } else {
            format!("Rejected {} suggested {what}", count)
        };
        self.status.info(format!(
            "{done}: one undo step (Ctrl+Z) takes them all back."
        ));
    }
}

/// The kind a suggestion of `kind` is accepted as when given `tag` (a quote stays direct or
/// reported).
fn kind_as(kind: Kind, tag: Tag) -> Kind {
    if kind.tag() == tag {
        return kind;
    }
    match tag {
        Tag::Claim => Kind::Claim,
        Tag::Statistic => Kind::Statistic,
        Tag::Quote => Kind::Quote,
    }
}

/// "3 claims", "1 statistic".
fn plural(count: usize, tag: Tag) -> String {
    let name = tag.label().to_lowercase();
    if count == 1 {
        format!("1 {name}")
    } else {
        format!("{count} {name}s")
    }
}
