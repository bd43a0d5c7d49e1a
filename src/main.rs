//! The `factmark` command: open the window on an article or session, or check a session
//! file headlessly. Errors from the library are printed once, as `error: …`, exit code 1.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use factmark::model::Tag;

/// Tag claims, statistics and quotes in news articles.
///
/// Without a command, opens the window: on PATH if given (a plain-text article such as .txt
/// or .md, or a saved .ron session), otherwise on the built-in example article.
#[derive(Debug, Parser)]
#[command(
    name = "factmark",
    version,
    args_conflicts_with_subcommands = true,
    after_help = "A PATH that happens to be named like a command (a file called `check` or `help`) \
                  is opened as a file when written as `./check` or after `--`: \
                  `factmark -- check`."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,

    /// Article (.txt, .md) or session (.ron) to open in the window.
    #[arg(value_name = "PATH")]
    path: Option<PathBuf>,

    /// Save a new session to OUT.ron on the first save, without asking for a file name.
    #[arg(long = "session", value_name = "OUT.ron")]
    session_out: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate a session file without opening the window and print its annotation counts.
    ///
    /// Prints the file and article title, how the article was imported when the session
    /// records it ("Import: html, UTF-8 (source SHA-256 …)"), one line per tag ("Claim: 3")
    /// and the total, and exits 0. If the file is not a valid session (bad RON, wrong format
    /// or version, offsets out of range, text that does not match the article, …) prints
    /// `error: <reason>` to standard error and exits 1.
    Check {
        /// The session file (.ron) to check.
        #[arg(value_name = "SESSION.ron")]
        session: PathBuf,
    },
    /// Move a session's annotations onto an updated version of its article.
    ///
    /// Each annotation stays where its text still is (kept), follows its text to a new place
    /// (moved), attaches to a similar text (fuzzy), or becomes an orphan: kept in the session
    /// with its tag and note, to re-attach by hand. Nothing is dropped. Prints the counts
    /// ("kept: 8", "moved: 2", "fuzzy: 1", "orphaned: 1") and one line per fuzzy or orphaned
    /// annotation, writes OUT.ron (atomically; an existing OUT.ron is kept as OUT.ron.bak)
    /// and exits 0. Errors (unreadable session or article) print `error: <reason>`, exit 1.
    Reanchor {
        /// The session file (.ron) whose annotations move.
        #[arg(value_name = "SESSION.ron")]
        session: PathBuf,
        /// The updated article (.txt, .md, .html).
        #[arg(value_name = "ARTICLE")]
        article: PathBuf,
        /// Where to write the re-anchored session.
        #[arg(short = 'o', long = "output", value_name = "OUT.ron")]
        output: PathBuf,
    },
    /// Print the text an article file imports to, as the window would show it.
    ///
    /// The article text goes to standard output (one paragraph per line); the importer
    /// (plain-text, markdown, html), the encoding and how it was found, the title, byline,
    /// date, the SHA-256 of the file and any warnings go to standard error. For a session
    /// (.ron), prints its embedded article text. Errors print `error: <reason>`, exit 1.
    Text {
        /// The article (.txt, .md, .html, …) or session (.ron).
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Some(Command::Check { session }) => check(&session),
        Some(Command::Text { file }) => print_text(&file),
        Some(Command::Reanchor {
            session,
            article,
            output,
        }) => reanchor(&session, &article, &output),
        None => factmark::ui::run(factmark::ui::Launch {
            path: cli.path,
            session_out: cli.session_out,
            recovery_dir: None,
        }),
    }
}

/// `factmark reanchor`: load both, re-anchor, print the report, save.
fn reanchor(session_path: &Path, article_path: &Path, output: &Path) -> anyhow::Result<()> {
    use factmark::store::reanchor::Outcome;
    let old = factmark::store::load(session_path)?;
    let imported = factmark::import::open_article(article_path)?;
    let mut article = factmark::model::Article::new(
        old.article().title(),
        Some(article_path.display().to_string()),
        imported.text(),
    );
    // The session now holds the updated text, so it records how that text was imported.
    if let Some(provenance) = imported.provenance() {
        article = article.with_provenance(provenance.clone());
    }
    let done = factmark::store::reanchor(&old, std::sync::Arc::new(article))?;
    let (new, report) = (&done.session, &done.report);
    println!("{} → {}:", session_path.display(), article_path.display());
    for (label, n) in [
        ("kept", report.kept),
        ("moved", report.moved),
        ("fuzzy", report.fuzzy),
        ("orphaned", report.orphaned),
    ] {
        println!("{label}: {n}");
    }
    for &(id, outcome) in &report.outcomes {
        if let (Outcome::Fuzzy { similarity }, Some(a)) = (outcome, new.get(id)) {
            let was = old.get(id).map_or_else(
                || old.orphan(id).map_or("", |o| o.text.as_str()),
                |before| old.text_of(before),
            );
            println!(
                "fuzzy {id} {} ({similarity}% similar): {was:?} → {:?}",
                a.tag,
                new.text_of(a)
            );
        } else if let Some(orphan) = new.orphan(id) {
            println!("orphaned {id} {}: {:?}", orphan.tag, orphan.text);
        }
    }
    factmark::store::save(new, output)?;
    println!(
        "Wrote {}: {} annotations, {} orphan{}",
        output.display(),
        new.annotations().len(),
        new.orphans().len(),
        if new.orphans().len() == 1 { "" } else { "s" }
    );
    Ok(())
}

/// `factmark check`: load (which validates everything) and print the counts.
fn check(path: &Path) -> anyhow::Result<()> {
    let session = factmark::store::load(path)?;
    let counts = session.counts();
    println!("{}: \"{}\"", path.display(), session.article().title());
    if let Some(import) = session.article().provenance() {
        println!(
            "Import: {}, {} (source SHA-256 {})",
            import.importer, import.encoding, import.source_sha256
        );
    }
    for tag in Tag::ALL {
        println!("{}: {}", tag.label(), counts[tag.index()]);
    }
    println!("Total: {}", session.annotations().len());
    Ok(())
}

/// `factmark text`: import FILE as the window would; the text on stdout, how on stderr.
fn print_text(path: &Path) -> anyhow::Result<()> {
    if factmark::import::is_session_path(path) {
        let session = factmark::store::load(path)?;
        eprintln!("importer: session");
        eprintln!("title: {}", session.article().title());
        return write_stdout(session.article().text());
    }
    let (article, report) = factmark::import::import_file(path)?;
    eprintln!("importer: {}", report.importer.name());
    eprintln!("encoding: {} ({})", report.encoding, report.encoding_source);
    eprintln!("title: {}", article.title());
    if let Some(byline) = &report.byline {
        eprintln!("byline: {byline}");
    }
    if let Some(published) = &report.published {
        eprintln!("published: {published}");
    }
    eprintln!("sha256: {}", report.source_sha256);
    for warning in &report.warnings {
        eprintln!("warning: {warning}");
    }
    write_stdout(article.text())
}

/// Writes `text` to stdout; a closed pipe (`factmark text x | head`) is not an error.
fn write_stdout(text: &str) -> anyhow::Result<()> {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => Err(error.into()),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory as _;

    use super::*;

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("factmark").chain(args.iter().copied()))
    }

    #[test]
    fn command_line_shapes() {
        let cli = parse(&[]).unwrap();
        assert!(cli.command.is_none() && cli.path.is_none());
        let cli = parse(&["a.txt", "--session", "out.ron"]).unwrap();
        assert_eq!(cli.path.as_deref(), Some(Path::new("a.txt")));
        assert_eq!(cli.session_out.as_deref(), Some(Path::new("out.ron")));
        let cli = parse(&["check", "s.ron"]).unwrap();
        assert!(matches!(cli.command, Some(Command::Check { .. })));
    }

    #[test]
    fn a_file_named_check_opens_with_dot_slash_or_double_dash() {
        for args in [&["./check"][..], &["--", "check"][..]] {
            let cli = parse(args).unwrap();
            assert!(cli.command.is_none(), "{args:?}");
            assert!(cli.path.unwrap().ends_with("check"));
        }
    }

    #[test]
    fn a_command_excludes_path_and_options() {
        assert!(parse(&["a.txt", "check", "s.ron"]).is_err());
        assert!(parse(&["--session", "o.ron", "check", "s.ron"]).is_err());
        Cli::command().debug_assert();
    }

    #[test]
    fn text_takes_one_file() {
        let cli = parse(&["text", "page.html"]).unwrap();
        assert!(
            matches!(cli.command, Some(Command::Text { file }) if file == Path::new("page.html"))
        );
        assert!(parse(&["text"]).is_err());
    }
}
