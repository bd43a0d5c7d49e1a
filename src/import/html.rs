//! Saved web pages → article text. dom_smoothie (Mozilla readability) finds the article and
//! its title, byline and date and drops navigation, ads, share bars, comments and the like;
//! this module walks the cleaned article DOM into one paragraph per block (headings, list
//! items, quotes, table rows). html5ever decodes entities. Nothing is fetched, no script runs.
//! Pages nested too deep are flattened first and read whole ([`MAX_DEPTH`]); an article that
//! lost most of the page's text gives way to the whole page ([`MIN_KEPT_SHARE`]).

use dom_query::{Document, NodeRef};
use dom_smoothie::Readability;

use super::Extracted;
use super::lines::{LineWriter, next_list_marker};
use super::nesting::bound_depth;

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

/// Pages nesting deeper than this many elements are flattened (see [`bound_depth`]) and read
/// without article detection. Real pages nest a few dozen levels; Blink stops at 512.
pub(crate) const MAX_DEPTH: usize = 256;

/// When article detection keeps less than 1/`MIN_KEPT_SHARE` of the page's own text (furniture
/// left out), it has most likely lost paragraphs, and the whole page text is shown instead.
const MIN_KEPT_SHARE: usize = 4;

/// Extracts the article of an HTML page (already decoded).
pub(crate) fn extract(html: &str) -> Extracted {
    let bounded = bound_depth(html, MAX_DEPTH);
    if let Some(flat) = &bounded.html {
        let mut extracted = whole_page(flat);
        extracted.warnings.push(format!(
            "the page nests {} levels deep; it was read without article detection, showing \
             the whole page text",
            thousands(bounded.depth)
        ));
        return extracted;
    }
    let doc = Document::from(html);
    let page_text = body_text(&doc);
    let parsed = Readability::with_document(doc, None, None).and_then(|mut readability| {
        let article = readability.parse()?;
        let root = readability.doc.select("#readability-page-1");
        let text = root
            .nodes()
            .first()
            .map(|node| walk_to_text(node, false))
            .unwrap_or_default();
        Ok((article, text))
    });
    let article = match parsed {
        Ok((article, text)) if !text.trim().is_empty() => (article, text),
        result => {
            let reason = match result {
                Err(error) => error.to_string(),
                Ok(_) => "the article it found had no text".to_owned(),
            };
            let mut extracted = whole_page_of(page_text, title_of(html));
            extracted.warnings.push(format!(
                "could not isolate the article ({reason}); showing the whole page text"
            ));
            return extracted;
        }
    };
    let (article, text) = article;
    let byline = non_blank(article.byline);
    let published = non_blank(article.published_time);
    let site_name = non_blank(article.site_name);
    let url = non_blank(article.url);
    let (kept, total) = (text_len(&text), text_len(&page_text));
    let mut warnings = Vec::new();
    // Readability scores paragraphs by their parent and grandparent, so a page whose every
    // paragraph sits in its own stack of `<div>`s can come out as one paragraph: notice the
    // loss by size and show the whole page instead of silently dropping most of the text.
    let text = if kept.saturating_mul(MIN_KEPT_SHARE) < total {
        warnings.push(format!(
            "article detection kept only {} of the page's {} characters of text; showing the \
             whole page text instead (check for menus or comments left in)",
            thousands(kept),
            thousands(total)
        ));
        page_text
    } else {
        text
    };
    Extracted {
        title: non_blank(Some(article.title)),
        text: with_header_line(byline.as_deref(), published.as_deref(), &text),
        byline,
        published,
        site_name,
        url,
        warnings,
    }
}

/// The whole body's text of a page readability was not used on (see [`MAX_DEPTH`]).
fn whole_page(html: &str) -> Extracted {
    let doc = Document::from(html);
    whole_page_of(body_text(&doc), title_of_doc(&doc))
}

/// An [`Extracted`] of the whole page's text.
fn whole_page_of(text: String, title: Option<String>) -> Extracted {
    Extracted {
        title,
        text,
        ..Extracted::default()
    }
}

/// The body's text without the usual page furniture (navigation, header, footer, banners).
fn body_text(doc: &Document) -> String {
    doc.body()
        .map(|body| walk_to_text(&body, true))
        .unwrap_or_default()
}

/// The page's `<title>` (parsed again: readability consumed the document).
fn title_of(html: &str) -> Option<String> {
    title_of_doc(&Document::from(html))
}

/// The document's `<title>`.
fn title_of_doc(doc: &Document) -> Option<String> {
    non_blank(Some(doc.select("title").text().to_string()))
}

/// Characters of text, not counting whitespace (line breaks differ between the two walks).
fn text_len(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

/// `12,345`: a count for messages.
pub(crate) fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
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

/// Pushes `node`'s children so that the first is popped first.
fn push_children<'a>(steps: &mut Vec<Step<'a>>, node: &NodeRef<'a>) {
    steps.extend(node.children_it(true).map(Step::Visit));
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
    walk.run(root);
    walk.out.finish()
}

/// A step of the walk: visit a node, or finish an element once its children are done.
enum Step<'a> {
    Visit(NodeRef<'a>),
    Leave(Leave),
}

/// What to do after an element's children.
#[derive(Clone, Copy)]
enum Leave {
    /// End of a `<pre>`.
    Pre,
    /// End of a list.
    List,
    /// End of a list item.
    Item,
    /// End of any other block.
    Block,
    /// Nothing (inline elements, table cells).
    Nothing,
}

impl Walk {
    /// Walks `root`'s descendants in document order with an explicit stack, not recursion: a
    /// page can nest thousands of elements deep and must not overflow the stack.
    fn run<'a>(&mut self, root: &NodeRef<'a>) {
        let mut steps: Vec<Step<'a>> = Vec::new();
        push_children(&mut steps, root);
        while let Some(step) = steps.pop() {
            match step {
                Step::Leave(leave) => self.leave(leave),
                Step::Visit(node) if node.is_text() => {
                    let text = node.text();
                    if self.pre > 0 {
                        self.out.raw(&text);
                    } else {
                        self.out.collapsed(&text);
                    }
                }
                Step::Visit(node) if node.is_element() => {
                    if let Some(leave) = self.enter(&node) {
                        steps.push(Step::Leave(leave));
                        push_children(&mut steps, &node);
                    }
                }
                Step::Visit(_) => {}
            }
        }
    }

    /// Starts an element; `None` when its content is skipped.
    fn enter(&mut self, node: &NodeRef<'_>) -> Option<Leave> {
        let name = node
            .node_name()
            .map(|n| n.to_ascii_lowercase())
            .unwrap_or_default();
        let name = name.as_str();
        if SKIPPED.contains(&name) || node.has_attr("hidden") || self.is_furniture(node, name) {
            return None;
        }
        let leave = match name {
            "br" | "hr" => {
                self.out.flush();
                Leave::Nothing
            }
            "pre" => {
                self.out.flush();
                self.pre += 1;
                Leave::Pre
            }
            "ul" | "ol" | "menu" => {
                self.out.flush();
                let first = (name == "ol").then(|| {
                    node.attr("start")
                        .and_then(|s| s.trim().parse().ok())
                        .unwrap_or(1)
                });
                self.lists.push(first);
                Leave::List
            }
            "li" => {
                self.out.flush();
                self.out.prefix(next_list_marker(&mut self.lists));
                Leave::Item
            }
            "tr" => {
                self.out.flush();
                self.cells = 0;
                Leave::Block
            }
            "td" | "th" => {
                if self.cells > 0 {
                    self.out.raw(" | ");
                }
                self.cells += 1;
                Leave::Nothing
            }
            _ if BLOCKS.contains(&name) => {
                self.out.flush();
                Leave::Block
            }
            _ => Leave::Nothing,
        };
        Some(leave)
    }

    /// Finishes an element after its children.
    fn leave(&mut self, leave: Leave) {
        match leave {
            Leave::Pre => {
                self.pre -= 1;
                self.out.flush();
            }
            Leave::List => {
                self.lists.pop();
                self.out.flush();
            }
            Leave::Item => {
                self.out.flush();
                self.out.clear_prefix();
            }
            Leave::Block => self.out.flush(),
            Leave::Nothing => {}
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
