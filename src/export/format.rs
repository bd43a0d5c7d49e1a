//! The exchange formats Factmark writes (and, for some, reads): their command-line names, what
//! each is for, the offset unit each counts in, and whether an export is one file or a folder.
//! The one table every exporter, importer, the CLI and the window's format picker read.

use crate::model::Unit;

/// A format another tool reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// doccano 1.8 sequence-labelling JSONL (one document per line).
    Doccano,
    /// Label Studio JSON tasks (a list), with the labeling config XML beside it.
    LabelStudio,
    /// brat standoff: a folder of `.txt` + `.ann` pairs and `annotation.conf` / `visual.conf`.
    Brat,
    /// W3C Web Annotation JSON-LD (an `AnnotationCollection`).
    W3c,
    /// INCEpTION: UIMA CAS JSON 0.4.0 with its type system inside.
    Inception,
    /// spaCy: JSONL `{text, spans}` for `Doc.char_span` (see docs/EXPORT.md for the recipe).
    Spacy,
    /// One row per annotation with every field (RFC 4180).
    Csv,
    /// schema.org ClaimReview JSON-LD for checked claims and statistics.
    ClaimReview,
}

/// Where an export goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    /// One file, with this usual extension (without the dot).
    File(&'static str),
    /// A folder of files.
    Folder,
}

impl Format {
    /// Every format, in the order the window's picker lists them.
    pub const ALL: [Self; 8] = [
        Self::Doccano,
        Self::LabelStudio,
        Self::Brat,
        Self::W3c,
        Self::Inception,
        Self::Spacy,
        Self::Csv,
        Self::ClaimReview,
    ];

    /// The name on the command line (`--to doccano`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Doccano => "doccano",
            Self::LabelStudio => "label-studio",
            Self::Brat => "brat",
            Self::W3c => "w3c",
            Self::Inception => "inception",
            Self::Spacy => "spacy",
            Self::Csv => "csv",
            Self::ClaimReview => "claimreview",
        }
    }

    /// The format by its command-line name (case-insensitive).
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|format| format.name().eq_ignore_ascii_case(name.trim()))
    }

    /// How the window names it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Doccano => "doccano JSONL",
            Self::LabelStudio => "Label Studio tasks",
            Self::Brat => "brat standoff",
            Self::W3c => "W3C Web Annotation",
            Self::Inception => "INCEpTION (UIMA CAS JSON)",
            Self::Spacy => "spaCy JSONL",
            Self::Csv => "CSV spreadsheet",
            Self::ClaimReview => "schema.org ClaimReview",
        }
    }

    /// One line on what it is for.
    pub fn about(self) -> &'static str {
        match self {
            Self::Doccano => "train or review in doccano (sequence labelling)",
            Self::LabelStudio => "import as tasks into a Label Studio project",
            Self::Brat => "a brat corpus folder (.txt + .ann per document)",
            Self::W3c => "web annotation clients and archives (JSON-LD)",
            Self::Inception => "import into an INCEpTION project (UIMA CAS JSON)",
            Self::Spacy => "training data for spaCy span categorisers",
            Self::Csv => "every field, one row per annotation, for a spreadsheet",
            Self::ClaimReview => "publish checked claims to search engines (JSON-LD)",
        }
    }

    /// The offset unit the format's reader counts in (`None`: the format has no offsets).
    pub fn unit(self) -> Option<Unit> {
        match self {
            Self::Doccano | Self::Inception => Some(Unit::Utf16),
            Self::LabelStudio | Self::Brat | Self::W3c | Self::Spacy | Self::Csv => {
                Some(Unit::CodePoint)
            }
            Self::ClaimReview => None,
        }
    }

    /// Whether an export is one file (and its usual extension) or a folder.
    pub fn output(self) -> Output {
        match self {
            Self::Doccano | Self::Spacy => Output::File("jsonl"),
            Self::LabelStudio | Self::W3c | Self::Inception | Self::ClaimReview => {
                Output::File("json")
            }
            Self::Csv => Output::File("csv"),
            Self::Brat => Output::Folder,
        }
    }

    /// True when Factmark also reads this format's annotations back in.
    pub fn can_import(self) -> bool {
        matches!(
            self,
            Self::Doccano | Self::LabelStudio | Self::Brat | Self::W3c
        )
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_distinct() {
        for format in Format::ALL {
            assert_eq!(Format::from_name(format.name()), Some(format));
            assert_eq!(
                Format::from_name(&format.name().to_uppercase()),
                Some(format)
            );
        }
        let mut names: Vec<_> = Format::ALL.iter().map(|f| f.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Format::ALL.len());
        assert_eq!(Format::from_name("docx"), None);
    }
}
