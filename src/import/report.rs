//! Provenance of an import: which importer ran, which encoding it decoded, the SHA-256 of the
//! source bytes, and what was cleaned up on the way ([`ImportReport`]).

use std::fmt;
use std::path::Path;

use crate::model::Provenance;

/// Which importer turned the source into article text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Importer {
    /// Plain text in any supported encoding, kept as written (line ends normalised).
    PlainText,
    /// Markdown rendered to plain paragraphs.
    Markdown,
    /// A saved web page, reduced to its article by readability.
    Html,
    /// Text pasted from the clipboard.
    Clipboard,
}

impl Importer {
    /// Every importer.
    pub const ALL: [Self; 4] = [Self::PlainText, Self::Markdown, Self::Html, Self::Clipboard];

    /// The stable machine name, for session files and scripts: `plain-text`, `markdown`,
    /// `html`, `clipboard`.
    pub fn name(self) -> &'static str {
        match self {
            Self::PlainText => "plain-text",
            Self::Markdown => "markdown",
            Self::Html => "html",
            Self::Clipboard => "clipboard",
        }
    }

    /// The importer with this [`name`](Self::name), if any.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|i| i.name() == name)
    }

    /// A human-readable name: "plain text", "Markdown", "HTML page", "clipboard".
    pub fn label(self) -> &'static str {
        match self {
            Self::PlainText => "plain text",
            Self::Markdown => "Markdown",
            Self::Html => "HTML page",
            Self::Clipboard => "clipboard",
        }
    }

    /// The importer for a file, by extension (any case): `.html`, `.htm`, `.xhtml` → HTML;
    /// `.md`, `.markdown`, `.mdown`, `.mkd` → Markdown; anything else → plain text. (Files
    /// without a known extension that start like HTML are sniffed by the importer itself.)
    pub fn for_path(path: &Path) -> Self {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "html" | "htm" | "xhtml" => Self::Html,
            "md" | "markdown" | "mdown" | "mkd" => Self::Markdown,
            _ => Self::PlainText,
        }
    }
}

impl fmt::Display for Importer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// How the encoding of the source was chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EncodingSource {
    /// A byte-order mark at the start (UTF-8, UTF-16 LE or BE).
    ByteOrderMark,
    /// The page declared it (`<meta charset>`).
    Declared,
    /// The bytes are valid UTF-8.
    ValidUtf8,
    /// Not UTF-8 and nothing declared: guessed from the bytes by chardetng.
    Guessed,
    /// The text was already Unicode (the clipboard).
    Unicode,
}

impl EncodingSource {
    /// A short explanation: "byte-order mark", "declared by the page", …
    pub fn label(self) -> &'static str {
        match self {
            Self::ByteOrderMark => "byte-order mark",
            Self::Declared => "declared by the page",
            Self::ValidUtf8 => "valid UTF-8",
            Self::Guessed => "guessed from the bytes",
            Self::Unicode => "already Unicode",
        }
    }
}

impl fmt::Display for EncodingSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// What an import did, for the status bar, `factmark text` and the session's provenance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportReport {
    /// Which importer ran.
    pub importer: Importer,
    /// The encoding the source was decoded from, by its WHATWG name: `UTF-8`, `UTF-16LE`,
    /// `UTF-16BE`, `windows-1251`, `KOI8-U`, `ISO-8859-7`, …
    pub encoding: String,
    /// How that encoding was chosen.
    pub encoding_source: EncodingSource,
    /// Lower-case hex SHA-256 of the raw source bytes (for the clipboard: of its UTF-8 text).
    pub source_sha256: String,
    /// How many stray control characters were removed from the text.
    pub removed_control_chars: usize,
    /// The article's author line, when the page names one (HTML).
    pub byline: Option<String>,
    /// The article's publication date as the page gives it, when it does (HTML).
    pub published: Option<String>,
    /// Things the user may want to check: a guessed encoding, undecodable bytes, removed
    /// characters, a page whose article could not be isolated, ….
    pub warnings: Vec<String>,
}

impl ImportReport {
    /// What the session records about this import: importer name, encoding, source SHA-256.
    pub fn provenance(&self) -> Provenance {
        Provenance {
            importer: self.importer.name().to_owned(),
            encoding: self.encoding.clone(),
            source_sha256: self.source_sha256.clone(),
        }
    }

    /// One line: `HTML page, UTF-8 (declared by the page)`.
    pub fn summary(&self) -> String {
        format!(
            "{}, {} ({})",
            self.importer, self.encoding, self.encoding_source
        )
    }
}

/// Lower-case hex SHA-256 of `bytes`.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest as _, Sha256};
    use std::fmt::Write as _;
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for byte in digest {
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn importers_by_extension_and_name() {
        assert_eq!(Importer::for_path(Path::new("a/page.HTM")), Importer::Html);
        assert_eq!(
            Importer::for_path(Path::new("n.markdown")),
            Importer::Markdown
        );
        assert_eq!(Importer::for_path(Path::new("n.txt")), Importer::PlainText);
        assert_eq!(Importer::for_path(Path::new("README")), Importer::PlainText);
        for importer in Importer::ALL {
            assert_eq!(Importer::from_name(importer.name()), Some(importer));
        }
        assert_eq!(Importer::from_name("pdf"), None);
    }

    #[test]
    fn sha256_of_bytes() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
