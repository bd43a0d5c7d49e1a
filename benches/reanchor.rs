//! Re-anchoring benchmark: annotations that cannot be placed on a completely rewritten
//! article (the same words, shuffled: a realistic vocabulary, so the q-gram index has hits),
//! which is the expensive case. Times the q-gram-filtered search (`model::anchor::reanchor`) per
//! annotation at 1k vs 20k annotations (200 KB) and at 50 KB vs 200 KB vs 500 KB of text (1k), and the
//! full search without the filter (`reanchor_unfiltered`, the previous algorithm) on a
//! sample, for the ratio. `cargo bench --bench reanchor`.

mod common;

use std::sync::Arc;
use std::time::Instant;

use factmark::model::anchor;
use factmark::model::{Article, Session};

/// `n` annotations of 3 to 12 words on a generated article of about `bytes`, and the same
/// words shuffled as the new article (shared with tests/headless/store_hostile.rs).
fn rewritten(bytes: usize, n: usize) -> (Session, Arc<Article>) {
    factmark::testing::rewritten_session(bytes, n, 0xBE7C_4000 ^ bytes as u64)
}

/// Seconds per annotation of re-anchoring `old` onto `article`, and the orphan count.
fn time(old: &Session, article: &Arc<Article>, filtered: bool) -> (f64, usize) {
    let started = Instant::now();
    let done = if filtered {
        anchor::reanchor(old, Arc::clone(article))
    } else {
        anchor::reanchor_unfiltered(old, Arc::clone(article))
    };
    let took = started.elapsed().as_secs_f64();
    match done {
        Ok(done) => (took / old.annotations().len() as f64, done.report.orphaned),
        Err(error) => panic!("re-anchoring failed: {error}"),
    }
}

fn main() {
    println!(
        "Re-anchoring onto a rewritten article ({})",
        common::machine()
    );
    println!(
        "{:>8} {:>12} {:>9} {:>14} {:>12}",
        "text", "annotations", "orphaned", "µs/annotation", "total"
    );
    let mut rows = Vec::new();
    for (bytes, n) in [
        (50_000, 1_000),
        (200_000, 1_000),
        (200_000, 20_000),
        (500_000, 1_000),
    ] {
        let (old, article) = rewritten(bytes, n);
        let (each, orphaned) = time(&old, &article, true);
        println!(
            "{:>6}KB {:>12} {:>9} {:>14.1} {:>11.2}s",
            bytes / 1000,
            n,
            orphaned,
            each * 1e6,
            each * n as f64
        );
        rows.push(((bytes, n), each));
    }
    let at = |key: (usize, usize)| {
        rows.iter()
            .find(|(k, _)| *k == key)
            .map_or(f64::NAN, |(_, each)| *each)
    };
    println!(
        "per-annotation cost, 20k vs 1k annotations (200 KB): {:.2}×",
        at((200_000, 20_000)) / at((200_000, 1_000))
    );
    println!(
        "per-annotation cost, 500 KB vs 50 KB text (1k annotations): {:.2}×",
        at((500_000, 1_000)) / at((50_000, 1_000))
    );
    // The full search costs seconds per hundred annotations: time a sample.
    let (old, article) = rewritten(200_000, 100);
    let (full, orphaned) = time(&old, &article, false);
    let (fast, _) = time(&old, &article, true);
    println!(
        "full search without the filter (200 KB, 100 annotations, {orphaned} orphaned): \
         {:.1} ms/annotation; filtered {:.1} µs/annotation: {:.0}× faster; \
         20k annotations would take {:.0} s unfiltered",
        full * 1e3,
        fast * 1e6,
        full / fast,
        full * 20_000.0
    );
}
