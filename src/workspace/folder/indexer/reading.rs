//! The indexer's reading: files shared out to reader threads (each reads, hashes, and takes
//! the cached summary or makes a fresh one), results sent to the window as they come, and
//! what the worker remembers of each file updated.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::channel;

use super::{Known, Sink, Update, Worker};
use crate::workspace::folder::cache::SummaryCache;
use crate::workspace::folder::discover::{FileKind, Found};
use crate::workspace::folder::file::{self, Outcome, Parsed};

/// One file read by a reader thread.
struct Read {
    found: Found,
    sha256: Option<String>,
    outcome: Outcome,
    parsed: Option<Parsed>,
    /// Taken from the cache (nothing was parsed).
    cached: bool,
}

impl Worker {
    /// Reads `files` on the reader threads, sending each result as it comes (see [`Pass`]).
    pub(super) fn read_all(&mut self, files: &[Found], pass: Pass) {
        if files.is_empty() {
            return;
        }
        if pass == Pass::Changed {
            self.sink.send(Update::Found(files.to_vec()));
        }
        let (_, total) = self.progress.counts();
        self.progress.set_total(total + files.len());
        let next = AtomicUsize::new(0);
        let (results, received) = channel::<Read>();
        let readers = self.threads.min(files.len());
        let cache = (pass != Pass::ForSearch).then_some(&self.cache);
        let progress = self.progress.clone();
        let (known, sink) = (&mut self.known, &mut self.sink);
        let fresh = std::thread::scope(|scope| {
            for _ in 0..readers {
                let results = results.clone();
                let (next, progress) = (&next, &progress);
                scope.spawn(move || {
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(found) = files.get(i) else { break };
                        if progress.is_cancelled() || results.send(read_one(found, cache)).is_err()
                        {
                            break;
                        }
                    }
                });
            }
            drop(results);
            let mut fresh = Vec::new();
            for read in received {
                progress.advance(1);
                if !read.cached
                    && let Some(sha) = &read.sha256
                {
                    fresh.push((read.found.clone(), sha.clone(), read.outcome.clone()));
                }
                deliver(known, sink, read, pass);
            }
            fresh
        });
        self.sink.flush();
        // Remembered once the readers are done with the cache.
        for (found, sha, outcome) in fresh {
            self.cache.put(&found, &sha, &outcome);
        }
    }

    /// Parses, for search, the files whose summaries came from the cache.
    pub(super) fn parse_missing(&mut self) {
        let mut files: Vec<Found> = self
            .known
            .iter()
            .filter(|(_, k)| !k.parsed)
            .filter_map(|(p, _)| Found::stat(p).ok().flatten())
            .collect();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        self.read_all(&files, Pass::ForSearch);
    }
}

/// Records one file read and sends what is new about it.
fn deliver(known: &mut HashMap<PathBuf, Known>, sink: &mut Sink, read: Read, pass: Pass) {
    let path = read.found.path.clone();
    let before = known.get(&path);
    let same_bytes = before.is_some_and(|k| k.sha256.is_some() && k.sha256 == read.sha256);
    let same_stat =
        before.is_some_and(|k| k.size == read.found.size && k.modified == read.found.modified);
    let was_parsed = same_bytes && before.is_some_and(|k| k.parsed);
    known.insert(
        path.clone(),
        Known {
            size: read.found.size,
            modified: read.found.modified,
            sha256: read.sha256.clone(),
            parsed: was_parsed
                || read.parsed.is_some()
                || !matches!(read.outcome, Outcome::Ready(_)),
        },
    );
    let news = match pass {
        Pass::First => true,
        Pass::Changed | Pass::ForSearch => !(same_bytes && same_stat),
    };
    if news {
        sink.send(Update::Read {
            found: read.found,
            sha256: read.sha256,
            outcome: read.outcome,
        });
    }
    if let Some(parsed) = read.parsed
        && (news || !was_parsed)
    {
        sink.send(Update::Parsed(path, parsed));
    }
}

/// Where a file comes in reading order: by the folder its document is listed in (a session
/// in `sessions/` counts as in the folder above), then its name, articles first.
pub(super) fn document_order(path: &Path) -> (PathBuf, std::ffi::OsString, bool) {
    let dir = path.parent().unwrap_or(Path::new(""));
    let in_sessions = dir
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.eq_ignore_ascii_case("sessions"));
    let dir = if in_sessions {
        dir.parent().unwrap_or(dir)
    } else {
        dir
    };
    let stem = path.file_stem().unwrap_or_default().to_os_string();
    (
        dir.to_path_buf(),
        stem,
        FileKind::of(path) == Some(FileKind::Session),
    )
}

/// Why files are read, which decides what is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Pass {
    /// The first pass: the files were announced by the walk; everything read is sent.
    First,
    /// Files that changed (or may have): announced first; a file whose bytes and times are
    /// as before sends nothing.
    Changed,
    /// Parsing what the cache spared, bypassing it: the content is sent; the summary only
    /// when the file changed meanwhile.
    ForSearch,
}

/// Reads one file: its bytes and their hash, then the cached outcome when path, size, time
/// and hash match, else a fresh summary with the parsed content.
fn read_one(found: &Found, cache: Option<&SummaryCache>) -> Read {
    let bytes = match file::read(found) {
        Ok(bytes) => bytes,
        Err(unread) => {
            return Read {
                found: found.clone(),
                sha256: None,
                outcome: Outcome::Failed(unread.message),
                parsed: None,
                cached: false,
            };
        }
    };
    let sha256 = file::sha256_of(&bytes);
    // The size as read, in case the file changed between the walk and the read.
    let found = Found {
        size: bytes.len() as u64,
        ..found.clone()
    };
    if let Some(outcome) = cache.and_then(|c| c.get(&found, &sha256)) {
        return Read {
            found,
            sha256: Some(sha256),
            outcome: outcome.clone(),
            parsed: None,
            cached: true,
        };
    }
    let (outcome, parsed) = file::summarise(&found, &bytes);
    Read {
        found,
        sha256: Some(sha256),
        outcome,
        parsed,
        cached: false,
    }
}
