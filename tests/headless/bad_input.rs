//! Hostile input: every file in tests/data/bad must be refused with its own message (the
//! table below), and a mutation fuzzer (byte flips, truncation, splices, token insertions)
//! over valid sessions must never panic or hang the loader.
//!
//! `FACTMARK_FUZZ_CASES=100000 cargo test --release --test headless bad_input:: -- --nocapture` runs a
//! longer fuzz; the default is sized for CI (a few seconds in a debug build).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use factmark::model::{
    Annotation, AnnotationId, Article, Body, Orphan, Provenance, Quote, Session, Span, Tag,
};
use factmark::store::{self, LoadErrorKind};

fn data(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// Each file of tests/data/bad and a part of the message it must produce (after the
/// `PATH: ` prefix every message starts with).
const CORPUS: &[(&str, &str)] = &[
    (
        "a_list.ron",
        "not a Factmark session: expected `format: \"factmark-session\"`, found a list",
    ),
    (
        "binary.ron",
        "this is a binary file (it contains NUL bytes)",
    ),
    (
        "blank_orphan.ron",
        "orphan #9 has an empty or whitespace-only text",
    ),
    (
        "blank_span.ron",
        "annotation #5 (96..97) covers only whitespace",
    ),
    (
        "byte_offsets.ron",
        "annotation #2 has offsets 26..48 that count UTF-8 bytes, not code points",
    ),
    (
        "deep_list_nesting.ron",
        "nests brackets more than 32 levels deep",
    ),
    (
        "deep_nesting.ron",
        "nests brackets more than 32 levels deep",
    ),
    (
        "duplicate_field.ron",
        "line 4, column 5: the session is malformed: Unexpected duplicate field named `version`",
    ),
    (
        "duplicate_id.ron",
        "annotation id 2 is used more than once; ids must be unique",
    ),
    ("empty.ron", "the file is empty"),
    (
        "empty_span.ron",
        "annotation #2 has start 23 and end 23: start must be less than end",
    ),
    (
        "float_offset.ron",
        "line 12, column 42: the session is malformed: Expected comma",
    ),
    (
        "foreign.ron",
        "not a Factmark session: expected `format: \"factmark-session\"`, found no `format` field",
    ),
    (
        "future_version.ron",
        "this session uses format version 5, made by a newer Factmark; this Factmark reads versions up to 4. Update Factmark to open it",
    ),
    (
        "html.ron",
        "not valid RON at line 1, column 1: Unexpected char '<'",
    ),
    (
        "huge_number.ron",
        "line 12, column 49: the session is malformed: number out of range",
    ),
    (
        "id_shared_with_orphan.ron",
        "annotation id 3 is used more than once",
    ),
    (
        "id_too_large.ron",
        "annotation id 9007199254740992 is too large; ids must be at most 9007199254740991",
    ),
    (
        "import_bad_sha.ron",
        "the article's import record has an invalid `source_sha256`: \"FA68BAA3EF71E02A4F55CF504783D05FBF9B654A89169704F053806CA1C8A837\" is not 64 lower-case hex digits",
    ),
    (
        "import_blank_encoding.ron",
        "the article's import record has an invalid `encoding`: it is empty or only whitespace",
    ),
    (
        "import_empty_importer.ron",
        "the article's import record has an invalid `importer`: it is empty or only whitespace",
    ),
    (
        "import_unknown_field.ron",
        "line 8, column 64: the session is malformed: Unexpected field named `detected_by` in `import`",
    ),
    (
        "import_without_some.ron",
        "line 8, column 16: the session is malformed: Expected option: write `None` or `Some(…)`",
    ),
    (
        "json.ron",
        "not a Factmark session: expected `format: \"factmark-session\"`, found a `{…}` map (JSON?)",
    ),
    (
        "latin1.ron",
        "the file is not valid UTF-8 (first bad byte on line 8, byte offset 251)",
    ),
    (
        "lowercase_tag.ron",
        "line 12, column 22: unknown tag `statistic`; valid tags are Claim, Statistic, Quote",
    ),
    (
        "missing_field.ron",
        "the session is malformed: Unexpected missing field named `note` in `annotation`",
    ),
    (
        "missing_sha.ron",
        "Unexpected missing field named `sha256` in `article`",
    ),
    (
        "negative_offset.ron",
        "line 12, column 41: the session is malformed: number out of range: ids, offsets and the version are whole decimal numbers with no minus sign, and ids are at most 9007199254740991 (2^53 − 1)",
    ),
    (
        "not_utf8.ron",
        "the file is not valid UTF-8 (first bad byte on line 6, byte offset 135)",
    ),
    (
        "nul_in_article.ron",
        "the article text contains a NUL character (at code point 18)",
    ),
    (
        "nul_in_note.ron",
        "the note of annotation #2 contains a NUL character (at code point 7)",
    ),
    (
        "nul_in_orphan.ron",
        "the text of orphan #9 contains a NUL character (at code point 1)",
    ),
    (
        "out_of_range.ron",
        "annotation #4 has offsets 100..140, past the end of the article (110 code points)",
    ),
    (
        "pdf.ron",
        "the file is not valid UTF-8 (first bad byte on line 2, byte offset 10)",
    ),
    (
        "prefix_mismatch.ron",
        "annotation #2's prefix is \"Franak Viačorka wrote: “\", but the article has \"Franak Viačorka said: “\" there",
    ),
    (
        "sha_mismatch.ron",
        "the article text does not match its recorded SHA-256",
    ),
    (
        "start_after_end.ron",
        "annotation #2 has start 45 and end 40: start must be less than end",
    ),
    (
        "suffix_mismatch.ron",
        "annotation #4's suffix is \"!\", but the article has \".\" there",
    ),
    (
        "syntax.ron",
        "not valid RON at line 6, column 9: Expected comma",
    ),
    (
        "text_mismatch.ron",
        "annotation #2 (23..45) says its text is \"41 political prisoners\", but the article has \"14 political prisoners\" there",
    ),
    (
        "truncated.ron",
        "not valid RON at line 11, column 190: Expected comma; the file ends here, so it may be truncated",
    ),
    (
        "u64_max_end.ron",
        "annotation #2 has offsets 23..18446744073709551615, past the end of the article",
    ),
    (
        "unknown_field.ron",
        "Unexpected field named `colour` in `session`",
    ),
    (
        "unknown_tag.ron",
        "line 13, column 22: unknown tag `Opinion`",
    ),
    (
        "unterminated_string.ron",
        "not valid RON at line 14, column 134: Expected end of string",
    ),
    (
        "utf16.ron",
        "this is a binary file (it is UTF-16 encoded; sessions are UTF-8)",
    ),
    (
        "utf16_offsets.ron",
        "annotation #4 has offsets 100..109 that count UTF-16 code units, not code points",
    ),
    (
        "v1_with_context.ron",
        "Unexpected field named `prefix` in `annotation`",
    ),
    (
        "v1_with_import.ron",
        "line 8, column 9: the session is malformed: Unexpected field named `import` in `article`",
    ),
    (
        "v1_with_orphans.ron",
        "Unexpected field named `orphans` in `session`",
    ),
    (
        "v3_bad_colour.ron",
        "the session's rating scale is not valid: the colour \"green\" of rating \"True\" is not #rrggbb (like #1a7f4b)",
    ),
    (
        "v3_bad_details_url.ron",
        "the article's `details.url` is not valid: \"javascript:alert(1)\" is a javascript link; links must be web addresses (http:// or https://)",
    ),
    (
        "v3_bad_source_url.ron",
        "the source 1 of annotation #1 is not valid: \"spring96.org\" is not a full web address: it needs https:// in front",
    ),
    (
        "v3_bad_time.ron",
        "the created time of annotation #1 is not valid: \"yesterday\" is not a time; expected an RFC 3339 UTC time like 2026-12-03T14:20:05Z",
    ),
    (
        "v3_duplicate_rating.ron",
        "the session's rating scale is not valid: two ratings are named \"True\"",
    ),
    (
        "v3_empty_scale.ron",
        "the session's attribution scale is not valid: it has no ratings; give it at least one",
    ),
    (
        "v3_empty_source.ron",
        "the source 1 of annotation #1 is not valid: a source needs a URL or a citation",
    ),
    (
        "v3_nul_in_claimant.ron",
        "the claimant of annotation #1 contains a NUL character (at code point 1); session text must not contain NUL",
    ),
    (
        "v3_unknown_status.ron",
        "Unexpected variant named `Done` in enum `Status`, expected one of `ToCheck`, `Checking`, `Checked`, or `NotCheckable` instead",
    ),
    (
        "v3_verdict_not_in_scale.ron",
        "the verdict of annotation #1 is not valid: \"False\" is not in the session's attribution scale (it is in the rating scale, which is for claims and statistics); it has: Accurate, Misquoted, Out of context, Misattributed, Unverified",
    ),
    (
        "v4_rejection_blank.ron",
        "rejected suggestion 2 (Quote, 12..13) is not valid: it covers only whitespace",
    ),
    (
        "v4_rejection_byte_offsets.ron",
        "rejected suggestion 3 (Statistic, 53..75) is not valid: its offsets count UTF-8 bytes, not code points",
    ),
    (
        "v4_rejection_empty.ron",
        "rejected suggestion 2 (Quote, 40..40) is not valid: start must be less than end",
    ),
    (
        "v4_rejection_missing_text.ron",
        "the session is malformed: Unexpected missing field named `text` in `rejection`",
    ),
    (
        "v4_rejection_out_of_range.ron",
        "rejected suggestion 3 (Statistic, 47..620) is not valid: it reaches past the end of the article (70 code points)",
    ),
    (
        "v4_rejection_text_mismatch.ron",
        "rejected suggestion 1 (Claim, 13..40) is not valid: it says its text is \"Belarus freed 15 prisoners.\", but the article has \"Belarus freed 14 prisoners.\" there",
    ),
    (
        "v4_rejection_unknown_tag.ron",
        "unknown tag `Number`; valid tags are Claim, Statistic, Quote",
    ),
    (
        "version_huge.ron",
        "unknown session format version 99999999999999999999999; supported versions are 1 to 4",
    ),
    (
        "version_missing.ron",
        "unknown session format version (the `version` field is missing)",
    ),
    ("version_string.ron", "unknown session format version \"2\""),
    ("version_zero.ron", "unknown session format version 0"),
    ("whitespace_only.ron", "the file is empty"),
    ("wrong_format.ron", "found `format: \"doccano-export\"`"),
    (
        "wrong_type.ron",
        "line 16, column 13: the session is malformed: Expected opening `[`",
    ),
];

#[test]
fn every_bad_file_gives_its_message() {
    let dir = data("tests/data/bad");
    let mut failures = Vec::new();
    for &(name, expected) in CORPUS {
        let path = dir.join(name);
        match store::load(&path) {
            Ok(_) => failures.push(format!("{name}: loaded without error")),
            Err(error) => {
                let message = error.to_string();
                let prefix = format!("{}: ", path.display());
                if !message.starts_with(&prefix) {
                    failures.push(format!("{name}: does not name the file: {message}"));
                }
                if error.path() != Some(path.as_path()) {
                    failures.push(format!("{name}: path() is {:?}", error.path()));
                }
                if !message.contains(expected) {
                    failures.push(format!(
                        "{name}:\n  expected: {expected}\n  actual:   {message}"
                    ));
                }
            }
        }
        // The same bytes through the in-memory entry point give the same message, minus the
        // file name.
        let bytes = std::fs::read(&path).unwrap();
        match store::from_bytes(&bytes) {
            Ok(_) => failures.push(format!("{name}: from_bytes accepted it")),
            Err(error) if !error.to_string().contains(expected) => {
                failures.push(format!("{name}: from_bytes said: {error}"));
            }
            Err(_) => {}
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    println!(
        "bad corpus: {} files, each refused with its message",
        CORPUS.len()
    );
}

#[test]
fn the_corpus_table_lists_every_file_and_has_at_least_30() {
    let mut found: Vec<String> = std::fs::read_dir(data("tests/data/bad"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    found.sort();
    let listed: Vec<String> = CORPUS.iter().map(|(n, _)| (*n).to_owned()).collect();
    let mut sorted = listed.clone();
    sorted.sort();
    assert_eq!(listed, sorted, "keep the table sorted by file name");
    assert_eq!(
        found, listed,
        "every file in tests/data/bad has one row in CORPUS"
    );
    assert!(CORPUS.len() >= 30);
}

#[test]
fn over_the_size_limit_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(store::MAX_SESSION_BYTES + 1).unwrap(); // sparse: costs no disk
    let started = Instant::now();
    let error = store::load(&path).unwrap_err();
    assert!(matches!(error.kind, LoadErrorKind::TooLarge { .. }));
    let message = error.to_string();
    assert!(
        message.contains("the file is 64 MiB, over the 64 MiB limit for session files")
            || message.contains("over the 64 MiB limit for session files"),
        "{message}"
    );
    assert!(started.elapsed() < Duration::from_secs(1), "not read");
}

#[test]
fn typed_errors_for_the_new_checks() {
    let load = |name: &str| store::load(&data(&format!("tests/data/bad/{name}"))).unwrap_err();
    assert!(matches!(
        load("deep_nesting.ron").kind,
        LoadErrorKind::TooDeep { limit: 32, .. }
    ));
    assert!(matches!(
        load("byte_offsets.ron").kind,
        LoadErrorKind::WrongOffsetUnit {
            id: AnnotationId(2),
            unit: "UTF-8 bytes",
            ..
        }
    ));
    assert!(matches!(
        load("prefix_mismatch.ron").kind,
        LoadErrorKind::ContextMismatch {
            which: "prefix",
            ..
        }
    ));
    assert!(matches!(
        load("nul_in_note.ron").kind,
        LoadErrorKind::NulInText { at: 7, .. }
    ));
    assert!(matches!(
        load("id_too_large.ron").kind,
        LoadErrorKind::IdTooLarge { .. }
    ));
    assert!(matches!(
        load("blank_orphan.ron").kind,
        LoadErrorKind::BlankOrphan { .. }
    ));
    assert!(matches!(load("empty.ron").kind, LoadErrorKind::Empty));
    assert!(matches!(
        load("import_bad_sha.ron").kind,
        LoadErrorKind::BadImport {
            field: "source_sha256",
            ..
        }
    ));
    assert!(matches!(
        load("import_empty_importer.ron").kind,
        LoadErrorKind::BadImport {
            field: "importer",
            ..
        }
    ));
    assert!(matches!(
        load("id_shared_with_orphan.ron").kind,
        LoadErrorKind::DuplicateId {
            id: AnnotationId(3),
            ..
        }
    ));
}

// ---------------------------------------------------------------------------------------
// Mutation fuzzing.

/// A small, fast, seedable generator (xorshift64*), so a failing case can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Tokens that stress a RON parser and the validator.
const TOKENS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "\"",
    "\\",
    ",",
    ":",
    "\0",
    "\\u{0}",
    "-1",
    "0",
    "18446744073709551616",
    "99999999999999999999999999999",
    "1e999",
    "NaN",
    "Some(",
    "None",
    "\u{feff}",
    "🙂",
    "č",
    "\r\n",
    "//",
    "/*",
    "r#\"",
    "'",
    "#![enable(implicit_some)]",
    "version: 2",
    "version: 1",
    "version: 3",
    "version: 4",
    "rejected: []",
    "rejected: [(tag: Claim, start: 0, end: 1, text: \"F\")]",
    "id: 1",
    "start: 0",
    "end: 0",
    "orphans: []",
];

/// A valid session with orphans and an import record, so the fuzzer mutates those parts of
/// the format too.
fn orphan_seed() -> String {
    let text = "Minsk — 14 prisoners freed. 🙂 Ещё 300 000 уехали.\n";
    let article = Arc::new(
        Article::new("Seed", Some("seed.txt".into()), text).with_provenance(Provenance {
            importer: "plain-text".into(),
            encoding: "windows-1251".into(),
            source_sha256: store::sha256_hex("seed"),
        }),
    );
    let start = text.find("14 prisoners").unwrap();
    let annotations = vec![Annotation {
        id: AnnotationId(1),
        span: Span::new(start, start + "14 prisoners".len()),
        body: std::sync::Arc::new(Body {
            note: "n".into(),
            ..Body::new(Tag::Statistic)
        }),
    }];
    let orphans = vec![Orphan {
        id: AnnotationId(5),
        quote: Quote {
            text: "a sentence that was rewritten".into(),
            prefix: "before ".into(),
            suffix: " after".into(),
        },
        body: std::sync::Arc::new(Body {
            note: "kept".into(),
            ..Body::new(Tag::Claim)
        }),
    }];
    store::to_ron(&Session::from_parts(article, annotations, orphans).unwrap())
}

fn seeds() -> Vec<Vec<u8>> {
    let mut seeds: Vec<Vec<u8>> = [
        "tests/data/golden/small.ron",
        "tests/data/v1/small.ron",
        "sessions/example.ron",
    ]
    .iter()
    .map(|p| std::fs::read(data(p)).unwrap())
    .collect();
    seeds.push(orphan_seed().into_bytes());
    seeds
}

/// One to four random mutations of a random seed.
fn mutate(rng: &mut Rng, seeds: &[Vec<u8>]) -> Vec<u8> {
    let mut bytes = seeds[rng.below(seeds.len())].clone();
    for _ in 0..=rng.below(4) {
        let len = bytes.len();
        let at = rng.below(len + 1);
        match rng.below(8) {
            0 if len > 0 => bytes[rng.below(len)] = rng.next() as u8,
            1 if len > 0 => bytes[rng.below(len)] ^= 1 << rng.below(8),
            2 => bytes.truncate(at),
            3 => {
                // Splice: a chunk of any seed, inserted here.
                let other = &seeds[rng.below(seeds.len())];
                let from = rng.below(other.len());
                let to = (from + rng.below(200)).min(other.len());
                bytes.splice(at..at, other[from..to].iter().copied());
            }
            4 => {
                let to = (at + rng.below(64)).min(len);
                bytes.drain(at..to);
            }
            5 => {
                let to = (at + rng.below(64)).min(len);
                let chunk = bytes[at..to].to_vec();
                bytes.splice(at..at, chunk);
            }
            _ => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                bytes.splice(at..at, token.iter().copied());
            }
        }
    }
    bytes
}

#[derive(Default)]
struct Tally {
    cases: usize,
    rejected: usize,
    loaded: usize,
    panics: Vec<(usize, String)>,
    slowest: Duration,
}

/// Loads one input; a session that loads must also survive a save/load round trip.
fn check_one(bytes: &[u8]) -> Result<bool, String> {
    match store::from_bytes(bytes) {
        Err(error) => {
            let message = error.to_string();
            if message.is_empty() {
                return Err("empty error message".into());
            }
            Ok(false)
        }
        Ok(session) => {
            let again = store::from_ron(&store::to_ron(&session))
                .map_err(|e| format!("loaded, but its re-rendering does not load: {e}"))?;
            if again != session {
                return Err("loaded, but does not round-trip".into());
            }
            Ok(true)
        }
    }
}

#[test]
fn mutated_sessions_never_panic_or_hang() {
    let cases: usize = std::env::var("FACTMARK_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000);
    let seed: u64 = std::env::var("FACTMARK_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x5EED_FAC7_0123_4567);
    // A case that takes longer than this is a hang (normal cases take milliseconds).
    let budget = Duration::from_secs(10);
    let seeds = seeds();
    let (progress, reports) = mpsc::channel::<(usize, Duration, Result<bool, String>)>();
    // The loader runs on a plain spawned thread (2 MiB stack), like a worker would.
    let worker = std::thread::Builder::new()
        .name("fuzz-loader".into())
        .spawn(move || {
            let mut rng = Rng(seed);
            for case in 0..cases {
                let input = mutate(&mut rng, &seeds);
                let started = Instant::now();
                let outcome = std::panic::catch_unwind(|| check_one(&input))
                    .unwrap_or_else(|_| Err("PANIC".into()));
                if outcome.as_ref().is_err_and(|e| e.contains("PANIC")) {
                    let path = std::env::temp_dir().join(format!("factmark-fuzz-{case}.ron"));
                    let _ = std::fs::write(&path, &input);
                }
                if progress.send((case, started.elapsed(), outcome)).is_err() {
                    return;
                }
            }
        })
        .unwrap();
    let started = Instant::now();
    let mut tally = Tally::default();
    while tally.cases < cases {
        let (case, took, outcome) = reports.recv_timeout(budget).unwrap_or_else(|_| {
            panic!(
                "case {} (seed {seed:#x}) ran longer than {budget:?}: the loader hangs",
                tally.cases
            )
        });
        tally.cases += 1;
        tally.slowest = tally.slowest.max(took);
        match outcome {
            Ok(true) => tally.loaded += 1,
            Ok(false) => tally.rejected += 1,
            Err(problem) => tally.panics.push((case, problem)),
        }
    }
    worker.join().unwrap();
    println!(
        "fuzz: {} mutated inputs (seed {seed:#x}) in {:.1?}: {} refused with a message, {} \
         loaded and round-tripped, {} panics or broken round trips; slowest case {:.1?}",
        tally.cases,
        started.elapsed(),
        tally.rejected,
        tally.loaded,
        tally.panics.len(),
        tally.slowest
    );
    assert!(
        tally.panics.is_empty(),
        "failing cases (inputs of panics saved as factmark-fuzz-N.ron in the temp folder): {:?}",
        tally.panics
    );
    assert!(
        tally.rejected > cases / 10 && tally.loaded > 0,
        "the mutations are varied"
    );
}

/// A random text over an alphabet of awkward characters.
fn random_text(rng: &mut Rng, max: usize) -> String {
    const ALPHABET: &[&str] = &[
        "a", "b", " ", " ", "\n", "č", "🙂", "北", "e\u{301}", "\"", "\\", "\t", "\r", "—", "\0",
    ];
    (0..rng.below(max + 1))
        .map(|_| ALPHABET[rng.below(ALPHABET.len())])
        .collect()
}

/// A RON string literal for `text`.
fn lit(text: &str) -> String {
    ron::to_string(text).unwrap()
}

/// A well-formed file with a correct SHA-256 but random annotations and orphans: offsets
/// that may be reversed, past the end or inside nothing, texts and contexts that may or may
/// not match, duplicate ids. Reaches the validator, which mutation rarely does.
fn structured_case(rng: &mut Rng) -> String {
    let text = random_text(rng, 40);
    let chars: Vec<char> = text.chars().collect();
    let slice = |a: usize, b: usize| -> String {
        chars
            .get(a.min(b)..b.min(chars.len()))
            .map_or(String::new(), |c| c.iter().collect())
    };
    let mut annotations = String::new();
    for _ in 0..rng.below(4) {
        let start = rng.below(chars.len() + 3);
        let end = if rng.below(5) == 0 {
            rng.below(chars.len() + 3)
        } else {
            start + 1 + rng.below(6)
        };
        let quote = if rng.below(4) == 0 {
            random_text(rng, 5)
        } else {
            slice(start, end)
        };
        let prefix = if rng.below(4) == 0 {
            random_text(rng, 3)
        } else {
            slice(start.saturating_sub(3), start)
        };
        let suffix = if rng.below(4) == 0 {
            random_text(rng, 3)
        } else {
            slice(end, end + 3)
        };
        annotations.push_str(&format!(
            "(id: {}, tag: {}, start: {start}, end: {end}, text: {}, prefix: {}, suffix: {}, note: {}),",
            rng.below(6),
            ["Claim", "Statistic", "Quote"][rng.below(3)],
            lit(&quote),
            lit(&prefix),
            lit(&suffix),
            lit(&random_text(rng, 4)),
        ));
    }
    let mut orphans = String::new();
    for _ in 0..rng.below(3) {
        orphans.push_str(&format!(
            "(id: {}, tag: Quote, text: {}, prefix: {}, suffix: {}, note: \"\"),",
            rng.below(8),
            lit(&random_text(rng, 4)),
            lit(&random_text(rng, 2)),
            lit(&random_text(rng, 2)),
        ));
    }
    format!(
        "(format: \"factmark-session\", version: 2, article: (title: {}, source: None, \
         sha256: \"{}\", text: {}), annotations: [{annotations}], orphans: [{orphans}])",
        lit(&random_text(rng, 3)),
        store::sha256_hex(&text),
        lit(&text),
    )
}

#[test]
fn random_well_formed_sessions_are_validated_without_panics() {
    let mut rng = Rng(0xC0FF_EE00_D15E_A5E5);
    let (mut loaded, mut refused) = (0, 0);
    let cases = 20_000;
    for case in 0..cases {
        let src = structured_case(&mut rng);
        let outcome = std::panic::catch_unwind(|| check_one(src.as_bytes()));
        match outcome {
            Ok(Ok(true)) => loaded += 1,
            Ok(Ok(false)) => refused += 1,
            Ok(Err(problem)) => panic!("case {case}: {problem}\n{src}"),
            Err(_) => panic!("case {case} panicked on:\n{src}"),
        }
    }
    println!(
        "structured fuzz: {cases} random sessions with valid hashes: {refused} refused with a \
         message, {loaded} loaded and round-tripped, 0 panics"
    );
    assert!(
        loaded > cases / 20 && refused > cases / 20,
        "{loaded} loaded, {refused} refused"
    );
}
