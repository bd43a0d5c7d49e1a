//! schema.org ClaimReview JSON-LD: what search engines read to show a fact-check beside a
//! claim. One `ClaimReview` per *checked* claim or statistic with a verdict, in a JSON list:
//! `claimReviewed` (the annotated text), `reviewRating` (the verdict as `alternateName`, its
//! place in the session's scale as `ratingValue` from `bestRating` = the number of ratings,
//! best first, down to `worstRating` 1), `itemReviewed` (a `Claim` by the claimant, appearing
//! in the article with its URL, headline, outlet, byline and date), `author` (the publishing
//! organisation), `datePublished` (the day the verdict was last changed), `url` (the
//! published report's entry: `--review-url` with `{document}` replaced by the session's name,
//! then the entry's anchor), the sources as `citation` and the note as `reviewBody`.
//! Nothing else is published; a claim a reader would expect to find (checked but without a
//! verdict, given a verdict but not marked checked, or checked but no longer in the article)
//! is named in the losses.

use serde_json::{Value, json};

use super::report::entry_anchors;
use super::{Document, ExportError, ExportFile, ExportOptions, Exported, Loss};
use crate::model::{Body, Session, Status, Tag};

/// Where a session's name goes in [`ExportOptions::review_url`].
pub const DOCUMENT: &str = "{document}";

/// The ClaimReviews of `documents`.
///
/// # Errors
///
/// [`ExportError::Needs`] when no organisation is given: a review needs its author.
pub fn export(
    documents: &[Document<'_>],
    options: &ExportOptions,
) -> Result<Exported, ExportError> {
    let organisation = options.organisation.trim();
    if organisation.is_empty() {
        return Err(ExportError::Needs(
            "a ClaimReview export needs the organisation that publishes the reviews \
             (--organisation NAME)"
                .to_owned(),
        ));
    }
    let review_url = options.review_url.trim();
    if documents.len() > 1 && !review_url.is_empty() && !review_url.contains(DOCUMENT) {
        return Err(ExportError::Needs(format!(
            "with several sessions, each is published at its own address: put {DOCUMENT} in \
             --review-url where the session's name goes (https://desk.example/checks/{DOCUMENT}.html)"
        )));
    }
    let mut reviews = Vec::new();
    let mut losses = Vec::new();
    for document in documents {
        let session = document.session;
        let anchors = entry_anchors(session);
        let review_url = review_url.replace(DOCUMENT, document.name);
        let lose = |losses: &mut Vec<Loss>, id, what: String| {
            losses.push(Loss {
                document: document.name.to_owned(),
                annotation: Some(id),
                what,
            });
        };
        let before = reviews.len();
        for annotation in session.annotations() {
            let body = &annotation.body;
            if let Some(why) = unpublished(body) {
                lose(&mut losses, annotation.id, why);
                continue;
            }
            if !publishable(body) {
                continue;
            }
            let url = anchors
                .get(&annotation.id)
                .filter(|_| !review_url.is_empty())
                .map(|anchor| format!("{review_url}#{anchor}"));
            match review(
                session,
                session.text_of(annotation),
                body,
                organisation,
                url,
            ) {
                Some(review) => reviews.push(review),
                None => lose(
                    &mut losses,
                    annotation.id,
                    "its verdict is not in the session's scale".to_owned(),
                ),
            }
        }
        for orphan in session.orphans() {
            if publishable(&orphan.body) {
                lose(
                    &mut losses,
                    orphan.id,
                    format!(
                        "checked {} {:?} is no longer in the article (an orphan), so it is not \
                         published; re-attach it in Factmark to publish it",
                        orphan.body.tag.label().to_lowercase(),
                        crate::store::excerpt(&orphan.quote.text, 60)
                    ),
                );
            }
        }
        if review_url.is_empty() && reviews.len() > before {
            losses.push(Loss {
                document: document.name.to_owned(),
                annotation: None,
                what: "the reviews have no url (schema.org and search engines expect one): \
                       give the address of the published fact-check (--review-url URL)"
                    .to_owned(),
            });
        }
    }
    let mut json = serde_json::to_vec_pretty(&Value::Array(reviews)).unwrap_or_default();
    json.push(b'\n');
    Ok(Exported {
        files: vec![ExportFile::main(json)],
        losses,
    })
}

/// True for a claim or statistic that is checked and has a verdict: what is published.
fn publishable(body: &Body) -> bool {
    body.tag != Tag::Quote && body.status == Status::Checked && body.verdict.is_some()
}

/// Why a claim or statistic a reader would expect in the reviews is not published, if so.
fn unpublished(body: &Body) -> Option<String> {
    let tag = body.tag.label().to_lowercase();
    match (body.tag, body.status, &body.verdict) {
        (Tag::Quote, _, _) => None,
        (_, Status::Checked, None) => Some(format!(
            "checked {tag} has no verdict, so there is no rating to publish"
        )),
        (_, status, Some(verdict)) if status != Status::Checked => Some(format!(
            "{tag} has the verdict \"{verdict}\" but its status is {}; only checked claims and \
             statistics are published",
            status.label()
        )),
        _ => None,
    }
}

/// The ClaimReview of one checked annotation; `None` when its verdict is not in its scale
/// (which a valid session never has).
fn review(
    session: &Session,
    text: &str,
    body: &Body,
    organisation: &str,
    url: Option<String>,
) -> Option<Value> {
    let verdict = body.verdict.as_deref()?;
    let ratings = &session.scale_for(body.tag).ratings;
    let place = ratings.iter().position(|r| r.name == verdict)?;
    let details = session.details();
    let mut appearance = json!({
        "@type": "CreativeWork",
        "headline": session.article().title(),
    });
    let set = |object: &mut Value, key: &str, value: Value| {
        if let Some(map) = object.as_object_mut() {
            map.insert(key.to_owned(), value);
        }
    };
    for (key, value) in [
        ("url", json!(details.url)),
        ("datePublished", json!(details.published)),
        ("author", json!({"@type": "Person", "name": details.author})),
        (
            "publisher",
            json!({"@type": "Organization", "name": details.publisher}),
        ),
    ] {
        let filled = value
            .get("name")
            .map_or(value.as_str(), Value::as_str)
            .is_some_and(|s| !s.trim().is_empty());
        if filled {
            set(&mut appearance, key, value);
        }
    }
    let mut claim = json!({ "@type": "Claim", "appearance": appearance });
    if !body.claimant.trim().is_empty() {
        set(
            &mut claim,
            "author",
            json!({"@type": "Person", "name": body.claimant}),
        );
    }
    let mut review = json!({
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": text,
        "author": { "@type": "Organization", "name": organisation },
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": ratings.len() - place,
            "bestRating": ratings.len(),
            "worstRating": 1,
            "alternateName": verdict,
        },
        "itemReviewed": claim,
    });
    if let Some(url) = url {
        set(&mut review, "url", json!(url));
    }
    if let Some(when) = body.changed.as_ref().or(body.created.as_ref()) {
        set(&mut review, "datePublished", json!(when.date()));
    }
    if !body.note.trim().is_empty() {
        set(&mut review, "reviewBody", json!(body.note));
    }
    if !body.sources.is_empty() {
        let citations: Vec<Value> = body
            .sources
            .iter()
            .map(|source| {
                let mut work = json!({ "@type": "CreativeWork" });
                if !source.citation.is_empty() {
                    set(&mut work, "name", json!(source.citation));
                }
                if !source.url.is_empty() {
                    set(&mut work, "url", json!(source.url));
                }
                work
            })
            .collect();
        set(&mut review, "citation", Value::Array(citations));
    }
    Some(review)
}
