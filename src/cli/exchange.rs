//! `factmark export` and `factmark import`: other tools' formats out and in.

use std::path::{Path, PathBuf};

use factmark::export::{ExportOptions, Format};
use factmark::interop::ImportOptions;
use factmark::model::Tag;
use factmark::workspace::exchange;

use crate::Out;

/// `factmark export`: the sessions in one file (or folder) of `format`; prints what the
/// format could not carry, then where it wrote.
pub fn export(
    sessions: &[PathBuf],
    format: Format,
    options: &ExportOptions,
    output: &Path,
) -> anyhow::Result<()> {
    let outcome = exchange::export_files(sessions, format, options, output)?;
    let mut out = Out::default();
    for loss in &outcome.losses {
        out.line(format_args!("not carried: {loss}"));
    }
    out.line(format_args!(
        "Wrote {} ({}): {} session{}",
        output.display(),
        format.label(),
        sessions.len(),
        if sessions.len() == 1 { "" } else { "s" }
    ));
    for path in outcome.written.iter().filter(|p| p.as_path() != output) {
        out.line(format_args!("Wrote {}", path.display()));
    }
    out.emit()
}

/// `factmark import`: another tool's annotations into session files.
pub fn import(
    file: &Path,
    article: Option<&Path>,
    format: Format,
    options: &ImportOptions,
    output: &Path,
    replace: bool,
) -> anyhow::Result<()> {
    let outcome = exchange::import_file(file, article, format, options, output, replace)?;
    let mut out = Out::default();
    for loss in &outcome.left_out {
        out.line(format_args!("left out: {loss}"));
    }
    for path in &outcome.written {
        out.line(format_args!("Wrote {}", path.display()));
    }
    out.emit()
}

/// Parses `--map LABEL=Tag`.
///
/// # Errors
///
/// A message naming the three tags when the right side is not one of them.
pub fn label_map(pair: &str) -> Result<(String, Tag), String> {
    let (label, tag) = pair
        .rsplit_once('=')
        .ok_or_else(|| format!("{pair:?}: expected LABEL=Tag, e.g. Number=Statistic"))?;
    let tag = Tag::ALL
        .into_iter()
        .find(|t| t.label().eq_ignore_ascii_case(tag.trim()))
        .ok_or_else(|| format!("{tag:?} is not a tag: use Claim, Statistic or Quote"))?;
    Ok((label.trim().to_owned(), tag))
}

/// Parses a format name for clap.
///
/// # Errors
///
/// A message listing the format names.
pub fn format(name: &str) -> Result<Format, String> {
    Format::from_name(name).ok_or_else(|| {
        let names: Vec<_> = Format::ALL.iter().map(|f| f.name()).collect();
        format!("{name:?} is not a format: use one of {}", names.join(", "))
    })
}
