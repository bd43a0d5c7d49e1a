//! The list filter's engine: which annotations pass the tag, status, verdict and text
//! filters, kept up to date with the least work that is exact (patched after a body edit,
//! narrowed as a query grows) and searched a slice per frame, so a keystroke in the filter of
//! a 20,000-annotation session costs about what it does on a small one.

use memchr::memmem::Finder;

use super::VerdictFilter;
use super::haystack::Haystack;
use crate::model::{Body, Session, Status};

/// Bytes of folded annotation text a search reads per frame (building a chunk, which a search
/// does after the annotations change, counts eight times its size): about 70 µs. A query over
/// 20,000 annotations (about 3 MB folded) is found over 6 frames, or about 45 right after an
/// edit, each about as short as on a small session, and the rows on screen (the first ones,
/// in document order) in the first frame.
const BYTES_PER_FRAME: usize = 512 * 1024;

/// A longer query is checked only against the rows the shorter one kept while those are at
/// most 1 in this many annotations: a per-row check jumps to each row's text, one scan runs
/// SIMD over every chunk. The crossover was not measured on its own; 1 in 4 keeps narrowing to
/// the cases where it plainly reads less, and both paths spend the same per-frame budget.
const NARROW_SHARE: usize = 4;

#[derive(Clone, PartialEq)]
pub(super) struct FilterKey {
    pub(super) revision: u64,
    pub(super) show_tag: [bool; 3],
    pub(super) status: Option<Status>,
    pub(super) verdict: VerdictFilter,
    pub(super) query: String,
}

impl FilterKey {
    /// True when `body` passes the tag, status and verdict filters (the text is checked
    /// against the haystack).
    fn admits(&self, body: &Body) -> bool {
        self.show_tag[body.tag.index()]
            && self.status.is_none_or(|status| body.status == status)
            && match &self.verdict {
                VerdictFilter::Any => true,
                VerdictFilter::None => body.verdict.is_none(),
                VerdictFilter::Named(name) => body.verdict.as_ref() == Some(name),
            }
    }

    /// True when it shows every annotation it is given no text for.
    fn same_facets(&self, other: &Self) -> bool {
        self.show_tag == other.show_tag
            && self.status == other.status
            && self.verdict == other.verdict
    }
}

/// A text search under way: the candidates (every chunk of the haystack, or the rows a
/// shorter query kept) read up to `next`, and the rows found so far, in document order.
struct Search {
    key: FilterKey,
    /// `None`: scan every chunk; else check these rows one by one.
    narrowing: Option<Vec<usize>>,
    next: usize,
    found: Vec<usize>,
}

/// How much of a search to do now.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Budget {
    /// About [`BYTES_PER_FRAME`]: drawing the list, the rest next frame.
    Frame,
    /// All of it: a command needs the exact rows.
    Finish,
}

/// Which rows pass the filter: the last finished answer, a search under way, and the folded
/// text they are searched in.
#[derive(Default)]
pub(super) struct Rows {
    /// Indices into `Session::annotations` passing the filter, with the key they were
    /// computed for, so the filter runs only when the session or the filter changes.
    visible: Option<(FilterKey, Vec<usize>)>,
    /// A search for the current filter not finished yet (it goes on next frame); `visible`
    /// keeps the last finished one, which a growing query narrows.
    searching: Option<Search>,
    /// The annotations' folded texts, joined for searching; built as searches reach them.
    haystack: Haystack,
}

impl Rows {
    /// The rows as of the last [`Rows::rows`]: the finished ones, or those a search
    /// spread over frames has found so far (with `true`).
    pub(super) fn current(&self) -> (&[usize], bool) {
        match &self.searching {
            Some(search) => (&search.found, true),
            None => (self.finished(), false),
        }
    }

    /// The rows passing the filter, brought up to date with the least work that is exact: the
    /// same rows when nothing changed; the old rows patched when only some annotations'
    /// bodies changed (a note keystroke, a retag); the old rows searched again when the query
    /// grew (a longer query matches a subset); a full search otherwise. A text search reads
    /// about [`BYTES_PER_FRAME`] with `Budget::Frame` and returns the rows found so far.
    pub(super) fn rows(&mut self, session: &Session, key: FilterKey, budget: Budget) -> &[usize] {
        if self.visible.as_ref().is_some_and(|(old, _)| *old == key) {
            self.searching = None;
            return self.finished();
        }
        let search = match self.searching.take() {
            Some(search) if search.key == key => search,
            _ => match self.plan(session, key) {
                Ok(done) => {
                    self.visible = Some(done);
                    return self.finished();
                }
                Err(search) => search,
            },
        };
        match self.advance(session, search, budget) {
            Some(search) => &self.searching.insert(search).found,
            None => self.finished(),
        }
    }

    /// The rows of the last finished search.
    pub(super) fn finished(&self) -> &[usize] {
        self.visible
            .as_ref()
            .map_or(&[], |(_, rows)| rows.as_slice())
    }

    /// The rows for `key` at once when that is cheap (nothing to search, or a few changed
    /// bodies to patch), else the search to run, narrowing the last finished rows when the
    /// query grew from theirs.
    fn plan(
        &mut self,
        session: &Session,
        key: FilterKey,
    ) -> Result<(FilterKey, Vec<usize>), Search> {
        let Some((old, mut rows)) = self.visible.take() else {
            return self.search(session, key);
        };
        let same_filter = old.same_facets(&key) && old.query == key.query;
        if let Some(ids) = same_filter
            .then(|| session.bodies_changed_since(old.revision))
            .flatten()
        {
            // Same places, some bodies changed: only those rows can come or go.
            let annotations = session.annotations();
            let finder = Finder::new(key.query.as_bytes());
            self.haystack.sync(session);
            for i in ids.iter().filter_map(|&id| session.position(id)) {
                let passes = key.admits(&annotations[i].body)
                    && (key.query.is_empty() || self.haystack.holds(session, i, &finder).0);
                match (rows.binary_search(&i), passes) {
                    (Ok(at), false) => {
                        rows.remove(at);
                    }
                    (Err(at), true) => rows.insert(at, i),
                    _ => {}
                }
            }
            return Ok((key, rows));
        }
        let narrows = old.revision == key.revision
            && old.same_facets(&key)
            && !old.query.is_empty()
            && key.query.contains(old.query.as_str());
        // Searching the old rows one by one beats one scan of every annotation only while
        // they are a small part of the list.
        let narrowing = (narrows && rows.len() <= session.annotations().len() / NARROW_SHARE)
            .then(|| rows.clone());
        // Kept: a query typed on from this one narrows these rows again.
        self.visible = Some((old, rows));
        match narrowing {
            Some(rows) => Err(Search {
                key,
                narrowing: Some(rows),
                next: 0,
                found: Vec::new(),
            }),
            None => self.search(session, key),
        }
    }

    /// Every row passing the filter from scratch: at once without text, else a search.
    fn search(
        &mut self,
        session: &Session,
        key: FilterKey,
    ) -> Result<(FilterKey, Vec<usize>), Search> {
        let annotations = session.annotations();
        if key.query.is_empty() {
            let rows = (0..annotations.len())
                .filter(|&i| key.admits(&annotations[i].body))
                .collect();
            return Ok((key, rows));
        }
        Err(Search {
            key,
            narrowing: None,
            next: 0,
            found: Vec::new(),
        })
    }

    /// Runs `search` for `budget`: what is left of it, or `None` when it finished (its rows
    /// are then `visible`).
    fn advance(&mut self, session: &Session, mut search: Search, budget: Budget) -> Option<Search> {
        let annotations = session.annotations();
        let finder = Finder::new(search.key.query.as_bytes());
        let mut spent = 0;
        self.haystack.sync(session);
        let candidates = search
            .narrowing
            .as_ref()
            .map_or(self.haystack.chunk_count(), Vec::len);
        while search.next < candidates {
            if budget == Budget::Frame && spent >= BYTES_PER_FRAME {
                return Some(search);
            }
            let from = search.found.len();
            match &search.narrowing {
                None => {
                    spent += self
                        .haystack
                        .scan(session, search.next, &finder, &mut search.found);
                }
                Some(rows) => {
                    let i = rows[search.next];
                    let (holds, cost) = self.haystack.holds(session, i, &finder);
                    spent += cost;
                    if holds {
                        search.found.push(i);
                    }
                }
            }
            // The tag, status and verdict filters, on what was just found.
            let just_found = search.found.split_off(from);
            search.found.extend(
                just_found
                    .into_iter()
                    .filter(|&i| search.key.admits(&annotations[i].body)),
            );
            search.next += 1;
        }
        self.visible = Some((search.key, search.found));
        None
    }
}
