//! Crash safety of saving: a child process (this test binary, re-run with an environment
//! variable) saves a session and writes its recovery file in a loop, and is killed with
//! SIGKILL at random moments. After every kill the session file, its `.bak` and the recovery
//! file must load and equal one complete version the child wrote: never a mix, never broken.
//!
//! `FACTMARK_CRASH_ROUNDS=1000 cargo test --test headless crash:: -- --nocapture` runs longer.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use factmark::import::default_article;
use factmark::model::{Annotation, AnnotationId, Body, Session, Span, Tag};
use factmark::store::{self, RecoveryKey, RecoveryStore};

/// Set (to the session path) in the child process.
const CHILD_ENV: &str = "FACTMARK_CRASH_CHILD";
/// Set (to the recovery folder) in the child process.
const RECOVERY_ENV: &str = "FACTMARK_CRASH_RECOVERY";

/// Version `n` of the session: its first annotation's note names `n`, and the number and
/// size of annotations vary with `n`, so a file mixing two versions could not pass as one.
fn version(n: u64) -> Session {
    let article = Arc::new(default_article());
    let text = article.text().to_owned();
    let words: Vec<(usize, usize)> = text
        .match_indices("political")
        .map(|(i, w)| (i, i + w.len()))
        .collect();
    let count = 1 + (n as usize % words.len());
    let annotations = words[..count]
        .iter()
        .enumerate()
        .map(|(i, &(start, end))| Annotation {
            id: AnnotationId(i as u64 + 1),
            span: Span::new(start, end),
            body: std::sync::Arc::new(Body {
                note: if i == 0 {
                    format!("version {n}\n{}", "padding ".repeat((n % 7) as usize * 200))
                } else {
                    String::new()
                },
                ..Body::new(Tag::ALL[i % 3])
            }),
        })
        .collect();
    Session::with_annotations(article, annotations).unwrap()
}

/// Which version a loaded session is (and that it is exactly that version).
fn version_of(session: &Session, what: &str) -> u64 {
    let note = &session.annotations()[0].body.note;
    let n: u64 = note
        .strip_prefix("version ")
        .and_then(|rest| rest.lines().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{what}: no version in {note:?}"));
    assert!(
        *session == version(n),
        "{what}: says version {n} but differs from it"
    );
    n
}

/// The child: continue from the version on disk, saving the next ones until killed.
#[test]
fn child_saver() {
    let (Some(path), Some(recovery)) =
        (std::env::var_os(CHILD_ENV), std::env::var_os(RECOVERY_ENV))
    else {
        return; // run as an ordinary test: nothing to do
    };
    let path = PathBuf::from(path);
    let store = RecoveryStore::new(recovery);
    let key = RecoveryKey::for_path(&path);
    let mut n = version_of(&store::load(&path).unwrap(), "child start");
    loop {
        n += 1;
        let session = version(n);
        store.write(&key, &session, Some(&path)).unwrap();
        store::save(&session, &path).unwrap();
    }
}

fn temp_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "tmp"))
        .collect()
}

#[test]
fn sigkill_at_random_moments_leaves_old_or_new_version() {
    let rounds: u64 = std::env::var("FACTMARK_CRASH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100);
    let dir = tempfile::tempdir().unwrap();
    let recovery_dir = dir.path().join("recovery");
    let path = dir.path().join("session.ron");
    store::save(&version(0), &path).unwrap();
    let exe = std::env::current_exe().unwrap();
    let mut seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    if let Some(fixed) = std::env::var("FACTMARK_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
    {
        seed = fixed;
    }
    println!("crash test seed: {seed} (FACTMARK_CRASH_SEED replays it)");
    let mut rng = factmark::testing::Rng::new(seed);
    let mut random_ms = |max: u64| rng.next_u64() % max;
    let started = Instant::now();
    let (mut saves, mut mid_write, mut recovery_checked) = (0, 0, 0);
    for round in 0..rounds {
        let before = version_of(&store::load(&path).unwrap(), "before");
        let mut child = Command::new(&exe)
            .args(["--exact", "crash::child_saver", "--test-threads=1"])
            .env(CHILD_ENV, &path)
            .env(RECOVERY_ENV, &recovery_dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Child start-up takes ~10 ms and one iteration ~40 ms here (five fsyncs), so this lands
        // kills before, during and between saves.
        std::thread::sleep(Duration::from_millis(10 + random_ms(240)));
        child.kill().unwrap(); // SIGKILL on Unix
        let status = child.wait().unwrap();
        assert!(
            !status.success(),
            "round {round}: the child must die by the kill"
        );

        let what = format!("round {round} (seed {seed})");
        let loaded = store::load(&path)
            .unwrap_or_else(|e| panic!("{what}: session does not load after SIGKILL: {e}"));
        let now = version_of(&loaded, &what);
        assert!(now >= before, "{what}: went back from {before} to {now}");
        saves += now - before;
        let bak = store::backup_path(&path);
        if bak.exists() {
            let old =
                store::load(&bak).unwrap_or_else(|e| panic!("{what}: backup does not load: {e}"));
            let old = version_of(&old, &format!("{what} backup"));
            assert!(old <= now, "{what}: backup {old} newer than file {now}");
        }
        for entry in RecoveryStore::new(&recovery_dir).list() {
            let session = store::load(&entry.recovery_file)
                .unwrap_or_else(|e| panic!("{what}: recovery file does not load: {e}"));
            let n = version_of(&session, &format!("{what} recovery"));
            // The child writes the recovery file just before each save.
            assert!(n <= now + 1, "{what}: recovery {n} ahead of file {now}");
            assert_eq!(
                entry.session_path.as_deref(),
                Some(path.canonicalize().unwrap().as_path())
            );
            recovery_checked += 1;
            // Each child has its own recovery file (its pid is in the name); discard the
            // checked one, as the user would after choosing.
            RecoveryStore::new(&recovery_dir).discard(&entry).unwrap();
        }
        // A temporary file left behind means the kill landed inside a write. It is garbage
        // (never read); remove it so the folder does not fill up over the rounds.
        for temp in temp_files(dir.path())
            .into_iter()
            .chain(temp_files(&recovery_dir))
        {
            mid_write += 1;
            std::fs::remove_file(temp).unwrap();
        }
    }
    println!(
        "crash test: {rounds} SIGKILLs in {:.1?}; {saves} complete saves observed; \
         {mid_write} kills landed inside a write (temporary file left); {recovery_checked} \
         recovery files checked; 0 broken or mixed files",
        started.elapsed()
    );
    assert!(
        saves > 0,
        "the child never got to save: make the rounds longer"
    );
}
