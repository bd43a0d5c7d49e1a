//! The on-disk shape of session files (serde structs for format v4, which also read v2 and v3
//! files since every field v3 and v4 added has a default, and v1 for reading old files);
//! `render` writes v4 from them. Field order here is the order in the file; `docs/FORMAT.md`
//! describes it.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use crate::model::{Body, Scale, ScaleKind, Status, Tag};

/// The `format` string every session file starts with.
pub const FORMAT: &str = "factmark-session";

/// The newest format version this build writes and reads. Version 2 added `prefix`/`suffix`
/// context to each annotation, the `orphans` list and the article's optional `import`
/// record; version 3 the fact-check (status, verdict, claimant, sources, analyst, times), the
/// rating scales and the article's details; version 4 the rejected suggestions. Older files
/// are migrated on load.
pub const VERSION: u64 = 4;

/// A whole session file, format v4 (v2 and v3 files read with the same struct: what v3 and v4
/// added has defaults). (Serde names are what error messages show: "in `annotation`".)
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "session")]
pub(crate) struct SessionFile<'a> {
    pub format: Cow<'a, str>,
    pub version: u64,
    pub article: ArticleFile<'a>,
    /// The verdicts offered (v3); the default scales when left out.
    #[serde(default)]
    pub scales: ScalesFile<'a>,
    pub annotations: Vec<AnnotationFile<'a>>,
    /// Optional on reading (an empty list may be left out); always written.
    #[serde(default)]
    pub orphans: Vec<OrphanFile<'a>>,
    /// Rejected suggestions (v4); empty when left out.
    #[serde(default)]
    pub rejected: Vec<RejectionFile<'a>>,
}

/// One rejected suggestion (v4): the tag it would have had, its code-point offsets and the
/// text there (checked against the article like an annotation's).
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "rejection")]
pub(crate) struct RejectionFile<'a> {
    pub tag: Tag,
    pub start: usize,
    pub end: usize,
    pub text: Cow<'a, str>,
}

/// A whole session file, format v1 (read only, then migrated).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "session")]
pub(crate) struct SessionFileV1<'a> {
    #[allow(dead_code, reason = "checked by the header pass")]
    pub format: Cow<'a, str>,
    #[allow(dead_code, reason = "checked by the header pass")]
    pub version: u64,
    pub article: ArticleFileV1<'a>,
    pub annotations: Vec<AnnotationFileV1<'a>>,
}

/// The embedded article (v2).
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "article")]
pub(crate) struct ArticleFile<'a> {
    pub title: Cow<'a, str>,
    pub source: Option<Cow<'a, str>>,
    pub sha256: Cow<'a, str>,
    /// How the text was imported. Optional on reading (v2 files written before it existed
    /// leave it out); always written, `None` when unknown.
    #[serde(default)]
    pub import: Option<ImportFile<'a>>,
    /// URL, publisher, author, publication date (v3); empty when left out.
    #[serde(default)]
    pub details: DetailsFile<'a>,
    pub text: Cow<'a, str>,
}

/// The article's details (v3).
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "details")]
pub(crate) struct DetailsFile<'a> {
    #[serde(default)]
    pub url: Cow<'a, str>,
    #[serde(default)]
    pub publisher: Cow<'a, str>,
    #[serde(default)]
    pub author: Cow<'a, str>,
    #[serde(default)]
    pub published: Cow<'a, str>,
}

/// The session's two rating scales (v3).
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "scales")]
pub(crate) struct ScalesFile<'a> {
    pub rating: Vec<RatingFile<'a>>,
    pub attribution: Vec<RatingFile<'a>>,
}

impl Default for ScalesFile<'_> {
    fn default() -> Self {
        let file = |kind| {
            Scale::default_for(kind)
                .ratings
                .into_iter()
                .map(|r| RatingFile {
                    name: Cow::Owned(r.name),
                    description: Cow::Owned(r.description),
                    colour: Cow::Owned(r.colour.hex()),
                    retired: r.retired,
                })
                .collect()
        };
        Self {
            rating: file(ScaleKind::Rating),
            attribution: file(ScaleKind::Attribution),
        }
    }
}

/// One rating of a scale (v3); `colour` is `#rrggbb`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "rating")]
pub(crate) struct RatingFile<'a> {
    pub name: Cow<'a, str>,
    #[serde(default)]
    pub description: Cow<'a, str>,
    pub colour: Cow<'a, str>,
    #[serde(default)]
    pub retired: bool,
}

/// One source of an annotation (v3).
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "source")]
pub(crate) struct SourceFile<'a> {
    #[serde(default)]
    pub url: Cow<'a, str>,
    #[serde(default)]
    pub citation: Cow<'a, str>,
    #[serde(default)]
    pub primary: bool,
}

/// The article's provenance (v2): which importer read the source, the encoding it was
/// decoded from, and the SHA-256 of the source's raw bytes.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "import")]
pub(crate) struct ImportFile<'a> {
    pub importer: Cow<'a, str>,
    pub encoding: Cow<'a, str>,
    pub source_sha256: Cow<'a, str>,
}

/// The embedded article in format v1: no `import` record.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "article")]
pub(crate) struct ArticleFileV1<'a> {
    pub title: Cow<'a, str>,
    pub source: Option<Cow<'a, str>>,
    pub sha256: Cow<'a, str>,
    pub text: Cow<'a, str>,
}

impl<'a> From<ArticleFileV1<'a>> for ArticleFile<'a> {
    /// Migration v1 → v2: the import record is unknown.
    fn from(v1: ArticleFileV1<'a>) -> Self {
        Self {
            title: v1.title,
            source: v1.source,
            sha256: v1.sha256,
            import: None,
            details: DetailsFile::default(),
            text: v1.text,
        }
    }
}

/// One annotation (v3); `start`/`end` are code-point offsets, `text` the annotated slice,
/// `prefix`/`suffix` the text just around it, then the body (the fields after `note` are v3's,
/// with defaults).
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "annotation")]
pub(crate) struct AnnotationFile<'a> {
    pub id: u64,
    pub tag: Tag,
    pub start: usize,
    pub end: usize,
    pub text: Cow<'a, str>,
    pub prefix: Cow<'a, str>,
    pub suffix: Cow<'a, str>,
    pub note: Cow<'a, str>,
    #[serde(default)]
    pub status: Status,
    #[serde(default)]
    pub verdict: Option<Cow<'a, str>>,
    #[serde(default)]
    pub claimant: Cow<'a, str>,
    #[serde(default)]
    pub sources: Vec<SourceFile<'a>>,
    #[serde(default)]
    pub analyst: Cow<'a, str>,
    #[serde(default)]
    pub created: Option<Cow<'a, str>>,
    #[serde(default)]
    pub changed: Option<Cow<'a, str>>,
}

/// One annotation in format v1: no context.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "annotation")]
pub(crate) struct AnnotationFileV1<'a> {
    pub id: u64,
    pub tag: Tag,
    pub start: usize,
    pub end: usize,
    pub text: Cow<'a, str>,
    pub note: Cow<'a, str>,
}

impl<'a> From<AnnotationFileV1<'a>> for AnnotationFile<'a> {
    /// Migration v1 → v2: the context is left empty here and recomputed from the article
    /// (empty context always agrees with the text, so validation accepts it). The body goes
    /// through the same [`BodyFile`] as every other annotation's.
    fn from(mut v1: AnnotationFileV1<'a>) -> Self {
        let body = v1.take_body();
        Self::assemble(
            v1.id,
            v1.start,
            v1.end,
            v1.text,
            (Cow::Borrowed(""), Cow::Borrowed("")),
            body,
        )
    }
}

/// One orphan (v3): an annotation without a place in the text, with its quote and context.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "orphan")]
pub(crate) struct OrphanFile<'a> {
    pub id: u64,
    pub tag: Tag,
    pub text: Cow<'a, str>,
    pub prefix: Cow<'a, str>,
    pub suffix: Cow<'a, str>,
    pub note: Cow<'a, str>,
    #[serde(default)]
    pub status: Status,
    #[serde(default)]
    pub verdict: Option<Cow<'a, str>>,
    #[serde(default)]
    pub claimant: Cow<'a, str>,
    #[serde(default)]
    pub sources: Vec<SourceFile<'a>>,
    #[serde(default)]
    pub analyst: Cow<'a, str>,
    #[serde(default)]
    pub created: Option<Cow<'a, str>>,
    #[serde(default)]
    pub changed: Option<Cow<'a, str>>,
}

/// The fields of a [`Body`] as session files store them. They sit among each annotation's
/// and orphan's other fields (the file's field order is fixed, and `#[serde(flatten)]` would
/// change the bytes), so each file struct that holds a body converts to and from this, and
/// the model's side is written once: [`BodyFile::of`] for saving, `load::validate::to_body` for
/// loading.
pub(crate) struct BodyFile<'a> {
    pub tag: Tag,
    pub note: Cow<'a, str>,
    pub status: Status,
    pub verdict: Option<Cow<'a, str>>,
    pub claimant: Cow<'a, str>,
    pub sources: Vec<SourceFile<'a>>,
    pub analyst: Cow<'a, str>,
    pub created: Option<Cow<'a, str>>,
    pub changed: Option<Cow<'a, str>>,
}

impl<'a> BodyFile<'a> {
    /// The file form of `body`, borrowing its text.
    pub fn of(body: &'a Body) -> Self {
        Self {
            tag: body.tag,
            note: Cow::Borrowed(&body.note),
            status: body.status,
            verdict: body.verdict.as_deref().map(Cow::Borrowed),
            claimant: Cow::Borrowed(&body.claimant),
            sources: body
                .sources
                .iter()
                .map(|s| SourceFile {
                    url: Cow::Borrowed(&s.url),
                    citation: Cow::Borrowed(&s.citation),
                    primary: s.primary,
                })
                .collect(),
            analyst: Cow::Borrowed(&body.analyst),
            created: body.created.as_ref().map(|t| Cow::Borrowed(t.as_str())),
            changed: body.changed.as_ref().map(|t| Cow::Borrowed(t.as_str())),
        }
    }

    /// A body of this tag and note with every v3 field at its default (migrating v1).
    pub fn old(tag: Tag, note: Cow<'a, str>) -> Self {
        Self {
            tag,
            note,
            status: Status::default(),
            verdict: None,
            claimant: Cow::Borrowed(""),
            sources: Vec::new(),
            analyst: Cow::Borrowed(""),
            created: None,
            changed: None,
        }
    }
}

impl<'a> AnnotationFile<'a> {
    /// An annotation from its place (offsets, text, `(prefix, suffix)`) and its body.
    pub(super) fn assemble(
        id: u64,
        start: usize,
        end: usize,
        text: Cow<'a, str>,
        (prefix, suffix): (Cow<'a, str>, Cow<'a, str>),
        body: BodyFile<'a>,
    ) -> Self {
        let BodyFile {
            tag,
            note,
            status,
            verdict,
            claimant,
            sources,
            analyst,
            created,
            changed,
        } = body;
        Self {
            id,
            tag,
            start,
            end,
            text,
            prefix,
            suffix,
            note,
            status,
            verdict,
            claimant,
            sources,
            analyst,
            created,
            changed,
        }
    }
}

impl<'a> OrphanFile<'a> {
    /// An orphan from its quote (text, prefix, suffix) and its body.
    pub(super) fn assemble(
        id: u64,
        (text, prefix, suffix): (Cow<'a, str>, Cow<'a, str>, Cow<'a, str>),
        body: BodyFile<'a>,
    ) -> Self {
        let BodyFile {
            tag,
            note,
            status,
            verdict,
            claimant,
            sources,
            analyst,
            created,
            changed,
        } = body;
        Self {
            id,
            tag,
            text,
            prefix,
            suffix,
            note,
            status,
            verdict,
            claimant,
            sources,
            analyst,
            created,
            changed,
        }
    }
}

/// `take_body` for each file struct that holds a body's fields under their own names: the
/// one place that lists which fields those are (besides [`BodyFile`] itself).
macro_rules! take_body {
    ($($file:ident),+) => {$(
        impl<'a> $file<'a> {
            /// Moves the body fields out (leaving them empty), for the loader.
            pub fn take_body(&mut self) -> BodyFile<'a> {
                BodyFile {
                    tag: self.tag,
                    note: std::mem::take(&mut self.note),
                    status: self.status,
                    verdict: self.verdict.take(),
                    claimant: std::mem::take(&mut self.claimant),
                    sources: std::mem::take(&mut self.sources),
                    analyst: std::mem::take(&mut self.analyst),
                    created: self.created.take(),
                    changed: self.changed.take(),
                }
            }
        }
    )+};
}

take_body!(AnnotationFile, OrphanFile);

impl<'a> AnnotationFileV1<'a> {
    /// Moves the body fields out: v1 had a tag and a note; the rest takes its defaults.
    pub fn take_body(&mut self) -> BodyFile<'a> {
        BodyFile::old(self.tag, std::mem::take(&mut self.note))
    }
}

/// Lower-case hex SHA-256 of the UTF-8 bytes of `text`.
pub fn sha256_hex(text: &str) -> String {
    use std::fmt::Write as _;
    let digest = Sha256::digest(text.as_bytes());
    let mut hex = String::with_capacity(64);
    for byte in digest {
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_known_text() {
        assert_eq!(
            sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
