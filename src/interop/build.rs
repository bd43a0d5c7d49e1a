//! Building one imported document: its article, the annotations placed on it, and what was
//! left out. Every importer goes through a [`Draft`]: labels become tags here, offsets are
//! converted here (only through [`crate::model::OffsetMap`]), and every check that keeps an
//! annotation out (an unknown label, a span outside the text or splitting a character, text
//! that does not match, an overlapping duplicate) is made and reported here, with the place
//! the importer names (`line 3, label 2`), so no importer drops anything silently.

use std::sync::Arc;

use super::{ImportOptions, Imported, InteropError};
use crate::export::Loss;
use crate::export::record::{Record, status_named};
use crate::model::{
    Annotation, AnnotationId, Article, ArticleDetails, Body, Colour, Rating, Scales, Session,
    Source, Span, Stamp, Tag, Unit,
};
use crate::store::MAX_ID;

/// An annotation brought in: the Factmark id it came with (if any), its place, its body, and
/// where it was in the file.
type Placed = (Option<u64>, Span, Body, String);

/// One document being imported.
pub struct Draft<'o> {
    name: String,
    article: Arc<Article>,
    details: ArticleDetails,
    options: &'o ImportOptions,
    annotations: Vec<Placed>,
    left_out: Vec<Loss>,
}

/// One document of a file as the importers read it: the session, its name and what was left
/// out of it; or why it is no document at all.
pub type Read = Result<(String, Session, Vec<Loss>), String>;

/// Gathers the documents of a file, each with where it is (`line 3`, `task 2`): a part that
/// is no document is reported as left out (`line 3: …; the document is left out`, with
/// `noun`), and a file with no document at all is an error
/// (the first part's reason, or `empty` when the file has none).
///
/// # Errors
///
/// [`InteropError::Malformed`] when no document can be imported.
pub fn gather(
    parts: impl IntoIterator<Item = (String, Read)>,
    noun: &str,
    empty: &str,
) -> Result<Imported, InteropError> {
    let mut imported = Imported::default();
    let mut first_failure = None;
    for (place, read) in parts {
        match read {
            Ok((name, session, left_out)) => {
                imported.sessions.push((name, session));
                imported.left_out.extend(left_out);
            }
            Err(what) => {
                let what = format!("{place}: {what}; the {noun} is left out");
                first_failure.get_or_insert_with(|| what.clone());
                imported.left_out.push(Loss {
                    document: place,
                    annotation: None,
                    what,
                });
            }
        }
    }
    if imported.sessions.is_empty() {
        return Err(InteropError::Malformed(
            first_failure.unwrap_or_else(|| empty.to_owned()),
        ));
    }
    Ok(imported)
}

/// A text for messages: short, with line breaks and invisible characters shown.
pub fn shown(text: &str) -> String {
    crate::store::excerpt(text, 60)
}

impl<'o> Draft<'o> {
    /// A document named `name` over `text`. NUL characters (which no session may hold) in the
    /// title become U+FFFD; a text holding one cannot be imported and is `Err` with why.
    pub fn new(
        name: String,
        title: &str,
        text: String,
        details: &ArticleDetails,
        options: &'o ImportOptions,
    ) -> Result<Self, String> {
        if let Some(at) = text.find('\0') {
            return Err(format!(
                "its text holds a NUL character (at byte {at}), which no article may contain"
            ));
        }
        let title = if title.trim().is_empty() {
            name.clone()
        } else {
            clean(title)
        };
        let mut draft = Self {
            article: Arc::new(Article::new(title, None, text)),
            name,
            details: ArticleDetails::default(),
            options,
            annotations: Vec::new(),
            left_out: Vec::new(),
        };
        draft.details = ArticleDetails {
            url: clean(&details.url),
            publisher: clean(&details.publisher),
            author: clean(&details.author),
            published: clean(&details.published),
        };
        if let Some(problem) = draft.details.problem() {
            draft.leave_out(
                "the article details",
                format!("the article URL is left out: {problem}"),
            );
            draft.details.url.clear();
        }
        Ok(draft)
    }

    /// The tag `label` maps to: an explicit `--map` pair first, then a tag of that name,
    /// both case-insensitively.
    pub fn tag_for(&self, label: &str) -> Option<Tag> {
        super::assemble::tag_for(self.options, label)
    }

    /// Why `label` maps to no tag, for the report.
    pub fn unknown_label(label: &str) -> String {
        format!(
            "the label \"{}\" maps to no tag (say which with --map \"{}=Claim\", Statistic or \
             Quote)",
            shown(label),
            label.trim()
        )
    }

    /// The span `[start, end)` counted in `unit`, or why it cannot be one.
    pub fn span(&self, start: u64, end: u64, unit: Unit) -> Result<Span, String> {
        let (text, map) = (self.article.text(), self.article.offsets());
        let unit_name = match unit {
            Unit::Byte => "bytes",
            Unit::CodePoint => "characters",
            Unit::Utf16 => "UTF-16 units",
        };
        let len = map.len_in(unit) as u64;
        if start > end {
            return Err(format!("it starts after it ends ({start} > {end})"));
        }
        if end > len {
            return Err(format!(
                "it ends at {end}, past the end of the text ({len} {unit_name})"
            ));
        }
        let place = |offset: u64| {
            usize::try_from(offset)
                .ok()
                .and_then(|o| map.to_byte(text, o, unit))
                .ok_or_else(|| match unit {
                    Unit::Utf16 => format!(
                        "offset {offset} falls between the two halves of a surrogate pair \
                         (inside an emoji or another character outside the Basic Multilingual \
                         Plane): the file may count code points, not UTF-16 units"
                    ),
                    _ => format!("offset {offset} is inside a character"),
                })
        };
        let span = Span::new(place(start)?, place(end)?);
        if span.is_empty() {
            return Err("it is empty".to_owned());
        }
        if text[span.range()].trim().is_empty() {
            return Err("it covers only whitespace".to_owned());
        }
        Ok(span)
    }

    /// Adds an annotation found at `place` (wanting id `id` when it had one), unless its
    /// `quoted` text differs from the article's: then it is reported. (Duplicates are found
    /// when the draft is finished.)
    pub fn add(&mut self, place: &str, id: Option<u64>, span: Span, body: Body, quoted: &str) {
        let actual = &self.article.text()[span.range()];
        if !quoted.is_empty() && quoted != actual {
            let what = format!(
                "its text \"{}\" does not match the article there (\"{}\")",
                shown(quoted),
                shown(actual)
            );
            self.leave_out(place, what);
            return;
        }
        self.annotations.push((id, span, body, place.to_owned()));
    }

    /// Reports something at `place` that was not brought in.
    pub fn leave_out(&mut self, place: &str, what: impl std::fmt::Display) {
        self.left_out.push(Loss {
            document: self.name.clone(),
            annotation: None,
            what: format!("{place}: {what}"),
        });
    }

    /// The body of an annotation tagged `tag` with the fields of `record` (each field that
    /// cannot be kept is reported at `place`, the annotation stays).
    pub fn body(&mut self, place: &str, tag: Tag, record: Option<&Record<'_>>) -> Body {
        let mut body = Body::new(tag);
        let Some(record) = record else {
            return body;
        };
        body.note = clean(&record.note);
        body.claimant = clean(&record.claimant);
        body.analyst = clean(&record.analyst);
        self.set_status(place, &mut body, &record.status);
        body.verdict = record
            .verdict
            .as_deref()
            .map(|v| clean(v).trim().to_owned())
            .filter(|v| !v.is_empty());
        body.sources = record
            .sources
            .iter()
            .map(|source| {
                let (url, citation) = (clean(source.url.trim()), clean(&source.citation));
                if url.is_empty() || crate::model::url_problem(&url).is_none() {
                    Source {
                        url,
                        citation,
                        primary: source.primary,
                    }
                } else {
                    // Not a web address: keep what it said in the citation.
                    Source {
                        url: String::new(),
                        citation: format!("{citation} {url}").trim().to_owned(),
                        primary: source.primary,
                    }
                }
            })
            .filter(|source| source.problem().is_none())
            .collect();
        body.created = self.stamp(place, "created", record.created.as_deref());
        body.changed = self.stamp(place, "changed", record.changed.as_deref());
        body
    }

    /// Sets `body`'s status from its name; an unknown name is reported and left as To check.
    pub fn set_status(&mut self, place: &str, body: &mut Body, name: &str) {
        if name.trim().is_empty() {
            return;
        }
        match status_named(name) {
            Some(status) => body.status = status,
            None => self.leave_out(
                place,
                format!(
                    "the status \"{}\" is not one of To check, Checking, Checked, Not checkable; \
                     the annotation is kept as To check",
                    shown(name)
                ),
            ),
        }
    }

    /// A time stamp, or `None` (reported at `place` when the text is not a time).
    pub fn stamp(&mut self, place: &str, field: &str, text: Option<&str>) -> Option<Stamp> {
        let text = text?.trim();
        if text.is_empty() {
            return None;
        }
        let stamp = Stamp::parse(text);
        if stamp.is_none() {
            self.leave_out(
                place,
                format!(
                    "the {field} time \"{}\" is not an RFC 3339 UTC time; it is left out",
                    shown(text)
                ),
            );
        }
        stamp
    }

    /// Reports and removes overlapping duplicates: an annotation with the same span and tag as
    /// one before it in the file, unless both carry different Factmark ids (a session may hold
    /// two annotations of one span and tag, as two analysts' notes on it). Found by sorting,
    /// not hashing: one pass over 20,000 annotations.
    fn drop_duplicates(&mut self) {
        let key = |p: &Placed| (p.1.start, p.1.end, p.2.tag);
        let mut order: Vec<usize> = (0..self.annotations.len()).collect();
        order.sort_by_key(|&i| (key(&self.annotations[i]), i));
        let mut dropped = vec![false; self.annotations.len()];
        let mut reports = Vec::new();
        for group in order.chunk_by(|&a, &b| key(&self.annotations[a]) == key(&self.annotations[b]))
        {
            for (j, &i) in group.iter().enumerate().skip(1) {
                let id = self.annotations[i].0;
                let twin = group[..j].iter().find(|&&k| {
                    let other = self.annotations[k].0;
                    !dropped[k] && (other.is_none() || id.is_none() || other == id)
                });
                if let Some(&first) = twin {
                    dropped[i] = true;
                    reports.push((i, first));
                }
            }
        }
        reports.sort_unstable();
        for (i, first) in reports {
            let (_, _, body, place) = &self.annotations[i];
            let what = format!(
                "{place}: an overlapping duplicate: the same span and tag ({}) as {}",
                body.tag.label(),
                self.annotations[first].3
            );
            self.left_out.push(Loss {
                document: self.name.clone(),
                annotation: None,
                what,
            });
        }
        let mut keep = dropped.iter().map(|d| !d);
        self.annotations.retain(|_| keep.next().unwrap_or(true));
    }

    /// The session, its name, and what was left out. Ids the file gave are kept when valid and
    /// unique; the others get fresh ones. A verdict that names no rating of the default scales
    /// adds that rating to its scale (grey, described as imported), so no verdict is lost.
    ///
    /// # Errors
    ///
    /// A message when the session cannot be made (never for what [`Draft::add`] accepted).
    pub fn finish(mut self) -> Read {
        self.drop_duplicates();
        let mut scales = Scales::default();
        let mut used = std::collections::HashSet::new();
        let wanted: Vec<Option<u64>> = self
            .annotations
            .iter()
            .map(|(id, ..)| id.filter(|&id| (1..=MAX_ID).contains(&id) && used.insert(id)))
            .collect();
        let mut next = used.iter().max().copied().unwrap_or(0);
        let mut annotations = Vec::with_capacity(self.annotations.len());
        for ((_, span, body, _), wanted) in self.annotations.into_iter().zip(wanted) {
            let id = wanted.unwrap_or_else(|| {
                next += 1;
                next
            });
            if let Some(verdict) = &body.verdict {
                let kind = crate::model::ScaleKind::for_tag(body.tag);
                let scale = &mut scales.0[kind.index()];
                if scale.get(verdict).is_none() {
                    scale.ratings.push(Rating {
                        name: verdict.clone(),
                        description: "Brought in by an import: not in Factmark's default scale."
                            .to_owned(),
                        colour: Colour([0x7a, 0x80, 0x87]),
                        retired: false,
                    });
                }
            }
            annotations.push(Annotation {
                id: AnnotationId(id),
                span,
                body: body.into(),
            });
        }
        let session =
            Session::from_parts_with(self.article, annotations, Vec::new(), scales, self.details)
                .map_err(|error| format!("{}: {error}", self.name))?;
        Ok((self.name, session, self.left_out))
    }
}

/// `text` with NUL characters (which no session may hold) replaced by U+FFFD.
pub fn clean(text: &str) -> String {
    if text.contains('\0') {
        text.replace('\0', "\u{fffd}")
    } else {
        text.to_owned()
    }
}

/// True when the JSON text `raw` is an object. Checked before reading one into a struct:
/// serde also reads a struct from a list of its fields in order, which no format here means.
pub fn is_object(raw: &str) -> bool {
    raw.trim_start().starts_with('{')
}

/// What a JSON value is, for messages: `a list`, `the number -3`, `a string ("abc")`.
pub fn describe(value: &serde_json::Value) -> String {
    use serde_json::Value;
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("{b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("a string (\"{}\")", shown(s)),
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}
