//! Saved web pages → article text. dom_smoothie (Mozilla readability) finds the article and
//! its title, byline and date and drops navigation, ads, share bars, comments and the like;
//! this module walks the cleaned article DOM into one paragraph per block (headings, list
//! items, quotes, table rows). html5ever decodes entities. Nothing is fetched, no script runs.

use dom_query::{Document, NodeRef};
use dom_smoothie::Readability;

use super::Extracted;
use super::lines::{LineWriter, next_list_marker};

/// Elements whose content is never article text.
#[rustfmt::skip]
const SKIPPED: &[&str] = &[
    "head", "title", "meta", "link", "script", "style", "noscript", "template", "iframe",
    "object", "embed", "svg", "math", "canvas", "video", "audio", "img", "picture", "source",
    "button", "input", "select", "textarea", "dialog",
];

/// Elements that start and end a paragraph.
#[rustfmt::skip]
const BLOCKS: &[&str] = &[
    "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "h1", "h2",
    "h3", "h4", "h5", "h6", "blockquote", "figure", "figcaption", "address", "dl", "dt", "dd",
    "table", "thead", "tbody", "tfoot", "caption", "details", "summary", "center", "fieldset",
    "legend", "hgroup", "form", "body", "html",
];

/// Page furniture skipped when readability finds no article and the whole page is shown.
const FURNITURE_ELEMENTS: &[&str] = &["nav", "header", "footer", "aside", "form", "menu"];
/// Class or id fragments of page furniture (same fallback only).
#[rustfmt::skip]
const FURNITURE_NAMES: &[&str] = &[
    "cookie", "consent", "banner", "share", "social", "advert", "ad-slot", "sponsor", "promo",
    "comment", "sidebar", "related", "newsletter", "subscribe", "breadcrumb", "menu", "popup",
    "modal", "footer", "header", "nav",
];

/// Extracts the article of an HTML page (already decoded).
pub(crate) fn extract(html: &str) -> Extracted {
    let parsed = Readability::new(html, None, None).and_then(|mut readability| {
        let article = readability.parse()?;
        let root = readability.doc.select("#readability-page-1");
        let text = root
            .nodes()
            .first()
            .map(|node| walk_to_text(node, false))
            .unwrap_or_default();
        Ok((article, text))
    });
    match parsed {
        Ok((article, text)) if !text.trim().is_empty() => {
            let byline = non_blank(article.byline);
            let published = non_blank(article.published_time);
            Extracted {
                title: non_blank(Some(article.title)),
                text: with_header_line(byline.as_deref(), published.as_deref(), &text),
                byline,
                published,
                warnings: Vec::new(),
            }
        }
        result => {
            let reason = match result {
                Err(error) => error.to_string(),
                Ok(_) => "the article it found had no text".to_owned(),
            };
            whole_page(html, &reason)
        }
    }
}

/// The fallback when readability cannot isolate an article: the whole body, without the
/// usual page furniture, with a warning.
fn whole_page(html: &str, reason: &str) -> Extracted {
    let doc = Document::from(html);
    let title = non_blank(Some(doc.select("title").text().to_string()));
    let text = doc
        .body()
        .map(|body| walk_to_text(&body, true))
        .unwrap_or_default();
    Extracted {
        title,
        text,
        warnings: vec![format!(
            "could not isolate the article ({reason}); showing the whole page text"
        )],
        ..Extracted::default()
    }
}

/// Prepends a "byline · date" line unless the text already starts with the byline.
fn with_header_line(byline: Option<&str>, published: Option<&str>, text: &str) -> String {
    let head: String = text.lines().take(3).collect::<Vec<_>>().join("\n");
    let byline = byline.filter(|b| !head.contains(b));
    let published = published.filter(|p| !head.contains(p));
    let parts: Vec<&str> = byline.into_iter().chain(published).collect();
    if parts.is_empty() {
        text.to_owned()
    } else {
        format!("{}\n{text}", parts.join(" · "))
    }
}

/// `Some` trimmed, whitespace-collapsed text, or `None` when blank.
fn non_blank(text: Option<String>) -> Option<String> {
    let text = text?;
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!collapsed.is_empty()).then_some(collapsed)
}

/// Where the walk is.
struct Walk {
    out: LineWriter,
    /// Inside `<pre>`: whitespace kept.
    pre: usize,
    /// Open lists: the next number of an `<ol>`, `None` for `<ul>`.
    lists: Vec<Option<u64>>,
    /// Cells already written in the current table row.
    cells: usize,
    /// Skip page furniture (the whole-page fallback).
    skip_furniture: bool,
}

/// The text of `root`'s descendants, one block per line.
fn walk_to_text(root: &NodeRef<'_>, skip_furniture: bool) -> String {
    let mut walk = Walk {
        out: LineWriter::default(),
        pre: 0,
        lists: Vec::new(),
        cells: 0,
        skip_furniture,
    };
    walk.children(root);
    walk.out.finish()
}

impl Walk {
    fn children(&mut self, node: &NodeRef<'_>) {
        for child in node.children_it(false) {
            if child.is_text() {
                let text = child.text();
                if self.pre > 0 {
                    self.out.raw(&text);
                } else {
                    self.out.collapsed(&text);
                }
            } else if child.is_element() {
                self.element(&child);
            }
        }
    }

    fn element(&mut self, node: &NodeRef<'_>) {
        let name = node
            .node_name()
            .map(|n| n.to_ascii_lowercase())
            .unwrap_or_default();
        let name = name.as_str();
        if SKIPPED.contains(&name) || node.has_attr("hidden") || self.is_furniture(node, name) {
            return;
        }
        match name {
            "br" | "hr" => self.out.flush(),
            "pre" => {
                self.out.flush();
                self.pre += 1;
                self.children(node);
                self.pre -= 1;
                self.out.flush();
            }
            "ul" | "ol" | "menu" => {
                self.out.flush();
                let first = (name == "ol").then(|| {
                    node.attr("start")
                        .and_then(|s| s.trim().parse().ok())
                        .unwrap_or(1)
                });
                self.lists.push(first);
                self.children(node);
                self.lists.pop();
                self.out.flush();
            }
            "li" => {
                self.out.flush();
                self.out.prefix(next_list_marker(&mut self.lists));
                self.children(node);
                self.out.flush();
                self.out.clear_prefix();
            }
            "tr" => {
                self.out.flush();
                self.cells = 0;
                self.children(node);
                self.out.flush();
            }
            "td" | "th" => {
                if self.cells > 0 {
                    self.out.raw(" | ");
                }
                self.cells += 1;
                self.children(node);
            }
            _ if BLOCKS.contains(&name) => {
                self.out.flush();
                self.children(node);
                self.out.flush();
            }
            _ => self.children(node),
        }
    }

    /// Navigation, always (readability keeps a `<nav>` on short pages); in the whole-page
    /// fallback also headers, footers, banners, share bars, comments, ….
    fn is_furniture(&self, node: &NodeRef<'_>, name: &str) -> bool {
        let role = node.attr("role").unwrap_or_default().to_ascii_lowercase();
        if name == "nav" || role.as_str() == "navigation" {
            return true;
        }
        if !self.skip_furniture {
            return false;
        }
        if FURNITURE_ELEMENTS.contains(&name) {
            return true;
        }
        let names = format!(
            "{} {}",
            node.attr("class").unwrap_or_default(),
            node.attr("id").unwrap_or_default()
        )
        .to_ascii_lowercase();
        matches!(
            role.as_str(),
            "navigation" | "banner" | "contentinfo" | "complementary" | "dialog" | "alert"
        ) || names
            .split(|c: char| c.is_ascii_whitespace())
            .any(|word| FURNITURE_NAMES.iter().any(|f| word.contains(f)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(body: &str) -> String {
        format!("<html><head><title>T</title></head><body>{body}</body></html>")
    }

    #[test]
    fn blocks_lists_tables_and_entities() {
        let doc = Document::from(page(
            "<h2>Head&amp;ing</h2><p>One&nbsp;two <b>three</b><br>four</p>\
             <ol start=3><li>x</li><li><p>y</p></li></ol><ul><li>z</li></ul>\
             <table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table>\
             <pre>  keep\n  this</pre><script>no()</script><!-- no -->",
        ));
        let body = doc.body().unwrap();
        assert_eq!(
            walk_to_text(&body, false),
            "Head&ing\nOne two three\nfour\n3. x\n4. y\n• z\na | b\n1 | 2\n  keep\n  this\n"
        );
    }

    #[test]
    fn fallback_skips_furniture() {
        let doc = Document::from(page(
            "<nav>Home</nav><div class='cookie-banner'>Cookies</div>\
             <div role=navigation>Menu</div><p>Body text.</p><footer>(c)</footer>",
        ));
        let body = doc.body().unwrap();
        assert_eq!(walk_to_text(&body, true), "Body text.\n");
        let kept = walk_to_text(&body, false);
        assert!(kept.contains("Cookies") && !kept.contains("Home") && !kept.contains("Menu"));
    }

    #[test]
    fn header_line_is_not_repeated() {
        assert_eq!(
            with_header_line(Some("By A"), Some("2025-06-22"), "Body\n"),
            "By A · 2025-06-22\nBody\n"
        );
        assert_eq!(
            with_header_line(Some("By A"), None, "By A, Minsk\nBody\n"),
            "By A, Minsk\nBody\n"
        );
        assert_eq!(with_header_line(None, None, "Body\n"), "Body\n");
    }
}
