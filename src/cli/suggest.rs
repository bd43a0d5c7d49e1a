//! `factmark suggest`: the suggestions for an article or a session, printed one per line,
//! and with `-o` written into a session: pending (the session as it was; its suggestions show
//! when it is opened) or, with `--accept`, accepted as annotations.

use std::path::Path;

use factmark::model::{Stamp, Tag};
use factmark::store::{Replace, SaveError};
use factmark::workspace::suggest::suggest_file;

use crate::Out;

/// `factmark suggest`.
pub fn suggest(
    input: &Path,
    output: Option<&Path>,
    tags: &[Tag],
    accept: bool,
    replace: bool,
) -> anyhow::Result<()> {
    if accept && output.is_none() {
        anyhow::bail!("--accept needs -o OUT.ron: the accepted suggestions are written there");
    }
    let now = accept.then(|| Stamp::from_system_time(std::time::SystemTime::now()));
    let done = suggest_file(input, tags, now)?;
    if let Some(output) = output {
        // Writing back over the session just read is what was asked; any other existing file
        // needs --replace (the same check as `factmark reanchor`).
        let same_file = std::fs::canonicalize(output)
            .ok()
            .is_some_and(|out| std::fs::canonicalize(input).ok() == Some(out));
        let policy = match (&done.fingerprint, same_file, replace) {
            (Some(fingerprint), true, _) => Replace::Unchanged(fingerprint),
            (_, _, true) => Replace::Confirmed,
            _ => Replace::New,
        };
        match factmark::store::save_guarded(&done.session, output, policy) {
            Err(SaveError::Exists { holds, .. }) => anyhow::bail!(
                "did not write {}: it already exists and holds {holds}; pass --replace to \
                 replace it (it is kept as {}), or choose another -o",
                output.display(),
                factmark::store::backup_path(output).display()
            ),
            other => other?,
        };
    }
    let session = &done.session;
    let text = session.article().text();
    let chars = |byte: usize| session.article().char_of_byte(byte).unwrap_or(0);
    let mut out = Out::default();
    for s in done.pending.iter() {
        out.line(format_args!(
            "{}\t{}\t{}\t{}\t{}\t{}",
            s.tag(),
            chars(s.span.start),
            chars(s.span.end),
            one_line(s.speaker.as_deref().unwrap_or("")),
            s.reason,
            one_line(&text[s.span.range()])
        ));
    }
    let counts = done.pending.counts();
    let summary: Vec<String> = tags
        .iter()
        .map(|t| format!("{} {}", counts[t.index()], t.label().to_lowercase()))
        .collect();
    out.line(format_args!("Pending: {}", summary.join(", ")));
    if accept {
        let accepted: Vec<String> = tags
            .iter()
            .map(|t| format!("{} {}", done.accepted[t.index()], t.label().to_lowercase()))
            .collect();
        out.line(format_args!("Accepted: {}", accepted.join(", ")));
    }
    if let Some(output) = output {
        out.line(format_args!(
            "Wrote {}: {} annotations, {} rejected suggestions",
            output.display(),
            session.annotations().len(),
            session.rejections().len()
        ));
    }
    out.emit()
}

/// Text on one line of tab-separated output: line breaks and tabs escaped.
fn one_line(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('\n', "\\n")
        .replace('\t', "\\t")
}

/// The tags of `--tags`, in the order given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TagList(pub Vec<Tag>);

/// Parses `--tags statistic,quote`: tag names in any case, singular or plural.
///
/// # Errors
///
/// A message naming the three tags.
pub fn tags(list: &str) -> Result<TagList, String> {
    let mut tags = Vec::new();
    for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        let singular = name.strip_suffix('s').unwrap_or(name);
        let tag = Tag::ALL
            .into_iter()
            .find(|t| {
                t.label().eq_ignore_ascii_case(name) || t.label().eq_ignore_ascii_case(singular)
            })
            .ok_or_else(|| format!("{name:?} is not a tag: use claim, statistic or quote"))?;
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    if tags.is_empty() {
        return Err("no tags given: use claim, statistic or quote".to_owned());
    }
    Ok(TagList(tags))
}
