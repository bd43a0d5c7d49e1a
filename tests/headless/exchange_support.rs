//! Helpers shared by the exchange-format tests: golden files, exports to a temporary file,
//! and imports back.

use std::path::{Path, PathBuf};

use factmark::export::{self, Document, ExportOptions, Exported, Format};
use factmark::interop::{self, ImportOptions, Imported};
use factmark::model::Session;

/// `tests/data/exchange/<dir>/<name>`.
pub fn data(dir: &str, name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/exchange")
        .join(dir)
        .join(name)
}

/// Compares `bytes` with the golden file; `UPDATE_FIXTURES=1` rewrites it instead.
pub fn golden(dir: &str, name: &str, bytes: &[u8]) {
    let path = data(dir, name);
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, bytes).unwrap();
    }
    let expected = std::fs::read(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (UPDATE_FIXTURES=1 writes it)", path.display()));
    assert!(
        expected == bytes,
        "{} differs from the export (UPDATE_FIXTURES=1 rewrites it):\n{}",
        path.display(),
        String::from_utf8_lossy(bytes)
    );
}

/// The options the golden files are written with.
pub fn options() -> ExportOptions {
    ExportOptions {
        csv_bom: false,
        organisation: "Example Fact Check".to_owned(),
        review_url: "https://factcheck.example/{document}".to_owned(),
    }
}

/// `sessions` (named) exported to `format`.
pub fn export(sessions: &[(&str, &Session)], format: Format) -> Exported {
    let documents: Vec<Document<'_>> = sessions
        .iter()
        .map(|&(name, session)| Document { name, session })
        .collect();
    export::export(&documents, format, &options()).unwrap()
}

/// The main file of an export.
pub fn main_file(exported: &Exported) -> &[u8] {
    &exported
        .files
        .iter()
        .find(|f| f.path.as_os_str().is_empty())
        .expect("a main file")
        .bytes
}

/// Writes `bytes` to a file named `name` in a fresh temporary folder and imports it.
pub fn import_bytes(
    bytes: &[u8],
    name: &str,
    format: Format,
    options: &ImportOptions,
) -> Result<Imported, interop::InteropError> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    interop::import(&path, None, format, options)
}

/// Imports `text` (in `format`) that must succeed, with what was left out as strings.
pub fn import_text(text: &str, format: Format, options: &ImportOptions) -> (Imported, Vec<String>) {
    let imported = import_bytes(text.as_bytes(), "in.json", format, options)
        .unwrap_or_else(|e| panic!("import failed: {e}"));
    let left_out = imported.left_out.iter().map(ToString::to_string).collect();
    (imported, left_out)
}

/// Asserts that exporting `sessions` to `format` and importing the result gives back the
/// same sessions: text, title, details, and every annotation's id, span and fields.
pub fn assert_round_trip(sessions: &[(&str, &Session)], format: Format) {
    let exported = export(sessions, format);
    let imported = import_bytes(
        main_file(&exported),
        "export",
        format,
        &ImportOptions::default(),
    )
    .unwrap();
    assert!(imported.left_out.is_empty(), "{:?}", imported.left_out);
    assert_eq!(imported.sessions.len(), sessions.len());
    let names = export::unique_names(sessions.iter().map(|(name, _)| *name));
    for ((name, back), ((_, original), expected_name)) in
        imported.sessions.iter().zip(sessions.iter().zip(&names))
    {
        assert_eq!(name, expected_name);
        assert_eq!(back.article().text(), original.article().text());
        assert_eq!(back.article().title(), original.article().title());
        assert_eq!(back.details(), original.details());
        assert_eq!(back.annotations().len(), original.annotations().len());
        for (a, b) in back.annotations().iter().zip(original.annotations()) {
            assert_eq!(a, b, "{format}: annotation {}", b.id);
        }
        assert_eq!(back, *original, "{format}: the whole session");
    }
}

/// The exchange session re-anchored onto its text without the last sentence: the statistic
/// there becomes an orphan (#7, "a 15% rise in trade").
pub fn with_an_orphan() -> Session {
    let session = factmark::testing::exchange_session();
    let text = session.article().text();
    let cut = text[..text.find("北京").unwrap()].to_owned();
    let article = std::sync::Arc::new(factmark::model::Article::new("Minsk talks", None, cut));
    let moved = factmark::model::anchor::reanchor(&session, article)
        .unwrap()
        .session;
    assert_eq!(moved.orphans().len(), 1);
    moved
}

/// A 100 MB file in `dir`: `head`, then `a` up to 100 MiB, then `tail` (a string that never
/// closes, or a task list cut short).
pub fn huge_file(dir: &Path, head: &[u8], tail: &[u8]) -> PathBuf {
    let path = dir.join("huge");
    let mut bytes = head.to_vec();
    bytes.resize(100 * 1024 * 1024, b'a');
    bytes.extend_from_slice(tail);
    std::fs::write(&path, &bytes).unwrap();
    path
}
