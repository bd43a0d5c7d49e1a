//! W3C Web Annotation: the golden collection of the exchange session, export → import round
//! trips (the text from a session or an article file), several documents in one collection,
//! quotes that disagree with positions, bad files each with its message, and the CLI.
//! `UPDATE_GOLDEN=1 cargo test --test headless exchange_w3c::` rewrites the golden file.

use std::path::Path;
use std::sync::Arc;

use factmark::export::{self, Document, ExportOptions, Format};
use factmark::interop::{self, ImportOptions};
use factmark::model::{Annotation, AnnotationId, Article, Body, Orphan, Quote, Session, Span, Tag};
use factmark::testing::{self, SMALL};
use serde_json::{Value, json};

use super::exchange_brat::{export_fixture, factmark, golden, same_annotations};

fn export_json(documents: &[Document<'_>]) -> Value {
    let exported = export::export(documents, Format::W3c, &ExportOptions::default()).unwrap();
    assert!(exported.losses.is_empty(), "{:?}", exported.losses);
    serde_json::from_slice(&exported.files[0].bytes).unwrap()
}

fn import(file: &Path, article: Option<&Path>) -> Result<interop::Imported, String> {
    interop::import(file, article, Format::W3c, &ImportOptions::default())
        .map_err(|e| e.to_string())
}

fn messages(imported: &interop::Imported) -> Vec<String> {
    imported.left_out.iter().map(ToString::to_string).collect()
}

#[test]
fn golden_collection_of_the_exchange_session() {
    let session = testing::exchange_session();
    let exported = export::export(
        &[Document {
            name: "small",
            session: &session,
        }],
        Format::W3c,
        &ExportOptions::default(),
    )
    .unwrap();
    assert_eq!(exported.files.len(), 1);
    golden("w3c/small.json", &exported.files[0].bytes);
}

#[test]
fn positions_count_code_points_and_quote_the_text() {
    let session = testing::exchange_session();
    let value = export_json(&[Document {
        name: "small",
        session: &session,
    }]);
    let text: Vec<char> = session.article().text().chars().collect();
    let items = value["first"]["items"].as_array().unwrap();
    assert_eq!(value["total"], 7);
    assert_eq!(items.len(), 7);
    for item in items {
        let selectors = item["target"]["selector"].as_array().unwrap();
        let exact = selectors[0]["exact"].as_str().unwrap();
        let start = selectors[1]["start"].as_u64().unwrap() as usize;
        let end = selectors[1]["end"].as_u64().unwrap() as usize;
        let slice: String = text[start..end].iter().collect();
        assert_eq!(slice, exact);
    }
    assert_eq!(items[0]["target"]["selector"][1]["start"], 17, "after 🙂🇧🇾");
}

#[test]
fn round_trip_with_the_session_as_article_gives_everything_back() {
    let dir = tempfile::tempdir().unwrap();
    let session = testing::exchange_session();
    let file = dir.path().join("out.json");
    exchange_file(&session, &file);
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/interop/sessions/small.ron");
    let imported = import(&file, Some(&fixture)).unwrap();
    assert_eq!(messages(&imported), Vec::<String>::new());
    let [(name, back)] = imported.sessions.as_slice() else {
        panic!("one session")
    };
    assert_eq!(name, "small");
    assert_eq!(back, &session, "text, details, annotations, scales");
}

fn exchange_file(session: &Session, file: &Path) {
    let exported = export::export(
        &[Document {
            name: "small",
            session,
        }],
        Format::W3c,
        &ExportOptions::default(),
    )
    .unwrap();
    std::fs::write(file, &exported.files[0].bytes).unwrap();
}

#[test]
fn round_trip_with_an_article_file_and_orphans() {
    let dir = tempfile::tempdir().unwrap();
    let base = testing::exchange_session();
    let mut annotations = base.annotations().to_vec();
    annotations.truncate(3);
    let orphan = Orphan {
        id: AnnotationId(9),
        quote: Quote {
            text: "words no longer in the text".to_owned(),
            prefix: "gone ".to_owned(),
            suffix: String::new(),
        },
        body: Body::new(Tag::Quote).into(),
    };
    let session = Session::from_parts(base.article().clone(), annotations, vec![orphan]).unwrap();
    let file = dir.path().join("out.json");
    exchange_file(&session, &file);
    let article = dir.path().join("minsk.txt");
    std::fs::write(&article, session.article().text()).unwrap();
    let imported = import(&file, Some(&article)).unwrap();
    assert_eq!(messages(&imported), Vec::<String>::new());
    let back = &imported.sessions[0].1;
    same_annotations(back, &session);
    assert_eq!(back.article().title(), "minsk");
    assert_eq!(
        back.details().url,
        "",
        "the source was the text's nih: name"
    );
}

#[test]
fn several_documents_share_one_collection_and_import_by_source_file() {
    let dir = tempfile::tempdir().unwrap();
    let exchange = testing::exchange_session();
    let generated = testing::session(SMALL);
    let value = export_json(&[
        Document {
            name: "minsk",
            session: &exchange,
        },
        Document {
            name: "dossier",
            session: &generated,
        },
    ]);
    let total = exchange.annotations().len() + generated.annotations().len();
    assert_eq!(value["total"], total);
    let mut value = value;
    for (i, item) in value["first"]["items"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .enumerate()
    {
        let file = if i < exchange.annotations().len() {
            "minsk.txt"
        } else {
            "dossier.txt"
        };
        item["target"]["source"] = json!(file);
    }
    std::fs::write(dir.path().join("minsk.txt"), exchange.article().text()).unwrap();
    std::fs::write(dir.path().join("dossier.txt"), generated.article().text()).unwrap();
    let file = dir.path().join("both.json");
    std::fs::write(&file, serde_json::to_vec(&value).unwrap()).unwrap();
    let imported = import(&file, None).unwrap();
    assert_eq!(messages(&imported), Vec::<String>::new());
    assert_eq!(imported.sessions.len(), 2);
    assert_eq!(imported.sessions[0].0, "minsk");
    assert_eq!(imported.sessions[0].1.annotations(), exchange.annotations());
    assert_eq!(
        imported.sessions[1].1.annotations(),
        generated.annotations()
    );
    let error = import(&file, Some(&dir.path().join("minsk.txt"))).unwrap_err();
    assert!(error.contains("annotates 2 documents"), "{error}");
}

const TEXT: &str = "Minsk talks 🙂: 52 prisoners freed. 52 more.";

/// One foreign annotation over `TEXT` with these selectors and bodies.
fn annotation(selector: Value, body: Value) -> Value {
    let mut value = json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "https://example.org/anno/1",
        "type": "Annotation",
        "target": {"source": "text.txt"}
    });
    value["body"] = body;
    value["target"]["selector"] = selector;
    value
}

fn import_value(value: &Value) -> Result<interop::Imported, String> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("text.txt"), TEXT).unwrap();
    let file = dir.path().join("in.json");
    std::fs::write(&file, serde_json::to_vec(value).unwrap()).unwrap();
    import(&file, None)
}

fn placed(imported: &interop::Imported) -> Vec<(String, String)> {
    let session = &imported.sessions[0].1;
    session
        .annotations()
        .iter()
        .map(|a| (a.body.tag.label().to_owned(), session.text_of(a).to_owned()))
        .collect()
}

#[test]
fn quotes_re_anchor_positions_that_disagree() {
    let tag = json!({"type": "TextualBody", "purpose": "tagging", "value": "statistic"});
    let quote = json!({"type": "TextQuoteSelector", "exact": "52", "prefix": "freed. "});
    for position in [
        json!({"type": "TextPositionSelector", "start": 15, "end": 17}),
        json!({"type": "TextPositionSelector", "start": 16, "end": 18}),
        json!({"type": "TextPositionSelector", "start": 400, "end": 402}),
    ] {
        let value = annotation(json!([quote.clone(), position.clone()]), tag.clone());
        let imported = import_value(&value).unwrap();
        assert_eq!(messages(&imported), Vec::<String>::new(), "{position}");
        let session = &imported.sessions[0].1;
        let span = session.annotations()[0].span;
        assert_eq!(
            &TEXT[..span.start],
            "Minsk talks 🙂: 52 prisoners freed. ",
            "{position}: the prefix picks the second 52"
        );
    }
    let position = json!({"type": "TextPositionSelector", "start": 0, "end": 5});
    let value = annotation(position, tag.clone());
    assert_eq!(
        placed(&import_value(&value).unwrap()),
        [("Statistic".to_owned(), "Minsk".to_owned())],
        "a position alone is trusted"
    );
}

#[test]
fn bad_annotations_are_reported_with_their_number() {
    let tag = json!({"type": "TextualBody", "purpose": "tagging", "value": "Claim"});
    let cases = [
        (
            annotation(
                json!({"type": "TextPositionSelector", "start": "15", "end": 17}),
                tag.clone(),
            ),
            "its TextPositionSelector's \"start\" is a string, not a number",
        ),
        (
            annotation(
                json!({"type": "TextPositionSelector", "start": -1, "end": 17}),
                tag.clone(),
            ),
            "is -1, not a whole number",
        ),
        (
            annotation(
                json!({"type": "TextPositionSelector", "start": 100, "end": 117}),
                tag.clone(),
            ),
            "past the end of the text (43 characters)",
        ),
        (
            annotation(
                json!([{"type": "TextQuoteSelector", "exact": "Vilnius"},
                       {"type": "TextPositionSelector", "start": 0, "end": 5}]),
                tag.clone(),
            ),
            "selects \"Minsk\", not its quote \"Vilnius\", and the quote is not in the text",
        ),
        (
            annotation(
                json!({"type": "TextPositionSelector", "start": 0, "end": 5}),
                json!({"type": "TextualBody", "purpose": "tagging", "value": "Person"}),
            ),
            "the label \"Person\" is not a tag",
        ),
        (
            annotation(json!({"type": "CssSelector", "value": "p"}), tag.clone()),
            "no TextQuoteSelector or TextPositionSelector",
        ),
        (
            json!({"type": "Annotation", "body": tag.clone(), "target": "text.txt"}),
            "its target is a whole document",
        ),
        (
            json!({"type": "Note"}),
            "its \"type\" is not \"Annotation\"",
        ),
    ];
    for (bad, message) in cases {
        let good = annotation(
            json!({"type": "TextPositionSelector", "start": 15, "end": 17}),
            json!({"type": "TextualBody", "purpose": "tagging", "value": "Statistic"}),
        );
        let imported = import_value(&json!([bad, good])).unwrap();
        let found = messages(&imported);
        assert_eq!(found.len(), 1, "{message}: {found:?}");
        assert!(
            found[0].starts_with("in: annotation 1: ")
                || found[0].starts_with("text: annotation 1: "),
            "{found:?}"
        );
        assert!(found[0].contains(message), "{message}: {found:?}");
        assert_eq!(
            placed(&imported),
            [("Statistic".to_owned(), "52".to_owned())],
            "{message}"
        );
    }
}

#[test]
fn unreadable_files_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cut.json");
    std::fs::write(
        &file,
        "{\"type\": \"AnnotationCollection\",\n \"first\": {\"items\": [",
    )
    .unwrap();
    let error = import(&file, None).unwrap_err();
    assert!(
        error.contains("cut.json is not valid JSON: EOF while parsing"),
        "{error}"
    );
    assert!(error.contains("line 2"), "{error}");

    std::fs::write(&file, "{\"type\": \"Person\"}").unwrap();
    let error = import(&file, None).unwrap_err();
    assert!(error.contains("is not Web Annotation"), "{error}");

    std::fs::write(&file, "[]").unwrap();
    let error = import(&file, None).unwrap_err();
    assert!(error.contains("holds no annotation"), "{error}");

    let big = dir.path().join("big.json");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(300 * 1024 * 1024)
        .unwrap();
    let error = import(&big, None).unwrap_err();
    assert!(
        error.contains("big.json is 300 MiB, more than the 256 MiB"),
        "{error}"
    );
    // 100 MB under the limit is read, and refused for what it holds (a sparse file: NULs).
    std::fs::File::create(&big)
        .unwrap()
        .set_len(100 * 1024 * 1024)
        .unwrap();
    let error = import(&big, None).unwrap_err();
    assert!(error.contains("big.json is not a text file"), "{error}");

    let session = testing::exchange_session();
    exchange_file(&session, &file);
    let error = import(&file, None).unwrap_err();
    assert!(
        error.contains("over https://example.org/news/minsk-talks, which is not a file"),
        "{error}"
    );
}

#[test]
fn a_page_that_is_not_in_the_file_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("text.txt"), TEXT).unwrap();
    let page = json!({
        "type": "AnnotationPage",
        "items": [annotation(
            json!({"type": "TextPositionSelector", "start": 0, "end": 5}),
            json!({"type": "TextualBody", "purpose": "tagging", "value": "Claim"}),
        )],
        "next": "https://example.org/page/2"
    });
    let file = dir.path().join("page.json");
    std::fs::write(&file, page.to_string()).unwrap();
    let imported = import(&file, None).unwrap();
    let found = messages(&imported);
    assert_eq!(found.len(), 1);
    assert!(
        found[0].contains("page 2 (\"https://example.org/page/2\"): it is not in this file"),
        "{found:?}"
    );
}

#[test]
fn foreign_bodies_become_fields_or_are_reported() {
    let value = annotation(
        json!({"type": "TextPositionSelector", "start": 0, "end": 5}),
        json!([
            {"type": "TextualBody", "purpose": "tagging", "value": "place"},
            {"type": "TextualBody", "purpose": "tagging", "value": "Claim"},
            {"type": "TextualBody", "value": "A comment without purpose"},
            {"type": "SpecificResource", "purpose": "linking", "source": "https://a.org/x"},
            {"type": "TextualBody", "purpose": "highlighting", "value": "?"}
        ]),
    );
    let mut value = value;
    value["creator"] = json!({"type": "Person", "nickname": "ina"});
    value["created"] = json!("2026-11-02T09:15:00+01:00");
    let imported = import_value(&value).unwrap();
    let found = messages(&imported);
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(found[0].contains("purpose \"highlighting\""), "{found:?}");
    assert!(
        found[1].contains("label \"place\" is not a tag"),
        "{found:?}"
    );
    assert!(found[2].contains("\"created\" time"), "{found:?}");
    let body = &imported.sessions[0].1.annotations()[0].body;
    assert_eq!(body.tag, Tag::Claim);
    assert_eq!(body.note, "A comment without purpose");
    assert_eq!(body.analyst, "ina");
    assert_eq!(body.sources[0].url, "https://a.org/x");
}

#[test]
fn cli_export_and_import() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("w3c.json");
    assert_eq!(
        export_fixture("w3c", &out),
        format!("Wrote {} (W3C Web Annotation): 1 session\n", out.display())
    );
    let back = dir.path().join("back.ron");
    let output = factmark(&[
        "import",
        out.to_str().unwrap(),
        "--from",
        "w3c",
        "-o",
        back.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("give the text with --article"));
    let output = factmark(&[
        "import",
        out.to_str().unwrap(),
        "--from",
        "w3c",
        "--article",
        "tests/interop/sessions/small.ron",
        "-o",
        back.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        factmark::store::load(&back).unwrap(),
        testing::exchange_session()
    );
}

#[test]
fn a_span_on_a_combining_accent_keeps_its_code_points() {
    let text = "Jose\u{301} said 🙂 yes";
    let article = Arc::new(Article::new("t", None, text));
    let start = text.find("said").unwrap();
    let session = Session::with_annotations(
        article,
        vec![Annotation {
            id: AnnotationId(1),
            span: Span::new(0, start - 1),
            body: Body::new(Tag::Quote).into(),
        }],
    )
    .unwrap();
    let value = export_json(&[Document {
        name: "t",
        session: &session,
    }]);
    let selector = &value["first"]["items"][0]["target"]["selector"];
    assert_eq!(selector[0]["exact"], "Jose\u{301}");
    assert_eq!(
        selector[1]["end"], 5,
        "e + combining accent = 2 code points"
    );
}
