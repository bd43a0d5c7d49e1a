//! One file → `Article` + [`ImportReport`]: read the bytes (size-limited), pick the importer,
//! decode, clean, extract, and record what was done.

use std::io::Read as _;
use std::path::Path;

use super::report::sha256_hex;
use super::text::{self, ContentError};
use super::{Extracted, ImportError, ImportReport, Importer, MAX_ARTICLE_BYTES, html, markdown};
use crate::model::{Article, title_from_file_stem};
use crate::store::textfile::open_regular;

/// Imports the article at `path` with the importer its extension names (see
/// [`Importer::for_path`]; a file with no known extension that starts like HTML is read as
/// HTML). The title comes from the document (HTML `<title>`/`og:title`, Markdown front matter
/// or opening `# heading`) or else the file name; the source is the path as given.
///
/// # Errors
///
/// An [`ImportError`] naming the file: unreadable, over [`MAX_ARTICLE_BYTES`], binary, empty,
/// or with no text left once the markup is removed.
pub fn import_file(path: &Path) -> Result<(Article, ImportReport), ImportError> {
    let bytes = read_limited(path)?;
    import_read_bytes(path, &bytes)
}

/// Imports `bytes` already read from the file at `path` (at most [`MAX_ARTICLE_BYTES`]), as
/// [`import_file`] does after reading: for a caller that hashed those very bytes (a folder's
/// summary cache) and must describe exactly what it hashed.
///
/// # Errors
///
/// As [`import_file`], except those about reading the file.
pub fn import_read_bytes(
    path: &Path,
    bytes: &[u8],
) -> Result<(Article, ImportReport), ImportError> {
    let importer = match Importer::for_path(path) {
        Importer::PlainText if !has_text_extension(path) && looks_like_html(bytes) => {
            Importer::Html
        }
        importer => importer,
    };
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    import_bytes(
        bytes,
        importer,
        Some(path.display().to_string()),
        &title_from_file_stem(&stem),
    )
    .map_err(|error| match error {
        Refused::Content(error) => ImportError::content(path.to_path_buf(), error),
        Refused::NoText => ImportError::NoText {
            path: path.to_path_buf(),
            importer: importer.label(),
        },
    })
}

/// Why [`import_bytes`] refused: bad content, or markup with no text in it.
pub(crate) enum Refused {
    /// See [`ContentError`].
    Content(ContentError),
    /// Markup (HTML, Markdown) that rendered to nothing.
    NoText,
}

impl From<ContentError> for Refused {
    fn from(error: ContentError) -> Self {
        Self::Content(error)
    }
}

/// Imports raw bytes with `importer` ([`Importer::Clipboard`] is treated as plain text).
pub(crate) fn import_bytes(
    bytes: &[u8],
    importer: Importer,
    source: Option<String>,
    fallback_title: &str,
) -> Result<(Article, ImportReport), Refused> {
    let declared = match importer {
        Importer::Html => text::declared_html_charset(bytes),
        _ => None,
    };
    let decoded = text::decode(bytes, declared)?;
    let cleaned = text::clean(&decoded.text)?;
    let mut warnings = Vec::new();
    warnings.extend(decoding_warnings(&decoded));
    let mut extracted = match importer {
        Importer::Html => html::extract(&cleaned.text),
        Importer::Markdown => markdown::extract(&cleaned.text),
        Importer::PlainText | Importer::Clipboard => Extracted {
            text: cleaned.text,
            ..Extracted::default()
        },
    };
    // Markup can bring its own control characters (numeric entities): clean once more.
    let mut removed = cleaned.removed;
    if importer != Importer::PlainText {
        match text::clean(&extracted.text) {
            Ok(again) => {
                removed += again.removed;
                extracted.text = again.text;
            }
            Err(ContentError::Empty) => return Err(Refused::NoText),
            Err(error) => return Err(error.into()),
        }
    }
    if removed > 0 {
        warnings.push(format!("removed {removed} control character(s)"));
    }
    warnings.append(&mut extracted.warnings);
    let title = extracted.title.unwrap_or_else(|| fallback_title.to_owned());
    // What the page says about itself becomes the new session's article details.
    let details = crate::model::ArticleDetails {
        url: extracted
            .url
            .clone()
            .filter(|u| crate::model::url_problem(u).is_none())
            .unwrap_or_default(),
        publisher: extracted.site_name.clone().unwrap_or_default(),
        author: extracted.byline.clone().unwrap_or_default(),
        published: extracted
            .published
            .as_deref()
            .map(date_part)
            .unwrap_or_default(),
    };
    let report = ImportReport {
        importer,
        encoding: decoded.encoding.name().to_owned(),
        encoding_source: decoded.source,
        source_sha256: sha256_hex(bytes),
        removed_control_chars: removed,
        byline: extracted.byline,
        published: extracted.published,
        warnings,
    };
    let article = Article::new(title, source, extracted.text)
        .with_provenance(report.provenance())
        .with_details(details);
    Ok((article, report))
}

/// `2025-06-22` of an ISO date-time (`2025-06-22T09:30:00+02:00`); other text as given.
fn date_part(published: &str) -> String {
    let bytes = published.as_bytes();
    let iso = bytes.len() >= 10
        && bytes[..10].iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if iso {
        published[..10].to_owned()
    } else {
        published.trim().to_owned()
    }
}

/// What the report says about how the bytes were decoded: replaced bytes, a guessed
/// encoding, a declaration that was overruled.
fn decoding_warnings(decoded: &text::Decoded) -> Vec<String> {
    let mut warnings = Vec::new();
    let name = decoded.encoding.name();
    match decoded.invalid_utf8_bytes {
        0 if decoded.had_errors => {
            warnings.push(format!(
                "some bytes are not valid {name} and show as \u{FFFD}"
            ));
        }
        0 => {}
        1 => warnings.push("1 byte is not valid UTF-8 and shows as \u{FFFD}".to_owned()),
        n => warnings.push(format!(
            "{} bytes are not valid UTF-8 and show as \u{FFFD}",
            html::thousands(n)
        )),
    }
    if let Some(declared) = decoded.overruled {
        warnings.push(format!(
            "the page declares {} but its bytes are not; it was read as {name}",
            declared.name()
        ));
    }
    if decoded.source == super::EncodingSource::Guessed && decoded.overruled.is_none() {
        warnings.push(format!(
            "the file is not UTF-8 and names no encoding; it was read as {name} (a guess: check \
             the text)"
        ));
    } else if decoded.source == super::EncodingSource::Guessed {
        warnings.push(format!("{name} is a guess: check the text"));
    }
    warnings
}

/// Reads at most [`MAX_ARTICLE_BYTES`]; refuses folders, named pipes, devices and bigger files,
/// the special files before opening them (see [`open_regular`]: a pipe would block `open`, a
/// device such as `/dev/zero` would never end).
fn read_limited(path: &Path) -> Result<Vec<u8>, ImportError> {
    let io = |source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    };
    let (file, metadata) = open_regular(path).map_err(io)?;
    let too_large = |size| ImportError::TooLarge {
        path: path.to_path_buf(),
        size,
        limit: MAX_ARTICLE_BYTES,
    };
    if metadata.len() > MAX_ARTICLE_BYTES {
        return Err(too_large(metadata.len()));
    }
    // One byte past the limit catches a file that grows, or lies about its size.
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    file.take(MAX_ARTICLE_BYTES.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_ARTICLE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// `.txt` and `.text` are plain text even when they hold markup.
fn has_text_extension(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("text"))
}

/// The bytes start (after a BOM and whitespace) with `<!doctype html` or `<html`.
fn looks_like_html(bytes: &[u8]) -> bool {
    let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = start.trim_ascii_start();
    let head = start.get(..start.len().min(16)).unwrap_or_default();
    let head = head.to_ascii_lowercase();
    head.starts_with(b"<!doctype html") || head.starts_with(b"<html")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_html_only_without_a_text_extension() {
        assert!(looks_like_html(b"\xEF\xBB\xBF \n<!DOCTYPE HTML>"));
        assert!(looks_like_html(b"<html lang=en>"));
        assert!(!looks_like_html(b"Hello <html>"));
        assert!(has_text_extension(Path::new("a.TXT")));
        assert!(!has_text_extension(Path::new("page")));
    }
}
