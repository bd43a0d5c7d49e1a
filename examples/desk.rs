//! Writes a generated desk (a folder of articles in section folders, most with a session) to
//! try the Documents panel on, or to take screenshots of it:
//! `cargo run --example desk -- /tmp/desk 50` (then `factmark /tmp/desk`). The optional third
//! argument is the total size of the articles in bytes (default 5 KB per article).

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let Some(root) = args.next() else {
        eprintln!("usage: desk FOLDER [ARTICLES] [TOTAL_BYTES]");
        std::process::exit(2);
    };
    let articles: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(50);
    let bytes: usize = args
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(articles * 5_000);
    let desk =
        factmark::testing::desk::write_desk(std::path::Path::new(&root), articles, bytes, 7)?;
    println!(
        "Wrote {} articles ({} bytes) and {} sessions ({} annotations) under {root}",
        desk.articles.len(),
        desk.article_bytes,
        desk.sessions.len(),
        desk.annotations
    );
    Ok(())
}
