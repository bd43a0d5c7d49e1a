//! Each modal question on its own, in a small harness: shown, clicked or answered with a key,
//! and its answer checked. No app is built; the app's handling of answers is tested in ui*.rs.

use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use factmark::ui::modals::{
    PasteAnswer, PasteBox, ReplaceAnswer, ReplaceQuestion, UnsavedAnswer, UnsavedQuestion,
};

/// A harness that shows a question each frame and keeps its latest answer.
fn harness<Q: 'static, A: 'static>(
    question: Q,
    show: impl Fn(&mut Q, &egui::Context) -> Option<A> + 'static,
) -> Harness<'static, (Q, Option<A>)> {
    let mut harness = Harness::builder()
        .with_size(egui::Vec2::new(800.0, 600.0))
        .with_step_dt(1.0 / 60.0)
        .build_ui_state(
            move |ui, (question, answer): &mut (Q, Option<A>)| {
                if let Some(given) = show(question, ui.ctx()) {
                    *answer = Some(given);
                }
            },
            (question, None),
        );
    harness.run_ok();
    harness
}

#[test]
fn unsaved_question_names_the_document_and_answers_each_way() {
    for (button, expected) in [
        ("Save", UnsavedAnswer::Save),
        ("Discard changes", UnsavedAnswer::Discard),
        ("Cancel", UnsavedAnswer::Cancel),
    ] {
        let question = UnsavedQuestion {
            name: "minsk.ron".into(),
        };
        let mut harness = harness(question, |q: &mut UnsavedQuestion, ctx| q.show(ctx));
        harness.get_by_label_contains("“minsk.ron” has changes");
        harness.get_by_label(button).click();
        harness.run_ok();
        assert_eq!(harness.state().1, Some(expected), "{button}");
    }
    let question = UnsavedQuestion { name: "x".into() };
    let mut harness = harness(question, |q: &mut UnsavedQuestion, ctx| q.show(ctx));
    harness.key_press(Key::Escape);
    harness.run_ok();
    assert_eq!(
        harness.state().1,
        Some(UnsavedAnswer::Cancel),
        "Esc cancels"
    );
}

#[test]
fn replace_question_says_what_the_file_holds() {
    let question = ReplaceQuestion {
        path: "/tmp/some/s.ron".into(),
        holds: "a session on “Minsk” with 3 annotations".into(),
    };
    let mut harness = harness(question, |q: &mut ReplaceQuestion, ctx| q.show(ctx));
    harness.get_by_label("Replace s.ron?");
    harness.get_by_label_contains("with 3 annotations");
    harness.get_by_label_contains("s.ron.bak");
    harness.get_by_label("Save as…").click();
    harness.run_ok();
    assert_eq!(harness.state().1, Some(ReplaceAnswer::SaveAs));
    harness.get_by_label("Replace").click();
    harness.run_ok();
    assert_eq!(harness.state().1, Some(ReplaceAnswer::Replace));
}

#[test]
fn paste_box_creates_only_with_text() {
    let mut harness = harness(PasteBox::default(), |b: &mut PasteBox, ctx| b.show(ctx));
    harness.get_by_label("Create article").click();
    harness.run_ok();
    assert_eq!(
        harness.state().1,
        None,
        "nothing to create from an empty box"
    );
    let field = "Article text (the first line becomes the title):";
    harness.get_by_label(field).click();
    harness.run_ok();
    harness
        .get_by_label(field)
        .type_text("Minsk. Belarus released 14 prisoners.");
    harness.run_ok();
    assert_eq!(
        harness.state().0.text,
        "Minsk. Belarus released 14 prisoners."
    );
    harness.get_by_label("Create article").click();
    harness.run_ok();
    assert_eq!(
        harness.state().1,
        Some(PasteAnswer::Create(
            "Minsk. Belarus released 14 prisoners.".into()
        ))
    );
}

#[test]
fn export_box_lists_every_format_with_its_unit_and_answers_the_one_chosen() {
    use factmark::export::{ExportOptions, Format};
    use factmark::ui::modals::{ExportAnswer, ExportBox};
    let question = ExportBox {
        format: Format::Csv,
        options: ExportOptions::default(),
        annotations: 7,
    };
    let mut harness = harness(question, |q: &mut ExportBox, ctx| q.show(ctx));
    for format in Format::ALL {
        harness.get_by_label(format.label());
    }
    // doccano and INCEpTION count UTF-16 units; the picker says so.
    assert_eq!(
        harness
            .query_all_by_label_contains("offsets in UTF-16 code units")
            .count(),
        2
    );
    // CSV shows its byte order mark option; ticking it changes the options.
    harness
        .get_by_label_contains("Start with a byte order mark")
        .click();
    harness.run_ok();
    assert!(harness.state().0.options.csv_bom);
    // ClaimReview asks for the organisation.
    harness.get_by_label(Format::ClaimReview.label()).click();
    harness.run_ok();
    harness.get_by_label("Publishing organisation:").click();
    harness.run_ok();
    harness
        .get_by_label("Publishing organisation:")
        .type_text("Example Desk");
    harness.run_ok();
    assert_eq!(harness.state().0.options.organisation, "Example Desk");
    harness.get_by_label(Format::Brat.label()).click();
    harness.run_ok();
    harness.get_by_label("Choose folder…").click();
    harness.run_ok();
    assert_eq!(harness.state().1, Some(ExportAnswer::Export(Format::Brat)));
}

#[test]
fn import_result_lists_what_is_left_out_and_offers_adding_only_for_the_same_article() {
    use factmark::export::Loss;
    use factmark::ui::modals::{ImportResult, ImportResultAnswer, ImportedDocument};
    let result = |same_article| ImportResult {
        file: "desk.jsonl".into(),
        documents: vec![
            ImportedDocument {
                name: "minsk".into(),
                annotations: 12,
                same_article,
            },
            ImportedDocument {
                name: "vilnius".into(),
                annotations: 3,
                same_article: false,
            },
        ],
        chosen: 0,
        left_out: vec![Loss {
            document: "minsk".into(),
            annotation: None,
            what: "line 3: label \"Person\" maps to no tag".into(),
        }],
    };
    let mut same = harness(result(true), |q: &mut ImportResult, ctx| q.show(ctx));
    same.get_by_label("Import from desk.jsonl");
    same.get_by_label_contains("1 annotation could not be imported");
    same.get_by_label_contains("maps to no tag");
    same.get_by_label("Add to this session").click();
    same.run_ok();
    assert_eq!(same.state().1, Some(ImportResultAnswer::AddToSession(0)));

    let mut harness = harness(result(false), |q: &mut ImportResult, ctx| q.show(ctx));
    assert!(
        harness.query_by_label("Add to this session").is_none(),
        "another article's annotations cannot join this session"
    );
    harness.get_by_label("vilnius · 3 annotations").click();
    harness.run_ok();
    harness.get_by_label("Open as a new session").click();
    harness.run_ok();
    assert_eq!(harness.state().1, Some(ImportResultAnswer::OpenAsNew(1)));
}
