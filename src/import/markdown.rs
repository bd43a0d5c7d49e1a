//! Markdown → plain article text with pulldown-cmark: headings, paragraphs, list items, block
//! quotes, table rows and footnotes become paragraphs (one per line); inline markup is removed,
//! links show their text, code is kept as text; images, raw HTML and front matter are dropped.

use pulldown_cmark::{Event, HeadingLevel, MetadataBlockKind, Options, Parser, Tag, TagEnd};

use super::Extracted;
use super::lines::{LineWriter, next_list_marker};

/// Renders Markdown source (already decoded and cleaned) to article text. The title is the
/// front matter's `title:` if there is one (every heading then stays in the text), else a
/// level-1 heading that opens the document (which is then not repeated in the text).
pub(crate) fn extract(source: &str) -> Extracted {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut state = State::default();
    for event in Parser::new_ext(source, options) {
        state.event(event);
    }
    let title = state.metadata_title.or(state.heading_title);
    Extracted {
        title: title.filter(|t| !t.trim().is_empty()),
        text: state.out.finish(),
        ..Extracted::default()
    }
}

/// Where the walk is.
#[derive(Default)]
struct State {
    out: LineWriter,
    /// Open lists: the next number of an ordered list, `None` for bullets.
    lists: Vec<Option<u64>>,
    /// Inside an image: its alt text is not article text.
    image_depth: usize,
    /// Inside a front-matter block: collected, not shown.
    metadata: Option<String>,
    metadata_title: Option<String>,
    /// Collecting the opening level-1 heading as the title.
    heading: Option<String>,
    heading_title: Option<String>,
    /// Cells already written in the current table row.
    cells: usize,
}

impl State {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) | Event::Code(text) => self.text(&text),
            Event::InlineMath(text) | Event::DisplayMath(text) => self.text(&text),
            Event::FootnoteReference(label) => self.text(&format!("[{label}]")),
            Event::SoftBreak => self.text(" "),
            Event::HardBreak | Event::Rule => self.out.flush(),
            Event::TaskListMarker(done) => self.text(if done { "[x] " } else { "[ ] " }),
            Event::Html(_) | Event::InlineHtml(_) => {}
        }
    }

    fn text(&mut self, text: &str) {
        if let Some(metadata) = &mut self.metadata {
            metadata.push_str(text);
        } else if let Some(heading) = &mut self.heading {
            heading.push_str(text);
        } else if self.image_depth == 0 {
            self.out.raw(text);
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Heading {
                level: HeadingLevel::H1,
                ..
            } if self.out.is_empty()
                && self.heading_title.is_none()
                && self.metadata_title.is_none() =>
            {
                self.heading = Some(String::new());
            }
            Tag::List(first) => {
                self.out.flush();
                self.lists.push(first);
            }
            Tag::Item => {
                self.out.flush();
                self.out.prefix(next_list_marker(&mut self.lists));
            }
            Tag::FootnoteDefinition(label) => {
                self.out.flush();
                self.out.prefix(format!("[{label}] "));
            }
            Tag::TableHead | Tag::TableRow => {
                self.out.flush();
                self.cells = 0;
            }
            Tag::TableCell => {
                if self.cells > 0 {
                    self.out.raw(" | ");
                }
                self.cells += 1;
            }
            Tag::Image { .. } => self.image_depth += 1,
            Tag::MetadataBlock(MetadataBlockKind::YamlStyle | MetadataBlockKind::PlusesStyle) => {
                self.metadata = Some(String::new());
            }
            Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::Table(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition => self.out.flush(),
            Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. } => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) if self.heading.is_some() => {
                self.heading_title = self.heading.take().map(|t| t.trim().to_owned());
            }
            TagEnd::List(_) => {
                self.out.flush();
                self.lists.pop();
            }
            TagEnd::Item | TagEnd::FootnoteDefinition => {
                self.out.flush();
                self.out.clear_prefix();
            }
            TagEnd::Image => self.image_depth = self.image_depth.saturating_sub(1),
            TagEnd::MetadataBlock(_) => {
                let block = self.metadata.take().unwrap_or_default();
                self.metadata_title = front_matter_title(&block);
            }
            TagEnd::TableCell
            | TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link => {}
            TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::HtmlBlock
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition => self.out.flush(),
        }
    }
}

/// The `title:` of a YAML (or TOML `title =`) front-matter block, unquoted.
fn front_matter_title(block: &str) -> Option<String> {
    block.lines().find_map(|line| {
        let rest = line.strip_prefix("title")?.trim_start();
        let value = rest.strip_prefix(':').or_else(|| rest.strip_prefix('='))?;
        let value = value.trim();
        let value = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
            .unwrap_or(value);
        (!value.is_empty()).then(|| value.to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_become_lines() {
        let md = "# Title\n\nSome *very* **bold** `code` and [a link](http://x).\nSoft.\n\n\
                  - one\n- two\n  1. three\n  2. four\n\n> quoted\n> more\n\n```\nfn x() {}\n```\n";
        let out = extract(md);
        assert_eq!(out.title.as_deref(), Some("Title"));
        assert_eq!(
            out.text,
            "Some very bold code and a link. Soft.\n• one\n• two\n1. three\n2. four\n\
             quoted more\nfn x() {}\n"
        );
    }

    #[test]
    fn a_later_h1_stays_in_the_text() {
        let out = extract("Intro.\n\n# Heading\n\ntext");
        assert_eq!(out.title, None);
        assert_eq!(out.text, "Intro.\nHeading\ntext\n");
    }

    #[test]
    fn front_matter_titles() {
        assert_eq!(
            front_matter_title("author: x\ntitle: \"Quoted: yes\"\n").as_deref(),
            Some("Quoted: yes")
        );
        assert_eq!(
            front_matter_title("title = 'Toml'").as_deref(),
            Some("Toml")
        );
        assert_eq!(front_matter_title("subtitle: no"), None);
    }
}
