//! A watched folder on a real disk: files added, changed, removed and renamed by "another
//! program" (this test, writing files) show in the list without reopening it, and only what
//! changed is read again. Polls with a deadline; never sleeps longer than a poll.

use std::path::Path;
use std::time::{Duration, Instant};

use factmark::workspace::folder::{Folder, Link, Options, State};

use crate::folder::{row, session_of, write};

/// Polls `folder` until `done` holds, failing after a generous deadline (shared machines).
fn until(folder: &mut Folder, what: &str, done: impl Fn(&Folder) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        folder.poll();
        if done(folder) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {what}: {:#?}",
            folder.documents()
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn has(folder: &Folder, name: &str) -> bool {
    folder.documents().iter().any(|d| d.key().ends_with(name))
}

fn open(root: &Path, watch: bool) -> Folder {
    let options = Options {
        cache_dir: None,
        watch,
        quiet: Duration::from_millis(50),
        threads: 2,
    };
    let mut folder = Folder::open(root, options, Box::new(|| {})).unwrap();
    until(&mut folder, "the first pass", Folder::is_idle);
    folder
}

#[test]
fn outside_changes_appear_without_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("desk");
    for i in 0..20 {
        write(&root, &format!("old/a{i:02}.txt"), format!("Text {i}.\n"));
    }
    let mut folder = open(&root, true);
    assert!(folder.not_watched().is_none(), "{:?}", folder.not_watched());
    assert_eq!(folder.documents().len(), 20);
    let read_before = folder.progress().unwrap().counts().0;

    write(
        &root,
        "new.md",
        "# Fresh story\n\nThe budget grew by 40 percent.\n",
    );
    until(&mut folder, "the new article", |f| {
        has(f, "new.md") && row(f, "new.md").title == "Fresh story"
    });
    let read_after = folder.progress().unwrap().counts().0;
    assert!(
        read_after - read_before <= 3,
        "only what changed is read again: {read_before} → {read_after}"
    );

    session_of(&root, "new.md", "sessions/new.ron", "40 percent");
    until(&mut folder, "its session", |f| {
        let r = row(f, "new.md");
        r.link == Link::SameFile && r.state == State::InProgress && r.counts == [1, 0, 0]
    });

    std::fs::remove_file(root.join("new.md")).unwrap();
    until(&mut folder, "the session on its own", |f| {
        !has(f, "new.md")
            && has(f, "sessions/new.ron")
            && row(f, "sessions/new.ron").link == Link::SessionOnly
    });
    std::fs::remove_file(root.join("sessions/new.ron")).unwrap();
    until(&mut folder, "nothing left of it", |f| {
        f.documents().len() == 20
    });

    write(&root, "fresh/deep/b.txt", "A new folder.\n");
    until(&mut folder, "a file in a new folder", |f| {
        has(f, "fresh/deep/b.txt")
    });

    std::fs::rename(root.join("old"), root.join("archive")).unwrap();
    until(&mut folder, "the renamed folder", |f| {
        has(f, "archive/a00.txt") && !has(f, "old/a00.txt") && f.documents().len() == 21
    });
    let search = folder.search_index();
    until(&mut folder, "search to catch up", Folder::is_idle);
    assert!(search.len() <= folder.search_index().len());
}

#[test]
fn a_refresh_after_saving_updates_the_row_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("desk");
    write(
        &root,
        "minsk.txt",
        "Belarus released 14 political prisoners.\n",
    );
    let mut folder = open(&root, false);
    assert_eq!(row(&folder, "minsk.txt").state, State::NotStarted);
    let saved = session_of(
        &root,
        "minsk.txt",
        "sessions/minsk.ron",
        "14 political prisoners",
    );
    folder.refresh(vec![saved]);
    until(&mut folder, "the saved session", |f| {
        row(f, "minsk.txt").state == State::InProgress
    });
    assert!(!has(&folder, "x.txt"));
}
