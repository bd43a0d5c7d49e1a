//! Everything egui: the application window, article view, annotation list, inspector, dialogs.

mod annotation_list;
mod app;
mod article_view;
mod autosave;
mod commands;
mod dialogs;
mod documents;
mod find_bar;
mod highlight;
mod inspector;
mod menu;
pub mod modals;
mod orphans;
mod prefs;
mod search_panel;
mod status;
mod suggestions;
pub mod theme;

use std::path::PathBuf;

pub use app::FactmarkApp;
pub use commands::{Action, HelpRow, ShortcutStyle, key_help};

/// What the command line asked the window to open.
#[derive(Debug, Default)]
pub struct Launch {
    /// An article (`.txt`, `.md`), a session (`.ron`) or a folder (opened in the Documents
    /// panel) to open; `None` opens the default article (and last run's folder).
    pub path: Option<PathBuf>,
    /// Where the first save of a new session goes, without asking.
    pub session_out: Option<PathBuf>,
    /// Folder for crash-recovery copies; `None` uses the platform's data folder (or
    /// `FACTMARK_RECOVERY_DIR`). Tests point it at a temporary folder.
    pub recovery_dir: Option<PathBuf>,
    /// Folder for the summaries of opened folders; `None` uses `FACTMARK_CACHE_DIR` or the
    /// platform's cache folder. Tests point it at a temporary folder.
    pub cache_dir: Option<PathBuf>,
}

/// The window icon (assets/icon.png: lines of text with a claim, a statistic and a quote
/// highlighted), embedded in the binary.
const ICON_PNG: &[u8] = include_bytes!("../../assets/icon.png");

/// The decoded window icon; `None` (the platform's default icon) if it cannot be decoded.
fn icon() -> Option<egui::IconData> {
    eframe::icon_data::from_png_bytes(ICON_PNG)
        .inspect_err(|error| log::warn!("window icon not decoded: {error}"))
        .ok()
}

/// Opens the window and runs until it is closed.
pub fn run(launch: Launch) -> anyhow::Result<()> {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Factmark")
        .with_app_id("factmark")
        .with_inner_size([1280.0, 820.0])
        .with_min_inner_size([640.0, 400.0]);
    if let Some(icon) = icon() {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    eframe::run_native(
        "Factmark",
        options,
        Box::new(move |cc| Ok(Box::new(FactmarkApp::new(cc, launch)))),
    )
    .map_err(|error| anyhow::anyhow!("could not open the window: {error}"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_embedded_icon_decodes() {
        let icon = super::icon().expect("assets/icon.png decodes");
        assert_eq!((icon.width, icon.height), (256, 256));
        assert_eq!(icon.rgba.len(), 256 * 256 * 4);
    }
}
