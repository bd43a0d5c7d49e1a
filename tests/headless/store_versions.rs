//! Format evolution: version 1 fixtures load and migrate in memory, the file on disk changes
//! only on save (and the v1 file becomes the `.bak`), version 2 fixtures (with context,
//! orphans and an import record) and version 3 fixtures (their frozen v3 renderings) keep
//! loading as the same sessions, what this version writes for them is pinned byte for byte
//! in tests/data/v4 (with a v4 fixture of rejected suggestions), version 2 files without the
//! later optional fields still load, and a newer version is refused.
//!
//! `UPDATE_GOLDEN=1 cargo test --test headless store_versions::` rewrites tests/data/v4/*.ron.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use factmark::model::{
    Annotation, AnnotationId, Article, Body, Orphan, Provenance, Quote, Rejection, Session, Span,
    Tag,
};
use factmark::store::{self, LoadErrorKind};

fn data(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

#[test]
fn v1_fixtures_migrate_to_the_v2_sessions() {
    // (The v1 example migrates to the example's recipe; today's example adds a desk's check.)
    for (v1, v2) in std::iter::once(("tests/data/v1/small.ron", "tests/data/golden/small.ron")) {
        let old = store::load_full(&data(v1)).unwrap();
        assert_eq!(old.version, 1, "{v1}");
        assert!(old.migrated());
        let new = store::load_full(&data(v2)).unwrap();
        assert_eq!(new.version, store::VERSION);
        assert!(!new.migrated());
        assert_eq!(old.session, new.session, "{v1} migrates to {v2}");
        assert_eq!(
            old.session.article().provenance(),
            None,
            "v1 has no import record"
        );
        // Migration computes the context: rendering the migrated session gives the v2 bytes.
        assert_eq!(
            store::to_ron(&old.session),
            std::fs::read_to_string(data(v2)).unwrap()
        );
    }
}

#[test]
fn loading_v1_leaves_the_file_and_saving_keeps_it_as_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.ron");
    let v1_bytes = std::fs::read(data("tests/data/v1/small.ron")).unwrap();
    std::fs::write(&path, &v1_bytes).unwrap();
    let loaded = store::load_full(&path).unwrap();
    assert_eq!(
        std::fs::read(&path).unwrap(),
        v1_bytes,
        "loading never writes"
    );
    store::save_checked(&loaded.session, &path, Some(&loaded.fingerprint)).unwrap();
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(saved.contains("    version: 4,\n"), "{saved}");
    assert!(saved.contains("prefix: \"Franak Viačorka said: “\""));
    assert_eq!(
        std::fs::read(store::backup_path(&path)).unwrap(),
        v1_bytes,
        "the v1 file is the backup"
    );
    assert!(!store::load_full(&path).unwrap().migrated());
}

/// A v2 session with orphans and contexts cut short by the start and end of the text.
fn orphan_session() -> Session {
    let text = "Minsk, 2025. Belarus freed 14 prisoners. 🙂 Ещё 300 000 человек уехали.";
    let article = Arc::new(Article::new(
        "Orphans — v2",
        Some("articles/orphans.txt".into()),
        text,
    ));
    let find = |needle: &str| {
        let start = text.find(needle).unwrap();
        Span::new(start, start + needle.len())
    };
    let annotations = vec![
        Annotation {
            id: AnnotationId(1),
            span: find("Minsk"),
            body: Body::new(Tag::Claim).into(),
        },
        Annotation {
            id: AnnotationId(2),
            span: find("14 prisoners"),
            body: std::sync::Arc::new(Body {
                note: "check".into(),
                ..Body::new(Tag::Statistic)
            }),
        },
        Annotation {
            id: AnnotationId(6),
            span: find("уехали."),
            body: Body::new(Tag::Statistic).into(),
        },
    ];
    let orphans = vec![
        Orphan {
            id: AnnotationId(3),
            quote: Quote {
                text: "“We will never negotiate”".into(),
                prefix: "the minister said: ".into(),
                suffix: " on Monday.".into(),
            },
            body: std::sync::Arc::new(Body {
                note: "Quote removed in the updated article?".into(),
                ..Body::new(Tag::Quote)
            }),
        },
        Orphan {
            id: AnnotationId(5),
            quote: Quote {
                text: "Kellogg was the key figure".into(),
                prefix: String::new(),
                suffix: String::new(),
            },
            body: Body::new(Tag::Claim).into(),
        },
    ];
    Session::from_parts(article, annotations, orphans).unwrap()
}

/// Renders `session` and compares it with the file at `path` (rewritten under
/// `UPDATE_GOLDEN=1`); returns the rendering.
fn assert_pinned(session: &Session, v2: &Path) -> String {
    // The v2 fixture and its v3 rendering are frozen: both must keep loading as this
    // session. What this version writes for it is pinned beside them, in tests/data/v4.
    for (dir, version) in [("tests/data/v2", 2), ("tests/data/v3", 3)] {
        let old_path = v2.to_string_lossy().replace("tests/data/v2", dir);
        let old = store::load_full(Path::new(&old_path)).unwrap();
        assert_eq!(old.version, version, "{old_path}");
        assert!(old.migrated());
        assert_eq!(old.session, *session, "{old_path} loads as the session");
        assert!(
            old.session.rejections().is_empty(),
            "no rejections before v4"
        );
    }
    let pinned = v2
        .to_string_lossy()
        .replace("tests/data/v2", "tests/data/v4");
    pin(Path::new(&pinned), session)
}

/// Compares what `to_ron` writes for `session` with the file at `path` (rewritten under
/// `UPDATE_GOLDEN=1`); returns the rendering.
fn pin(path: &Path, session: &Session) -> String {
    let ron = store::to_ron(session);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &ron).unwrap();
    }
    assert_eq!(
        std::fs::read_to_string(path).unwrap(),
        ron,
        "{} differs from what to_ron writes (UPDATE_GOLDEN=1 rewrites it)",
        path.display()
    );
    ron
}

#[test]
fn v2_fixture_with_orphans_is_pinned_and_round_trips() {
    let session = orphan_session();
    let ron = assert_pinned(&session, &data("tests/data/v2/orphans.ron"));
    let path = data("tests/data/v4/orphans.ron");
    assert!(ron.contains("(id: 1, tag: Claim, start: 0, end: 5, text: \"Minsk\", prefix: \"\", "));
    assert!(ron.contains("created: None, changed: None),\n    ],\n    orphans: [\n"));
    assert!(ron.ends_with("    ],\n    rejected: [],\n)\n"), "{ron}");
    let loaded = store::load(&path).unwrap();
    assert_eq!(loaded, session);
    assert_eq!(loaded.orphans().len(), 2);
    assert_eq!(
        loaded.counts(),
        [1, 2, 0],
        "orphans are not counted as annotations"
    );
    // A new annotation never takes an orphan's id.
    let factmark::model::Edit::Add(a) = loaded.add_edit(Tag::Claim, Span::new(0, 5)) else {
        unreachable!()
    };
    assert_eq!(a.id, AnnotationId(7));
}

/// A v2 session on an imported Markdown article, recording its import.
fn imported_session() -> Session {
    let source = "# Minsk talks – notes\n\nBelarus freed **14 prisoners** on Saturday.\n";
    let text = "Belarus freed 14 prisoners on Saturday.\n";
    let article = Article::new(
        "Minsk talks – notes",
        Some("articles/minsk-notes.md".into()),
        text,
    )
    .with_provenance(Provenance {
        importer: "markdown".into(),
        encoding: "UTF-8".into(),
        source_sha256: store::sha256_hex(source),
    });
    let start = text.find("14 prisoners").unwrap();
    let annotations = vec![Annotation {
        id: AnnotationId(1),
        span: Span::new(start, start + "14 prisoners".len()),
        body: Body::new(Tag::Statistic).into(),
    }];
    Session::from_parts(Arc::new(article), annotations, Vec::new()).unwrap()
}

#[test]
fn v2_fixture_with_an_import_record_is_pinned_and_round_trips() {
    let session = imported_session();
    let path = data("tests/data/v2/imported.ron");
    let ron = assert_pinned(&session, &path);
    // Written after `sha256`, before `text`, on one line.
    assert!(
        ron.contains(&format!(
            "        sha256: \"{}\",\n        import: Some((importer: \"markdown\", \
             encoding: \"UTF-8\", source_sha256: \"{}\")),\n        details: ",
            store::sha256_hex(session.article().text()),
            store::sha256_hex(
                "# Minsk talks – notes\n\nBelarus freed **14 prisoners** on Saturday.\n"
            ),
        )),
        "{ron}"
    );
    let loaded = store::load(&path).unwrap();
    assert_eq!(loaded, session);
    assert_eq!(
        loaded.article().provenance(),
        session.article().provenance()
    );
    assert_eq!(store::to_ron(&loaded), ron);
}

#[test]
fn v2_accepts_shorter_context_and_missing_optional_fields() {
    // Another tool may store less context (or none) and leave out an empty `orphans` and the
    // article's `import` record.
    let text = "alpha beta gamma";
    let ron = format!(
        "(format: \"factmark-session\", version: 2, article: (title: \"t\", source: None, \
         sha256: \"{}\", text: \"{text}\"), annotations: [\
         (id: 1, tag: Claim, start: 6, end: 10, text: \"beta\", prefix: \"a \", suffix: \"\", \
         note: \"\")])",
        store::sha256_hex(text)
    );
    let session = store::from_ron(&ron).unwrap();
    assert_eq!(session.text_of(&session.annotations()[0]), "beta");
    assert!(session.orphans().is_empty());
    // A v2 file from before the import record (or from another tool) has none.
    assert_eq!(session.article().provenance(), None);
    // Saving writes the full context, the empty list and `import: None`.
    let saved = store::to_ron(&session);
    assert!(
        saved.contains("prefix: \"alpha \", suffix: \" gamma\""),
        "{saved}"
    );
    assert!(saved.contains("orphans: [],"));
    assert!(
        saved.contains("        import: None,\n        details: (url: \"\", publisher: \"\", author: \"\", published: \"\"),\n        text: "),
        "{saved}"
    );
}

#[test]
fn newer_versions_are_refused_with_update_advice() {
    let error = store::load(&data("tests/data/bad/future_version.ron")).unwrap_err();
    assert!(matches!(
        error.kind,
        LoadErrorKind::NewerVersion {
            version: 5,
            supported: 4,
            ..
        }
    ));
    assert!(error.to_string().contains("Update Factmark"));
}

/// A v4 session with rejected suggestions (in Cyrillic and after an emoji, so their offsets
/// count code points).
fn rejections_session() -> Session {
    let text = "Minsk, 2025. Belarus freed 14 prisoners. 🙂 Ещё 300 000 человек уехали.";
    let article = Arc::new(Article::new("Rejections — v4", None, text));
    let find = |needle: &str| {
        let start = text.find(needle).unwrap();
        Span::new(start, start + needle.len())
    };
    let annotations = vec![Annotation {
        id: AnnotationId(1),
        span: find("14 prisoners"),
        body: Body::new(Tag::Statistic).into(),
    }];
    Session::from_parts(article, annotations, Vec::new())
        .unwrap()
        .with_rejections(vec![
            Rejection::new(Tag::Statistic, find("300 000 человек")),
            Rejection::new(Tag::Claim, find("Belarus freed 14 prisoners.")),
            Rejection::new(Tag::Quote, find("Belarus freed 14 prisoners.")),
        ])
        .unwrap()
}

#[test]
fn v4_fixture_with_rejections_is_pinned_and_round_trips() {
    let session = rejections_session();
    let path = data("tests/data/v4/rejections.ron");
    let ron = pin(&path, &session);
    assert!(
        ron.contains(
            "    rejected: [\n        (tag: Claim, start: 13, end: 40, text: \"Belarus freed 14 prisoners.\"),\n"
        ),
        "{ron}"
    );
    // Code points: the emoji is one, so "300 000 человек" starts at 47 (at byte 53).
    assert!(
        ron.contains("(tag: Statistic, start: 47, end: 62, text: \"300 000 человек\")"),
        "{ron}"
    );
    let loaded = store::load_full(&path).unwrap();
    assert_eq!(loaded.version, 4);
    assert_eq!(loaded.session, session);
    assert_eq!(loaded.session.rejections().len(), 3);
    assert!(
        loaded
            .session
            .is_rejected(Tag::Quote, session.rejections()[1].span)
    );
}

#[test]
fn a_v4_file_may_leave_out_rejected() {
    let text = "alpha beta";
    let ron = format!(
        "(format: \"factmark-session\", version: 4, article: (title: \"t\", source: None, \
         sha256: \"{}\", text: \"{text}\"), annotations: [])",
        store::sha256_hex(text)
    );
    let session = store::from_ron(&ron).unwrap();
    assert!(session.rejections().is_empty());
    assert!(store::to_ron(&session).contains("    rejected: [],\n"));
}
