//! Step 3 of placing an anchor: the closest approximate occurrence of the quote, if it is
//! similar enough, snapped to word boundaries; with the q-gram filter that skips the parts
//! of the text where no match can be.

use super::Placement;
use super::matcher::{Edges, Matcher, is_word_char};
use super::search::{best_end, bounded_distance, gram, start_of, trim_spaces};

/// Least similarity (percent; 100 − 100 × edits / length) for an approximate match.
pub const FUZZY_THRESHOLD_PERCENT: usize = 80;

/// Most dynamic-programming cells one approximate search may visit (quote length × text
/// window). Beyond it the search looks only at a window around the old position.
pub const MAX_FUZZY_CELLS: usize = 40_000_000;

impl Matcher<'_> {
    /// Step 3: the closest approximate occurrence, if similar enough, snapped to words.
    pub(super) fn approximate(
        &self,
        quote: &[char],
        expected: usize,
        edges: Edges,
        scratch: &mut Vec<u32>,
    ) -> Placement {
        let m = quote.len();
        let k = m * (100 - FUZZY_THRESHOLD_PERCENT) / 100;
        if k == 0 || m * (m + k) > MAX_FUZZY_CELLS {
            return Placement::Orphaned;
        }
        let n = self.chars.len();
        let width = (MAX_FUZZY_CELLS / m).max(m + k);
        let (lo, hi) = if n <= width {
            (0, n)
        } else {
            let lo = expected.saturating_sub(width / 2).min(n - width);
            (lo, lo + width)
        };
        let target_end = lo + expected.saturating_sub(lo) + m;
        let found = if self.filter && u32::try_from(n).is_ok() {
            self.filtered_best_end(quote, k, lo, hi, target_end, scratch)
        } else {
            best_end(quote, &self.chars[lo..hi], k, lo, target_end, lo..=hi)
        };
        let Some((distance, _, end)) = found else {
            return Placement::Orphaned;
        };
        let from = lo + start_of(quote, &self.chars[lo..hi], end - lo, k);
        let found = trim_spaces(&self.chars[from..end]);
        if found.is_empty() {
            return Placement::Orphaned;
        }
        let lead = self.chars[from..end]
            .iter()
            .take_while(|c| **c == ' ')
            .count();
        let (from, to) = (from + lead, from + lead + found.len());
        let similarity = 100 - (100 * distance).div_ceil(m.max(to - from));
        if similarity < FUZZY_THRESHOLD_PERCENT {
            return Placement::Orphaned;
        }
        if !self.cuts_words(from, to, edges) {
            return Placement::Fuzzy {
                span: self.span_of(from, to),
                similarity,
            };
        }
        self.snapped(quote, from, to, k, edges)
    }

    /// A fuzzy match `from..to` that cuts a word, moved to word boundaries: each cut edge
    /// is tried both widened to take the whole word and narrowed to leave it out; the most
    /// similar result that still reaches the threshold wins (widening on a tie). `None`
    /// (an orphan) when no snapped range is similar enough: half a word is never attached.
    fn snapped(&self, quote: &[char], from: usize, to: usize, k: usize, edges: Edges) -> Placement {
        let mut starts = vec![from];
        if !edges.start_inside && self.splits_word(from) {
            let mut wide = from;
            while wide > 0 && is_word_char(self.chars[wide - 1]) {
                wide -= 1;
            }
            let mut narrow = from;
            while narrow < to && is_word_char(self.chars[narrow]) {
                narrow += 1;
            }
            while narrow < to && self.chars[narrow] == ' ' {
                narrow += 1;
            }
            starts = vec![wide, narrow];
        }
        let mut ends = vec![to];
        if !edges.end_inside && self.splits_word(to) {
            let mut wide = to;
            while wide < self.chars.len() && is_word_char(self.chars[wide]) {
                wide += 1;
            }
            let mut narrow = to;
            while narrow > from && is_word_char(self.chars[narrow - 1]) {
                narrow -= 1;
            }
            while narrow > from && self.chars[narrow - 1] == ' ' {
                narrow -= 1;
            }
            ends = vec![wide, narrow];
        }
        let m = quote.len();
        let mut best: Option<(usize, usize, usize)> = None; // (similarity, from, to)
        for &s in &starts {
            for &e in &ends {
                if s >= e {
                    continue;
                }
                let Some(d) = bounded_distance(quote, &self.chars[s..e], k) else {
                    continue;
                };
                let similarity = 100 - (100 * d).div_ceil(m.max(e - s));
                if similarity >= FUZZY_THRESHOLD_PERCENT
                    && best.is_none_or(|(b, _, _)| similarity > b)
                {
                    best = Some((similarity, s, e));
                }
            }
        }
        match best {
            Some((similarity, s, e)) => Placement::Fuzzy {
                span: self.span_of(s, e),
                similarity,
            },
            None => Placement::Orphaned,
        }
    }

    /// [`best_end`] over `lo..hi`, run only where the q-gram lemma allows a match: a
    /// substring within `k` edits of the `m`-character quote keeps at least
    /// `m − q + 1 − k·q` of the quote's q-grams intact, all on k + 1 adjacent diagonals.
    /// Hits come from the q-gram index (built once per re-anchoring), are counted per group
    /// of diagonals, and only where two adjacent groups hold enough does the exact search
    /// run, on a short stretch. Same result as the full search (the earliest of the equally
    /// good ends); when nothing is close, it costs the index look-ups, not a pass over the
    /// whole text.
    fn filtered_best_end(
        &self,
        quote: &[char],
        k: usize,
        lo: usize,
        hi: usize,
        target_end: usize,
        scratch: &mut Vec<u32>,
    ) -> Option<(usize, usize, usize)> {
        let m = quote.len();
        let full = || best_end(quote, &self.chars[lo..hi], k, lo, target_end, lo..=hi);
        // 3-grams filter better; short quotes need 2-grams for a bound of 2 or more.
        let q = if (m + 1).saturating_sub(3 * (k + 1)) >= 2 {
            3
        } else {
            2
        };
        let Some(threshold) = (m + 1).checked_sub(q * (k + 1)).filter(|t| *t > 0) else {
            return full();
        };
        let index = self.index(q);
        // The quote's distinct q-grams: where each is in the quote, and where in the text.
        let mut grams: Vec<(u64, usize)> = quote.windows(q).map(gram).zip(0..).collect();
        grams.sort_unstable();
        let mut distinct: Vec<(Vec<usize>, &[u32])> = Vec::new();
        for run in grams.chunk_by(|a, b| a.0 == b.0) {
            let at: Vec<usize> = run.iter().map(|&(_, i)| i).collect();
            distinct.push((at, index.occurrences(run[0].0)));
        }
        // The most frequent q-grams (" th", "the") cost the most to count: leave them out
        // while the bound, lowered by each left-out quote position, stays at 3/4 or more
        // (measured: lower bounds let through more candidates than they save in counting).
        distinct.sort_unstable_by_key(|(_, at)| std::cmp::Reverse(at.len()));
        let floor = (threshold * 3).div_ceil(4);
        let mut need = threshold;
        let mut kept = distinct.as_slice();
        while let Some(((times, at), rest)) = kept.split_first() {
            if at.is_empty() || need - floor < times.len() {
                break;
            }
            need -= times.len();
            kept = rest;
        }
        if kept.iter().map(|(i, at)| i.len() * at.len()).sum::<usize>() < need {
            return None;
        }
        // An alignment with at most k insertions and deletions stays within k + 1 adjacent
        // diagonals (text position − quote position), and every q-gram it keeps intact is a
        // hit on one of them. So count hits per group of k + 1 diagonals (shifted by m to
        // stay positive): a match needs `need` hits in two adjacent groups. Scattered hits
        // of common words fall on unrelated diagonals, unlike a block count.
        let band = k + 1;
        let groups = (self.chars.len() + m) / band + 2;
        if scratch.len() < groups {
            scratch.resize(groups, 0);
        }
        let mut touched = Vec::new();
        for (positions, at) in kept {
            for &p in *at {
                for &i in positions {
                    let g = (p as usize + m - i) / band;
                    if scratch[g] == 0 {
                        touched.push(g);
                    }
                    scratch[g] += 1;
                }
            }
        }
        let need = u32::try_from(need).unwrap_or(u32::MAX);
        let mut pairs = Vec::new();
        for &g in &touched {
            for pair in [g.saturating_sub(1), g] {
                if scratch[pair] + scratch[pair + 1] >= need {
                    pairs.push(pair);
                }
            }
        }
        for &g in &touched {
            scratch[g] = 0;
        }
        pairs.sort_unstable();
        pairs.dedup();
        // Group pair G holds diagonals [G·band − m, (G + 2)·band − m); the match starts on
        // one of them and ends between m − k and m + k characters later. Merge these end
        // ranges, then search each with `w` characters of lead-in so the search is exact.
        let w = m + k;
        let mut ranges: Vec<(usize, usize)> = Vec::new();
        for g in pairs {
            let first = (g * band + m - k).saturating_sub(m);
            let last = ((g + 2) * band + m + k).saturating_sub(m);
            let range = (first.max(lo + 1), last.min(hi + 1));
            if range.0 >= range.1 {
                continue;
            }
            match ranges.last_mut() {
                Some(last) if last.1 >= range.0 => last.1 = last.1.max(range.1),
                _ => ranges.push(range),
            }
        }
        let mut best: Option<(usize, usize, usize)> = None;
        for (first, last) in ranges {
            let start = first.saturating_sub(w).max(lo);
            let stop = (last - 1).min(hi);
            let found = best_end(
                quote,
                &self.chars[start..stop],
                k,
                start,
                target_end,
                first..=last - 1,
            );
            if let Some(found) = found
                && best.is_none_or(|b| (found.0, found.1) < (b.0, b.1))
            {
                best = Some(found);
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Article;

    #[test]
    fn the_q_gram_filter_agrees_with_the_full_search() {
        let mut rng = crate::testing::Rng::new(0x0051_7E42);
        let alphabet = ['a', 'b', 'c', 'd', ' '];
        for case in 0..3000 {
            let len = rng.below(400);
            let text: String = (0..len).map(|_| alphabet[rng.below(5)]).collect();
            let article = Article::new("t", None, text);
            let target = Matcher::new(&article);
            let n = target.chars.len();
            let m = 5 + rng.below(25);
            // Half the patterns are edited copies of a piece of the text (near matches),
            // half are random (mostly no match).
            let mut pattern: Vec<char> = if n > m && case % 2 == 0 {
                let at = rng.below(n - m);
                target.chars[at..at + m].to_vec()
            } else {
                (0..m).map(|_| alphabet[rng.below(5)]).collect()
            };
            for _ in 0..rng.below(4) {
                let at = rng.below(pattern.len());
                pattern[at] = alphabet[rng.below(5)];
            }
            let k = m * (100 - FUZZY_THRESHOLD_PERCENT) / 100;
            let (lo, hi) = if n > 10 && case % 3 == 0 {
                let lo = rng.below(n / 2);
                (lo, lo + rng.below(n - lo))
            } else {
                (0, n)
            };
            let target_end = lo + rng.below(hi - lo + 1) + m;
            let full = best_end(&pattern, &target.chars[lo..hi], k, lo, target_end, lo..=hi);
            let mut scratch = Vec::new();
            let fast = target.filtered_best_end(&pattern, k, lo, hi, target_end, &mut scratch);
            assert_eq!(fast, full, "case {case}: {pattern:?} in {lo}..{hi} of {n}");
            assert!(scratch.iter().all(|&c| c == 0), "scratch is left clean");
        }
    }
}
