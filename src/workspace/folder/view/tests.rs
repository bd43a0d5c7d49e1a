//! Sorting by every column (both ways, ties by path) and filtering by text and state, on
//! hand-made rows and as properties of random ones.

use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use proptest::prelude::*;

use std::cmp::Ordering;

use super::*;
use crate::workspace::folder::pairing::Link;

fn row(
    name: &str,
    title: &str,
    counts: [usize; 3],
    progress: (usize, usize),
    state: State,
) -> DocumentRow {
    DocumentRow {
        article: Some(PathBuf::from(format!("/d/{name}.txt"))),
        session: None,
        link: Link::ArticleOnly,
        title: title.to_owned(),
        counts,
        orphans: 0,
        progress,
        changed: None,
        analysts: Vec::new(),
        state,
        problems: Vec::new(),
        notes: Vec::new(),
    }
}

fn rows() -> Vec<DocumentRow> {
    let mut a = row("news/a", "Vote count", [3, 1, 0], (1, 4), State::InProgress);
    a.analysts = vec!["Ana".into()];
    a.changed = Some(SystemTime::UNIX_EPOCH + Duration::from_secs(300));
    let mut b = row("b", "budget", [0, 5, 2], (5, 5), State::AllChecked);
    b.analysts = vec!["bo".into(), "ana".into()];
    b.changed = Some(SystemTime::UNIX_EPOCH + Duration::from_secs(100));
    let mut c = row("c", "Árbol", [0, 0, 0], (0, 0), State::Broken);
    c.problems = vec!["c.ron: bad".into()];
    let d = row("d", "vote count", [1, 0, 0], (0, 1), State::NotStarted);
    vec![a, b, c, d]
}

fn titles(rows: &[DocumentRow], order: &[usize]) -> Vec<String> {
    order.iter().map(|&i| rows[i].title.clone()).collect()
}

#[test]
fn each_column_sorts_both_ways_with_ties_by_path() {
    let rows = rows();
    let root = std::path::Path::new("/d");
    let sorted = |column, descending| {
        titles(
            &rows,
            &view(&rows, root, Sort { column, descending }, &Filter::default()),
        )
    };
    assert_eq!(
        sorted(Column::Title, false),
        ["budget", "vote count", "Vote count", "Árbol"]
    );
    assert_eq!(
        sorted(Column::Title, true),
        ["Árbol", "vote count", "Vote count", "budget"],
        "ties stay in path order"
    );
    assert_eq!(
        sorted(Column::Path, false),
        ["budget", "Árbol", "vote count", "Vote count"]
    );
    assert_eq!(
        sorted(Column::Count(Tag::Claim), true),
        ["Vote count", "vote count", "budget", "Árbol"]
    );
    assert_eq!(sorted(Column::Count(Tag::Statistic), true)[0], "budget");
    assert_eq!(sorted(Column::Count(Tag::Quote), true)[0], "budget");
    assert_eq!(
        sorted(Column::Checked, true),
        ["budget", "Vote count", "vote count", "Árbol"]
    );
    assert_eq!(
        sorted(Column::Changed, true),
        ["Vote count", "budget", "Árbol", "vote count"]
    );
    assert_eq!(
        sorted(Column::Analyst, false),
        ["Árbol", "vote count", "Vote count", "budget"]
    );
    assert_eq!(
        sorted(Column::State, false),
        ["vote count", "Vote count", "budget", "Árbol"]
    );
    assert_eq!(sorted(Column::Problems, true)[0], "Árbol");
}

#[test]
fn filters_by_words_in_title_path_or_analyst_and_by_state() {
    let rows = rows();
    let root = std::path::Path::new("/d");
    let shown = |text: &str, state| {
        let filter = Filter {
            text: text.into(),
            state,
        };
        titles(&rows, &view(&rows, root, Sort::default(), &filter))
    };
    assert_eq!(shown("VOTE", None), ["vote count", "Vote count"]);
    assert_eq!(
        shown("vote news/", None),
        ["Vote count"],
        "every word, the path too"
    );
    assert_eq!(shown("ana", None), ["budget", "Vote count"], "analysts");
    assert_eq!(shown("árb", None), ["Árbol"]);
    assert_eq!(shown("", Some(State::AllChecked)), ["budget"]);
    assert_eq!(shown("vote", Some(State::NotStarted)), ["vote count"]);
    assert!(shown("nothing", None).is_empty());
    assert!(Filter::default().is_empty());
}

#[test]
fn clicking_a_heading_flips_or_starts_a_sensible_way() {
    let sort = Sort::default();
    assert_eq!(
        sort.clicked(Column::Title),
        Sort {
            column: Column::Title,
            descending: true
        }
    );
    assert!(sort.clicked(Column::Changed).descending, "latest first");
    assert!(!sort.clicked(Column::Analyst).descending);
}

fn arbitrary_row() -> impl Strategy<Value = DocumentRow> {
    (
        "[a-c]{1,2}",
        "[A-Ca-c ]{0,3}",
        prop::array::uniform3(0..4usize),
        (0..3usize, 0..3usize),
        prop::sample::select(State::ALL.to_vec()),
        prop::option::of(0..5u64),
    )
        .prop_map(|(name, title, counts, (checked, more), state, changed)| {
            let mut r = row(&name, &title, counts, (checked, checked + more), state);
            r.changed = changed.map(|s| SystemTime::UNIX_EPOCH + Duration::from_secs(s));
            r
        })
}

proptest! {
    #[test]
    fn a_view_is_the_accepted_rows_in_order(
        mut rows in prop::collection::vec(arbitrary_row(), 0..12),
        column in prop::sample::select(Column::ALL.to_vec()),
        descending: bool,
        text in "[a-c]{0,1}",
        state in prop::option::of(prop::sample::select(State::ALL.to_vec())),
    ) {
        // Keys are unique paths, as in a folder.
        rows.sort_by(|a, b| a.key().cmp(b.key()));
        rows.dedup_by(|a, b| a.key() == b.key());
        let root = std::path::Path::new("/d");
        let filter = Filter { text, state };
        let sort = Sort { column, descending };
        let order = view(&rows, root, sort, &filter);
        let mut chosen = order.clone();
        chosen.sort_unstable();
        let accepted: Vec<usize> = (0..rows.len()).filter(|&i| filter.accepts(&rows[i], root)).collect();
        prop_assert_eq!(chosen, accepted);
        for pair in order.windows(2) {
            let (a, b) = (Key::of(&rows[pair[0]], column), Key::of(&rows[pair[1]], column));
            let by_column = if descending { b.cmp(&a) } else { a.cmp(&b) };
            prop_assert_ne!(by_column, Ordering::Greater);
            if by_column == Ordering::Equal {
                prop_assert!(rows[pair[0]].key() < rows[pair[1]].key(), "ties by path");
            }
        }
    }
}
