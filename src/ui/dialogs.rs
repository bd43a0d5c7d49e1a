//! File dialogs that never block the frame loop: rfd runs on a named worker thread and hands
//! its answer back through a channel. Where no native dialog exists, a path field is shown.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

use crate::export::{Format, Output};

/// What the chosen path will be used for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathPurpose {
    /// Open an article or a session.
    Open,
    /// Open a folder of articles and sessions in the Documents panel.
    OpenFolder,
    /// Save the session to a new file.
    SaveAs,
    /// Pick the updated version of the session's article, to re-anchor onto.
    AttachArticle,
    /// Where to write the fact-check report (`.html`, or `.md` for Markdown).
    ExportReport,
    /// Where to write an export in this format (a folder for brat).
    Export(Format),
    /// Another tool's annotation file of this format, to import.
    Import(Format),
}

impl PathPurpose {
    fn title(self) -> &'static str {
        match self {
            Self::Open => "Open an article or session",
            Self::OpenFolder => "Open a folder of articles",
            Self::SaveAs => "Save session as",
            Self::AttachArticle => "Attach the updated article",
            Self::ExportReport => "Export the fact-check report",
            Self::Export(Format::Brat) => "Export annotations into a brat folder",
            Self::Export(_) => "Export annotations",
            Self::Import(_) => "Import annotations",
        }
    }

    /// The button that confirms a typed path.
    fn confirm(self) -> &'static str {
        match self {
            Self::Open | Self::OpenFolder => "Open",
            Self::SaveAs => "Save",
            Self::AttachArticle => "Attach",
            Self::ExportReport | Self::Export(_) => "Export",
            Self::Import(_) => "Import",
        }
    }
}

/// The file name extensions a format's files usually have, for the dialogs' filters.
fn extensions(format: Format) -> &'static [&'static str] {
    match format {
        Format::Doccano | Format::Spacy => &["jsonl", "json"],
        Format::Brat => &["ann"],
        Format::W3c | Format::ClaimReview => &["json", "jsonld"],
        Format::Csv => &["csv"],
        Format::LabelStudio | Format::Inception => &["json"],
    }
}

/// A native dialog answering faster than this was never shown (no portal, no zenity):
/// nobody cancels a dialog that fast, so the path field is offered instead.
const TOO_FAST_TO_BE_REAL: Duration = Duration::from_millis(250);

struct Pending {
    purpose: PathPurpose,
    started: Instant,
    answer: Receiver<Option<PathBuf>>,
    directory: PathBuf,
    file_name: Option<String>,
}

/// The typed-path fallback.
struct Prompt {
    purpose: PathPurpose,
    text: String,
    reason: String,
    /// Why the path typed last cannot be used (shown under the field, which keeps the text).
    problem: Option<String>,
}

/// Why `path` cannot be used for `purpose`, checked before the path field closes so a typo
/// is fixed in place instead of retyped.
fn check_path(purpose: PathPurpose, path: &Path) -> Result<(), String> {
    match purpose {
        PathPurpose::Open | PathPurpose::AttachArticle | PathPurpose::Import(_) => {
            if path.is_dir() {
                Err(format!(
                    "{} is a folder: type the path of a file in it.",
                    path.display()
                ))
            } else if path.is_file() {
                Ok(())
            } else {
                Err(format!("There is no file at {}.", path.display()))
            }
        }
        PathPurpose::OpenFolder => {
            if path.is_dir() {
                Ok(())
            } else if path.is_file() {
                Err(format!(
                    "{} is a file: type the path of the folder that holds it.",
                    path.display()
                ))
            } else {
                Err(format!("There is no folder at {}.", path.display()))
            }
        }
        PathPurpose::Export(format) if format.output() == Output::Folder => {
            if path.is_file() {
                Err(format!(
                    "{} is a file: type the path of a folder (it is created when missing).",
                    path.display()
                ))
            } else {
                parent_exists(path)
            }
        }
        PathPurpose::SaveAs | PathPurpose::ExportReport | PathPurpose::Export(_) => {
            if path.is_dir() {
                Err(format!("{} is a folder: add a file name.", path.display()))
            } else {
                parent_exists(path)
            }
        }
    }
}

/// A new file or folder at `path` needs its parent folder to exist.
fn parent_exists(path: &Path) -> Result<(), String> {
    match path.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(parent) if !parent.is_dir() => Err(format!(
            "There is no folder {}: create it first, or choose another.",
            parent.display()
        )),
        _ => Ok(()),
    }
}

/// File dialog state: at most one dialog or prompt at a time.
pub struct FileDialogs {
    native: bool,
    pending: Option<Pending>,
    prompt: Option<Prompt>,
    /// What was last typed into the path field, and for what: offered again next time (the
    /// file may have failed to load, and the user fixes one character, not the whole path).
    last_typed: Option<(PathPurpose, String)>,
}

impl Default for FileDialogs {
    fn default() -> Self {
        Self {
            native: native_dialogs_available(),
            pending: None,
            prompt: None,
            last_typed: None,
        }
    }
}

/// Whether a native dialog can be shown. `FACTMARK_NO_NATIVE_DIALOGS=1` forces the path field.
fn native_dialogs_available() -> bool {
    if std::env::var_os("FACTMARK_NO_NATIVE_DIALOGS").is_some() {
        return false;
    }
    if cfg!(target_os = "linux") {
        // rfd asks the desktop portal over D-Bus, then falls back to zenity.
        std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some() || on_path("zenity")
    } else {
        true
    }
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

impl FileDialogs {
    /// True while a dialog or the path field is open.
    pub fn is_open(&self) -> bool {
        self.pending.is_some() || self.prompt.is_some()
    }

    /// Asks for a path: a native dialog on a worker thread, or the path field.
    pub fn request(
        &mut self,
        ctx: &egui::Context,
        purpose: PathPurpose,
        directory: &Path,
        file_name: Option<String>,
    ) {
        if self.is_open() {
            return;
        }
        if !self.native {
            self.open_prompt(
                purpose,
                directory,
                file_name.as_deref(),
                "No native file dialog is available here (it needs xdg-desktop-portal or zenity). Type a path instead:",
            );
            return;
        }
        let (sender, answer) = channel();
        let repaint = ctx.clone();
        let dialog_dir = directory.to_owned();
        let dialog_name = file_name.clone();
        let spawned = std::thread::Builder::new()
            .name("file-dialog".into())
            .spawn(move || {
                let mut dialog = rfd::FileDialog::new()
                    .set_title(purpose.title())
                    .set_directory(&dialog_dir);
                let path = match purpose {
                    PathPurpose::Open => dialog
                        .add_filter(
                            "Articles and sessions",
                            &["txt", "md", "markdown", "ron", "html", "htm"],
                        )
                        .add_filter("All files", &["*"])
                        .pick_file(),
                    PathPurpose::OpenFolder => dialog.pick_folder(),
                    PathPurpose::AttachArticle => dialog
                        .add_filter("Articles", &["txt", "md", "markdown", "html", "htm"])
                        .add_filter("All files", &["*"])
                        .pick_file(),
                    PathPurpose::SaveAs => {
                        if let Some(name) = dialog_name {
                            dialog = dialog.set_file_name(name);
                        }
                        dialog.add_filter("Factmark session", &["ron"]).save_file()
                    }
                    PathPurpose::ExportReport => {
                        if let Some(name) = dialog_name {
                            dialog = dialog.set_file_name(name);
                        }
                        dialog
                            .add_filter("Web page (one file)", &["html", "htm"])
                            .add_filter("Markdown", &["md", "markdown"])
                            .save_file()
                    }
                    PathPurpose::Export(format) if format.output() == Output::Folder => {
                        dialog.pick_folder()
                    }
                    PathPurpose::Export(format) => {
                        if let Some(name) = dialog_name {
                            dialog = dialog.set_file_name(name);
                        }
                        dialog
                            .add_filter(format.label(), extensions(format))
                            .save_file()
                    }
                    PathPurpose::Import(format) => dialog
                        .add_filter(format.label(), extensions(format))
                        .add_filter("All files", &["*"])
                        .pick_file(),
                };
                // The receiver may be gone if the app closed meanwhile; nothing to do then.
                let _ = sender.send(path);
                repaint.request_repaint();
            });
        match spawned {
            Ok(_) => {
                self.pending = Some(Pending {
                    purpose,
                    started: Instant::now(),
                    answer,
                    directory: directory.to_owned(),
                    file_name,
                });
            }
            Err(error) => self.open_prompt(
                purpose,
                directory,
                file_name.as_deref(),
                &format!("Could not start the file dialog ({error}). Type a path instead:"),
            ),
        }
    }

    fn open_prompt(
        &mut self,
        purpose: PathPurpose,
        directory: &Path,
        file_name: Option<&str>,
        reason: &str,
    ) {
        let text = match (file_name, &self.last_typed) {
            (None, Some((last, typed))) if *last == purpose => typed.clone(),
            (Some(name), _) => directory.join(name).display().to_string(),
            (None, _) => format!("{}{}", directory.display(), std::path::MAIN_SEPARATOR),
        };
        self.prompt = Some(Prompt {
            purpose,
            text,
            reason: reason.to_owned(),
            problem: None,
        });
    }

    /// The answer of a native dialog, once it arrives.
    pub fn poll(&mut self) -> Option<(PathPurpose, PathBuf)> {
        let pending = self.pending.as_ref()?;
        let answer = match pending.answer.try_recv() {
            Err(TryRecvError::Empty) => return None,
            Ok(answer) => answer,
            Err(TryRecvError::Disconnected) => None,
        };
        let pending = self.pending.take()?;
        match answer {
            Some(path) => Some((pending.purpose, path)),
            None => {
                if pending.started.elapsed() < TOO_FAST_TO_BE_REAL {
                    self.native = false;
                    self.open_prompt(
                        pending.purpose,
                        &pending.directory,
                        pending.file_name.as_deref(),
                        "The native file dialog could not be shown (no desktop portal or zenity). Type a path instead:",
                    );
                }
                None
            }
        }
    }

    /// Shows the path field when it is open; returns the path once confirmed.
    pub fn show_prompt(&mut self, ctx: &egui::Context) -> Option<(PathPurpose, PathBuf)> {
        let prompt = self.prompt.as_mut()?;
        let mut result = None;
        let mut close = false;
        egui::Modal::new(egui::Id::unique("path-prompt")).show(ctx, |ui| {
            ui.set_width(520.0);
            ui.heading(prompt.purpose.title());
            ui.label(&prompt.reason);
            let label = ui.label("Path:");
            let field = ui
                .add(egui::TextEdit::singleline(&mut prompt.text).desired_width(f32::INFINITY))
                .labelled_by(label.id);
            if !field.has_focus() && !field.lost_focus() {
                field.request_focus();
            }
            if field.changed() {
                prompt.problem = None;
            }
            if let Some(problem) = &prompt.problem {
                ui.colored_label(ui.visuals().error_fg_color, problem);
            }
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.horizontal(|ui| {
                let ok = prompt.purpose.confirm();
                if ui.button(ok).clicked() || entered {
                    let text = prompt.text.trim();
                    if !text.is_empty() {
                        let path = PathBuf::from(text);
                        match check_path(prompt.purpose, &path) {
                            Ok(()) => {
                                result = Some((prompt.purpose, path));
                                close = true;
                            }
                            Err(problem) => prompt.problem = Some(problem),
                        }
                    }
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    close = true;
                }
            });
        });
        if close && let Some(prompt) = self.prompt.take() {
            self.last_typed = Some((prompt.purpose, prompt.text));
        }
        result
    }
}

/// Where Save dialogs start: `sessions/` in the working directory when it exists.
pub fn sessions_dir() -> PathBuf {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let sessions = cwd.join("sessions");
    if sessions.is_dir() { sessions } else { cwd }
}
