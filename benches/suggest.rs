//! Suggestion benchmark: `factmark::suggest::suggest` on a generated article of 5 KB and of
//! 5 MB (the default article's sentences, shuffled: statistics, reported speech and claims
//! throughout), and the pending store built over the 5 MB suggestions. Prints the times, the
//! suggestions found, the time per megabyte at both sizes and their ratio (1.0 is linear),
//! measured in one run. Then what the window pays after each edit: `Pending::refresh` on the
//! generated 5 KB / 50 and 5 MB / 20,000 sessions after tagging a span, a note keystroke and
//! a rejection, against building the store afresh. `cargo bench --bench suggest`.

mod common;

use std::sync::Arc;
use std::time::Instant;

use factmark::model::{Article, Edit, Field, Session, Tag};
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
        let longest = found.iter().map(|s| s.span.len()).max().unwrap_or(0);
        println!("{:>8} longest suggestion: {longest} bytes", "");
    }
    println!(
        "ratio of time per MB, 5 MB vs 5 KB: {:.2} (1.0 = linear; the 5 MB article must take under 1 s)",
        per_mb[1] / per_mb[0]
    );
    println!();
    println!(
        "{:>14} {:>9} {:>12} {:>12} {:>12} {:>12}",
        "session", "pending", "rebuild", "after tag", "after note", "after reject"
    );
    let mut tag_times = Vec::new();
    let mut rebuilds = Vec::new();
    for size in [factmark::testing::SMALL, factmark::testing::LARGE] {
        let mut session = factmark::testing::session(size);
        let found = suggest(session.article().text());
        let (rebuild, mut pending) = best(5, || Pending::new(found.clone(), &session));
        let middle = pending
            .get(pending.len() / 2)
            .expect("the generated text has suggestions")
            .clone();
        let noted = session.annotations()[session.annotations().len() / 2].id;
        let tag = refresh_after(&mut session, &mut pending, |s| {
            s.add_edit(Tag::Statistic, middle.span)
        });
        let note = refresh_after(&mut session, &mut pending, |_| Edit::Set {
            id: noted,
            field: Field::Note("checked".to_owned()),
        });
        let reject = refresh_after(&mut session, &mut pending, |_| Pending::reject(&middle));
        tag_times.push(tag);
        rebuilds.push(rebuild);
        println!(
            "{:>14} {:>9} {:>10.3}ms {:>10.1}µs {:>10.1}µs {:>10.1}µs",
            size.name,
            pending.len(),
            rebuild * 1e3,
            tag * 1e6,
            note * 1e6,
            reject * 1e6
        );
    }
    println!(
        "refresh after tagging a span at 5 MB / 20,000: {:.1} µs, {:.2} % of rebuilding the store (it compares the annotations' places once and rechecks the suggestions near the change)",
        tag_times[1] * 1e6,
        100.0 * tag_times[1] / rebuilds[1]
    );
}

/// The best time of `Pending::refresh` after `edit` (applied, timed, then undone), in
/// seconds.
fn refresh_after(
    session: &mut Session,
    pending: &mut Pending,
    edit: impl Fn(&Session) -> Edit,
) -> f64 {
    let mut fastest = f64::INFINITY;
    for _ in 0..20 {
        let undo = session.apply(edit(session)).expect("the edit applies");
        let started = Instant::now();
        pending.refresh(session);
        fastest = fastest.min(started.elapsed().as_secs_f64());
        session.apply(undo).expect("its inverse applies");
        pending.refresh(session);
    }
    fastest
}
