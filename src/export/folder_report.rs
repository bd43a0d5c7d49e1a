//! The report of a whole folder: one self-contained HTML page with an overview of every
//! document (counts, progress, state, problems, a link to its section), then each checked
//! document's own report ([`super::report::html`]) as a section of the page. Every user
//! string is escaped, as in the single report.

use std::fmt::Write as _;

use super::report::{CSS, Summary, escape_html, html, html_end};
use crate::model::{Session, Tag};

/// One document of the folder as the report lists it.
#[derive(Clone, Debug)]
pub struct FolderEntry<'a> {
    /// Its file, relative to the folder (`news/minsk.txt`).
    pub name: String,
    /// Its title.
    pub title: String,
    /// Its state, in words (`in progress`).
    pub state: &'a str,
    /// Its session, when it has one that could be read: its report becomes a section.
    pub session: Option<&'a Session>,
    /// What is wrong with it, each naming its file.
    pub problems: Vec<String>,
}

/// Styles of the overview, added to the single report's.
const FOLDER_CSS: &str = r"
.overview td:nth-child(2), .overview th:nth-child(2) { text-align: left; }
.overview td.problems { text-align: left; color: #8a1c1c; font-size: .85rem; }
.overview .file { display: block; color: var(--muted); font-size: .8rem; overflow-wrap: anywhere; }
.document { margin-top: 4rem; padding-top: 1rem; border-top: 4px double var(--rule); }
.document > .up { font-family: system-ui, sans-serif; font-size: .85rem; }
@media print { .document { break-before: page; page-break-before: always; border-top: 0; } .up { display: none; } }
";

/// The folder report as one HTML page: `folder` names it in the heading.
pub fn folder_html(folder: &str, entries: &[FolderEntry<'_>]) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"Factmark {}\">\n<title>Fact-checks: {}</title>\n\
         <style>{CSS}{FOLDER_CSS}</style>\n</head>\n<body>\n<main>\n",
        env!("CARGO_PKG_VERSION"),
        escape_html(folder)
    );
    overview(&mut out, folder, entries);
    for (n, entry) in entries.iter().enumerate() {
        let Some(session) = entry.session else {
            continue;
        };
        let _ = writeln!(
            out,
            "<article class=\"document\" id=\"d{n}\">\n<p class=\"up\"><a href=\"#overview\">↑ Overview</a> · {}</p>",
            escape_html(&entry.name)
        );
        out.push_str(&section(&html(session), &format!("d{n}-")));
        out.push_str("</article>\n");
    }
    html_end(&mut out);
    out
}

/// The overview: a line of totals, then one table row per document.
fn overview(out: &mut String, folder: &str, entries: &[FolderEntry<'_>]) {
    let _ = writeln!(
        out,
        "<header id=\"overview\">\n<p class=\"kicker\">Fact-check reports</p>\n<h1>{}</h1>",
        escape_html(folder)
    );
    let mut states: Vec<(&str, usize)> = Vec::new();
    for entry in entries {
        match states.iter_mut().find(|(s, _)| *s == entry.state) {
            Some((_, n)) => *n += 1,
            None => states.push((entry.state, 1)),
        }
    }
    let states: Vec<String> = states
        .iter()
        .map(|(s, n)| format!("{n} {}", escape_html(s)))
        .collect();
    let _ = writeln!(
        out,
        "<p class=\"details\">{} document{}: {}</p>\n</header>",
        entries.len(),
        if entries.len() == 1 { "" } else { "s" },
        states.join(", ")
    );
    out.push_str(
        "<table class=\"overview\">\n<thead><tr><th>#</th><th>Document</th><th>Claims</th>\
         <th>Statistics</th><th>Quotes</th><th>Checked</th><th>State</th><th>Problems</th>\
         </tr></thead>\n<tbody>\n",
    );
    for (n, entry) in entries.iter().enumerate() {
        let title = if entry.title.trim().is_empty() {
            "Untitled article"
        } else {
            &entry.title
        };
        let title = match entry.session {
            Some(_) => format!("<a href=\"#d{n}\">{}</a>", escape_html(title)),
            None => escape_html(title),
        };
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{title}<span class=\"file\">{}</span></td>",
            n + 1,
            escape_html(&entry.name)
        );
        match entry.session {
            Some(session) => {
                let summary = Summary::of(session);
                for tag in Tag::ALL {
                    let _ = write!(out, "<td>{}</td>", summary.tag_total(tag));
                }
                let (checked, all) = summary.progress();
                let _ = write!(out, "<td>{checked} of {all}</td>");
            }
            None => out.push_str("<td>–</td><td>–</td><td>–</td><td>–</td>"),
        }
        let problems: Vec<String> = entry.problems.iter().map(|p| escape_html(p)).collect();
        let _ = writeln!(
            out,
            "<td>{}</td><td class=\"problems\">{}</td></tr>",
            escape_html(entry.state),
            problems.join("<br>")
        );
    }
    out.push_str("</tbody>\n</table>\n");
}

/// The body of a single report (between `<main>` and its footer), with every `id` and
/// in-page link prefixed so sections do not collide. Only the generator writes `id="` and
/// `href="#`: user text is escaped (`"` becomes `&quot;`), so it is never touched.
fn section(page: &str, prefix: &str) -> String {
    let start = page.find("<main>\n").map_or(0, |i| i + "<main>\n".len());
    let end = page.rfind("<footer>").unwrap_or(page.len());
    page[start..end]
        .replace("id=\"", &format!("id=\"{prefix}"))
        .replace("href=\"#", &format!("href=\"#{prefix}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    use crate::model::{Article, Span};

    #[test]
    fn sections_have_their_own_ids_and_user_text_is_escaped() {
        let text = "Minister said \"id=\" <b>14</b> & more.";
        let mut session = Session::new(Arc::new(Article::new("<Minsk> & co", None, text)));
        let add = session.add_edit(Tag::Claim, Span::new(0, 8));
        session.apply(add).unwrap();
        let entries = [
            FolderEntry {
                name: "news/minsk.txt".into(),
                title: "<Minsk> & co".into(),
                state: "in progress",
                session: Some(&session),
                problems: Vec::new(),
            },
            FolderEntry {
                name: "news/<b>broken</b>.ron".into(),
                title: String::new(),
                state: "broken",
                session: None,
                problems: vec!["broken.ron: not valid RON <x>".into()],
            },
        ];
        let page = folder_html("desk & co", &entries);
        assert!(page.contains("<h1>desk &amp; co</h1>"));
        assert!(page.contains("<a href=\"#d0\">&lt;Minsk&gt; &amp; co</a>"));
        assert!(page.contains("news/&lt;b&gt;broken&lt;/b&gt;.ron"));
        assert!(page.contains("not valid RON &lt;x&gt;"));
        assert!(page.contains("2 documents: 1 in progress, 1 broken"));
        assert!(page.contains("id=\"d0-summary\"") && page.contains("id=\"d0-entry-C1\""));
        assert!(page.contains("href=\"#d0-ref-C1\"") && page.contains("href=\"#d0-entry-C1\""));
        assert!(!page.contains("id=\"summary\""), "no unprefixed id is left");
        assert!(
            page.contains("&quot;id=&quot;"),
            "user text is escaped, not prefixed"
        );
        assert_eq!(page.matches("<footer>").count(), 1);
        assert_eq!(page.matches("<main>").count(), 1);
        assert!(!page.contains("<script") && !page.contains("src=\""));
    }
}
