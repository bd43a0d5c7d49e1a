//! Importing the articles analysts actually have: a saved news page (UTF-8 and a
//! Windows-1251 page declaring its charset), Markdown notes, the same Cyrillic text in four
//! encodings, CJK and Arabic text, control characters, binary files and pasted text. Each
//! import is checked for its key facts, for what must be gone (scripts, navigation, ads, …),
//! for its report, and for a session made from it surviving a RON round trip.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use factmark::import::{
    EncodingSource, ImportError, ImportReport, Importer, MAX_CLIPBOARD_TITLE_CHARS,
    article_from_clipboard, import_clipboard, import_file,
};
use factmark::model::{Article, Session, Span, Tag};
use factmark::store;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/import")
        .join(name)
}

fn import(name: &str) -> (Article, ImportReport) {
    import_file(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn lines(article: &Article) -> Vec<&str> {
    article.text().lines().collect()
}

/// A session on `article` with `fact` tagged as a statistic survives `to_ron`/`from_ron`
/// unchanged, annotation text included.
fn assert_session_round_trips(article: Article, fact: &str) {
    let start = article
        .text()
        .find(fact)
        .unwrap_or_else(|| panic!("{fact:?} not in the text"));
    let mut session = Session::new(Arc::new(article));
    let edit = session.add_edit(Tag::Statistic, Span::new(start, start + fact.len()));
    session.apply(edit).unwrap();
    let ron = store::to_ron(&session);
    let back = store::from_ron(&ron).unwrap_or_else(|e| panic!("{e}\n{ron}"));
    assert_eq!(back, session);
    assert_eq!(back.text_of(&back.annotations()[0]), fact);
}

fn assert_absent(text: &str, unwanted: &[&str]) {
    for word in unwanted {
        assert!(
            !text.contains(word),
            "{word:?} should be gone from:\n{text}"
        );
    }
}

#[test]
fn news_page_keeps_the_article_and_drops_the_furniture() {
    let (article, report) = import("news-page.html");
    assert_eq!(report.importer, Importer::Html);
    assert_eq!(report.encoding, "UTF-8");
    assert_eq!(
        article.title(),
        "Belarus frees 14 political prisoners after US talks"
    );
    assert_eq!(report.byline.as_deref(), Some("Anna Kowalska"));
    assert_eq!(
        report.published.as_deref(),
        Some("2025-06-22T09:30:00+02:00")
    );
    assert_eq!(report.source_sha256.len(), 64);
    // A new session on it starts with the page's details.
    let details = article.imported_details();
    assert_eq!(details.author, "Anna Kowalska");
    assert_eq!(details.published, "2025-06-22");
    assert_eq!(details.publisher, "The Daily Ledger");
    let session = factmark::model::Session::new(std::sync::Arc::new(article.clone()));
    assert_eq!(session.details(), details);
    let text = article.text();
    let lines = lines(&article);
    // Byline and date first, then the body; facts, numbers and the quote intact.
    assert_eq!(lines[0], "Anna Kowalska · 2025-06-22T09:30:00+02:00");
    assert!(lines[1].starts_with("Belarus has released 14 political prisoners"));
    for fact in [
        "Tsikhanouski, 46, had been in custody since May 2020",
        "more than 19 years",
        "“This is a great day, but more than 1,100 people are still behind bars,” \
         Tsikhanouskaya told reporters.",
        "counts 1,150 political prisoners in Belarus & says at least 3,000 people",
        "ruled Belarus since 1994",
        "“pardoned on humanitarian grounds”",
    ] {
        assert!(text.contains(fact), "{fact:?} missing from:\n{text}");
    }
    // Headings and list items are paragraphs of their own.
    assert!(lines.contains(&"What the human rights groups say"));
    assert!(lines.contains(&"• Around 50,000 people were detained during the 2020 protests."));
    assert_eq!(lines.iter().filter(|l| l.starts_with("• ")).count(), 3);
    assert_eq!(article.paragraphs().len(), lines.len());
    assert_absent(
        text,
        &[
            "cookie",
            "Accept all",
            "World",
            "Subscribe",
            "ADVERTISEMENT",
            "SuperPhone",
            "SPONSORED",
            "Share on",
            "Email this story",
            "dataLayer",
            "TRACKING",
            "trackRead",
            "console.log",
            "min-height",
            "editor's note",
            "Most read",
            "recipes",
            "FIRST COMMENT",
            "fake news",
            "All rights reserved",
            "<",
            "&amp;",
            "&ldquo;",
        ],
    );
    assert_session_round_trips(article, "more than 1,100 people");
}

#[test]
fn legacy_encoded_page_uses_its_declared_charset() {
    let (article, report) = import("news-cp1251.html");
    assert_eq!(report.importer, Importer::Html);
    assert_eq!(report.encoding, "windows-1251");
    assert_eq!(report.encoding_source, EncodingSource::Declared);
    assert_eq!(article.title(), "Освобождение политзаключённых");
    let text = article.text();
    assert!(
        text.contains("освободили 14 политических заключённых"),
        "{text}"
    );
    assert!(text.contains("«Вясна»") && text.contains("свыше 3000 человек"));
    assert_absent(text, &["Главная", "Новости", "©", "charset"]);
    assert_session_round_trips(article, "более 1100 человек");
}

#[test]
fn short_page_keeps_its_text_without_navigation() {
    let dir = tempfile::tempdir().unwrap();
    let page = "<html><head><title>Short</title><script>evil()</script></head><body>\
                <nav>Home</nav><p>Only one line &mdash; 5 facts.</p>\
                <footer>(c) Site</footer></body></html>";
    let path = write(&dir, "short.htm", page.as_bytes());
    let (article, report) = import_file(&path).unwrap();
    assert_eq!(article.title(), "Short");
    assert_eq!(article.text(), "Only one line — 5 facts.\n");
    // ASCII with no declaration reads as UTF-8 (the same characters); entities decoded.
    assert_eq!(report.encoding, "UTF-8");
    assert_eq!(report.encoding_source, EncodingSource::ValidUtf8);
    // Without an .html extension a page is still recognised by its start.
    let path = write(&dir, "saved-page", page.as_bytes());
    assert_eq!(import_file(&path).unwrap().1.importer, Importer::Html);
}

#[test]
fn markdown_renders_to_plain_paragraphs() {
    let (article, report) = import("notes.md");
    assert_eq!(report.importer, Importer::Markdown);
    assert_eq!(article.title(), "Minsk talks – fact-check notes");
    assert_eq!(
        lines(&article),
        [
            "Minsk talks: what we know",
            "The US envoy Keith Kellogg met Aliaksandr Lukashenka in Minsk on 21 June 2025. \
             See the Viasna report for the full list.",
            "Key numbers",
            "• 14 prisoners released, including Siarhei Tsikhanouski",
            "• More than 1,100 still detained",
            "1. Of them, 30 are journalists",
            "2. Two Three are foreign citizens",
            "\"This is a great day,\" said Sviatlana Tsikhanouskaya. She spoke from Vilnius.",
            "Run the check script:",
            "factmark check sessions/minsk.ron",
            "Source | Count",
            "Viasna | 1,150",
            "Final line with a footnote.[1] & an entity.",
            "[1] Figures as of 22 June 2025.",
        ]
    );
    assert_absent(
        article.text(),
        &[
            "**",
            "*",
            "`",
            "](",
            "https://",
            "<!--",
            "border.jpg",
            "Photo of",
            "---",
        ],
    );
    assert_session_round_trips(article, "More than 1,100");
}

#[test]
fn the_same_cyrillic_text_in_four_encodings() {
    let (expected, _) = import("cyrillic-utf8.txt");
    let cases = [
        ("cyrillic-utf8.txt", "UTF-8", EncodingSource::ValidUtf8),
        (
            "cyrillic-utf16le.txt",
            "UTF-16LE",
            EncodingSource::ByteOrderMark,
        ),
        (
            "cyrillic-cp1251.txt",
            "windows-1251",
            EncodingSource::Guessed,
        ),
        // chardetng names KOI8-U, the superset of KOI8-R: Russian text decodes identically.
        ("cyrillic-koi8r.txt", "KOI8-U", EncodingSource::Guessed),
    ];
    for (name, encoding, source) in cases {
        let (article, report) = import(name);
        assert_eq!(article.text(), expected.text(), "{name}");
        assert_eq!(
            (report.encoding.as_str(), report.encoding_source),
            (encoding, source)
        );
        assert_eq!(report.importer, Importer::PlainText);
        assert!(!article.text().contains('\r'), "{name}: CRLF normalised");
        assert_eq!(
            report.warnings.iter().any(|w| w.contains("a guess")),
            source == EncodingSource::Guessed,
            "{name}: {:?}",
            report.warnings
        );
        assert!(
            article
                .text()
                .contains("освободили 14 политических заключённых")
        );
        assert_session_round_trips(article, "более 1100 человек");
    }
}

#[test]
fn byte_order_marks_and_other_legacy_encodings() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture("cyrillic-utf8.txt")).unwrap();
    // UTF-16 BE and UTF-8, each with a BOM.
    let mut be = vec![0xFE, 0xFF];
    be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    let mut utf8 = b"\xEF\xBB\xBF".to_vec();
    utf8.extend(text.as_bytes());
    for (name, bytes, encoding) in [("be.txt", be, "UTF-16BE"), ("bom.txt", utf8, "UTF-8")] {
        let (article, report) = import_file(&write(&dir, name, &bytes)).unwrap();
        assert_eq!(article.text(), text, "{name}");
        assert_eq!(report.encoding, encoding);
        assert_eq!(report.encoding_source, EncodingSource::ByteOrderMark);
    }
    // Windows-1252 (Latin) and a Greek legacy code page.
    let latin = "Le président a déclaré : « Nous sommes très préoccupés », a-t-il ajouté. \
                 Über 1.100 Häftlinge würden noch festgehalten, erklärte die Sprecherin.\n";
    let greek = "Η κυβέρνηση της Ελλάδας δήλωσε ότι περισσότεροι από 1.100 κρατούμενοι \
                 παραμένουν στη φυλακή, σύμφωνα με την ανακοίνωση του υπουργείου.\n";
    for (text, encoding, expected) in [
        (latin, encoding_rs::WINDOWS_1252, &["windows-1252"][..]),
        (
            greek,
            encoding_rs::ISO_8859_7,
            &["ISO-8859-7", "windows-1253"][..],
        ),
    ] {
        let (bytes, _, unmappable) = encoding.encode(text);
        assert!(!unmappable);
        let (article, report) = import_file(&write(&dir, "legacy.txt", &bytes)).unwrap();
        assert_eq!(article.text(), text);
        assert!(
            expected.contains(&report.encoding.as_str()),
            "{}",
            report.encoding
        );
        assert_eq!(report.encoding_source, EncodingSource::Guessed);
    }
}

#[test]
fn cjk_and_arabic_text_arrive_unchanged() {
    for (name, fact) in [
        ("cjk.txt", "14名政治犯"),
        ("arabic.txt", "أكثر من 1100 شخص"),
    ] {
        let (article, report) = import(name);
        let raw = std::fs::read_to_string(fixture(name)).unwrap();
        assert_eq!(article.text(), raw, "{name}");
        assert_eq!(report.encoding, "UTF-8");
        assert_eq!(article.paragraphs().len(), raw.lines().count());
        assert_session_round_trips(article, fact);
    }
    let (cjk, _) = import("cjk.txt");
    assert!(cjk.text().contains("「素晴らしい日だ」") && cjk.text().contains("석방했다"));
}

#[test]
fn control_characters_are_removed_and_binary_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "pdf-copy.txt", b"Page one\x0cPage\x07 two\x1b[0m\r\n");
    let (article, report) = import_file(&path).unwrap();
    assert_eq!(article.text(), "Page one\nPage two[0m\n");
    assert_eq!(report.removed_control_chars, 2);
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.contains("removed 2 control"))
    );

    let png = write(&dir, "photo.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let error = import_file(&png).unwrap_err();
    assert!(matches!(error, ImportError::Binary { .. }), "{error}");
    assert!(
        error
            .to_string()
            .contains("photo.txt: this is a binary file")
    );

    let noise: Vec<u8> = (0..200u8)
        .map(|i| if i % 3 == 0 { 0x01 } else { b'a' })
        .collect();
    let error = import_file(&write(&dir, "noise.txt", &noise)).unwrap_err();
    assert!(
        matches!(error, ImportError::ControlCharacters { count: 67, .. }),
        "{error}"
    );

    let error = import_file(&write(&dir, "blank.md", b"<!-- only a comment -->\n")).unwrap_err();
    assert!(error.to_string().contains("no article text"), "{error}");
}

#[test]
fn pasted_text_becomes_an_article_titled_from_its_first_line() {
    let pasted = "\r\n  Belarus frees 14 prisoners  \r\nThe release followed talks.\r\0";
    let article = article_from_clipboard(pasted).unwrap();
    assert_eq!(article.title(), "Belarus frees 14 prisoners");
    assert_eq!(
        article.text(),
        "\n  Belarus frees 14 prisoners  \nThe release followed talks.\n"
    );
    assert_eq!(article.source(), None);
    let (_, report) = import_clipboard(pasted).unwrap();
    assert_eq!(report.importer, Importer::Clipboard);
    assert_eq!(report.encoding_source, EncodingSource::Unicode);
    assert_eq!(report.removed_control_chars, 1);

    let long = format!(
        "{} end\nbody",
        "Lukashenka said the talks were productive ".repeat(4)
    );
    let title = article_from_clipboard(&long).unwrap().title().to_owned();
    assert!(
        title.chars().count() <= MAX_CLIPBOARD_TITLE_CHARS,
        "{title}"
    );
    assert!(
        title.ends_with('…') && title.starts_with("Lukashenka said"),
        "{title}"
    );

    assert!(matches!(
        article_from_clipboard(" \n\t "),
        Err(ImportError::EmptyClipboard)
    ));
    assert_session_round_trips(article, "14 prisoners");
}

#[test]
fn factmark_text_prints_the_import() {
    let run = |path: &Path| {
        std::process::Command::new(env!("CARGO_BIN_EXE_factmark"))
            .arg("text")
            .arg(path)
            .output()
            .unwrap()
    };
    let output = run(&fixture("cyrillic-cp1251.txt"));
    assert!(output.status.success());
    let (expected, _) = import("cyrillic-utf8.txt");
    assert_eq!(String::from_utf8(output.stdout).unwrap(), expected.text());
    let stderr = String::from_utf8(output.stderr).unwrap();
    for line in [
        "importer: plain-text\n",
        "encoding: windows-1251 (guessed from the bytes)\n",
        "title: Cyrillic cp1251\n",
        "warning: the file is not UTF-8",
    ] {
        assert!(stderr.contains(line), "{line:?} not in:\n{stderr}");
    }

    let output = run(&fixture("news-page.html"));
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stdout.contains("“This is a great day") && !stdout.contains("cookie"));
    assert!(stderr.contains("importer: html\n") && stderr.contains("byline: Anna Kowalska\n"));

    let dir = tempfile::tempdir().unwrap();
    let output = run(&write(&dir, "x.bin", b"\0\x01\x02"));
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.starts_with("error: ") && stderr.contains("binary file"),
        "{stderr}"
    );
    assert!(output.stdout.is_empty());
}
