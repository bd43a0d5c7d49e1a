//! The headless test binary: model, session files, import, re-anchoring, recovery, crash
//! safety and the command line, all without a window.
//!
//! One binary, not one per file, to keep CI's disk and link time small (every test binary
//! links the whole app). Run one file's tests with a filter: `cargo test --test headless store::`.

mod bad_input;
mod cli;
mod cli_suggest;
mod crash;
mod exchange;
mod exchange_brat;
mod exchange_cli;
mod exchange_doccano;
mod exchange_inception;
mod exchange_label_studio;
mod exchange_support;
mod exchange_tables;
mod exchange_w3c;
mod folder;
mod folder_cli;
mod folder_watch;
mod import;
mod import_hostile;
mod model;
mod model_props;
mod orphans;
mod provenance;
mod reanchor;
mod recovery;
mod report;
mod search;
mod store;
mod store_hostile;
mod store_save;
mod store_versions;
mod suggest;
mod words_scripts;
