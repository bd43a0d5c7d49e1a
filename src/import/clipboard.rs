//! Pasted text → `Article` ("New from clipboard"): cleaned like plain text, titled from its
//! first line.

use super::report::sha256_hex;
use super::text;
use super::{EncodingSource, ImportError, ImportReport, Importer, MAX_ARTICLE_BYTES};
use crate::model::Article;

/// Longest title taken from the first line, in characters (an ellipsis marks a cut).
pub const MAX_CLIPBOARD_TITLE_CHARS: usize = 80;

/// Makes an article from pasted text: line ends normalised, stray control characters (NULs
/// included) removed, titled from its first non-blank line (trimmed, cut at a word boundary
/// to at most [`MAX_CLIPBOARD_TITLE_CHARS`] characters with "…"). It has no source path.
///
/// # Errors
///
/// [`ImportError::EmptyClipboard`] for nothing but whitespace,
/// [`ImportError::ClipboardTooLarge`] over [`MAX_ARTICLE_BYTES`],
/// [`ImportError::ClipboardBinary`] for data that is mostly control characters.
pub fn article_from_clipboard(text: &str) -> Result<Article, ImportError> {
    import_clipboard(text).map(|(article, _)| article)
}

/// [`article_from_clipboard`] with its [`ImportReport`] (importer `Clipboard`, encoding
/// `UTF-8`, SHA-256 of the pasted text as UTF-8).
///
/// # Errors
///
/// As [`article_from_clipboard`].
pub fn import_clipboard(text: &str) -> Result<(Article, ImportReport), ImportError> {
    let size = text.len() as u64;
    if size > MAX_ARTICLE_BYTES {
        return Err(ImportError::ClipboardTooLarge {
            size,
            limit: MAX_ARTICLE_BYTES,
        });
    }
    let nuls = text.matches('\0').count();
    let without_nuls;
    let source = if nuls > 0 {
        without_nuls = text.replace('\0', "");
        without_nuls.as_str()
    } else {
        text
    };
    let cleaned = text::clean(source).map_err(ImportError::clipboard)?;
    let removed = cleaned.removed + nuls;
    let title = clipboard_title(&cleaned.text);
    let mut warnings = Vec::new();
    if removed > 0 {
        warnings.push(format!("removed {removed} control character(s)"));
    }
    let report = ImportReport {
        importer: Importer::Clipboard,
        encoding: "UTF-8".to_owned(),
        encoding_source: EncodingSource::Unicode,
        source_sha256: sha256_hex(text.as_bytes()),
        removed_control_chars: removed,
        byline: None,
        published: None,
        warnings,
    };
    let article = Article::new(title, None, cleaned.text).with_provenance(report.provenance());
    Ok((article, report))
}

/// The first non-blank line, whitespace collapsed, cut to [`MAX_CLIPBOARD_TITLE_CHARS`].
fn clipboard_title(text: &str) -> String {
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let words: Vec<&str> = line.split_whitespace().collect();
    let title = words.join(" ");
    if title.chars().count() <= MAX_CLIPBOARD_TITLE_CHARS {
        return if title.is_empty() {
            "Pasted text".to_owned()
        } else {
            title
        };
    }
    // Cut at the last space that leaves room for the ellipsis, else mid-word.
    let limit = MAX_CLIPBOARD_TITLE_CHARS - 1;
    let cut = title
        .char_indices()
        .nth(limit)
        .map_or(title.len(), |(i, _)| i);
    let head = &title[..cut];
    let head = match head.rfind(' ') {
        Some(space) if space > cut / 2 => &head[..space],
        _ => head,
    };
    format!("{}…", head.trim_end_matches([' ', ',', ';', ':', '-', '—']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_from_the_first_line() {
        assert_eq!(
            clipboard_title("\n  Belarus  frees\t14 \nrest"),
            "Belarus frees 14"
        );
        let long = "word ".repeat(40);
        let title = clipboard_title(&long);
        assert!(
            title.chars().count() <= MAX_CLIPBOARD_TITLE_CHARS,
            "{title}"
        );
        assert!(title.ends_with("word…"), "{title}");
        let unbroken = "ж".repeat(200);
        assert_eq!(
            clipboard_title(&unbroken).chars().count(),
            MAX_CLIPBOARD_TITLE_CHARS
        );
    }
}
