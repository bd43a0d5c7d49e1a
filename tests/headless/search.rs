//! Find in the article (`model::search`), checked against a naive scan on random text: on
//! ASCII text ignoring case equals searching the lowercased text; on any Unicode text every
//! match lies on character boundaries, reads as the query up to case, and matches are in
//! order without overlaps.

use factmark::model::Span;
use factmark::model::search::{
    CaseMatching, FoldedText, Found, begin_exact, find_exact, first_exact_from, resume_exact,
    search_exact,
};
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

/// Types `query` a character at a time, each search begun from the last one while that one
/// was still incomplete, and each resumed in slices of `budget` bytes (as the find bar does,
/// a few frames at a time); every step, once complete, equals a search from scratch.
fn resumed_in_slices_agrees(
    text: &str,
    query: &str,
    budget: usize,
    scanned_before_typing: usize,
) -> Result<(), TestCaseError> {
    let folded = FoldedText::new(text);
    let typed: Vec<String> = (1..=query.chars().count())
        .map(|n| query.chars().take(n).collect())
        .collect();
    let (mut ignoring, mut exact): (Option<Found>, Option<Found>) = (None, None);
    for step in &typed {
        // The last search ran only a little before the next key came.
        let mut found = folded.begin(step, ignoring.as_ref());
        folded.resume(&mut found, scanned_before_typing);
        ignoring = Some(found.clone());
        let mut rounds = 0;
        while !folded.resume(&mut found, budget) {
            rounds += 1;
            prop_assert!(rounds <= text.len() + 1, "a search ends");
        }
        let fresh = folded.find(step);
        prop_assert_eq!(found.matches(), fresh.as_slice(), "{:?}", step);

        let mut found = begin_exact(text, step, exact.as_ref());
        resume_exact(text, &mut found, scanned_before_typing);
        exact = Some(found.clone());
        while !resume_exact(text, &mut found, budget) {}
        let fresh = find_exact(text, step);
        prop_assert_eq!(found.matches(), fresh.as_slice(), "{:?}", step);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn a_search_resumed_in_slices_equals_a_fresh_search(
        text in "[abAB\u{212A}k ]{0,80}",
        query in "[abAB\u{212A}k]{1,5}",
        budget in 1usize..12,
        scanned_before_typing in 0usize..40,
    ) {
        resumed_in_slices_agrees(&text, &query, budget, scanned_before_typing)?;
    }

    /// The typing jump finds the first occurrence at or after the cursor (else the first one),
    /// by scanning only up to it.
    #[test]
    fn the_first_match_from_an_offset_wraps_around(
        text in "[abAB\u{212A}k ]{0,60}",
        query in "[abAB\u{212A}k]{1,3}",
        from in 0usize..70,
    ) {
        let from = from.min(text.len());
        let from = (0..=from).rev().find(|&b| text.is_char_boundary(b)).unwrap_or(0);
        // Every occurrence (overlapping ones too), by brute force over character boundaries.
        let every = |haystack: &str, needle: &str| -> Vec<Span> {
            (0..=haystack.len())
                .filter(|&b| haystack.is_char_boundary(b))
                .filter_map(|b| {
                    let rest = &haystack[b..];
                    let mut end = b;
                    let mut chars = rest.chars();
                    for q in needle.chars() {
                        let c = chars.next()?;
                        if fold(&c.to_string()) != fold(&q.to_string()) {
                            return None;
                        }
                        end += c.len_utf8();
                    }
                    Some(Span::new(b, end))
                })
                .collect()
        };
        let all = every(&text, &query);
        let expected = all.iter().find(|s| s.start >= from).or(all.first()).copied();
        prop_assert_eq!(FoldedText::new(&text).first_from(&query, from), expected);
        let exact: Vec<Span> = (0..=text.len())
            .filter(|&b| text.is_char_boundary(b) && text[b..].starts_with(query.as_str()))
            .map(|b| Span::new(b, b + query.len()))
            .collect();
        let expected = exact.iter().find(|s| s.start >= from).or(exact.first()).copied();
        prop_assert_eq!(first_exact_from(&text, &query, from), expected);
    }
}
