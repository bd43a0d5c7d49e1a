//! The session format's numbers are decimal: a scan that refuses `0x`, `0o` and `0b`
//! integers outside strings, characters and comments, before RON reads the file.

use super::excerpt::excerpt;
use super::{LoadError, LoadErrorKind, Origin};

/// Refuses integers written in hexadecimal, octal or binary (`0x2`, `0o7`, `0b1`): RON reads
/// them, but the format's numbers (ids, offsets, the version) are decimal (docs/FORMAT.md),
/// and a reader in another language must be able to rely on that. Strings, characters and
/// comments are skipped, so article text such as "0x2" is fine.
pub(super) fn check_decimal(src: &str, file: &Origin) -> Result<(), LoadError> {
    let bytes = src.as_bytes();
    let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let previous = i.checked_sub(1).map(|p| bytes[p]);
        match b {
            b'"' => i = skip_quoted(bytes, i + 1, b'"'),
            // A char literal ('x', '\''), not a lifetime-like quote: RON has none.
            b'\'' => i = skip_quoted(bytes, i + 1, b'\''),
            b'r' if !previous.is_some_and(ident)
                && raw_string_hashes(&bytes[i + 1..]).is_some() =>
            {
                let hashes = raw_string_hashes(&bytes[i + 1..]).unwrap_or(0);
                let body = i + 1 + hashes + 1;
                let mut close = vec![b'"'];
                close.extend(std::iter::repeat_n(b'#', hashes));
                i = find(&bytes[body..], &close).map_or(bytes.len(), |at| body + at + close.len());
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = find(&bytes[i..], b"\n").map_or(bytes.len(), |at| i + at);
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => i = skip_block_comment(bytes, i),
            b'0' if !previous.is_some_and(ident)
                && matches!(
                    bytes.get(i + 1),
                    Some(b'x' | b'X' | b'o' | b'O' | b'b' | b'B')
                ) =>
            {
                let end = (i..bytes.len())
                    .find(|&e| !ident(bytes[e]))
                    .unwrap_or(bytes.len());
                let before = &src[..i];
                let line = 1 + before.matches('\n').count();
                let col = 1 + before.rsplit('\n').next().map_or(0, |l| l.chars().count());
                return Err(LoadError::new(
                    file,
                    LoadErrorKind::Malformed {
                        line,
                        col,
                        message: format!(
                            "`{}` is not a decimal number: ids, offsets and the version are \
                         written in decimal digits (see docs/FORMAT.md)",
                            excerpt(&src[i..end], 20)
                        ),
                    },
                ));
            }
            _ => i += 1,
        }
    }
    Ok(())
}

/// The index just past the closing `quote` of a string or char literal whose body starts at
/// `from` (backslash escapes skipped), or the end of the text.
fn skip_quoted(bytes: &[u8], from: usize, quote: u8) -> usize {
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b if b == quote => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// For the bytes after an `r`: the number of `#` before a `"` if they open a raw string.
fn raw_string_hashes(after_r: &[u8]) -> Option<usize> {
    let hashes = after_r.iter().take_while(|b| **b == b'#').count();
    (after_r.get(hashes) == Some(&b'"')).then_some(hashes)
}

/// The index just past the (possibly nested) block comment starting at `from` (`/*`).
fn skip_block_comment(bytes: &[u8], from: usize) -> usize {
    let mut depth = 0usize;
    let mut i = from;
    while i + 1 < bytes.len() {
        match (bytes[i], bytes[i + 1]) {
            (b'/', b'*') => {
                depth += 1;
                i += 2;
            }
            (b'*', b'/') => {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    return i;
                }
            }
            _ => i += 1,
        }
    }
    bytes.len()
}

/// Where `needle` first occurs in `haystack`.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
