//! Scores Factmark's suggestions against the labelled evaluation set (docs/SUGGEST.md §3):
//! precision and recall per kind (exact and overlap match), speaker accuracy, and claims
//! precision among the top-ranked third.
//!
//! `cargo run --release --example suggest_eval [-- DIR…] [--list]`: each DIR holds NAME.txt
//! and NAME.tsv pairs (default: tests/data/suggest/dev, heldout and blind, each
//! scored on its own). `--list` also prints every miss and false suggestion.

use std::path::{Path, PathBuf};

use factmark::suggest::eval::{Report, from_tsv};
use factmark::suggest::{Kind, suggest};

fn main() -> std::process::ExitCode {
    let mut dirs: Vec<PathBuf> = Vec::new();
    let mut list = false;
    for arg in std::env::args().skip(1) {
        if arg == "--list" {
            list = true;
        } else {
            dirs.push(arg.into());
        }
    }
    if dirs.is_empty() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/suggest");
        dirs = vec![root.join("dev"), root.join("heldout"), root.join("blind")];
    }
    for dir in &dirs {
        match score(dir, list) {
            Ok(report) => println!("{}\n{report}\n", dir.display()),
            Err(error) => {
                eprintln!("error: {}: {error}", dir.display());
                return std::process::ExitCode::FAILURE;
            }
        }
    }
    std::process::ExitCode::SUCCESS
}

/// Scores every article of `dir`.
fn score(dir: &Path, list: bool) -> Result<Report, String> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| e.to_string())?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
        .collect();
    names.sort();
    let mut report = Report::default();
    for tsv_path in names {
        let text_path = tsv_path.with_extension("txt");
        let text = std::fs::read_to_string(&text_path)
            .map_err(|e| format!("{}: {e}", text_path.display()))?;
        let tsv = std::fs::read_to_string(&tsv_path)
            .map_err(|e| format!("{}: {e}", tsv_path.display()))?;
        let labels = from_tsv(&text, &tsv).map_err(|e| format!("{}: {e}", tsv_path.display()))?;
        let suggestions = suggest(&text);
        if list {
            print_misses(&tsv_path, &text, &suggestions, &labels);
        }
        report.add(&text, &suggestions, &labels);
    }
    Ok(report)
}

/// Every label no suggestion overlaps, and every suggestion no label overlaps.
fn print_misses(
    path: &Path,
    text: &str,
    suggestions: &[factmark::suggest::Suggestion],
    labels: &[factmark::suggest::eval::Label],
) {
    let chars = |byte: usize| text[..byte].chars().count();
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    for kind in Kind::ALL {
        for label in labels.iter().filter(|l| l.kind == kind) {
            let hit = suggestions
                .iter()
                .filter(|s| s.kind == kind)
                .find(|s| chars(s.span.start) < label.end && label.start < chars(s.span.end));
            match hit {
                None => println!("{name}: missed {} {:?}", kind.name(), label.text),
                Some(s) if chars(s.span.start) != label.start || chars(s.span.end) != label.end => {
                    println!(
                        "{name}: bounds {} {:?} found {:?}",
                        kind.name(),
                        label.text,
                        &text[s.span.range()]
                    );
                }
                Some(s)
                    if !label.speaker.is_empty()
                        && !s.speaker.as_deref().is_some_and(|f| {
                            factmark::suggest::eval::speaker_matches(f, &label.speaker)
                        }) =>
                {
                    println!(
                        "{name}: speaker {} {:?} found {:?} want {:?}",
                        kind.name(),
                        label.text,
                        s.speaker,
                        label.speaker
                    );
                }
                Some(_) => {}
            }
        }
        for s in suggestions.iter().filter(|s| s.kind == kind) {
            let (start, end) = (chars(s.span.start), chars(s.span.end));
            if !labels
                .iter()
                .any(|l| l.kind == kind && start < l.end && l.start < end)
            {
                println!(
                    "{name}: false {} {:?} ({})",
                    kind.name(),
                    &text[s.span.range()],
                    s.reason
                );
            }
        }
    }
}
