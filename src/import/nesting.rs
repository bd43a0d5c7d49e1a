//! Bounding how deeply an HTML page nests before it is parsed: a linear scan of the source
//! that counts open elements and, past a limit, drops the tags of the elements nested deeper,
//! so html5ever and readability only ever see a tree of bounded depth.
//!
//! Why: html5ever's tree builder scans the stack of open elements for every start tag (the
//! "p element in button scope" check walks down to `<html>` through plain `<div>`s), so a
//! page nested N levels deep costs N² (100,000 nested or unclosed `<div>`s never finished),
//! and readability's passes and any recursive walk grow with depth too. Browsers bound depth
//! the same way (Blink stops nesting at 512 and appends deeper elements as siblings).
//!
//! The scan is a tokenizer in miniature: comments, doctypes, quoted attribute values and the
//! raw-text elements (`<script>`, `<style>`, `<textarea>`, …) are skipped as html5ever would,
//! and void elements never open. It may overestimate depth (it does not know every implied end
//! tag), which only flattens a little more; text is never dropped, and a dropped block tag
//! becomes a `<br>` so its paragraphs stay apart.

use std::collections::HashMap;

/// The page after [`bound_depth`].
#[derive(Debug)]
pub(crate) struct Bounded {
    /// The source with tags deeper than the limit dropped (`None`: within the limit, unchanged).
    pub html: Option<String>,
    /// How deep the page nests as written (counting elements the scan saw open).
    pub depth: usize,
}

/// Elements that never have content or an end tag.
#[rustfmt::skip]
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr", "keygen", "basefont", "bgsound", "frame", "image",
];

/// Elements whose content is text up to their end tag, never markup.
#[rustfmt::skip]
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
    "noscript",
];

/// Elements that end a paragraph: a dropped one leaves a `<br>` behind.
#[rustfmt::skip]
const BLOCKS: &[&str] = &[
    "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "h1", "h2",
    "h3", "h4", "h5", "h6", "blockquote", "figure", "figcaption", "address", "dl", "dt", "dd",
    "table", "tr", "td", "th", "caption", "details", "summary", "center", "fieldset", "legend",
    "hgroup", "form", "ul", "ol", "li", "menu", "pre",
];

/// Scans `html` and, when it nests deeper than `limit` elements, returns it with the start and
/// end tags of every element opened below that depth removed. Linear in the length of `html`
/// (each end tag searches at most `limit` open elements).
pub(crate) fn bound_depth(html: &str, limit: usize) -> Bounded {
    let mut scan = Scan {
        src: html,
        at: 0,
        out: String::with_capacity(html.len()),
        copied: 0,
        open: Vec::new(),
        dropped: HashMap::new(),
        dropped_total: 0,
        depth: 0,
        limit,
    };
    scan.run();
    let depth = scan.depth;
    let html = (depth > limit).then(|| {
        scan.copy_to(html.len());
        scan.out
    });
    Bounded { html, depth }
}

/// The scanner's state.
struct Scan<'a> {
    src: &'a str,
    /// Where scanning is (a byte offset, always at an ASCII byte or the end).
    at: usize,
    /// The bounded source built so far: `src[..copied]` minus the dropped tags.
    out: String,
    copied: usize,
    /// Names of the open elements the output keeps (at most `limit`).
    open: Vec<String>,
    /// Elements opened past the limit and not yet closed, by name.
    dropped: HashMap<String, usize>,
    dropped_total: usize,
    /// The deepest nesting seen.
    depth: usize,
    limit: usize,
}

impl Scan<'_> {
    fn run(&mut self) {
        let bytes = self.src.as_bytes();
        while let Some(offset) = memchr(b'<', &bytes[self.at..]) {
            let start = self.at + offset;
            let rest = &bytes[start..];
            if rest.starts_with(b"<!--") {
                self.at = find_from(bytes, start + 4, b"-->").map_or(bytes.len(), |end| end + 3);
            } else if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
                self.at = find_from(bytes, start, b">").map_or(bytes.len(), |end| end + 1);
            } else if rest.starts_with(b"</") && rest.get(2).is_some_and(u8::is_ascii_alphabetic) {
                self.end_tag(start);
            } else if rest.get(1).is_some_and(u8::is_ascii_alphabetic) {
                self.start_tag(start);
            } else {
                self.at = start + 1;
            }
        }
        self.at = bytes.len();
    }

    /// A start tag at `start` (`<` then a letter).
    fn start_tag(&mut self, start: usize) {
        let bytes = self.src.as_bytes();
        let (name, after_name) = tag_name(bytes, start + 1);
        let (end, self_closing) = tag_end(bytes, after_name);
        self.at = end;
        if VOID.contains(&name.as_str()) {
            return;
        }
        if RAW_TEXT.contains(&name.as_str()) {
            // Its content is not markup: skip to its end tag (kept as written).
            let close = format!("</{name}");
            self.at = find_ascii_ci(bytes, end, close.as_bytes()).unwrap_or(bytes.len());
            return;
        }
        if name == "plaintext" {
            self.at = bytes.len();
            return;
        }
        if self_closing && !is_html_container(&name) {
            // `<svg/>`, `<path/>`: self-closing in foreign content opens nothing.
            return;
        }
        self.close_implied(&name);
        if self.open.len() < self.limit {
            self.open.push(name);
        } else {
            self.drop_tag(start, end, &name);
            *self.dropped.entry(name).or_default() += 1;
            self.dropped_total += 1;
        }
        self.depth = self.depth.max(self.open.len() + self.dropped_total);
    }

    /// Pops the elements a start tag `name` implicitly ends, as html5ever would: a block ends an
    /// open `<p>`, an `<li>` the previous item, a cell the previous cell, … (the common cases;
    /// missing one only overestimates depth). Searches at most down to the nearest enclosing
    /// container, so it costs little per tag.
    fn close_implied(&mut self, name: &str) {
        let (closes, stops): (&[&str], &[&str]) = match name {
            "li" => (&["li"], &["ul", "ol", "menu"]),
            "dt" | "dd" => (&["dt", "dd"], &["dl"]),
            "td" | "th" => (&["td", "th"], &["tr", "table"]),
            "tr" => (&["tr", "td", "th"], &["table", "tbody", "thead", "tfoot"]),
            "tbody" | "thead" | "tfoot" => {
                (&["tbody", "thead", "tfoot", "tr", "td", "th"], &["table"])
            }
            "option" => (&["option"], &["select", "datalist"]),
            _ if BLOCKS.contains(&name) && !matches!(name, "caption" | "legend") => {
                (&["p"], BLOCKS)
            }
            _ => return,
        };
        // The nearest enclosing container bounds the search; above it, the outermost element
        // the tag ends is closed with everything inside it.
        let floor = self
            .open
            .iter()
            .rposition(|open| stops.contains(&open.as_str()) && !closes.contains(&open.as_str()))
            .map_or(0, |at| at + 1);
        let outermost = self.open[floor..]
            .iter()
            .position(|open| closes.contains(&open.as_str()));
        if let Some(at) = outermost {
            self.open.truncate(floor + at);
        }
    }

    /// An end tag at `start` (`</` then a letter).
    fn end_tag(&mut self, start: usize) {
        let bytes = self.src.as_bytes();
        let (name, after_name) = tag_name(bytes, start + 2);
        let (end, _) = tag_end(bytes, after_name);
        self.at = end;
        if let Some(count) = self.dropped.get_mut(&name).filter(|count| **count > 0) {
            *count -= 1;
            self.dropped_total -= 1;
            self.drop_tag(start, end, &name);
        } else if let Some(at) = self.open.iter().rposition(|open| *open == name) {
            // Closing an element closes everything opened inside it.
            self.open.truncate(at);
        }
    }

    /// Leaves `src[start..end]` (a tag) out of the output, or a `<br>` for a block.
    fn drop_tag(&mut self, start: usize, end: usize, name: &str) {
        self.copy_to(start);
        if BLOCKS.contains(&name) {
            self.out.push_str("<br>");
        }
        self.copied = end;
    }

    /// Copies the source up to `to` into the output.
    fn copy_to(&mut self, to: usize) {
        if let Some(text) = self.src.get(self.copied..to) {
            self.out.push_str(text);
        }
        self.copied = self.copied.max(to);
    }
}

/// `<div/>` is just `<div>` in HTML: the slash is ignored on HTML elements, which do open.
fn is_html_container(name: &str) -> bool {
    BLOCKS.contains(&name) || matches!(name, "span" | "a" | "b" | "i" | "em" | "strong")
}

/// The lower-cased tag name starting at `from`, and where it ends.
fn tag_name(bytes: &[u8], from: usize) -> (String, usize) {
    let end = bytes
        .get(from..)
        .unwrap_or_default()
        .iter()
        .position(|b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>'))
        .map_or(bytes.len(), |n| from + n);
    let name = String::from_utf8_lossy(bytes.get(from..end).unwrap_or_default());
    (name.to_ascii_lowercase(), end)
}

/// Where the tag whose attributes start at `from` ends (past its `>`, quoted values skipped),
/// and whether it ends in `/>`.
fn tag_end(bytes: &[u8], from: usize) -> (usize, bool) {
    let mut at = from;
    let mut quote = None;
    while let Some(&byte) = bytes.get(at) {
        match (quote, byte) {
            (Some(q), b) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(byte),
            (None, b'>') => {
                let self_closing = at > from && bytes.get(at - 1) == Some(&b'/');
                return (at + 1, self_closing);
            }
            (None, _) => {}
        }
        at += 1;
    }
    (bytes.len(), false)
}

/// Position of the first `needle` byte.
fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|&b| b == needle)
}

/// Position of `needle` at or after `from`.
fn find_from(haystack: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|n| from + n)
}

/// Position of `needle` (lower-case ASCII) at or after `from`, ignoring ASCII case.
fn find_ascii_ci(haystack: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|n| from + n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_are_left_alone() {
        let page = "<html><body><div><p>a<br>b</p><script>if (a<b) {}</script></div></body></html>";
        let bounded = bound_depth(page, 8);
        assert_eq!((bounded.html, bounded.depth), (None, 4));
    }

    #[test]
    fn deep_tags_are_dropped_and_text_kept() {
        let page = format!("{}x{}", "<div>".repeat(6), "</div>".repeat(6));
        let bounded = bound_depth(&page, 4);
        assert_eq!(bounded.depth, 6);
        assert_eq!(
            bounded.html.as_deref(),
            Some("<div><div><div><div><br><br>x<br><br></div></div></div></div>")
        );
    }

    #[test]
    fn unclosed_tags_count_and_comments_quotes_and_scripts_do_not() {
        let page = "<div title='<div>'><!-- <div><div> --><script>'<div>'</script>\
                    <style><div></style><br><img><div><span>t";
        let bounded = bound_depth(page, 2);
        assert_eq!(bounded.depth, 3);
        assert_eq!(
            bounded.html.as_deref(),
            Some(
                "<div title='<div>'><!-- <div><div> --><script>'<div>'</script>\
                 <style><div></style><br><img><div>t"
            )
        );
    }

    #[test]
    fn implied_end_tags_do_not_deepen() {
        let items = format!("<ul>{}</ul>", "<li>item".repeat(50));
        let paragraphs = format!("<div>{}</div>", "<p>para <b>bold</b>".repeat(50));
        let rows = format!("<table>{}</table>", "<tr><td>a<td>b".repeat(50));
        let depths = [&items, &paragraphs, &rows].map(|page| bound_depth(page, 8).depth);
        assert_eq!(depths, [2, 3, 3]);
    }

    #[test]
    fn end_tags_close_what_they_enclose() {
        let page = "<div><b><i></div><div><div><div>x";
        let bounded = bound_depth(page, 8);
        assert_eq!(bounded.depth, 3);
    }
}
