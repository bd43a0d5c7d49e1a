//! How much work a crash can lose: the time from an edit to its recovery copy being on disk.
//!
//! The window writes the recovery copy at the first change after a quiet spell and then at most
//! once per `AUTOSAVE_INTERVAL` (1 s) while changes go on, on a worker thread. So the work a
//! crash can lose is at most the interval plus one recovery write (render + temporary file +
//! fsync + rename). This measures that write for each document size, median of several runs,
//! and prints the resulting worst-case window next to the old fixed 3-second delay.
//!
//! `cargo bench --bench crash_window`

mod common;

use std::time::Instant;

use factmark::store::{RecoveryKey, RecoveryStore};
use factmark::testing;

/// The interval between recovery writes during continuous editing (src/ui/autosave.rs).
const INTERVAL_MS: f64 = 1000.0;
/// What the window waited before this change, for comparison.
const OLD_DELAY_MS: f64 = 3000.0;

fn main() {
    println!("Factmark crash window — {}", common::machine());
    println!();
    println!(
        "| document | recovery write (median of 7) | first change of a burst on disk after | worst case during a burst | before (3 s delay + write) |"
    );
    println!("|---|---:|---:|---:|---:|");
    let dir = tempfile::tempdir().expect("temporary folder");
    let store = RecoveryStore::new(dir.path());
    for size in testing::SIZES {
        let session = testing::session(size);
        let key = RecoveryKey::unsaved();
        let mut times: Vec<f64> = (0..7)
            .map(|_| {
                let start = Instant::now();
                store.write(&key, &session, None).expect("recovery write");
                start.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        times.sort_by(f64::total_cmp);
        let write = times[times.len() / 2];
        println!(
            "| {} | {write:.1} ms | {write:.1} ms | {:.0} ms | {:.0} ms |",
            size.name,
            INTERVAL_MS + write,
            OLD_DELAY_MS + write,
        );
    }
}
