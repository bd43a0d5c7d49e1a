//! A desk's folder: 1,000 generated articles (5 MB in all, plain text, Markdown and web
//! pages) with sessions for seven in ten, and the same at 100. Times opening the folder as
//! the window does (`workspace::folder::Folder` with its indexer on worker threads, polled
//! like a frame loop): the first rows, the first summary, complete summaries (the list is
//! complete) and search ready, first with an empty summary cache and then reopened with the
//! cache (medians of five rounds each); then workspace search queries over the whole folder.
//! Prints the ratios measured in this run. `cargo bench --bench folder`
//! (`FOLDER_BENCH=1000` for one size only).
//!
//! The files were just written, so the operating system has them in memory for both opens:
//! the difference between them is the work Factmark does, not the disk.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use factmark::workspace::folder::{Folder, Options, Query, search::DEFAULT_LIMIT};

#[global_allocator]
static ALLOC: common::Counting = common::Counting;

/// Milliseconds from the start of an open to each milestone.
#[derive(Clone, Copy, Debug, Default)]
struct Open {
    first_row: f64,
    first_summary: f64,
    complete: f64,
    searchable: f64,
}

/// Opens `root` with the cache in `cache`, polling every 4 ms as a frame loop would.
fn open(root: &Path, cache: &Path) -> (Open, Folder) {
    let options = Options {
        cache_dir: Some(cache.to_path_buf()),
        watch: false,
        ..Options::platform()
    };
    let started = Instant::now();
    let ms = || started.elapsed().as_secs_f64() * 1000.0;
    let mut folder = match Folder::open(root, options, Box::new(|| {})) {
        Ok(folder) => folder,
        Err(error) => panic!("{error}"),
    };
    let (mut first_row, mut first_summary, mut complete) = (None, None, None);
    loop {
        folder.poll();
        let rows = folder.documents();
        if first_row.is_none() && !rows.is_empty() {
            first_row = Some(ms());
        }
        if first_summary.is_none()
            && rows
                .iter()
                .any(|r| r.state != factmark::workspace::folder::State::Pending)
        {
            first_summary = Some(ms());
        }
        if complete.is_none() && folder.summaries_complete() {
            complete = Some(ms());
        }
        if folder.is_idle() {
            break;
        }
        std::thread::sleep(Duration::from_millis(4));
    }
    let searchable = ms();
    let open = Open {
        first_row: first_row.unwrap_or(searchable),
        first_summary: first_summary.unwrap_or(searchable),
        complete: complete.unwrap_or(searchable),
        searchable,
    };
    (open, folder)
}

/// Rounds of opening and reopening each folder.
const ROUNDS: usize = 5;

/// The median of each milestone over several opens.
fn median(opens: &[Open]) -> Open {
    let of = |get: fn(&Open) -> f64| {
        let mut samples: Vec<f64> = opens.iter().map(get).collect();
        common::median_p95(&mut samples).0
    };
    Open {
        first_row: of(|o| o.first_row),
        first_summary: of(|o| o.first_summary),
        complete: of(|o| o.complete),
        searchable: of(|o| o.searchable),
    }
}

/// Median and slowest milliseconds of `runs` runs of each query, with its hit count.
fn queries(folder: &Folder) -> Vec<(String, f64, f64, usize)> {
    let index = folder.search_index();
    let lines = [
        "prisoners",
        "D0500",
        "claim verdict:False by:Lukashenka date:2026-05",
        "status:checking analyst:bo",
        "tag:quote released",
        "e",
    ];
    lines
        .iter()
        .map(|line| {
            let query = match Query::parse(line) {
                Ok(query) => query,
                Err(error) => panic!("{line}: {error}"),
            };
            let mut samples = Vec::new();
            let mut hits = 0;
            for _ in 0..7 {
                let started = Instant::now();
                let results = index.search(&query, DEFAULT_LIMIT);
                samples.push(started.elapsed().as_secs_f64() * 1000.0);
                hits = results.total;
            }
            let (median, _) = common::median_p95(&mut samples);
            let max = samples.iter().copied().fold(0.0, f64::max);
            ((*line).to_owned(), median, max, hits)
        })
        .collect()
}

fn main() {
    println!("Opening a folder of articles ({})", common::machine());
    let mut first_opens = Vec::new();
    // `FOLDER_BENCH=1000` runs one size only (for profiling).
    let only: Option<usize> = std::env::var("FOLDER_BENCH")
        .ok()
        .and_then(|n| n.parse().ok());
    for (articles, bytes) in [(100, 500_000), (1_000, 5_000_000)] {
        if only.is_some_and(|n| n != articles) {
            continue;
        }
        let dir = match tempfile::tempdir() {
            Ok(dir) => dir,
            Err(error) => panic!("{error}"),
        };
        let (root, cache) = (dir.path().join("desk"), dir.path().join("cache"));
        let desk = match factmark::testing::desk::write_desk(&root, articles, bytes, 0xDE5C) {
            Ok(desk) => desk,
            Err(error) => panic!("{error}"),
        };
        println!(
            "\n{articles} articles ({:.1} MB), {} sessions, {} annotations",
            desk.article_bytes as f64 / 1e6,
            desk.sessions.len(),
            desk.annotations
        );
        // Five rounds of a first open (the cache emptied) and a reopen; medians.
        let (mut firsts, mut agains) = (Vec::new(), Vec::new());
        for _ in 0..ROUNDS - 1 {
            let _ = std::fs::remove_dir_all(&cache);
            firsts.push(open(&root, &cache).0);
            agains.push(open(&root, &cache).0);
        }
        let _ = std::fs::remove_dir_all(&cache);
        firsts.push(open(&root, &cache).0);
        let heap_before = common::heap_now();
        let (last, folder) = open(&root, &cache);
        let held = common::heap_now().saturating_sub(heap_before);
        agains.push(last);
        let (first, again) = (median(&firsts), median(&agains));
        println!("                          first row  first summary  complete  search ready");
        for (label, o) in [("first open (no cache)", first), ("reopen (cache)", again)] {
            println!(
                "{label:<24} {:>8.1} ms {:>11.1} ms {:>7.1} ms {:>9.1} ms",
                o.first_row, o.first_summary, o.complete, o.searchable
            );
        }
        println!(
            "reopen / first open, complete summaries: {:.2}",
            again.complete / first.complete
        );
        println!(
            "documents: {}, problems: {}, heap held by the open folder: {:.1} MB",
            folder.documents().len(),
            folder
                .documents()
                .iter()
                .filter(|d| !d.problems.is_empty())
                .count(),
            held as f64 / 1e6
        );
        println!("query                                              median      max   hits");
        for (line, median, max, hits) in queries(&folder) {
            println!("{line:<48} {median:>7.2} ms {max:>7.2} ms {hits:>6}");
        }
        first_opens.push(first);
    }
    if let [small, large] = first_opens[..] {
        println!(
            "\n1,000 vs 100 articles, first open: complete summaries ×{:.1}, search ready ×{:.1} \
             (×10 the documents)",
            large.complete / small.complete,
            large.searchable / small.searchable
        );
    }
    println!(
        "Targets: complete ≤ 2000 ms first open, ≤ 300 ms reopened; each query ≤ 200 ms (1,000 \
         articles)."
    );
}
