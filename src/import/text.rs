//! Bytes → clean Unicode text: encoding detection (byte-order mark, a declared charset, valid
//! UTF-8, else a chardetng guess), decoding with encoding_rs, line-end normalisation and
//! control-character removal. Shared by every importer.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8};

use super::report::EncodingSource;

/// A file with more control characters than this, and more than one in
/// [`BINARY_CONTROL_RATIO`] of its characters, is taken for binary data, not text.
const BINARY_CONTROL_MIN: usize = 16;
/// See [`BINARY_CONTROL_MIN`].
const BINARY_CONTROL_RATIO: usize = 20;

/// Why bytes are not text an analyst can read. The caller adds the file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ContentError {
    /// NUL bytes (or U+0000 in UTF-16): a binary file, or UTF-16 without a byte-order mark.
    Binary,
    /// No NULs, but so many other control characters that this is not text.
    ControlCharacters {
        /// How many control characters.
        count: usize,
        /// How many characters in all.
        total: usize,
    },
    /// Nothing but whitespace.
    Empty,
}

/// Decoded text and how its encoding was found.
#[derive(Debug)]
pub(crate) struct Decoded {
    /// The text, BOM removed, not yet cleaned (see [`clean`]).
    pub text: String,
    /// The encoding used.
    pub encoding: &'static Encoding,
    /// How it was chosen.
    pub source: EncodingSource,
    /// Some byte sequences were malformed and became U+FFFD.
    pub had_errors: bool,
    /// For UTF-8: how many bytes were not valid UTF-8 (each shows as U+FFFD or is part of a
    /// malformed sequence that does).
    pub invalid_utf8_bytes: usize,
    /// The page declared an encoding its bytes plainly are not (UTF-8 declared, legacy bytes;
    /// or a legacy charset declared, UTF-8 bytes): the declared name, for the report.
    pub overruled: Option<&'static Encoding>,
}

/// Decodes `bytes`: a byte-order mark wins; then UTF-8 if the bytes are UTF-8 with non-ASCII
/// text, or UTF-8 except for a few stray bytes (see [`Utf8Census::is_mostly_utf8`]: one bad
/// byte must not turn a whole UTF-8 article into windows-1252 mojibake); then `declared` (an
/// HTML `<meta charset>`) unless it says UTF-8 and the bytes are mostly not; then valid (ASCII)
/// UTF-8; otherwise chardetng's guess among the legacy encodings. NUL bytes outside UTF-16
/// mean binary data.
pub(crate) fn decode(
    bytes: &[u8],
    declared: Option<&'static Encoding>,
) -> Result<Decoded, ContentError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = bytes.get(bom_len..).unwrap_or_default();
        let (text, had_errors) = encoding.decode_without_bom_handling(body);
        if text.contains('\0') {
            return Err(ContentError::Binary);
        }
        let invalid_utf8_bytes = if encoding == UTF_8 {
            Utf8Census::of(body).invalid
        } else {
            0
        };
        return Ok(Decoded {
            text: text.into_owned(),
            encoding,
            source: EncodingSource::ByteOrderMark,
            had_errors,
            invalid_utf8_bytes,
            overruled: None,
        });
    }
    if bytes.contains(&0) {
        return Err(ContentError::Binary);
    }
    let census = Utf8Census::of(bytes);
    let declared_utf8 = declared == Some(UTF_8);
    let (encoding, source) = match declared {
        _ if census.is_mostly_utf8() => (UTF_8, EncodingSource::ValidUtf8),
        // A page that says UTF-8 but is mostly invalid UTF-8 was saved in a legacy encoding
        // by a misconfigured server or editor: trusting it would turn every letter into �.
        Some(_) if declared_utf8 && census.invalid > 0 => (guess(bytes), EncodingSource::Guessed),
        Some(declared) => (declared, EncodingSource::Declared),
        None if census.invalid == 0 => (UTF_8, EncodingSource::ValidUtf8),
        None => (guess(bytes), EncodingSource::Guessed),
    };
    let overruled = declared.filter(|&declared| declared != encoding && !census.is_ascii());
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    Ok(Decoded {
        text: text.into_owned(),
        encoding,
        source,
        had_errors,
        invalid_utf8_bytes: if encoding == UTF_8 { census.invalid } else { 0 },
        overruled,
    })
}

/// How much of a byte string is UTF-8: valid multi-byte sequences against invalid bytes.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Utf8Census {
    /// Bytes in valid multi-byte (non-ASCII) sequences.
    pub multibyte: usize,
    /// Bytes that are not part of any valid sequence.
    pub invalid: usize,
}

impl Utf8Census {
    /// Counts `bytes` in one pass.
    pub(crate) fn of(bytes: &[u8]) -> Self {
        let mut census = Self::default();
        let mut rest = bytes;
        loop {
            match std::str::from_utf8(rest) {
                Ok(valid) => {
                    census.multibyte += non_ascii_bytes(valid);
                    return census;
                }
                Err(error) => {
                    let (valid, after) = rest.split_at(error.valid_up_to());
                    // Safe to count as UTF-8: `from_utf8` validated exactly this prefix.
                    census.multibyte += valid.iter().filter(|b| !b.is_ascii()).count();
                    let bad = error.error_len().unwrap_or(after.len());
                    census.invalid += bad;
                    rest = after.get(bad..).unwrap_or_default();
                }
            }
        }
    }

    /// No byte above 0x7F.
    pub(crate) fn is_ascii(self) -> bool {
        self.multibyte == 0 && self.invalid == 0
    }

    /// UTF-8 with non-ASCII text, and at least twice as many bytes in valid multi-byte
    /// sequences as invalid bytes. Legacy text almost never forms valid UTF-8 sequences by
    /// accident (a windows-1252 `é` followed by a space, or two Cyrillic letters in a row in
    /// windows-1251 or KOI8-R, are invalid), so in legacy files invalid bytes far outnumber
    /// valid sequences; a UTF-8 file damaged by a few stray bytes has the reverse.
    pub(crate) fn is_mostly_utf8(self) -> bool {
        self.multibyte > 0 && self.multibyte >= self.invalid.saturating_mul(2)
    }
}

/// Bytes of `text` above 0x7F.
fn non_ascii_bytes(text: &str) -> usize {
    text.bytes().filter(|b| !b.is_ascii()).count()
}

/// chardetng's guess for bytes that are not UTF-8 (UTF-8 is excluded from the answers).
fn guess(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, chardetng::Utf8Detection::Deny)
}

/// Text after [`clean`].
#[derive(Debug)]
pub(crate) struct Cleaned {
    /// LF line ends only, no control characters but tab and LF.
    pub text: String,
    /// How many control characters were removed.
    pub removed: usize,
}

/// Normalises line ends (CRLF, CR, NEL, U+2028/U+2029, and the vertical tab and form feed that
/// Word and PDF tools write between lines and pages become LF) and removes every other
/// control character (C0, DEL, C1) except tab, counting them. Refuses binary-looking text:
/// NUL, or more than [`BINARY_CONTROL_MIN`] control characters making up over
/// 1/[`BINARY_CONTROL_RATIO`] of the text; and text that is only whitespace.
pub(crate) fn clean(text: &str) -> Result<Cleaned, ContentError> {
    let mut out = String::with_capacity(text.len());
    let mut removed = 0;
    let mut total = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        total += 1;
        match c {
            '\0' => return Err(ContentError::Binary),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\n' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            '\t' => out.push('\t'),
            c if c.is_control() => removed += 1,
            c => out.push(c),
        }
    }
    if removed > BINARY_CONTROL_MIN && removed * BINARY_CONTROL_RATIO > total {
        return Err(ContentError::ControlCharacters {
            count: removed,
            total,
        });
    }
    if out.trim().is_empty() {
        return Err(ContentError::Empty);
    }
    Ok(Cleaned { text: out, removed })
}

/// Turns CRLF and lone CR into LF; borrows when there is nothing to change.
pub fn normalize_newlines(text: &str) -> Cow<'_, str> {
    if !text.contains('\r') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The charset an HTML page declares in a `<meta charset=…>` or `<meta http-equiv=
/// "Content-Type" content="…; charset=…">` within its first 4 KiB (a looser version of the
/// HTML prescan, which stops at 1 KiB). Declared UTF-16 means UTF-8, as in browsers.
pub(crate) fn declared_html_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes.get(..bytes.len().min(4096)).unwrap_or_default();
    let lower = head.to_ascii_lowercase();
    let mut rest = lower.as_slice();
    while let Some(at) = find(rest, b"<meta") {
        let tag = &rest[at..];
        let tag = &tag[..find(tag, b">").unwrap_or(tag.len())];
        if let Some(encoding) = charset_in(tag) {
            return match encoding.name() {
                // As browsers do: a page cannot declare UTF-16 in itself, x-user-defined is
                // read as windows-1252, and the "replacement" labels would erase the text.
                "UTF-16LE" | "UTF-16BE" => Some(UTF_8),
                "x-user-defined" => Some(encoding_rs::WINDOWS_1252),
                "replacement" => None,
                _ => Some(encoding),
            };
        }
        rest = &rest[at + 5..];
    }
    None
}

/// The encoding named after `charset` in a lower-cased `<meta …` tag.
fn charset_in(tag: &[u8]) -> Option<&'static Encoding> {
    let at = find(tag, b"charset")?;
    let after = tag[at + b"charset".len()..].trim_ascii_start();
    let after = after.strip_prefix(b"=")?.trim_ascii_start();
    let after = after
        .strip_prefix(b"\"")
        .or_else(|| after.strip_prefix(b"'"))
        .unwrap_or(after);
    let end = after
        .iter()
        .position(|b| matches!(b, b'"' | b'\'' | b';' | b'/' | b'>') || b.is_ascii_whitespace())
        .unwrap_or(after.len());
    Encoding::for_label(&after[..end])
}

/// Position of `needle` in `haystack`.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boms_win() {
        let d = decode(b"\xEF\xBB\xBFhi", None).unwrap();
        assert_eq!((d.text.as_str(), d.encoding.name()), ("hi", "UTF-8"));
        let d = decode(b"\xFF\xFEh\0i\0", None).unwrap();
        assert_eq!((d.text.as_str(), d.encoding.name()), ("hi", "UTF-16LE"));
        let d = decode(b"\xFE\xFF\0h\0i", Some(encoding_rs::WINDOWS_1252)).unwrap();
        assert_eq!((d.text.as_str(), d.encoding.name()), ("hi", "UTF-16BE"));
        assert_eq!(d.source, EncodingSource::ByteOrderMark);
        assert_eq!(
            decode(b"\xFF\xFEh\0\0\0", None).unwrap_err(),
            ContentError::Binary
        );
    }

    #[test]
    fn utf8_beats_a_wrong_declaration_only_when_non_ascii() {
        let d = decode("café".as_bytes(), Some(encoding_rs::WINDOWS_1252)).unwrap();
        assert_eq!(
            (d.text.as_str(), d.source),
            ("café", EncodingSource::ValidUtf8)
        );
        let d = decode(b"cafe", Some(encoding_rs::WINDOWS_1252)).unwrap();
        assert_eq!(d.source, EncodingSource::Declared);
        let d = decode(b"caf\xE9 cr\xE8me br\xFBl\xE9e", None).unwrap();
        assert_eq!(d.text, "café crème brûlée");
        assert_eq!(d.source, EncodingSource::Guessed);
        assert_eq!(decode(b"ab\0cd", None).unwrap_err(), ContentError::Binary);
    }

    #[test]
    fn stray_bytes_in_utf8_stay_utf8() {
        let bytes = b"Via\xC4\x8Dorka \xE2\x80\x9Cquoted\xE2\x80\x9D \x92 and \xFF\xFE.";
        let d = decode(bytes, None).unwrap();
        assert_eq!(d.text, "Viačorka “quoted” \u{FFFD} and \u{FFFD}\u{FFFD}.");
        assert_eq!((d.encoding, d.invalid_utf8_bytes), (UTF_8, 3));
        assert!(d.had_errors);
        // Even against a declared legacy charset.
        let d = decode(bytes, Some(encoding_rs::WINDOWS_1252)).unwrap();
        assert_eq!(d.encoding, UTF_8);
        assert_eq!(d.overruled, Some(encoding_rs::WINDOWS_1252));
        // A truncated sequence at the end counts its bytes.
        assert_eq!(
            Utf8Census::of(
                "č".as_bytes()
                    .iter()
                    .chain(b"\xE2\x80")
                    .copied()
                    .collect::<Vec<_>>()
                    .as_slice()
            ),
            Utf8Census {
                multibyte: 2,
                invalid: 2
            }
        );
    }

    #[test]
    fn legacy_text_with_accidental_utf8_pairs_stays_legacy() {
        // windows-1251 «МВД» ends in Д» = C4 BB, a valid UTF-8 pair; the lowercase words
        // around it are not.
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode("Сообщили в «МВД» сегодня утром");
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.text, "Сообщили в «МВД» сегодня утром");
        assert_ne!(d.encoding, UTF_8);
        // A page that declares UTF-8 but is windows-1252 is guessed, not shown as �.
        let d = decode(
            b"caf\xE9 cr\xE8me br\xFBl\xE9e \xE0 la fran\xE7aise",
            Some(UTF_8),
        )
        .unwrap();
        assert_eq!(d.text, "café crème brûlée à la française");
        assert_eq!(
            (d.source, d.overruled),
            (EncodingSource::Guessed, Some(UTF_8))
        );
    }

    #[test]
    fn cleaning_normalises_lines_and_counts_controls() {
        let c = clean("a\r\nb\rc\u{0C}d\u{2028}e\x07f\u{1B}[0m\tg\u{9C}").unwrap();
        assert_eq!(c.text, "a\nb\nc\nd\nef[0m\tg");
        assert_eq!(c.removed, 3);
        assert_eq!(clean("a\0b").unwrap_err(), ContentError::Binary);
        assert_eq!(clean(" \n\t").unwrap_err(), ContentError::Empty);
        let noisy: String = "\x01x".repeat(40);
        assert!(matches!(
            clean(&noisy),
            Err(ContentError::ControlCharacters {
                count: 40,
                total: 80
            })
        ));
    }

    #[test]
    fn newline_normalisation() {
        assert!(matches!(normalize_newlines("a\nb"), Cow::Borrowed(_)));
        assert_eq!(normalize_newlines("a\r\n\r\nb\r"), "a\n\nb\n");
        assert_eq!(normalize_newlines("\r\r\n"), "\n\n");
    }

    #[test]
    fn meta_charsets() {
        let page = b"<html><head><META http-equiv=\"Content-Type\" content=\"text/html; charset=Windows-1251\">";
        assert_eq!(declared_html_charset(page), Some(encoding_rs::WINDOWS_1251));
        let page = b"<meta name=x><meta charset='koi8-r'/>";
        assert_eq!(declared_html_charset(page), Some(encoding_rs::KOI8_R));
        assert_eq!(declared_html_charset(b"<meta charset=utf-16>"), Some(UTF_8));
        assert_eq!(declared_html_charset(b"<meta charset=bogus>"), None);
        assert_eq!(declared_html_charset(b"<meta charset=iso-2022-kr>"), None);
        assert_eq!(
            declared_html_charset(b"<meta charset=x-user-defined>"),
            Some(encoding_rs::WINDOWS_1252)
        );
        assert_eq!(declared_html_charset(b"<p>charset=koi8-r</p>"), None);
    }
}
