//! The Documents panel (left, while a folder is open): the folder's name and how far reading
//! it has got, a filter (words, state), and the documents as a table sorted by any column,
//! the open one highlighted. Only the rows in view are built (`show_rows`), and the order is
//! computed again only when the rows, the sort or the filter change: a thousand documents
//! cost what a screenful does. A click on a row asks to open its document; the panel never
//! opens anything itself.

mod cells;
mod table;

use egui::RichText;

use super::commands::{Action, CommandQueue};
use super::theme::Palette;
use crate::workspace::folder::{Column, Filter, Folder, Sort, State};

/// The panel's two tabs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tab {
    /// The documents of the folder.
    #[default]
    Documents,
    /// Search across them.
    Search,
}

/// The list's order and filter, and what it caches between frames.
#[derive(Default)]
pub struct DocumentsView {
    /// The list's order.
    pub sort: Sort,
    /// Which documents it shows.
    pub filter: Filter,
    /// Give the filter field keyboard focus on the next frame.
    pub focus_filter: bool,
    /// The order computed for (rows revision, sort, filter): indices into the documents.
    order: Option<(OrderKey, Vec<usize>)>,
    /// The open row the list last scrolled to, so a newly opened document is scrolled into
    /// view once (the reader may scroll away afterwards).
    followed: Option<usize>,
    /// The rows in view in the last frame (positions in the order).
    in_view: std::ops::Range<usize>,
}

#[derive(Clone, PartialEq)]
struct OrderKey {
    revision: u64,
    sort: Sort,
    filter: Filter,
}

impl DocumentsView {
    /// The documents shown, in order (indices into [`Folder::documents`]); computed again
    /// only when the folder's rows, the sort or the filter changed.
    pub fn order(&mut self, folder: &Folder) -> &[usize] {
        let stale = self.order.as_ref().is_none_or(|(key, _)| {
            key.revision != folder.revision() || key.sort != self.sort || key.filter != self.filter
        });
        if stale {
            let key = OrderKey {
                revision: folder.revision(),
                sort: self.sort,
                filter: self.filter.clone(),
            };
            let order = folder.view(self.sort, &self.filter);
            self.order = Some((key, order));
        }
        self.order
            .as_ref()
            .map_or(&[], |(_, order)| order.as_slice())
    }

    /// Forgets the cached order and scroll position (another folder was opened).
    pub fn reset(&mut self) {
        self.order = None;
        self.followed = None;
        self.in_view = 0..0;
    }
}

/// Shows the Documents tab: the folder's state, the filter and the table. `open` is the row
/// of the document open in the workbench, if it is one of the folder's.
pub fn show(
    ui: &mut egui::Ui,
    folder: &Folder,
    view: &mut DocumentsView,
    open: Option<usize>,
    palette: &Palette,
    commands: &mut CommandQueue,
) {
    reading_state(ui, folder, view, palette);
    let total = folder.documents().len();
    if total > 0 || !view.filter.is_empty() {
        filter_row(ui, view);
    }
    let shown = view.order(folder).len();
    if !view.filter.is_empty() && total > 0 {
        ui.horizontal(|ui| {
            ui.label(RichText::new(format!("{shown} of {total} shown")).color(palette.weak_text));
            if ui
                .small_button("Show all")
                .on_hover_text("Clear the filter text and the state")
                .clicked()
            {
                view.filter = Filter::default();
            }
        });
    }
    ui.add_space(2.0);
    if total == 0 {
        empty_state(ui, folder, palette);
        return;
    }
    if let Some(column) = table::header(ui, view.sort, palette) {
        view.sort = view.sort.clicked(column);
    }
    if shown == 0 {
        ui.add_space(12.0);
        ui.label(RichText::new("No document matches the filter.").color(palette.weak_text));
        return;
    }
    if let Some(key) = table::rows(ui, folder, view, open, palette) {
        commands.push(Action::OpenDocument(key));
    }
}

/// The folder's name, its document count, and while it is being read a progress bar; then
/// what could not be read, and whether outside changes are watched.
fn reading_state(ui: &mut egui::Ui, folder: &Folder, view: &mut DocumentsView, palette: &Palette) {
    let name = folder.root().file_name().map_or_else(
        || folder.root().display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let count = folder.documents().len();
    let documents = if count == 1 {
        "1 document".to_owned()
    } else {
        format!("{count} documents")
    };
    // The sort menu first, at the right edge: the folder's name takes what is left.
    let row = egui::vec2(ui.available_width(), 0.0);
    ui.allocate_ui_with_layout(
        row,
        egui::Layout::right_to_left(egui::Align::Center),
        |ui| {
            sort_menu(ui, view);
            ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                ui.add(egui::Label::new(RichText::new(name).strong()).truncate())
                    .on_hover_text(folder.root().display().to_string());
                ui.add(
                    egui::Label::new(RichText::new(documents).color(palette.weak_text)).truncate(),
                );
            });
        },
    );
    if !complete(folder) {
        let (read, known) = folder.read_counts();
        #[allow(clippy::cast_precision_loss)] // file counts are far below 2^24
        let fraction = if known == 0 {
            0.0
        } else {
            read as f32 / known as f32
        };
        let text = if known == 0 {
            "Looking for articles and sessions…".to_owned()
        } else {
            format!("Reading files: {read} of {known}")
        };
        ui.add(
            egui::ProgressBar::new(fraction)
                .text(text)
                .desired_height(16.0),
        );
    } else if !folder.is_idle() {
        ui.label(
            RichText::new("Preparing search…")
                .small()
                .color(palette.weak_text),
        );
    }
    let problems = folder.problems();
    if !problems.is_empty() {
        let text = if problems.len() == 1 {
            "1 place could not be read".to_owned()
        } else {
            format!("{} places could not be read", problems.len())
        };
        ui.label(
            RichText::new(text)
                .small()
                .color(ui.visuals().error_fg_color),
        )
        .on_hover_ui(|ui| {
            for problem in problems {
                ui.label(format!(
                    "{}: {}",
                    folder.relative(&problem.path),
                    problem.message
                ));
            }
        });
    }
    if let Some(reason) = folder.not_watched() {
        ui.label(
            RichText::new("Changes by other programs show after reopening")
                .small()
                .color(palette.weak_text),
        )
        .on_hover_text(reason);
    }
}

/// Sorting by any column, those the table has no room for too.
fn sort_menu(ui: &mut egui::Ui, view: &mut DocumentsView) {
    let arrow = if view.sort.descending { "⏷" } else { "⏶" };
    let mut chosen = None;
    egui::ComboBox::from_id_salt("documents-sort")
        .selected_text(format!("{} {arrow}", view.sort.column.label()))
        .width(96.0)
        .show_ui(ui, |ui| {
            for column in Column::ALL {
                if ui
                    .selectable_label(view.sort.column == column, column.label())
                    .clicked()
                {
                    chosen = Some(column);
                }
            }
        })
        .response
        .on_hover_text("Sort the documents by (choose the same again for the other direction)");
    if let Some(column) = chosen {
        view.sort = view.sort.clicked(column);
    }
}

/// True when every row is summarised. Idle implies it, and costs nothing to ask: this is
/// asked every frame, and looking at every file is left to the frames while it reads.
fn complete(folder: &Folder) -> bool {
    folder.is_idle() || folder.summaries_complete()
}

/// The text filter and the state menu.
fn filter_row(ui: &mut egui::Ui, view: &mut DocumentsView) {
    ui.horizontal(|ui| {
        let label = ui.label("Filter");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let state = view.filter.state.map_or("All states", State::label);
            egui::ComboBox::from_id_salt("documents-state")
                .selected_text(state)
                .width(110.0)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut view.filter.state, None, "All states");
                    for state in State::ALL {
                        ui.selectable_value(&mut view.filter.state, Some(state), state.label());
                    }
                })
                .response
                .on_hover_text("Show only documents in this state");
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut view.filter.text)
                        .hint_text("title, file or analyst")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id)
                .on_hover_text(
                    "Words that must all appear in the title, the file's path or an analyst's name",
                );
            if std::mem::take(&mut view.focus_filter) {
                field.request_focus();
            }
        });
    });
}

/// What an empty folder's panel says.
fn empty_state(ui: &mut egui::Ui, folder: &Folder, palette: &Palette) {
    ui.add_space(12.0);
    let text = if complete(folder) {
        "No articles or sessions here.\n\nFactmark lists .txt, .md, .html and .htm articles and .ron sessions in this folder and the folders under it."
    } else {
        "Looking for articles and sessions…"
    };
    ui.label(RichText::new(text).color(palette.weak_text));
}
