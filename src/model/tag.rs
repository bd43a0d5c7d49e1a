//! The three kinds of span an analyst marks: claims, statistics and quotes.

use serde::{Deserialize, Serialize};

/// What an annotated span is. The order here is the order shown in the legend and the
/// digit key that applies it (`1` claim, `2` statistic, `3` quote).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Tag {
    /// A checkable assertion of fact.
    Claim,
    /// A number, quantity or measurement.
    Statistic,
    /// Words attributed to someone.
    Quote,
}

impl Tag {
    /// Every tag, in legend order.
    pub const ALL: [Self; 3] = [Self::Claim, Self::Statistic, Self::Quote];

    /// Human-readable name, as shown in the window and written in sessions.
    pub fn label(self) -> &'static str {
        match self {
            Self::Claim => "Claim",
            Self::Statistic => "Statistic",
            Self::Quote => "Quote",
        }
    }

    /// The digit key that applies this tag.
    pub fn digit(self) -> char {
        match self {
            Self::Claim => '1',
            Self::Statistic => '2',
            Self::Quote => '3',
        }
    }

    /// The letter key that applies this tag.
    pub fn letter(self) -> char {
        match self {
            Self::Claim => 'C',
            Self::Statistic => 'S',
            Self::Quote => 'Q',
        }
    }

    /// Position in [`Tag::ALL`], handy for per-tag arrays.
    pub fn index(self) -> usize {
        self as usize
    }

    /// Parses a tag name as written in a session file (case-sensitive, e.g. `Claim`).
    pub fn from_label(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|tag| tag.label() == name)
    }
}

impl std::fmt::Display for Tag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_labels_are_distinct() {
        for (i, a) in Tag::ALL.iter().enumerate() {
            assert_eq!(a.index(), i);
            assert_eq!(Tag::from_label(a.label()), Some(*a));
            for b in &Tag::ALL[i + 1..] {
                assert_ne!(a.digit(), b.digit());
                assert_ne!(a.letter(), b.letter());
            }
        }
        assert_eq!(Tag::from_label("claim"), None);
    }
}
