//! doccano JSONL: the golden export of the exchange session (UTF-16 offsets), round trips
//! (one session, a dataset of several, a generated 2,000-annotation session, random Unicode
//! text), and every kind of bad input with its message.

use factmark::export::Format;
use factmark::interop::{ImportOptions, InteropError};
use factmark::model::{Tag, Unit};
use factmark::testing::{self, exchange_session};
use proptest::prelude::*;

use crate::exchange_support::{
    assert_round_trip, export, golden, huge_file, import_bytes, import_text, main_file,
};

#[test]
fn golden_export_counts_utf16_units() {
    let session = exchange_session();
    let exported = export(&[("small", &session)], Format::Doccano);
    assert!(exported.losses.is_empty(), "{:?}", exported.losses);
    golden("doccano", "small.jsonl", main_file(&exported));
    // The emoji and the flag before the first span: code point 17 is UTF-16 unit 20.
    let line: serde_json::Value =
        serde_json::from_slice(main_file(&exported).split(|&b| b == b'\n').next().unwrap())
            .unwrap();
    assert_eq!(line["label"][0], serde_json::json!([20, 49, "Claim"]));
    // Every span, sliced the way Python slices UTF-16, is the annotated text.
    let text = line["text"].as_str().unwrap();
    let units: Vec<u16> = text.encode_utf16().collect();
    for (label, record) in line["label"]
        .as_array()
        .unwrap()
        .iter()
        .zip(line["factmark"]["annotations"].as_array().unwrap())
    {
        let (s, e) = (
            label[0].as_u64().unwrap() as usize,
            label[1].as_u64().unwrap() as usize,
        );
        assert_eq!(
            String::from_utf16(&units[s..e]).unwrap(),
            record["text"].as_str().unwrap()
        );
    }
}

#[test]
fn round_trips() {
    let session = exchange_session();
    assert_round_trip(&[("small", &session)], Format::Doccano);
    assert_round_trip(
        &[
            ("small", &session),
            ("small", &session),
            ("other", &session),
        ],
        Format::Doccano,
    );
    let generated = testing::session(testing::MEDIUM);
    assert_round_trip(&[("generated", &generated)], Format::Doccano);
}

/// Text with every kind of character whose UTF-16 length differs from its code-point count
/// or byte count: emoji (astral), a flag (two astral code points), a combining accent,
/// Cyrillic, CJK, `\r\n`.
fn unicode_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "🙂",
            "🇧🇾",
            "e\u{301}",
            "Мінск",
            "北京",
            "\r\n",
            " ",
            "word",
            "84%",
            "👩‍👩‍👧",
            "—",
        ]),
        1..40,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn random_spans_survive_doccano_and_label_studio(
        text in unicode_text(),
        picks in prop::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>(), 0..3usize), 0..12),
    ) {
        use factmark::model::{Annotation, AnnotationId, Article, Body, Session, Span};
        let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        let mut spans = std::collections::HashSet::new();
        let mut annotations = Vec::new();
        for (a, b, tag) in picks {
            let (a, b) = (a.get(&boundaries), b.get(&boundaries));
            let span = Span::new(*a.min(b), *a.max(b));
            if span.is_empty() || text[span.range()].trim().is_empty() || !spans.insert((span, tag)) {
                continue;
            }
            annotations.push(Annotation {
                id: AnnotationId(annotations.len() as u64 + 1),
                span,
                body: Body::new(Tag::ALL[tag]).into(),
            });
        }
        let session = Session::with_annotations(
            std::sync::Arc::new(Article::new("t", None, text.clone())),
            annotations,
        ).unwrap();
        assert_round_trip(&[("doc", &session)], Format::Doccano);
        assert_round_trip(&[("doc", &session)], Format::LabelStudio);
    }
}

fn line(text: &str, labels: &str) -> String {
    format!(
        "{{\"text\": {}, \"label\": {labels}}}\n",
        serde_json::to_string(text).unwrap()
    )
}

fn left_out_of(text: &str) -> Vec<String> {
    import_text(text, Format::Doccano, &ImportOptions::default()).1
}

#[test]
fn truncated_json_names_the_line() {
    let session = exchange_session();
    let exported = export(&[("a", &session), ("b", &session)], Format::Doccano);
    let bytes = main_file(&exported);
    // The second line cut in the middle: the first document comes in, the second is reported.
    let cut = &bytes[..bytes.len() - 40];
    let imported =
        import_bytes(cut, "cut.jsonl", Format::Doccano, &ImportOptions::default()).unwrap();
    assert_eq!(imported.sessions.len(), 1);
    let left: Vec<String> = imported.left_out.iter().map(ToString::to_string).collect();
    assert_eq!(left.len(), 1, "{left:?}");
    assert!(
        left[0].contains("line 2: not valid JSON at column"),
        "{left:?}"
    );
    assert!(left[0].contains("the document is left out"), "{left:?}");
    // Only a cut line: nothing to import at all.
    let first_line_cut = &bytes[..100];
    let error = import_bytes(
        first_line_cut,
        "cut.jsonl",
        Format::Doccano,
        &ImportOptions::default(),
    )
    .unwrap_err();
    assert!(
        matches!(&error, InteropError::Malformed(m) if m.starts_with("line 1: not valid JSON at column 100")),
        "{error}"
    );
    // A pretty-printed JSON list is not JSONL: each broken line is named.
    let error = import_bytes(
        b"[\n  {\"text\":\n \"a\"}\n]\n",
        "x",
        Format::Doccano,
        &ImportOptions::default(),
    )
    .unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("line 1: not valid JSON at column 1 (EOF while parsing a list"),
        "{error}"
    );
}

#[test]
fn wrong_types_are_named() {
    let cases: [(&str, &str); 6] = [
        (
            "{\"text\": 5}\n",
            "line 1: \"text\" is the number 5, not a string",
        ),
        (
            "[1, 2]\n",
            "line 1: expected a JSON object {\"text\": …, \"label\": […]}, found a list",
        ),
        ("{\"label\": []}\n", "line 1: it has no \"text\""),
        (
            &line("abc def", "\"Claim\""),
            "line 1: \"label\" is a string (\"Claim\"), not a list of [start, end, \"Label\"]",
        ),
        (
            &line("abc def", "[[\"a\", 2, \"Claim\"]]"),
            "line 1, label 1: expected [start, end, \"Label\"] with whole numbers ≥ 0, found [\"a\", 2, \"Claim\"]",
        ),
        (
            &line("abc def", "[[-1, 2, \"Claim\"], [0, 3]]"),
            "line 1, label 2: expected [start, end, \"Label\"] with whole numbers ≥ 0, found [0, 3]",
        ),
    ];
    for (input, message) in cases {
        match import_bytes(
            input.as_bytes(),
            "x.jsonl",
            Format::Doccano,
            &ImportOptions::default(),
        ) {
            Ok(imported) => {
                let left: Vec<String> = imported.left_out.iter().map(ToString::to_string).collect();
                assert!(
                    left.iter().any(|l| l.contains(message)),
                    "{input}: {left:?}"
                );
            }
            Err(error) => assert!(error.to_string().contains(message), "{input}: {error}"),
        }
    }
}

#[test]
fn offsets_past_the_end_and_inside_a_surrogate_pair() {
    let text = "🙂 Minsk: 14 prisoners";
    let left = left_out_of(&line(
        text,
        "[[3, 99, \"Claim\"], [1, 8, \"Claim\"], [9, 3, \"Quote\"], [2, 2, \"Claim\"], [2, 3, \"Claim\"]]",
    ));
    assert_eq!(left.len(), 5, "{left:?}");
    assert!(
        left[0].contains(
            "label 1 [3, 99, \"Claim\"]: it ends at 99, past the end of the text (22 UTF-16 units)"
        ),
        "{}",
        left[0]
    );
    assert!(
        left[1].contains(
            "label 2 [1, 8, \"Claim\"]: offset 1 falls between the two halves of a surrogate pair"
        ),
        "{}",
        left[1]
    );
    assert!(left[1].contains("may count code points"), "{}", left[1]);
    assert!(
        left[2].contains("it starts after it ends (9 > 3)"),
        "{}",
        left[2]
    );
    assert!(left[3].contains("it is empty"), "{}", left[3]);
    assert!(left[4].contains("it covers only whitespace"), "{}", left[4]);
    // The same span counted right (UTF-16: the emoji is two units) comes in.
    let (imported, left) = import_text(
        &line(text, "[[3, 8, \"Claim\"]]"),
        Format::Doccano,
        &ImportOptions::default(),
    );
    assert!(left.is_empty(), "{left:?}");
    let session = &imported.sessions[0].1;
    assert_eq!(session.text_of(&session.annotations()[0]), "Minsk");
    assert_eq!(
        session.article().offsets().from_byte(
            text,
            session.annotations()[0].span.start,
            Unit::CodePoint
        ),
        Some(2)
    );
}

#[test]
fn overlapping_duplicates_and_unknown_labels_are_reported_not_dropped() {
    let text = "Turnout was 84% in Minsk.";
    let labels = "[[0, 15, \"Statistic\"], [0, 15, \"statistic\"], [12, 24, \"Statistic\"], [0, 7, \"PER\"], [0, 15, \"Claim\"]]";
    let (imported, left) = import_text(
        &line(text, labels),
        Format::Doccano,
        &ImportOptions::default(),
    );
    assert_eq!(left.len(), 2, "{left:?}");
    let joined = left.join("\n");
    assert!(joined.contains("line 1, label 2 [0, 15, \"statistic\"]: an overlapping duplicate: the same span and tag (Statistic) as line 1, label 1"), "{joined}");
    assert!(joined.contains("label 4 [0, 7, \"PER\"]: the label \"PER\" maps to no tag (say which with --map \"PER=Claim\""), "{joined}");
    // Overlapping but different (another span, or another tag) is kept.
    assert_eq!(imported.sessions[0].1.annotations().len(), 3);
    // With a map, PER comes in as a claim, case-insensitively.
    let options = ImportOptions {
        map: vec![("per".to_owned(), Tag::Claim)],
        keep_going: false,
    };
    let (imported, left) = import_text(&line(text, labels), Format::Doccano, &options);
    assert_eq!(left.len(), 1, "{left:?}");
    assert_eq!(imported.sessions[0].1.annotations().len(), 4);
}

#[test]
fn fields_that_cannot_be_kept_are_reported_and_the_span_stays() {
    let text = "Turnout was 84% in Minsk.";
    let input = format!(
        "{{\"text\": {}, \"label\": [[0, 15, \"Statistic\"], [19, 24, \"Claim\"]], \"factmark\": {{\"document\": \"minsk\", \"url\": \"not a url\", \"annotations\": [\
         {{\"id\": 4, \"start\": 0, \"end\": 15, \"label\": \"Statistic\", \"text\": \"Turnout was 84%\", \"status\": \"Done\", \"verdict\": \"Pants on fire\", \"created\": \"yesterday\"}},\
         {{\"id\": 9, \"start\": 19, \"end\": 24, \"label\": \"Claim\", \"text\": \"Pinsk\"}}]}}, \"Comments\": [\"check\"]}}\n",
        serde_json::to_string(text).unwrap()
    );
    let (imported, left) = import_text(&input, Format::Doccano, &ImportOptions::default());
    let joined = left.join("\n");
    assert!(
        joined.contains("minsk: the article details: the article URL is left out"),
        "{joined}"
    );
    assert!(
        joined.contains("the status \"Done\" is not one of"),
        "{joined}"
    );
    assert!(
        joined.contains("the created time \"yesterday\" is not an RFC 3339 UTC time"),
        "{joined}"
    );
    assert!(joined.contains("label 2 [19, 24, \"Claim\"]: its text \"Pinsk\" does not match the article there (\"Minsk\")"), "{joined}");
    assert!(
        joined.contains("1 doccano comment on the whole document is not brought in"),
        "{joined}"
    );
    let (name, session) = &imported.sessions[0];
    assert_eq!(name, "minsk");
    assert_eq!(session.annotations().len(), 1);
    let kept = &session.annotations()[0];
    assert_eq!(kept.id.0, 4);
    // A verdict from another desk's scale is kept, its rating added to the scale.
    assert_eq!(kept.body.verdict.as_deref(), Some("Pants on fire"));
    assert!(
        session
            .scale_for(Tag::Statistic)
            .get("Pants on fire")
            .is_some()
    );
    let bytes = factmark::store::to_ron(session);
    assert_eq!(
        factmark::store::from_ron(&bytes).unwrap(),
        *session,
        "the session loads back"
    );
}

#[test]
fn nul_characters_never_reach_a_session() {
    let input = line("a\u{0}b", "[]") + &line("fine text", "[[0, 4, \"Claim\"]]");
    let (imported, left) = import_text(&input, Format::Doccano, &ImportOptions::default());
    assert_eq!(imported.sessions.len(), 1);
    assert!(
        left[0].contains("line 1: its text holds a NUL character"),
        "{left:?}"
    );
}

#[test]
fn a_100_mb_file_gets_a_message_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    // One 100 MB line whose string never closes.
    let path = huge_file(dir.path(), b"{\"text\": \"", b"");
    let error = factmark::interop::import(&path, None, Format::Doccano, &ImportOptions::default())
        .unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("line 1: not valid JSON at column 104857600 (EOF while parsing a string"),
        "{error}"
    );
    // Over the limit: refused before reading (a sparse file, nothing is written to disk).
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(300 * 1024 * 1024).unwrap();
    let error = factmark::interop::import(&path, None, Format::Doccano, &ImportOptions::default())
        .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("is 300 MiB, more than the 256 MiB Factmark imports"),
        "{error}"
    );
}
