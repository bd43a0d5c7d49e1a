//! The GUI test binary: the real app driven with egui_kittest (drags, keys, clicks, then
//! assertions on the session) and snapshot images rendered by wgpu on the CPU.
//!
//! One binary for all GUI tests, not one per file: each test binary links egui, wgpu and the
//! whole app, so every extra binary costs hundreds of megabytes of disk and a long link on CI.
//! Run one file's tests with a filter: `cargo test --test gui ui_long::`.

mod common;
mod exchange;
mod factcheck;
mod factcheck_dialogs;
mod find;
mod flow;
mod folder;
mod huge_paragraph;
mod modals;
mod no_loss;
mod saving;
mod scripts;
mod snapshots;
mod suggest;
mod ui;
mod ui_long;
mod ui_safety;
mod view;
