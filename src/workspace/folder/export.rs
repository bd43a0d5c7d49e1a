//! Exporting a whole folder as one dataset: every session that can be read, each named by
//! its document's path in the folder (so two `minsk.ron` in different sections stay apart),
//! written as `factmark export FILE…` writes one. Sessions that cannot be read and articles
//! without a session are counted, never silently left out.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::Folder;
use super::file::Parsed;
use crate::export::{self, Document, ExportOptions, Format, Loss};
use crate::model::Session;
use crate::store;
use crate::workspace::exchange::{ExchangeError, write_export};

/// What a folder export wrote and what it left out.
#[derive(Debug)]
pub struct FolderExport {
    /// The documents exported, by the name each has in the output.
    pub exported: Vec<String>,
    /// What the format could not carry.
    pub losses: Vec<Loss>,
    /// Session files that could not be read, with why: not in the output.
    pub broken: Vec<(PathBuf, String)>,
    /// Articles with no session yet (nothing tagged, so nothing to export).
    pub without_session: usize,
}

/// The name a session goes by in a folder's export: its document's path in the folder
/// without the extension (`politics/minsk` for `politics/minsk.txt` and its session).
pub fn export_name(folder: &Folder, session: &Path) -> String {
    let key = folder
        .position_of(session)
        .map_or(session, |i| folder.documents()[i].key());
    let relative = folder.relative(key);
    match relative.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && !ext.contains('/') => stem.to_owned(),
        _ => relative,
    }
}

/// Exports every readable session of `folder` (scanned: see [`Folder::scan`]) to `format`
/// at `out`.
///
/// # Errors
///
/// [`ExchangeError::Output`] when the folder holds no readable session (nothing is written);
/// otherwise the export's or the write's error.
pub fn export_folder(
    folder: &Folder,
    format: Format,
    options: &ExportOptions,
    out: &Path,
) -> Result<FolderExport, ExchangeError> {
    let paths = folder.session_files();
    let mut sessions: Vec<(String, Arc<Session>)> = Vec::with_capacity(paths.len());
    for path in &paths {
        // Parsed while the folder was read; read again only if it was not kept.
        let session = match folder.parsed(path) {
            Some(Parsed::Session(session)) => Arc::clone(session),
            _ => Arc::new(store::load(path)?),
        };
        sessions.push((export_name(folder, path), session));
    }
    let broken: Vec<(PathBuf, String)> = folder
        .broken_sessions()
        .into_iter()
        .map(|(path, why)| (path.to_path_buf(), why.to_owned()))
        .collect();
    if sessions.is_empty() {
        let why = if broken.is_empty() {
            "it holds no session files (.ron): tag an article and save first".to_owned()
        } else {
            format!("none of its {} session files can be read", broken.len())
        };
        return Err(ExchangeError::Output(format!(
            "{}: nothing to export: {why}",
            folder.root().display()
        )));
    }
    let documents: Vec<Document<'_>> = sessions
        .iter()
        .map(|(name, session)| Document {
            name,
            session: session.as_ref(),
        })
        .collect();
    let exported = export::export(&documents, format, options)?;
    write_export(&exported, format, out)?;
    Ok(FolderExport {
        exported: sessions.into_iter().map(|(name, _)| name).collect(),
        losses: exported.losses,
        broken,
        without_session: folder.articles_without_session().len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Tag};

    fn write(root: &Path, relative: &str, text: &str) -> PathBuf {
        let path = root.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn sessions_of_the_same_name_in_two_sections_stay_apart_and_broken_ones_are_counted() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for section in ["politics", "world"] {
            let text = format!("In {section}, 14 prisoners were released.\n");
            let article = write(root, &format!("{section}/minsk.txt"), &text);
            let mut session = Session::new(Arc::new(Article::new(
                "Minsk",
                Some(article.display().to_string()),
                text.as_str(),
            )));
            let start = text.find("14 prisoners").unwrap();
            let add = session.add_edit(Tag::Claim, crate::model::Span::new(start, start + 12));
            session.apply(add).unwrap();
            let path = root.join(section).join("sessions/minsk.ron");
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            store::save(&session, &path).unwrap();
        }
        write(root, "fresh.md", "# Fresh\n\nNothing tagged.\n");
        write(root, "old.ron", "(format: \"factmark-session\"");
        let folder = Folder::scan(root, None).unwrap();
        let out = dir.path().join("brat");
        let done = export_folder(&folder, Format::Brat, &ExportOptions::default(), &out).unwrap();
        assert_eq!(done.exported, ["politics/minsk", "world/minsk"]);
        assert_eq!(done.broken.len(), 1);
        assert!(done.broken[0].0.ends_with("old.ron"));
        assert_eq!(done.without_session, 1);
        for name in ["politics_minsk", "world_minsk"] {
            let ann = std::fs::read_to_string(out.join(format!("{name}.ann"))).unwrap();
            assert!(ann.contains("14 prisoners"), "{name}: {ann}");
        }
    }

    #[test]
    fn a_folder_without_sessions_exports_nothing() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "a.txt", "Nothing tagged here.\n");
        let folder = Folder::scan(dir.path(), None).unwrap();
        let out = dir.path().join("out.jsonld");
        let error = export_folder(&folder, Format::W3c, &ExportOptions::default(), &out)
            .unwrap_err()
            .to_string();
        assert!(error.contains("nothing to export"), "{error}");
        assert!(!out.exists());
    }
}
