//! W3C Web Annotation import: a JSON-LD file holding an `AnnotationCollection` (its pages
//! embedded), an `AnnotationPage`, one `Annotation` or a list of them; one session per target
//! source.
//!
//! The text comes from `--article` (an article file, read as it is, or a Factmark session,
//! whose text is used) or, without it, from a source that is a readable file (`file://` or a
//! path relative to the annotation file). Each annotation is placed by its
//! `TextPositionSelector` (code points) when the text there is its `TextQuoteSelector`'s
//! `exact`; when they disagree, or the position is past the end, it is re-anchored by the
//! quote and its prefix and suffix (exactly, whitespace aside); when the quote is not in the
//! text it is reported. An annotation with only a quote that is not found is kept as an
//! orphan, which is what Factmark exports an orphan as.

mod item;
mod stream;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;

use super::assemble::{self, Candidate, Place};
use super::read::{self, Bom, MAX_ANNOTATION_FILE_BYTES};
use super::{ImportOptions, Imported, InteropError};
use crate::export::Loss;
use crate::model::anchor::{Anchor, Matcher, Placement};
use crate::model::{AnnotationId, Article, ArticleDetails, Span, Unit};

/// Imports the annotations of `path`; `article` gives the text they are over.
///
/// # Errors
///
/// [`InteropError`] when the file cannot be read, is not JSON or not Web Annotation, or a
/// target's text cannot be found.
pub(super) fn import(
    path: &Path,
    article: Option<&Path>,
    options: &ImportOptions,
) -> Result<Imported, InteropError> {
    let json = read::text(path, MAX_ANNOTATION_FILE_BYTES, Bom::Drop)?;
    let mut found = Collector {
        options,
        file_name: super::stem(path),
        number: 0,
        groups: Vec::new(),
        left_out: Vec::new(),
    };
    let top = stream::read(&json, &mut |value| found.add(&value)).map_err(|error| {
        InteropError::Malformed(format!("{} is not valid JSON: {error}", path.display()))
    })?;
    drop(json);
    match top {
        Value::Null => {}
        Value::Object(_) => found.rest(&top, path)?,
        other => {
            return Err(InteropError::Malformed(format!(
                "{} is not Web Annotation: it holds {}, not an annotation, a page, a \
                 collection or a list",
                path.display(),
                item::kind(&other)
            )));
        }
    }
    let Collector {
        groups, left_out, ..
    } = found;
    let mut imported = Imported {
        sessions: Vec::new(),
        left_out,
    };
    if groups.is_empty() {
        let reasons: Vec<String> = imported.left_out.iter().map(ToString::to_string).collect();
        return Err(InteropError::Malformed(format!(
            "{} holds no annotation Factmark can import{}",
            path.display(),
            if reasons.is_empty() {
                String::new()
            } else {
                format!(":\n{}", reasons.join("\n"))
            }
        )));
    }
    if article.is_some() && groups.len() > 1 {
        let sources: Vec<&str> = groups.iter().map(|(s, _)| s.as_str()).collect();
        return Err(InteropError::Malformed(format!(
            "{} annotates {} documents ({}); --article gives the text of one. Import the file \
             without --article when its sources are files, or split it",
            path.display(),
            groups.len(),
            sources.join(", ")
        )));
    }
    for (source, items) in groups {
        let text = document_text(&source, article, path)?;
        let name = text.name.clone();
        let mut left_out = Vec::new();
        let candidates = place_all(&text.article, items, &name, &mut left_out);
        let session = assemble::session(
            &name,
            text.article,
            text.details,
            candidates,
            options,
            &mut left_out,
        )
        .map_err(InteropError::Malformed)?;
        imported.sessions.push((name, session));
        imported.left_out.extend(left_out);
    }
    Ok(imported)
}

/// The annotations read so far, grouped by target source in the order first seen, and what
/// could not be read.
struct Collector<'a> {
    options: &'a ImportOptions,
    file_name: String,
    /// Annotations seen, for messages (`annotation 3`).
    number: usize,
    groups: Vec<(String, Vec<(String, item::Item)>)>,
    left_out: Vec<Loss>,
}

impl Collector<'_> {
    fn lose(&mut self, at: &str, what: &str) {
        self.left_out.push(Loss {
            document: self.file_name.clone(),
            annotation: None,
            what: format!("{at}: {what}"),
        });
    }

    /// Reads the next annotation.
    fn add(&mut self, value: &Value) {
        self.number += 1;
        let at = format!("annotation {}", self.number);
        let mut field_losses = Vec::new();
        match item::read(value, self.options, &mut field_losses) {
            Ok(item) => {
                for what in &field_losses {
                    self.lose(&at, what);
                }
                match self
                    .groups
                    .iter_mut()
                    .find(|(source, _)| *source == item.source)
                {
                    Some((_, items)) => items.push((at, item)),
                    None => self.groups.push((item.source.clone(), vec![(at, item)])),
                }
            }
            Err(what) => self.lose(&at, &what),
        }
    }

    /// What the top-level object holds besides the streamed annotations: itself when it is
    /// an annotation, the pages after the first of a collection or page (those not in the
    /// file reported).
    fn rest(&mut self, value: &Value, path: &Path) -> Result<(), InteropError> {
        if item::has_type(value, "Annotation") {
            self.add(value);
            return Ok(());
        }
        let mut page = if item::has_type(value, "AnnotationCollection")
            || item::has_type(value, "OrderedCollection")
        {
            value.get("first")
        } else if item::has_type(value, "AnnotationPage")
            || item::has_type(value, "OrderedCollectionPage")
        {
            Some(value)
        } else {
            return Err(InteropError::Malformed(format!(
                "{} is not Web Annotation: expected an Annotation, an AnnotationPage or an \
                 AnnotationCollection, found an object whose \"type\" is {}",
                path.display(),
                value
                    .get("type")
                    .map_or("missing".to_owned(), ToString::to_string)
            )));
        };
        let mut pages = 0;
        while let Some(current) = page {
            pages += 1;
            if !current.is_object() {
                self.lose(
                    &format!("page {pages} ({current})"),
                    "it is not in this file, so its annotations are not imported; save the \
                     whole collection with its pages embedded",
                );
                break;
            }
            for annotation in item::list(current.get("items")) {
                self.add(annotation);
            }
            page = current.get("next");
        }
        Ok(())
    }
}

/// A document's text and what is known about it.
struct DocumentText {
    name: String,
    article: Arc<Article>,
    details: ArticleDetails,
}

/// The text the annotations of `source` are over.
fn document_text(
    source: &str,
    article: Option<&Path>,
    annotations: &Path,
) -> Result<DocumentText, InteropError> {
    let web = source.starts_with("http://") || source.starts_with("https://");
    let file: PathBuf = match article {
        Some(article) => article.to_path_buf(),
        None => readable_source(source, annotations).ok_or_else(|| {
            InteropError::Malformed(format!(
                "the annotations in {} are over {source}, which is not a file Factmark can \
                 read; give the text with --article FILE (the article, or a session over it)",
                annotations.display()
            ))
        })?,
    };
    let name = super::stem(&file);
    let mut details = ArticleDetails::default();
    let article = if crate::store::is_session_file(&file) {
        let session = crate::store::load(&file).map_err(|error| {
            InteropError::Malformed(format!("--article {}: {error}", file.display()))
        })?;
        details = session.details().clone();
        Arc::new(Article::new(
            session.article().title(),
            session.article().source().map(str::to_owned),
            session.article().text(),
        ))
    } else {
        let text = read::text(&file, crate::import::MAX_ARTICLE_BYTES, Bom::Drop)?;
        Arc::new(Article::new(
            name.clone(),
            Some(file.display().to_string()),
            text,
        ))
    };
    if web && details.url.is_empty() {
        details.url = source.to_owned();
    }
    Ok(DocumentText {
        name,
        article,
        details,
    })
}

/// The file `source` names: a `file://` URL, or a path (relative to the annotation file's
/// folder) that exists.
fn readable_source(source: &str, annotations: &Path) -> Option<PathBuf> {
    if let Ok(url) = url::Url::parse(source) {
        return (url.scheme() == "file")
            .then(|| url.to_file_path().ok())
            .flatten();
    }
    let folder = annotations.parent().unwrap_or(Path::new("."));
    let path = folder.join(source);
    path.is_file().then_some(path)
}

/// Places each item in `article`'s text (see the module's description).
fn place_all(
    article: &Article,
    items: Vec<(String, item::Item)>,
    document: &str,
    left_out: &mut Vec<Loss>,
) -> Vec<Candidate> {
    let text = article.text();
    let map = article.offsets();
    let mut matcher: Option<Matcher<'_>> = None;
    let mut candidates = Vec::with_capacity(items.len());
    for (at, item) in items {
        let by_position = item.position.and_then(|(start, end)| {
            let from = map.to_byte(text, start, Unit::CodePoint)?;
            let to = map.to_byte(text, end, Unit::CodePoint)?;
            Some(Span::new(from, to))
        });
        let place = match (&item.quote, by_position) {
            // Where it says, with the text and context it quotes: the usual case, checked
            // without indexing the text for a search.
            (Some(quote), Some(span)) if quoted_at(text, span, quote) => Ok(Place::Span(span)),
            (Some(quote), _) => {
                let anchor = Anchor {
                    id: AnnotationId(0),
                    quote: quote.clone(),
                    start: item.position.map(|(start, _)| start),
                };
                let matcher = matcher.get_or_insert_with(|| Matcher::new(article));
                match matcher.place(&anchor) {
                    Placement::Kept(span) | Placement::Moved(span) => Ok(Place::Span(span)),
                    _ if item.position.is_none() => Ok(Place::Orphan(quote.clone())),
                    _ => Err(mismatch(&item, by_position, text, map.char_count())),
                }
            }
            (None, Some(span)) => Ok(Place::Span(span)),
            (None, None) => Err(mismatch(&item, None, text, map.char_count())),
        };
        match place {
            Ok(place) => candidates.push(Candidate {
                at,
                id: item.id,
                label: item.label,
                place,
                body: item.body,
            }),
            Err(what) => left_out.push(Loss {
                document: document.to_owned(),
                annotation: None,
                what: format!("{at}: {what}"),
            }),
        }
    }
    candidates
}

/// Whether `span` of `text` is `quote`'s exact text, with its prefix before and its suffix
/// after.
fn quoted_at(text: &str, span: Span, quote: &crate::model::Quote) -> bool {
    text.get(span.range()) == Some(quote.text.as_str())
        && text[..span.start].ends_with(&quote.prefix)
        && text[span.end..].starts_with(&quote.suffix)
}

/// Why an item could not be placed (its position is past the end, or its quote is not in
/// the text).
fn mismatch(item: &item::Item, span: Option<Span>, text: &str, length: usize) -> String {
    let quote = item.quote.as_ref().map(|q| q.text.as_str());
    let position = match (item.position, span) {
        (Some((start, end)), None) => format!(
            "its TextPositionSelector {start}–{end} is past the end of the text ({length} \
             characters)"
        ),
        (Some((start, end)), Some(span)) => format!(
            "its TextPositionSelector {start}–{end} selects \"{}\"",
            span.slice(text).unwrap_or_default()
        ),
        (None, _) => String::new(),
    };
    match (position.is_empty(), quote) {
        (false, None) => position,
        (false, Some(quote)) if span.is_none() => {
            format!("{position}, and its quote \"{quote}\" is not in the text")
        }
        (false, Some(quote)) => {
            format!("{position}, not its quote \"{quote}\", and the quote is not in the text")
        }
        (true, quote) => format!(
            "its quote \"{}\" is not in the text",
            quote.unwrap_or_default()
        ),
    }
}
