//! The session records how its article was imported: for every import fixture (and pasted
//! text), a session saved to a file and loaded again keeps the importer, the encoding and the
//! SHA-256 of the source's bytes, written as the article's `import` record.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use factmark::import::{default_article, import_clipboard, import_file};
use factmark::model::{Article, Provenance, Session, Span, Tag};
use factmark::store;
use sha2::{Digest as _, Sha256};

/// Every fixture in tests/data/import (not the generator script or dot files) with the
/// importer and encoding it must record.
const FIXTURES: &[(&str, &str, &str)] = &[
    ("arabic.txt", "plain-text", "UTF-8"),
    ("cjk.txt", "plain-text", "UTF-8"),
    ("cyrillic-cp1251.txt", "plain-text", "windows-1251"),
    // chardetng names KOI8-U, the superset of KOI8-R (see tests/headless/import.rs).
    ("cyrillic-koi8r.txt", "plain-text", "KOI8-U"),
    ("cyrillic-utf16le.txt", "plain-text", "UTF-16LE"),
    ("cyrillic-utf8.txt", "plain-text", "UTF-8"),
    ("mixed-scripts.txt", "plain-text", "UTF-8"),
    ("news-cp1251.html", "html", "windows-1251"),
    ("news-page.html", "html", "UTF-8"),
    ("notes.md", "markdown", "UTF-8"),
];

fn import_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/import")
}

/// Lower-case hex SHA-256, computed here independently of the importer.
fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A session on `article` with its first word tagged, saved to `path` and loaded again;
/// checks the reload equals the original and re-renders to the same bytes.
fn save_and_load(article: Article, path: &Path) -> Session {
    let text = article.text();
    let first_word = text.split_whitespace().next().expect("some text");
    let start = text.find(first_word).unwrap();
    let span = Span::new(start, start + first_word.len());
    let mut session = Session::new(Arc::new(article));
    let edit = session.add_edit(Tag::Claim, span);
    session.apply(edit).unwrap();
    store::save(&session, path).unwrap();
    let loaded = store::load(path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded, session, "{}", path.display());
    assert_eq!(
        store::to_ron(&loaded),
        std::fs::read_to_string(path).unwrap(),
        "{}: re-rendering gives the same bytes",
        path.display()
    );
    loaded
}

#[test]
fn every_import_fixture_keeps_its_provenance_through_a_saved_session() {
    let mut on_disk: Vec<String> = std::fs::read_dir(import_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with('.') && !name.ends_with(".py"))
        .collect();
    on_disk.sort();
    let listed: Vec<&str> = FIXTURES.iter().map(|&(name, ..)| name).collect();
    assert_eq!(
        on_disk, listed,
        "every import fixture has a row in FIXTURES"
    );

    let dir = tempfile::tempdir().unwrap();
    for &(name, importer, encoding) in FIXTURES {
        let source = import_dir().join(name);
        let (article, report) = import_file(&source).unwrap_or_else(|e| panic!("{e}"));
        let expected = Provenance {
            importer: importer.to_owned(),
            encoding: encoding.to_owned(),
            source_sha256: sha256_hex(&std::fs::read(&source).unwrap()),
        };
        assert_eq!(article.provenance(), Some(&expected), "{name}");
        assert_eq!(report.provenance(), expected, "{name}");

        let path = dir.path().join(format!("{name}.ron"));
        let loaded = save_and_load(article, &path);
        assert_eq!(loaded.article().provenance(), Some(&expected), "{name}");
        let written = std::fs::read_to_string(&path).unwrap();
        let line = format!(
            "        import: Some((importer: \"{importer}\", encoding: \"{encoding}\", \
             source_sha256: \"{}\")),\n",
            expected.source_sha256
        );
        assert!(
            written.contains(&line),
            "{name}: {line:?} not in\n{written}"
        );
    }
}

#[test]
fn pasted_text_records_the_clipboard_importer() {
    let pasted = "Belarus frees 14 prisoners\r\nThe release followed talks.\0";
    let (article, _) = import_clipboard(pasted).unwrap();
    let expected = Provenance {
        importer: "clipboard".into(),
        encoding: "UTF-8".into(),
        // Of the text as pasted, before line ends were normalised and the NUL removed.
        source_sha256: sha256_hex(pasted.as_bytes()),
    };
    assert_eq!(article.provenance(), Some(&expected));
    let dir = tempfile::tempdir().unwrap();
    let loaded = save_and_load(article, &dir.path().join("pasted.ron"));
    assert_eq!(loaded.article().provenance(), Some(&expected));
}

#[test]
fn the_built_in_article_has_no_import_record() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("default.ron");
    let loaded = save_and_load(default_article(), &path);
    assert_eq!(loaded.article().provenance(), None);
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("\n        import: None,\n")
    );
}
