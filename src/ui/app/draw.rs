//! Laying out the window: menu bar, status bar, side panel (inspector, orphans, annotation
//! list), the article with its banners, and the drop overlay. Views get read-only state and
//! hand back what the user asked for; nothing here changes the document directly.

use super::FactmarkApp;
use crate::model::{Status, Tag};
use crate::ui::commands::Action;
use crate::ui::theme::Palette;
use crate::ui::{annotation_list, article_view, inspector, menu, orphans};

impl FactmarkApp {
    /// All panels of the window; commands chosen in them go to the queue.
    pub(super) fn draw_panels(&mut self, ui: &mut egui::Ui) {
        let palette = Palette::for_theme(ui.ctx().theme());
        egui::Panel::top("menu-bar").show(ui, |ui| {
            menu::bar(
                ui,
                &self.doc,
                &self.prefs,
                &palette,
                self.autosave.available,
                &mut self.commands,
            );
        });
        egui::Panel::bottom("status-bar").show(ui, |ui| {
            self.status_bar(ui, &palette);
        });
        egui::Panel::right("side-panel")
            .default_size(340.0)
            .size_range(240.0..=640.0)
            .resizable(true)
            .show(ui, |ui| self.side_panel(ui, &palette));
        self.documents_panel(ui, &palette);
        egui::CentralPanel::default()
            .frame(egui::Frame::central_panel(ui.style()).fill(palette.page))
            .show(ui, |ui| {
                self.error_banner(ui);
                self.source_banner(ui);
                let found = self.find.show(
                    ui,
                    self.doc.session.article(),
                    self.view.selection(),
                    &palette,
                );
                self.find_event(found);
                let marks = self.suggest.marks(
                    self.prefs.show_suggestions,
                    self.prefs.suggestion_tags,
                    self.view.selection(),
                );
                if let Some(tag) = article_view::show(
                    ui,
                    &self.doc.session,
                    &mut self.view,
                    &palette,
                    self.prefs.zoom,
                    self.find.matches(),
                    marks.as_ref(),
                ) {
                    self.commands.push(match tag {
                        article_view::Pick::Tag(tag) => Action::Tag(tag),
                        article_view::Pick::Reject => Action::RejectSuggestion,
                    });
                }
                self.click_suggestion();
                for resize in self.view.take_resizes() {
                    self.commands.push(match resize {
                        article_view::Resize::To(id, span) => Action::ResizeTo(id, span),
                        article_view::Resize::Done => Action::FinishResize,
                    });
                }
            });
    }

    /// Inspector, orphans and the annotation list.
    fn side_panel(&mut self, ui: &mut egui::Ui, palette: &Palette) {
        self.analyst_question(ui, palette);
        let selected = self.view.selected().and_then(|id| self.doc.session.get(id));
        // The inspector takes at most about half the panel (and scrolls): the list below
        // keeps room for a dozen rows however many sources an annotation has.
        let most = (ui.available_height() * 0.6).max(220.0);
        egui::ScrollArea::vertical()
            .id_salt("inspector")
            .max_height(most)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                inspector::show(
                    ui,
                    &self.doc.session,
                    selected,
                    palette,
                    &mut self.inspector,
                    &mut self.commands,
                );
            });
        orphans::show(
            ui,
            &self.doc.session,
            self.view.selection(),
            palette,
            &mut self.commands,
        );
        ui.separator();
        if self.side_tabs(ui, palette) {
            return;
        }
        if let Some(id) = annotation_list::show(
            ui,
            &self.doc.session,
            &mut self.list,
            self.view.selected(),
            palette,
        ) {
            self.commands.push(Action::Select(id));
        }
    }

    /// Asked once, after the first annotation signed with the system's user name: keep it,
    /// or change it (Edit › Analyst name… changes it later too).
    fn analyst_question(&mut self, ui: &mut egui::Ui, palette: &Palette) {
        if !self.ask_analyst || self.prefs.analyst.is_some() {
            return;
        }
        egui::Frame::new()
            .stroke(egui::Stroke::new(1.0, palette.weak_text))
            .corner_radius(4.0)
            .inner_margin(6.0)
            .show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.label(format!(
                        "Your annotations are signed “{}”.",
                        self.prefs.analyst_name()
                    ));
                    if ui.button("Keep").clicked() {
                        self.commands.push(Action::KeepAnalyst);
                    }
                    if ui.button("Change…").clicked() {
                        self.commands.push(Action::EditAnalyst);
                    }
                });
            });
    }

    fn status_bar(&mut self, ui: &mut egui::Ui, palette: &Palette) {
        ui.horizontal(|ui| {
            let file = self.doc.path.as_deref().map_or_else(
                || "not saved yet".to_owned(),
                |path| path.display().to_string(),
            );
            ui.label(file);
            ui.separator();
            let state = if self.is_saving() {
                "Saving…"
            } else {
                self.doc.save_state()
            };
            if self.doc.is_dirty() && !self.is_saving() {
                ui.label(egui::RichText::new(state).strong());
            } else {
                ui.label(state);
            }
            ui.separator();
            let total = self.doc.session.annotations().len();
            ui.label(match total {
                1 => "1 annotation".to_owned(),
                n => format!("{n} annotations"),
            });
            let session = &self.doc.session;
            let checkable = session.counts()[Tag::Claim.index()] + session.counts()[Tag::Statistic.index()];
            if checkable > 0 {
                let checked = session.status_count(Tag::Claim, Status::Checked)
                    + session.status_count(Tag::Statistic, Status::Checked);
                ui.separator();
                ui.label(format!("{checked} of {checkable} claims and statistics checked"))
                    .on_hover_text("Status Checked, of every claim and statistic (Alt+3 marks the selected one checked)");
            }
            if (self.prefs.zoom - 1.0).abs() > 0.005 {
                ui.separator();
                let zoom = format!("Zoom {:.0} %", self.prefs.zoom * 100.0);
                if ui
                    .add(egui::Button::new(zoom).frame(false))
                    .on_hover_text("The article's text size. Click (or Ctrl+0) for actual size.")
                    .clicked()
                {
                    self.commands.push(Action::ZoomReset);
                }
            }
            if let Some(info) = &self.status.info {
                ui.separator();
                // A long message in a narrow window ends in "…" (the whole of it on hover)
                // rather than running off the edge.
                ui.add(egui::Label::new(egui::RichText::new(info).color(palette.weak_text)).truncate())
                    .on_hover_text(info);
            }
        });
    }

    /// Offers re-anchoring when the article file changed since the session was made.
    fn source_banner(&mut self, ui: &mut egui::Ui) {
        let Some(source) = self.source_changed.clone() else {
            return;
        };
        let mut attach = false;
        let mut dismiss = false;
        egui::Frame::new()
            .fill(ui.visuals().warn_fg_color.gamma_multiply(0.15))
            .stroke(egui::Stroke::new(1.0, ui.visuals().warn_fg_color))
            .corner_radius(4.0)
            .inner_margin(8.0)
            .show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.label(format!(
                        "The article at {} has changed since this session was made.",
                        source.display()
                    ));
                    attach = ui.button("Re-anchor to the updated article").clicked();
                    dismiss = ui.button("Keep the embedded text").clicked();
                });
            });
        if attach {
            self.start_attach(&source);
        } else if dismiss {
            self.source_changed = None;
        }
    }

    /// Errors, newest first, as one line each (hashes shortened) under one banner: the
    /// article keeps the room. "Details" shows every error in full.
    fn error_banner(&mut self, ui: &mut egui::Ui) {
        let Some(newest) = self.status.errors.last() else {
            return;
        };
        let count = self.status.errors.len();
        let mut dismiss = None;
        let mut dismiss_all = false;
        let mut toggle = false;
        let expanded = self.status.details_open;
        egui::Frame::new()
            .fill(ui.visuals().error_fg_color.gamma_multiply(0.15))
            .stroke(egui::Stroke::new(1.0, ui.visuals().error_fg_color))
            .corner_radius(4.0)
            .inner_margin(8.0)
            .show(ui, |ui| {
                // The buttons first, at the right edge: the message takes what is left.
                let row = egui::vec2(ui.available_width(), 0.0);
                let layout = egui::Layout::right_to_left(egui::Align::Center);
                ui.allocate_ui_with_layout(row, layout, |ui| {
                    let dismiss_label = if count > 1 { "Dismiss all" } else { "Dismiss" };
                    if ui.button(dismiss_label).clicked() {
                        dismiss_all = true;
                    }
                    let details = if expanded { "Hide details" } else { "Details" };
                    toggle = ui.button(details).clicked();
                    ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                        let red = ui.visuals().error_fg_color;
                        let title = if count > 1 {
                            format!("{count} errors")
                        } else {
                            "Error".to_owned()
                        };
                        ui.label(egui::RichText::new(title).color(red).strong());
                        ui.add(egui::Label::new(one_line(newest)).truncate())
                            .on_hover_text(newest.as_str());
                    });
                });
                if expanded {
                    ui.separator();
                    for (i, error) in self.status.errors.iter().enumerate().rev() {
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::TOP), |ui| {
                            if count > 1 && ui.small_button("Dismiss").clicked() {
                                dismiss = Some(i);
                            }
                            ui.with_layout(egui::Layout::left_to_right(egui::Align::TOP), |ui| {
                                ui.add(egui::Label::new(error).wrap().selectable(true));
                            });
                        });
                    }
                }
            });
        if toggle {
            self.status.details_open = !expanded;
        }
        if dismiss_all {
            self.status.errors.clear();
        } else if let Some(i) = dismiss {
            self.status.errors.remove(i);
        }
        if self.status.errors.is_empty() {
            self.status.details_open = false;
        }
    }
}

/// An error message as one line: line breaks folded, SHA-256 hashes (64 hex digits) cut to
/// their first 12, which is what a reader compares by eye.
fn one_line(message: &str) -> String {
    message
        .split_whitespace()
        .map(|word| {
            let hex = word.trim_matches(|c: char| !c.is_ascii_hexdigit());
            if hex.len() == 64 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
                word.replace(hex, &format!("{}…", &hex[..12]))
            } else {
                word.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// While files are dragged over the window, says what dropping will do.
pub(super) fn drop_overlay(ctx: &egui::Context) {
    let hovering = ctx.input(|i| !i.raw.hovered_files.is_empty());
    if !hovering {
        return;
    }
    let screen = ctx.content_rect();
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::unique("drop-overlay"),
    ));
    painter.rect_filled(screen, 0.0, egui::Color32::from_black_alpha(170));
    painter.text(
        screen.center(),
        egui::Align2::CENTER_CENTER,
        "Drop an article (.txt, .md, .html), a session (.ron) or a folder to open it",
        egui::FontId::proportional(22.0),
        egui::Color32::WHITE,
    );
}
