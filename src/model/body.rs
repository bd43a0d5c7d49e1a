//! The annotation body: what an analyst decides about a span (tag, note, …), apart from the
//! annotation's identity and place. Annotations, orphans (and later pending suggestions) all
//! hold one, so a new field is added here once, not in each of them.

use super::Tag;

/// What an analyst decides about a span; fields to come: status, verdict, claimant,
/// sources…
///
/// Identity ([`super::AnnotationId`]) and place (a [`super::Span`], or a quote for an
/// orphan) stay outside the body: re-anchoring moves a body to a new place by copying it
/// whole, and [`super::Edit::Reattach`] moves it from an orphan to an annotation unchanged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Body {
    /// What the span is.
    pub tag: Tag,
    /// The analyst's free-form note; may be empty or span several lines.
    pub note: String,
}

impl Body {
    /// A body with this tag and everything else empty (a freshly tagged span).
    pub fn new(tag: Tag) -> Self {
        Self {
            tag,
            note: String::new(),
        }
    }

    /// Replaces one field and returns its previous value, which is the field edit that
    /// undoes this one.
    pub fn set(&mut self, field: Field) -> Field {
        match field {
            Field::Tag(tag) => Field::Tag(std::mem::replace(&mut self.tag, tag)),
            Field::Note(note) => Field::Note(std::mem::replace(&mut self.note, note)),
        }
    }

    /// The current value of one field.
    pub fn get(&self, kind: FieldKind) -> Field {
        match kind {
            FieldKind::Tag => Field::Tag(self.tag),
            FieldKind::Note => Field::Note(self.note.clone()),
        }
    }
}

/// A new value for one field of a [`Body`], as carried by [`super::Edit::Set`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Field {
    /// The tag.
    Tag(Tag),
    /// The whole note (not a diff: a typing burst keeps only the first old value).
    Note(String),
}

/// Which field a [`Field`] sets, without its value: what undo grouping compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FieldKind {
    /// [`Body::tag`].
    Tag,
    /// [`Body::note`].
    Note,
}

impl Field {
    /// Which field this sets.
    pub fn kind(&self) -> FieldKind {
        match self {
            Self::Tag(_) => FieldKind::Tag,
            Self::Note(_) => FieldKind::Note,
        }
    }

    /// The Edit menu's words for setting this field ("retag as claim", "note edit").
    pub fn describe(&self) -> String {
        match self {
            Self::Tag(tag) => format!("retag as {}", tag.label().to_lowercase()),
            Self::Note(_) => "note edit".to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_returns_the_inverse() {
        let mut body = Body::new(Tag::Claim);
        let undo = body.set(Field::Note("checked".to_owned()));
        assert_eq!(undo, Field::Note(String::new()));
        assert_eq!(body.get(FieldKind::Note), Field::Note("checked".to_owned()));
        let undo_tag = body.set(Field::Tag(Tag::Quote));
        assert_eq!(undo_tag, Field::Tag(Tag::Claim));
        assert_eq!(undo_tag.kind(), FieldKind::Tag);
        body.set(undo_tag);
        body.set(undo);
        assert_eq!(body, Body::new(Tag::Claim));
    }

    #[test]
    fn descriptions() {
        assert_eq!(Field::Tag(Tag::Statistic).describe(), "retag as statistic");
        assert_eq!(Field::Note("x".to_owned()).describe(), "note edit");
    }
}
