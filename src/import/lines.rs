//! Building article text one paragraph per line, as the Markdown and HTML importers walk their
//! documents: pending list markers, whitespace collapsing, blank paragraphs dropped.

/// Accumulates paragraphs; each becomes one line of the article text.
#[derive(Debug, Default)]
pub(crate) struct LineWriter {
    out: String,
    line: String,
    /// A marker (`• `, `3. `, `[1] `) put before the next text of the current paragraph.
    prefix: Option<String>,
}

impl LineWriter {
    /// Appends `text` as is (newlines inside it end paragraphs).
    pub fn raw(&mut self, text: &str) {
        let mut parts = text.split('\n');
        if let Some(first) = parts.next() {
            self.push(first);
        }
        for part in parts {
            self.flush();
            self.push(part);
        }
    }

    /// Appends `text` with runs of whitespace (including newlines and no-break spaces)
    /// collapsed to one space, and none at the start of a paragraph: HTML's rendering.
    pub fn collapsed(&mut self, text: &str) {
        let mut pending_space = text.starts_with(is_collapsible);
        for word in text.split(is_collapsible).filter(|w| !w.is_empty()) {
            if pending_space && !self.line.is_empty() && !self.line.ends_with(' ') {
                self.line.push(' ');
            }
            self.push(word);
            pending_space = true;
        }
        if text.ends_with(is_collapsible) && !self.line.is_empty() && !self.line.ends_with(' ') {
            self.line.push(' ');
        }
    }

    /// Puts `marker` before the next text of this paragraph (a list bullet or number).
    pub fn prefix(&mut self, marker: String) {
        self.prefix = Some(marker);
    }

    /// Forgets a marker no text came for.
    pub fn clear_prefix(&mut self) {
        self.prefix = None;
    }

    /// Ends the current paragraph; a blank one is dropped. A pending marker waits for the
    /// next text.
    pub fn flush(&mut self) {
        let line = self.line.trim_end();
        if !line.trim_start().is_empty() {
            self.out.push_str(line);
            self.out.push('\n');
        }
        self.line.clear();
    }

    /// True when nothing has been written yet.
    pub fn is_empty(&self) -> bool {
        self.out.is_empty() && self.line.trim().is_empty()
    }

    /// The text: one paragraph per line, each ending in `\n`.
    pub fn finish(mut self) -> String {
        self.flush();
        self.out
    }

    fn push(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        if self.line.trim().is_empty()
            && !text.trim().is_empty()
            && let Some(prefix) = self.prefix.take()
        {
            self.line.clear();
            self.line.push_str(&prefix);
        }
        self.line.push_str(text);
    }
}

/// Whitespace HTML collapses, plus the no-break space (shown as a plain space).
fn is_collapsible(c: char) -> bool {
    c.is_whitespace()
}

/// The marker for the next item of the innermost open list (`lists` holds the next number of
/// each ordered list, `None` for bullets): `3. ` (and counts on) or `• `.
pub(crate) fn next_list_marker(lists: &mut [Option<u64>]) -> String {
    match lists.last_mut() {
        Some(Some(n)) => {
            let marker = format!("{n}. ");
            *n += 1;
            marker
        }
        _ => "• ".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_markers_and_collapsing() {
        let mut w = LineWriter::default();
        w.collapsed("\n   Hello,\u{a0}\n  world ");
        w.collapsed("<b>again</b>");
        w.flush();
        w.flush();
        w.prefix("• ".to_owned());
        w.flush();
        w.collapsed("  item ");
        w.collapsed(" one");
        w.flush();
        w.raw("code  line\n\n  indented");
        assert_eq!(
            w.finish(),
            "Hello, world <b>again</b>\n• item one\ncode  line\n  indented\n"
        );
    }
}
