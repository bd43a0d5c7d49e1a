//! Search over hand-made sessions and articles: text in articles, annotations by every
//! filter, orphans, context, limits, and a property: every annotation hit passes the query.

use std::sync::Arc;

use proptest::prelude::*;

use super::*;
use crate::model::{Annotation, Article, Quote, Stamp, Status, Tag};

/// What an annotation is made of: word, tag, status, verdict, claimant, analyst, date.
type Mark<'a> = (
    &'a str,
    Tag,
    Status,
    Option<&'a str>,
    &'a str,
    &'a str,
    &'a str,
);

/// A session over `text` with an annotation on each `(word, tag, status, verdict, claimant,
/// analyst, date)`, and an orphan.
fn session(text: &str, marks: &[Mark]) -> Session {
    let article = Arc::new(Article::new("Minsk", None, text));
    let annotations = marks
        .iter()
        .enumerate()
        .map(
            |(i, &(word, tag, status, verdict, claimant, analyst, date))| {
                let start = text.find(word).unwrap();
                let stamp = Stamp::parse(&format!("{date}T12:00:00Z")).unwrap();
                let mut body = Body::made(tag, analyst, stamp);
                body.status = status;
                body.verdict = verdict.map(str::to_owned);
                body.claimant = claimant.to_owned();
                Annotation {
                    id: AnnotationId(i as u64 + 1),
                    span: Span::new(start, start + word.len()),
                    body: body.into(),
                }
            },
        )
        .collect();
    let orphan = crate::model::Orphan {
        id: AnnotationId(99),
        quote: Quote {
            text: "an old line\nthat moved".into(),
            prefix: "before ".into(),
            suffix: " after".into(),
        },
        body: Body::new(Tag::Quote).into(),
    };
    Session::from_parts(article, annotations, vec![orphan]).unwrap()
}

fn index() -> SearchIndex {
    let minsk = session(
        "Belarus released 14 political prisoners.\nThe vote was rigged, said the opposition.",
        &[
            (
                "14 political prisoners",
                Tag::Statistic,
                Status::Checked,
                Some("True"),
                "Viasna",
                "ana",
                "2026-05-02",
            ),
            (
                "The vote was rigged",
                Tag::Claim,
                Status::Checked,
                Some("False"),
                "Alexander Lukashenka",
                "bo",
                "2026-05-20",
            ),
            (
                "said the opposition",
                Tag::Quote,
                Status::ToCheck,
                None,
                "Opposition",
                "bo",
                "2026-04-11",
            ),
        ],
    );
    let budget = session(
        "The budget grew by 40 percent, the minister claimed.",
        &[(
            "The budget grew by 40 percent",
            Tag::Claim,
            Status::Checked,
            Some("False"),
            "Lukashenka",
            "ana",
            "2026-04-30",
        )],
    );
    let plain = Article::new("Plain", None, "Nothing tagged here about the vote.");
    SearchIndex::new([
        (
            "/d/minsk.txt".into(),
            "/d/sessions/minsk.ron".into(),
            "Minsk".into(),
            Parsed::Session(Arc::new(minsk)),
        ),
        (
            "/d/budget.ron".into(),
            "/d/budget.ron".into(),
            "Budget".into(),
            Parsed::Session(Arc::new(budget)),
        ),
        (
            "/d/plain.txt".into(),
            "/d/plain.txt".into(),
            "Plain".into(),
            Parsed::Article(Arc::new(plain)),
        ),
    ])
}

fn run(line: &str) -> SearchResults {
    index().search(&Query::parse(line).unwrap(), DEFAULT_LIMIT)
}

#[test]
fn text_is_found_in_every_article_with_its_place_and_context() {
    let results = run("VOTE");
    // The claim containing "vote", then the text of minsk and of plain.
    assert_eq!((results.total, results.documents), (3, 2));
    let claim = &results.hits[0];
    assert_eq!(claim.annotation.as_ref().unwrap().body.tag, Tag::Claim);
    assert_eq!(claim.open, PathBuf::from("/d/sessions/minsk.ron"));
    let text = &results.hits[1];
    assert!(text.annotation.is_none());
    assert_eq!(text.document, PathBuf::from("/d/minsk.txt"));
    let span = text.span.unwrap();
    assert_eq!(span, Span::new(45, 49));
    assert_eq!(text.context.matched, "vote");
    assert_eq!(
        text.context.before, "us released 14 political prisoners. The ",
        "line break as a space"
    );
    assert_eq!(results.hits[2].document, PathBuf::from("/d/plain.txt"));
}

#[test]
fn every_false_claim_by_lukashenka_this_month() {
    let results = run("claim verdict:false by:lukashenka date:2026-05");
    assert_eq!(results.total, 1);
    let hit = &results.hits[0];
    assert_eq!(hit.context.matched, "The vote was rigged");
    assert_eq!(hit.title, "Minsk");
    let all_month = run("verdict:False by:Lukashenka");
    assert_eq!(all_month.total, 2, "April's budget claim too");
    assert_eq!(all_month.documents, 2);
}

#[test]
fn each_filter_narrows() {
    for (line, total) in [
        // Each session has an orphan quote.
        ("tag:quote", 3),
        ("tag:statistic tag:quote", 4),
        ("status:checked", 3),
        ("status:to-check", 3),
        ("analyst:bo", 2),
        ("from:2026-05-01", 2),
        ("to:2026-04", 2),
        ("claimant:viasna", 1),
        ("verdict:True 14", 1),
        ("verdict:True rigged", 0),
        ("minister", 1),
        ("opposition", 2),
    ] {
        assert_eq!(run(line).total, total, "{line}");
    }
    assert!(run("").hits.is_empty());
}

#[test]
fn orphans_are_found_without_a_span() {
    let results = run("moved");
    let orphan = results.hits.iter().find(|h| h.span.is_none()).unwrap();
    let found = orphan.annotation.as_ref().unwrap();
    assert!(found.orphan);
    assert_eq!(found.id, AnnotationId(99));
    assert_eq!(orphan.context.matched, "an old line that moved");
    assert_eq!(orphan.context.before, "before ");
}

#[test]
fn hits_past_the_limit_are_counted_not_kept() {
    let results = index().search(&Query::parse("e").unwrap(), 3);
    assert_eq!(results.hits.len(), 3);
    assert!(results.total > 3);
}

#[test]
fn context_stays_on_character_boundaries() {
    let text = "ačž ".repeat(30) + "needle" + &" ёж".repeat(30);
    let at = text.find("needle").unwrap();
    let context = context(&text, Span::new(at, at + 6));
    assert_eq!(context.before.chars().count(), CONTEXT_CHARS);
    assert_eq!(context.after.chars().count(), CONTEXT_CHARS);
}

proptest! {
    #[test]
    fn every_annotation_hit_passes_the_query(
        tags in prop::collection::vec(prop::sample::select(Tag::ALL.to_vec()), 0..2),
        statuses in prop::collection::vec(prop::sample::select(Status::ALL.to_vec()), 0..2),
        verdict in prop::sample::select(vec!["", "False", "true"]),
        claimant in prop::sample::select(vec!["", "luka", "VIASNA"]),
        analyst in prop::sample::select(vec!["", "ana", "bo"]),
        from in prop::sample::select(vec!["", "2026-05", "2026-04-30"]),
        text in prop::sample::select(vec!["", "the", "vote"]),
    ) {
        let query = Query {
            text: text.into(),
            tags,
            statuses,
            verdict: verdict.into(),
            claimant: claimant.into(),
            analyst: analyst.into(),
            from: from.into(),
            to: String::new(),
        };
        let results = index().search(&query, DEFAULT_LIMIT);
        prop_assert_eq!(results.hits.len(), results.total);
        for hit in &results.hits {
            match &hit.annotation {
                Some(found) => prop_assert!(query.accepts(&found.body)),
                None => {
                    prop_assert!(!query.filters_annotations(), "text hits only without filters");
                    prop_assert_eq!(hit.context.matched.to_lowercase(), query.text.to_lowercase());
                }
            }
        }
    }
}
