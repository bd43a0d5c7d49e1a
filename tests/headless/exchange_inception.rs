//! INCEpTION (UIMA CAS JSON 0.4.0): the golden CAS of the exchange session, offsets in UTF-16
//! code units checked by slicing the sofa the way Java does, the type system inside, one
//! document only, and the CLI. `UPDATE_GOLDEN=1 cargo test --test headless
//! exchange_inception::` rewrites the golden file.

use factmark::export::{self, Document, ExportError, ExportOptions, Format};
use factmark::testing;
use serde_json::Value;

use super::exchange_brat::{export_fixture, factmark, golden};

fn cas() -> (Value, Vec<String>) {
    let session = testing::exchange_session();
    let exported = export::export(
        &[Document {
            name: "small",
            session: &session,
        }],
        Format::Inception,
        &ExportOptions::default(),
    )
    .unwrap();
    golden("inception/small.json", &exported.files[0].bytes);
    let losses = exported.losses.iter().map(ToString::to_string).collect();
    (
        serde_json::from_slice(&exported.files[0].bytes).unwrap(),
        losses,
    )
}

#[test]
fn golden_cas_with_utf16_offsets_and_every_field() {
    let (cas, losses) = cas();
    assert_eq!(
        losses,
        [
            "small: the article's publisher, author and date have no place in DKPro's document \
          metadata (its title and URL do)"
        ]
    );
    let session = testing::exchange_session();
    let structures = cas["%FEATURE_STRUCTURES"].as_array().unwrap();
    let sofa: Vec<u16> = structures[0]["sofaString"]
        .as_str()
        .unwrap()
        .encode_utf16()
        .collect();
    let spans: Vec<&Value> = structures
        .iter()
        .filter(|fs| fs["%TYPE"] == "webanno.custom.Factmark")
        .collect();
    assert_eq!(spans.len(), session.annotations().len());
    for (fs, annotation) in spans.iter().zip(session.annotations()) {
        let begin = fs["begin"].as_u64().unwrap() as usize;
        let end = fs["end"].as_u64().unwrap() as usize;
        let covered = String::from_utf16(&sofa[begin..end]).unwrap();
        assert_eq!(covered, session.text_of(annotation));
        assert_eq!(fs["identifier"], annotation.id.0);
        assert_eq!(fs["tag"], annotation.body.tag.label());
        assert_eq!(fs["status"], annotation.body.status.file_name());
        assert_eq!(fs["@sofa"], 1);
    }
    assert_eq!(
        spans[0]["begin"], 20,
        "🙂 and the flag's two letters count twice"
    );
    assert_eq!(spans[0]["verdict"], "Mostly true");
    assert_eq!(
        spans[0]["sources"],
        "Viasna, list of political prisoners <https://spring96.org/en/news/prisoners> \
         (primary)\nBelTA, 11 Sept 2026, p. 2"
    );
    let members = cas["%VIEWS"]["_InitialView"]["%MEMBERS"]
        .as_array()
        .unwrap();
    assert_eq!(
        members.len(),
        spans.len() + 1,
        "the metadata and every span"
    );
    let layer = &cas["%TYPES"]["webanno.custom.Factmark"];
    assert_eq!(layer["%SUPER_TYPE"], "uima.tcas.Annotation");
    for feature in ["tag", "status", "verdict", "claimant", "sources", "note"] {
        assert_eq!(layer[feature]["%RANGE"], "uima.cas.String", "{feature}");
    }
    let metadata = &structures[1];
    assert_eq!(metadata["documentTitle"], "Minsk talks");
    assert_eq!(metadata["end"], sofa.len());
}

#[test]
fn a_cas_holds_one_document() {
    let session = testing::exchange_session();
    let documents = [
        Document {
            name: "a",
            session: &session,
        },
        Document {
            name: "b",
            session: &session,
        },
    ];
    let error =
        export::export(&documents, Format::Inception, &ExportOptions::default()).unwrap_err();
    assert!(matches!(
        error,
        ExportError::OneDocumentOnly { count: 2, .. }
    ));
    assert_eq!(
        error.to_string(),
        "inception holds one document; 2 were given"
    );
}

#[test]
fn cli_export_and_refusals() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cas.json");
    export_fixture("inception", &out);
    let (expected, _) = cas();
    let written: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(written, expected);

    let output = factmark(&[
        "export",
        "tests/interop/sessions/small.ron",
        "tests/interop/sessions/small.ron",
        "--to",
        "inception",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("inception holds one document; 2 were given")
    );

    let output = factmark(&[
        "import",
        out.to_str().unwrap(),
        "--from",
        "inception",
        "-o",
        dir.path().join("x.ron").to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("Factmark cannot import inception files")
    );
}
