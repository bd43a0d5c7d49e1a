//! `factmark report FOLDER -o index.html`: one self-contained HTML page with an overview of
//! every document and a section per checked document. (`factmark report SESSION.ron` stays
//! in `main.rs`.)

use std::path::Path;

use anyhow::Context as _;
use factmark::workspace::folder::{self, Folder, cache};

use crate::Out;

/// Scans the folder and writes (or prints, for `-`) its report. `markdown` is refused: the
/// folder report is HTML.
pub fn folder(path: &Path, output: &Path, markdown: bool) -> anyhow::Result<()> {
    if markdown {
        anyhow::bail!(
            "a folder's report is one HTML page; --format markdown works for one session \
             (factmark report SESSION.ron -o report.md)"
        );
    }
    let scanned = Folder::scan(path, cache::platform_dir())?;
    let html = folder::report::html(&scanned);
    if output == Path::new("-") {
        return crate::write_stdout(&html);
    }
    factmark::export::write_file(output, html.as_bytes())
        .with_context(|| format!("{}: cannot write the report", output.display()))?;
    let docs = scanned.documents();
    let mut out = Out::default();
    out.line(format_args!(
        "Wrote {}: {} document{}, {} with a report",
        output.display(),
        docs.len(),
        if docs.len() == 1 { "" } else { "s" },
        docs.iter()
            .filter(|d| d.session.is_some() && d.state != folder::State::Broken)
            .count()
    ));
    out.emit()
}
