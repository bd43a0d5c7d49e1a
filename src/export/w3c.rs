//! W3C Web Annotation export: one `AnnotationCollection` (JSON-LD, context
//! `http://www.w3.org/ns/anno.jsonld`) holding every annotation of every session, its first
//! (and only) page embedded.
//!
//! Each annotation targets its article (`source`: the article's URL, else `nih:sha-256;…`,
//! the RFC 6920 name of the exact text) through a `TextQuoteSelector` (exact, prefix, suffix)
//! and a `TextPositionSelector` in code points, the model's normative unit. Bodies are
//! `TextualBody`s by purpose: `tagging` (the tag), `assessing` (the verdict), `commenting`
//! (the note). What the Web Annotation vocabulary has no term for is said with schema.org
//! terms through the `schema:` prefix the context already defines: the status
//! (`schema:creativeWorkStatus`), the claimant (`schema:author` of the target), the sources
//! (`schema:citation`), the Factmark id (`schema:identifier`). An orphan is an annotation with
//! only a quote selector: a reader that cannot find the quote cannot place it, which is what
//! an orphan is.

use serde::Serialize;
use sha2::{Digest as _, Sha256};

use super::{Document, ExportFile, Exported};
use crate::model::{Body as FactmarkBody, Quote, Session, Source, Unit, anchor};

/// The Web Annotation JSON-LD context.
pub(crate) const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";
/// The `schema:description` that marks a primary source in `schema:citation`.
pub(crate) const PRIMARY: &str = "primary source";

#[derive(Serialize)]
struct Collection {
    #[serde(rename = "@context")]
    context: &'static str,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    label: String,
    total: usize,
    generator: Agent,
    first: Page,
}

#[derive(Serialize)]
struct Page {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "startIndex")]
    start_index: usize,
    items: Vec<Annotation>,
}

#[derive(Serialize)]
struct Agent {
    #[serde(rename = "type")]
    kind: &'static str,
    name: String,
}

#[derive(Serialize)]
struct Annotation {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "schema:identifier")]
    identifier: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    created: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    modified: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    creator: Option<Agent>,
    #[serde(rename = "schema:creativeWorkStatus")]
    status: &'static str,
    #[serde(rename = "schema:citation", skip_serializing_if = "Vec::is_empty")]
    citation: Vec<Citation>,
    body: Vec<TextualBody>,
    target: Target,
}

#[derive(Serialize)]
struct TextualBody {
    #[serde(rename = "type")]
    kind: &'static str,
    purpose: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<&'static str>,
    value: String,
}

#[derive(Serialize)]
struct Citation {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(rename = "schema:name", skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(rename = "schema:description", skip_serializing_if = "Option::is_none")]
    description: Option<&'static str>,
}

#[derive(Serialize)]
struct Target {
    source: String,
    #[serde(rename = "schema:author", skip_serializing_if = "Option::is_none")]
    author: Option<Named>,
    selector: Vec<Selector>,
}

#[derive(Serialize)]
struct Named {
    name: String,
}

#[derive(Serialize)]
#[serde(tag = "type")]
enum Selector {
    TextQuoteSelector {
        exact: String,
        #[serde(skip_serializing_if = "String::is_empty")]
        prefix: String,
        #[serde(skip_serializing_if = "String::is_empty")]
        suffix: String,
    },
    TextPositionSelector {
        start: usize,
        end: usize,
    },
}

/// Exports `documents` as one annotation collection (never fails: everything of a session
/// has a place in it).
pub(super) fn export(documents: &[Document<'_>]) -> Exported {
    let mut items = Vec::new();
    let mut titles = Vec::new();
    for document in documents {
        items.extend(annotations(document));
        titles.push(document.session.article().title().to_owned());
    }
    let ids: Vec<&str> = items.iter().map(|a| a.id.as_str()).collect();
    let collection_id = urn_uuid(&["collection", &ids.join(" ")]);
    let page_id = urn_uuid(&["page", &collection_id, "1"]);
    let label = match titles.as_slice() {
        [one] => format!("Factmark annotations of \"{one}\""),
        many => format!(
            "Factmark annotations of {} documents: {}",
            many.len(),
            many.join("; ")
        ),
    };
    let collection = Collection {
        context: CONTEXT,
        id: collection_id,
        kind: "AnnotationCollection",
        label,
        total: items.len(),
        generator: Agent {
            kind: "Software",
            name: "Factmark".to_owned(),
        },
        first: Page {
            id: page_id,
            kind: "AnnotationPage",
            start_index: 0,
            items,
        },
    };
    let mut bytes = serde_json::to_vec_pretty(&collection).unwrap_or_default();
    bytes.push(b'\n');
    Exported {
        files: vec![ExportFile {
            path: std::path::PathBuf::new(),
            bytes,
        }],
        losses: Vec::new(),
    }
}

/// What the annotations of `document` target: the article's URL when it has one, else the
/// RFC 6920 name of its text (`nih:sha-256;<hex>`), which says exactly which text the
/// offsets count in.
pub(crate) fn source_of(session: &Session) -> String {
    let url = &session.details().url;
    if url.is_empty() {
        format!("nih:sha-256;{}", text_digest(session))
    } else {
        url.clone()
    }
}

/// The SHA-256 of the article text (the one the session file records, computed once).
fn text_digest(session: &Session) -> &str {
    session.article().text_digest(crate::store::sha256_hex)
}

/// The annotations and orphans of one document, in document order then id order.
fn annotations(document: &Document<'_>) -> Vec<Annotation> {
    let session = document.session;
    let article = session.article();
    let text = article.text();
    let map = article.offsets();
    let source = source_of(session);
    let digest = text_digest(session).to_owned();
    let mut out = Vec::new();
    for annotation in session.annotations() {
        let span = annotation.span;
        let (prefix, suffix) = anchor::context(text, span);
        let quote = Quote {
            text: session.text_of(annotation).to_owned(),
            prefix: prefix.to_owned(),
            suffix: suffix.to_owned(),
        };
        let start = map.from_byte(text, span.start, Unit::CodePoint);
        let end = map.from_byte(text, span.end, Unit::CodePoint);
        let position = start.zip(end);
        out.push(item(
            document.name,
            &digest,
            &source,
            annotation.id.0,
            &annotation.body,
            &quote,
            position,
        ));
    }
    for orphan in session.orphans() {
        out.push(item(
            document.name,
            &digest,
            &source,
            orphan.id.0,
            &orphan.body,
            &orphan.quote,
            None,
        ));
    }
    out
}

/// One Web Annotation.
fn item(
    name: &str,
    digest: &str,
    source: &str,
    id: u64,
    body: &FactmarkBody,
    quote: &Quote,
    position: Option<(usize, usize)>,
) -> Annotation {
    let textual = |purpose, format, value: &str| TextualBody {
        kind: "TextualBody",
        purpose,
        format,
        value: value.to_owned(),
    };
    let mut bodies = vec![textual("tagging", None, body.tag.label())];
    if let Some(verdict) = &body.verdict {
        bodies.push(textual("assessing", None, verdict));
    }
    if !body.note.is_empty() {
        bodies.push(textual("commenting", Some("text/plain"), &body.note));
    }
    let mut selector = vec![Selector::TextQuoteSelector {
        exact: quote.text.clone(),
        prefix: quote.prefix.clone(),
        suffix: quote.suffix.clone(),
    }];
    if let Some((start, end)) = position {
        selector.push(Selector::TextPositionSelector { start, end });
    }
    Annotation {
        id: urn_uuid(&["annotation", digest, name, &id.to_string()]),
        kind: "Annotation",
        identifier: id,
        created: body.created.as_ref().map(ToString::to_string),
        modified: body.changed.as_ref().map(ToString::to_string),
        creator: (!body.analyst.is_empty()).then(|| Agent {
            kind: "Person",
            name: body.analyst.clone(),
        }),
        status: body.status.file_name(),
        citation: body.sources.iter().map(citation).collect(),
        body: bodies,
        target: Target {
            source: source.to_owned(),
            author: (!body.claimant.is_empty()).then(|| Named {
                name: body.claimant.clone(),
            }),
            selector,
        },
    }
}

/// A source as a schema.org citation: its URL as the node's id, its citation as its name.
fn citation(source: &Source) -> Citation {
    Citation {
        id: (!source.url.is_empty()).then(|| source.url.clone()),
        name: (!source.citation.is_empty()).then(|| source.citation.clone()),
        description: source.primary.then_some(PRIMARY),
    }
}

/// A stable `urn:uuid:` (RFC 9562 version 8, the bytes taken from the SHA-256 of `parts`):
/// exporting the same session twice gives the same ids, and no two annotations share one.
fn urn_uuid(parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    let digest = hasher.finalize();
    let mut bytes = [0_u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    bytes[6] = (bytes[6] & 0x0f) | 0x80;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_are_version_8_and_stable() {
        let a = urn_uuid(&["x", "1"]);
        assert_eq!(a, urn_uuid(&["x", "1"]));
        assert_ne!(a, urn_uuid(&["x1", ""]), "parts are separated");
        let hex = a.strip_prefix("urn:uuid:").unwrap();
        assert_eq!(hex.len(), 36);
        assert_eq!(&hex[14..15], "8");
        assert!(matches!(&hex[19..20], "8" | "9" | "a" | "b"));
    }
}
