//! `factmark reanchor SESSION ARTICLE -o OUT`: move a session's annotations onto an updated
//! article with the window's own re-anchoring, write the result, and report what moved.

use std::path::Path;

use crate::Out;

/// `factmark reanchor`: load both, re-anchor, save OUT.ron, then print the report. Saving
/// comes first so the file is written even when printing fails.
pub fn reanchor(
    session_path: &Path,
    article_path: &Path,
    output: &Path,
    replace: bool,
) -> anyhow::Result<()> {
    use factmark::model::anchor::Outcome;
    use factmark::store::Replace;
    let loaded = factmark::store::load_full(session_path)?;
    let old = &loaded.session;
    // The same code the window runs for File › Attach updated article.
    let done = factmark::workspace::attach::reanchor_onto(
        old,
        article_path,
        &factmark::progress::Progress::new(),
    )
    // The cause itself (with its own chain), without the window's "Could not …" prefix.
    .map_err(|error| match error {
        factmark::workspace::attach::AttachError::Article(e) => anyhow::Error::from(e),
        factmark::workspace::attach::AttachError::Reanchor(e) => anyhow::Error::from(e),
    })?
    .ok_or_else(|| anyhow::anyhow!("re-anchoring was cancelled"))?;
    let (new, report) = (&done.session, &done.report);
    // The one check every session write goes through: writing back over the session just
    // read is what was asked; any other existing file needs --replace.
    let same_file = std::fs::canonicalize(output)
        .ok()
        .is_some_and(|out| std::fs::canonicalize(session_path).ok() == Some(out));
    let policy = if same_file {
        Replace::Unchanged(&loaded.fingerprint)
    } else if replace {
        Replace::Confirmed
    } else {
        Replace::New
    };
    match factmark::store::save_guarded(new, output, policy) {
        Err(factmark::store::SaveError::Exists { holds, .. }) => anyhow::bail!(
            "did not write {}: it already exists and holds {holds}; pass --replace to replace \
             it (it is kept as {}), or choose another -o",
            output.display(),
            factmark::store::backup_path(output).display()
        ),
        other => other?,
    };
    let mut out = Out::default();
    out.line(format_args!(
        "{} → {}:",
        session_path.display(),
        article_path.display()
    ));
    for (label, n) in [
        ("kept", report.kept),
        ("moved", report.moved),
        ("fuzzy", report.fuzzy),
        ("orphaned", report.orphaned),
    ] {
        out.line(format_args!("{label}: {n}"));
    }
    for &(id, outcome) in &report.outcomes {
        if let (Outcome::Fuzzy { similarity }, Some(a)) = (outcome, new.get(id)) {
            let was = old.get(id).map_or_else(
                || old.orphan(id).map_or("", |o| o.quote.text.as_str()),
                |before| old.text_of(before),
            );
            out.line(format_args!(
                "fuzzy {id} {} ({similarity}% similar): {was:?} → {:?}",
                a.body.tag,
                new.text_of(a)
            ));
        } else if let Some(orphan) = new.orphan(id) {
            out.line(format_args!(
                "orphaned {id} {}: {:?}",
                orphan.body.tag, orphan.quote.text
            ));
        }
    }
    out.line(format_args!(
        "Wrote {}: {} annotations, {} orphan{}",
        output.display(),
        new.annotations().len(),
        new.orphans().len(),
        if new.orphans().len() == 1 { "" } else { "s" }
    ));
    out.emit()
}
