//! The cache's staleness rules: an entry counts only when path, size, time and hash all match;
//! it survives a save and reopen; anything unusable in the cache folder means an empty cache.

use std::time::{Duration, SystemTime};

use proptest::prelude::*;

use super::*;
use crate::workspace::folder::discover::FileKind;

fn found(root: &Path, name: &str, size: u64, secs: u64) -> Found {
    Found {
        path: root.join(name),
        kind: FileKind::Article,
        size,
        modified: Some(SystemTime::UNIX_EPOCH + Duration::from_secs(secs)),
    }
}

#[test]
fn survives_a_save_and_only_matching_entries_count() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new("/desk");
    let file = found(root, "news/a.txt", 10, 1000);
    let outcome = Outcome::Failed("this is a binary file".into());
    let mut cache = SummaryCache::open(dir.path(), root);
    assert!(cache.is_empty());
    cache.put(&file, "abc", &outcome);
    cache.save().unwrap();
    let written = cache.file().unwrap().to_path_buf();
    assert!(written.starts_with(dir.path()));

    let cache = SummaryCache::open(dir.path(), root);
    assert_eq!(cache.len(), 1);
    assert_eq!(cache.get(&file, "abc"), Some(&outcome));
    assert_eq!(cache.get(&file, "abd"), None, "other bytes");
    assert_eq!(
        cache.get(&found(root, "news/a.txt", 11, 1000), "abc"),
        None,
        "other size"
    );
    assert_eq!(
        cache.get(&found(root, "news/a.txt", 10, 1001), "abc"),
        None,
        "other time"
    );
    assert_eq!(
        cache.get(&found(root, "news/b.txt", 10, 1000), "abc"),
        None,
        "other path"
    );
    assert_eq!(
        cache.get(
            &found(Path::new("/elsewhere"), "news/a.txt", 10, 1000),
            "abc"
        ),
        None
    );
    assert!(
        SummaryCache::open(dir.path(), Path::new("/other")).is_empty(),
        "per folder"
    );
}

#[test]
fn a_corrupt_foreign_or_unreadable_cache_is_an_empty_one() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new("/desk");
    let mut cache = SummaryCache::open(dir.path(), root);
    cache.put(
        &found(root, "a.txt", 1, 1),
        "h",
        &Outcome::Ignored("x".into()),
    );
    cache.save().unwrap();
    let file = cache.file().unwrap().to_path_buf();
    let good = std::fs::read_to_string(&file).unwrap();
    for bad in [
        good[..good.len() / 2].to_owned(),
        good.replace("factmark-folder-cache", "something-else"),
        good.replace("version:1", "version:99"),
        "\0\0binary".to_owned(),
        String::new(),
    ] {
        std::fs::write(&file, bad).unwrap();
        assert!(SummaryCache::open(dir.path(), root).is_empty());
    }
    // A cache folder that is a file: nothing is remembered, saving reports it, no panic.
    let blocked = dir.path().join("blocked");
    std::fs::write(&blocked, "").unwrap();
    let mut cache = SummaryCache::open(&blocked, root);
    cache.put(
        &found(root, "a.txt", 1, 1),
        "h",
        &Outcome::Ignored("x".into()),
    );
    assert!(cache.save().is_err());
}

#[test]
fn forgets_removed_files() {
    let root = Path::new("/desk");
    let mut cache = SummaryCache::in_memory(root);
    let (a, b) = (found(root, "a.txt", 1, 1), found(root, "b.txt", 1, 1));
    let outcome = Outcome::Ignored("x".into());
    cache.put(&a, "h", &outcome);
    cache.put(&b, "h", &outcome);
    cache.retain(|p| p != a.path);
    assert_eq!(
        (cache.get(&a, "h"), cache.get(&b, "h")),
        (None, Some(&outcome))
    );
    cache.forget(&b.path);
    assert!(cache.is_empty());
    assert!(
        cache.save().is_ok(),
        "an in-memory cache has nothing to write"
    );
}

proptest! {
    #[test]
    fn an_entry_is_found_exactly_when_all_four_keys_match(
        size in 0..3u64, secs in 0..3u64, hash in "[ab]", name in "[ab]",
        size2 in 0..3u64, secs2 in 0..3u64, hash2 in "[ab]", name2 in "[ab]",
    ) {
        let root = Path::new("/desk");
        let mut cache = SummaryCache::in_memory(root);
        let outcome = Outcome::Failed("x".into());
        cache.put(&found(root, &name, size, secs), &hash, &outcome);
        let hit = cache.get(&found(root, &name2, size2, secs2), &hash2).is_some();
        prop_assert_eq!(hit, size == size2 && secs == secs2 && hash == hash2 && name == name2);
    }
}
