//! The article: immutable text plus what is derived from it once (paragraphs, offset index),
//! and where the text came from ([`Provenance`]).

use std::ops::Range;

use std::sync::OnceLock;

use super::offsets::OffsetMap;
use super::search::FoldedText;

/// How an article's text was made from its source: which importer read it, which encoding it
/// was decoded from, and the SHA-256 of the source's raw bytes (not of the article text).
/// Plain strings, so the model and the session files do not depend on the importers.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Provenance {
    /// The importer's stable name: `plain-text`, `markdown`, `html`, `clipboard`.
    pub importer: String,
    /// The encoding the source was decoded from, by its WHATWG name (`UTF-8`,
    /// `windows-1251`, …).
    pub encoding: String,
    /// Lower-case hex SHA-256 of the source's raw bytes (for pasted text: of its UTF-8 form).
    pub source_sha256: String,
}

/// An article as the analyst reads it. Nothing edits the text after construction;
/// annotations are standoff spans over it.
#[derive(Clone, Debug)]
pub struct Article {
    title: String,
    source: Option<String>,
    provenance: Option<Provenance>,
    text: String,
    paragraphs: Vec<Range<usize>>,
    offsets: OffsetMap,
    /// The text's digest, computed at most once (see [`Article::text_digest`]).
    digest: OnceLock<String>,
    /// The text folded for case-insensitive find, made at most once (see
    /// [`Article::folded`]).
    folded: OnceLock<FoldedText>,
    /// What the imported page said about itself (URL, outlet, byline, date): a new session
    /// starts with these as its details, which the analyst then owns. Not part of equality.
    imported_details: super::ArticleDetails,
}

impl PartialEq for Article {
    fn eq(&self, other: &Self) -> bool {
        self.title == other.title
            && self.source == other.source
            && self.provenance == other.provenance
            && self.text == other.text
    }
}

impl Article {
    /// Builds an article and indexes its paragraphs and character offsets.
    pub fn new(title: impl Into<String>, source: Option<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let paragraphs = split_paragraphs(&text);
        let offsets = OffsetMap::new(&text);
        Self {
            title: title.into(),
            source,
            provenance: None,
            text,
            paragraphs,
            offsets,
            digest: OnceLock::new(),
            folded: OnceLock::new(),
            imported_details: super::ArticleDetails::default(),
        }
    }

    /// The digest of the text, computed by `compute` the first time and remembered: the text
    /// never changes, so every later save of a session over this article reuses it. The model
    /// stays free of hashing; the session store is the one caller (its SHA-256), so the
    /// remembered value is always that one.
    pub fn text_digest(&self, compute: impl FnOnce(&str) -> String) -> &str {
        self.digest.get_or_init(|| compute(&self.text))
    }

    /// The text folded for case-insensitive find, made the first time it is asked for. The
    /// open workflow asks on its worker, so the first Ctrl+F on a book-length article does
    /// not pause the window to fold it.
    pub fn folded(&self) -> &FoldedText {
        self.folded.get_or_init(|| FoldedText::new(&self.text))
    }

    /// The same article, recording how its text was imported.
    #[must_use]
    pub fn with_provenance(mut self, provenance: Provenance) -> Self {
        self.provenance = Some(provenance);
        self
    }

    /// The article with the details its importer found on the page.
    #[must_use]
    pub fn with_details(mut self, details: super::ArticleDetails) -> Self {
        self.imported_details = details;
        self
    }

    /// The details the importer found (empty for text made otherwise).
    pub fn imported_details(&self) -> &super::ArticleDetails {
        &self.imported_details
    }

    /// How the text was imported, when it was (`None` for the built-in article, for text
    /// made in code, and for sessions saved before this was recorded).
    pub fn provenance(&self) -> Option<&Provenance> {
        self.provenance.as_ref()
    }

    /// The title shown above the text.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// Where the text came from (a path as the user gave it), if anywhere.
    pub fn source(&self) -> Option<&str> {
        self.source.as_deref()
    }

    /// The full text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Byte ranges of the non-blank lines, in order. Line breaks and a trailing `\r` are
    /// excluded, so a paragraph never starts or ends inside a line ending.
    pub fn paragraphs(&self) -> &[Range<usize>] {
        &self.paragraphs
    }

    /// Index of the paragraph containing byte `offset`, or the next one after it.
    pub fn paragraph_at(&self, offset: usize) -> usize {
        self.paragraphs.partition_point(|p| p.end < offset)
    }

    /// The byte/code-point conversion index of this text.
    pub fn offsets(&self) -> &OffsetMap {
        &self.offsets
    }

    /// Code-point offset of a byte offset (see [`OffsetMap::byte_to_char`]).
    pub fn char_of_byte(&self, byte: usize) -> Option<usize> {
        self.offsets.byte_to_char(&self.text, byte)
    }

    /// Byte offset of a code-point offset (see [`OffsetMap::char_to_byte`]).
    pub fn byte_of_char(&self, char_index: usize) -> Option<usize> {
        self.offsets.char_to_byte(&self.text, char_index)
    }
}

fn split_paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut paragraphs = Vec::new();
    let mut start = 0;
    for line in text.split('\n') {
        let end = start + line.len();
        let content = line.trim_end_matches('\r');
        if !content.trim().is_empty() {
            paragraphs.push(start..start + content.len());
        }
        start = end + 1;
    }
    paragraphs
}

/// A readable title from a file name: `belarus-prisoner-release.txt` → `Belarus prisoner release`.
pub fn title_from_file_stem(stem: &str) -> String {
    let spaced: String = stem
        .chars()
        .map(|c| if c == '-' || c == '_' { ' ' } else { c })
        .collect();
    let spaced = spaced.trim();
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "Untitled".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_skip_blank_lines_and_line_endings() {
        let text = "One.\r\n\r\n  \nTwo two.\nThree";
        let article = Article::new("t", None, text);
        let paras: Vec<&str> = article
            .paragraphs()
            .iter()
            .map(|r| &text[r.clone()])
            .collect();
        assert_eq!(paras, ["One.", "Two two.", "Three"]);
        assert_eq!(article.paragraph_at(0), 0);
        assert_eq!(article.paragraph_at(text.find("two.").unwrap()), 1);
    }

    #[test]
    fn provenance_is_part_of_equality() {
        let plain = Article::new("t", None, "x");
        let imported = plain.clone().with_provenance(Provenance {
            importer: "plain-text".into(),
            encoding: "UTF-8".into(),
            source_sha256: "0".repeat(64),
        });
        assert_eq!(plain.provenance(), None);
        assert_eq!(
            imported.provenance().map(|p| p.importer.as_str()),
            Some("plain-text")
        );
        assert_ne!(plain, imported);
        assert_eq!(imported.clone(), imported);
    }

    #[test]
    fn titles_from_stems() {
        assert_eq!(
            title_from_file_stem("belarus-prisoner-release"),
            "Belarus prisoner release"
        );
        assert_eq!(title_from_file_stem("čapek_notes"), "Čapek notes");
        assert_eq!(title_from_file_stem(""), "Untitled");
    }
}
