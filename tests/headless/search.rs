//! Find in the article (`model::search`), checked against a naive scan on random text: on
//! ASCII text ignoring case equals searching the lowercased text; on any Unicode text every
//! match lies on character boundaries, reads as the query up to case, and matches are in
//! order without overlaps.

use factmark::model::Span;
use factmark::model::search::{CaseMatching, FoldedText, Found, find_exact, search_exact};
use proptest::prelude::*;

fn fold(text: &str) -> String {
    text.chars()
        .map(|c| {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(single), None) => single,
                _ => c,
            }
        })
        .collect()
}

fn search(text: &str, query: &str, case: CaseMatching) -> Vec<Span> {
    match case {
        CaseMatching::Ignore => FoldedText::new(text).find(query),
        CaseMatching::Exact => find_exact(text, query),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn ascii_ignoring_case_is_a_lowercase_scan(
        text in "[a-cA-C ]{0,60}",
        query in "[a-cA-C]{1,3}",
    ) {
        let lower = text.to_ascii_lowercase();
        let naive: Vec<Span> = lower
            .match_indices(&query.to_ascii_lowercase())
            .map(|(start, m)| Span::new(start, start + m.len()))
            .collect();
        prop_assert_eq!(search(&text, &query, CaseMatching::Ignore), naive);
        let exact: Vec<Span> = text
            .match_indices(&query)
            .map(|(start, m)| Span::new(start, start + m.len()))
            .collect();
        prop_assert_eq!(search(&text, &query, CaseMatching::Exact), exact);
    }

    #[test]
    fn unicode_matches_are_whole_characters_equal_to_the_query_up_to_case(
        text in "[aAkK\u{212A}İıßẞΣσςЖж日 ]{0,40}",
        query in "[aAkK\u{212A}İıßẞΣσςЖж日]{1,3}",
    ) {
        let matches = search(&text, &query, CaseMatching::Ignore);
        let mut end = 0;
        for span in matches {
            prop_assert!(span.start >= end, "in order, no overlap");
            end = span.end;
            let found = span.slice(&text);
            prop_assert!(found.is_some(), "{:?} not on character boundaries", span);
            prop_assert_eq!(fold(found.unwrap()), fold(&query));
        }
    }
}

/// Types `query` a character at a time (then deletes back to its first character and adds
/// the rest again), each search narrowed from the one before, and checks every step against
/// a search from scratch.
fn narrowing_agrees(text: &str, query: &str) -> Result<(), TestCaseError> {
    let folded = FoldedText::new(text);
    let mut typed: Vec<String> = (1..=query.chars().count())
        .map(|n| query.chars().take(n).collect())
        .collect();
    let back: Vec<String> = typed.iter().rev().cloned().collect();
    typed.extend(back);
    let (mut ignoring, mut exact): (Option<Found>, Option<Found>) = (None, None);
    for step in &typed {
        let found = folded.search(step, ignoring.as_ref());
        let fresh = folded.find(step);
        prop_assert_eq!(found.matches(), fresh.as_slice(), "{:?}", step);
        ignoring = Some(found);
        let found = search_exact(text, step, exact.as_ref());
        let fresh = find_exact(text, step);
        prop_assert_eq!(found.matches(), fresh.as_slice(), "{:?}", step);
        exact = Some(found);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Few letters, so queries overlap themselves ("aab" in "aaab" starts inside the first
    /// leftmost match of "aa") and the text holds characters that fold to another length.
    #[test]
    fn a_growing_query_narrowed_from_the_last_equals_a_fresh_search(
        text in "[abAB\u{212A}k ]{0,80}",
        query in "[abAB\u{212A}k]{1,5}",
    ) {
        narrowing_agrees(&text, &query)?;
    }
}

#[test]
fn narrowing_finds_matches_the_shorter_query_skipped_over() {
    let text = "aaab aab";
    let folded = FoldedText::new(text);
    let aa = folded.search("aa", None);
    assert_eq!(aa.matches(), [Span::new(0, 2), Span::new(5, 7)]);
    let aab = folded.search("aab", Some(&aa));
    assert_eq!(aab.matches(), [Span::new(1, 4), Span::new(5, 8)]);
    // A query that holds the last one in its middle is narrowed too.
    let baa = folded.search(" aab", Some(&aab));
    assert_eq!(baa.matches(), [Span::new(4, 8)]);
}

#[test]
fn narrowing_past_the_limit_falls_back_to_a_full_scan() {
    let text = format!("{}b", "a".repeat(factmark::model::search::MAX_MATCHES + 10));
    let folded = FoldedText::new(&text);
    let a = folded.search("a", None);
    assert_eq!(a.matches().len(), factmark::model::search::MAX_MATCHES);
    let ab = folded.search("ab", Some(&a));
    let start = text.len() - 2;
    assert_eq!(ab.matches(), [Span::new(start, start + 2)]);
}

#[test]
fn a_one_letter_query_on_a_long_text_stops_at_the_limit() {
    let text = "a".repeat(factmark::model::search::MAX_MATCHES + 10);
    let matches = search(&text, "A", CaseMatching::Ignore);
    assert_eq!(matches.len(), factmark::model::search::MAX_MATCHES);
}
