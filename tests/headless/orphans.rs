//! Orphans in the model: random sequences of orphan edits (re-attach, delete, restore, retag,
//! note) mixed with annotation edits, applied through the undo history; undoing everything
//! gives back the start, redoing everything gives back the end, ids stay unique.

use std::collections::BTreeSet;
use std::sync::Arc;

use factmark::model::{
    AnnotationId, Article, Body, Edit, Field, History, Orphan, Quote, Selection, Session, Span, Tag,
};

const TEXT: &str =
    "Belarus released 14 political prisoners on Saturday. Около 300 000 уехали. 🙂 北京.";

fn start() -> Session {
    let orphans = (1..=4)
        .map(|i| Orphan {
            id: AnnotationId(i * 10),
            quote: Quote {
                text: format!("lost text {i}"),
                prefix: "p ".into(),
                suffix: " s".into(),
            },
            body: std::sync::Arc::new(Body {
                note: format!("note {i}"),
                ..Body::new(Tag::ALL[i as usize % 3])
            }),
        })
        .collect();
    Session::from_parts(Arc::new(Article::new("t", None, TEXT)), Vec::new(), orphans).unwrap()
}

/// Word spans of the text (valid, non-blank, on char boundaries).
fn words() -> Vec<Span> {
    let mut spans = Vec::new();
    let mut from = None;
    for (i, c) in TEXT
        .char_indices()
        .chain(std::iter::once((TEXT.len(), ' ')))
    {
        match (c.is_whitespace(), from) {
            (false, None) => from = Some(i),
            (true, Some(s)) => {
                spans.push(Span::new(s, i));
                from = None;
            }
            _ => {}
        }
    }
    spans
}

fn ids(s: &Session) -> Vec<AnnotationId> {
    s.annotations()
        .iter()
        .map(|a| a.id)
        .chain(s.orphans().iter().map(|o| o.id))
        .collect()
}

#[test]
fn random_orphan_edits_undo_and_redo_exactly() {
    let spans = words();
    let mut rng = factmark::testing::Rng::new(0x0123_4567_89AB_CDEF);
    let mut next = |n: usize| rng.below(n);
    for _case in 0..300 {
        let mut session = start();
        let mut history = History::new();
        let mut applied = 0;
        for _ in 0..20 {
            let orphan_ids: Vec<AnnotationId> = session.orphans().iter().map(|o| o.id).collect();
            let annotation_ids: Vec<AnnotationId> =
                session.annotations().iter().map(|a| a.id).collect();
            let any = |v: &[AnnotationId], k: usize| v.get(k % v.len().max(1)).copied();
            let edit = match next(7) {
                0 => any(&orphan_ids, next(8)).map(|id| Edit::Reattach {
                    id,
                    span: spans[next(spans.len())],
                }),
                1 => any(&orphan_ids, next(8)).map(Edit::RemoveOrphan),
                2 => any(&orphan_ids, next(8)).map(|id| Edit::Set {
                    id,
                    field: Field::Note(format!("edited {}", next(100))),
                }),
                3 => any(&orphan_ids, next(8)).map(|id| Edit::Set {
                    id,
                    field: Field::Tag(Tag::ALL[next(3)]),
                }),
                4 => Some(session.add_edit(Tag::ALL[next(3)], spans[next(spans.len())])),
                5 => any(&annotation_ids, next(8)).map(Edit::Remove),
                _ => Some(Edit::AddOrphan(Orphan {
                    // Sometimes a fresh id, sometimes one in use (must be refused).
                    id: if next(2) == 0 {
                        AnnotationId(1000 + next(1000) as u64)
                    } else {
                        any(&annotation_ids, next(8)).unwrap_or(AnnotationId(10))
                    },
                    quote: Quote {
                        text: "restored".into(),
                        prefix: String::new(),
                        suffix: String::new(),
                    },
                    body: Body::new(Tag::Quote).into(),
                })),
            };
            let Some(edit) = edit else { continue };
            let before = session.clone();
            match history.apply(&mut session, edit, None, Selection::default()) {
                Ok(()) => applied += 1,
                Err(_) => assert_eq!(session, before, "a refused edit changes nothing"),
            }
            let all = ids(&session);
            let unique: BTreeSet<_> = all.iter().collect();
            assert_eq!(
                unique.len(),
                all.len(),
                "ids unique across annotations and orphans"
            );
            let counted: usize = session.counts().iter().sum();
            assert_eq!(counted, session.annotations().len());
        }
        let end = session.clone();
        for _ in 0..applied {
            history
                .undo(&mut session, Selection::default())
                .unwrap()
                .unwrap();
        }
        assert_eq!(session, start(), "undo everything gives back the start");
        for _ in 0..applied {
            history
                .redo(&mut session, Selection::default())
                .unwrap()
                .unwrap();
        }
        assert_eq!(session, end, "redo everything gives back the end");
    }
}
