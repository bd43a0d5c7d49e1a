//! The article view's height index: one slot height per paragraph (measured once laid out,
//! estimated before that) with prefix sums in a Fenwick tree, so the top of any paragraph,
//! the paragraph at any height and a correction each cost O(log n), not O(paragraphs).

/// Slot heights of all paragraphs (points, including the gaps around each paragraph).
#[derive(Default)]
pub(super) struct HeightIndex {
    heights: Vec<f32>,
    measured: Vec<bool>,
    /// Fenwick tree over `heights` (1-based), in f64 so corrections never drift.
    tree: Vec<f64>,
}

impl HeightIndex {
    /// An index of estimated (not yet measured) heights. O(n).
    pub(super) fn new(heights: Vec<f32>) -> Self {
        let n = heights.len();
        let mut tree = vec![0.0; n + 1];
        for (i, &h) in heights.iter().enumerate() {
            let node = i + 1;
            tree[node] += f64::from(h);
            let parent = node + (node & node.wrapping_neg());
            if parent <= n {
                tree[parent] += tree[node];
            }
        }
        Self {
            measured: vec![false; n],
            heights,
            tree,
        }
    }

    /// Number of paragraphs.
    pub(super) fn len(&self) -> usize {
        self.heights.len()
    }

    /// Current height of paragraph `i` (measured or estimated).
    pub(super) fn height(&self, i: usize) -> f32 {
        self.heights[i]
    }

    /// True when paragraph `i` has been laid out at the current width.
    pub(super) fn is_measured(&self, i: usize) -> bool {
        self.measured[i]
    }

    /// Records the laid-out height of paragraph `i`.
    pub(super) fn set_measured(&mut self, i: usize, height: f32) {
        self.measured[i] = true;
        let delta = f64::from(height) - f64::from(self.heights[i]);
        self.heights[i] = height;
        if delta == 0.0 {
            return;
        }
        let mut node = i + 1;
        while node < self.tree.len() {
            self.tree[node] += delta;
            node += node & node.wrapping_neg();
        }
    }

    /// Sum of the heights of paragraphs `0..i`: the top of paragraph `i`.
    pub(super) fn top(&self, i: usize) -> f64 {
        let mut sum = 0.0;
        let mut node = i.min(self.len());
        while node > 0 {
            sum += self.tree[node];
            node &= node - 1;
        }
        sum
    }

    /// Sum of all heights.
    pub(super) fn total(&self) -> f64 {
        self.top(self.len())
    }

    /// The paragraph whose slot contains height `y` (clamped to the first and last).
    pub(super) fn find(&self, y: f64) -> usize {
        let n = self.len();
        if n == 0 || y <= 0.0 {
            return 0;
        }
        let mut pos = 0;
        let mut rest = y;
        let mut step = n.next_power_of_two();
        while step > 0 {
            let next = pos + step;
            if next <= n && self.tree[next] <= rest {
                pos = next;
                rest -= self.tree[next];
            }
            step /= 2;
        }
        pos.min(n - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_sums_find_and_corrections() {
        let mut index = HeightIndex::new(vec![10.0, 20.0, 30.0, 40.0, 50.0]);
        assert_eq!(index.total(), 150.0);
        assert_eq!(index.top(3), 60.0);
        assert_eq!(index.find(-5.0), 0);
        assert_eq!(index.find(9.9), 0);
        assert_eq!(index.find(10.0), 1);
        assert_eq!(index.find(59.0), 2);
        assert_eq!(index.find(149.0), 4);
        assert_eq!(index.find(1e9), 4);
        assert!(!index.is_measured(1));
        index.set_measured(1, 25.0);
        assert!(index.is_measured(1));
        assert_eq!(index.height(1), 25.0);
        assert_eq!(index.top(2), 35.0);
        assert_eq!(index.total(), 155.0);
        assert_eq!(index.find(34.0), 1);
        assert_eq!(index.find(35.0), 2);
    }

    #[test]
    fn matches_a_plain_prefix_sum_on_many_paragraphs() {
        let heights: Vec<f32> = (0..1000).map(|i| 20.0 + (i % 17) as f32).collect();
        let mut index = HeightIndex::new(heights.clone());
        let mut plain = heights;
        for i in (0..1000).step_by(7) {
            index.set_measured(i, 33.0);
            plain[i] = 33.0;
        }
        let mut sum = 0.0;
        for (i, h) in plain.iter().enumerate() {
            assert!((index.top(i) - sum).abs() < 1e-6);
            assert_eq!(index.find(sum + 0.5), i);
            sum += f64::from(*h);
        }
        assert_eq!(HeightIndex::new(Vec::new()).find(3.0), 0);
    }
}
