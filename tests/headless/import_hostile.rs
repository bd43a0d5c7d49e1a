//! Hostile article files: FIFOs and devices, stray bytes, deep or broken HTML, pages whose text
//! sits in nested divs.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use factmark::import::{import_file, open_article};

/// Runs `work` on a thread and fails the test (instead of hanging the run) when it takes
/// longer than `limit`. Only a guard against a hang: no test asserts how fast anything is.
fn within<T: Send + 'static>(limit: Duration, work: impl FnOnce() -> T + Send + 'static) -> T {
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = send.send(work());
    });
    receive
        .recv_timeout(limit)
        .unwrap_or_else(|_| panic!("did not finish within {limit:?}: it hangs"))
}

/// Writes `bytes` to `name` in `dir`.
fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

// ---- Item 8: named pipes and devices are refused before they are opened ----

/// A named pipe made with `mkfifo` (no writer ever opens it: reading it would block forever).
#[cfg(unix)]
fn fifo(dir: &tempfile::TempDir, name: &str) -> PathBuf {
    let path = dir.path().join(name);
    let status = std::process::Command::new("mkfifo")
        .arg(&path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
    path
}

/// The error message of importing and of loading `path` as a session, each on a guarded thread.
fn refusals(path: &Path) -> (String, String) {
    let article_path = path.to_path_buf();
    let article = within(Duration::from_secs(20), move || {
        open_article(&article_path)
            .map(|_| ())
            .unwrap_err()
            .to_string()
    });
    let session_path = path.to_path_buf();
    let session = within(Duration::from_secs(20), move || {
        factmark::store::load(&session_path)
            .map(|_| ())
            .unwrap_err()
            .to_string()
    });
    (article, session)
}

#[cfg(unix)]
#[test]
fn a_named_pipe_is_refused_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["pipe.txt", "pipe.html", "pipe.ron"] {
        let path = fifo(&dir, name);
        let (article, session) = refusals(&path);
        for message in [&article, &session] {
            assert!(message.contains(name), "{message}");
            assert!(
                message.contains("not a regular file (a named pipe)"),
                "{message}"
            );
        }
        let fingerprint_path = path.clone();
        let fingerprint = within(Duration::from_secs(20), move || {
            factmark::store::Fingerprint::of(&fingerprint_path).map(|_| ())
        });
        assert!(fingerprint.is_err());
    }
    // A symlink to a pipe is followed and refused too.
    let link = dir.path().join("link.txt");
    std::os::unix::fs::symlink(dir.path().join("pipe.txt"), &link).unwrap();
    let (article, _) = refusals(&link);
    assert!(article.contains("a named pipe"), "{article}");
}

#[cfg(unix)]
#[test]
fn devices_are_refused_not_reported_as_too_large() {
    for device in ["/dev/zero", "/dev/null", "/dev/urandom"] {
        let path = Path::new(device);
        if !path.exists() {
            continue;
        }
        let (article, session) = refusals(path);
        for message in [&article, &session] {
            assert!(message.contains(device), "{message}");
            assert!(
                message.contains("not a regular file (a character device)"),
                "{message}"
            );
            assert!(!message.contains("MiB"), "{message}");
        }
    }
}

// ---- Item 5: deep and unclosed HTML nesting imports in linear time, without recursion ----

/// `depth` nested `<div>`s around one paragraph, with a paragraph at depth 10 and one after.
fn nested_page(depth: usize) -> String {
    let mut page = String::from("<html><head><title>Deep</title></head><body>");
    for level in 0..depth {
        page.push_str("<div>");
        if level == 10 {
            page.push_str("<p>Shallow paragraph: 12 per cent.</p>");
        }
    }
    page.push_str("<p>Deepest paragraph: 3,400 people.</p>");
    page.push_str(&"</div>".repeat(depth));
    page.push_str("<p>After the divs: the end.</p></body></html>");
    page
}

/// `count` unclosed `<div>`s, each opening a line of text (ordinary broken HTML).
fn unclosed_page(count: usize) -> String {
    let mut page = String::from("<html><head><title>Unclosed</title></head><body>");
    for n in 0..count {
        page.push_str(&format!("<div>Line {n} of the page."));
    }
    page.push_str("</body></html>");
    page
}

/// Imports `source` as a file called `name`, on a guarded thread.
fn import_named(name: &str, source: &str) -> (factmark::model::Article, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, name, source.as_bytes());
    within(Duration::from_secs(120), move || {
        let (article, report) = import_file(&path).unwrap_or_else(|e| panic!("{e}"));
        drop(dir);
        (article, report.warnings)
    })
}

#[test]
fn a_page_nested_100000_deep_imports_with_its_text_and_a_warning() {
    let (article, warnings) = import_named("deep.html", &nested_page(100_000));
    let text = article.text();
    for expected in [
        "Shallow paragraph: 12 per cent.",
        "Deepest paragraph: 3,400 people.",
        "After the divs: the end.",
    ] {
        assert!(text.contains(expected), "{expected:?} missing");
    }
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("nests 100,00") && w.contains("levels deep")),
        "{warnings:?}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("without article detection")),
        "{warnings:?}"
    );
}

#[test]
fn twenty_thousand_unclosed_divs_keep_every_line() {
    let (article, warnings) = import_named("unclosed.html", &unclosed_page(20_000));
    let lines: Vec<&str> = article.text().lines().collect();
    assert_eq!(lines.len(), 20_000, "one line per div");
    assert_eq!(lines[0], "Line 0 of the page.");
    assert_eq!(lines[19_999], "Line 19999 of the page.");
    assert!(
        warnings.iter().any(|w| w.contains("levels deep")),
        "{warnings:?}"
    );
}

#[test]
fn ordinary_depth_keeps_article_detection() {
    let (article, warnings) = import_named("shallow.html", &nested_page(40));
    assert!(article.text().contains("Deepest paragraph: 3,400 people."));
    assert!(
        !warnings.iter().any(|w| w.contains("levels deep")),
        "{warnings:?}"
    );
}

/// Not a test: times the import of deep and broken pages. Run with
/// `cargo test --release --test headless import_hostile::measure -- --ignored --nocapture`.
#[test]
#[ignore = "a measurement: prints a table, asserts nothing about time"]
fn measure_deep_html_import() {
    println!("| page | bytes | import time |");
    println!("|---|---:|---:|");
    let pages = [1_000, 10_000, 100_000]
        .map(|depth| (format!("{depth} nested divs"), nested_page(depth)))
        .into_iter()
        .chain([("20,000 unclosed divs".to_owned(), unclosed_page(20_000))]);
    for (label, page) in pages {
        let bytes = page.len();
        let started = std::time::Instant::now();
        let (article, _) = import_named("measure.html", &page);
        let elapsed = started.elapsed();
        assert!(!article.text().is_empty());
        println!("| {label} | {bytes} | {:.2} s |", elapsed.as_secs_f64());
    }
}

// ---- Item 12: paragraphs each in their own stack of divs, no <article> ----

/// A news page with no `<article>`: a nav, a heading, 30 paragraphs each inside six nested
/// `<div>`s (as some site builders write them), a footer. Readability scores a paragraph by
/// its five nearest ancestors, so no common one collects them and it keeps a single paragraph.
/// Built here rather than kept in tests/data/import, whose every file is a provenance fixture.
fn nested_divs_page() -> String {
    let topics = [
        "the regional council",
        "the port authority",
        "the health ministry",
        "local farmers",
        "the transport union",
        "city hall",
    ];
    let verbs = [
        "said on Tuesday",
        "told reporters",
        "confirmed in a statement",
        "announced late on Monday",
        "wrote in a letter seen by this paper",
    ];
    let paragraphs: String = (1..=30)
        .map(|n| {
            format!(
                "<div class=\"x\"><div><div><div><div><div><p>Paragraph {n}: A spokesperson for \
                 {} {} that {} per cent of the {} claims filed this year had been settled, up \
                 from {} per cent in 2023. “We expect the figure to keep rising,” the \
                 spokesperson added, declining to give a date.</p></div></div></div></div></div>\
                 </div>\n",
                topics[n % topics.len()],
                verbs[n % verbs.len()],
                n * 7,
                1000 + n * 37,
                n * 3
            )
        })
        .collect();
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>Claims backlog falls as council speeds up payouts</title></head><body>\n\
         <nav class=\"site-nav\"><ul><li><a href=\"/\">Home</a></li><li><a href=\"/news\">News\
         </a></li><li><a href=\"/sport\">Sport</a></li><li><a href=\"/weather\">Weather</a>\
         </li></ul></nav>\n<h1>Claims backlog falls as council speeds up payouts</h1>\n\
         {paragraphs}<footer><p>Copyright 2025 Example Gazette. All rights reserved. Privacy \
         policy. Terms of use. Contact the newsroom.</p></footer></body></html>\n"
    )
}

#[test]
fn paragraphs_in_nested_divs_are_all_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "claims.html", nested_divs_page().as_bytes());
    let (article, report) = import_file(&path).unwrap();
    let text = article.text();
    for n in 1..=30 {
        let paragraph = format!("Paragraph {n}: A spokesperson");
        assert!(
            text.contains(&paragraph),
            "{paragraph:?} lost from:\n{text}"
        );
    }
    for boilerplate in ["Sport", "Weather", "Copyright", "Privacy policy"] {
        assert!(!text.contains(boilerplate), "{boilerplate:?} kept:\n{text}");
    }
    assert_eq!(
        article.title(),
        "Claims backlog falls as council speeds up payouts"
    );
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.contains("article detection kept only") && w.contains(" of the page's ")),
        "{:?}",
        report.warnings
    );
}

// ---- Item 11: a few stray bytes in a UTF-8 file ----

#[test]
fn stray_bytes_in_utf8_show_as_replacement_not_mojibake() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = "Minsk — Viačorka said “14 prisoners” were freed; "
        .as_bytes()
        .to_vec();
    bytes.extend_from_slice(b"a stray \x92 byte, \x81 another, and \xE9 one more.\n");
    bytes.extend_from_slice("Tsikhanouskaya: «свобода» — €5 million.\n".as_bytes());
    for name in ["stray.txt", "stray.md", "stray.html"] {
        let path = write(&dir, name, &bytes);
        let (article, report) = import_file(&path).unwrap();
        let text = article.text();
        assert_eq!(report.encoding, "UTF-8", "{name}");
        for kept in ["Viačorka", "“14 prisoners”", "«свобода»", "€5 million"] {
            assert!(text.contains(kept), "{name}: {kept:?} lost from {text:?}");
        }
        assert_eq!(text.matches('\u{FFFD}').count(), 3, "{name}: {text:?}");
        assert_eq!(report.removed_control_chars, 0, "{name}");
        assert!(
            report
                .warnings
                .iter()
                .any(|w| w == "3 bytes are not valid UTF-8 and show as \u{FFFD}"),
            "{name}: {:?}",
            report.warnings
        );
    }
}

#[test]
fn legacy_encodings_are_still_detected() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            encoding_rs::WINDOWS_1252,
            "Le ministre a déclaré mercredi que 14 détenus étaient libérés. « Ça suffit », \
             a-t-il ajouté, après une réunion à l'Élysée où l'on a évoqué la crise.",
        ),
        (
            encoding_rs::KOI8_R,
            "Власти Беларуси освободили 14 политических заключённых, в том числе \
             Сергея Тихановского, сообщило МВД в среду вечером.",
        ),
        (
            encoding_rs::SHIFT_JIS,
            "ベラルーシ当局は水曜日、政治犯十四人を釈放したと発表した。関係者によると、\
             釈放された人々は国境を越えてリトアニアに移送された。",
        ),
    ];
    for (encoding, text) in cases {
        let (bytes, _, unmappable) = encoding.encode(text);
        assert!(!unmappable);
        let path = write(&dir, "legacy.txt", &bytes);
        let (article, report) = import_file(&path).unwrap();
        // KOI8-R is reported as KOI8-U, its superset: the text is what must match.
        assert_eq!(article.text(), text, "{}", encoding.name());
        assert_ne!(report.encoding, "UTF-8");
        assert!(!report.warnings.iter().any(|w| w.contains('\u{FFFD}')));
    }
}

// ---- The same class in Markdown: deep nesting ----

#[test]
fn deeply_nested_markdown_imports() {
    let quotes = format!("{} Deep quote: 7 per cent.\n", ">".repeat(100_000));
    let lists = format!("{}item: 9 people\n", "- ".repeat(50_000));
    for (name, source) in [("quotes.md", quotes), ("lists.md", lists)] {
        let (article, _) = import_named(name, &source);
        assert!(!article.text().is_empty(), "{name}");
    }
}
