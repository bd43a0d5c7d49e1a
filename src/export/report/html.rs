//! The report as one self-contained HTML page: inline CSS, no scripts, every user string escaped.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::colour::{label_colour, tag_colour, text_on, tint};
use super::*;

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
        Some(rating) => rating_chip(rating),
        None => format!(
            "<span class=\"chip none\">{}</span> <span class=\"retired\">(not in the scale)</span>",
            escape_html(name)
        ),
    }
}

/// A rating as a chip in its colour, with text that reads on it; a retired rating says so.
fn rating_chip(rating: &Rating) -> String {
    format!(
        "<span class=\"chip\" style=\"background:{};color:{}\">{}</span>{}",
        rating.colour.hex(),
        text_on(rating.colour).hex(),
        escape_html(&rating.name),
        if rating.retired {
            " <span class=\"retired\">(no longer in the scale)</span>"
        } else {
            ""
        }
    )
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
        let _ = writeln!(out, "<div><h3>{}</h3>\n<ul>", verdicts_heading(kind));
        for (rating, n) in &summary.verdicts[kind.index()] {
            let _ = writeln!(
                out,
                "<li>{}<span class=\"n\">{n}</span></li>",
                rating_chip(rating)
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
    let who = claimant_word(tag);
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
