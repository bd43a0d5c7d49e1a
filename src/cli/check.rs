//! `factmark check FOLDER`: every document of a folder in a table (file, counts per tag,
//! claims and statistics checked, state, problems), what could not be walked, and a total;
//! exit status 1 when any session is broken or a folder could not be read. (`factmark check
//! SESSION.ron` stays in `main.rs`.)

use std::path::Path;

use factmark::model::Tag;
use factmark::workspace::folder::{Folder, State, cache};

use crate::Out;

/// Scans the folder (through the summary cache) and prints its table.
pub fn folder(path: &Path) -> anyhow::Result<()> {
    let folder = Folder::scan(path, cache::platform_dir())?;
    let mut out = Out::default();
    let table = table(&folder);
    for line in &table {
        out.line(line);
    }
    let broken: Vec<_> = folder.broken_sessions();
    let hidden: Vec<_> = folder.problems().iter().filter(|p| p.hides_files).collect();
    out.emit()?;
    if !broken.is_empty() || !hidden.is_empty() {
        let mut reasons = Vec::new();
        if !broken.is_empty() {
            reasons.push(plural(
                broken.len(),
                "session is broken",
                "sessions are broken",
            ));
        }
        if !hidden.is_empty() {
            reasons.push(plural(
                hidden.len(),
                "folder could not be read",
                "folders could not be read",
            ));
        }
        anyhow::bail!("{}: {}", path.display(), reasons.join(", "));
    }
    Ok(())
}

/// "1 session is broken", "2 sessions are broken".
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The lines printed: a header, a row per document, the walk's problems, the totals.
fn table(folder: &Folder) -> Vec<String> {
    let mut rows: Vec<[String; 7]> = vec![[
        "Document".to_owned(),
        "Claims".to_owned(),
        "Stats".to_owned(),
        "Quotes".to_owned(),
        "Checked".to_owned(),
        "State".to_owned(),
        "Problems".to_owned(),
    ]];
    for doc in folder.documents() {
        let mut name = folder.relative(doc.key());
        if let (Some(_), Some(session)) = (&doc.article, &doc.session) {
            name.push_str(" + ");
            name.push_str(&folder.relative(session));
        }
        let readable = doc.session.is_some() && doc.state != State::Broken;
        let count = |n: usize| {
            if readable {
                n.to_string()
            } else {
                "-".to_owned()
            }
        };
        let (checked, all) = doc.progress;
        rows.push([
            name,
            count(doc.counts[Tag::Claim.index()]),
            count(doc.counts[Tag::Statistic.index()]),
            count(doc.counts[Tag::Quote.index()]),
            if readable {
                format!("{checked}/{all}")
            } else {
                "-".to_owned()
            },
            doc.state.label().to_owned(),
            doc.problems
                .iter()
                .chain(&doc.notes)
                .cloned()
                .collect::<Vec<_>>()
                .join("; "),
        ]);
    }
    let widths: Vec<usize> = (0..7)
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let mut lines: Vec<String> = rows
        .iter()
        .map(|r| {
            let mut line = format!("{:<w$}", r[0], w = widths[0]);
            for c in 1..5 {
                line.push_str(&format!("  {:>w$}", r[c], w = widths[c]));
            }
            line.push_str(&format!("  {:<w$}  {}", r[5], r[6], w = widths[5]));
            line.trim_end().to_owned()
        })
        .collect();
    for problem in folder.problems() {
        lines.push(format!(
            "problem: {}: {}",
            folder.relative(&problem.path),
            problem.message
        ));
    }
    let docs = folder.documents();
    let by_state: Vec<String> = State::ALL
        .iter()
        .map(|&s| (s, docs.iter().filter(|d| d.state == s).count()))
        .filter(|&(_, n)| n > 0)
        .map(|(s, n)| format!("{n} {}", s.label()))
        .collect();
    lines.push(format!(
        "{}: {}",
        plural(docs.len(), "document", "documents"),
        if by_state.is_empty() {
            "none".to_owned()
        } else {
            by_state.join(", ")
        }
    ));
    lines
}
