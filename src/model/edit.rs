//! Edits: the only way a session changes. Each applied edit yields its inverse for undo.

use super::{
    Annotation, AnnotationId, ArticleDetails, Field, Orphan, Rejection, Scale, ScaleKind, Span,
    Stamp,
};

/// A change to a session's annotations, applied by [`super::Session::apply`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    /// Insert an annotation (its id must be unused).
    Add(Annotation),
    /// Delete the annotation with this id.
    Remove(AnnotationId),
    /// Set one field of an annotation's (or an orphan's) [`super::Body`]. The inverse sets
    /// the same field back to its old value.
    Set {
        /// Which annotation or orphan.
        id: AnnotationId,
        /// The field and its new value.
        field: Field,
    },
    /// Move an annotation to another span (re-attaching, re-anchoring).
    SetSpan {
        /// Which annotation.
        id: AnnotationId,
        /// Its new span.
        span: Span,
    },
    /// Turn the orphan with this id back into an annotation over `span`, keeping its whole
    /// body. The inverse removes the annotation and restores the orphan exactly.
    Reattach {
        /// Which orphan.
        id: AnnotationId,
        /// Where it goes in the current article.
        span: Span,
    },
    /// Insert an orphan (its id must be unused by annotations and orphans).
    AddOrphan(Orphan),
    /// Delete the orphan with this id.
    RemoveOrphan(AnnotationId),
    /// Replace one of the session's rating scales. Every verdict in use must name a rating of
    /// the new scale (a rating verdicts still use is retired, not removed: see
    /// [`super::Session::scale_edit`]).
    SetScale {
        /// Which scale.
        kind: ScaleKind,
        /// Its new ratings.
        scale: Scale,
    },
    /// Replace the article's details (URL, publisher, author, date).
    SetDetails(ArticleDetails),
    /// Remember that a suggestion was rejected (it must not be rejected already); the
    /// inverse is [`Edit::Unreject`].
    Reject(Rejection),
    /// Forget a rejection (it must be there), so the suggestion can come back.
    Unreject(Rejection),
    /// Several edits applied in order as one undo step; all or nothing.
    Batch(Vec<Edit>),
}

impl Edit {
    /// The annotations and orphans whose body alone this edit changes, when that is all it
    /// does (no place, no id, no annotation added or removed); `None` otherwise. Caches of
    /// places (the interval index) stay valid across such an edit, and caches of bodies need
    /// to look at these ids only.
    pub fn bodies_only(&self) -> Option<Vec<AnnotationId>> {
        match self {
            Self::Set { id, .. } => Some(vec![*id]),
            // None of these moves, adds or removes an annotation; bodies stay as they were.
            Self::SetScale { .. } | Self::SetDetails(_) | Self::Reject(_) | Self::Unreject(_) => {
                Some(Vec::new())
            }
            Self::Batch(edits) => {
                let mut ids = Vec::new();
                for edit in edits {
                    ids.extend(edit.bodies_only()?);
                }
                Some(ids)
            }
            _ => None,
        }
    }

    /// This edit of the annotations `ids` with their "last changed" time set to `now`, as one
    /// step. The UI reads the clock and calls this; undo puts the old times back.
    #[must_use]
    pub fn stamped(self, ids: &[AnnotationId], now: &Stamp) -> Self {
        let mut edits = vec![self];
        edits.extend(ids.iter().map(|&id| Self::Set {
            id,
            field: Field::Changed(Some(now.clone())),
        }));
        Self::Batch(edits)
    }

    /// True for an edit that only moves a time stamp (which descriptions leave out).
    fn is_stamp(&self) -> bool {
        matches!(
            self,
            Self::Set {
                field: Field::Changed(_),
                ..
            }
        )
    }

    /// A short description for the Edit menu and status bar ("Undo add claim").
    pub fn describe(&self) -> String {
        if let Self::Batch(edits) = self {
            // A scale change carries the verdicts it renames: it is one change to the user.
            if let Some(scale) = edits.iter().find(|e| matches!(e, Self::SetScale { .. })) {
                return scale.describe();
            }
            // Accepting or rejecting all suggestions of one tag: one step, said as one.
            if let Some(Self::Reject(first)) = edits.first()
                && edits
                    .iter()
                    .all(|e| matches!(e, Self::Reject(r) if r.tag == first.tag))
                && edits.len() > 1
            {
                return format!(
                    "reject {} {} suggestions",
                    edits.len(),
                    first.tag.label().to_lowercase()
                );
            }
            let mut meant = edits.iter().filter(|edit| !edit.is_stamp());
            if let (Some(only), None) = (meant.next(), meant.next())
                && edits.len() > 1
            {
                return only.describe();
            }
        }
        match self {
            Self::Add(a) => format!("add {}", a.body.tag.label().to_lowercase()),
            Self::Remove(_) => "delete annotation".to_owned(),
            Self::Set { field, .. } => field.describe(),
            Self::SetSpan { .. } => "move annotation".to_owned(),
            Self::Reattach { .. } => "re-attach annotation".to_owned(),
            Self::AddOrphan(_) => "restore orphan".to_owned(),
            Self::RemoveOrphan(_) => "delete orphan".to_owned(),
            Self::SetScale { kind, .. } => format!("{} change", kind.label()),
            Self::SetDetails(_) => "article details edit".to_owned(),
            Self::Reject(r) => format!("reject {} suggestion", r.tag.label().to_lowercase()),
            Self::Unreject(r) => format!("restore {} suggestion", r.tag.label().to_lowercase()),
            // The inverses of Reattach, as the Edit menu sees them after an undo or redo.
            Self::Batch(edits) => match edits.as_slice() {
                [Self::Remove(_), Self::AddOrphan(_)] => "detach annotation".to_owned(),
                [Self::RemoveOrphan(_), Self::Add(_)] => "re-attach annotation".to_owned(),
                [Self::Add(first), ..]
                    if edits
                        .iter()
                        .all(|e| matches!(e, Self::Add(a) if a.body.tag == first.body.tag)) =>
                {
                    format!(
                        "add {} {}s",
                        edits.len(),
                        first.body.tag.label().to_lowercase()
                    )
                }
                _ => format!("{} changes", edits.len()),
            },
        }
    }
}

/// Why an edit could not be applied. The session is unchanged when this is returned.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// No annotation has this id.
    #[error("no annotation {0}")]
    UnknownId(AnnotationId),
    /// No orphan has this id.
    #[error("no orphan {0}")]
    UnknownOrphan(AnnotationId),
    /// An annotation or orphan with this id already exists.
    #[error("annotation {0} already exists")]
    DuplicateId(AnnotationId),
    /// A verdict names no rating of the scale its tag takes verdicts from.
    #[error("\"{verdict}\" is not in the session's {}", kind.label())]
    NotInScale {
        /// The verdict.
        verdict: String,
        /// The scale it should be in.
        kind: ScaleKind,
    },
    /// A new scale lacks a rating that a verdict still uses.
    #[error("annotation {id} still has the verdict \"{verdict}\", which the new {} lacks", kind.label())]
    RatingInUse {
        /// An annotation or orphan with that verdict.
        id: AnnotationId,
        /// The verdict.
        verdict: String,
        /// Which scale.
        kind: ScaleKind,
    },
    /// A scale with a blank or repeated rating name.
    #[error("the {} is not valid: {problem}", kind.label())]
    BadScale {
        /// Which scale.
        kind: ScaleKind,
        /// What is wrong.
        problem: String,
    },
    /// The span is empty, reversed, or covers only whitespace.
    #[error("nothing to tag: the selection is empty or only whitespace")]
    EmptySpan,
    /// This suggestion is already rejected.
    #[error("the {} suggestion at {}..{} is already rejected", .0.tag.label().to_lowercase(), .0.span.start, .0.span.end)]
    AlreadyRejected(Rejection),
    /// There is no such rejection to forget.
    #[error("no rejected {} suggestion at {}..{}", .0.tag.label().to_lowercase(), .0.span.start, .0.span.end)]
    NotRejected(Rejection),
    /// The span reaches past the end of the text or splits a character.
    #[error("span {start}..{end} is not a valid range of the article (length {len} bytes)")]
    OutOfRange {
        /// Start byte.
        start: usize,
        /// End byte.
        end: usize,
        /// Text length in bytes.
        len: usize,
    },
}
