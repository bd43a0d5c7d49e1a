//! The `factmark` command: open the window on an article or session, or check a session
//! file headlessly. Errors from the library are printed once, as `error: …`, exit code 1.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use factmark::model::Tag;

mod cli;

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
                  `factmark -- check`.\n\n\
                  Exit status: 0 on success, also when the reader of standard output stops \
                  early (`factmark check s.ron | head`); 1 on any error, including standard \
                  output that cannot be written (`> /dev/full`), which prints \
                  `error: cannot write to standard output: …` on standard error. Commands \
                  finish their work (and write their output file) before printing."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,

    /// Article (.txt, .md, .html) or session (.ron) to open in the window, or a folder of them
    /// to open in the Documents panel.
    #[arg(value_name = "PATH")]
    path: Option<PathBuf>,

    /// Save the session to OUT.ron on the first save, without asking for a file name. If
    /// OUT.ron already holds a session of the same article, that session opens (running the
    /// same command again goes on with the work); if it holds another article's session, the
    /// first save asks before replacing it; a file this version cannot read is never replaced.
    #[arg(long = "session", value_name = "OUT.ron")]
    session_out: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate a session file without opening the window and print its annotation counts.
    ///
    /// Prints the file and article title, how the article was imported when the session
    /// records it ("Import: html, UTF-8 (source SHA-256 …)"), one line per tag ("Claim: 3")
    /// and the total, then the counts by status ("Status: To check 4, Checking 1, …"), by
    /// verdict ("Verdicts: False 2, …, No verdict 3"), the orphans when there are any, and
    /// "Progress: 5 of 9 claims and statistics checked", and exits 0. If the file is not a valid session (bad RON, wrong format
    /// or version, offsets out of range, text that does not match the article, …) prints
    /// `error: <reason>` to standard error and exits 1.
    ///
    /// Given a FOLDER, checks every article (.txt, .md, .html) and session (.ron) under it
    /// and prints a table: each document (an article and its session, paired as the README's
    /// "Many articles" says), its counts per tag, claims and statistics checked, state (not
    /// started, in progress, all checked, broken) and problems; then what could not be read
    /// (folders without permission, symlink loops) and the totals. Exits 1 when a session is
    /// broken or a folder could not be read.
    Check {
        /// The session file (.ron) to check, or a folder of articles and sessions.
        #[arg(value_name = "SESSION.ron|FOLDER")]
        session: PathBuf,
    },
    /// Move a session's annotations onto an updated version of its article.
    ///
    /// Each annotation stays where its text still is (kept), follows its text to a new place
    /// (moved), attaches to a similar text (fuzzy), or becomes an orphan: kept in the session
    /// with its tag and note, to re-attach by hand. Nothing is dropped. Prints the counts
    /// ("kept: 8", "moved: 2", "fuzzy: 1", "orphaned: 1") and one line per fuzzy or orphaned
    /// annotation, and exits 0. OUT.ron is written (atomically) before anything is printed,
    /// so it exists even if standard output is closed or full (then the exit status is 1 for
    /// a full output, 0 for a closed pipe). An existing OUT.ron is replaced only when it is
    /// SESSION.ron itself or with --replace (the old one is kept as OUT.ron.bak), and never
    /// when this version cannot read it. Errors (unreadable session or article, an existing
    /// OUT.ron) print `error: <reason>`, exit 1.
    Reanchor {
        /// The session file (.ron) whose annotations move.
        #[arg(value_name = "SESSION.ron")]
        session: PathBuf,
        /// The updated article (.txt, .md, .html), or a session (.ron, or any file that starts
        /// like one) whose embedded article, with its title and import record, is used.
        #[arg(value_name = "ARTICLE")]
        article: PathBuf,
        /// Where to write the re-anchored session.
        #[arg(short = 'o', long = "output", value_name = "OUT.ron")]
        output: PathBuf,
        /// Replace OUT.ron if it already holds another session (kept as OUT.ron.bak).
        #[arg(long)]
        replace: bool,
    },
    /// Write the fact-check report of a session: HTML (one self-contained, printable page) or
    /// Markdown.
    ///
    /// The report holds the article's title and details, a summary (counts by tag, status and
    /// verdict, progress), every claim, statistic and quote with its verdict, status,
    /// claimant, sources and note, the orphans, and the article text with the tagged spans
    /// highlighted. The format follows OUT's extension (.md or .markdown: Markdown, anything
    /// else: HTML) unless --format says otherwise; `-o -` writes to standard output. The file
    /// is written atomically (a temporary file beside it, then renamed) and replaced if it
    /// exists; OUT may not be SESSION.ron itself. Errors print `error: <reason>`, exit 1.
    ///
    /// Given a FOLDER, writes one HTML page for all its documents: an overview table (counts,
    /// progress, state and problems of each) linking to a section per document with a
    /// session, which is that session's report.
    Report {
        /// The session file (.ron) to report on, or a folder of articles and sessions.
        #[arg(value_name = "SESSION.ron|FOLDER")]
        session: PathBuf,
        /// Where to write the report (`-` for standard output).
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        output: PathBuf,
        /// html or markdown (default: from OUT's extension; html for `-`).
        #[arg(long, value_enum)]
        format: Option<ReportFormat>,
    },
    /// Export sessions to another tool's format.
    ///
    /// Formats: doccano (JSONL, UTF-16 offsets), label-studio (JSON tasks; the labeling
    /// config is written beside OUT, tasks.json → tasks.config.xml), brat (a folder: .txt + .ann per
    /// session, annotation.conf, visual.conf), w3c (Web Annotation JSON-LD), inception (UIMA
    /// CAS JSON), spacy (JSONL for Doc.char_span), csv (one row per annotation), claimreview
    /// (schema.org JSON-LD of checked claims; needs --organisation). Several sessions go into
    /// one dataset file (or one brat folder). What a format cannot hold is listed ("not
    /// carried: …"), never dropped silently. The output is written atomically and replaced if
    /// it exists, unless it holds a session (never replaced). See
    /// docs/EXPORT.md for each format's fields. Errors print `error: <reason>`, exit 1.
    ///
    /// Given a FOLDER, exports every session under it as one dataset, each document named by
    /// its path in the folder (`politics/minsk`); sessions that cannot be read are listed
    /// ("not exported: …") and make the exit status 1 after the rest is written, and articles
    /// without a session are counted.
    Export {
        /// The session files (.ron) to export, or one folder of articles and sessions.
        #[arg(value_name = "SESSION.ron|FOLDER", required = true)]
        sessions: Vec<PathBuf>,
        /// The format to write.
        #[arg(long = "to", value_name = "FORMAT", value_parser = cli::exchange::format)]
        to: factmark::export::Format,
        /// Where to write (a folder for brat).
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        output: PathBuf,
        /// CSV: start with a UTF-8 byte order mark (for spreadsheet programs).
        #[arg(long)]
        bom: bool,
        /// ClaimReview: the organisation publishing the reviews.
        #[arg(long, value_name = "NAME", default_value = "")]
        organisation: String,
        /// ClaimReview: the address of the published fact-check (the report's page); each
        /// review's url is this with the entry's anchor (#entry-C1).
        #[arg(long, value_name = "URL", default_value = "")]
        review_url: String,
    },
    /// Import another tool's annotations into a session.
    ///
    /// Formats: doccano (JSONL), label-studio (JSON export or task file, predictions
    /// included), brat (an .ann file with its .txt beside it, or a folder of such pairs), w3c
    /// (Web Annotation JSON-LD; give the annotated text with --article, an article file or a
    /// session over it, when the file's target is not a readable path).
    /// Labels become tags by name, case-insensitively, or as --map says. A label that maps
    /// to no tag, a span outside the text or whose quoted text differs, an overlapping
    /// duplicate (doccano and Label Studio spans have no ids; brat's and W3C's do, so two
    /// there are two annotations): each is reported with where it is, and nothing is written unless
    /// --keep-going (then the report lists exactly what was left out). A file holding several
    /// documents writes OUT/NAME.ron for each. Errors print `error: <reason>`, exit 1.
    Import {
        /// The file to import.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Its format.
        #[arg(long = "from", value_name = "FORMAT", value_parser = cli::exchange::format)]
        from: factmark::export::Format,
        /// The article the annotations are over, when FILE does not carry its text.
        #[arg(long, value_name = "ARTICLE")]
        article: Option<PathBuf>,
        /// Map a label to a tag (repeatable): `--map Number=Statistic`.
        #[arg(long = "map", value_name = "LABEL=Tag", value_parser = cli::exchange::label_map)]
        map: Vec<(String, Tag)>,
        /// Write the session even when annotations were left out (they are listed).
        #[arg(long)]
        keep_going: bool,
        /// Where to write the session (a folder when FILE holds several documents).
        #[arg(short = 'o', long = "output", value_name = "OUT.ron")]
        output: PathBuf,
        /// Replace existing session files at OUT.
        #[arg(long)]
        replace: bool,
    },
    /// Suggest statistics, quotes (with their speakers) and check-worthy claims.
    ///
    /// Reads an article (any file `factmark text` reads) or a session, finds the suggestions
    /// of the tags asked for (default: all three) that are still pending (not rejected in the
    /// session, not overlapping an annotation of the same tag), and prints one per line:
    /// `Tag<TAB>start<TAB>end<TAB>speaker<TAB>reason<TAB>text` (code-point offsets), then the
    /// counts. With -o, writes a session to OUT.ron: without --accept the session as it was
    /// (a new one for an article), whose suggestions show as pending when it is opened; with
    /// --accept every suggestion becomes an annotation (status To check, analyst
    /// factmark-suggest, a quote's speaker as claimant). An existing OUT.ron is replaced only
    /// when it is the SESSION given or with --replace (kept as OUT.ron.bak), never when this
    /// version cannot read it. On a FOLDER: every article without a session gets one at
    /// sessions/NAME.ron beside it (pending, or accepted with --accept); existing sessions
    /// are never touched. See docs/SUGGEST.md. Errors print `error: <reason>`, exit 1.
    Suggest {
        /// The article (.txt, .md, .html) or session (.ron).
        #[arg(value_name = "ARTICLE|SESSION")]
        input: PathBuf,
        /// Where to write the session.
        #[arg(short = 'o', long = "output", value_name = "OUT.ron")]
        output: Option<PathBuf>,
        /// Which tags to suggest, comma-separated: statistic, quote, claim.
        #[arg(long, value_name = "TAGS", value_parser = cli::suggest::tags, default_value = "statistic,quote,claim")]
        tags: cli::suggest::TagList,
        /// Accept every suggestion as an annotation (needs -o).
        #[arg(long)]
        accept: bool,
        /// Replace OUT.ron if it already holds another session (kept as OUT.ron.bak).
        #[arg(long)]
        replace: bool,
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

/// The formats `factmark report` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum ReportFormat {
    /// One self-contained HTML page.
    Html,
    /// CommonMark with a table.
    Markdown,
}

impl ReportFormat {
    /// Markdown for `.md`/`.markdown`, else HTML.
    fn for_path(path: &Path) -> Self {
        match path.extension().and_then(|e| e.to_str()) {
            Some(ext) if ext.eq_ignore_ascii_case("md") || ext.eq_ignore_ascii_case("markdown") => {
                Self::Markdown
            }
            _ => Self::Html,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            note(format_args!("error: {}", message(&error)));
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Some(Command::Check { session }) if session.is_dir() => cli::check::folder(&session),
        Some(Command::Check { session }) => check(&session),
        Some(Command::Text { file }) => cli::text::print_text(&file),
        Some(Command::Report {
            session,
            output,
            format,
        }) if session.is_dir() => {
            cli::report::folder(&session, &output, format == Some(ReportFormat::Markdown))
        }
        Some(Command::Report {
            session,
            output,
            format,
        }) => report(&session, &output, format),
        Some(Command::Export {
            sessions,
            to,
            output,
            bom,
            organisation,
            review_url,
        }) => {
            let options = factmark::export::ExportOptions {
                csv_bom: bom,
                organisation,
                review_url,
            };
            match sessions.as_slice() {
                [folder] if folder.is_dir() => {
                    cli::export_folder::folder(folder, to, &options, &output)
                }
                _ => cli::exchange::export(&sessions, to, &options, &output),
            }
        }
        Some(Command::Import {
            file,
            from,
            article,
            map,
            keep_going,
            output,
            replace,
        }) => cli::exchange::import(
            &file,
            article.as_deref(),
            from,
            &factmark::interop::ImportOptions { map, keep_going },
            &output,
            replace,
        ),
        Some(Command::Reanchor {
            session,
            article,
            output,
            replace,
        }) => cli::reanchor::reanchor(&session, &article, &output, replace),
        Some(Command::Suggest {
            input,
            output,
            tags,
            accept,
            replace,
        }) => cli::suggest::suggest(&input, output.as_deref(), &tags.0, accept, replace),
        None => factmark::ui::run(factmark::ui::Launch {
            path: cli.path,
            session_out: cli.session_out,
            ..factmark::ui::Launch::default()
        }),
    }
}

/// The error and its causes as one line, like `anyhow`'s `{:#}`, but a cause whose text the
/// message already shows (an OS error quoted in it) is not repeated.
fn message(error: &anyhow::Error) -> String {
    let mut text = error.to_string();
    for cause in error.chain().skip(1) {
        let cause = cause.to_string();
        if !text.contains(&cause) {
            text.push_str(": ");
            text.push_str(&cause);
        }
    }
    text
}

/// What a command prints on standard output, gathered while it works and written by
/// [`Out::emit`] once the work (and any file it writes) is done. The only way this program
/// prints to stdout: `println!` panics when stdout is closed or full.
#[derive(Default)]
struct Out(String);

impl Out {
    /// Adds one line.
    fn line(&mut self, line: impl std::fmt::Display) {
        use std::fmt::Write as _;
        // Formatting into a String cannot fail.
        let _ = writeln!(self.0, "{line}");
    }

    /// Writes everything to stdout. A reader that went away (`| head`, `| true`: broken
    /// pipe) is not an error, the work is done; any other failure (`> /dev/full`: no space)
    /// is, so a caller relying on the output sees a non-zero status.
    fn emit(&self) -> anyhow::Result<()> {
        write_stdout(&self.0)
    }
}

/// Writes `text` to stdout: `Ok` when written or when the reader closed the pipe (the work
/// is done and nobody is listening), an error naming standard output otherwise.
fn write_stdout(text: &str) -> anyhow::Result<()> {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(anyhow::anyhow!("cannot write to standard output: {error}"))
        }
        _ => Ok(()),
    }
}

/// One line on stderr (diagnostics and errors). A failed write is ignored: there is nowhere
/// left to report it, and `eprintln!` would panic instead.
fn note(line: std::fmt::Arguments<'_>) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// `factmark check`: load (which validates everything) and print the counts.
fn check(path: &Path) -> anyhow::Result<()> {
    let session = factmark::store::load(path)?;
    let counts = session.counts();
    let mut out = Out::default();
    out.line(format_args!(
        "{}: \"{}\"",
        path.display(),
        session.article().title()
    ));
    if let Some(import) = session.article().provenance() {
        out.line(format_args!(
            "Import: {}, {} (source SHA-256 {})",
            import.importer, import.encoding, import.source_sha256
        ));
    }
    for tag in Tag::ALL {
        out.line(format_args!("{}: {}", tag.label(), counts[tag.index()]));
    }
    out.line(format_args!("Total: {}", session.annotations().len()));
    let summary = factmark::export::report::Summary::of(&session);
    out.line(format_args!("Status: {}", summary.status_line()));
    out.line(format_args!("Verdicts: {}", summary.verdict_line()));
    if summary.orphans > 0 {
        out.line(format_args!("Orphans: {}", summary.orphans));
    }
    out.line(format_args!("Progress: {}", summary.progress_line()));
    out.emit()
}

/// `factmark report`: load the session, render the report, write it (atomically) or print it.
fn report(session_path: &Path, output: &Path, format: Option<ReportFormat>) -> anyhow::Result<()> {
    use anyhow::Context as _;
    let to_stdout = output == Path::new("-");
    if !to_stdout {
        let same = |a: &Path, b: &Path| {
            std::fs::canonicalize(a)
                .ok()
                .is_some_and(|a| std::fs::canonicalize(b).ok() == Some(a))
        };
        if output == session_path || same(output, session_path) {
            anyhow::bail!(
                "{}: refusing to write the report over the session file itself; choose another -o",
                output.display()
            );
        }
    }
    let session = factmark::store::load(session_path)?;
    let format = format.unwrap_or_else(|| {
        if to_stdout {
            ReportFormat::Html
        } else {
            ReportFormat::for_path(output)
        }
    });
    let text = match format {
        ReportFormat::Html => factmark::export::report::html(&session),
        ReportFormat::Markdown => factmark::export::report::markdown(&session),
    };
    if to_stdout {
        return write_stdout(&text);
    }
    factmark::export::write_file(output, text.as_bytes())
        .with_context(|| format!("{}: cannot write the report", output.display()))
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
    fn report_format_follows_the_extension() {
        assert_eq!(
            ReportFormat::for_path(Path::new("r.md")),
            ReportFormat::Markdown
        );
        assert_eq!(
            ReportFormat::for_path(Path::new("r.MARKDOWN")),
            ReportFormat::Markdown
        );
        assert_eq!(
            ReportFormat::for_path(Path::new("r.html")),
            ReportFormat::Html
        );
        assert_eq!(
            ReportFormat::for_path(Path::new("report")),
            ReportFormat::Html
        );
        let cli = parse(&["report", "s.ron", "-o", "r.md", "--format", "html"]).unwrap();
        assert!(matches!(
            cli.command,
            Some(Command::Report {
                format: Some(ReportFormat::Html),
                ..
            })
        ));
        assert!(parse(&["report", "s.ron"]).is_err(), "-o is required");
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
