//! Which documents the list shows, in which order: sorting by any column (either way, ties
//! broken by path so the order never flickers) and filtering by text and state. Plain values
//! the window keeps in its workspace state.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::document::{DocumentRow, State};
use crate::model::Tag;

/// A column of the Documents list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Column {
    /// The document's title.
    #[default]
    Title,
    /// Its file (article, else session), relative to the folder.
    Path,
    /// Annotations with this tag.
    Count(Tag),
    /// Claims and statistics checked, as a fraction of all of them (then by how many).
    Checked,
    /// When it last changed.
    Changed,
    /// Its first analyst.
    Analyst,
    /// Its state, in [`State::ALL`] order.
    State,
    /// How many problems it has.
    Problems,
}

impl Column {
    /// Every column, in the list's order.
    pub const ALL: [Self; 10] = [
        Self::Title,
        Self::Path,
        Self::Count(Tag::Claim),
        Self::Count(Tag::Statistic),
        Self::Count(Tag::Quote),
        Self::Checked,
        Self::Changed,
        Self::Analyst,
        Self::State,
        Self::Problems,
    ];

    /// The column's heading.
    pub fn label(self) -> &'static str {
        match self {
            Self::Title => "Title",
            Self::Path => "File",
            Self::Count(Tag::Claim) => "Claims",
            Self::Count(Tag::Statistic) => "Statistics",
            Self::Count(Tag::Quote) => "Quotes",
            Self::Checked => "Checked",
            Self::Changed => "Changed",
            Self::Analyst => "Analyst",
            Self::State => "State",
            Self::Problems => "Problems",
        }
    }
}

/// The list's order: a column, ascending or descending.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sort {
    /// The column sorted by.
    pub column: Column,
    /// Largest (or latest, or last in the alphabet) first.
    pub descending: bool,
}

impl Sort {
    /// The order after clicking `column`'s heading: the same column flips direction; another
    /// column starts ascending (descending for dates and counts, where the most is wanted
    /// first).
    pub fn clicked(self, column: Column) -> Self {
        if column == self.column {
            Self {
                column,
                descending: !self.descending,
            }
        } else {
            Self {
                column,
                descending: matches!(
                    column,
                    Column::Changed | Column::Count(_) | Column::Problems
                ),
            }
        }
    }
}

/// Which documents the list shows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filter {
    /// Words that must all appear (any case) in the title, file path or an analyst's name.
    pub text: String,
    /// Only documents in this state; `None` for all.
    pub state: Option<State>,
}

impl Filter {
    /// True when the filter shows every document.
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty() && self.state.is_none()
    }

    /// True when `row` passes (`root` makes its paths relative, as the list shows them).
    pub fn accepts(&self, row: &DocumentRow, root: &Path) -> bool {
        if self.state.is_some_and(|state| state != row.state) {
            return false;
        }
        let words: Vec<String> = self
            .text
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        if words.is_empty() {
            return true;
        }
        let mut haystack = row.title.to_lowercase();
        for path in [&row.article, &row.session].into_iter().flatten() {
            haystack.push('\n');
            haystack.push_str(&relative(path, root).to_lowercase());
        }
        for analyst in &row.analysts {
            haystack.push('\n');
            haystack.push_str(&analyst.to_lowercase());
        }
        words.iter().all(|w| haystack.contains(w.as_str()))
    }
}

/// `path` relative to `root`, as the list shows it (`/` between parts on every platform).
pub fn relative(path: &Path, root: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<_> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect();
    if parts.is_empty() {
        // The folder itself.
        return ".".to_owned();
    }
    parts.join("/")
}

/// The indices of the `rows` that `filter` accepts, in `sort` order.
pub fn view(rows: &[DocumentRow], root: &Path, sort: Sort, filter: &Filter) -> Vec<usize> {
    let mut shown: Vec<usize> = (0..rows.len())
        .filter(|&i| filter.accepts(&rows[i], root))
        .collect();
    // Keys computed once per row, not once per comparison.
    let keys: Vec<Key> = shown
        .iter()
        .map(|&i| Key::of(&rows[i], sort.column))
        .collect();
    let mut order: Vec<usize> = (0..shown.len()).collect();
    order.sort_by(|&a, &b| {
        let by_column = keys[a].cmp(&keys[b]);
        let by_column = if sort.descending {
            by_column.reverse()
        } else {
            by_column
        };
        by_column.then_with(|| rows[shown[a]].key().cmp(rows[shown[b]].key()))
    });
    shown = order.into_iter().map(|k| shown[k]).collect();
    shown
}

/// What a row is compared by for one column (rows are only compared by the same column,
/// so only like variants meet).
#[derive(PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    Text(String),
    Number(usize),
    /// Fraction checked (as parts of a million, exact enough to order), then the total.
    Progress(u64, usize),
    Time(Option<std::time::SystemTime>),
    State(State),
}

impl Key {
    fn of(row: &DocumentRow, column: Column) -> Self {
        match column {
            Column::Title => Self::Text(row.title.to_lowercase()),
            Column::Path => Self::Text(row.key().to_string_lossy().to_lowercase()),
            Column::Count(tag) => Self::Number(row.counts[tag.index()]),
            Column::Checked => {
                let (checked, all) = row.progress;
                let fraction = (checked as u64 * 1_000_000)
                    .checked_div(all as u64)
                    .unwrap_or(0);
                Self::Progress(fraction, all)
            }
            Column::Changed => Self::Time(row.changed),
            Column::Analyst => Self::Text(
                row.analysts
                    .first()
                    .map(|a| a.to_lowercase())
                    .unwrap_or_default(),
            ),
            Column::State => Self::State(row.state),
            Column::Problems => Self::Number(row.problems.len()),
        }
    }
}

#[cfg(test)]
mod tests;
