//! Validation: the article (hash, import record), ids, every annotation and orphan, and every
//! rejected suggestion checked against the article and converted to the model before a
//! `Session` is built.

use std::collections::HashSet;
use std::sync::Arc;

use super::super::error::{LoadError, LoadErrorKind, Origin};
use super::super::schema::{
    self, AnnotationFile, BodyFile, DetailsFile, ImportFile, OrphanFile, RatingFile, RejectionFile,
    ScalesFile,
};
use super::excerpt::{excerpt, guess_unit};
use super::{EXCERPT_CHARS, MAX_ID, Parts};
use crate::model::{
    Annotation, AnnotationId, Article, ArticleDetails, Body, Colour, EditError, Orphan, Provenance,
    Quote, Rating, Rejection, Scale, ScaleKind, Scales, Session, Source, Span, Stamp,
};

/// Checks the article hash and import record, ids, every annotation and orphan, then builds
/// the session.
pub(super) fn validate(parts: Parts, file: &Origin) -> Result<Session, LoadError> {
    let article = parts.article;
    let actual = schema::sha256_hex(&article.text);
    if !actual.eq_ignore_ascii_case(article.sha256.trim()) {
        return Err(LoadError::new(
            file,
            LoadErrorKind::ShaMismatch {
                recorded: excerpt(&article.sha256, 80),
                actual,
            },
        ));
    }
    check_nul(&article.title, || "the article title".to_owned(), file)?;
    if let Some(source) = &article.source {
        check_nul(source, || "the article source".to_owned(), file)?;
    }
    check_nul(&article.text, || "the article text".to_owned(), file)?;
    let provenance = article
        .import
        .map(|import| to_provenance(import, file))
        .transpose()?;
    let details = to_details(article.details, file)?;
    let scales = to_scales(parts.scales, file)?;
    let mut built = Article::new(
        article.title.into_owned(),
        article.source.map(std::borrow::Cow::into_owned),
        article.text.into_owned(),
    );
    if let Some(provenance) = provenance {
        built = built.with_provenance(provenance);
    }
    // Checked above: a save of this session reuses the digest instead of hashing again.
    built.text_digest(|_| actual);
    let article = Arc::new(built);
    let mut seen = HashSet::with_capacity(parts.annotations.len() + parts.orphans.len());
    let ids = parts
        .annotations
        .iter()
        .map(|a| a.id)
        .chain(parts.orphans.iter().map(|o| o.id));
    for id in ids {
        if id > MAX_ID {
            return Err(LoadError::new(
                file,
                LoadErrorKind::IdTooLarge { id, max: MAX_ID },
            ));
        }
        if !seen.insert(id) {
            return Err(LoadError::new(
                file,
                LoadErrorKind::DuplicateId {
                    id: AnnotationId(id),
                },
            ));
        }
    }
    let annotations = parts
        .annotations
        .into_iter()
        .map(|stored| to_annotation(&article, stored, file))
        .collect::<Result<Vec<_>, _>>()?;
    let orphans = parts
        .orphans
        .into_iter()
        .map(|stored| to_orphan(stored, file))
        .collect::<Result<Vec<_>, _>>()?;
    let bodies = annotations
        .iter()
        .map(|a| (a.id, &a.body, "annotation"))
        .chain(orphans.iter().map(|o| (o.id, &o.body, "orphan")));
    for (id, body, what) in bodies {
        check_verdict(&scales, id, body, what, file)?;
    }
    let rejections = parts
        .rejected
        .into_iter()
        .enumerate()
        .map(|(k, stored)| to_rejection(&article, k + 1, &stored, file))
        .collect::<Result<Vec<_>, _>>()?;
    Session::from_parts_with(article, annotations, orphans, scales, details)
        .and_then(|session| session.with_rejections(rejections))
        .map_err(|error| match error {
            EditError::DuplicateId(id) => LoadError::new(file, LoadErrorKind::DuplicateId { id }),
            reason => LoadError::new(file, LoadErrorKind::Rejected { reason }),
        })
}

/// Checks one stored rejected suggestion (the `index`th, from 1) and converts it: offsets in
/// range, the text the article has there, not blank.
fn to_rejection(
    article: &Article,
    index: usize,
    stored: &RejectionFile<'_>,
    file: &Origin,
) -> Result<Rejection, LoadError> {
    let (start, end) = (stored.start, stored.end);
    let bad = |problem: String| {
        LoadError::new(
            file,
            LoadErrorKind::BadRejection {
                index,
                tag: stored.tag,
                start,
                end,
                problem,
            },
        )
    };
    check_nul(
        &stored.text,
        || format!("the text of rejected suggestion {index}"),
        file,
    )?;
    let len = article.offsets().char_count();
    if start >= end {
        return Err(bad(format!(
            "start must be less than end (offsets count code points; the article has {len})"
        )));
    }
    let (Some(byte_start), Some(byte_end)) =
        (article.byte_of_char(start), article.byte_of_char(end))
    else {
        if let Some(unit) = guess_unit(article.text(), start, end, &stored.text) {
            return Err(bad(format!(
                "its offsets count {unit}, not code points (see docs/FORMAT.md)"
            )));
        }
        return Err(bad(format!(
            "it reaches past the end of the article ({len} code points)"
        )));
    };
    let span = Span::new(byte_start, byte_end);
    let actual = span.slice(article.text()).unwrap_or_default();
    if actual != stored.text
        && let Some(unit) = guess_unit(article.text(), start, end, &stored.text)
    {
        return Err(bad(format!(
            "its offsets count {unit}, not code points: the text matches there only when counted \
             in {unit} (see docs/FORMAT.md)"
        )));
    }
    if actual != stored.text {
        return Err(bad(format!(
            "it says its text is \"{}\", but the article has \"{}\" there",
            excerpt(&stored.text, EXCERPT_CHARS),
            excerpt(actual, EXCERPT_CHARS)
        )));
    }
    if actual.trim().is_empty() {
        return Err(bad("it covers only whitespace".to_owned()));
    }
    Ok(Rejection::new(stored.tag, span))
}

/// Refuses text holding a NUL character (written as `\0` or `\u{0}` in RON): sessions hold
/// plain text, and NUL breaks C-based tools and terminals downstream.
pub(super) fn check_nul(
    text: &str,
    what: impl Fn() -> String,
    file: &Origin,
) -> Result<(), LoadError> {
    match text.find('\0') {
        None => Ok(()),
        Some(byte) => Err(LoadError::new(
            file,
            LoadErrorKind::NulInText {
                what: what(),
                at: text[..byte].chars().count(),
            },
        )),
    }
}

/// Checks the article's import record: `importer` and `encoding` not blank, `source_sha256`
/// 64 lower-case hex digits, no NUL. Importer and encoding names are not restricted to the
/// ones this build knows, so a newer Factmark or another tool may record its own.
pub(super) fn to_provenance(
    import: ImportFile<'static>,
    file: &Origin,
) -> Result<Provenance, LoadError> {
    let invalid = |field: &'static str, problem: String| {
        LoadError::new(file, LoadErrorKind::BadImport { field, problem })
    };
    for (field, value) in [
        ("importer", &import.importer),
        ("encoding", &import.encoding),
        ("source_sha256", &import.source_sha256),
    ] {
        check_nul(value, || format!("the article's `import.{field}`"), file)?;
    }
    if import.importer.trim().is_empty() {
        return Err(invalid(
            "importer",
            "it is empty or only whitespace; it names the importer that read the source, \
             such as \"plain-text\" or \"html\""
                .to_owned(),
        ));
    }
    if import.encoding.trim().is_empty() {
        return Err(invalid(
            "encoding",
            "it is empty or only whitespace; it names the encoding the source was decoded \
             from, such as \"UTF-8\""
                .to_owned(),
        ));
    }
    let sha = &import.source_sha256;
    if sha.len() != 64 || !sha.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        return Err(invalid(
            "source_sha256",
            format!(
                "\"{}\" is not 64 lower-case hex digits (the SHA-256 of the source file's \
                 bytes)",
                excerpt(sha, 80)
            ),
        ));
    }
    Ok(Provenance {
        importer: import.importer.into_owned(),
        encoding: import.encoding.into_owned(),
        source_sha256: import.source_sha256.into_owned(),
    })
}

/// Converts one stored annotation to the model's byte offsets, checking it on the way.
pub(super) fn to_annotation(
    article: &Article,
    mut stored: AnnotationFile<'static>,
    file: &Origin,
) -> Result<Annotation, LoadError> {
    let id = AnnotationId(stored.id);
    let (start, end) = (stored.start, stored.end);
    let len = article.offsets().char_count();
    let what = |field: &str| format!("the {field} of annotation {id}");
    check_nul(&stored.text, || what("text"), file)?;
    let body = to_body(stored.take_body(), &what, file)?;
    if start >= end {
        return Err(LoadError::new(
            file,
            LoadErrorKind::EmptySpan {
                id,
                start,
                end,
                len,
            },
        ));
    }
    let text = article.text();
    let wrong_unit = || {
        guess_unit(text, start, end, &stored.text).map(|unit| {
            LoadError::new(
                file,
                LoadErrorKind::WrongOffsetUnit {
                    id,
                    start,
                    end,
                    unit,
                },
            )
        })
    };
    let out_of_range = || {
        wrong_unit().unwrap_or_else(|| {
            LoadError::new(
                file,
                LoadErrorKind::OutOfRange {
                    id,
                    start,
                    end,
                    len,
                },
            )
        })
    };
    let byte_start = article.byte_of_char(start).ok_or_else(out_of_range)?;
    let byte_end = article.byte_of_char(end).ok_or_else(out_of_range)?;
    let span = Span::new(byte_start, byte_end);
    let actual = span.slice(text).ok_or_else(out_of_range)?;
    if actual != stored.text {
        return Err(wrong_unit().unwrap_or_else(|| {
            LoadError::new(
                file,
                LoadErrorKind::TextMismatch {
                    id,
                    start,
                    end,
                    stored: excerpt(&stored.text, EXCERPT_CHARS),
                    actual: excerpt(actual, EXCERPT_CHARS),
                },
            )
        }));
    }
    if actual.trim().is_empty() {
        return Err(LoadError::new(
            file,
            LoadErrorKind::BlankSpan { id, start, end },
        ));
    }
    let before = &text[..byte_start];
    let after = &text[byte_end..];
    // The actual context is only computed for the error message: `tail` and `head` walk
    // characters, and doing that for every annotation would make loading quadratic.
    if !before.ends_with(stored.prefix.as_ref()) {
        return Err(LoadError::new(
            file,
            LoadErrorKind::ContextMismatch {
                id,
                which: "prefix",
                stored: excerpt(&stored.prefix, EXCERPT_CHARS),
                actual: excerpt(tail(before, stored.prefix.chars().count()), EXCERPT_CHARS),
            },
        ));
    }
    if !after.starts_with(stored.suffix.as_ref()) {
        return Err(LoadError::new(
            file,
            LoadErrorKind::ContextMismatch {
                id,
                which: "suffix",
                stored: excerpt(&stored.suffix, EXCERPT_CHARS),
                actual: excerpt(head(after, stored.suffix.chars().count()), EXCERPT_CHARS),
            },
        ));
    }
    Ok(Annotation {
        id,
        span,
        body: body.into(),
    })
}

/// Checks one stored orphan and converts it.
pub(super) fn to_orphan(
    mut stored: OrphanFile<'static>,
    file: &Origin,
) -> Result<Orphan, LoadError> {
    let id = AnnotationId(stored.id);
    let what = |field: &str| format!("the {field} of orphan {id}");
    check_nul(&stored.text, || what("text"), file)?;
    check_nul(&stored.prefix, || what("prefix"), file)?;
    check_nul(&stored.suffix, || what("suffix"), file)?;
    let body = to_body(stored.take_body(), &what, file)?;
    if stored.text.trim().is_empty() {
        return Err(LoadError::new(file, LoadErrorKind::BlankOrphan { id }));
    }
    Ok(Orphan {
        id,
        quote: Quote {
            text: stored.text.into_owned(),
            prefix: stored.prefix.into_owned(),
            suffix: stored.suffix.into_owned(),
        },
        body: body.into(),
    })
}

/// Checks the body fields of one annotation or orphan and builds its [`Body`]: the one
/// place the loader turns a file's body fields into the model's (annotations, orphans and
/// migrated v1 annotations all come through here). `what` names a field for messages ("the
/// note of annotation #3").
pub(super) fn to_body(
    stored: BodyFile<'static>,
    what: &dyn Fn(&str) -> String,
    file: &Origin,
) -> Result<Body, LoadError> {
    let bad = |field: &str, problem: String| {
        LoadError::new(
            file,
            LoadErrorKind::BadField {
                what: what(field),
                problem,
            },
        )
    };
    check_nul(&stored.note, || what("note"), file)?;
    check_nul(&stored.claimant, || what("claimant"), file)?;
    check_nul(&stored.analyst, || what("analyst"), file)?;
    if let Some(verdict) = &stored.verdict {
        check_nul(verdict, || what("verdict"), file)?;
    }
    let stamp = |field: &str, value: Option<std::borrow::Cow<'static, str>>| {
        value
            .map(|text| {
                Stamp::parse(&text).ok_or_else(|| {
                    bad(
                        field,
                        format!(
                            "\"{}\" is not a time; expected an RFC 3339 UTC time like 2026-12-03T14:20:05Z",
                            excerpt(&text, 60)
                        ),
                    )
                })
            })
            .transpose()
    };
    let created = stamp("created time", stored.created)?;
    let changed = stamp("changed time", stored.changed)?;
    let mut sources = Vec::with_capacity(stored.sources.len());
    for (k, source) in stored.sources.into_iter().enumerate() {
        let field = format!("source {}", k + 1);
        check_nul(&source.url, || what(&field), file)?;
        check_nul(&source.citation, || what(&field), file)?;
        let source = Source {
            url: source.url.into_owned(),
            citation: source.citation.into_owned(),
            primary: source.primary,
        };
        if let Some(problem) = source.problem() {
            return Err(bad(&field, problem));
        }
        sources.push(source);
    }
    Ok(Body {
        tag: stored.tag,
        status: stored.status,
        verdict: stored.verdict.map(std::borrow::Cow::into_owned),
        claimant: stored.claimant.into_owned(),
        sources,
        note: stored.note.into_owned(),
        analyst: stored.analyst.into_owned(),
        created,
        changed,
    })
}

/// Checks that a body's verdict names a rating of the scale its tag takes verdicts from.
fn check_verdict(
    scales: &Scales,
    id: AnnotationId,
    body: &Body,
    what: &str,
    file: &Origin,
) -> Result<(), LoadError> {
    let Some(verdict) = &body.verdict else {
        return Ok(());
    };
    let kind = ScaleKind::for_tag(body.tag);
    let scale = scales.get(kind);
    if scale.get(verdict).is_some() {
        return Ok(());
    }
    let other = match kind {
        ScaleKind::Rating => ScaleKind::Attribution,
        ScaleKind::Attribution => ScaleKind::Rating,
    };
    let hint = if scales.get(other).get(verdict).is_some() {
        format!(
            " (it is in the {}, which is for {})",
            other.label(),
            if other == ScaleKind::Rating {
                "claims and statistics"
            } else {
                "quotes"
            }
        )
    } else {
        String::new()
    };
    Err(LoadError::new(
        file,
        LoadErrorKind::BadField {
            what: format!("the verdict of {what} {id}"),
            problem: format!(
                "\"{}\" is not in the session's {}{hint}; it has: {}",
                excerpt(verdict, 60),
                kind.label(),
                scale.names()
            ),
        },
    ))
}

/// Checks the article's details: no NUL, and a URL that is a web address.
fn to_details(stored: DetailsFile<'static>, file: &Origin) -> Result<ArticleDetails, LoadError> {
    for (field, value) in [
        ("url", &stored.url),
        ("publisher", &stored.publisher),
        ("author", &stored.author),
        ("published", &stored.published),
    ] {
        check_nul(value, || format!("the article's `details.{field}`"), file)?;
    }
    let details = ArticleDetails {
        url: stored.url.into_owned(),
        publisher: stored.publisher.into_owned(),
        author: stored.author.into_owned(),
        published: stored.published.into_owned(),
    };
    match details.problem() {
        Some(problem) => Err(LoadError::new(
            file,
            LoadErrorKind::BadField {
                what: "the article's `details.url`".to_owned(),
                problem,
            },
        )),
        None => Ok(details),
    }
}

/// Checks both scales: colours `#rrggbb`, names not blank or repeated, at least one rating.
fn to_scales(stored: ScalesFile<'static>, file: &Origin) -> Result<Scales, LoadError> {
    let convert = |kind: ScaleKind, ratings: Vec<RatingFile<'static>>| {
        let bad = |problem: String| {
            LoadError::new(
                file,
                LoadErrorKind::BadField {
                    what: format!("the session's {}", kind.label()),
                    problem,
                },
            )
        };
        if ratings.is_empty() {
            return Err(bad("it has no ratings; give it at least one".to_owned()));
        }
        let mut scale = Scale {
            ratings: Vec::with_capacity(ratings.len()),
        };
        for rating in ratings {
            check_nul(
                &rating.name,
                || format!("a rating name of the {}", kind.label()),
                file,
            )?;
            check_nul(
                &rating.description,
                || format!("a rating description of the {}", kind.label()),
                file,
            )?;
            let colour = Colour::parse(&rating.colour).ok_or_else(|| {
                bad(format!(
                    "the colour \"{}\" of rating \"{}\" is not #rrggbb (like #1a7f4b)",
                    excerpt(&rating.colour, 20),
                    excerpt(&rating.name, 40)
                ))
            })?;
            scale.ratings.push(Rating {
                name: rating.name.into_owned(),
                description: rating.description.into_owned(),
                colour,
                retired: rating.retired,
            });
        }
        match scale.problem() {
            Some(problem) => Err(bad(problem)),
            None => Ok(scale),
        }
    };
    let ScalesFile {
        rating,
        attribution,
    } = stored;
    Ok(Scales([
        convert(ScaleKind::Rating, rating)?,
        convert(ScaleKind::Attribution, attribution)?,
    ]))
}

/// The last `chars` characters of `text` (walks from the end: cost grows with `chars`, not
/// with the text).
pub(super) fn tail(text: &str, chars: usize) -> &str {
    if chars == 0 {
        return "";
    }
    text.char_indices()
        .rev()
        .nth(chars - 1)
        .map_or(text, |(b, _)| &text[b..])
}

/// The first `chars` characters of `text`.
pub(super) fn head(text: &str, chars: usize) -> &str {
    text.char_indices()
        .nth(chars)
        .map_or(text, |(b, _)| &text[..b])
}
