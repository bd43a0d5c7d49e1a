//! The approximate substring search under anchoring: a q-gram index of the new text (built
//! once per matcher) and Sellers' bounded edit distance with Ukkonen's cut-off. Pure
//! functions over `char` slices; the placement rules stay in `matcher` and `fuzzy`.

/// A q-gram of characters as one number: 21 bits per character (every `char` fits), so
/// up to 3 characters never collide.
pub(super) fn gram(chars: &[char]) -> u64 {
    chars
        .iter()
        .fold(0, |code, &c| (code << 21) | u64::from(u32::from(c)))
}

/// Every position of every q-gram of a text, sorted by q-gram: built once per re-anchoring
/// (`n log n`), then each quote looks up its own q-grams instead of scanning the text.
pub(super) struct QGramIndex {
    /// The q-gram codes, sorted.
    codes: Vec<u64>,
    /// `positions[i]`: where `codes[i]` starts in the text (ascending within one code).
    positions: Vec<u32>,
}

impl QGramIndex {
    /// Indexes the q-grams of `chars`, whose length fits in `u32` (checked by the caller).
    pub(super) fn new(chars: &[char], q: usize) -> Self {
        let mut pairs: Vec<(u64, u32)> = chars
            .windows(q)
            .zip(0u32..)
            .map(|(window, at)| (gram(window), at))
            .collect();
        pairs.sort_unstable();
        let (codes, positions) = pairs.into_iter().unzip();
        Self { codes, positions }
    }

    /// Where q-gram `code` occurs, in text order.
    pub(super) fn occurrences(&self, code: u64) -> &[u32] {
        let from = self.codes.partition_point(|&c| c < code);
        let to = from + self.codes[from..].partition_point(|&c| c == code);
        &self.positions[from..to]
    }
}

/// `chars` without leading and trailing spaces.
pub(super) fn trim_spaces(chars: &[char]) -> &[char] {
    let start = chars.iter().position(|c| *c != ' ').unwrap_or(chars.len());
    let end = chars
        .iter()
        .rposition(|c| *c != ' ')
        .map_or(start, |e| e + 1);
    &chars[start..end]
}

/// The substring of `text` closest to `pattern` in edit distance, if within `k` edits:
/// `(start, end, distance)`. Among equally close ones, the one ending nearest
/// `expected + pattern.len()`.
#[cfg(test)]
pub(super) fn best_match(
    pattern: &[char],
    text: &[char],
    k: usize,
    expected: usize,
) -> Option<(usize, usize, usize)> {
    let target = expected + pattern.len();
    let (distance, _, end) = best_end(pattern, text, k, 0, target, 0..=text.len())?;
    Some((start_of(pattern, text, end, k), end, distance))
}

/// The best end of an approximate occurrence of `pattern` in `text` (which starts at
/// `offset` of the whole text): `(distance, gap, end)`, with `end` counted in the whole text
/// and among ends in `accept`. Fewest edits (at most `k`) first, then the end nearest
/// `target_end` (`gap`), then the earliest. Sellers' algorithm (free start in the text) with
/// Ukkonen's cut-off: only rows that can still stay within `k` are computed.
pub(super) fn best_end(
    pattern: &[char],
    text: &[char],
    k: usize,
    offset: usize,
    target_end: usize,
    accept: std::ops::RangeInclusive<usize>,
) -> Option<(usize, usize, usize)> {
    let m = pattern.len();
    // col[i] = edit distance of pattern[..i] to the best substring ending here. Rows past
    // `last` are known to exceed k and hold some value above k.
    let mut col: Vec<usize> = (0..=m).collect();
    let mut last = k.min(m);
    let mut best: Option<(usize, usize, usize)> = None; // (distance, gap, end)
    for (j, &c) in text.iter().enumerate() {
        let limit = (last + 1).min(m);
        let mut diag = 0; // D[i-1][j-1]; row 0 is always 0
        let mut above = 0; // D[i-1][j]
        for i in 1..=limit {
            let left = col[i];
            let substitute = diag + usize::from(pattern[i - 1] != c);
            let value = substitute.min(left + 1).min(above + 1);
            diag = left;
            col[i] = value;
            above = value;
        }
        let mut l = limit;
        while l > 0 && col[l] > k {
            l -= 1;
        }
        last = l;
        let end = offset + j + 1;
        if limit == m && col[m] <= k && accept.contains(&end) {
            let candidate = (col[m], end.abs_diff(target_end), end);
            if best.is_none_or(|b| (candidate.0, candidate.1) < (b.0, b.1)) {
                best = Some(candidate);
            }
        }
    }
    best
}

/// Edit distance between `a` and `b` if at most `k`, else `None`; stops as soon as every
/// entry of a row exceeds `k`.
pub(super) fn bounded_distance(a: &[char], b: &[char], k: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > k {
        return None;
    }
    let mut row: Vec<usize> = (0..=b.len()).collect();
    let mut next = Vec::with_capacity(b.len() + 1);
    for (i, ca) in a.iter().enumerate() {
        next.clear();
        next.push(i + 1);
        for (j, cb) in b.iter().enumerate() {
            let value = (row[j] + usize::from(ca != cb))
                .min(row[j + 1] + 1)
                .min(next[j] + 1);
            next.push(value);
        }
        if next.iter().all(|&v| v > k) {
            return None;
        }
        std::mem::swap(&mut row, &mut next);
    }
    Some(row[b.len()]).filter(|&d| d <= k)
}

/// Where the best approximate match of `pattern` ending at `end` starts: the start whose
/// substring is closest to `pattern`, preferring a length near the pattern's.
pub(super) fn start_of(pattern: &[char], text: &[char], end: usize, k: usize) -> usize {
    let m = pattern.len();
    let width = (m + k).min(end);
    // D[i][t] = distance of the last i pattern chars to the last t text chars before `end`.
    let mut row: Vec<usize> = (0..=width).collect(); // i = 0
    for i in 1..=m {
        let p = pattern[m - i];
        let mut next = Vec::with_capacity(width + 1);
        next.push(i);
        for t in 1..=width {
            let substitute = row[t - 1] + usize::from(text[end - t] != p);
            let value = substitute.min(row[t] + 1).min(next[t - 1] + 1);
            next.push(value);
        }
        row = next;
    }
    let best_t = (0..=width)
        .min_by_key(|&t| (row[t], t.abs_diff(m)))
        .unwrap_or(0);
    end - best_t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn approximate_search_finds_a_typo_fix() {
        let text: Vec<char> = "so it was said that over 50,000 people left"
            .chars()
            .collect();
        let pattern: Vec<char> = "over 50,00 people".chars().collect();
        let (start, end, d) = best_match(&pattern, &text, 3, 0).unwrap();
        let found: String = text[start..end].iter().collect();
        assert_eq!((found.as_str(), d), ("over 50,000 people", 1));
        assert!(
            best_match(
                &pattern,
                &"nothing like it".chars().collect::<Vec<_>>(),
                3,
                0
            )
            .is_none()
        );
    }

    /// Plain edit distance, for checking the cut-off search against.
    fn distance(a: &[char], b: &[char]) -> usize {
        let mut row: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.iter().enumerate() {
            let mut next = vec![i + 1];
            for (j, cb) in b.iter().enumerate() {
                next.push(
                    (row[j] + usize::from(ca != cb))
                        .min(row[j + 1] + 1)
                        .min(next[j] + 1),
                );
            }
            row = next;
        }
        row[b.len()]
    }

    #[test]
    fn cut_off_search_agrees_with_brute_force() {
        let mut rng = crate::testing::Rng::new(0x1234_5678);
        let mut next = |n: usize| rng.below(n);
        let alphabet = ['a', 'b', 'c', ' '];
        for _ in 0..2000 {
            let text: Vec<char> = (0..next(14)).map(|_| alphabet[next(3)]).collect();
            let pattern: Vec<char> = (0..1 + next(6)).map(|_| alphabet[next(4)]).collect();
            let k = next(4).min(pattern.len() - 1); // as in use: fewer edits than characters
            let mut best = usize::MAX;
            for s in 0..=text.len() {
                for e in s..=text.len() {
                    best = best.min(distance(&pattern, &text[s..e]));
                }
            }
            match best_match(&pattern, &text, k, 0) {
                Some((s, e, d)) => {
                    assert_eq!(d, best, "{pattern:?} in {text:?}, k {k}");
                    assert_eq!(
                        distance(&pattern, &text[s..e]),
                        d,
                        "{pattern:?} in {text:?}"
                    );
                }
                None => assert!(best > k, "{pattern:?} in {text:?}: {best} <= {k}"),
            }
        }
    }

    #[test]
    fn bounded_distance_is_the_edit_distance_or_none() {
        let mut rng = crate::testing::Rng::new(0xD15);
        let alphabet = ['x', 'y', 'z'];
        for _ in 0..2000 {
            let a: Vec<char> = (0..rng.below(9)).map(|_| alphabet[rng.below(3)]).collect();
            let b: Vec<char> = (0..rng.below(9)).map(|_| alphabet[rng.below(3)]).collect();
            let k = rng.below(5);
            let d = distance(&a, &b);
            assert_eq!(
                bounded_distance(&a, &b, k),
                (d <= k).then_some(d),
                "{a:?} {b:?} {k}"
            );
        }
    }
}
