//! Crash recovery files: written atomically per session and process, listed with what they
//! hold, offered only when newer than their session and left by a process that is gone,
//! loaded, and discarded. Every test uses its own temporary folder.

use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use factmark::model::{Article, Session, Span, Tag};
use factmark::store::{self, RecoveryKey, RecoveryStore, recovery::RECOVERY_DIR_ENV};

/// Set in a child process of this test binary that should just stay alive for a while.
const SLEEPER_ENV: &str = "FACTMARK_TEST_SLEEP";

fn session(claims: usize) -> Session {
    let mut s = Session::new(Arc::new(Article::new(
        "Minsk",
        None,
        "one two three four five six seven eight",
    )));
    for i in 0..claims {
        let edit = s.add_edit(Tag::Claim, Span::new(i * 4, i * 4 + 3));
        s.apply(edit).unwrap();
    }
    s
}

/// Sets a file's modification time (to order files deterministically without sleeping).
fn set_mtime(path: &Path, offset_secs: i64) {
    let now = std::time::SystemTime::now();
    let when = if offset_secs >= 0 {
        now + Duration::from_secs(offset_secs.unsigned_abs())
    } else {
        now - Duration::from_secs(offset_secs.unsigned_abs())
    };
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(when)
        .unwrap();
}

/// A pid no process has (above Linux's maximum pid, 2^22).
const DEAD_PID: u32 = 4_194_400;

#[test]
fn write_list_load_discard() {
    let dir = tempfile::tempdir().unwrap();
    let sessions = tempfile::tempdir().unwrap();
    let path = sessions.path().join("minsk.ron");
    store::save(&session(1), &path).unwrap();
    set_mtime(&path, -60);

    let writer = RecoveryStore::new(dir.path().join("recovery"));
    let key = RecoveryKey::for_path(&path).with_pid(DEAD_PID);
    let file = writer.write(&key, &session(3), Some(&path)).unwrap();
    assert_eq!(file, writer.path_of(&key));
    // It is an ordinary session file with a one-line comment header.
    assert_eq!(store::load(&file).unwrap(), session(3));
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.starts_with("// factmark-recovery: (session:Some(\""),
        "{text}"
    );

    // The next start (a new store) sees it.
    let store = RecoveryStore::new(dir.path().join("recovery"));
    let entries = store.list();
    assert_eq!(entries.len(), 1);
    let entry = &entries[0];
    assert_eq!(
        entry.session_path.as_deref(),
        Some(path.canonicalize().unwrap().as_path())
    );
    assert_eq!(entry.counts, [3, 0, 0]);
    assert_eq!(entry.annotations(), 3);
    assert_eq!(entry.title, "Minsk");
    assert!(entry.newer_than_session);
    assert!(!entry.owner_running);
    assert!(entry.problem.is_none());
    assert_eq!(
        entry.summary(),
        "\"Minsk\" — 3 claims, 0 statistics, 0 quotes"
    );
    assert_eq!(store.offers().len(), 1);
    assert_eq!(store.find_for(&path).len(), 1);
    // The same file spelled differently finds it too.
    let roundabout = sessions.path().join(".").join("minsk.ron");
    assert_eq!(store.find_for(&roundabout).len(), 1);
    assert_eq!(store.load(entry).unwrap(), session(3));

    store.discard(entry).unwrap();
    assert!(store.list().is_empty());
    store.discard(entry).unwrap(); // already gone: fine
}

#[test]
fn a_copy_older_than_its_session_file_is_still_offered_with_how_it_differs() {
    // Window A crashed with unsaved work; window B saved the same session afterwards. A's copy
    // is older than the file, and may still hold work the file lacks: it stays on offer, and
    // says how it compares with the file.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    store::save(&session(1), &path).unwrap();
    let store = RecoveryStore::new(dir.path().join("recovery"));
    let key = RecoveryKey::for_path(&path).with_pid(DEAD_PID);
    let file = store.write(&key, &session(2), Some(&path)).unwrap();
    set_mtime(&file, -60);
    let entries = store.list();
    assert!(!entries[0].newer_than_session);
    let offers = store.offers();
    assert_eq!(
        offers.len(),
        1,
        "older than the session, offered all the same"
    );
    let changes = offers[0].against_file.expect("compared with the file");
    assert_eq!((changes.only_here, changes.same), (1, 1), "{changes:?}");
    assert!(
        offers[0].comparison().contains("1 only in this copy"),
        "{}",
        offers[0].comparison()
    );
    // The session file deleted: the recovery file is all that is left, and says so.
    std::fs::remove_file(&path).unwrap();
    let offers = store.offers();
    assert_eq!(offers.len(), 1);
    assert!(
        offers[0].comparison().contains("gone"),
        "{}",
        offers[0].comparison()
    );
}

#[test]
fn sessions_and_windows_do_not_clobber_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let store = RecoveryStore::new(dir.path());
    let a = dir.path().join("a.ron");
    let b = dir.path().join("b.ron");
    let keys = [
        RecoveryKey::for_path(&a).with_pid(DEAD_PID),
        RecoveryKey::for_path(&a).with_pid(DEAD_PID + 1), // a second window on the same file
        RecoveryKey::for_path(&b).with_pid(DEAD_PID),
        RecoveryKey::unsaved().with_pid(DEAD_PID),
        RecoveryKey::unsaved().with_pid(DEAD_PID),
    ];
    for (n, key) in keys.iter().enumerate() {
        let path = match n {
            0 | 1 => Some(a.as_path()),
            2 => Some(b.as_path()),
            _ => None,
        };
        store.write(key, &session(n), path).unwrap();
    }
    let mut counts: Vec<usize> = store.list().iter().map(|e| e.counts[0]).collect();
    counts.sort_unstable();
    assert_eq!(counts, [0, 1, 2, 3, 4], "five separate files");
    assert_eq!(store.find_for(&a).len(), 2);
    assert_eq!(store.find_for(&b).len(), 1);
    let unsaved: Vec<_> = store
        .list()
        .into_iter()
        .filter(|e| e.session_path.is_none())
        .collect();
    assert_eq!(unsaved.len(), 2);
    assert!(unsaved.iter().all(|e| e.newer_than_session));
    // Removing one key removes only its file.
    store.remove(&keys[0]).unwrap();
    assert_eq!(store.list().len(), 4);
    store.remove(&keys[0]).unwrap(); // already gone: fine
}

#[test]
fn this_process_files_are_live_and_a_reused_pid_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let store = RecoveryStore::new(dir.path());
    let key = RecoveryKey::unsaved();
    store.write(&key, &session(1), None).unwrap();
    let entry = &store.list()[0];
    assert!(entry.owner_running, "written by this very process");
    assert!(store.offers().is_empty());
    store.remove(&key).unwrap();
    // A file with our pid that this process did not write was left by an earlier process
    // that had the same pid (common in containers): it must be offered.
    let earlier = RecoveryKey::unsaved().with_pid(DEAD_PID);
    let written = store.write(&earlier, &session(2), None).unwrap();
    let ours = RecoveryKey::unsaved();
    std::fs::rename(&written, store.path_of(&ours)).unwrap();
    let offers = store.offers();
    assert_eq!(offers.len(), 1);
    assert_eq!(offers[0].key, ours);
    assert_eq!(offers[0].counts, [2, 0, 0]);
}

/// Helper run as a child process: stays alive while the parent looks at its files.
#[test]
fn helper_sleeper() {
    if let Some(ms) = std::env::var(SLEEPER_ENV).ok().and_then(|v| v.parse().ok()) {
        std::thread::sleep(Duration::from_millis(ms));
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_file_of_another_running_window_is_not_offered() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "recovery::helper_sleeper"])
        .env(SLEEPER_ENV, "20000")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let store = RecoveryStore::new(dir.path());
    let live = RecoveryKey::unsaved().with_pid(child.id());
    let dead = RecoveryKey::unsaved().with_pid(DEAD_PID);
    store.write(&live, &session(1), None).unwrap();
    store.write(&dead, &session(2), None).unwrap();
    let offers = store.offers();
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(offers.len(), 1, "only the crashed one");
    assert_eq!(offers[0].key, dead);
    // Once that window is gone, its file is offered too.
    assert_eq!(store.offers().len(), 2);
}

#[test]
fn damaged_recovery_files_are_listed_with_the_problem() {
    let dir = tempfile::tempdir().unwrap();
    let store = RecoveryStore::new(dir.path());
    let key = RecoveryKey::unsaved().with_pid(DEAD_PID);
    let file = store.write(&key, &session(1), None).unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, &text[..text.len() / 2]).unwrap();
    std::fs::write(dir.path().join("unrelated.txt"), "not ours").unwrap();
    let entries = store.list();
    assert_eq!(entries.len(), 1, "other files are ignored");
    let problem = entries[0].problem.as_deref().unwrap();
    assert!(problem.contains("not valid RON"), "{problem}");
    assert!(entries[0].summary().starts_with("damaged recovery file: "));
    assert!(store.load(&entries[0]).is_err());
    store.discard(&entries[0]).unwrap();
    assert!(store.list().is_empty());
}

#[test]
fn a_missing_folder_is_an_empty_list_and_an_unwritable_one_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    assert!(
        RecoveryStore::new(dir.path().join("none"))
            .list()
            .is_empty()
    );
    let file = dir.path().join("file");
    std::fs::write(&file, "x").unwrap();
    let store = RecoveryStore::new(file.join("recovery"));
    let error = store
        .write(&RecoveryKey::unsaved(), &session(1), None)
        .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("cannot create the recovery folder"),
        "{error}"
    );
}

/// Helper run as a child process with the environment variable set.
#[test]
fn helper_print_platform_dir() {
    if std::env::var_os("FACTMARK_TEST_PRINT_DIR").is_some() {
        let store = RecoveryStore::platform().unwrap();
        println!("DIR={}", store.dir().display());
    }
}

#[test]
fn the_environment_variable_overrides_the_platform_folder() {
    let run = |value: Option<&str>| {
        let mut command = Command::new(std::env::current_exe().unwrap());
        command
            .args([
                "--exact",
                "recovery::helper_print_platform_dir",
                "--nocapture",
            ])
            .env("FACTMARK_TEST_PRINT_DIR", "1");
        match value {
            Some(v) => command.env(RECOVERY_DIR_ENV, v),
            None => command.env_remove(RECOVERY_DIR_ENV),
        };
        let out = String::from_utf8(command.output().unwrap().stdout).unwrap();
        out.lines()
            .find_map(|l| l.strip_prefix("DIR=").map(str::to_owned))
            .unwrap_or_else(|| panic!("no DIR line in {out}"))
    };
    assert_eq!(
        run(Some("/tmp/factmark-recovery-test")),
        "/tmp/factmark-recovery-test"
    );
    let default = run(None);
    assert!(default.ends_with("recovery"), "{default}");
    assert!(default.to_lowercase().contains("factmark"), "{default}");
}
