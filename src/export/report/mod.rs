//! The fact-check report a desk publishes: the article's details, a summary (counts by tag,
//! status and verdict, and progress), every claim, statistic and quote with its verdict and
//! evidence, the orphans, and the article text with the tagged spans highlighted. One
//! self-contained HTML page ([`html`], print-ready) or Markdown ([`markdown`]), both built from
//! the same [`Summary`] and entries; every piece of user text is escaped on the way out.

use std::collections::HashMap;

use crate::model::{
    AnnotationId, Body, Rating, ScaleKind, Session, Source, Stamp, Status, Tag, url_problem,
};

mod colour;
mod html;
mod markdown;
#[cfg(test)]
mod tests;

pub use self::colour::{contrast, tag_colour, text_on, tint};
pub(crate) use self::html::{CSS, html_end};
pub use self::html::{escape_html, html};
pub use self::markdown::{escape_markdown, markdown};

/// The counts a report (and `factmark check`) summarises a session with. Annotations placed
/// in the text are counted; orphans are counted apart.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary<'a> {
    /// Annotations by tag and status ([`Tag::index`], [`Status::index`]).
    pub by_status: [[usize; 4]; 3],
    /// Orphans (annotations whose text is no longer in the article).
    pub orphans: usize,
    /// For each scale ([`ScaleKind::index`]): the ratings given, in scale order, with how
    /// many annotations have them (ratings nobody gave are left out).
    pub verdicts: [Vec<(&'a Rating, usize)>; 2],
    /// For each scale: annotations taking verdicts from it that have none yet.
    pub no_verdict: [usize; 2],
}

impl<'a> Summary<'a> {
    /// Counts `session`'s annotations.
    pub fn of(session: &'a Session) -> Self {
        let mut by_status = [[0; 4]; 3];
        for tag in Tag::ALL {
            for status in Status::ALL {
                by_status[tag.index()][status.index()] = session.status_count(tag, status);
            }
        }
        let mut verdicts: [Vec<(&Rating, usize)>; 2] = [Vec::new(), Vec::new()];
        let mut no_verdict = [0; 2];
        for kind in ScaleKind::ALL {
            let mut counts: HashMap<&str, usize> = HashMap::new();
            for annotation in session.annotations() {
                if ScaleKind::for_tag(annotation.body.tag) != kind {
                    continue;
                }
                match &annotation.body.verdict {
                    Some(name) => *counts.entry(name.as_str()).or_default() += 1,
                    None => no_verdict[kind.index()] += 1,
                }
            }
            verdicts[kind.index()] = session
                .scales()
                .get(kind)
                .ratings
                .iter()
                .filter_map(|r| counts.get(r.name.as_str()).map(|&n| (r, n)))
                .collect();
        }
        Self {
            by_status,
            orphans: session.orphans().len(),
            verdicts,
            no_verdict,
        }
    }

    /// Annotations with this tag.
    pub fn tag_total(&self, tag: Tag) -> usize {
        self.by_status[tag.index()].iter().sum()
    }

    /// Annotations with this status.
    pub fn status_total(&self, status: Status) -> usize {
        self.by_status.iter().map(|row| row[status.index()]).sum()
    }

    /// `(checked, all)` claims and statistics.
    pub fn progress(&self) -> (usize, usize) {
        let rated = [Tag::Claim, Tag::Statistic];
        let checked = rated
            .iter()
            .map(|t| self.by_status[t.index()][Status::Checked.index()])
            .sum();
        (checked, rated.iter().map(|&t| self.tag_total(t)).sum())
    }

    /// "5 of 9 claims and statistics checked".
    pub fn progress_line(&self) -> String {
        let (checked, all) = self.progress();
        let noun = if all == 1 {
            "claim or statistic"
        } else {
            "claims and statistics"
        };
        format!("{checked} of {all} {noun} checked")
    }

    /// "To check 4, Checking 1, Checked 5, Not checkable 0".
    pub fn status_line(&self) -> String {
        Status::ALL
            .iter()
            .map(|&s| format!("{} {}", s.label(), self.status_total(s)))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// "False 2, Mostly true 1, Accurate 1, No verdict 6", or "none" when no verdict and no
    /// annotation.
    pub fn verdict_line(&self) -> String {
        let mut parts: Vec<String> = self
            .verdicts
            .iter()
            .flatten()
            .map(|(r, n)| format!("{} {n}", r.name))
            .collect();
        let unrated: usize = self.no_verdict.iter().sum();
        if unrated > 0 {
            parts.push(format!("No verdict {unrated}"));
        }
        if parts.is_empty() {
            "none".to_owned()
        } else {
            parts.join(", ")
        }
    }
}

/// One annotation or orphan as the report lists it.
struct Entry<'a> {
    /// "C1", "S2", "Q1" for annotations (numbered per tag in document order), "O1" for
    /// orphans (in id order).
    label: String,
    /// The annotated text (an orphan's: the text it had).
    text: &'a str,
    body: &'a Body,
    /// False for an orphan.
    placed: bool,
}

impl Entry<'_> {
    /// Which list it is in: 0 claims and statistics, 1 quotes, 2 orphans.
    fn section(&self) -> usize {
        match (self.placed, self.body.tag) {
            (false, _) => 2,
            (true, Tag::Quote) => 1,
            (true, _) => 0,
        }
    }

    /// The HTML id of the entry in the lists.
    fn entry_id(&self) -> String {
        // As [`entry_anchors`] names it.
        format!("entry-{}", self.label)
    }

    /// The HTML id of its number in the article text.
    fn ref_id(&self) -> String {
        format!("ref-{}", self.label)
    }
}

/// The session's entries: annotations in document order, then orphans; and each
/// annotation's label by id.
fn entries(session: &Session) -> (Vec<Entry<'_>>, HashMap<AnnotationId, String>) {
    let mut numbers = [0_usize; 3];
    let mut labels = HashMap::new();
    let mut list = Vec::new();
    for annotation in session.annotations() {
        let tag = annotation.body.tag;
        numbers[tag.index()] += 1;
        let label = format!("{}{}", tag.letter(), numbers[tag.index()]);
        labels.insert(annotation.id, label.clone());
        list.push(Entry {
            label,
            text: session.text_of(annotation),
            body: &annotation.body,
            placed: true,
        });
    }
    for (i, orphan) in session.orphans().iter().enumerate() {
        list.push(Entry {
            label: format!("O{}", i + 1),
            text: &orphan.quote.text,
            body: &orphan.body,
            placed: false,
        });
    }
    (list, labels)
}

/// The HTML anchor of each annotation's entry in the report (`entry-C1`: its label, numbered
/// per tag in document order), for links into a published report (ClaimReview's `url`).
pub fn entry_anchors(session: &Session) -> HashMap<AnnotationId, String> {
    let (list, mut labels) = entries(session);
    drop(list);
    for label in labels.values_mut() {
        *label = format!("entry-{label}");
    }
    labels
}

/// A piece of a paragraph: text covered by the same annotations throughout.
struct Segment<'a> {
    text: &'a str,
    /// Indices (into `session.annotations()`) of the annotations covering it, outermost
    /// (earliest in document order) first.
    covering: Vec<usize>,
}

/// The article text cut for highlighting: paragraphs of segments, and for each annotation
/// (by index) the first and last segment it covers as `(paragraph, segment)`, where its
/// opening marker and its number go.
struct Layout<'a> {
    paragraphs: Vec<Vec<Segment<'a>>>,
    first: HashMap<usize, (usize, usize)>,
    last: HashMap<usize, (usize, usize)>,
}

impl<'a> Layout<'a> {
    fn of(session: &'a Session) -> Self {
        let paragraphs = paragraphs(session);
        let (mut first, mut last) = (HashMap::new(), HashMap::new());
        for (p, segments) in paragraphs.iter().enumerate() {
            for (s, segment) in segments.iter().enumerate() {
                for &i in &segment.covering {
                    first.entry(i).or_insert((p, s));
                    last.insert(i, (p, s));
                }
            }
        }
        Self {
            paragraphs,
            first,
            last,
        }
    }

    /// The annotations whose first segment is this one, outermost first.
    fn starting(&self, at: (usize, usize)) -> Vec<usize> {
        let segment = &self.paragraphs[at.0][at.1];
        segment
            .covering
            .iter()
            .copied()
            .filter(|i| self.first.get(i) == Some(&at))
            .collect()
    }

    /// The annotations whose last segment is this one, innermost first.
    fn ending(&self, at: (usize, usize)) -> Vec<usize> {
        let segment = &self.paragraphs[at.0][at.1];
        segment
            .covering
            .iter()
            .rev()
            .copied()
            .filter(|i| self.last.get(i) == Some(&at))
            .collect()
    }
}

/// Each paragraph of the article cut at every start and end of an annotation inside it, so
/// nested and overlapping spans become runs of text with one set of covering annotations
/// each.
fn paragraphs(session: &Session) -> Vec<Vec<Segment<'_>>> {
    let text = session.article().text();
    let annotations = session.annotations();
    let index: HashMap<AnnotationId, usize> = annotations
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id, i))
        .collect();
    session
        .article()
        .paragraphs()
        .iter()
        .map(|para| {
            let mut inside: Vec<usize> = session
                .overlapping(para.clone())
                .filter_map(|a| index.get(&a.id).copied())
                .collect();
            inside.sort_unstable();
            let mut cuts = vec![para.start, para.end];
            for &i in &inside {
                let span = annotations[i].span;
                cuts.extend(
                    [span.start, span.end]
                        .into_iter()
                        .filter(|c| para.contains(c)),
                );
            }
            cuts.sort_unstable();
            cuts.dedup();
            cuts.windows(2)
                .map(|w| Segment {
                    text: &text[w[0]..w[1]],
                    covering: inside
                        .iter()
                        .copied()
                        .filter(|&i| {
                            let span = annotations[i].span;
                            span.start <= w[0] && w[1] <= span.end
                        })
                        .collect(),
                })
                .collect()
        })
        .collect()
}

/// True when `url` may be a link target: an absolute http(s) URL with a host.
fn is_web(url: &str) -> bool {
    !url.is_empty() && url_problem(url).is_none()
}

/// "2026-12-03 14:20 UTC" from an RFC 3339 stamp.
fn when(stamp: &Stamp) -> String {
    let text = stamp.as_str();
    match (text.get(..10), text.get(11..16)) {
        (Some(date), Some(time)) => format!("{date} {time} UTC"),
        _ => text.to_owned(),
    }
}

/// The title of a scale's verdict counts in the summary.
fn verdicts_heading(kind: ScaleKind) -> &'static str {
    match kind {
        ScaleKind::Rating => "Verdicts on claims and statistics",
        ScaleKind::Attribution => "Attribution of quotes",
    }
}

/// Who said it, as this tag calls them.
fn claimant_word(tag: Tag) -> &'static str {
    if tag == Tag::Quote {
        "Speaker"
    } else {
        "Claimant"
    }
}

/// What a verdict is called for this tag.
fn verdict_word(tag: Tag) -> &'static str {
    if tag == Tag::Quote {
        "Attribution"
    } else {
        "Verdict"
    }
}

/// A tag's name in the plural, as section titles use it.
fn plural(tag: Tag) -> &'static str {
    match tag {
        Tag::Claim => "Claims",
        Tag::Statistic => "Statistics",
        Tag::Quote => "Quotes",
    }
}
