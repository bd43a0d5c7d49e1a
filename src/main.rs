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
    /// Prints the file and article title, one line per tag ("Claim: 3") and the total, and
    /// exits 0. If the file is not a valid session (bad RON, wrong format or version, offsets
    /// out of range, text that does not match the article, …) prints `error: <reason>` to
    /// standard error and exits 1.
    Check {
        /// The session file (.ron) to check.
        #[arg(value_name = "SESSION.ron")]
        session: PathBuf,
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
        None => factmark::ui::run(factmark::ui::Launch {
            path: cli.path,
            session_out: cli.session_out,
        }),
    }
}

/// `factmark check`: load (which validates everything) and print the counts.
fn check(path: &Path) -> anyhow::Result<()> {
    let session = factmark::store::load(path)?;
    let counts = session.counts();
    println!("{}: \"{}\"", path.display(), session.article().title());
    for tag in Tag::ALL {
        println!("{}: {}", tag.label(), counts[tag.index()]);
    }
    println!("Total: {}", session.annotations().len());
    Ok(())
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
}
