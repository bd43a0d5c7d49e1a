//! Find in the article (`model::search`), checked against a naive scan on random text: on
//! ASCII text ignoring case equals searching the lowercased text; on any Unicode text every
//! match lies on character boundaries, reads as the query up to case, and matches are in
//! order without overlaps.

use factmark::model::Span;
use factmark::model::search::{CaseMatching, FoldedText, find_exact};
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

#[test]
fn a_one_letter_query_on_a_long_text_stops_at_the_limit() {
    let text = "a".repeat(factmark::model::search::MAX_MATCHES + 10);
    let matches = search(&text, "A", CaseMatching::Ignore);
    assert_eq!(matches.len(), factmark::model::search::MAX_MATCHES);
}
