//! Suggestion benchmark: `factmark::suggest::suggest` on a generated article of 5 KB and of
//! 5 MB (the default article's sentences, shuffled: statistics, reported speech and claims
//! throughout), and the pending store built over the 5 MB suggestions. Prints the times, the
//! suggestions found, the time per megabyte at both sizes and their ratio (1.0 is linear),
//! measured in one run. `cargo bench --bench suggest`.

mod common;

use std::sync::Arc;
use std::time::Instant;

use factmark::model::{Article, Session};
use factmark::suggest::{Pending, suggest};

/// The best of `runs` timings of `work`, in seconds, and its last result.
fn best<T>(runs: usize, mut work: impl FnMut() -> T) -> (f64, T) {
    let mut best = f64::INFINITY;
    let mut last = None;
    for _ in 0..runs {
        let started = Instant::now();
        let out = work();
        best = best.min(started.elapsed().as_secs_f64());
        last = Some(out);
    }
    match last {
        Some(out) => (best, out),
        None => unreachable!("at least one run"),
    }
}

fn main() {
    println!("Suggestions ({})", common::machine());
    println!(
        "{:>8} {:>12} {:>10} {:>10} {:>12}",
        "text", "suggestions", "time", "ms/MB", "pending"
    );
    let mut per_mb = Vec::new();
    for (bytes, runs) in [(5_000, 50), (5_000_000, 3)] {
        let text = factmark::testing::article_text(bytes);
        let (took, found) = best(runs, || suggest(&text));
        let session = Session::new(Arc::new(Article::new("bench", None, text.as_str())));
        let count = found.len();
        let (pending_took, pending) = best(runs, || Pending::new(found.clone(), &session));
        let mb = text.len() as f64 / 1e6;
        per_mb.push(took / mb);
        println!(
            "{:>6}KB {:>12} {:>9.1}ms {:>10.1} {:>10.1}ms",
            text.len() / 1000,
            count,
            took * 1e3,
            took * 1e3 / mb,
            pending_took * 1e3
        );
        assert_eq!(pending.len(), count, "nothing hidden in a fresh session");
    }
    println!(
        "ratio of time per MB, 5 MB vs 5 KB: {:.2} (1.0 = linear; the 5 MB article must take under 1 s)",
        per_mb[1] / per_mb[0]
    );
}
