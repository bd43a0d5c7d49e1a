//! Session I/O benchmark: for the three generated documents, times opening the article as a
//! text file, saving and loading the session (`store::save` / `store::load`, and the
//! in-memory `to_ron` / `from_ron`), with serde_json on the same data as a reference, and
//! the peak heap while loading. Also checks that the per-annotation cost does not grow with
//! the document (no quadratic work), and times exporting the 20,000-annotation session to
//! every exchange format and importing it back, beside saving and loading it.
//! `cargo bench --bench files` (`-- exchange` for the exchange formats alone).

mod common;

use std::path::Path;
use std::time::Instant;

use factmark::model::Tag;
use factmark::testing::{self, DocSize};
use serde::{Deserialize, Serialize};

#[global_allocator]
static ALLOC: common::Counting = common::Counting;

/// The session file's data as plain serde structs, read from the RON the store writes, so
/// serde_json handles exactly the same data.
#[derive(Serialize, Deserialize)]
struct Mirror {
    format: String,
    version: u64,
    article: MirrorArticle,
    annotations: Vec<MirrorAnnotation>,
    #[serde(default)]
    orphans: Vec<MirrorAnnotation>,
}

#[derive(Serialize, Deserialize)]
struct MirrorArticle {
    title: String,
    source: Option<String>,
    sha256: String,
    #[serde(default)]
    import: Option<MirrorImport>,
    text: String,
}

#[derive(Serialize, Deserialize)]
struct MirrorImport {
    importer: String,
    encoding: String,
    source_sha256: String,
}

#[derive(Serialize, Deserialize)]
struct MirrorAnnotation {
    id: u64,
    tag: Tag,
    start: usize,
    end: usize,
    text: String,
    #[serde(default)]
    prefix: String,
    #[serde(default)]
    suffix: String,
    note: String,
}

/// Median wall time of `f` in milliseconds: at least one run, more (up to 7) while the total
/// stays under about two seconds.
fn time<T>(mut f: impl FnMut() -> T) -> f64 {
    let mut samples = Vec::new();
    let started = Instant::now();
    while samples.len() < 7 && (samples.is_empty() || started.elapsed().as_secs_f64() < 2.0) {
        let start = Instant::now();
        std::hint::black_box(f());
        samples.push(start.elapsed().as_secs_f64() * 1_000.0);
    }
    common::median_p95(&mut samples).0
}

/// Peak heap growth (bytes) while `f` runs, above what was live before.
fn peak_of<T>(f: impl FnOnce() -> T) -> usize {
    let before = common::heap_now();
    common::reset_peak();
    std::hint::black_box(f());
    common::peak().saturating_sub(before)
}

struct Row {
    size: DocSize,
    text_bytes: usize,
    open: f64,
    save: f64,
    load: f64,
    to_ron: f64,
    from_ron: f64,
    json_write: f64,
    json_read: f64,
    ron_typed: f64,
    ron_value: f64,
    ron_bytes: usize,
    json_bytes: usize,
    load_peak: usize,
    open_peak: usize,
}

fn measure(size: DocSize, dir: &Path) -> Row {
    let session = testing::session(size);
    let text_bytes = session.article().text().len();
    let article_path = dir.join(format!("article-{}.txt", size.annotations));
    std::fs::write(&article_path, session.article().text()).expect("wrote the article");
    let session_path = dir.join(format!("session-{}.ron", size.annotations));

    let open = time(|| factmark::import::open_any(&article_path).expect("opened"));
    let save = time(|| factmark::store::save(&session, &session_path).expect("saved"));
    let to_ron = time(|| factmark::store::to_ron(&session));
    let ron = factmark::store::to_ron(&session);
    let load = time(|| factmark::store::load(&session_path).expect("loaded"));
    let from_ron = time(|| factmark::store::from_ron(&ron).expect("parsed"));

    let mirror: Mirror = ron::from_str(&ron).expect("the session file as plain serde data");
    let json = serde_json::to_string(&mirror).expect("JSON");
    let json_write = time(|| serde_json::to_string(&mirror).expect("JSON"));
    let json_read = time(|| serde_json::from_str::<Mirror>(&json).expect("JSON"));
    // The RON parsing alone, for the loader's floor: into the plain structs, and into a
    // generic `ron::Value` (the loader's first pass, which checks the header).
    let ron_typed = time(|| ron::from_str::<Mirror>(&ron).expect("RON"));
    let ron_value = time(|| ron::from_str::<ron::Value>(&ron).expect("RON"));
    let (ron_bytes, json_bytes) = (ron.len(), json.len());
    drop((mirror, json, ron, session));

    // Peaks with nothing else of this document alive.
    let load_peak = peak_of(|| factmark::store::load(&session_path).expect("loaded"));
    let open_peak = peak_of(|| factmark::import::open_any(&article_path).expect("opened"));
    Row {
        size,
        text_bytes,
        open,
        save,
        load,
        to_ron,
        from_ron,
        json_write,
        json_read,
        ron_typed,
        ron_value,
        ron_bytes,
        json_bytes,
        load_peak,
        open_peak,
    }
}

fn main() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    println!("Factmark session I/O benchmark — {}", common::machine());
    // `cargo bench --bench files -- exchange`: the exchange formats alone (with the large
    // session's save and load beside them).
    if std::env::args().any(|arg| arg == "exchange") {
        exchange_table(&measure(testing::LARGE, dir.path()));
        return;
    }
    println!(
        "open = import::open_any(article.txt); save/load = store::save/store::load (file, atomic \
         write with fsync and .bak); to_ron/from_ron in memory (from_ron validates); JSON = \
         serde_json on the same data, without validation; RON parse = ron::from_str alone"
    );
    println!();
    println!(
        "| document | open | save | load | to_ron | from_ron | JSON write | JSON read | RON parse: structs / Value | RON / JSON size | peak heap: load | peak heap: open |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let mut rows = Vec::new();
    for size in testing::SIZES {
        let row = measure(size, dir.path());
        println!(
            "| {} | {:.1} ms | {:.1} ms | {:.1} ms | {:.1} ms | {:.1} ms | {:.1} ms | {:.1} ms | {:.1} / {:.1} ms | {:.1} / {:.1} MB | {:.1} MB | {:.1} MB |",
            row.size.name,
            row.open,
            row.save,
            row.load,
            row.to_ron,
            row.from_ron,
            row.json_write,
            row.json_read,
            row.ron_typed,
            row.ron_value,
            common::mb(row.ron_bytes),
            common::mb(row.json_bytes),
            common::mb(row.load_peak),
            common::mb(row.open_peak),
        );
        rows.push(row);
    }
    let (medium, large) = (&rows[1], &rows[2]);
    println!();
    println!(
        "growth 500 KB → 5 MB (10× the text and annotations; linear ≈ 10×): open {:.1}×, save {:.1}×, load {:.1}×, to_ron {:.1}×, from_ron {:.1}×",
        large.open / medium.open,
        large.save / medium.save,
        large.load / medium.load,
        large.to_ron / medium.to_ron,
        large.from_ron / medium.from_ron,
    );
    find_table();
    exchange_table(large);
    #[allow(clippy::cast_precision_loss)]
    let budget = 10.0 * large.text_bytes as f64 + 1_000.0 * large.size.annotations as f64;
    println!(
        "targets at 5 MB: open {:.0} ms (≤ 300), save {:.0} ms (≤ 200, on a worker), load {:.0} ms \
         (≤ 200); to_ron {:.1}× serde_json's write of the same data (≤ 3×); \
         peak heap while loading {:.1} MB (≤ 10 × text + 1 KB × annotations = {:.1} MB)",
        large.open,
        large.save,
        large.load,
        large.to_ron / large.json_write,
        common::mb(large.load_peak),
        budget / 1_000_000.0,
    );
}

/// Find in the article (Ctrl+F): folding the text for case-insensitive search (once per
/// article, when the find bar first searches it), then one query (every keystroke), against
/// a naive baseline that lowercases the whole text for every query.
fn find_table() {
    use factmark::model::search::FoldedText;
    println!();
    println!(
        "| document | fold once | find \"prisoners\" | find \"e\" (capped) | naive: lowercase + find per query |"
    );
    println!("|---|---:|---:|---:|---:|");
    let mut per_query = Vec::new();
    for size in testing::SIZES {
        let session = testing::session(size);
        let text = session.article().text();
        let fold = time(|| FoldedText::new(text));
        let folded = FoldedText::new(text);
        let word = time(|| folded.find("prisoners"));
        let letter = time(|| folded.find("e"));
        let naive = time(|| text.to_lowercase().match_indices("prisoners").count());
        println!(
            "| {} | {fold:.2} ms | {word:.2} ms | {letter:.2} ms | {naive:.2} ms |",
            size.name
        );
        per_query.push((word, naive));
    }
    if let (Some(small), Some(large)) = (per_query.first(), per_query.last()) {
        println!(
            "find per keystroke at 5 MB: {:.1}× the naive lowercase-and-search; 5 MB vs 5 KB: {:.0}× (the text is 1,000× longer)",
            large.1 / large.0,
            large.0 / small.0.max(1e-6),
        );
    }
}

/// `session` with every annotation checked and given a verdict (so ClaimReview publishes
/// every claim and statistic, and every format carries a status and a verdict).
fn checked(session: &factmark::model::Session) -> factmark::model::Session {
    use factmark::model::{Scales, Session, Status};
    let scales = Scales::default();
    let annotations = session
        .annotations()
        .iter()
        .map(|annotation| {
            let mut annotation = annotation.clone();
            let ratings = &scales.for_tag(annotation.body.tag).ratings;
            let pick = usize::try_from(annotation.id.0).unwrap_or(0) % ratings.len();
            std::sync::Arc::make_mut(&mut annotation.body).status = Status::Checked;
            std::sync::Arc::make_mut(&mut annotation.body).verdict =
                Some(ratings[pick].name.clone());
            annotation
        })
        .collect();
    Session::from_parts_with(
        session.article().clone(),
        annotations,
        Vec::new(),
        scales.clone(),
        session.details().clone(),
    )
    .expect("the same spans, with verdicts from the scales")
}

/// Exporting the 5 MB / 20,000-annotation session (every annotation checked, with a
/// verdict) to every exchange format (in memory) and importing the written file back (read, parse,
/// convert offsets, build the session), beside the same session's save and load. A format whose export is not built yet is listed as
/// skipped with its message, so the table grows as formats land.
fn exchange_table(large: &Row) {
    use factmark::export::{self, Document, ExportOptions, Format};
    use factmark::interop::{self, ImportOptions};
    let session = checked(&testing::session(large.size));
    let dir = tempfile::tempdir().expect("a temporary folder");
    let options = ExportOptions {
        csv_bom: false,
        organisation: "Bench desk".to_owned(),
        review_url: "https://desk.example/check".to_owned(),
    };
    let documents = [Document {
        name: "large",
        session: &session,
    }];
    println!();
    println!(
        "| exchange format, {} | export | import | file size | round trip | vs save / load |",
        large.size.name
    );
    println!("|---|---:|---:|---:|---|---:|");
    for format in Format::ALL {
        let exported = match export::export(&documents, format, &options) {
            Ok(exported) => exported,
            Err(error) => {
                println!("| {} | skipped: {error} | | | | |", format.label());
                continue;
            }
        };
        let export_ms = time(|| export::export(&documents, format, &options).expect("exported"));
        let out = dir.path().join(format!("large.{}", format.name()));
        factmark::workspace::exchange::write_export(&exported, format, &out).expect("written");
        let bytes: usize = exported.files.iter().map(|f| f.bytes.len()).sum();
        // W3C names its source by the text's hash: the import is given the article itself.
        let article = dir.path().join("large.txt");
        std::fs::write(&article, session.article().text()).expect("wrote the article");
        let text = (format == Format::W3c).then_some(article.as_path());
        let (import_ms, round_trip) = if format.can_import() {
            match interop::import(&out, text, format, &ImportOptions::default()) {
                Ok(imported) => {
                    let same = imported.sessions.len() == 1
                        && imported.left_out.is_empty()
                        && imported.sessions[0].1 == session;
                    let ms = time(|| {
                        interop::import(&out, text, format, &ImportOptions::default())
                            .expect("imported")
                    });
                    (
                        format!("{ms:.0} ms"),
                        if same { "same session" } else { "DIFFERS" },
                    )
                }
                Err(error) => (format!("failed: {error}"), ""),
            }
        } else {
            ("(export only)".to_owned(), "")
        };
        println!(
            "| {} | {export_ms:.0} ms | {import_ms} | {:.1} MB | {round_trip} | {:.1} / {:.1} ms |",
            format.label(),
            common::mb(bytes),
            large.save,
            large.load,
        );
    }
    println!("target: export and import of each format ≤ 200 ms at 5 MB / 20000");
}
