//! Hostile session and re-anchoring inputs: unplaceable annotations at scale, a session given
//! as the new article, malformed ids, and the messages they give.

use std::sync::Arc;
use std::time::Instant;

use factmark::model::anchor;
use factmark::model::{Annotation, AnnotationId, Article, Body, Session, Span, Tag};
use factmark::progress::Progress;
use factmark::store::{self, LoadErrorKind};
use factmark::testing::Rng;

use factmark::testing::{rewritten_session as rewritten, word_spans as words};

#[test]
fn unplaceable_annotations_cost_little_each() {
    // Before the q-gram index every unplaceable annotation ran the edit-distance search over
    // the whole text (~10 ms each in a release build, ten times that in a debug build). With
    // the index: about 6 ms each here in a debug build, 1.75 s for all 300.
    let (old, article) = rewritten(200_000, 300, 7);
    let started = Instant::now();
    let done = anchor::reanchor(&old, article).unwrap();
    let took = started.elapsed();
    println!(
        "300 annotations onto a rewritten 200 kB article: {} in {took:.2?}",
        done.report
    );
    // Shuffled words keep a few short quotes nearly intact; nearly all are lost.
    assert!(done.report.orphaned >= 270, "{}", done.report);
    assert_eq!(done.report.total(), 300);
}

#[test]
fn the_q_gram_filter_changes_no_result() {
    // Random edits of a short text with many near matches: the filtered search must place
    // every annotation exactly where the full search does.
    let mut rng = Rng::new(0xF11_7E4);
    let base = factmark::testing::article_text(6_000);
    for case in 0..40 {
        let (old, _) = {
            let article = Arc::new(Article::new("Base", None, base.clone()));
            let spans = words(&base);
            let annotations = (0..30)
                .map(|i| {
                    let count = 1 + rng.below(12);
                    let first = rng.below(spans.len() - count);
                    Annotation {
                        id: AnnotationId(i + 1),
                        span: Span::new(spans[first].0, spans[first + count - 1].1),
                        body: Body::new(Tag::Claim).into(),
                    }
                })
                .collect();
            (Session::with_annotations(article, annotations).unwrap(), ())
        };
        // Edit characters here and there: substitutions, deletions, insertions.
        let mut chars: Vec<char> = base.chars().collect();
        for _ in 0..(20 + case * 20) {
            let at = rng.below(chars.len());
            match rng.below(3) {
                0 => chars[at] = ['a', 'e', ' ', 'x', '1'][rng.below(5)],
                1 => {
                    chars.remove(at);
                }
                _ => chars.insert(at, ['o', ' ', 'n'][rng.below(3)]),
            }
        }
        let text: String = chars.into_iter().collect();
        let article = Arc::new(Article::new("Edited", None, text));
        let fast = anchor::reanchor(&old, Arc::clone(&article)).unwrap();
        let full = anchor::reanchor_unfiltered(&old, article).unwrap();
        assert_eq!(fast.report, full.report, "case {case}");
        assert_eq!(fast.session, full.session, "case {case}");
    }
}

#[test]
fn reanchoring_reports_progress_and_stops_when_cancelled() {
    let (old, article) = rewritten(50_000, 300, 3);
    let progress = Progress::new();
    let done = anchor::reanchor_with(&old, Arc::clone(&article), &progress).unwrap();
    assert!(done.is_some());
    assert_eq!(progress.counts(), (300, 300));

    let cancelled = Progress::new();
    cancelled.cancel();
    let none = anchor::reanchor_with(&old, Arc::clone(&article), &cancelled).unwrap();
    assert!(none.is_none());
    assert_eq!(
        cancelled.counts(),
        (0, 300),
        "stopped before the first annotation"
    );

    // Cancelled from another thread while it works: stops early, returns nothing.
    let (old, article) = rewritten(200_000, 20_000, 5);
    let progress = Progress::new();
    let watcher = progress.clone();
    let worker = std::thread::spawn(move || anchor::reanchor_with(&old, article, &progress));
    while watcher.counts().0 == 0 {
        std::thread::yield_now();
    }
    watcher.cancel();
    let result = worker.join().unwrap().unwrap();
    let (done, total) = watcher.counts();
    if result.is_none() {
        assert!(done < total, "{done} of {total}");
    } else {
        // The machine finished all 20,000 before the cancel arrived: nothing to check.
        assert_eq!(done, total);
    }
}

fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn a_session_given_as_the_new_article_is_read_as_a_session() {
    let dir = tempfile::tempdir().unwrap();
    let example = store::load(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/sessions/example.ron"
    )))
    .unwrap();
    let other = Article::new("Other story", Some("other.txt".to_owned()), "Other text.\n");
    let other_session = Session::new(Arc::new(other.clone()));
    let ron = store::to_ron(&other_session);
    for name in ["other.ron", "other.txt", "other"] {
        let path = write(&dir, name, ron.as_bytes());
        let article =
            factmark::workspace::attach::updated_article(&path, example.article()).unwrap();
        assert_eq!(
            article, other,
            "{name}: the embedded article, title and source"
        );
    }
    // Indented or with a byte-order mark, still a session.
    let rest = ron.split_once("\"factmark-session\",").unwrap().1;
    let odd = format!("\u{feff}  (\n\tformat :  \"factmark-session\",{rest}");
    assert!(
        factmark::workspace::attach::updated_article(
            &write(&dir, "odd.txt", odd.as_bytes()),
            example.article()
        )
        .is_ok()
    );
    // A broken session named .txt is refused as a session, not imported as text.
    let broken = write(&dir, "broken.txt", &ron.as_bytes()[..ron.len() / 2]);
    let error =
        factmark::workspace::attach::updated_article(&broken, example.article()).unwrap_err();
    assert!(
        matches!(error, factmark::import::OpenError::Session(_)),
        "{error}"
    );
    // A plain article keeps the session's title and records its import.
    let plain = write(
        &dir,
        "plain.txt",
        b"Belarus released 14 political prisoners.",
    );
    let article = factmark::workspace::attach::updated_article(&plain, example.article()).unwrap();
    assert_eq!(article.title(), example.article().title());
    assert_eq!(article.text(), "Belarus released 14 political prisoners.");
    assert_eq!(
        article.provenance().map(|p| p.importer.as_str()),
        Some("plain-text")
    );
}

/// The example session with `from` replaced by `to` (once) in its file text.
fn edited_example(from: &str, to: &str) -> String {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/sessions/example.ron"))
            .unwrap();
    assert!(text.contains(from), "{from}");
    text.replacen(from, to, 1)
}

#[test]
fn integers_must_be_decimal() {
    let cases = [
        (
            "(id: 2, tag: Statistic",
            "(id: 0x2, tag: Statistic",
            "`0x2`",
        ),
        (
            "start: 713, end: 731",
            "start: 0o1311, end: 731",
            "`0o1311`",
        ),
        (
            "end: 731, text: \"more",
            "end: 0b1011011011, text: \"more",
            "`0b1011011011`",
        ),
        ("version: 4,", "version: 0x4,", "`0x4`"),
    ];
    for (from, to, shown) in cases {
        let src = edited_example(from, to);
        let error = store::from_ron(&src).unwrap_err();
        let message = error.to_string();
        assert!(
            matches!(error.kind, LoadErrorKind::Malformed { .. }) && message.contains(shown),
            "{to}: {message}"
        );
        assert!(message.contains("not a decimal number"), "{message}");
        // Also when the header is hand-written (the generic path, not the fast one).
        let generic = src.replacen(
            "(\n    format: \"factmark-session\",",
            "( format: \"factmark-session\",",
            1,
        );
        let message = store::from_ron(&generic).unwrap_err().to_string();
        assert!(message.contains("not a decimal number"), "{message}");
    }
    // Text that merely looks like a hex number is fine.
    let src = edited_example("claimant: \"\",", "claimant: \"see 0x2 and '0b1'\",");
    store::from_ron(&src).unwrap();
}

#[test]
fn the_id_limit_in_messages_is_two_to_the_53_minus_one() {
    let huge = edited_example("(id: 2, tag", "(id: 18446744073709551616, tag");
    let message = store::from_ron(&huge).unwrap_err().to_string();
    assert!(message.contains("9007199254740991 (2^53 − 1)"), "{message}");
    assert!(!message.contains("18446744073709551615"), "{message}");
    let large = edited_example("(id: 2, tag", "(id: 9007199254740992, tag");
    let message = store::from_ron(&large).unwrap_err().to_string();
    assert!(
        message.contains("at most 9007199254740991 (2^53 − 1)"),
        "{message}"
    );
}

#[test]
fn a_combining_mark_mismatch_shows_the_difference() {
    // The file says "Viac\u{30c}orka" (c + combining caron); the article has precomposed "č".
    // Printed as is, both look like "Viačorka".
    let session = store::from_ron(&edited_example("", "")).unwrap();
    let article = session.article();
    let at = article.text().find("Viačorka").unwrap();
    let annotations = vec![Annotation {
        id: AnnotationId(1),
        span: Span::new(at, at + "Viačorka".len()),
        body: Body::new(Tag::Quote).into(),
    }];
    let one = Session::with_annotations(Arc::clone(article), annotations).unwrap();
    let ron = store::to_ron(&one).replacen("text: \"Viačorka\"", "text: \"Viac\u{30c}orka\"", 1);
    assert!(ron.contains("Viac\u{30c}orka"));
    let message = store::from_ron(&ron).unwrap_err().to_string();
    assert!(message.contains("\"Viac\\u{30c}orka\""), "{message}");
    assert!(message.contains("\"Viačorka\""), "{message}");
}
