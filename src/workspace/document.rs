//! The open document: a session, its undo history, the file it saves to, and the typing
//! burst a note edit joins. No GUI: the window, the command line and (later) a folder of
//! documents all work through this type.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::model::{
    AnnotationId, Article, Edit, EditError, EditGroup, History, Selection, Session, Step,
};
use crate::store::{Fingerprint, Replace};

/// What a burst of edits is: keystrokes of one kind that undo as one step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Burst {
    /// Typing into one note.
    Note(AnnotationId),
    /// Moving the ends of one annotation with Shift+Arrow.
    Resize(AnnotationId),
    /// Typing the claimant or speaker of one annotation.
    Claimant(AnnotationId),
}

/// A session being worked on, with everything needed to undo it and save it.
pub struct Document {
    /// The article and annotations.
    pub session: Session,
    /// Undo/redo and the unsaved marker.
    pub history: History,
    /// The session file Ctrl+S writes to; `None` until first saved (then a dialog asks).
    pub path: Option<PathBuf>,
    /// What `path` held when this document last loaded or saved it, to notice another
    /// program (or a colleague's `git pull`) changing it meanwhile. `None` while this window
    /// has neither read nor written `path` (a `--session` target, a restored copy): a file
    /// found there then is someone else's, and saving asks before replacing it.
    pub fingerprint: Option<Fingerprint>,
    /// The burst edits of one kind currently join (typing into one note, or Shift+Arrow
    /// presses resizing one annotation, is one undo step).
    burst: Option<(Burst, EditGroup)>,
    /// Bursts started so far, for fresh group ids.
    bursts_started: u64,
}

impl Document {
    /// A new, empty session on `article`. `path` binds the first save (`--session OUT.ron`).
    pub fn from_article(article: Article, path: Option<PathBuf>) -> Self {
        Self::new(Session::new(Arc::new(article)), History::new(), path)
    }

    /// A session loaded from `path`, whose bytes had `fingerprint`.
    pub fn from_loaded(session: Session, path: PathBuf, fingerprint: Fingerprint) -> Self {
        Self {
            fingerprint: Some(fingerprint),
            ..Self::new(session, History::new(), Some(path))
        }
    }

    /// A document bound to `path` (which may not exist yet) that has not read it: a file
    /// there is replaced only after the user says so.
    pub fn new(session: Session, history: History, path: Option<PathBuf>) -> Self {
        Self {
            session,
            history,
            path,
            fingerprint: None,
            burst: None,
            bursts_started: 0,
        }
    }

    /// How a save to `target` may replace what is there: the bound file as last read or
    /// written, or (any other file, or one this window never read) only if nothing is there.
    pub fn replace_policy(&self, target: &Path) -> Replace<'_> {
        match (&self.path, &self.fingerprint) {
            // A bound file that was deleted is simply written again.
            (Some(path), Some(known)) if path == target && target.exists() => {
                Replace::Unchanged(known)
            }
            _ => Replace::New,
        }
    }

    /// Applies an edit as its own undo step (ending any typing burst first). `before` is
    /// what was selected just before it: undo brings it back.
    ///
    /// # Errors
    ///
    /// The edit does not fit the session; nothing changed.
    pub fn apply(&mut self, edit: Edit, before: Selection) -> Result<(), EditError> {
        self.end_burst();
        self.history.apply(&mut self.session, edit, None, before)
    }

    /// Applies an edit as part of the current burst of `kind` (starting one if none is open,
    /// or if the open one is of another kind): however many keystrokes, undo brings back
    /// the state from before the burst.
    ///
    /// # Errors
    ///
    /// As [`Document::apply`].
    pub fn apply_in_burst(
        &mut self,
        kind: Burst,
        edit: Edit,
        before: Selection,
    ) -> Result<(), EditError> {
        if self.burst.is_some_and(|(open, _)| open != kind) {
            self.end_burst();
        }
        let (_, group) = *self.burst.get_or_insert_with(|| {
            self.bursts_started += 1;
            (kind, EditGroup(self.bursts_started))
        });
        self.history
            .apply(&mut self.session, edit, Some(group), before)
    }

    /// Ends the typing burst (the note field lost focus, another command ran): the next note
    /// edit is a new undo step.
    pub fn end_burst(&mut self) {
        if self.burst.take().is_some() {
            self.history.close_group();
        }
    }

    /// Undoes (`true`) or redoes the last step; `None` when there is nothing to do. `now` is
    /// the current selection (redo brings it back). Returns what was undone or redone, for
    /// the message, and the selection to restore.
    pub fn undo_redo(&mut self, undo: bool, now: Selection) -> Option<Result<Step, EditError>> {
        self.end_burst();
        if undo {
            self.history.undo(&mut self.session, now)
        } else {
            self.history.redo(&mut self.session, now)
        }
    }

    /// A save of the current state starts (it is written on a worker while editing goes on):
    /// the typing burst ends, so later keystrokes are a step of their own.
    pub fn begin_save(&mut self) {
        self.burst = None;
        self.history.begin_save();
    }

    /// The save begun by [`Document::begin_save`] ended: written to this path with these
    /// bytes, or (`None`) not written. Clean only if nothing changed since it began.
    pub fn finish_save(&mut self, saved: Option<(PathBuf, Fingerprint)>) {
        let written = saved.is_some();
        if let Some((path, fingerprint)) = saved {
            self.path = Some(path);
            self.fingerprint = Some(fingerprint);
        }
        self.history.finish_save(written);
    }

    /// What the status bar says about the file: saved, unsaved, or not written yet.
    pub fn save_state(&self) -> &'static str {
        if self.is_dirty() {
            return "• Unsaved changes";
        }
        match (&self.path, &self.fingerprint) {
            (Some(_), Some(_)) => "Saved",
            // Bound to a file this window has not written (a `--session` target, a
            // restored copy's original): nothing of this session is in it yet.
            (Some(_), None) => "Not saved to this file yet",
            (None, _) => "New session",
        }
    }

    /// The article file this session was made from, if it can still be found: the stored
    /// source as given, or relative to the session file's folder.
    pub fn source_path(&self) -> Option<PathBuf> {
        let source = PathBuf::from(self.session.article().source()?);
        if source.is_file() {
            return Some(source);
        }
        let beside = self.path.as_deref()?.parent()?.join(&source);
        beside.is_file().then_some(beside)
    }

    /// True when there are changes not yet saved.
    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    /// The name shown in the title and status bars: the session file's name, or the
    /// article's title for a session never saved.
    pub fn display_name(&self) -> String {
        self.path.as_deref().and_then(Path::file_name).map_or_else(
            || self.session.article().title().to_owned(),
            |name| name.to_string_lossy().into_owned(),
        )
    }

    /// `<article-stem>.ron`, the name the first Save dialog proposes.
    pub fn suggested_file_name(&self) -> String {
        let article = self.session.article();
        let stem = article
            .source()
            .and_then(|source| Path::new(source).file_stem())
            .map(|stem| stem.to_string_lossy().into_owned())
            .unwrap_or_else(|| slug(article.title()));
        format!("{stem}.ron")
    }
}

/// `Belarus prisoner release` → `belarus-prisoner-release`.
fn slug(title: &str) -> String {
    let words: Vec<String> = title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.is_empty() {
        "session".to_owned()
    } else {
        words.join("-")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggested_names() {
        let doc = Document::from_article(
            Article::new("T", Some("a/b/belarus-x.txt".into()), "text"),
            None,
        );
        assert_eq!(doc.suggested_file_name(), "belarus-x.ron");
        assert_eq!(doc.display_name(), "T");
        let doc = Document::from_article(Article::new("Pasted: Минск, 2020!", None, "x"), None);
        assert_eq!(doc.suggested_file_name(), "pasted-минск-2020.ron");
    }

    #[test]
    fn a_typing_burst_undoes_as_one_step_and_ends_with_another_command() {
        use crate::model::{Field, Span, Tag};
        let mut doc = Document::from_article(Article::new("T", None, "Some text here."), None);
        assert!(!doc.is_dirty());
        assert!(doc.path.is_none());
        assert_eq!(doc.save_state(), "New session");
        let none = Selection::default();
        doc.apply(doc.session.add_edit(Tag::Claim, Span::new(0, 4)), none)
            .unwrap();
        let id = doc.session.annotations()[0].id;
        let selected = Selection {
            annotation: Some(id),
            text: None,
        };
        let note = |text: &str| Edit::Set {
            id,
            field: Field::Note(text.into()),
        };
        let typing = Burst::Note(id);
        for text in ["a", "ab", "abc"] {
            doc.apply_in_burst(typing, note(text), selected).unwrap();
        }
        doc.end_burst();
        doc.apply_in_burst(typing, note("abcd"), selected).unwrap();
        assert_eq!(doc.session.annotations()[0].body.note, "abcd");
        doc.undo_redo(true, selected).unwrap().unwrap();
        let notes = |doc: &Document| doc.session.annotations()[0].body.note.clone();
        assert_eq!(notes(&doc), "abc", "a new burst after end_burst");
        let step = doc.undo_redo(true, selected).unwrap().unwrap();
        assert_eq!(notes(&doc), "", "the first burst is one step");
        assert_eq!(
            step.selection, selected,
            "undo restores the selection from before"
        );
        assert_eq!(doc.save_state(), "• Unsaved changes");
    }

    #[test]
    fn a_burst_of_another_kind_is_a_step_of_its_own() {
        use crate::model::{Field, Span, Tag};
        let mut doc = Document::from_article(Article::new("T", None, "Some text here."), None);
        let none = Selection::default();
        doc.apply(doc.session.add_edit(Tag::Claim, Span::new(0, 9)), none)
            .unwrap();
        let id = doc.session.annotations()[0].id;
        for end in [8, 7] {
            let edit = Edit::SetSpan {
                id,
                span: Span::new(0, end),
            };
            doc.apply_in_burst(Burst::Resize(id), edit, none).unwrap();
        }
        let note = Edit::Set {
            id,
            field: Field::Note("n".into()),
        };
        doc.apply_in_burst(Burst::Note(id), note, none).unwrap();
        doc.undo_redo(true, none).unwrap().unwrap();
        let annotation = &doc.session.annotations()[0];
        assert_eq!(
            (annotation.body.note.as_str(), annotation.span),
            ("", Span::new(0, 7))
        );
        doc.undo_redo(true, none).unwrap().unwrap();
        assert_eq!(
            doc.session.annotations()[0].span,
            Span::new(0, 9),
            "two resizes, one step"
        );
    }
}
