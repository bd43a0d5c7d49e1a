//! The on-disk shape of session files (serde structs for format v2, and v1 for reading old
//! files) and the deterministic RON rendering of v2. Field order here is the order in the
//! file; `docs/FORMAT.md` describes it.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use super::reanchor::context;
use crate::model::{Session, Tag};

/// The `format` string every session file starts with.
pub const FORMAT: &str = "factmark-session";

/// The newest format version this build writes and reads. Version 2 added `prefix`/`suffix`
/// context to each annotation, the `orphans` list and the article's optional `import`
/// record; version 1 files are migrated on load.
pub const VERSION: u64 = 2;

/// A whole session file, format v2. (Serde names are what error messages show:
/// "in `annotation`".)
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "session")]
pub(crate) struct SessionFile<'a> {
    pub format: Cow<'a, str>,
    pub version: u64,
    pub article: ArticleFile<'a>,
    pub annotations: Vec<AnnotationFile<'a>>,
    /// Optional on reading (an empty list may be left out); always written.
    #[serde(default)]
    pub orphans: Vec<OrphanFile<'a>>,
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
    pub text: Cow<'a, str>,
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
            text: v1.text,
        }
    }
}

/// One annotation (v2); `start`/`end` are code-point offsets, `text` the annotated slice,
/// `prefix`/`suffix` the text just around it.
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
    /// (empty context always agrees with the text, so validation accepts it).
    fn from(v1: AnnotationFileV1<'a>) -> Self {
        Self {
            id: v1.id,
            tag: v1.tag,
            start: v1.start,
            end: v1.end,
            text: v1.text,
            prefix: Cow::Borrowed(""),
            suffix: Cow::Borrowed(""),
            note: v1.note,
        }
    }
}

/// One orphan (v2): an annotation without a place in the text, with its quote and context.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "orphan")]
pub(crate) struct OrphanFile<'a> {
    pub id: u64,
    pub tag: Tag,
    pub text: Cow<'a, str>,
    pub prefix: Cow<'a, str>,
    pub suffix: Cow<'a, str>,
    pub note: Cow<'a, str>,
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

/// The fixed pretty-printing settings: the same session always gives the same bytes, on every
/// platform. Depth 2 puts each top-level and article field on its own line and each
/// annotation on one line, so diffs of a session read one annotation per changed line.
fn pretty() -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new()
        .depth_limit(2)
        .new_line("\n")
        .indentor("    ")
        .separator(" ")
        .struct_names(false)
        .separate_tuple_members(false)
        .enumerate_arrays(false)
        .compact_arrays(false)
        .compact_structs(false)
        .escape_strings(true)
        .number_suffixes(false)
}

/// Why a session could not be rendered. Only reachable if the session's own invariants are
/// broken (a span off a `char` boundary) or the RON serializer fails.
#[derive(Debug, thiserror::Error)]
pub(crate) enum RenderError {
    #[error("annotation {id} has a span {start}..{end} that is not on character boundaries")]
    Span { id: u64, start: usize, end: usize },
    #[error("the RON serializer failed: {0}")]
    Ron(#[from] ron::Error),
}

/// Renders a session as format v2 RON (see [`super::to_ron`]).
pub(crate) fn render(session: &Session) -> Result<String, RenderError> {
    let article = session.article();
    let text = article.text();
    let annotations = session
        .annotations()
        .iter()
        .map(|a| {
            let span_error = || RenderError::Span {
                id: a.id.0,
                start: a.span.start,
                end: a.span.end,
            };
            let start = article.char_of_byte(a.span.start).ok_or_else(span_error)?;
            let end = article.char_of_byte(a.span.end).ok_or_else(span_error)?;
            let slice = a.span.slice(text).ok_or_else(span_error)?;
            let (prefix, suffix) = context(text, a.span);
            Ok(AnnotationFile {
                id: a.id.0,
                tag: a.tag,
                start,
                end,
                text: Cow::Borrowed(slice),
                prefix: Cow::Borrowed(prefix),
                suffix: Cow::Borrowed(suffix),
                note: Cow::Borrowed(&a.note),
            })
        })
        .collect::<Result<Vec<_>, RenderError>>()?;
    let orphans = session
        .orphans()
        .iter()
        .map(|o| OrphanFile {
            id: o.id.0,
            tag: o.tag,
            text: Cow::Borrowed(&o.text),
            prefix: Cow::Borrowed(&o.prefix),
            suffix: Cow::Borrowed(&o.suffix),
            note: Cow::Borrowed(&o.note),
        })
        .collect();
    let file = SessionFile {
        format: Cow::Borrowed(FORMAT),
        version: VERSION,
        article: ArticleFile {
            title: Cow::Borrowed(article.title()),
            source: article.source().map(Cow::Borrowed),
            sha256: Cow::Owned(sha256_hex(text)),
            import: article.provenance().map(|p| ImportFile {
                importer: Cow::Borrowed(&p.importer),
                encoding: Cow::Borrowed(&p.encoding),
                source_sha256: Cow::Borrowed(&p.source_sha256),
            }),
            text: Cow::Borrowed(text),
        },
        annotations,
        orphans,
    };
    let mut out = ron::ser::to_string_pretty(&file, pretty())?;
    out.push('\n');
    Ok(out)
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
