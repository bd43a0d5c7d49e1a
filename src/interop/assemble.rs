//! Turning the annotations read from another tool's file into a session, the same way for
//! every format: labels become tags (`--map`, else a tag's name in any case), a verdict the
//! default scales lack is added to the scale (so no verdict is dropped), and whatever cannot
//! be carried (a label that maps to no tag, a span of only whitespace, a source whose link is
//! not a web address) is reported where it was. Two annotations with the same tag on the same
//! text are both kept: in brat and W3C each has an id of its own (brat shows both, and a
//! session may hold them: two analysts' notes on one claim), so dropping one would lose it.
//! (The doccano and Label Studio importers, whose spans have no ids, report such duplicates:
//! `build.rs`.)

use std::collections::HashSet;
use std::sync::Arc;

use super::ImportOptions;
use crate::export::Loss;
use crate::model::{
    Annotation, AnnotationId, Article, ArticleDetails, Body, Colour, Orphan, Quote, Rating,
    ScaleKind, Scales, Session, Span, Tag,
};

/// Where an imported annotation goes.
#[derive(Clone, Debug)]
pub(crate) enum Place {
    /// A span of the text (bytes).
    Span(Span),
    /// Nowhere in the text: kept as an orphan with the quote it had.
    Orphan(Quote),
}

/// One annotation read from a file, before it joins a session.
#[derive(Clone, Debug)]
pub(crate) struct Candidate {
    /// Where it was in the file, for messages: `line 4 (T3)`, `annotation 2`.
    pub(crate) at: String,
    /// The id it had there, when that can be the Factmark id.
    pub(crate) id: Option<u64>,
    /// Its label in the file (becomes the tag).
    pub(crate) label: String,
    /// Its place.
    pub(crate) place: Place,
    /// Every other field (the tag in it is replaced by the label's).
    pub(crate) body: Body,
}

/// The colour of a rating an import adds to a scale (the scales' neutral grey).
const ADDED_RATING: Colour = Colour([0x7a, 0x80, 0x87]);

/// The tag `label` stands for: a `--map` pair (label compared without regard to case), else
/// the tag of that name in any case.
pub(crate) fn tag_for(options: &ImportOptions, label: &str) -> Option<Tag> {
    let label = label.trim();
    options
        .map
        .iter()
        .find(|(from, _)| from.trim().eq_ignore_ascii_case(label))
        .map(|&(_, tag)| tag)
        .or_else(|| {
            Tag::ALL
                .into_iter()
                .find(|tag| tag.label().eq_ignore_ascii_case(label))
        })
}

/// A session over `article` holding `candidates` (losses pushed onto `left_out`, named by
/// `document`).
///
/// # Errors
///
/// The model's refusal, which the checks here make unreachable; as text.
pub(crate) fn session(
    document: &str,
    article: Arc<Article>,
    details: ArticleDetails,
    candidates: Vec<Candidate>,
    options: &ImportOptions,
    left_out: &mut Vec<Loss>,
) -> Result<Session, String> {
    let mut lose = |at: &str, what: String| {
        left_out.push(Loss {
            document: document.to_owned(),
            annotation: None,
            what: format!("{at}: {what}"),
        });
    };
    let mut scales = Scales::default();
    let mut kept: Vec<(Option<u64>, Place, Body)> = Vec::new();
    for candidate in candidates {
        let Some(tag) = tag_for(options, &candidate.label) else {
            let what = if candidate.label.trim().is_empty() {
                "it has no label, so it is no claim, statistic or quote".to_owned()
            } else {
                format!(
                    "the label \"{0}\" is not a tag; map it with --map \"{0}=Claim\" (or \
                     Statistic, Quote)",
                    candidate.label
                )
            };
            lose(&candidate.at, what);
            continue;
        };
        let mut body = candidate.body;
        body.tag = tag;
        if let Place::Span(span) = candidate.place {
            let blank = article
                .text()
                .get(span.range())
                .is_none_or(|slice| slice.trim().is_empty());
            if blank {
                lose(
                    &candidate.at,
                    "it covers no text, or only whitespace".to_owned(),
                );
                continue;
            }
        }
        body.sources.retain(|source| match source.problem() {
            None => true,
            Some(problem) => {
                lose(
                    &candidate.at,
                    format!("the source \"{}\" is left out: {problem}", source.title()),
                );
                false
            }
        });
        if let Some(verdict) = &body.verdict {
            let scale = &mut scales.0[ScaleKind::for_tag(tag).index()];
            if scale.get(verdict).is_none() {
                scale.ratings.push(Rating {
                    name: verdict.clone(),
                    description: "Added by an import: not in Factmark's default scale.".to_owned(),
                    colour: ADDED_RATING,
                    retired: false,
                });
            }
        }
        kept.push((candidate.id, candidate.place, body));
    }
    let ids = assign_ids(kept.iter().map(|(id, _, _)| *id));
    let mut annotations = Vec::new();
    let mut orphans = Vec::new();
    for ((_, place, body), id) in kept.into_iter().zip(ids) {
        match place {
            Place::Span(span) => annotations.push(Annotation {
                id,
                span,
                body: body.into(),
            }),
            Place::Orphan(quote) => orphans.push(Orphan {
                id,
                quote,
                body: body.into(),
            }),
        }
    }
    Session::from_parts_with(article, annotations, orphans, scales, details)
        .map_err(|error| format!("{document}: {error}"))
}

/// The ids: each wanted one when it is valid and not taken before, the others numbered after
/// the largest.
fn assign_ids(wanted: impl Iterator<Item = Option<u64>>) -> Vec<AnnotationId> {
    let wanted: Vec<Option<u64>> = wanted.collect();
    let mut taken = HashSet::new();
    let usable: Vec<Option<u64>> = wanted
        .iter()
        .map(|id| id.filter(|&id| (1..=crate::store::MAX_ID).contains(&id) && taken.insert(id)))
        .collect();
    let mut next = taken.iter().max().map_or(1, |max| max + 1);
    usable
        .into_iter()
        .map(|id| {
            AnnotationId(id.unwrap_or_else(|| {
                next += 1;
                next - 1
            }))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_map_by_option_then_by_name() {
        let options = ImportOptions {
            map: vec![("Number".to_owned(), Tag::Statistic)],
            keep_going: false,
        };
        assert_eq!(tag_for(&options, "number"), Some(Tag::Statistic));
        assert_eq!(tag_for(&options, " QUOTE "), Some(Tag::Quote));
        assert_eq!(tag_for(&options, "Person"), None);
    }

    #[test]
    fn ids_are_kept_when_usable() {
        let ids = assign_ids([Some(5), None, Some(5), Some(0), Some(2)].into_iter());
        let ids: Vec<u64> = ids.into_iter().map(|id| id.0).collect();
        assert_eq!(ids, [5, 6, 7, 8, 2]);
    }
}
