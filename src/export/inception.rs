//! INCEpTION export: one session as a UIMA CAS in JSON (specification 0.4.0, the format of
//! `uimaj-io-jsoncas`, which INCEpTION reads as "UIMA CAS JSON"), with its type system inside.
//!
//! The CAS has the article text as its sofa, a DKPro `DocumentMetaData` (title, id, URL) and
//! one feature structure per annotation of the custom span layer [`LAYER`], with string
//! features for the tag and every fact-check field. Offsets are UTF-16 code units, the CAS's
//! own unit (Java counts them). INCEpTION only keeps types its project knows: create the
//! layer there first (docs/EXPORT.md says how).

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Document, ExportError, ExportFile, Exported, Format, Loss};
use crate::model::{Annotation, Session, Unit};

/// The custom span layer's type (INCEpTION names custom layers `webanno.custom.<Name>`).
pub(crate) const LAYER: &str = "webanno.custom.Factmark";
/// DKPro Core's document metadata, which INCEpTION's readers fill and expect.
const METADATA: &str = "de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData";
const STRING: &str = "uima.cas.String";
const INTEGER: &str = "uima.cas.Integer";
const BOOLEAN: &str = "uima.cas.Boolean";
const SOFA_ID: u64 = 1;
const METADATA_ID: u64 = 2;

/// The layer's features: name, range and what it holds.
const FEATURES: [(&str, &str, &str); 10] = [
    (
        "identifier",
        INTEGER,
        "The annotation's id in the Factmark session.",
    ),
    ("tag", STRING, "Claim, Statistic or Quote."),
    (
        "status",
        STRING,
        "How far the check has got: ToCheck, Checking, Checked or NotCheckable.",
    ),
    (
        "verdict",
        STRING,
        "The rating given (from the session's scale for the tag).",
    ),
    ("claimant", STRING, "Who made the claim or said the quote."),
    (
        "sources",
        STRING,
        "What it was checked against, one source per line: citation <URL> (primary).",
    ),
    ("note", STRING, "The analyst's note."),
    ("analyst", STRING, "Who made the annotation."),
    ("created", STRING, "When it was made (RFC 3339, UTC)."),
    ("changed", STRING, "When it last changed (RFC 3339, UTC)."),
];

#[derive(Serialize)]
struct Cas {
    #[serde(rename = "%TYPES")]
    types: BTreeMap<&'static str, TypeDef>,
    #[serde(rename = "%FEATURE_STRUCTURES")]
    feature_structures: Vec<FeatureStructure>,
    #[serde(rename = "%VIEWS")]
    views: BTreeMap<&'static str, View>,
}

#[derive(Serialize)]
struct TypeDef {
    #[serde(rename = "%NAME")]
    name: &'static str,
    #[serde(rename = "%SUPER_TYPE")]
    super_type: &'static str,
    #[serde(rename = "%DESCRIPTION")]
    description: &'static str,
    #[serde(flatten)]
    features: BTreeMap<&'static str, FeatureDef>,
}

#[derive(Serialize)]
struct FeatureDef {
    #[serde(rename = "%NAME")]
    name: &'static str,
    #[serde(rename = "%RANGE")]
    range: &'static str,
    #[serde(rename = "%DESCRIPTION", skip_serializing_if = "str::is_empty")]
    description: &'static str,
}

#[derive(Serialize)]
#[serde(untagged)]
enum FeatureStructure {
    Sofa(Sofa),
    Metadata(Metadata),
    Span(Span),
}

#[derive(Serialize)]
struct Sofa {
    #[serde(rename = "%ID")]
    id: u64,
    #[serde(rename = "%TYPE")]
    kind: &'static str,
    #[serde(rename = "sofaNum")]
    sofa_num: u64,
    #[serde(rename = "sofaID")]
    sofa_id: &'static str,
    #[serde(rename = "mimeType")]
    mime_type: &'static str,
    #[serde(rename = "sofaString")]
    sofa_string: String,
}

/// What every annotation of the CAS starts with: id, type, sofa and offsets (UTF-16).
#[derive(Serialize)]
struct Head {
    #[serde(rename = "%ID")]
    id: u64,
    #[serde(rename = "%TYPE")]
    kind: &'static str,
    #[serde(rename = "@sofa")]
    sofa: u64,
    begin: usize,
    end: usize,
}

#[derive(Serialize)]
struct Metadata {
    #[serde(flatten)]
    head: Head,
    language: &'static str,
    #[serde(rename = "documentTitle")]
    title: String,
    #[serde(rename = "documentId")]
    document_id: String,
    #[serde(rename = "documentUri", skip_serializing_if = "Option::is_none")]
    uri: Option<String>,
    #[serde(rename = "isLastSegment")]
    is_last_segment: bool,
}

#[derive(Serialize)]
struct Span {
    #[serde(flatten)]
    head: Head,
    identifier: u64,
    tag: &'static str,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    verdict: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    claimant: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sources: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    analyst: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    created: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    changed: Option<String>,
}

#[derive(Serialize)]
struct View {
    #[serde(rename = "%SOFA")]
    sofa: u64,
    #[serde(rename = "%MEMBERS")]
    members: Vec<u64>,
}

/// Exports the one document as a CAS.
///
/// # Errors
///
/// [`ExportError::OneDocumentOnly`] for several documents: a CAS holds one text.
pub(super) fn export(documents: &[Document<'_>]) -> Result<Exported, ExportError> {
    let [document] = documents else {
        return Err(ExportError::OneDocumentOnly {
            format: Format::Inception,
            count: documents.len(),
        });
    };
    let session = document.session;
    let mut losses = Vec::new();
    let lose = |what: String, annotation| Loss {
        document: document.name.to_owned(),
        annotation,
        what,
    };
    let article = session.article();
    let text = article.text();
    let mut structures = vec![
        FeatureStructure::Sofa(Sofa {
            id: SOFA_ID,
            kind: "uima.cas.Sofa",
            sofa_num: 1,
            sofa_id: "_InitialView",
            mime_type: "text",
            sofa_string: text.to_owned(),
        }),
        FeatureStructure::Metadata(Metadata {
            head: Head {
                id: METADATA_ID,
                kind: METADATA,
                sofa: SOFA_ID,
                begin: 0,
                end: article.offsets().utf16_len(),
            },
            language: "x-unspecified",
            title: article.title().to_owned(),
            document_id: document.name.to_owned(),
            uri: Some(session.details().url.clone()).filter(|url| !url.is_empty()),
            is_last_segment: false,
        }),
    ];
    let mut members = vec![METADATA_ID];
    for annotation in session.annotations() {
        let id = METADATA_ID + members.len() as u64;
        match span(session, annotation, id) {
            Some(span) => {
                structures.push(FeatureStructure::Span(span));
                members.push(id);
            }
            None => losses.push(lose(
                "the span is not on character boundaries of the text".to_owned(),
                Some(annotation.id),
            )),
        }
    }
    for orphan in session.orphans() {
        losses.push(lose(
            "an orphan has no place in the text, and a CAS annotation is a span of it".to_owned(),
            Some(orphan.id),
        ));
    }
    let details = session.details();
    if !(details.publisher.is_empty() && details.author.is_empty() && details.published.is_empty())
    {
        losses.push(lose(
            "the article's publisher, author and date have no place in DKPro's document \
             metadata (its title and URL do)"
                .to_owned(),
            None,
        ));
    }
    let cas = Cas {
        types: type_system(),
        feature_structures: structures,
        views: BTreeMap::from([(
            "_InitialView",
            View {
                sofa: SOFA_ID,
                members,
            },
        )]),
    };
    let mut bytes = serde_json::to_vec_pretty(&cas).unwrap_or_default();
    bytes.push(b'\n');
    Ok(Exported {
        files: vec![ExportFile {
            path: std::path::PathBuf::new(),
            bytes,
        }],
        losses,
    })
}

/// The layer annotation of `annotation`, or `None` when its offsets do not convert (never
/// for a valid session).
fn span(session: &Session, annotation: &Annotation, id: u64) -> Option<Span> {
    let article = session.article();
    let text = article.text();
    let map = article.offsets();
    let begin = map.from_byte(text, annotation.span.start, Unit::Utf16)?;
    let end = map.from_byte(text, annotation.span.end, Unit::Utf16)?;
    let body = &annotation.body;
    let filled = |value: &str| (!value.is_empty()).then(|| value.to_owned());
    let sources: Vec<String> = body
        .sources
        .iter()
        .map(|source| {
            let mut line = source.citation.clone();
            if !source.url.is_empty() {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(&format!("<{}>", source.url));
            }
            if source.primary {
                line.push_str(" (primary)");
            }
            line
        })
        .collect();
    Some(Span {
        head: Head {
            id,
            kind: LAYER,
            sofa: SOFA_ID,
            begin,
            end,
        },
        identifier: annotation.id.0,
        tag: body.tag.label(),
        status: body.status.file_name(),
        verdict: body.verdict.clone(),
        claimant: filled(&body.claimant),
        sources: filled(&sources.join("\n")),
        note: filled(&body.note),
        analyst: filled(&body.analyst),
        created: body.created.as_ref().map(ToString::to_string),
        changed: body.changed.as_ref().map(ToString::to_string),
    })
}

/// The types the CAS uses beyond UIMA's built-in ones.
fn type_system() -> BTreeMap<&'static str, TypeDef> {
    let feature = |name, range, description| {
        (
            name,
            FeatureDef {
                name,
                range,
                description,
            },
        )
    };
    let metadata = TypeDef {
        name: METADATA,
        super_type: "uima.tcas.DocumentAnnotation",
        description: "DKPro Core document metadata.",
        features: BTreeMap::from([
            feature("documentTitle", STRING, ""),
            feature("documentId", STRING, ""),
            feature("documentUri", STRING, ""),
            feature("documentBaseUri", STRING, ""),
            feature("collectionId", STRING, ""),
            feature("isLastSegment", BOOLEAN, ""),
        ]),
    };
    let layer = TypeDef {
        name: LAYER,
        super_type: "uima.tcas.Annotation",
        description: "A claim, statistic or quote tagged in Factmark, with its fact-check.",
        features: FEATURES
            .into_iter()
            .map(|(name, range, description)| feature(name, range, description))
            .collect(),
    };
    BTreeMap::from([(METADATA, metadata), (LAYER, layer)])
}
