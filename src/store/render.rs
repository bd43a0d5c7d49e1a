//! Writing a session file: the current format's exact bytes, produced directly (one pass over the
//! file structs into one buffer, with an escaper that copies plain runs in bulk) instead of
//! through serde and RON's pretty printer, which took 10× serde_json's time on the same data.
//! The bytes are the ones RON writes with [`pretty`]: a property test compares the two on
//! random sessions (control characters, quotes, combining marks, emoji), and the golden files
//! pin them.

use std::borrow::Cow;
use std::fmt::Write as _;

use super::schema::{
    AnnotationFile, ArticleFile, BodyFile, DetailsFile, FORMAT, ImportFile, OrphanFile, RatingFile,
    RejectionFile, ScalesFile, SessionFile, SourceFile, VERSION, sha256_hex,
};
use crate::model::anchor::context;
use crate::model::{ScaleKind, Session, Status, Tag};

/// Why a session could not be rendered. Only reachable if the session's own invariants are
/// broken (a span off a `char` boundary).
#[derive(Debug, thiserror::Error)]
pub(crate) enum RenderError {
    #[error("annotation {id} has a span {start}..{end} that is not on character boundaries")]
    Span { id: u64, start: usize, end: usize },
    #[error("a rejected suggestion has a span {start}..{end} that is not on character boundaries")]
    Rejection { start: usize, end: usize },
}

/// Renders a session as current-format RON (see [`super::to_ron`]).
pub(crate) fn render(session: &Session) -> Result<String, RenderError> {
    Ok(write(&file_form(session)?))
}

/// The session as the file structs hold it, borrowing its text.
fn file_form(session: &Session) -> Result<SessionFile<'_>, RenderError> {
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
            Ok(AnnotationFile::assemble(
                a.id.0,
                start,
                end,
                Cow::Borrowed(slice),
                (Cow::Borrowed(prefix), Cow::Borrowed(suffix)),
                BodyFile::of(&a.body),
            ))
        })
        .collect::<Result<Vec<_>, RenderError>>()?;
    let orphans = session
        .orphans()
        .iter()
        .map(|o| {
            OrphanFile::assemble(
                o.id.0,
                (
                    Cow::Borrowed(&o.quote.text),
                    Cow::Borrowed(&o.quote.prefix),
                    Cow::Borrowed(&o.quote.suffix),
                ),
                BodyFile::of(&o.body),
            )
        })
        .collect();
    let rejected = session
        .rejections()
        .iter()
        .map(|r| {
            let error = || RenderError::Rejection {
                start: r.span.start,
                end: r.span.end,
            };
            Ok(RejectionFile {
                tag: r.tag,
                start: article.char_of_byte(r.span.start).ok_or_else(error)?,
                end: article.char_of_byte(r.span.end).ok_or_else(error)?,
                text: Cow::Borrowed(r.span.slice(text).ok_or_else(error)?),
            })
        })
        .collect::<Result<Vec<_>, RenderError>>()?;
    Ok(SessionFile {
        format: Cow::Borrowed(FORMAT),
        version: VERSION,
        article: ArticleFile {
            title: Cow::Borrowed(article.title()),
            source: article.source().map(Cow::Borrowed),
            sha256: Cow::Borrowed(article.text_digest(sha256_hex)),
            import: article.provenance().map(|p| ImportFile {
                importer: Cow::Borrowed(&p.importer),
                encoding: Cow::Borrowed(&p.encoding),
                source_sha256: Cow::Borrowed(&p.source_sha256),
            }),
            details: {
                let d = session.details();
                DetailsFile {
                    url: Cow::Borrowed(&d.url),
                    publisher: Cow::Borrowed(&d.publisher),
                    author: Cow::Borrowed(&d.author),
                    published: Cow::Borrowed(&d.published),
                }
            },
            text: Cow::Borrowed(text),
        },
        scales: {
            let file = |kind| {
                session
                    .scales()
                    .get(kind)
                    .ratings
                    .iter()
                    .map(|r| RatingFile {
                        name: Cow::Borrowed(r.name.as_str()),
                        description: Cow::Borrowed(r.description.as_str()),
                        colour: Cow::Owned(r.colour.hex()),
                        retired: r.retired,
                    })
                    .collect()
            };
            ScalesFile {
                rating: file(ScaleKind::Rating),
                attribution: file(ScaleKind::Attribution),
            }
        },
        annotations,
        orphans,
        rejected,
    })
}

/// The file's bytes, laid out as RON's pretty printer lays them out with [`pretty`]: each
/// top-level and article field on its own line, each annotation and orphan on one line.
fn write(file: &SessionFile<'_>) -> String {
    let strings: usize = file
        .annotations
        .iter()
        .map(|a| a.text.len() + a.prefix.len() + a.suffix.len() + a.note.len())
        .chain(
            file.orphans
                .iter()
                .map(|o| o.text.len() + o.prefix.len() + o.suffix.len() + o.note.len()),
        )
        .sum();
    let rows = file.annotations.len() + file.orphans.len() + file.rejected.len();
    let mut out = String::with_capacity(file.article.text.len() + strings + rows * 96 + 1024);
    out.push_str("(\n    format: ");
    push_string(&mut out, &file.format);
    let _ = write!(
        out,
        ",\n    version: {},\n    article: (\n        title: ",
        file.version
    );
    let article = &file.article;
    push_string(&mut out, &article.title);
    out.push_str(",\n        source: ");
    match &article.source {
        Some(source) => {
            out.push_str("Some(");
            push_string(&mut out, source);
            out.push(')');
        }
        None => out.push_str("None"),
    }
    out.push_str(",\n        sha256: ");
    push_string(&mut out, &article.sha256);
    out.push_str(",\n        import: ");
    match &article.import {
        Some(import) => {
            out.push_str("Some((importer: ");
            push_string(&mut out, &import.importer);
            out.push_str(", encoding: ");
            push_string(&mut out, &import.encoding);
            out.push_str(", source_sha256: ");
            push_string(&mut out, &import.source_sha256);
            out.push_str("))");
        }
        None => out.push_str("None"),
    }
    out.push_str(",\n        details: ");
    write_details(&mut out, &article.details);
    out.push_str(",\n        text: ");
    push_string(&mut out, &article.text);
    out.push_str(",\n    ),\n    scales: (\n        rating: ");
    write_ratings(&mut out, &file.scales.rating);
    out.push_str(",\n        attribution: ");
    write_ratings(&mut out, &file.scales.attribution);
    out.push_str(",\n    ),\n    annotations: ");
    push_list(&mut out, &file.annotations, write_annotation);
    out.push_str(",\n    orphans: ");
    push_list(&mut out, &file.orphans, write_orphan);
    out.push_str(",\n    rejected: ");
    push_list(&mut out, &file.rejected, write_rejection);
    out.push_str(",\n)\n");
    out
}

fn write_annotation(out: &mut String, a: &AnnotationFile<'_>) {
    let _ = write!(
        out,
        "(id: {}, tag: {}, start: {}, end: {}, text: ",
        a.id,
        tag_name(a.tag),
        a.start,
        a.end
    );
    push_text_context_note(out, [&a.text, &a.prefix, &a.suffix, &a.note]);
    push_check(out, check_of!(a));
}

fn write_rejection(out: &mut String, r: &RejectionFile<'_>) {
    let _ = write!(
        out,
        "(tag: {}, start: {}, end: {}, text: ",
        tag_name(r.tag),
        r.start,
        r.end
    );
    push_string(out, &r.text);
    out.push(')');
}

fn write_orphan(out: &mut String, o: &OrphanFile<'_>) {
    let _ = write!(out, "(id: {}, tag: {}, text: ", o.id, tag_name(o.tag));
    push_text_context_note(out, [&o.text, &o.prefix, &o.suffix, &o.note]);
    push_check(out, check_of!(o));
}

/// The fields both annotations and orphans have after `text: `: the text, its context
/// and the note.
fn push_text_context_note(out: &mut String, [text, prefix, suffix, note]: [&str; 4]) {
    push_string(out, text);
    out.push_str(", prefix: ");
    push_string(out, prefix);
    out.push_str(", suffix: ");
    push_string(out, suffix);
    out.push_str(", note: ");
    push_string(out, note);
}

/// The [`Check`] of an annotation or orphan file struct (both name the fields alike).
macro_rules! check_of {
    ($file:expr) => {
        Check {
            status: $file.status,
            verdict: $file.verdict.as_deref(),
            claimant: &$file.claimant,
            sources: &$file.sources,
            analyst: &$file.analyst,
            created: $file.created.as_deref(),
            changed: $file.changed.as_deref(),
        }
    };
}
use check_of;

/// The fact-check fields both annotations and orphans end with.
#[derive(Clone, Copy)]
struct Check<'a> {
    status: Status,
    verdict: Option<&'a str>,
    claimant: &'a str,
    sources: &'a [SourceFile<'a>],
    analyst: &'a str,
    created: Option<&'a str>,
    changed: Option<&'a str>,
}

/// `, status: …, …, changed: …)`: the fact-check fields, then the closing parenthesis.
fn push_check(out: &mut String, check: Check<'_>) {
    out.push_str(", status: ");
    out.push_str(check.status.file_name());
    out.push_str(", verdict: ");
    push_option(out, check.verdict);
    out.push_str(", claimant: ");
    push_string(out, check.claimant);
    out.push_str(", sources: [");
    for (k, source) in check.sources.iter().enumerate() {
        if k > 0 {
            out.push_str(", ");
        }
        out.push_str("(url: ");
        push_string(out, &source.url);
        out.push_str(", citation: ");
        push_string(out, &source.citation);
        let _ = write!(out, ", primary: {})", source.primary);
    }
    out.push_str("], analyst: ");
    push_string(out, check.analyst);
    out.push_str(", created: ");
    push_option(out, check.created);
    out.push_str(", changed: ");
    push_option(out, check.changed);
    out.push(')');
}

/// `Some("…")` or `None`.
fn push_option(out: &mut String, value: Option<&str>) {
    match value {
        Some(value) => {
            out.push_str("Some(");
            push_string(out, value);
            out.push(')');
        }
        None => out.push_str("None"),
    }
}

/// The article's details, on one line.
fn write_details(out: &mut String, details: &DetailsFile<'_>) {
    out.push_str("(url: ");
    push_string(out, &details.url);
    out.push_str(", publisher: ");
    push_string(out, &details.publisher);
    out.push_str(", author: ");
    push_string(out, &details.author);
    out.push_str(", published: ");
    push_string(out, &details.published);
    out.push(')');
}

/// A scale's ratings, on one line.
fn write_ratings(out: &mut String, ratings: &[RatingFile<'_>]) {
    out.push('[');
    for (k, rating) in ratings.iter().enumerate() {
        if k > 0 {
            out.push_str(", ");
        }
        out.push_str("(name: ");
        push_string(out, &rating.name);
        out.push_str(", description: ");
        push_string(out, &rating.description);
        out.push_str(", colour: ");
        push_string(out, &rating.colour);
        let _ = write!(out, ", retired: {})", rating.retired);
    }
    out.push(']');
}

/// `[]`, or one item per line at the second level, each followed by a comma.
fn push_list<T>(out: &mut String, items: &[T], item: fn(&mut String, &T)) {
    if items.is_empty() {
        out.push_str("[]");
        return;
    }
    out.push('[');
    for value in items {
        out.push_str("\n        ");
        item(out, value);
        out.push(',');
    }
    out.push_str("\n    ]");
}

/// A tag as serde names its variant.
fn tag_name(tag: Tag) -> &'static str {
    match tag {
        Tag::Claim => "Claim",
        Tag::Statistic => "Statistic",
        Tag::Quote => "Quote",
    }
}

/// A string literal exactly as RON's `escape_strings(true)` writes it: every character through
/// `char::escape_debug`. Printable ASCII other than `"`, `'` and `\` comes out as itself, so
/// runs of it (most of any article) are copied in one go; every other character asks
/// `escape_debug` itself.
fn push_string(out: &mut String, value: &str) {
    out.push('"');
    let bytes = value.as_bytes();
    let mut plain_from = 0;
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        if matches!(byte, b' '..=b'~') && !matches!(byte, b'"' | b'\'' | b'\\') {
            at += 1;
            continue;
        }
        let Some(c) = value[at..].chars().next() else {
            break;
        };
        let escaped = c.escape_debug();
        if escaped.len() > 1 {
            out.push_str(&value[plain_from..at]);
            out.extend(escaped);
            plain_from = at + c.len_utf8();
        }
        at += c.len_utf8();
    }
    out.push_str(&value[plain_from..]);
    out.push('"');
}

/// The pretty-printing settings the format's bytes were defined with (and that the writer
/// above reproduces): the same session always gives the same bytes, on every platform. Depth
/// 2 puts each top-level and article field on its own line and each annotation on one line, so
/// diffs of a session read one annotation per changed line.
#[cfg(test)]
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

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use proptest::prelude::*;

    use super::*;
    use crate::model::{
        Annotation, AnnotationId, Article, ArticleDetails, Body, Orphan, Provenance, Quote,
        Rejection, Scales, Source, Span, Stamp,
    };

    /// What RON's own serializer writes for the same file structs.
    fn ron_bytes(session: &Session) -> String {
        let mut out = ron::ser::to_string_pretty(&file_form(session).unwrap(), pretty()).unwrap();
        out.push('\n');
        out
    }

    /// Text with what escaping must get right: quotes, backslashes, controls, combining
    /// marks, zero-width and bidi characters, a byte-order mark, emoji, Cyrillic, CJK.
    fn tricky_text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "a",
            "Minsk ",
            "\"",
            "'",
            "\\",
            "\n",
            "\r",
            "\t",
            "\u{0}",
            "\u{7}",
            "\u{1b}",
            "\u{7f}",
            "e\u{301}",
            "\u{200b}",
            "\u{200e}",
            "\u{202e}",
            "\u{feff}",
            "\u{ad}",
            "\u{fe0f}",
            "🙂",
            "👩‍👩‍👧",
            "Ещё ",
            "北京",
            "“”",
            "—",
            "\u{10ffff}",
            "\u{e000}",
            "#",
            "}",
            ")",
        ]);
        prop::collection::vec(pieces, 1..40).prop_map(|parts| parts.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// The direct writer and RON's pretty printer give the same bytes.
        #[test]
        fn writes_what_ron_writes(
            title in tricky_text(),
            text in tricky_text(),
            note in tricky_text(),
            spans in prop::collection::vec((0usize..200, 1usize..20), 0..6),
            source in prop::option::of(tricky_text()),
            imported in any::<bool>(),
            orphans in 0usize..3,
            rejected in prop::collection::vec((0usize..200, 1usize..20, 0usize..3), 0..4),
        ) {
            let mut article = Article::new(title.clone(), source, text.clone());
            if imported {
                article = article.with_provenance(Provenance {
                    importer: "html".to_owned(),
                    encoding: "windows-1251".to_owned(),
                    source_sha256: "ab".repeat(32),
                });
            }
            let article = Arc::new(article);
            let mut session = Session::new(Arc::clone(&article));
            let boundaries: Vec<usize> =
                text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let mut annotations = Vec::new();
            for (k, (start, len)) in spans.into_iter().enumerate() {
                let first = start % boundaries.len();
                let last = (first + len).min(boundaries.len() - 1);
                let span = Span::new(boundaries[first], boundaries[last]);
                let add = session.add_edit(Tag::ALL[k % 3], span);
                if let crate::model::Edit::Add(annotation) = &add
                    && session.apply(add.clone()).is_ok()
                {
                    annotations.push(Annotation {
                        body: filled_body(annotation.body.tag, &note, &title, k).into(),
                        ..annotation.clone()
                    });
                }
            }
            let orphans = (0..orphans)
                .map(|k| Orphan {
                    id: AnnotationId(1_000 + k as u64),
                    quote: Quote { text: note.clone(), prefix: title.clone(), suffix: text.clone() },
                    body: filled_body(Tag::ALL[k % 3], &note, &title, k + 1).into(),
                })
                .collect();
            let mut scales = Scales::default();
            scales.0[0].ratings[1].name.clone_from(&title);
            scales.0[0].ratings[1].description.clone_from(&note);
            scales.0[1].ratings[0].retired = true;
            if scales.0[0].problem().is_some() {
                scales = Scales::default();
            }
            let details = ArticleDetails {
                url: title.clone(),
                publisher: note.clone(),
                author: text.clone(),
                published: "2025-06-21".to_owned(),
            };
            let rejections: Vec<Rejection> = rejected
                .into_iter()
                .filter_map(|(start, len, k)| {
                    let first = start % boundaries.len();
                    let last = (first + len).min(boundaries.len() - 1);
                    let span = Span::new(boundaries[first], boundaries[last]);
                    span.slice(&text)
                        .is_some_and(|s| !s.trim().is_empty())
                        .then(|| Rejection::new(Tag::ALL[k % 3], span))
                })
                .collect();
            let session = Session::from_parts_with(article, annotations, orphans, scales, details)
                .unwrap()
                .with_rejections(rejections)
                .unwrap();
            prop_assert_eq!(render(&session).unwrap(), ron_bytes(&session));
        }
    }

    /// A body with every fact-check field filled from tricky text (verdicts from the default
    /// scales, which the random scale keeps apart from its renamed second rating).
    fn filled_body(tag: Tag, note: &str, other: &str, k: usize) -> Body {
        let verdict = match (tag, k % 3) {
            (_, 0) => None,
            (Tag::Quote, _) => Some("Misquoted".to_owned()),
            _ => Some("False".to_owned()),
        };
        Body {
            status: Status::ALL[k % 4],
            verdict,
            claimant: other.to_owned(),
            sources: (0..k % 3)
                .map(|j| Source {
                    url: if j == 0 {
                        "https://example.org/a?b=\"c\"".to_owned()
                    } else {
                        String::new()
                    },
                    citation: note.to_owned(),
                    primary: j == 1,
                })
                .collect(),
            note: note.to_owned(),
            analyst: other.to_owned(),
            created: Stamp::parse("2026-12-03T14:20:05Z"),
            changed: k
                .is_multiple_of(2)
                .then(|| Stamp::parse("2026-12-03T14:25:00.5Z"))
                .flatten(),
            ..Body::new(tag)
        }
    }

    #[test]
    fn an_empty_session_writes_what_ron_writes() {
        let session = Session::new(Arc::new(Article::new("T", None, "")));
        assert_eq!(render(&session).unwrap(), ron_bytes(&session));
    }
}
