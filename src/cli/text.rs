//! `factmark text FILE`: the text an article file imports to, as the window would show it
//! (stdout), and how it was read (stderr).

use std::path::Path;

use crate::{note, write_stdout};

/// `factmark text`: import FILE as the window would; the text on stdout, how on stderr.
pub fn print_text(path: &Path) -> anyhow::Result<()> {
    if factmark::import::is_session_path(path) {
        let session = factmark::store::load(path)?;
        note(format_args!("importer: session"));
        note(format_args!("title: {}", session.article().title()));
        return write_stdout(session.article().text());
    }
    let (article, report) = factmark::import::import_file(path)?;
    note(format_args!("importer: {}", report.importer.name()));
    note(format_args!(
        "encoding: {} ({})",
        report.encoding, report.encoding_source
    ));
    note(format_args!("title: {}", article.title()));
    if let Some(byline) = &report.byline {
        note(format_args!("byline: {byline}"));
    }
    if let Some(published) = &report.published {
        note(format_args!("published: {published}"));
    }
    note(format_args!("sha256: {}", report.source_sha256));
    for warning in &report.warnings {
        note(format_args!("warning: {warning}"));
    }
    write_stdout(article.text())
}
