//! Searching a whole folder: the text of every article and the annotations of every session,
//! filtered by a [`Query`]; each hit names its document, the file to open and the byte span
//! to show, with the text around it. The index is the parsed documents themselves (each
//! article's case-folded text is built once, on the indexing worker, by
//! [`crate::model::search::FoldedText`]), shared by `Arc`: a snapshot costs nothing to clone
//! or to send to a worker thread.

use std::path::PathBuf;
use std::sync::Arc;

use super::file::Parsed;
use super::query::Query;
use crate::model::{AnnotationId, Article, Body, Session, Span};

/// Characters of context shown on either side of a hit.
pub const CONTEXT_CHARS: usize = 40;

/// Hits kept by default (all are counted).
pub const DEFAULT_LIMIT: usize = 500;

/// One searchable document.
#[derive(Clone, Debug)]
struct Indexed {
    key: PathBuf,
    open: PathBuf,
    title: String,
    parsed: Parsed,
}

/// The documents of a folder as search sees them (see [`super::Folder::search_index`]).
#[derive(Clone, Debug, Default)]
pub struct SearchIndex {
    docs: Arc<Vec<Indexed>>,
}

/// The annotation a hit is on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnnotationHit {
    /// Its id in the session.
    pub id: AnnotationId,
    /// Its tag, status, verdict, claimant, analyst, times.
    pub body: Body,
    /// True for an orphan (its text is no longer in the article: no span).
    pub orphan: bool,
}

/// A hit's surroundings, on one line (line breaks shown as spaces).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Context {
    /// Up to [`CONTEXT_CHARS`] characters before.
    pub before: String,
    /// The text hit (an annotation's whole text).
    pub matched: String,
    /// Up to [`CONTEXT_CHARS`] characters after.
    pub after: String,
}

/// One result: where to go and what is there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// The document's key ([`super::DocumentRow::key`]).
    pub document: PathBuf,
    /// The file to open (the session, else the article).
    pub open: PathBuf,
    /// The document's title.
    pub title: String,
    /// Byte span in the text of the document as it opens (the session's article text, or
    /// the imported article); `None` for an orphan.
    pub span: Option<Span>,
    /// The annotation hit, when the hit is an annotation rather than article text.
    pub annotation: Option<AnnotationHit>,
    /// The text around it.
    pub context: Context,
}

/// What a search found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchResults {
    /// The first hits, in document order, then position (annotations before plain text).
    pub hits: Vec<Hit>,
    /// All hits, including those past the limit.
    pub total: usize,
    /// Documents with at least one hit.
    pub documents: usize,
}

impl SearchIndex {
    /// An index over `(key, file to open, title, parsed content)` of each document.
    pub fn new(docs: impl IntoIterator<Item = (PathBuf, PathBuf, String, Parsed)>) -> Self {
        Self {
            docs: Arc::new(
                docs.into_iter()
                    .map(|(key, open, title, parsed)| Indexed {
                        key,
                        open,
                        title,
                        parsed,
                    })
                    .collect(),
            ),
        }
    }

    /// Documents in the index.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// True when no document is indexed (yet).
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Runs `query`, keeping at most `limit` hits. With only text, finds it in every
    /// article and in annotations (their text, note, claimant, verdict, sources); with any
    /// annotation filter, finds only annotations passing every filter (and containing the
    /// text, if any). An empty query finds nothing.
    pub fn search(&self, query: &Query, limit: usize) -> SearchResults {
        let mut results = SearchResults::default();
        if query.is_empty() {
            return results;
        }
        let needle = query.text.trim().to_lowercase();
        for doc in self.docs.iter() {
            let before = results.total;
            if let Parsed::Session(session) = &doc.parsed {
                annotation_hits(doc, session, query, &needle, limit, &mut results);
            }
            if !query.filters_annotations() {
                let article = doc.parsed.article();
                let spans = article.folded().find(query.text.trim());
                for &span in &spans {
                    if results.hits.len() < limit {
                        results.hits.push(hit(doc, article, Some(span), None));
                    }
                }
                results.total += spans.len();
            }
            results.documents += usize::from(results.total > before);
        }
        results
    }
}

/// The annotations (and orphans) of `session` that `query` accepts.
fn annotation_hits(
    doc: &Indexed,
    session: &Session,
    query: &Query,
    needle: &str,
    limit: usize,
    results: &mut SearchResults,
) {
    let article = session.article();
    let has_text = |text: &str, body: &Body| {
        needle.is_empty()
            || text.to_lowercase().contains(needle)
            || Query::body_has_text(body, needle)
    };
    for annotation in session.annotations() {
        let body = &annotation.body;
        if query.accepts(body) && has_text(session.text_of(annotation), body) {
            results.total += 1;
            if results.hits.len() < limit {
                let found = AnnotationHit {
                    id: annotation.id,
                    body: Body::clone(body),
                    orphan: false,
                };
                results
                    .hits
                    .push(hit(doc, article, Some(annotation.span), Some(found)));
            }
        }
    }
    for orphan in session.orphans() {
        if query.accepts(&orphan.body) && has_text(&orphan.quote.text, &orphan.body) {
            results.total += 1;
            if results.hits.len() < limit {
                let quote = &orphan.quote;
                results.hits.push(Hit {
                    document: doc.key.clone(),
                    open: doc.open.clone(),
                    title: doc.title.clone(),
                    span: None,
                    annotation: Some(AnnotationHit {
                        id: orphan.id,
                        body: Body::clone(&orphan.body),
                        orphan: true,
                    }),
                    context: Context {
                        before: one_line(&quote.prefix),
                        matched: one_line(&quote.text),
                        after: one_line(&quote.suffix),
                    },
                });
            }
        }
    }
}

/// A hit at `span` of `article`, with its context.
fn hit(
    doc: &Indexed,
    article: &Article,
    span: Option<Span>,
    annotation: Option<AnnotationHit>,
) -> Hit {
    Hit {
        document: doc.key.clone(),
        open: doc.open.clone(),
        title: doc.title.clone(),
        span,
        annotation,
        context: span.map(|s| context(article.text(), s)).unwrap_or_default(),
    }
}

/// Up to [`CONTEXT_CHARS`] characters either side of `span` (on character boundaries).
pub fn context(text: &str, span: Span) -> Context {
    let before = &text[..span.start];
    let from = before
        .char_indices()
        .rev()
        .nth(CONTEXT_CHARS - 1)
        .map_or(0, |(i, _)| i);
    let after = &text[span.end..];
    let to = after
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map_or(after.len(), |(i, _)| i);
    Context {
        before: one_line(&before[from..]),
        matched: one_line(&text[span.range()]),
        after: one_line(&after[..to]),
    }
}

/// `text` with line breaks and tabs as spaces.
fn one_line(text: &str) -> String {
    text.replace(['\n', '\r', '\t'], " ")
}

#[cfg(test)]
mod tests;
