//! The fact-check report a desk publishes: the article's details, a summary (counts by tag,
//! status and verdict, and progress), every claim, statistic and quote with its verdict and
//! evidence, the orphans, and the article text with the tagged spans highlighted. One
//! self-contained HTML page ([`html`], print-ready) or Markdown ([`markdown`]), both built from
//! the same [`Summary`] and entries; every piece of user text is escaped on the way out.

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::model::{
    AnnotationId, Body, Colour, Rating, ScaleKind, Session, Source, Stamp, Status, Tag, url_problem,
};

/// The tags' colours (the Okabe–Ito palette of the window's light theme, `ui::theme`), copied
/// here because exports do not depend on the UI.
const CLAIM: Colour = Colour([0x00, 0x72, 0xb2]);
const STATISTIC: Colour = Colour([0xe6, 0x9f, 0x00]);
const QUOTE: Colour = Colour([0xcc, 0x79, 0xa7]);
/// The page colour of the report (its text is `#1b1b1f`, the CSS's `--text`).
const PAGE: Colour = Colour([0xff, 0xff, 0xff]);
/// How much of the tag colour a highlight's background takes (as the window's light theme),
/// and how much deeper it gets for each enclosing span (up to three levels).
const TINT: f32 = 0.28;
const DEEPER: f32 = 0.08;

/// The full colour of a tag: underlines, labels, the legend.
pub fn tag_colour(tag: Tag) -> Colour {
    match tag {
        Tag::Claim => CLAIM,
        Tag::Statistic => STATISTIC,
        Tag::Quote => QUOTE,
    }
}

/// The background of text inside `depth` (≥ 1) nested spans whose innermost has `tag`: a
/// light tint of its colour, dark text on it stays above 4.5:1.
pub fn tint(tag: Tag, depth: usize) -> Colour {
    let nested = depth.clamp(1, 3) - 1;
    // At most 2, exact in f32.
    #[allow(clippy::cast_precision_loss)]
    let amount = TINT + DEEPER * nested as f32;
    mix(PAGE, tag_colour(tag), amount)
}

/// Linear mix in sRGB: `amount` of `over` on `under`.
fn mix(under: Colour, over: Colour, amount: f32) -> Colour {
    let channel = |a: u8, b: u8| -> u8 {
        let value = f32::from(a) * (1.0 - amount) + f32::from(b) * amount;
        // Rounded and clamped to 0..=255, so the cast cannot truncate.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let byte = value.round().clamp(0.0, 255.0) as u8;
        byte
    };
    let ([r1, g1, b1], [r2, g2, b2]) = (under.0, over.0);
    Colour([channel(r1, r2), channel(g1, g2), channel(b1, b2)])
}

/// WCAG 2 contrast ratio of two colours (1 to 21).
pub fn contrast(a: Colour, b: Colour) -> f32 {
    let (la, lb) = (a.luminance(), b.luminance());
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// White or black, whichever reads better on `background` (a verdict chip).
pub fn text_on(background: Colour) -> Colour {
    let (white, black) = (Colour([0xff; 3]), Colour([0; 3]));
    if contrast(background, white) >= contrast(background, black) {
        white
    } else {
        black
    }
}

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

/// What a verdict is called for this tag.
fn verdict_word(tag: Tag) -> &'static str {
    if tag == Tag::Quote {
        "Attribution"
    } else {
        "Verdict"
    }
}

// ---------------------------------------------------------------------------------------------
// HTML

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Escaped text with its line breaks kept (`<br>`).
fn html_lines(text: &str) -> String {
    text.trim()
        .lines()
        .map(escape_html)
        .collect::<Vec<_>>()
        .join("<br>\n")
}

/// A link to `url` showing `text` (both escaped), or the text alone when `url` is not an
/// http(s) address.
fn html_link(url: &str, text: &str) -> String {
    if is_web(url) {
        let class = if text == url { " class=\"bare\"" } else { "" };
        format!(
            "<a href=\"{}\"{class}>{}</a>",
            escape_html(url),
            escape_html(text)
        )
    } else {
        escape_html(text)
    }
}

/// A verdict chip: the rating's name on its colour, text black or white by luminance.
fn html_chip(session: &Session, body: &Body) -> String {
    let Some(name) = &body.verdict else {
        return "<span class=\"chip none\">No verdict</span>".to_owned();
    };
    match session.scale_for(body.tag).get(name) {
        Some(rating) => format!(
            "<span class=\"chip\" style=\"background:{};color:{}\">{}</span>{}",
            rating.colour.hex(),
            text_on(rating.colour).hex(),
            escape_html(&rating.name),
            if rating.retired {
                " <span class=\"retired\">(no longer in the scale)</span>"
            } else {
                ""
            }
        ),
        None => format!(
            "<span class=\"chip none\">{}</span> <span class=\"retired\">(not in the scale)</span>",
            escape_html(name)
        ),
    }
}

pub(crate) const CSS: &str = r#"
:root { --text: #1b1b1f; --muted: #55555c; --rule: #d9d9de; --soft: #f5f5f7;
  --claim: #0072b2; --statistic: #e69f00; --quote: #cc79a7; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: #fff; color: var(--text);
  font: 17px/1.6 Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia, serif,
    "Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji", "Noto Emoji"; }
main { max-width: 46rem; margin: 0 auto; padding: 2.5rem 1.5rem 4rem; }
h1, h2, h3, .sans, table, .entry-head, .meta dt, .legend, .kicker, .details, footer, .chip, .verdicts, .progress {
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif,
    "Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji", "Noto Emoji"; }
h1 { font-size: 2rem; line-height: 1.2; margin: .2rem 0 .6rem; letter-spacing: -.01em; }
h2 { font-size: 1.3rem; margin: 2.8rem 0 1rem; padding-bottom: .35rem; border-bottom: 2px solid var(--text); }
h3 { font-size: 1rem; margin: 1.6rem 0 .6rem; }
a { color: #0b57a4; text-underline-offset: .15em; }
.kicker { text-transform: uppercase; letter-spacing: .08em; font-size: .78rem; font-weight: 700; color: var(--muted); margin: 0; }
.details { color: var(--muted); margin: 0 0 .2rem; font-size: .95rem; }
.url { margin: 0; font-size: .9rem; overflow-wrap: anywhere; }
.progress { font-size: 1.15rem; margin: 0 0 .5rem; }
.bar { height: .5rem; background: #e4e4e8; border-radius: .25rem; overflow: hidden; margin-bottom: 1.4rem; }
.bar span { display: block; height: 100%; background: #1a7f4b; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; margin: .4rem 0 1rem; }
th, td { padding: .4rem .6rem; text-align: right; border-bottom: 1px solid var(--rule); }
th:first-child, td:first-child { text-align: left; }
thead th { font-weight: 600; color: var(--muted); border-bottom: 1.5px solid var(--text); }
tfoot td { font-weight: 700; border-bottom: 0; }
.swatch { display: inline-block; width: .7rem; height: .7rem; border-radius: 2px; margin-right: .45rem; vertical-align: -.05rem; }
.verdicts { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: 0 2rem; }
.verdicts ul { list-style: none; padding: 0; margin: 0; }
.verdicts li { display: flex; align-items: center; gap: .6rem; padding: .3rem 0; border-bottom: 1px solid var(--rule); }
.verdicts li .n { margin-left: auto; font-variant-numeric: tabular-nums; font-weight: 600; }
.chip { display: inline-block; padding: .08rem .55rem; border-radius: 999px; font-size: .8rem; font-weight: 700;
  line-height: 1.5; white-space: nowrap; }
.chip.none { background: #fff; color: var(--muted); border: 1px solid #8a8a92; }
.retired { font-size: .8rem; color: #8a1c1c; font-style: italic; }
.entry { border: 1px solid var(--rule); border-left: 5px solid var(--tag); border-radius: 6px;
  padding: .9rem 1.1rem 1rem; margin: 0 0 1.1rem; break-inside: avoid; page-break-inside: avoid; }
.entry.claim { --tag: var(--claim); } .entry.statistic { --tag: var(--statistic); } .entry.quote { --tag: var(--quote); }
.entry-head { display: flex; flex-wrap: wrap; align-items: center; gap: .45rem .6rem; font-size: .85rem; }
.label { font-weight: 800; font-size: .95rem; }
.tagname { color: var(--muted); font-weight: 600; text-transform: uppercase; letter-spacing: .05em; font-size: .75rem; }
.status { color: var(--muted); }
.status::before { content: "·"; margin-right: .6rem; }
.back { margin-left: auto; font-size: .8rem; text-decoration: none; }
.entry blockquote { margin: .7rem 0 .6rem; padding: 0; font-size: 1.05rem; }
.entry blockquote::before { content: "\201C"; } .entry blockquote::after { content: "\201D"; }
.entry blockquote.own::before, .entry blockquote.own::after { content: none; }
.desc { margin: 0 0 .6rem; color: var(--muted); font-size: .92rem; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0; font-size: .92rem; }
.meta dt { color: var(--muted); font-size: .8rem; font-weight: 600; padding-top: .15rem; }
.meta dd { margin: 0; overflow-wrap: anywhere; }
.sources { margin: 0; padding-left: 1.1rem; }
.primary { font-family: system-ui, sans-serif; font-size: .7rem; font-weight: 700; text-transform: uppercase;
  letter-spacing: .05em; color: #1a5e3a; border: 1px solid #1a7f4b; border-radius: 3px; padding: 0 .3rem; margin-left: .3rem; }
.empty { color: var(--muted); font-style: italic; }
.legend { display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; font-size: .85rem; margin: -.2rem 0 1rem; color: var(--muted); }
.text p { margin: 0 0 1.05rem; }
mark { color: var(--text); padding: .05em 0; -webkit-box-decoration-break: clone; box-decoration-break: clone; }
mark, .chip, .swatch, .bar span, .entry { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
sup { font: 700 .68rem/0 system-ui, sans-serif; }
sup a { text-decoration: none; padding: 0 .1rem; }
:target { outline: 3px solid #f0b400; outline-offset: 2px; }
footer { margin-top: 3rem; padding-top: .8rem; border-top: 1px solid var(--rule); color: var(--muted); font-size: .8rem; }
@page { margin: 16mm 15mm 18mm; }
@media print {
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; page-break-after: avoid; margin-top: 1.6rem; }
  h3 { break-after: avoid; page-break-after: avoid; }
  .back { display: none; }
  a { color: inherit; }
  a[href^="http"]:not(.bare)::after { content: " (" attr(href) ")"; font-size: .8em; color: var(--muted); overflow-wrap: anywhere; }
  .text p { orphans: 3; widows: 3; }
  :target { outline: none; }
}
"#;

/// The report as one self-contained HTML page: inline CSS, no scripts, no fonts, images or
/// other resources; a print stylesheet for A4 and Letter.
pub fn html(session: &Session) -> String {
    let mut out = String::new();
    let article = session.article();
    let details = session.details();
    let summary = Summary::of(session);
    let (entries, labels) = entries(session);
    let title = if article.title().trim().is_empty() {
        "Untitled article"
    } else {
        article.title()
    };

    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"Factmark {}\">\n<title>Fact-check: {}</title>\n\
         <style>{CSS}</style>\n</head>\n<body>\n<main>\n",
        env!("CARGO_PKG_VERSION"),
        escape_html(title)
    );

    // Header: title and details.
    out.push_str("<header>\n<p class=\"kicker\">Fact-check report</p>\n");
    let _ = writeln!(out, "<h1>{}</h1>", escape_html(title));
    let byline = details.byline();
    if !byline.is_empty() {
        let _ = writeln!(out, "<p class=\"details\">{}</p>", escape_html(&byline));
    }
    if !details.url.trim().is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"url\">{}</p>",
            html_link(&details.url, &details.url)
        );
    }
    out.push_str("</header>\n");

    html_summary(&mut out, session, &summary);

    let section = |n: usize| entries.iter().filter(move |e| e.section() == n);
    let (rated, quotes, orphans): (Vec<&Entry>, Vec<&Entry>, Vec<&Entry>) = (
        section(0).collect(),
        section(1).collect(),
        section(2).collect(),
    );
    out.push_str("<section id=\"claims\">\n<h2>Claims and statistics</h2>\n");
    if rated.is_empty() {
        out.push_str("<p class=\"empty\">No claims or statistics were tagged.</p>\n");
    }
    for entry in rated {
        html_entry(&mut out, session, entry);
    }
    out.push_str("</section>\n<section id=\"quotes\">\n<h2>Quotes</h2>\n");
    if quotes.is_empty() {
        out.push_str("<p class=\"empty\">No quotes were tagged.</p>\n");
    }
    for entry in quotes {
        html_entry(&mut out, session, entry);
    }
    out.push_str("</section>\n");
    if !orphans.is_empty() {
        out.push_str(
            "<section id=\"orphans\">\n<h2>No longer in the article</h2>\n<p class=\"desc\">\
             These were tagged in an earlier version of the article; their text is not in the \
             current one.</p>\n",
        );
        for entry in orphans {
            html_entry(&mut out, session, entry);
        }
        out.push_str("</section>\n");
    }

    html_article(&mut out, session, &entries, &labels);

    html_end(&mut out);
    out
}

/// The page's footer and closing tags (shared with the folder report).
pub(crate) fn html_end(out: &mut String) {
    let _ = write!(
        out,
        "<footer>Made with Factmark {}. Verdict colours are the desk's rating scale; \
         highlight colours: blue claims, orange statistics, pink quotes.</footer>\n\
         </main>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION")
    );
}

fn html_summary(out: &mut String, session: &Session, summary: &Summary<'_>) {
    let (checked, all) = summary.progress();
    out.push_str("<section id=\"summary\">\n<h2>Summary</h2>\n");
    let _ = writeln!(
        out,
        "<p class=\"progress\"><strong>{}</strong></p>",
        escape_html(&summary.progress_line())
    );
    let percent = (checked * 100).checked_div(all).unwrap_or(0);
    let _ = writeln!(
        out,
        "<div class=\"bar\" role=\"img\" aria-label=\"{percent}% checked\">\
         <span style=\"width:{percent}%\"></span></div>"
    );
    out.push_str("<table class=\"counts\">\n<thead><tr><th>Tag</th>");
    for status in Status::ALL {
        let _ = write!(out, "<th>{}</th>", status.label());
    }
    out.push_str("<th>Total</th></tr></thead>\n<tbody>\n");
    for tag in Tag::ALL {
        let _ = write!(
            out,
            "<tr><td><span class=\"swatch\" style=\"background:{}\"></span>{}</td>",
            tag_colour(tag).hex(),
            plural(tag)
        );
        for status in Status::ALL {
            let _ = write!(
                out,
                "<td>{}</td>",
                summary.by_status[tag.index()][status.index()]
            );
        }
        let _ = writeln!(out, "<td>{}</td></tr>", summary.tag_total(tag));
    }
    out.push_str("</tbody>\n<tfoot><tr><td>All</td>");
    for status in Status::ALL {
        let _ = write!(out, "<td>{}</td>", summary.status_total(status));
    }
    let _ = writeln!(
        out,
        "<td>{}</td></tr></tfoot>\n</table>",
        session.annotations().len()
    );
    if summary.orphans > 0 {
        let _ = writeln!(
            out,
            "<p class=\"desc\">Plus {} {} no longer in the article text (listed <a href=\"#orphans\">at the end</a>).</p>",
            summary.orphans,
            if summary.orphans == 1 {
                "annotation"
            } else {
                "annotations"
            }
        );
    }
    out.push_str("<div class=\"verdicts\">\n");
    for kind in ScaleKind::ALL {
        let _ = writeln!(
            out,
            "<div><h3>{}</h3>\n<ul>",
            match kind {
                ScaleKind::Rating => "Verdicts on claims and statistics",
                ScaleKind::Attribution => "Attribution of quotes",
            }
        );
        for (rating, n) in &summary.verdicts[kind.index()] {
            let _ = writeln!(
                out,
                "<li><span class=\"chip\" style=\"background:{};color:{}\">{}</span>{}<span class=\"n\">{n}</span></li>",
                rating.colour.hex(),
                text_on(rating.colour).hex(),
                escape_html(&rating.name),
                if rating.retired {
                    " <span class=\"retired\">(no longer in the scale)</span>"
                } else {
                    ""
                }
            );
        }
        let _ = writeln!(
            out,
            "<li><span class=\"chip none\">No verdict</span><span class=\"n\">{}</span></li>\n</ul></div>",
            summary.no_verdict[kind.index()]
        );
    }
    out.push_str("</div>\n</section>\n");
}

fn plural(tag: Tag) -> &'static str {
    match tag {
        Tag::Claim => "Claims",
        Tag::Statistic => "Statistics",
        Tag::Quote => "Quotes",
    }
}

fn html_entry(out: &mut String, session: &Session, entry: &Entry<'_>) {
    let body = entry.body;
    let tag = body.tag;
    let _ = writeln!(
        out,
        "<div class=\"entry {}\" id=\"{}\">",
        tag.label().to_lowercase(),
        entry.entry_id()
    );
    let _ = write!(
        out,
        "<div class=\"entry-head\"><span class=\"label\" style=\"color:{}\">{}</span>\
         <span class=\"tagname\">{}</span>{}<span class=\"status\">{}</span>",
        label_colour(tag).hex(),
        entry.label,
        tag.label(),
        html_chip(session, body),
        body.status.label()
    );
    if entry.placed {
        let _ = write!(
            out,
            "<a class=\"back\" href=\"#{}\" title=\"Show in the article text\">↑ in the text</a>",
            entry.ref_id()
        );
    }
    out.push_str("</div>\n");
    // Quotation marks around the text, unless it brings its own.
    let own = entry
        .text
        .trim_start()
        .starts_with(['"', '\'', '“', '‘', '„', '«', '»', '‹', '「', '『']);
    let _ = writeln!(
        out,
        "<blockquote class=\"{}\">{}</blockquote>",
        if own { "quoted own" } else { "quoted" },
        html_lines(entry.text)
    );
    if let Some(rating) = body
        .verdict
        .as_deref()
        .and_then(|v| session.scale_for(tag).get(v))
        && !rating.description.trim().is_empty()
    {
        let _ = writeln!(
            out,
            "<p class=\"desc\"><strong>{}:</strong> {}</p>",
            escape_html(&rating.name),
            escape_html(&rating.description)
        );
    }
    out.push_str("<dl class=\"meta\">\n");
    let who = if tag == Tag::Quote {
        "Speaker"
    } else {
        "Claimant"
    };
    let _ = writeln!(
        out,
        "<dt>{who}</dt><dd>{}</dd>",
        if body.claimant.trim().is_empty() {
            "<span class=\"empty\">not recorded</span>".to_owned()
        } else {
            escape_html(&body.claimant)
        }
    );
    if !body.sources.is_empty() {
        out.push_str("<dt>Sources</dt><dd><ul class=\"sources\">\n");
        for source in &body.sources {
            let _ = writeln!(out, "<li>{}</li>", html_source(source));
        }
        out.push_str("</ul></dd>\n");
    }
    if !body.note.trim().is_empty() {
        let _ = writeln!(out, "<dt>Note</dt><dd>{}</dd>", html_lines(&body.note));
    }
    if !body.analyst.trim().is_empty() {
        let _ = writeln!(
            out,
            "<dt>Analyst</dt><dd>{}</dd>",
            escape_html(&body.analyst)
        );
    }
    for (name, stamp) in [("Created", &body.created), ("Changed", &body.changed)] {
        if let Some(stamp) = stamp {
            let _ = writeln!(
                out,
                "<dt>{name}</dt><dd><time datetime=\"{}\">{}</time></dd>",
                escape_html(stamp.as_str()),
                escape_html(&when(stamp))
            );
        }
    }
    out.push_str("</dl>\n</div>\n");
}

/// A tag's colour dark enough for its label text on white (orange and pink are not).
fn label_colour(tag: Tag) -> Colour {
    let mut colour = tag_colour(tag);
    while contrast(colour, PAGE) < 4.5 {
        colour = mix(colour, Colour([0; 3]), 0.1);
    }
    colour
}

fn html_source(source: &Source) -> String {
    let mut out = String::new();
    let citation = source.citation.trim();
    if citation.is_empty() {
        out.push_str(&html_link(&source.url, &source.url));
    } else if is_web(&source.url) {
        out.push_str(&html_link(&source.url, citation));
    } else {
        out.push_str(&escape_html(citation));
        if !source.url.trim().is_empty() {
            let _ = write!(out, " ({})", escape_html(&source.url));
        }
    }
    if source.primary {
        out.push_str("<span class=\"primary\" title=\"Primary source\">Primary</span>");
    }
    out
}

fn html_article(
    out: &mut String,
    session: &Session,
    entries: &[Entry<'_>],
    labels: &HashMap<AnnotationId, String>,
) {
    let annotations = session.annotations();
    out.push_str("<section id=\"article\">\n<h2>Article text</h2>\n<div class=\"legend\">");
    for tag in Tag::ALL {
        let _ = write!(
            out,
            "<span><mark style=\"background:{};box-shadow:inset 0 -2px 0 {}\">{}</mark></span>",
            tint(tag, 1).hex(),
            tag_colour(tag).hex(),
            tag.label()
        );
    }
    out.push_str(
        "<span>Numbers link to the entries; nested spans are shown deeper.</span></div>\n\
         <div class=\"text\">\n",
    );
    let by_label: HashMap<&str, &Entry> = entries.iter().map(|e| (e.label.as_str(), e)).collect();
    let layout = Layout::of(session);
    for (p, paragraph) in layout.paragraphs.iter().enumerate() {
        out.push_str("<p>");
        for (s, segment) in paragraph.iter().enumerate() {
            if let Some(&innermost) = segment.covering.last() {
                let depth = segment.covering.len();
                // One underline per covering span, outermost lowest, in its tag's colour.
                let shadows: Vec<String> = segment
                    .covering
                    .iter()
                    .enumerate()
                    .map(|(k, &i)| {
                        format!(
                            "inset 0 -{}px 0 {}",
                            2 * (depth - k),
                            tag_colour(annotations[i].body.tag).hex()
                        )
                    })
                    .collect();
                let names: Vec<&str> = segment
                    .covering
                    .iter()
                    .filter_map(|i| labels.get(&annotations[*i].id).map(String::as_str))
                    .collect();
                let _ = write!(
                    out,
                    "<mark data-a=\"{}\" style=\"background:{};box-shadow:{}\">{}</mark>",
                    names.join(" "),
                    tint(annotations[innermost].body.tag, depth).hex(),
                    shadows.join(","),
                    escape_html(segment.text)
                );
            } else {
                out.push_str(&escape_html(segment.text));
            }
            // The numbers of the spans ending here, innermost first.
            for i in layout.ending((p, s)) {
                if let Some(entry) = labels
                    .get(&annotations[i].id)
                    .and_then(|l| by_label.get(l.as_str()))
                {
                    let _ = write!(
                        out,
                        "<sup><a href=\"#{}\" id=\"{}\" style=\"color:{}\">{}</a></sup>",
                        entry.entry_id(),
                        entry.ref_id(),
                        label_colour(entry.body.tag).hex(),
                        entry.label
                    );
                }
            }
        }
        out.push_str("</p>\n");
    }
    out.push_str("</div>\n</section>\n");
}

// ---------------------------------------------------------------------------------------------
// Markdown

/// Escapes user text for Markdown (CommonMark): every character that could start markup
/// (emphasis, links, images, HTML, code, headings, lists, tables) gets a backslash, so a note
/// cannot inject links or HTML. Line breaks become hard breaks.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for (n, line) in text.trim().lines().enumerate() {
        if n > 0 {
            out.push_str("\\\n");
        }
        let mut escaped = String::new();
        escape_chars(line, &mut escaped);
        out.push_str(&line_start_safe(&escaped));
    }
    out
}

/// `line` (already escaped) with its leading spaces removed (four would start a code block)
/// and a leading "1." or "1)" escaped (it would start an ordered list).
fn line_start_safe(line: &str) -> String {
    let line = line.trim_start();
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && matches!(line.as_bytes().get(digits), Some(b'.' | b')')) {
        format!("{}\\{}", &line[..digits], &line[digits..])
    } else {
        line.to_owned()
    }
}

/// Appends `text` with a backslash before every character that could start Markdown markup.
fn escape_chars(text: &str, out: &mut String) {
    const SPECIAL: &str = "\\`*_{}[]<>()#+-!|~=&:";
    for c in text.chars() {
        if SPECIAL.contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
}

/// A Markdown link destination: characters that would end or break it percent-encoded.
fn markdown_url(url: &str) -> String {
    let mut out = String::new();
    for c in url.chars() {
        match c {
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            ' ' => out.push_str("%20"),
            '\\' => out.push_str("%5C"),
            c => out.push(c),
        }
    }
    out
}

fn markdown_link(url: &str, text: &str) -> String {
    if is_web(url) {
        format!("[{}]({})", escape_markdown(text), markdown_url(url))
    } else {
        escape_markdown(text)
    }
}

fn markdown_verdict(session: &Session, body: &Body) -> String {
    let Some(name) = &body.verdict else {
        return "No verdict".to_owned();
    };
    match session.scale_for(body.tag).get(name) {
        Some(rating) => {
            let mut out = format!("**{}**", escape_markdown(&rating.name));
            if rating.retired {
                out.push_str(" (no longer in the scale)");
            }
            if !rating.description.trim().is_empty() {
                let _ = write!(out, ": {}", escape_markdown(&rating.description));
            }
            out
        }
        None => format!("**{}** (not in the scale)", escape_markdown(name)),
    }
}

/// The report as Markdown (CommonMark with a GitHub-style table): the same content as
/// [`html`], the article text with each span between `⟦C1 ` and `⟧`.
pub fn markdown(session: &Session) -> String {
    let mut out = String::new();
    let article = session.article();
    let details = session.details();
    let summary = Summary::of(session);
    let (entries, labels) = entries(session);
    let title = if article.title().trim().is_empty() {
        "Untitled article"
    } else {
        article.title()
    };
    let _ = writeln!(out, "# Fact-check: {}\n", escape_markdown(title));
    let byline = details.byline();
    if !byline.is_empty() {
        let _ = writeln!(out, "{}\\", escape_markdown(&byline));
    }
    if !details.url.trim().is_empty() {
        let _ = writeln!(out, "{}", markdown_link(&details.url, &details.url));
    }
    out.push_str("\n## Summary\n\n");
    let _ = writeln!(out, "**{}**\n", summary.progress_line());
    out.push_str("| Tag |");
    for status in Status::ALL {
        let _ = write!(out, " {} |", status.label());
    }
    out.push_str(" Total |\n|---|");
    for _ in Status::ALL {
        out.push_str("---:|");
    }
    out.push_str("---:|\n");
    for tag in Tag::ALL {
        let _ = write!(out, "| {} |", plural(tag));
        for status in Status::ALL {
            let _ = write!(out, " {} |", summary.by_status[tag.index()][status.index()]);
        }
        let _ = writeln!(out, " {} |", summary.tag_total(tag));
    }
    out.push_str("| **All** |");
    for status in Status::ALL {
        let _ = write!(out, " **{}** |", summary.status_total(status));
    }
    let _ = writeln!(out, " **{}** |\n", session.annotations().len());
    if summary.orphans > 0 {
        let _ = writeln!(
            out,
            "Plus {} no longer in the article text (listed at the end).\n",
            summary.orphans
        );
    }
    for kind in ScaleKind::ALL {
        let _ = writeln!(
            out,
            "{}:\n",
            match kind {
                ScaleKind::Rating => "Verdicts on claims and statistics",
                ScaleKind::Attribution => "Attribution of quotes",
            }
        );
        for (rating, n) in &summary.verdicts[kind.index()] {
            let _ = writeln!(
                out,
                "- {}{}: {n}",
                escape_markdown(&rating.name),
                if rating.retired {
                    " (no longer in the scale)"
                } else {
                    ""
                }
            );
        }
        let _ = writeln!(out, "- No verdict: {}\n", summary.no_verdict[kind.index()]);
    }

    let headings = [
        "Claims and statistics",
        "Quotes",
        "No longer in the article",
    ];
    for (section, heading) in headings.iter().enumerate() {
        let chosen: Vec<&Entry> = entries.iter().filter(|e| e.section() == section).collect();
        if chosen.is_empty() && section == 2 {
            continue;
        }
        let _ = writeln!(out, "## {heading}\n");
        if chosen.is_empty() {
            out.push_str("None were tagged.\n\n");
        }
        for entry in chosen {
            markdown_entry(&mut out, session, entry);
        }
    }

    out.push_str("## Article text\n\nEach tagged span is between ⟦ and ⟧, with its number.\n\n");
    let annotations = session.annotations();
    let layout = Layout::of(session);
    let mut open: Vec<usize> = Vec::new();
    for (p, paragraph) in layout.paragraphs.iter().enumerate() {
        let mut line = String::new();
        for (s, segment) in paragraph.iter().enumerate() {
            for i in layout.starting((p, s)) {
                let _ = write!(line, "⟦{} ", labels[&annotations[i].id]);
                open.push(i);
            }
            escape_chars(segment.text, &mut line);
            for i in layout.ending((p, s)) {
                // The innermost open span closes with a plain bracket; one closing out of
                // order (overlapping spans) names itself.
                if open.last() == Some(&i) {
                    line.push('⟧');
                } else {
                    let _ = write!(line, "⟧{}", labels[&annotations[i].id]);
                }
                open.retain(|&o| o != i);
            }
        }
        let _ = writeln!(out, "{}\n", line_start_safe(&line));
    }
    let _ = writeln!(
        out,
        "---\n\nMade with Factmark {}.",
        env!("CARGO_PKG_VERSION")
    );
    out
}

fn markdown_entry(out: &mut String, session: &Session, entry: &Entry<'_>) {
    let body = entry.body;
    let tag = body.tag;
    let _ = writeln!(out, "### {} · {}\n", entry.label, tag.label());
    for line in escape_markdown(entry.text).split("\\\n") {
        let _ = writeln!(out, "> {line}");
    }
    out.push('\n');
    let _ = writeln!(
        out,
        "- {}: {}",
        verdict_word(tag),
        markdown_verdict(session, body)
    );
    let _ = writeln!(out, "- Status: {}", body.status.label());
    let who = if tag == Tag::Quote {
        "Speaker"
    } else {
        "Claimant"
    };
    let _ = writeln!(
        out,
        "- {who}: {}",
        if body.claimant.trim().is_empty() {
            "not recorded".to_owned()
        } else {
            escape_markdown(&body.claimant)
        }
    );
    if !body.sources.is_empty() {
        out.push_str("- Sources:\n");
        for source in &body.sources {
            let citation = source.citation.trim();
            let mut item = if citation.is_empty() {
                markdown_link(&source.url, &source.url)
            } else if is_web(&source.url) {
                markdown_link(&source.url, citation)
            } else if source.url.trim().is_empty() {
                escape_markdown(citation)
            } else {
                format!(
                    "{} ({})",
                    escape_markdown(citation),
                    escape_markdown(&source.url)
                )
            };
            if source.primary {
                item.push_str(" (primary)");
            }
            let _ = writeln!(out, "  - {item}");
        }
    }
    if !body.note.trim().is_empty() {
        let _ = writeln!(
            out,
            "- Note: {}",
            escape_markdown(&body.note).replace("\\\n", "\\\n  ")
        );
    }
    if !body.analyst.trim().is_empty() {
        let _ = writeln!(out, "- Analyst: {}", escape_markdown(&body.analyst));
    }
    for (name, stamp) in [("Created", &body.created), ("Changed", &body.changed)] {
        if let Some(stamp) = stamp {
            let _ = writeln!(out, "- {name}: {}", when(stamp));
        }
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The CSS's `--text`.
    const TEXT: Colour = Colour([0x1b, 0x1b, 0x1f]);

    #[test]
    fn dark_text_reads_on_every_tint_and_chips_pick_their_text() {
        for tag in Tag::ALL {
            for depth in 1..=4 {
                let ratio = contrast(TEXT, tint(tag, depth));
                assert!(ratio >= 4.5, "{tag} depth {depth}: {ratio}");
            }
            assert!(contrast(label_colour(tag), PAGE) >= 4.5);
        }
        for kind in ScaleKind::ALL {
            for rating in &crate::model::Scale::default_for(kind).ratings {
                let ratio = contrast(rating.colour, text_on(rating.colour));
                assert!(ratio >= 3.0, "{}: {ratio}", rating.name);
            }
        }
    }

    #[test]
    fn escaping() {
        assert_eq!(
            escape_html(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(
            escape_markdown("[x](javascript:y) <b>"),
            "\\[x\\]\\(javascript\\:y\\) \\<b\\>"
        );
        assert_eq!(escape_markdown("1. one\n# two"), "1\\. one\\\n\\# two");
        assert!(!is_web("javascript:alert(1)"));
        assert!(is_web("https://example.org/a"));
    }
}
