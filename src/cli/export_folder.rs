//! `factmark export FOLDER --to FORMAT -o OUT`: one dataset of every session in a folder
//! (read through the summary cache, as `check FOLDER` does). Prints what the format could not
//! carry, what was not exported and why, then where it wrote; exits 1 after writing when a
//! session could not be read, so a script notices the dataset is short.

use std::path::Path;

use factmark::export::{ExportOptions, Format};
use factmark::workspace::folder::export::export_folder;
use factmark::workspace::folder::{Folder, cache};

use crate::Out;

/// Scans the folder, exports its sessions and prints the outcome.
pub fn folder(
    path: &Path,
    format: Format,
    options: &ExportOptions,
    output: &Path,
) -> anyhow::Result<()> {
    let folder = Folder::scan(path, cache::platform_dir())?;
    let done = export_folder(&folder, format, options, output)?;
    let mut out = Out::default();
    for loss in &done.losses {
        out.line(format_args!("not carried: {loss}"));
    }
    for (session, why) in &done.broken {
        out.line(format_args!(
            "not exported: {}: {why}",
            folder.relative(session)
        ));
    }
    let n = done.exported.len();
    let mut line = format!(
        "Wrote {} ({}): {n} session{} from {}",
        output.display(),
        format.label(),
        if n == 1 { "" } else { "s" },
        path.display()
    );
    if done.without_session > 0 {
        let articles = done.without_session;
        line.push_str(&format!(
            "; {articles} article{} without a session (nothing tagged) not included",
            if articles == 1 { "" } else { "s" }
        ));
    }
    out.line(line);
    out.emit()?;
    if !done.broken.is_empty() {
        let count = done.broken.len();
        anyhow::bail!(
            "{}: {count} session{} could not be read and {} not in the export",
            path.display(),
            if count == 1 { "" } else { "s" },
            if count == 1 { "is" } else { "are" }
        );
    }
    Ok(())
}
