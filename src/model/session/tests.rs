//! Session tests: edits and inverses, counts, orphans, verdicts and scales, details.
use super::*;
use crate::model::Quote;

use crate::model::minsk_session as session;

#[test]
fn add_retag_note_remove_and_inverses() {
    let mut s = session();
    let add = s.add_edit(Tag::Statistic, Span::new(17, 39));
    let undo_add = s.apply(add).unwrap();
    let id = s.annotations()[0].id;
    assert_eq!(s.text_of(&s.annotations()[0]), "14 political prisoners");
    assert_eq!(s.counts(), [0, 1, 0]);
    let undo_tag = s
        .apply(Edit::Set {
            id,
            field: Field::Tag(Tag::Claim),
        })
        .unwrap();
    assert_eq!(s.counts(), [1, 0, 0]);
    s.apply(undo_tag).unwrap();
    assert_eq!(s.counts(), [0, 1, 0]);
    s.apply(undo_add).unwrap();
    assert!(s.annotations().is_empty());
    assert_eq!(s.counts(), [0, 0, 0]);
}

#[test]
fn rejects_bad_spans_without_changing() {
    let mut s = session();
    for span in [Span::new(5, 5), Span::new(7, 8), Span::new(30, 99)] {
        assert!(s.apply(s.add_edit(Tag::Claim, span)).is_err());
    }
    assert_eq!(s.revision(), 0);
    assert!(s.annotations().is_empty());
}

#[test]
fn overlapping_and_at_find_nested_spans() {
    let mut s = session();
    s.apply(s.add_edit(Tag::Claim, Span::new(0, 40))).unwrap();
    s.apply(s.add_edit(Tag::Statistic, Span::new(17, 19)))
        .unwrap();
    s.apply(s.add_edit(Tag::Quote, Span::new(30, 39))).unwrap();
    let at = s.at(18);
    assert_eq!(at.len(), 2);
    assert_eq!(at[0].body.tag, Tag::Statistic, "innermost first");
    assert_eq!(s.overlapping(20..29).count(), 1);
    assert_eq!(s.overlapping(0..40).count(), 3);
    let order: Vec<_> = s.annotations().iter().map(|a| a.span.start).collect();
    assert_eq!(order, [0, 17, 30]);
}

fn orphaned() -> Session {
    let article = Arc::clone(session().article());
    let orphan = Orphan {
        id: AnnotationId(7),
        quote: Quote {
            text: "old words".to_owned(),
            prefix: "before ".to_owned(),
            suffix: " after".to_owned(),
        },
        body: std::sync::Arc::new(Body {
            note: "keep me".to_owned(),
            ..Body::new(Tag::Quote)
        }),
    };
    Session::from_parts(article, Vec::new(), vec![orphan]).unwrap()
}

#[test]
fn reattach_and_undo_restore_the_orphan_exactly() {
    let mut s = orphaned();
    let before = s.clone();
    let undo = s
        .apply(Edit::Reattach {
            id: AnnotationId(7),
            span: Span::new(17, 39),
        })
        .unwrap();
    assert!(s.orphans().is_empty());
    let a = s.get(AnnotationId(7)).unwrap();
    assert_eq!((a.body.tag, a.body.note.as_str()), (Tag::Quote, "keep me"));
    assert_eq!(s.counts(), [0, 0, 1]);
    assert_eq!(undo.describe(), "detach annotation");
    let redo = s.apply(undo).unwrap();
    assert_eq!(s, before);
    assert_eq!(s.counts(), [0, 0, 0]);
    assert_eq!(redo.describe(), "re-attach annotation");
    s.apply(redo).unwrap();
    assert_eq!(s.get(AnnotationId(7)).unwrap().span, Span::new(17, 39));
}

#[test]
fn orphan_ids_are_reserved_and_editable() {
    let mut s = orphaned();
    let Edit::Add(a) = s.add_edit(Tag::Claim, Span::new(0, 7)) else {
        unreachable!()
    };
    assert_eq!(a.id, AnnotationId(8), "fresh ids skip orphan ids");
    let clash = Annotation {
        id: AnnotationId(7),
        ..a
    };
    assert_eq!(
        s.apply(Edit::Add(clash)),
        Err(EditError::DuplicateId(AnnotationId(7)))
    );
    let undo = s
        .apply(Edit::Set {
            id: AnnotationId(7),
            field: Field::Note("new".into()),
        })
        .unwrap();
    assert_eq!(s.orphan(AnnotationId(7)).unwrap().body.note, "new");
    s.apply(undo).unwrap();
    let undo = s.apply(Edit::RemoveOrphan(AnnotationId(7))).unwrap();
    assert!(s.orphans().is_empty());
    s.apply(undo).unwrap();
    assert_eq!(s, orphaned());
    assert_eq!(
        s.apply(Edit::Reattach {
            id: AnnotationId(1),
            span: Span::new(0, 7)
        }),
        Err(EditError::UnknownOrphan(AnnotationId(1)))
    );
    assert_eq!(
        s.apply(Edit::Reattach {
            id: AnnotationId(7),
            span: Span::new(7, 8)
        }),
        Err(EditError::EmptySpan),
        "a blank span is refused and the orphan stays"
    );
    assert_eq!(s.orphans().len(), 1);
}

#[test]
fn retagging_counts_annotations_but_not_orphans() {
    let mut s = orphaned();
    let undo = s
        .apply(Edit::Set {
            id: AnnotationId(7),
            field: Field::Tag(Tag::Claim),
        })
        .unwrap();
    assert_eq!(s.orphan(AnnotationId(7)).unwrap().body.tag, Tag::Claim);
    assert_eq!(s.counts(), [0, 0, 0], "orphans are not counted");
    s.apply(undo).unwrap();
    s.apply(s.add_edit(Tag::Claim, Span::new(0, 7))).unwrap();
    let id = s.annotations()[0].id;
    let undo = s
        .apply(Edit::Set {
            id,
            field: Field::Tag(Tag::Claim),
        })
        .unwrap();
    assert_eq!(
        s.counts(),
        [1, 0, 0],
        "setting the same tag changes no count"
    );
    assert_eq!(undo.describe(), "retag as claim");
    s.apply(Edit::Set {
        id,
        field: Field::Note("n".into()),
    })
    .unwrap();
    assert_eq!(s.counts(), [1, 0, 0], "a note edit changes no count");
    assert_eq!(
        s.apply(Edit::Set {
            id: AnnotationId(99),
            field: Field::Tag(Tag::Quote),
        }),
        Err(EditError::UnknownId(AnnotationId(99)))
    );
}

#[test]
fn failed_batch_rolls_back() {
    let mut s = session();
    let ok = s.add_edit(Tag::Claim, Span::new(0, 7));
    let bad = Edit::Remove(AnnotationId(99));
    assert!(s.apply(Edit::Batch(vec![ok, bad])).is_err());
    assert!(s.annotations().is_empty());
}

fn with_claim() -> (Session, AnnotationId) {
    let mut s = session();
    s.apply(s.add_edit(Tag::Claim, Span::new(0, 7))).unwrap();
    let id = s.annotations()[0].id;
    (s, id)
}

fn set(s: &mut Session, id: AnnotationId, field: Field) -> Result<Edit, EditError> {
    s.apply(Edit::Set { id, field })
}

#[test]
fn verdicts_must_come_from_the_scale_of_their_tag() {
    let (mut s, id) = with_claim();
    let verdict = |name: &str| Field::Verdict(Some(name.to_owned()));
    assert_eq!(
        set(&mut s, id, verdict("Accurate")),
        Err(EditError::NotInScale {
            verdict: "Accurate".into(),
            kind: ScaleKind::Rating
        }),
        "an attribution verdict is refused on a claim"
    );
    set(&mut s, id, verdict("False")).unwrap();
    assert!(
        set(&mut s, id, Field::Tag(Tag::Quote)).is_err(),
        "a retag that would leave the verdict outside its scale is refused"
    );
    assert_eq!(s.get(id).unwrap().body.tag, Tag::Claim);
    set(&mut s, id, Field::Tag(Tag::Statistic)).unwrap();
    assert_eq!(s.counts(), [0, 1, 0]);
}

#[test]
fn status_counts_follow_adds_sets_and_removes() {
    let (mut s, id) = with_claim();
    assert_eq!(s.status_count(Tag::Claim, Status::ToCheck), 1);
    let undo = set(&mut s, id, Field::Status(Status::Checked)).unwrap();
    assert_eq!(s.status_count(Tag::Claim, Status::ToCheck), 0);
    assert_eq!(s.status_count(Tag::Claim, Status::Checked), 1);
    let retag = set(&mut s, id, Field::Tag(Tag::Quote)).unwrap();
    assert_eq!(s.status_count(Tag::Quote, Status::Checked), 1);
    s.apply(retag).unwrap();
    s.apply(undo).unwrap();
    assert_eq!(s.status_count(Tag::Claim, Status::ToCheck), 1);
    s.apply(Edit::Remove(id)).unwrap();
    assert_eq!(s.status_count(Tag::Claim, Status::ToCheck), 0);
}

#[test]
fn removing_a_rating_in_use_retires_it_and_renames_carry_verdicts() {
    let (mut s, id) = with_claim();
    set(&mut s, id, Field::Verdict(Some("Half true".into()))).unwrap();
    let before = s.clone();
    let mut proposed = Scale::default_rating();
    proposed.ratings.retain(|r| r.name != "Half true");
    let direct = Edit::SetScale {
        kind: ScaleKind::Rating,
        scale: proposed.clone(),
    };
    assert!(
        matches!(s.clone().apply(direct), Err(EditError::RatingInUse { .. })),
        "a scale without a rating in use is refused"
    );
    let undo = s
        .apply(s.scale_edit(ScaleKind::Rating, proposed.clone(), &[]))
        .unwrap();
    let kept = s.scales().get(ScaleKind::Rating).get("Half true").unwrap();
    assert!(kept.retired, "kept, flagged as retired");
    assert_eq!(
        s.get(id).unwrap().body.verdict.as_deref(),
        Some("Half true")
    );
    s.apply(undo).unwrap();
    assert_eq!(s, before);

    let mut renamed = Scale::default_rating();
    renamed.ratings[2].name = "Partly true".into();
    let edit = s.scale_edit(
        ScaleKind::Rating,
        renamed,
        &[("Half true".into(), "Partly true".into())],
    );
    assert_eq!(edit.describe(), "rating scale change");
    let undo = s.apply(edit).unwrap();
    assert_eq!(
        s.get(id).unwrap().body.verdict.as_deref(),
        Some("Partly true")
    );
    s.apply(undo).unwrap();
    assert_eq!(s, before);
}

#[test]
fn details_are_an_edit_and_stamps_stay_out_of_descriptions() {
    let (mut s, id) = with_claim();
    let details = ArticleDetails {
        publisher: "Reuters".into(),
        ..ArticleDetails::default()
    };
    let undo = s.apply(Edit::SetDetails(details.clone())).unwrap();
    assert_eq!(s.details(), &details);
    s.apply(undo).unwrap();
    assert!(s.details().is_empty());
    let now = crate::model::Stamp::parse("2026-12-03T10:00:00Z").unwrap();
    let edit = Edit::Set {
        id,
        field: Field::Status(Status::Checking),
    }
    .stamped(&[id], &now);
    assert_eq!(edit.describe(), "status checking");
    let undo = s.apply(edit).unwrap();
    assert_eq!(s.get(id).unwrap().body.changed, Some(now));
    assert_eq!(undo.describe(), "status to check");
    s.apply(undo).unwrap();
    assert_eq!(s.get(id).unwrap().body.changed, None);
}

#[test]
fn a_loaded_verdict_outside_the_scale_is_refused() {
    let article = Arc::clone(session().article());
    let annotation = Annotation {
        id: AnnotationId(1),
        span: Span::new(0, 7),
        body: std::sync::Arc::new(Body {
            verdict: Some("Pants on fire".into()),
            ..Body::new(Tag::Claim)
        }),
    };
    let result = Session::from_parts_with(
        Arc::clone(&article),
        vec![annotation.clone()],
        Vec::new(),
        Scales::default(),
        ArticleDetails::default(),
    );
    assert!(matches!(result, Err(EditError::NotInScale { .. })));
    let mut scales = Scales::default();
    scales.0[0].ratings.push(crate::model::Rating {
        name: "Pants on fire".into(),
        description: String::new(),
        colour: crate::model::Colour([255, 0, 0]),
        retired: false,
    });
    let loaded = Session::from_parts_with(
        article,
        vec![annotation],
        Vec::new(),
        scales,
        ArticleDetails::default(),
    )
    .unwrap();
    assert_eq!(
        loaded.scale_for(Tag::Claim).number_of("Pants on fire"),
        Some(8)
    );
}

#[test]
fn adopting_annotations_is_one_step_with_fresh_ids_and_keeps_an_unknown_verdict_in_the_note() {
    let mut session = session();
    let first = session.add_edit(Tag::Claim, Span::new(0, 7));
    session.apply(first).unwrap();
    let mut known = Body::new(Tag::Statistic);
    known.verdict = Some("False".to_owned());
    let mut unknown = Body::new(Tag::Claim);
    unknown.note = "from doccano".to_owned();
    unknown.verdict = Some("Pants on fire".to_owned());
    let (edit, moved) =
        session.adopt_edit([(Span::new(17, 19), known), (Span::new(8, 16), unknown)]);
    assert_eq!(moved, ["Pants on fire"]);
    let undo = session.apply(edit).unwrap();
    assert_eq!(session.annotations().len(), 3);
    let ids: Vec<u64> = session.annotations().iter().map(|a| a.id.0).collect();
    assert_eq!(ids, [1, 3, 2], "fresh ids, document order");
    let claim = session.get(AnnotationId(3)).unwrap();
    assert_eq!(claim.body.verdict, None);
    assert_eq!(
        claim.body.note,
        "from doccano\nVerdict given: Pants on fire"
    );
    assert_eq!(
        session
            .get(AnnotationId(2))
            .unwrap()
            .body
            .verdict
            .as_deref(),
        Some("False")
    );
    session.apply(undo).unwrap();
    assert_eq!(session.annotations().len(), 1, "one undo step");
}

#[test]
fn an_edit_while_a_copy_is_held_shares_every_body_it_does_not_change() {
    let mut s = session();
    for (start, end) in [(17, 39), (0, 7), (8, 16)] {
        let add = s.add_edit(Tag::Claim, Span::new(start, end));
        s.apply(add).unwrap();
    }
    // What a save or a worker holds while the analyst goes on.
    let held = s.clone();
    let noted = s.annotations()[1].id;
    s.apply(Edit::Set {
        id: noted,
        field: Field::Note("checked".to_owned()),
    })
    .unwrap();
    for (now, then) in s.annotations().iter().zip(held.annotations()) {
        assert_eq!(now.id, then.id);
        if now.id == noted {
            assert_eq!(now.body.note, "checked");
            assert_eq!(
                then.body.note, "",
                "the held copy keeps the state it was taken in"
            );
        } else {
            assert!(
                Arc::ptr_eq(&now.body, &then.body),
                "an unchanged body is shared, not copied"
            );
        }
    }
}
