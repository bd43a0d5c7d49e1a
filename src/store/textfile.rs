//! Reading a text file defensively: only regular files, size limit, binary and encoding checks,
//! before any parsing. Used by the session loader (the article importer has its own,
//! encoding-aware reader, but shares [`open_regular`]).

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

/// Opens `path` for reading only if it is a regular file (symlinks followed), and returns the
/// open file with its metadata.
///
/// The check comes *before* `open`: opening a named pipe for reading blocks in `open()` itself
/// until a writer appears, and a device such as `/dev/zero` or a terminal never ends, so either
/// would hang the window. The opened file's own metadata is checked again, in case the path was
/// swapped for something else in between.
///
/// # Errors
///
/// The operating system's error, or [`std::io::ErrorKind::InvalidInput`] saying what the path
/// is instead ("it is a folder", "… not a regular file (a named pipe)").
pub(crate) fn open_regular(path: &Path) -> std::io::Result<(std::fs::File, std::fs::Metadata)> {
    check_regular(&std::fs::metadata(path)?)?;
    let file = std::fs::File::open(path)?;
    let metadata = file.metadata()?;
    check_regular(&metadata)?;
    Ok((file, metadata))
}

/// `Ok` for a regular file; otherwise an error naming what it is.
fn check_regular(metadata: &std::fs::Metadata) -> std::io::Result<()> {
    let file_type = metadata.file_type();
    if file_type.is_file() {
        return Ok(());
    }
    if file_type.is_dir() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            "it is a folder, not a file",
        ));
    }
    Err(std::io::Error::new(
        std::io::ErrorKind::InvalidInput,
        format!(
            "it is not a regular file ({}); Factmark reads only ordinary files",
            special_kind(&file_type)
        ),
    ))
}

/// What a file that is neither regular nor a folder is, for messages.
#[cfg(unix)]
fn special_kind(file_type: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt as _;
    if file_type.is_fifo() {
        "a named pipe"
    } else if file_type.is_char_device() {
        "a character device"
    } else if file_type.is_block_device() {
        "a block device"
    } else if file_type.is_socket() {
        "a socket"
    } else {
        "a special file"
    }
}

/// What a file that is neither regular nor a folder is, for messages.
#[cfg(not(unix))]
fn special_kind(_file_type: &std::fs::FileType) -> &'static str {
    "a device or other special file"
}

/// Reads at most `limit` bytes of `path`, with the metadata of the same open file (so a
/// fingerprint of the bytes and their modification time belong together). Refuses anything
/// but a regular file before opening it (see [`open_regular`]).
pub(crate) fn read_bytes(
    path: &Path,
    limit: u64,
) -> Result<(Vec<u8>, std::fs::Metadata), TextFileError> {
    let (file, metadata) = open_regular(path).map_err(TextFileError::Io)?;
    if metadata.len() > limit {
        return Err(TextFileError::TooLarge {
            size: metadata.len(),
            limit,
        });
    }
    // Read at most one byte past the limit: a file that grows is still caught without
    // reading it all.
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

    #[cfg(unix)]
    #[test]
    fn refuses_devices_and_folders_before_reading() {
        let error = read_bytes(Path::new("/dev/zero"), 1024).unwrap_err();
        let TextFileError::Io(error) = error else {
            panic!("{error:?}")
        };
        assert!(
            error
                .to_string()
                .contains("not a regular file (a character device)"),
            "{error}"
        );
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            read_bytes(dir.path(), 1024),
            Err(TextFileError::Io(e)) if e.kind() == std::io::ErrorKind::IsADirectory
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
