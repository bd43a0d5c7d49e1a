//! The Documents panel's Search tab: one line of query (text and `key:value` filters, see
//! [`Query::parse`]) over every article and annotation of the folder, run on a worker a
//! moment after typing pauses (and again when the folder's contents change under the
//! results), and the results as a list built only where it is in view, each with its
//! document, tag and verdict, and the text around the match. A click asks to open the hit.

use egui::text::{LayoutJob, TextFormat, TextWrapping};
use egui::{FontId, Rect, RichText, Sense, Stroke, Vec2};

use super::commands::{Action, CommandQueue};
use super::theme::{Palette, rating_chip};
use crate::model::{Colour, Scales};
use crate::workspace::folder::search::{CONTEXT_CHARS, DEFAULT_LIMIT, Hit};
use crate::workspace::folder::{Folder, Query, SearchResults};
use crate::workspace::jobs::{Job, Polled, Waker};

/// Typing must pause this long (seconds) before the search runs.
const DEBOUNCE: f64 = 0.2;
/// While the folder is still being read, results shown are brought up to date at most this
/// often (seconds).
const REFRESH: f64 = 0.5;
/// The default rating scales, for verdict colours.
static DEFAULT_SCALES: std::sync::LazyLock<Scales> = std::sync::LazyLock::new(Scales::default);

/// Height of every result row.
const ROW_HEIGHT: f32 = 60.0;

/// What the search syntax tooltip says (also the README's).
pub const SYNTAX: &str = "Words are found in every article and in annotations (their text, note, claimant, verdict, sources).\n\
Filters (results are then annotations only):\n\
  tag:claim (or just claim, statistics, quotes)\n\
  status:checked   to-check, checking, checked, not-checkable\n\
  verdict:False    verdict:\"Mostly true\"\n\
  by:Lukashenka    (or claimant:)\n\
  analyst:ana\n\
  date:2026-05     from:2026-05-01  to:2026\n\
Example: claim verdict:False by:Lukashenka date:2026-05";

/// The Search tab's state.
#[derive(Default)]
pub struct SearchPanel {
    /// The query line as typed.
    pub text: String,
    /// Give the field keyboard focus on the next frame (Ctrl+Shift+K).
    pub focus: bool,
    /// When the text last changed (input time, seconds), until its search starts.
    edited: Option<f64>,
    /// The search running on a worker.
    running: Option<Running>,
    /// The results shown, and what they are for.
    shown: Option<Shown>,
    /// Why the query line cannot be read.
    error: Option<String>,
}

struct Running {
    text: String,
    revision: u64,
    started: f64,
    job: Job<SearchResults>,
}

struct Shown {
    text: String,
    revision: u64,
    started: f64,
    results: SearchResults,
}

impl SearchPanel {
    /// True while a search waits for typing to pause or runs.
    pub fn is_busy(&self) -> bool {
        self.edited.is_some() || self.running.is_some()
    }

    /// The results shown, if any.
    pub fn results(&self) -> Option<&SearchResults> {
        self.shown.as_ref().map(|s| &s.results)
    }

    /// Forgets the results (the folder was closed or another opened).
    pub fn reset(&mut self) {
        self.running = None;
        self.shown = None;
        self.error = None;
        if !self.text.trim().is_empty() {
            self.edited = Some(f64::NEG_INFINITY);
        }
    }

    /// Once a frame: takes a finished search, and starts one when typing has paused or the
    /// folder changed under the results shown (the window is woken when it ends).
    pub fn poll(&mut self, ctx: &egui::Context, folder: &Folder) {
        let now = ctx.input(|i| i.time);
        if let Some(running) = &self.running {
            match running.job.poll() {
                Polled::Running => {}
                Polled::Done(results) => {
                    if let Some(Running {
                        text,
                        revision,
                        started,
                        ..
                    }) = self.running.take()
                    {
                        self.shown = Some(Shown {
                            text,
                            revision,
                            started,
                            results,
                        });
                    }
                }
                Polled::Lost => {
                    self.running = None;
                    self.error = Some("The search stopped unexpectedly; try again.".to_owned());
                }
            }
        }
        if self.running.is_some() {
            return;
        }
        let revision = folder.search_revision();
        let due = match self.edited {
            Some(at) if now - at >= DEBOUNCE => true,
            Some(at) => {
                let wait = (DEBOUNCE - (now - at)).max(0.01);
                ctx.request_repaint_after(std::time::Duration::from_secs_f64(wait));
                false
            }
            None => false,
        };
        let stale = self.shown.as_ref().is_some_and(|shown| {
            shown.revision != revision && shown.text == self.text && now - shown.started >= REFRESH
        });
        if !(due || stale) {
            return;
        }
        self.edited = None;
        match Query::parse(&self.text) {
            Err(error) => {
                self.error = Some(error.to_string());
                self.shown = None;
            }
            Ok(query) if query.is_empty() => {
                self.error = None;
                self.shown = None;
            }
            Ok(query) => {
                self.error = None;
                let index = folder.search_index();
                let repaint = ctx.clone();
                let waker: Waker = Box::new(move || repaint.request_repaint());
                let job = Job::spawn(waker, "folder-search", "Searching", move |_| {
                    index.search(&query, DEFAULT_LIMIT)
                });
                match job {
                    Ok(job) => {
                        self.running = Some(Running {
                            text: self.text.clone(),
                            revision,
                            started: now,
                            job,
                        });
                    }
                    Err(error) => self.error = Some(format!("Could not start the search: {error}")),
                }
            }
        }
    }

    /// Runs the search at once (Enter), without waiting for typing to pause.
    fn run_now(&mut self) {
        self.edited = Some(f64::NEG_INFINITY);
    }
}

/// Shows the Search tab: the field, what was found, the results.
pub fn show(
    ui: &mut egui::Ui,
    folder: &Folder,
    state: &mut SearchPanel,
    palette: &Palette,
    commands: &mut CommandQueue,
) {
    ui.horizontal(|ui| {
        let label = ui.label("Search");
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut state.text)
                    .hint_text("words, tag:claim, verdict:False, by:…")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id)
            .on_hover_text(SYNTAX);
        if std::mem::take(&mut state.focus) {
            field.request_focus();
        }
        if field.changed() {
            state.edited = Some(ui.input(|i| i.time));
        }
        if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            state.run_now();
        }
    });
    if let Some(error) = &state.error {
        ui.colored_label(ui.visuals().error_fg_color, error);
    }
    if !folder.is_idle() {
        ui.label(
            RichText::new("Still reading the folder: results may be incomplete.")
                .small()
                .color(palette.weak_text),
        );
    }
    let Some(shown) = &state.shown else {
        if state.running.is_some() {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label("Searching…");
            });
        } else if state.error.is_none() {
            ui.add_space(8.0);
            ui.label(RichText::new(SYNTAX).small().color(palette.weak_text));
        }
        return;
    };
    let results = &shown.results;
    let summary = match (results.total, results.documents) {
        (0, _) => format!("Nothing found for “{}”.", shown.text.trim()),
        (1, _) => "1 result".to_owned(),
        (n, 1) => format!("{n} results in 1 document"),
        (n, d) => format!("{n} results in {d} documents"),
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(summary).color(palette.weak_text));
        if results.hits.len() < results.total {
            ui.label(
                RichText::new(format!("(the first {} shown)", results.hits.len()))
                    .small()
                    .color(palette.weak_text),
            );
        }
    });
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("search-results")
        .auto_shrink(false)
        .show_rows(ui, ROW_HEIGHT, results.hits.len(), |ui, range| {
            for hit in &results.hits[range] {
                if hit_row(ui, hit, palette).clicked() {
                    commands.push(Action::OpenHit(Box::new(hit.clone())));
                }
            }
        });
}

/// One result in exactly [`ROW_HEIGHT`]: the document's title and, for an annotation, its
/// tag and verdict; then the text around the match, the match on a tint.
fn hit_row(ui: &mut egui::Ui, hit: &Hit, palette: &Palette) -> egui::Response {
    let (rect, response) =
        ui.allocate_exact_size(Vec2::new(ui.available_width(), ROW_HEIGHT), Sense::click());
    let label = format!("{}: {}", hit.title, hit.context.matched);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::accesskit::Role::Button, true, &label));
    if !ui.is_rect_visible(rect) {
        return response;
    }
    let visuals = ui.visuals();
    let painter = ui.painter();
    if response.hovered() {
        painter.rect_filled(rect, 3.0, visuals.widgets.hovered.weak_bg_fill);
    }
    let small = FontId::proportional(12.0);
    let inner = rect.shrink2(Vec2::new(6.0, 4.0));
    // From the right: the verdict, then the tag.
    let mut right = inner.right();
    if let Some(annotation) = &hit.annotation {
        let body = &annotation.body;
        if let Some(verdict) = &body.verdict {
            // The hit carries the verdict's name only: coloured as the default scales colour
            // it, grey for a rating of the session's own.
            let colour = DEFAULT_SCALES
                .for_tag(body.tag)
                .get(verdict)
                .map_or(Colour([0x8A, 0x8A, 0x8A]), |rating| rating.colour);
            let (fill, text) = rating_chip(colour);
            let galley = painter.layout_no_wrap(verdict.clone(), small.clone(), text);
            let chip = Rect::from_min_size(
                egui::pos2(right - galley.size().x - 8.0, inner.top()),
                Vec2::new(galley.size().x + 8.0, galley.size().y + 2.0),
            );
            painter.rect_filled(chip, 3.0, fill);
            painter.galley(chip.min + Vec2::new(4.0, 1.0), galley, text);
            right = chip.left() - 6.0;
        }
        let tag = if annotation.orphan {
            format!("{} (orphan)", body.tag.label())
        } else {
            format!("{} · {}", body.tag.label(), body.status.label())
        };
        let galley = painter.layout_no_wrap(tag, small.clone(), palette.text);
        let chip = Rect::from_min_size(
            egui::pos2(right - galley.size().x - 8.0, inner.top()),
            Vec2::new(galley.size().x + 8.0, galley.size().y + 2.0),
        );
        painter.rect_filled(chip, 3.0, palette.tint(body.tag));
        painter.rect_stroke(
            chip,
            3.0,
            Stroke::new(1.0, palette.tag_color(body.tag)),
            egui::StrokeKind::Inside,
        );
        painter.galley(chip.min + Vec2::new(4.0, 1.0), galley, palette.text);
        right = chip.left() - 6.0;
    }
    let mut title = LayoutJob::single_section(
        hit.title.chars().take(200).collect(),
        TextFormat::simple(small, palette.weak_text),
    );
    title.wrap = one_row((right - inner.left()).max(20.0));
    let title = painter.layout_job(title);
    painter.galley(inner.left_top(), title, palette.weak_text);
    let context = context_job(hit, inner.width(), palette);
    let galley = painter.layout_job(context);
    painter.galley(
        egui::pos2(inner.left(), inner.top() + 18.0),
        galley,
        palette.text,
    );
    response
}

/// Wrapping to one row of `width`, cut with "…".
fn one_row(width: f32) -> TextWrapping {
    TextWrapping {
        max_width: width,
        max_rows: 1,
        break_anywhere: true,
        overflow_character: Some('…'),
    }
}

/// Before, the match (on its tag's tint, or the selection grey for article text) and after,
/// on two rows at most; the text before is cut so the match shows on the first or second.
fn context_job(hit: &Hit, width: f32, palette: &Palette) -> LayoutJob {
    let font = FontId::proportional(13.5);
    let context = &hit.context;
    // About as many characters before as fill a third of a row.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // a small positive width
    let keep = ((width / 7.0) / 3.0).max(8.0) as usize;
    let skip = context.before.chars().count().saturating_sub(keep);
    let before: String = context.before.chars().skip(skip).collect();
    let before = if skip > 0 {
        format!("…{}", before.trim_start())
    } else {
        before
    };
    let matched: String = context.matched.chars().take(300).collect();
    let mut job = LayoutJob::default();
    let plain = TextFormat::simple(font.clone(), palette.weak_text);
    job.append(&before, 0.0, plain.clone());
    let background = hit
        .annotation
        .as_ref()
        .map_or(palette.selection, |a| palette.tint(a.body.tag));
    job.append(
        &matched,
        0.0,
        TextFormat {
            color: palette.text,
            background,
            underline: Stroke::new(1.0, palette.text),
            ..TextFormat::simple(font, palette.text)
        },
    );
    // The context stops at a fixed number of characters, often mid-word: say it goes on.
    let cut = context.after.chars().count() >= CONTEXT_CHARS;
    let after = if cut {
        format!("{}…", context.after.trim_end())
    } else {
        context.after.clone()
    };
    job.append(&after, 0.0, plain);
    job.wrap = TextWrapping {
        max_width: width,
        max_rows: 2,
        break_anywhere: false,
        overflow_character: Some('…'),
    };
    job
}
