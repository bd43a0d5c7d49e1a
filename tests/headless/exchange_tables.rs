//! spaCy JSONL, CSV and schema.org ClaimReview: golden exports of the exchange session, the
//! offsets in each, and what each says it cannot carry.

use factmark::export::{self, Document, ExportError, ExportOptions, Format};
use factmark::model::{Status, Unit};
use factmark::testing::exchange_session;

use crate::exchange_support::{export, golden, main_file, options, with_an_orphan};

#[test]
fn spacy_golden_counts_code_points() {
    let session = exchange_session();
    let exported = export(&[("small", &session), ("small", &session)], Format::Spacy);
    assert!(exported.losses.is_empty(), "{:?}", exported.losses);
    golden("spacy", "small.jsonl", main_file(&exported));
    let lines: Vec<serde_json::Value> = std::str::from_utf8(main_file(&exported))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["meta"]["document"], "small-2");
    let text: Vec<char> = lines[0]["text"].as_str().unwrap().chars().collect();
    for span in lines[0]["spans"].as_array().unwrap() {
        let (s, e) = (
            span["start"].as_u64().unwrap() as usize,
            span["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            text[s..e].iter().collect::<String>(),
            span["text"].as_str().unwrap()
        );
    }
}

#[test]
fn csv_golden_with_and_without_bom() {
    let session = exchange_session();
    let exported = export(&[("small", &session)], Format::Csv);
    assert!(exported.losses.is_empty(), "{:?}", exported.losses);
    golden("csv", "small.csv", main_file(&exported));
    let bytes = main_file(&exported);
    assert!(bytes.starts_with(b"document,id,tag,start,end,text,"));
    assert!(bytes.windows(2).any(|w| w == b"\r\n"), "RFC 4180 line ends");
    let with_bom = export::export(
        &[Document {
            name: "small",
            session: &session,
        }],
        Format::Csv,
        &ExportOptions {
            csv_bom: true,
            ..options()
        },
    )
    .unwrap();
    assert_eq!(&with_bom.files[0].bytes[..3], b"\xEF\xBB\xBF");
    assert_eq!(&with_bom.files[0].bytes[3..], bytes);
}

#[test]
fn csv_rows_slice_the_text_and_keep_orphans() {
    let moved = with_an_orphan();
    assert_eq!(moved.orphans().len(), 1);
    let exported = export(&[("moved", &moved)], Format::Csv);
    assert!(exported.losses.is_empty(), "a CSV row holds an orphan too");
    let text: Vec<char> = moved.article().text().chars().collect();
    let mut rows = 0;
    let mut orphans = 0;
    let csv = String::from_utf8(main_file(&exported).to_vec()).unwrap();
    let mut reader = csv_rows(&csv);
    let header = reader.remove(0);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    for row in reader {
        rows += 1;
        if row[col("start")].is_empty() {
            orphans += 1;
            assert_eq!(row[col("text")], "a 15% rise in trade");
            continue;
        }
        let (s, e): (usize, usize) = (
            row[col("start")].parse().unwrap(),
            row[col("end")].parse().unwrap(),
        );
        assert_eq!(text[s..e].iter().collect::<String>(), row[col("text")]);
    }
    assert_eq!((rows, orphans), (7, 1));
    // Other span formats cannot hold the orphan and say so.
    let doccano = export(&[("moved", &moved)], Format::Doccano);
    assert_eq!(doccano.losses.len(), 1);
    assert!(
        doccano.losses[0].to_string().starts_with(
            "moved: annotation #7: statistic \"a 15% rise in trade\" is no longer in the article"
        ),
        "{}",
        doccano.losses[0]
    );
}

/// A minimal RFC 4180 reader for the test (quoted fields with doubled quotes and line breaks).
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut rows = vec![vec![String::new()]];
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let row = rows.last_mut().unwrap();
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                row.last_mut().unwrap().push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(String::new()),
            ('\r', false) => {}
            ('\n', false) => rows.push(vec![String::new()]),
            (c, _) => row.last_mut().unwrap().push(c),
        }
    }
    rows.pop();
    rows
}

#[test]
fn claimreview_golden_publishes_checked_claims_with_a_verdict() {
    let session = exchange_session();
    let exported = export(&[("small", &session)], Format::ClaimReview);
    golden("claimreview", "small.json", main_file(&exported));
    let reviews: serde_json::Value = serde_json::from_slice(main_file(&exported)).unwrap();
    let reviews = reviews.as_array().unwrap();
    // The checked claim and the checked statistic; not the checked quote, nor anything
    // unchecked.
    let claimed: Vec<&str> = reviews
        .iter()
        .map(|r| r["claimReviewed"].as_str().unwrap())
        .collect();
    assert_eq!(claimed, ["Lukashenka freed 52 prisoners", "2 000 votes"]);
    let rating = &reviews[0]["reviewRating"];
    // "Mostly true" is second of seven, best first.
    assert_eq!(
        (
            rating["ratingValue"].as_u64(),
            rating["bestRating"].as_u64(),
            rating["worstRating"].as_u64()
        ),
        (Some(6), Some(7), Some(1))
    );
    assert_eq!(rating["alternateName"], "Mostly true");
    assert_eq!(
        reviews[0]["url"],
        "https://factcheck.example/small#entry-C1"
    );
    assert_eq!(reviews[0]["itemReviewed"]["author"]["name"], "Viasna");
    assert_eq!(
        reviews[0]["itemReviewed"]["appearance"]["url"],
        "https://example.org/news/minsk-talks"
    );
    assert_eq!(reviews[0]["author"]["name"], "Example Fact Check");
    assert_eq!(
        reviews[1]["url"],
        "https://factcheck.example/small#entry-S3"
    );
    assert!(exported.losses.is_empty(), "{:?}", exported.losses);
}

#[test]
fn claimreview_names_what_a_reader_would_miss() {
    use factmark::model::{AnnotationId, Edit, Field};
    let mut session = exchange_session();
    // A checked claim without a verdict, and a statistic with a verdict that is not checked.
    session
        .apply(Edit::Set {
            id: AnnotationId(1),
            field: Field::Verdict(None),
        })
        .unwrap();
    session
        .apply(Edit::Set {
            id: AnnotationId(6),
            field: Field::Status(Status::Checking),
        })
        .unwrap();
    let exported = export(&[("small", &session)], Format::ClaimReview);
    let losses: Vec<String> = exported.losses.iter().map(ToString::to_string).collect();
    assert_eq!(
        losses,
        [
            "small: annotation #1: checked claim has no verdict, so there is no rating to publish",
            "small: annotation #6: statistic has the verdict \"False\" but its status is Checking; only checked claims and statistics are published",
        ]
    );
    assert_eq!(main_file(&exported), b"[]\n");
    // No organisation: no export; no review address: reviews without url, said once.
    let documents = [Document {
        name: "small",
        session: &exchange_session(),
    }];
    let error =
        export::export(&documents, Format::ClaimReview, &ExportOptions::default()).unwrap_err();
    assert!(
        matches!(&error, ExportError::Needs(m) if m.contains("--organisation")),
        "{error}"
    );
    let no_url = ExportOptions {
        organisation: "Desk".into(),
        ..ExportOptions::default()
    };
    let exported = export::export(&documents, Format::ClaimReview, &no_url).unwrap();
    assert_eq!(exported.losses.len(), 1);
    assert!(
        exported.losses[0]
            .to_string()
            .contains("the reviews have no url")
    );
    // Several sessions need {document} in the address.
    let two = [
        documents[0],
        Document {
            name: "other",
            ..documents[0]
        },
    ];
    let one_url = ExportOptions {
        review_url: "https://desk.example/check".into(),
        ..no_url
    };
    assert!(export::export(&two, Format::ClaimReview, &one_url).is_err());
}

#[test]
fn every_format_round_trips_the_offset_units_it_declares() {
    let session = exchange_session();
    for format in [
        Format::Doccano,
        Format::LabelStudio,
        Format::Spacy,
        Format::Csv,
    ] {
        let unit = format.unit().unwrap();
        let start = session.article().offsets().from_byte(
            session.article().text(),
            session.annotations()[0].span.start,
            unit,
        );
        let exported =
            String::from_utf8(main_file(&export(&[("s", &session)], format)).to_vec()).unwrap();
        let expected = match unit {
            Unit::Utf16 => 20,
            _ => 17,
        };
        assert_eq!(start, Some(expected), "{format}");
        assert!(exported.contains(&expected.to_string()), "{format}");
    }
}
