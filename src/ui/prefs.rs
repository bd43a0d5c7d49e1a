//! Preferences that persist between runs (theme, zoom) in eframe's storage. Never annotations:
//! eframe silently resets this storage when it cannot decode it.

use serde::{Deserialize, Serialize};

/// The user's view preferences.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    /// Light, dark, or follow the system.
    pub theme: egui::ThemePreference,
    /// Article text scale; 1.0 is the default size.
    pub zoom: f32,
    /// Recently opened or saved files, newest first (File → Recent).
    pub recent: Vec<std::path::PathBuf>,
    /// The name annotations made here are signed with; `None` until the analyst has
    /// confirmed or changed the default (the operating system's user name).
    pub analyst: Option<String>,
    /// The export format last used per session (its path, or `article:TITLE` before its
    /// first save), newest first, at most [`Preferences::EXPORT_MEMORY`].
    pub export_formats: Vec<(String, String)>,
    /// The import format last used.
    pub import_format: Option<String>,
    /// CSV exports start with a byte order mark.
    pub csv_bom: bool,
    /// The organisation ClaimReview exports name as the reviews' author.
    pub organisation: String,
    /// Where ClaimReview exports say the reviews are published.
    pub review_url: String,
    /// The folder open in the Documents panel, its order and filter, the last document.
    pub workspace: crate::workspace::folder::WorkspaceState,
    /// The Documents panel was hidden (View › Documents panel).
    pub hide_documents: bool,
    /// Suggestions are found and shown (View › Show suggestions).
    pub show_suggestions: bool,
    /// Which tags' suggestions are shown, by [`crate::model::Tag::index`] (the chips of the
    /// Suggestions list).
    pub suggestion_tags: [bool; 3],
}

impl Default for Preferences {
    fn default() -> Self {
        Self {
            theme: egui::ThemePreference::System,
            zoom: 1.0,
            recent: Vec::new(),
            analyst: None,
            export_formats: Vec::new(),
            import_format: None,
            csv_bom: false,
            organisation: String::new(),
            review_url: String::new(),
            workspace: crate::workspace::folder::WorkspaceState::default(),
            hide_documents: false,
            show_suggestions: true,
            suggestion_tags: [true; 3],
        }
    }
}

impl Preferences {
    /// Key under which eframe stores the preferences.
    pub const STORAGE_KEY: &'static str = "factmark-preferences";
    const ZOOM_STEPS: [f32; 9] = [0.7, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0];

    /// One step larger, up to the largest size.
    pub fn zoom_in(&mut self) {
        self.zoom = Self::ZOOM_STEPS
            .into_iter()
            .find(|&z| z > self.zoom + 0.01)
            .unwrap_or(Self::ZOOM_STEPS[Self::ZOOM_STEPS.len() - 1]);
    }

    /// One step smaller, down to the smallest size.
    pub fn zoom_out(&mut self) {
        self.zoom = Self::ZOOM_STEPS
            .into_iter()
            .rev()
            .find(|&z| z < self.zoom - 0.01)
            .unwrap_or(Self::ZOOM_STEPS[0]);
    }

    /// Back to the default size.
    pub fn zoom_reset(&mut self) {
        self.zoom = 1.0;
    }

    /// How many files File → Recent keeps.
    pub const RECENT_LIMIT: usize = 10;

    /// Puts `path` first in the recent list (absolute, without duplicates, at most ten).
    pub fn remember_recent(&mut self, path: &std::path::Path) {
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        self.recent.retain(|p| *p != path);
        self.recent.insert(0, path);
        self.recent.truncate(Self::RECENT_LIMIT);
    }

    /// How many sessions' export formats are remembered.
    pub const EXPORT_MEMORY: usize = 50;

    /// The export format last used for the session known by `key`.
    pub fn export_format(&self, key: &str) -> Option<crate::export::Format> {
        self.export_formats
            .iter()
            .find(|(k, _)| k == key)
            .and_then(|(_, name)| crate::export::Format::from_name(name))
    }

    /// Remembers `format` for the session known by `key`.
    pub fn remember_export(&mut self, key: &str, format: crate::export::Format) {
        self.export_formats.retain(|(k, _)| k != key);
        self.export_formats
            .insert(0, (key.to_owned(), format.name().to_owned()));
        self.export_formats.truncate(Self::EXPORT_MEMORY);
    }

    /// The import format last used.
    pub fn import_format(&self) -> Option<crate::export::Format> {
        self.import_format
            .as_deref()
            .and_then(crate::export::Format::from_name)
            .filter(|f| f.can_import())
    }

    /// Remembers the import format.
    pub fn remember_import(&mut self, format: crate::export::Format) {
        self.import_format = Some(format.name().to_owned());
    }

    /// The name new annotations are signed with: the chosen one, else the system user name.
    pub fn analyst_name(&self) -> String {
        self.analyst.clone().unwrap_or_else(system_user_name)
    }

    /// Clamps values a hand-edited or older storage might hold.
    pub fn sanitized(mut self) -> Self {
        if !self.zoom.is_finite() {
            self.zoom = 1.0;
        }
        self.zoom = self.zoom.clamp(Self::ZOOM_STEPS[0], 2.0);
        self.recent.truncate(Self::RECENT_LIMIT);
        self.export_formats.truncate(Self::EXPORT_MEMORY);
        if let Some(name) = &self.analyst {
            let name = name.trim();
            self.analyst = (!name.is_empty()).then(|| name.chars().take(200).collect());
        }
        self
    }
}

/// The operating system's name for the user (`USER`, `USERNAME` on Windows, `LOGNAME`), or
/// "analyst" when none is set.
pub fn system_user_name() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .into_iter()
        .filter_map(|key| std::env::var(key).ok())
        .map(|name| name.trim().to_owned())
        .find(|name| !name.is_empty())
        .unwrap_or_else(|| "analyst".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_is_newest_first_unique_and_bounded() {
        let mut p = Preferences::default();
        for i in 0..15 {
            p.remember_recent(std::path::Path::new(&format!("/tmp/f{i}.ron")));
        }
        p.remember_recent(std::path::Path::new("/tmp/f3.ron"));
        assert_eq!(p.recent.len(), Preferences::RECENT_LIMIT);
        assert_eq!(p.recent[0], std::path::Path::new("/tmp/f3.ron"));
        assert_eq!(p.recent.iter().filter(|r| r.ends_with("f3.ron")).count(), 1);
    }

    #[test]
    fn zoom_steps_are_bounded() {
        let mut p = Preferences::default();
        p.zoom_in();
        assert!((p.zoom - 1.1).abs() < 1e-6);
        for _ in 0..20 {
            p.zoom_in();
        }
        assert!((p.zoom - 2.0).abs() < 1e-6);
        for _ in 0..20 {
            p.zoom_out();
        }
        assert!((p.zoom - 0.7).abs() < 1e-6);
        p.zoom = f32::NAN;
        assert!((p.sanitized().zoom - 1.0).abs() < 1e-6);
    }

    #[test]
    fn suggestions_are_shown_unless_switched_off_and_the_choice_is_kept() {
        // Preferences saved before suggestions existed show them.
        let older: Preferences = ron::from_str("(theme: Dark, zoom: 1.25)").unwrap();
        assert!(older.show_suggestions);
        assert_eq!(older.suggestion_tags, [true; 3]);
        let hidden = Preferences {
            show_suggestions: false,
            suggestion_tags: [false, true, true],
            ..Preferences::default()
        };
        let kept: Preferences = ron::from_str(&ron::to_string(&hidden).unwrap()).unwrap();
        assert_eq!(kept, hidden);
    }
}
