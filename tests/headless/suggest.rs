//! Suggestions against the labelled evaluation set (docs/SUGGEST.md §3): the generated text
//! and label files agree with their marked sources, and the scores stay above their floors.
//!
//! `UPDATE_SUGGEST_DATA=1 cargo test --test headless suggest::` rewrites the `.txt` and `.tsv`
//! files from the `.marked.txt` sources.

use std::path::{Path, PathBuf};

use factmark::suggest::eval::{Report, from_tsv, parse_marked, to_tsv};
use factmark::suggest::{Kind, suggest};

fn data(half: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/suggest").join(half)
}

/// The marked sources of one half, sorted.
fn marked(half: &str) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(data(half))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".marked.txt"))
        .collect();
    paths.sort();
    paths
}

/// `NAME.marked.txt` → `NAME.EXT`.
fn sibling(marked: &Path, ext: &str) -> PathBuf {
    PathBuf::from(marked.to_string_lossy().replace(".marked.txt", &format!(".{ext}")))
}

#[test]
fn generated_files_agree_with_their_marked_sources() {
    let update = std::env::var_os("UPDATE_SUGGEST_DATA").is_some();
    let mut articles = 0;
    let mut spans = 0;
    for half in ["dev", "heldout"] {
        for path in marked(half) {
            let (text, labels) = parse_marked(&std::fs::read_to_string(&path).unwrap())
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let tsv = to_tsv(&labels);
            let (text_path, tsv_path) = (sibling(&path, "txt"), sibling(&path, "tsv"));
            if update {
                std::fs::write(&text_path, &text).unwrap();
                std::fs::write(&tsv_path, &tsv).unwrap();
            }
            assert_eq!(std::fs::read_to_string(&text_path).unwrap(), text, "{}", text_path.display());
            let stored = std::fs::read_to_string(&tsv_path).unwrap();
            assert_eq!(stored, tsv, "{} (UPDATE_SUGGEST_DATA=1 rewrites it)", tsv_path.display());
            assert_eq!(from_tsv(&text, &stored).unwrap(), labels);
            for label in &labels {
                assert_eq!(label.text.trim(), label.text, "{}: {:?}", path.display(), label.text);
                if matches!(label.kind, Kind::Quote | Kind::Reported) {
                    assert!(!label.speaker.is_empty(), "{}: {:?} has no speaker", path.display(), label.text);
                }
            }
            articles += 1;
            spans += labels.len();
        }
    }
    assert!(articles >= 30 && spans >= 300, "{articles} articles, {spans} spans");
    // The default article is in the set, unchanged.
    let default = std::fs::read_to_string(data("dev").join("d01-belarus-prisoner-release.txt")).unwrap();
    assert_eq!(default, factmark::import::default_article().text());
}

/// Scores every article of one half.
fn evaluate(half: &str) -> Report {
    let mut report = Report::default();
    for path in marked(half) {
        let text = std::fs::read_to_string(sibling(&path, "txt")).unwrap();
        let labels = from_tsv(&text, &std::fs::read_to_string(sibling(&path, "tsv")).unwrap()).unwrap();
        report.add(&text, &suggest(&text), &labels);
    }
    report
}
