//! `factmark suggest`: the suggestions for an article or a session, printed one per line,
//! and with `-o` written into a session: pending (the session as it was; its suggestions show
//! when it is opened) or, with `--accept`, accepted as annotations. On a folder: a new session
//! for every article that has none, never touching an existing one.

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
    if input.is_dir() {
        if output.is_some() || replace {
            anyhow::bail!(
                "{} is a folder: each article's session goes to sessions/NAME.ron beside it, so \
                 -o and --replace do not apply",
                input.display()
            );
        }
        return suggest_folder(input, tags, accept);
    }
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

/// `factmark suggest FOLDER`: every article of the folder without a session gets one at
/// `sessions/NAME.ron` beside it (the pairing rule's place), with the suggestions pending or,
/// with `accept`, accepted; existing sessions, and files already at those places, are never
/// touched. One line per article, then the counts; an article that cannot be read is listed
/// and the others go on (exit 1 at the end if any failed).
fn suggest_folder(folder: &Path, tags: &[Tag], accept: bool) -> anyhow::Result<()> {
    use factmark::workspace::folder::{Folder, cache};
    let scanned = Folder::scan(folder, cache::platform_dir())?;
    let now = accept.then(|| Stamp::from_system_time(std::time::SystemTime::now()));
    let mut out = Out::default();
    let (mut written, mut failed) = (0usize, Vec::new());
    let articles: Vec<_> = scanned
        .articles_without_session()
        .into_iter()
        .filter_map(|row| Some((row.article.clone()?, row.session_path())))
        .collect();
    for (article, target) in &articles {
        let shown = scanned.relative(article);
        let result = suggest_file(article, tags, now.clone())
            .map_err(anyhow::Error::from)
            .and_then(|done| {
                if let Some(parent) = target.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                factmark::store::save_guarded(&done.session, target, Replace::New)?;
                Ok(done)
            });
        match result {
            Ok(done) => {
                written += 1;
                let counts = if accept {
                    done.accepted
                } else {
                    done.pending.counts()
                };
                let summary: Vec<String> = tags
                    .iter()
                    .map(|t| format!("{} {}", counts[t.index()], t.label().to_lowercase()))
                    .collect();
                out.line(format_args!(
                    "{shown}: {} {} → {}",
                    summary.join(", "),
                    if accept { "accepted" } else { "pending" },
                    scanned.relative(target)
                ));
            }
            Err(error) => {
                out.line(format_args!("{shown}: not written: {error:#}"));
                failed.push(shown);
            }
        }
    }
    out.line(format_args!(
        "Wrote {written} new session{} in {}; {} article{} already had one",
        if written == 1 { "" } else { "s" },
        folder.display(),
        scanned.documents().len() - articles.len(),
        if scanned.documents().len() - articles.len() == 1 {
            ""
        } else {
            "s"
        },
    ));
    out.emit()?;
    if failed.is_empty() {
        Ok(())
    } else {
        anyhow::bail!(
            "{} article{} could not be pre-annotated: {}",
            failed.len(),
            if failed.len() == 1 { "" } else { "s" },
            failed.join(", ")
        )
    }
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
