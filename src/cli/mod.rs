//! The bodies of the command line's subcommands that have grown their own files (the clap
//! definitions and dispatch stay in `main.rs`). Each calls a `workspace` function and prints
//! through `main.rs`'s `Out`, so output and errors read the same across commands.

pub mod check;
pub mod exchange;
pub mod export_folder;
pub mod reanchor;
pub mod report;
pub mod suggest;
pub mod text;
