//! Re-anchoring on realistic edits of the example article: words inserted before spans,
//! paragraphs reordered, a sentence rewritten (orphan), typo fixes inside spans (fuzzy), the
//! whole text re-wrapped; orphans found again or re-attached by hand; nothing ever dropped.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use factmark::model::anchor::{self, FUZZY_THRESHOLD_PERCENT, Outcome, ReanchorReport};
use factmark::model::{AnnotationId, Article, Body, Edit, Session, Span, Tag};
use factmark::store;

fn data(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn example() -> Session {
    store::load(&data("sessions/example.ron")).unwrap()
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Re-anchors the example session onto `text`, checks the invariants every re-anchoring
/// must keep, and returns the new session and report.
fn reanchor_example(text: &str) -> (Session, ReanchorReport) {
    reanchor_checked(&example(), text)
}

fn reanchor_checked(old: &Session, text: &str) -> (Session, ReanchorReport) {
    let article = Arc::new(Article::new(old.article().title(), None, text));
    let done = anchor::reanchor(old, article).unwrap();
    let (new, report) = (done.session, done.report);
    // Nothing dropped: the same ids, each an annotation or an orphan, with its tag and note.
    let ids = |s: &Session| -> BTreeSet<AnnotationId> {
        s.annotations()
            .iter()
            .map(|a| a.id)
            .chain(s.orphans().iter().map(|o| o.id))
            .collect()
    };
    assert_eq!(ids(&new), ids(old));
    assert_eq!(report.total(), ids(old).len());
    assert_eq!(report.orphaned, new.orphans().len());
    for &(id, outcome) in &report.outcomes {
        let (old_tag, old_note, old_text) = match old.get(id) {
            Some(a) => (a.body.tag, a.body.note.clone(), old.text_of(a).to_owned()),
            None => {
                let o = old.orphan(id).unwrap();
                (o.body.tag, o.body.note.clone(), o.quote.text.clone())
            }
        };
        match outcome {
            Outcome::Orphaned => {
                let o = new.orphan(id).unwrap();
                assert_eq!(
                    (o.body.tag, &o.body.note, &o.quote.text),
                    (old_tag, &old_note, &old_text)
                );
            }
            _ => {
                let a = new.get(id).unwrap();
                assert_eq!((a.body.tag, &a.body.note), (old_tag, &old_note));
                let now = new.text_of(a);
                match outcome {
                    Outcome::Kept => {
                        assert_eq!(now, old_text);
                        let old_a = old.get(id).unwrap();
                        assert_eq!(
                            new.article().char_of_byte(a.span.start),
                            old.article().char_of_byte(old_a.span.start)
                        );
                    }
                    Outcome::Moved => assert_eq!(collapse(now), collapse(&old_text)),
                    Outcome::Fuzzy { similarity } => {
                        assert!(similarity >= FUZZY_THRESHOLD_PERCENT);
                        assert_ne!(collapse(now), collapse(&old_text));
                    }
                    Outcome::Orphaned => unreachable!(),
                }
            }
        }
    }
    // The result is a valid session that saves and loads unchanged.
    assert_eq!(store::from_ron(&store::to_ron(&new)).unwrap(), new);
    (new, report)
}

fn counts(report: &ReanchorReport) -> [usize; 4] {
    [report.kept, report.moved, report.fuzzy, report.orphaned]
}

fn text_of(session: &Session, id: u64) -> &str {
    session.text_of(session.get(AnnotationId(id)).unwrap())
}

#[test]
fn the_same_text_keeps_everything() {
    let (new, report) = reanchor_example(example().article().text());
    assert_eq!(counts(&report), [12, 0, 0, 0]);
    assert_eq!(report.to_string(), "12 kept, 0 moved, 0 fuzzy, 0 orphaned");
    assert_eq!(new.annotations(), example().annotations());
}

#[test]
fn words_inserted_before_spans_move_them() {
    let old = example();
    let text = old
        .article()
        .text()
        .replacen("There is a major", "UPDATED 26 June: There is a major", 1)
        .replacen("Sources close to", "Several sources close to", 1);
    let (new, report) = reanchor_example(&text);
    assert_eq!(counts(&report), [0, 12, 0, 0]);
    for a in old.annotations() {
        assert_eq!(text_of(&new, a.id.0), old.text_of(a));
    }
}

#[test]
fn reordered_paragraphs_move_with_their_annotations() {
    let old = example();
    let mut lines: Vec<&str> = old.article().text().lines().collect();
    lines.reverse();
    let (new, report) = reanchor_example(&(lines.join("\n") + "\n"));
    assert_eq!(report.orphaned + report.fuzzy, 0, "{report}");
    assert_eq!(report.kept + report.moved, 12);
    assert!(report.moved >= 11, "{report}");
    for a in old.annotations() {
        assert_eq!(text_of(&new, a.id.0), old.text_of(a));
    }
}

const KELLOGG: &str = "Kellogg, who was the advisor of the previous US President Donald Trump, also got \
                       directly involved in negotiations with the Belarusian President Aliaksandr \
                       Lukashenka in order to secure the release as allegedly reported.";

#[test]
fn a_rewritten_sentence_orphans_its_claim_and_keeps_it() {
    let old = example();
    let text = old.article().text().replacen(
        KELLOGG,
        "Trump's former adviser is said to have met the Belarusian leader himself.",
        1,
    );
    let (new, report) = reanchor_example(&text);
    assert_eq!(report.orphaned, 1, "{report}");
    assert_eq!(report.fuzzy, 0, "{report}");
    let orphan = &new.orphans()[0];
    assert_eq!(orphan.body.tag, Tag::Claim);
    assert!(
        orphan
            .quote
            .text
            .starts_with("Kellogg, who was the advisor")
    );
    assert!(
        orphan.body.note.starts_with("Only one outlet"),
        "the note is kept"
    );
    assert!(
        orphan
            .quote
            .prefix
            .ends_with("earlier this week in Minsk. "),
        "{:?}",
        orphan.quote.prefix
    );
    assert_eq!(orphan.quote.prefix.chars().count(), 32);
    assert!(
        orphan
            .quote
            .suffix
            .starts_with(" in order to secure the release"),
        "{:?}",
        orphan.quote.suffix
    );
    let id = orphan.id;
    assert_eq!(
        report.outcomes.iter().find(|o| o.0 == id).unwrap().1,
        Outcome::Orphaned
    );

    // Saved and loaded, the orphan is still there.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("after.ron");
    store::save(&new, &path).unwrap();
    let mut loaded = store::load(&path).unwrap();
    assert_eq!(loaded, new);

    // Re-attached by hand to the new sentence, with undo.
    let sentence = "Trump's former adviser is said to have met the Belarusian leader himself.";
    let start = text.find(sentence).unwrap();
    let undo = loaded
        .apply(Edit::Reattach {
            id,
            span: Span::new(start, start + sentence.len()),
        })
        .unwrap();
    assert!(loaded.orphans().is_empty());
    assert_eq!(text_of(&loaded, id.0), sentence);
    assert_eq!(loaded.get(id).unwrap().body.tag, Tag::Claim);
    loaded.apply(undo).unwrap();
    assert_eq!(loaded, new);
}

#[test]
fn orphans_find_their_place_again_when_the_text_comes_back() {
    let old = example();
    let rewritten = old
        .article()
        .text()
        .replacen(KELLOGG, "Nothing to see here.", 1);
    let (orphaned, report) = reanchor_example(&rewritten);
    assert_eq!(report.orphaned, 1);
    let (back, report) = reanchor_checked(&orphaned, old.article().text());
    assert_eq!(report.orphaned, 0, "{report}");
    assert!(back.orphans().is_empty());
    assert_eq!(
        back.annotations(),
        old.annotations(),
        "exactly where it was"
    );
}

#[test]
fn typo_fixes_inside_spans_are_fuzzy_matches() {
    let old = example();
    let text = old
        .article()
        .text()
        .replacen(
            "known oppositionism Siarhei",
            "known oppositionist Siarhei",
            1,
        )
        .replacen(
            "rights group, Vyasna, over",
            "rights group, Viasna, over",
            1,
        );
    let (new, report) = reanchor_example(&text);
    assert_eq!(counts(&report), [10, 0, 2, 0], "{report}");
    assert!(text_of(&new, 1).contains("oppositionist Siarhei Tsikhanouski"));
    let viasna = new
        .annotations()
        .iter()
        .find(|a| {
            new.text_of(a)
                .starts_with("As stated by a rights group, Viasna")
        })
        .unwrap();
    assert!(new.text_of(viasna).ends_with("since the unrest in 2020."));
    for (_, outcome) in &report.outcomes {
        if let Outcome::Fuzzy { similarity } = outcome {
            assert!(
                *similarity >= 97,
                "one letter in a long claim: {similarity}"
            );
        }
    }
}

#[test]
fn a_typo_in_a_short_span_still_matches_if_similar_enough() {
    let old = example();
    let text = old
        .article()
        .text()
        .replacen("more than 19 years", "more than 19 yaers", 1);
    let (new, report) = reanchor_example(&text);
    assert_eq!(report.fuzzy, 1, "{report}");
    let a = new
        .annotations()
        .iter()
        .find(|a| new.text_of(a) == "more than 19 yaers")
        .unwrap();
    assert_eq!(a.body.tag, Tag::Statistic);
}

/// Re-wraps paragraphs at `width` columns and separates them by blank lines.
fn rewrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    for paragraph in text.lines() {
        let mut line = String::new();
        for word in paragraph.split(' ') {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
                out.push_str(&line);
                out.push('\n');
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        out.push_str(&line);
        out.push_str("\n\n");
    }
    out
}

#[test]
fn a_rewrapped_text_keeps_every_annotation() {
    let old = example();
    let text = rewrap(old.article().text(), 60);
    assert_ne!(text, old.article().text());
    let (new, report) = reanchor_example(&text);
    assert_eq!(report.orphaned + report.fuzzy, 0, "{report}");
    for a in old.annotations() {
        assert_eq!(collapse(text_of(&new, a.id.0)), collapse(old.text_of(a)));
    }
    assert!(
        new.annotations()
            .iter()
            .any(|a| new.text_of(a).contains('\n')),
        "long spans now cross line breaks"
    );
}

#[test]
fn among_repeated_quotes_the_context_decides() {
    let old_text =
        "A: 14 political prisoners were freed. B: 14 political prisoners remain in jail.";
    let mut old = Session::new(Arc::new(Article::new("t", None, old_text)));
    let second = old_text.rfind("14 political prisoners").unwrap();
    old.apply(old.add_edit(
        Tag::Statistic,
        Span::new(second, second + "14 political prisoners".len()),
    ))
    .unwrap();
    let new_text =
        "Intro. B: 14 political prisoners remain in jail. A: 14 political prisoners were freed.";
    let (new, report) = reanchor_checked(&old, new_text);
    assert_eq!(counts(&report), [0, 1, 0, 0]);
    let span = new.annotations()[0].span;
    assert_eq!(
        &new_text[span.end..span.end + 7],
        " remain",
        "the one with the same context"
    );
}

#[test]
fn random_edits_never_drop_anything() {
    let old = example();
    let base: Vec<char> = old.article().text().chars().collect();
    let mut rng = factmark::testing::Rng::new(0x0DDB_A11C_AFE5_EED5);
    let mut next = |n: usize| rng.below(n);
    let mut totals = [0; 4];
    let cases = 60;
    for _ in 0..cases {
        let mut text = base.clone();
        for _ in 0..1 + next(6) {
            let at = next(text.len());
            let len = next(400).min(text.len() - at);
            match next(3) {
                0 => {
                    text.drain(at..at + len);
                }
                1 => {
                    let chunk: Vec<char> = text[at..at + len].to_vec();
                    let to = next(text.len());
                    text.splice(to..to, chunk);
                }
                _ => text
                    .splice(at..at, "inserted words č🙂 ".chars())
                    .for_each(drop),
            }
        }
        let text: String = text.into_iter().collect();
        if text.trim().is_empty() {
            continue;
        }
        let (_, report) = reanchor_checked(&old, &text);
        for (total, n) in totals.iter_mut().zip(counts(&report)) {
            *total += n;
        }
    }
    println!(
        "random edits: {cases} edited articles: kept/moved/fuzzy/orphaned = {totals:?}, 0 dropped"
    );
}

#[test]
fn a_large_article_with_lost_spans_stays_fast_enough() {
    let old = example();
    // About 400 kB of text; the spans' own text is removed from it, so every one of them goes
    // through the bounded approximate search.
    let mut text = String::new();
    let filler = old.article().text();
    while text.len() < 400_000 {
        text.push_str(filler);
    }
    for a in old.annotations() {
        text = text.replace(old.text_of(a), "—");
    }
    let started = Instant::now();
    let (_, report) = reanchor_checked(&old, &text);
    let took = started.elapsed();
    println!("400 kB article, 12 lost spans: {report} in {took:.1?}");
    assert_eq!(report.kept + report.moved, 0);
    assert!(took.as_secs() < 60, "{took:?}");
}

#[test]
fn a_fuzzy_match_never_starts_inside_a_word() {
    // "14 political prisoners" → "fourteen political prisoners": the closest substring is
    // "en political prisoners" (2 edits). Snapped: "fourteen …" is too different (71%),
    // "political prisoners" is 86% similar.
    let old = example();
    let text = old.article().text().replacen(
        "released 14 political prisoners",
        "released fourteen political prisoners",
        1,
    );
    let (new, report) = reanchor_example(&text);
    assert_eq!(text_of(&new, 4), "political prisoners", "{report}");
    let outcome = report.outcomes.iter().find(|(id, _)| id.0 == 4).unwrap().1;
    assert_eq!(outcome, Outcome::Fuzzy { similarity: 86 });
    for a in new.annotations() {
        let span = a.span;
        let text = new.article().text();
        let before = text[..span.start].chars().next_back();
        let first = text[span.start..].chars().next();
        assert!(
            !(before.is_some_and(char::is_alphanumeric)
                && first.is_some_and(char::is_alphanumeric)),
            "{:?} starts inside a word",
            new.text_of(a)
        );
    }
}

#[test]
fn an_exact_quote_inside_a_longer_word_is_not_a_move() {
    // "14 cases" is still there, but only as the end of "214 cases": widened to the whole
    // word it is a fuzzy match, never "moved" onto half a number.
    let article = Arc::new(Article::new("t", None, "We counted 14 cases."));
    let at = article.text().find("14 cases").unwrap();
    let old = Session::with_annotations(
        article,
        vec![factmark::model::Annotation {
            id: AnnotationId(1),
            span: Span::new(at, at + "14 cases".len()),
            body: Body::new(Tag::Statistic).into(),
        }],
    )
    .unwrap();
    let (new, report) = reanchor_checked(&old, "We counted 214 cases.");
    assert_eq!(text_of(&new, 1), "214 cases", "{report}");
    assert_eq!(report.outcomes[0].1, Outcome::Fuzzy { similarity: 88 });
}

#[test]
fn rejections_and_scales_follow_the_text() {
    use factmark::model::{Rejection, ScaleKind};
    let old_text = "Belarus freed 14 prisoners. Officials said 300 people left. Rain fell.";
    let new_text = "Update: Belarus freed 14 prisoners. Rain fell. Nobody left.";
    let find = |text: &str, needle: &str| {
        let start = text.find(needle).unwrap();
        factmark::model::Span::new(start, start + needle.len())
    };
    let mut session = Session::new(Arc::new(Article::new("t", None, old_text)));
    // A custom scale and the article's details must survive too.
    let mut scale = session.scales().get(ScaleKind::Rating).clone();
    scale.ratings[0].name = "Correct".to_owned();
    session
        .apply(factmark::model::Edit::SetScale {
            kind: ScaleKind::Rating,
            scale: scale.clone(),
        })
        .unwrap();
    let session = session
        .with_rejections(vec![
            Rejection::new(Tag::Statistic, find(old_text, "14 prisoners")),
            Rejection::new(Tag::Claim, find(old_text, "Rain fell.")),
            Rejection::new(Tag::Statistic, find(old_text, "300 people")),
        ])
        .unwrap();
    let done =
        factmark::model::anchor::reanchor(&session, Arc::new(Article::new("t", None, new_text)))
            .unwrap();
    assert_eq!(
        done.session.rejections(),
        [
            Rejection::new(Tag::Statistic, find(new_text, "14 prisoners")),
            Rejection::new(Tag::Claim, find(new_text, "Rain fell.")),
        ]
    );
    assert_eq!(done.report.rejections_dropped, 1, "its text is gone");
    assert_eq!(done.session.scales().get(ScaleKind::Rating), &scale);
}
