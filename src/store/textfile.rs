//! Reading a text file defensively: size limit, binary and encoding checks, before any parsing.
//! Used by the session loader (the article importer has its own, encoding-aware reader).

use std::io::Read as _;
use std::path::Path;

/// Why a file could not be read as text.
#[derive(Debug)]
pub(crate) enum TextFileError {
    /// The file could not be opened or read.
    Io(std::io::Error),
    /// The file is bigger than the limit.
    TooLarge { size: u64, limit: u64 },
    /// The file contains NUL bytes, so it is not text.
    Binary,
    /// The file starts with a UTF-16 byte-order mark.
    Utf16,
    /// The bytes are not valid UTF-8.
    NotUtf8 { line: usize, offset: usize },
}

/// Reads at most `limit` bytes of `path`, with the metadata of the same open file (so a
/// fingerprint of the bytes and their modification time belong together).
pub(crate) fn read_bytes(
    path: &Path,
    limit: u64,
) -> Result<(Vec<u8>, std::fs::Metadata), TextFileError> {
    let file = std::fs::File::open(path).map_err(TextFileError::Io)?;
    let metadata = file.metadata().map_err(TextFileError::Io)?;
    if metadata.is_dir() {
        return Err(TextFileError::Io(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            "it is a folder, not a file",
        )));
    }
    if metadata.len() > limit {
        return Err(TextFileError::TooLarge {
            size: metadata.len(),
            limit,
        });
    }
    // Read at most one byte past the limit: a file that grows (or a special file whose
    // metadata lies) is still caught without reading it all.
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(TextFileError::Io)?;
    let size = bytes.len() as u64;
    if size > limit {
        return Err(TextFileError::TooLarge { size, limit });
    }
    Ok((bytes, metadata))
}

/// Checks and decodes bytes read from a text file (see [`read_bytes`]).
pub(crate) fn decode(mut bytes: Vec<u8>) -> Result<String, TextFileError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(TextFileError::Utf16);
    }
    if bytes.contains(&0) {
        return Err(TextFileError::Binary);
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|error| {
        let offset = error.utf8_error().valid_up_to();
        let bytes = error.as_bytes();
        let line = 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count();
        TextFileError::NotUtf8 { line, offset }
    })
}

/// A byte count for messages: `64 MiB`, `1.5 MiB`, `900 KiB`, `12 bytes`.
pub(crate) fn human_size(bytes: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB {
        let tenths = bytes * 10 / MIB;
        if tenths.is_multiple_of(10) {
            format!("{} MiB", tenths / 10)
        } else {
            format!("{}.{} MiB", tenths / 10, tenths % 10)
        }
    } else if bytes >= KIB {
        format!("{} KiB", bytes / KIB)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_and_strips_bom() {
        assert_eq!(decode(b"\xEF\xBB\xBFhi".to_vec()).unwrap(), "hi");
        assert_eq!(decode("č—🙂".as_bytes().to_vec()).unwrap(), "č—🙂");
    }

    #[test]
    fn rejects_binary_utf16_and_bad_utf8() {
        assert!(matches!(
            decode(b"ab\0cd".to_vec()),
            Err(TextFileError::Binary)
        ));
        assert!(matches!(
            decode(b"\xFF\xFEa\0".to_vec()),
            Err(TextFileError::Utf16)
        ));
        assert!(matches!(
            decode(b"ok\nfine\n\xE9t\xE9".to_vec()),
            Err(TextFileError::NotUtf8 { line: 3, offset: 8 })
        ));
    }

    #[test]
    fn sizes_read_well() {
        assert_eq!(human_size(64 * 1024 * 1024), "64 MiB");
        assert_eq!(human_size(3 * 1024 * 1024 / 2), "1.5 MiB");
        assert_eq!(human_size(2048), "2 KiB");
        assert_eq!(human_size(12), "12 bytes");
    }
}
