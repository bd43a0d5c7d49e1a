//! Label Studio JSON tasks: the golden tasks and labeling config of the exchange session
//! (code points), round trips, tasks files with predictions, and bad input.

use factmark::export::Format;
use factmark::interop::{ImportOptions, InteropError};
use factmark::testing::{self, exchange_session};
use serde_json::json;

use crate::exchange_support::{
    assert_round_trip, export, golden, huge_file, import_bytes, import_text, main_file,
};

#[test]
fn golden_tasks_and_config() {
    let session = exchange_session();
    let exported = export(&[("small", &session)], Format::LabelStudio);
    assert!(exported.losses.is_empty(), "{:?}", exported.losses);
    assert_eq!(exported.files.len(), 2);
    golden("label-studio", "small.json", main_file(&exported));
    let config = exported
        .files
        .iter()
        .find(|f| f.path.as_os_str() == "config.xml")
        .unwrap();
    golden("label-studio", "small.config.xml", &config.bytes);
    let tasks: serde_json::Value = serde_json::from_slice(main_file(&exported)).unwrap();
    let text: Vec<char> = tasks[0]["data"]["text"].as_str().unwrap().chars().collect();
    for region in tasks[0]["annotations"][0]["result"].as_array().unwrap() {
        let value = &region["value"];
        let (s, e) = (
            value["start"].as_u64().unwrap() as usize,
            value["end"].as_u64().unwrap() as usize,
        );
        if region["type"] == "labels" {
            // Code points: Python's text[s:e].
            assert_eq!(
                text[s..e].iter().collect::<String>(),
                value["text"].as_str().unwrap()
            );
        }
    }
    assert_eq!(
        tasks[0]["annotations"][0]["result"][0]["value"]["start"],
        17
    );
}

#[test]
fn round_trips() {
    let session = exchange_session();
    assert_round_trip(&[("small", &session)], Format::LabelStudio);
    assert_round_trip(&[("a", &session), ("b", &session)], Format::LabelStudio);
    let generated = testing::session(testing::MEDIUM);
    assert_round_trip(&[("generated", &generated)], Format::LabelStudio);
}

/// A task file for import with predictions (what a model or a script hands Label Studio),
/// plus an export-style annotation with fields from another project's config.
#[test]
fn predictions_and_foreign_controls_come_in() {
    let text = "Turnout was 84% in Minsk, the official said.";
    let tasks = json!([{
        "id": 7,
        "data": {"text": text},
        "predictions": [{"model_version": "v1", "score": 0.5, "result": [
            {"id": "p1", "from_name": "label", "to_name": "text", "type": "labels",
             "value": {"start": 0, "end": 15, "text": "Turnout was 84%", "labels": ["Number"]}},
        ]}],
        "annotations": [{"id": 3, "completed_by": 1, "result": [
            {"id": "a1", "from_name": "label", "to_name": "text", "type": "labels",
             "value": {"start": 19, "end": 24, "labels": ["Claim"]}},
            {"id": "a1", "from_name": "comment", "to_name": "text", "type": "textarea",
             "value": {"start": 19, "end": 24, "text": ["too vague"]}},
            {"id": "a1", "from_name": "status", "to_name": "text", "type": "choices",
             "value": {"start": 19, "end": 24, "choices": ["Checking"]}},
            {"id": "a1", "from_name": "confidence", "to_name": "text", "type": "rating",
             "value": {"start": 19, "end": 24, "rating": 4}},
            {"id": "s1", "from_name": "sentiment", "to_name": "text", "type": "choices",
             "value": {"choices": ["Neutral"]}},
            {"id": "r1", "from_id": "a1", "to_id": "p1", "type": "relation", "direction": "right"},
        ]}],
    }]);
    let options = ImportOptions {
        map: vec![("Number".to_owned(), factmark::model::Tag::Statistic)],
        keep_going: false,
    };
    let (imported, left) = import_text(&tasks.to_string(), Format::LabelStudio, &options);
    assert_eq!(left.len(), 2, "{left:?}");
    let joined = left.join("\n");
    assert!(joined.contains("task-7: task 1, annotation 1, result 5 (id \"s1\"): a \"choices\" result that belongs to no text region"), "{joined}");
    assert!(
        joined.contains("result 6 (id \"r1\"): a relation between regions"),
        "{joined}"
    );
    let (name, session) = &imported.sessions[0];
    assert_eq!(name, "task-7");
    let texts: Vec<&str> = session
        .annotations()
        .iter()
        .map(|a| session.text_of(a))
        .collect();
    assert_eq!(texts, ["Turnout was 84%", "Minsk"]);
    let minsk = &session.annotations()[1].body;
    assert_eq!(
        minsk.note,
        "comment: too vague\nconfidence: {\"end\":24,\"rating\":4,\"start\":19}"
    );
    assert_eq!(minsk.status, factmark::model::Status::Checking);
}

fn task_with(result: &serde_json::Value) -> String {
    json!([{"data": {"text": "🙂 Minsk: 14 prisoners"}, "annotations": [{"result": result}]}])
        .to_string()
}

#[test]
fn bad_regions_are_reported_with_where_they_are() {
    let region =
        |id: &str, start: serde_json::Value, end: serde_json::Value, label: &str, text: &str| {
            json!({"id": id, "from_name": "tag", "to_name": "text", "type": "labels",
               "value": {"start": start, "end": end, "text": text, "labels": [label]}})
        };
    let input = task_with(&json!([
        region("a", json!(2), json!(99), "Claim", ""),
        region("b", json!("2"), json!(7), "Claim", ""),
        region("c", json!(2), json!(7), "Claim", "Pinsk"),
        region("d", json!(2), json!(7), "Claim", "Minsk"),
        region("e", json!(2), json!(7), "claim", "Minsk"),
        region("f", json!(10), json!(12), "ORG", ""),
        {"id": "d", "from_name": "status", "to_name": "text", "type": "choices", "value": {"start": 2, "end": 7, "choices": ["Done"]}},
        {"id": "g", "from_name": "tag", "to_name": "text", "type": "rectanglelabels", "value": {"x": 1, "y": 1, "width": 2, "height": 2, "rectanglelabels": ["Claim"]}},
        "not a region",
    ]));
    let (imported, left) = import_text(&input, Format::LabelStudio, &ImportOptions::default());
    let joined = left.join("\n");
    for expected in [
        "task 1, annotation 1, result 1 (id \"a\"): it ends at 99, past the end of the text (21 characters)",
        "result 2 (id \"b\"): its value has no whole-number \"start\" and \"end\"",
        "result 3 (id \"c\"): its text \"Pinsk\" does not match the article there (\"Minsk\")",
        "result 4 (id \"d\"): the status \"Done\" is not one of",
        "result 5 (id \"e\"): an overlapping duplicate: the same span and tag (Claim) as task 1, annotation 1, result 4 (id \"d\")",
        "result 6 (id \"f\"): the label \"ORG\" maps to no tag",
        "result 8 (id \"g\"): a \"rectanglelabels\" region, not a text span",
        "result 9: expected an object, found a string (\"not a region\")",
    ] {
        assert!(
            joined.contains(expected),
            "missing {expected:?} in\n{joined}"
        );
    }
    assert_eq!(left.len(), 8, "{joined}");
    assert_eq!(imported.sessions[0].1.annotations().len(), 1);
}

#[test]
fn truncated_and_wrongly_typed_files() {
    let session = exchange_session();
    let exported = export(&[("small", &session)], Format::LabelStudio);
    let bytes = main_file(&exported);
    let error = import_bytes(
        &bytes[..bytes.len() / 2],
        "t.json",
        Format::LabelStudio,
        &ImportOptions::default(),
    )
    .unwrap_err();
    assert!(
        matches!(&error, InteropError::Malformed(m) if m.starts_with("not valid JSON: EOF while parsing") && m.contains(" at line ")),
        "{error}"
    );
    for (input, message) in [
        (
            "42",
            "expected a list of Label Studio tasks, found the number 42",
        ),
        ("[]", "the file holds no task"),
        (
            "[{\"data\": {\"text\": 5}}]",
            "task 1: data.text is the number 5, not a string; the task is left out",
        ),
        (
            "[{\"data\": {\"image\": \"a.png\"}}]",
            "task 1: it has no data.text (Factmark imports text tasks, with the text in data.text); the task is left out",
        ),
        (
            "[{\"text\": \"a\"}]",
            "task 1: it has no \"data\" object; the task is left out",
        ),
        (
            "[\"a\"]",
            "task 1: expected a task object, found a string (\"a\"); the task is left out",
        ),
    ] {
        let error = import_bytes(
            input.as_bytes(),
            "t.json",
            Format::LabelStudio,
            &ImportOptions::default(),
        )
        .unwrap_err();
        assert_eq!(error.to_string(), message, "{input}");
    }
    let input = "[{\"data\": {\"text\": \"abc\"}, \"annotations\": {\"result\": []}}, {\"data\": {\"text\": \"x\"}, \"annotations\": [{\"result\": 3}]}]";
    let (imported, left) = import_text(input, Format::LabelStudio, &ImportOptions::default());
    assert_eq!(imported.sessions.len(), 2);
    assert!(
        left[0].contains("task 1: \"annotations\" is an object, not a list"),
        "{left:?}"
    );
    assert!(
        left[1].contains("task 2, annotation 1: it has no \"result\" list"),
        "{left:?}"
    );
}

#[test]
fn a_100_mb_file_gets_a_message_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    // A 100 MB task, then the file ends in the middle of the next.
    let path = huge_file(
        dir.path(),
        b"[{\"data\": {\"text\": \"",
        b"\"}}, {\"data\": ",
    );
    let error =
        factmark::interop::import(&path, None, Format::LabelStudio, &ImportOptions::default())
            .unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("not valid JSON: EOF while parsing a value at line 1 column"),
        "{error}"
    );
}
