//! Reading the files an import needs (another tool's annotation file, the text it annotates)
//! defensively: regular files only, a size limit checked before reading, binary and
//! non-UTF-8 files refused with a message that names the file and says why.

use std::path::Path;

use super::InteropError;
use crate::store::textfile::{self, TextFileError, human_size};

/// The largest annotation file an import reads (a dataset of many documents may be far larger
/// than one session, but not without bound).
pub(crate) const MAX_ANNOTATION_FILE_BYTES: u64 = super::MAX_IMPORT_BYTES;

/// Whether a byte-order mark at the start is part of the text (brat counts it as a
/// character, so its offsets do) or is dropped (JSON, and texts read for W3C positions).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Bom {
    /// Keep U+FEFF as the first character.
    Keep,
    /// Drop it.
    Drop,
}

/// `path` as UTF-8 text of at most `limit` bytes.
///
/// # Errors
///
/// [`InteropError::Read`] when it cannot be opened or read (a folder, a device, missing);
/// [`InteropError::Malformed`] naming the file when it is too big, binary, UTF-16 or not
/// UTF-8 (with the line where the bad bytes are).
pub(crate) fn text(path: &Path, limit: u64, bom: Bom) -> Result<String, InteropError> {
    let shown = path.display();
    let failed = |error: TextFileError| match error {
        TextFileError::Io(source) => InteropError::Read {
            path: path.to_path_buf(),
            source,
        },
        TextFileError::TooLarge { size, limit } => InteropError::Malformed(format!(
            "{shown} is {}, more than the {} Factmark imports; split it into smaller files",
            human_size(size),
            human_size(limit)
        )),
        TextFileError::Binary => InteropError::Malformed(format!(
            "{shown} is not a text file (it contains NUL bytes)"
        )),
        TextFileError::Utf16 => InteropError::Malformed(format!(
            "{shown} is UTF-16; save it as UTF-8 and import it again"
        )),
        TextFileError::NotUtf8 { line, offset } => InteropError::Malformed(format!(
            "{shown} is not UTF-8: line {line} (byte {offset}) has bytes that are not; save it \
             as UTF-8"
        )),
    };
    let (bytes, _) = textfile::read_bytes(path, limit).map_err(failed)?;
    let had_bom = bytes.starts_with(b"\xEF\xBB\xBF");
    let mut text = textfile::decode(bytes).map_err(failed)?;
    if had_bom && bom == Bom::Keep {
        text.insert(0, '\u{feff}');
    }
    Ok(text)
}

/// The lines of `text` as Python's `str.splitlines` cuts them (brat reads `.ann` files that
/// way): at `\n`, `\r\n`, a lone `\r` and the other line breaks, with 1-based line numbers.
pub(crate) fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = Some(text);
    let mut number = 0;
    std::iter::from_fn(move || {
        let current = rest?;
        number += 1;
        match current
            .char_indices()
            .find(|&(_, c)| crate::export::brat::syntax::is_line_break(c))
        {
            Some((at, c)) => {
                let mut next = at + c.len_utf8();
                if c == '\r' && current[next..].starts_with('\n') {
                    next += 1;
                }
                rest = Some(&current[next..]).filter(|r| !r.is_empty());
                Some((number, &current[..at]))
            }
            None => {
                rest = None;
                Some((number, current))
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_split_like_python() {
        let found: Vec<(usize, &str)> = lines("a\r\nb\rc\n\nd\u{2028}e\n").collect();
        assert_eq!(
            found,
            [(1, "a"), (2, "b"), (3, "c"), (4, ""), (5, "d"), (6, "e")]
        );
        assert_eq!(lines("").count(), 1);
    }

    #[test]
    fn files_are_checked_before_they_are_used() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.txt");
        std::fs::write(&path, b"\xEF\xBB\xBFhi").unwrap();
        assert_eq!(text(&path, 100, Bom::Keep).unwrap(), "\u{feff}hi");
        assert_eq!(text(&path, 100, Bom::Drop).unwrap(), "hi");
        let too_big = text(&path, 2, Bom::Drop).unwrap_err().to_string();
        assert!(too_big.contains("more than the 2 bytes"), "{too_big}");
        std::fs::write(&path, b"ok\n\xE9t\xE9").unwrap();
        let bad = text(&path, 100, Bom::Drop).unwrap_err().to_string();
        assert!(bad.contains("line 2"), "{bad}");
        let missing = text(&dir.path().join("no.txt"), 100, Bom::Drop).unwrap_err();
        assert!(matches!(missing, InteropError::Read { .. }));
    }
}
