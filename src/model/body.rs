//! The annotation body: what an analyst decides about a span (tag, status, verdict, claimant,
//! sources, note) and who made it when, apart from the annotation's identity and place.
//! Annotations and orphans (and later pending suggestions) all hold one, so a new field is
//! added here once, not in each of them.

use super::{Source, Stamp, Status, Tag};

/// What an analyst decides about a span.
///
/// Identity ([`super::AnnotationId`]) and place (a [`super::Span`], or a quote for an
/// orphan) stay outside the body: re-anchoring moves a body to a new place by copying it
/// whole, and [`super::Edit::Reattach`] moves it from an orphan to an annotation unchanged.
///
/// Invariant (kept by [`super::Session::apply`]): a verdict names a rating of the session's
/// scale for this tag ([`super::ScaleKind::for_tag`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Body {
    /// What the span is.
    pub tag: Tag,
    /// How far its check has got.
    pub status: Status,
    /// The rating given, by name (from the rating scale for claims and statistics, the
    /// attribution scale for quotes); `None` until one is given.
    pub verdict: Option<String>,
    /// Who made the claim or said the quote; empty when not recorded.
    pub claimant: String,
    /// What it was checked against, in the order added.
    pub sources: Vec<Source>,
    /// The analyst's free-form note; may be empty or span several lines.
    pub note: String,
    /// The analyst who created it (a preference of whoever tagged it); may be empty.
    pub analyst: String,
    /// When it was created; `None` for annotations made before times were recorded.
    pub created: Option<Stamp>,
    /// When any field of it last changed.
    pub changed: Option<Stamp>,
}

impl Body {
    /// A body with this tag and everything else empty (a freshly tagged span).
    pub fn new(tag: Tag) -> Self {
        Self {
            tag,
            status: Status::default(),
            verdict: None,
            claimant: String::new(),
            sources: Vec::new(),
            note: String::new(),
            analyst: String::new(),
            created: None,
            changed: None,
        }
    }

    /// A fresh body made by `analyst` at `now`.
    pub fn made(tag: Tag, analyst: &str, now: Stamp) -> Self {
        Self {
            analyst: analyst.to_owned(),
            created: Some(now.clone()),
            changed: Some(now),
            ..Self::new(tag)
        }
    }

    /// Replaces one field and returns its previous value, which is the field edit that
    /// undoes this one.
    pub fn set(&mut self, field: Field) -> Field {
        use std::mem::replace;
        match field {
            Field::Tag(tag) => Field::Tag(replace(&mut self.tag, tag)),
            Field::Status(status) => Field::Status(replace(&mut self.status, status)),
            Field::Verdict(verdict) => Field::Verdict(replace(&mut self.verdict, verdict)),
            Field::Claimant(name) => Field::Claimant(replace(&mut self.claimant, name)),
            Field::Sources(sources) => Field::Sources(replace(&mut self.sources, sources)),
            Field::Note(note) => Field::Note(replace(&mut self.note, note)),
            Field::Changed(when) => Field::Changed(replace(&mut self.changed, when)),
        }
    }

    /// The current value of one field.
    pub fn get(&self, kind: FieldKind) -> Field {
        match kind {
            FieldKind::Tag => Field::Tag(self.tag),
            FieldKind::Status => Field::Status(self.status),
            FieldKind::Verdict => Field::Verdict(self.verdict.clone()),
            FieldKind::Claimant => Field::Claimant(self.claimant.clone()),
            FieldKind::Sources => Field::Sources(self.sources.clone()),
            FieldKind::Note => Field::Note(self.note.clone()),
            FieldKind::Changed => Field::Changed(self.changed.clone()),
        }
    }
}

/// A new value for one field of a [`Body`], as carried by [`super::Edit::Set`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Field {
    /// The tag.
    Tag(Tag),
    /// The check status.
    Status(Status),
    /// The verdict (a rating name), or none.
    Verdict(Option<String>),
    /// Who made the claim or said the quote.
    Claimant(String),
    /// The whole list of sources (adding or removing one replaces the list, so its undo is
    /// the old list).
    Sources(Vec<Source>),
    /// The whole note (not a diff: a typing burst keeps only the first old value).
    Note(String),
    /// When it last changed: set beside every other field by the UI, which reads the clock
    /// (see [`super::Edit::stamped`]).
    Changed(Option<Stamp>),
}

/// Which field a [`Field`] sets, without its value: what undo grouping compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FieldKind {
    /// [`Body::tag`].
    Tag,
    /// [`Body::status`].
    Status,
    /// [`Body::verdict`].
    Verdict,
    /// [`Body::claimant`].
    Claimant,
    /// [`Body::sources`].
    Sources,
    /// [`Body::note`].
    Note,
    /// [`Body::changed`].
    Changed,
}

impl Field {
    /// Which field this sets.
    pub fn kind(&self) -> FieldKind {
        match self {
            Self::Tag(_) => FieldKind::Tag,
            Self::Status(_) => FieldKind::Status,
            Self::Verdict(_) => FieldKind::Verdict,
            Self::Claimant(_) => FieldKind::Claimant,
            Self::Sources(_) => FieldKind::Sources,
            Self::Note(_) => FieldKind::Note,
            Self::Changed(_) => FieldKind::Changed,
        }
    }

    /// The Edit menu's words for setting this field ("retag as claim", "note edit").
    pub fn describe(&self) -> String {
        match self {
            Self::Tag(tag) => format!("retag as {}", tag.label().to_lowercase()),
            Self::Status(status) => format!("status {}", status.label().to_lowercase()),
            Self::Verdict(Some(name)) => format!("verdict {name}"),
            Self::Verdict(None) => "clear verdict".to_owned(),
            Self::Claimant(_) => "claimant edit".to_owned(),
            Self::Sources(_) => "sources edit".to_owned(),
            Self::Note(_) => "note edit".to_owned(),
            Self::Changed(_) => "time stamp".to_owned(),
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
        let undo_status = body.set(Field::Status(Status::Checked));
        let undo_verdict = body.set(Field::Verdict(Some("False".into())));
        let undo_sources = body.set(Field::Sources(vec![Source {
            url: "https://example.org".into(),
            ..Source::default()
        }]));
        let undo_claimant = body.set(Field::Claimant("Viačorka".into()));
        assert_eq!(
            body.get(FieldKind::Claimant),
            Field::Claimant("Viačorka".into())
        );
        for undo in [
            undo_claimant,
            undo_sources,
            undo_verdict,
            undo_status,
            undo_tag,
            undo,
        ] {
            body.set(undo);
        }
        assert_eq!(body, Body::new(Tag::Claim));
    }

    #[test]
    fn descriptions() {
        assert_eq!(Field::Tag(Tag::Statistic).describe(), "retag as statistic");
        assert_eq!(Field::Note("x".to_owned()).describe(), "note edit");
        assert_eq!(
            Field::Status(Status::NotCheckable).describe(),
            "status not checkable"
        );
        assert_eq!(
            Field::Verdict(Some("False".into())).describe(),
            "verdict False"
        );
    }
}
