//! Frame-time benchmark: drives the real `FactmarkApp` headless (egui `Context::run_ui` with
//! eframe's test creation context, plus tessellation, as a real frame does before the GPU)
//! through a scripted session: jump to an annotation 1/20th further down, scroll with the wheel
//! for 14 frames, repeat 20 times. The same script runs against a naive baseline, the whole
//! article as one `LayoutJob` in a `ScrollArea` (what a typical egui app does), for the three
//! generated documents, and two that are one huge paragraph: the 5 MB document with its line
//! breaks turned into spaces, and 500 KB in one paragraph with 20,000 annotations in it.
//! Prints per-frame median and p95, the open and first-frame cost, the longest text laid out
//! at once, and the ratios the targets are about. The app finds and shows the pending
//! suggestions as the window does (every row says how many it marks); the 5 MB document runs
//! once more with them hidden, to give what showing them costs in the same run. The small and
//! large documents run once more with a generated folder of 1,000 articles (5 MB, sessions for
//! seven in ten) open in the Documents panel, to show the ratios hold with the panel drawn
//! every frame.
//!
//! `cargo bench --bench frames` (add `-- --quick` for 5 segments instead of 20, `--ours-only`
//! to skip the baseline, e.g. when profiling).

mod common;

use std::path::Path;

use egui::text::{CCursor, LayoutJob, LayoutSection, TextFormat};
use egui::{Color32, Event, Pos2, Vec2};

use factmark::model::{Session, Span};
use factmark::testing::{self, DocSize};
use factmark::ui::Action;
use factmark::ui::theme::Palette;

use common::driver::{App, Driver, WINDOW, WhileSuggesting, open_app};

/// Articles in the folder open in the Documents panel for the panel runs.
const FOLDER_ARTICLES: usize = 1_000;

#[global_allocator]
static ALLOC: common::Counting = common::Counting;

/// Where the pointer rests while scrolling: over the article column.
const OVER_ARTICLE: Pos2 = Pos2::new(450.0, 420.0);
const SCROLL_FRAMES: usize = 14;
const WARMUP_FRAMES: usize = 5;

/// What the script needs from the thing under test.
trait Subject {
    fn frame(&mut self, ctx: &egui::Context, ui: &mut egui::Ui);
    /// Bring annotation number `index` (document order) into view.
    fn jump(&mut self, ctx: &egui::Context, index: usize);
    /// Where annotation `index` was drawn in the last frame (top y), if the subject can say.
    fn probe(&self, _index: usize) -> Option<f32> {
        None
    }
}

struct Ours {
    app: App,
    /// Longest text the article view laid out at once, over all frames so far (bytes).
    largest_layout: usize,
}

impl Subject for Ours {
    fn frame(&mut self, ctx: &egui::Context, ui: &mut egui::Ui) {
        self.app.run(ctx, ui);
        let largest = self
            .app
            .app
            .laid_out_last_frame()
            .iter()
            .map(|r| r.len())
            .max();
        self.largest_layout = self.largest_layout.max(largest.unwrap_or(0));
    }

    fn jump(&mut self, ctx: &egui::Context, index: usize) {
        let id = self.app.app.session().annotations()[index].id;
        self.app.app.perform(ctx, Action::Select(id));
    }

    fn probe(&self, index: usize) -> Option<f32> {
        let span = self.app.app.session().annotations()[index].span;
        self.app.app.screen_rects(span).first().map(|r| r.top())
    }
}

/// The baseline: one job for the whole article, rebuilt every frame with every annotation's
/// tint, in a plain `ScrollArea`.
struct Naive {
    session: Session,
    scroll_to: Option<Span>,
}

impl Subject for Naive {
    fn frame(&mut self, ctx: &egui::Context, ui: &mut egui::Ui) {
        let palette = Palette::for_theme(ctx.theme());
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical()
                .auto_shrink(false)
                .show(ui, |ui| {
                    let job = whole_article_job(&self.session, &palette, 700.0);
                    let galley = ui.painter().layout_job(job);
                    let (rect, _) =
                        ui.allocate_exact_size(galley.size(), egui::Sense::click_and_drag());
                    ui.painter()
                        .galley(rect.min, galley.clone(), Color32::PLACEHOLDER);
                    if let Some(span) = self.scroll_to.take() {
                        let article = self.session.article();
                        let chars = article.char_of_byte(span.start).unwrap_or(0);
                        let target = galley.pos_from_cursor(CCursor::new(chars));
                        ui.scroll_to_rect(
                            target.translate(rect.min.to_vec2()),
                            Some(egui::Align::Center),
                        );
                    }
                });
        });
    }

    fn jump(&mut self, _ctx: &egui::Context, index: usize) {
        self.scroll_to = Some(self.session.annotations()[index].span);
    }
}

/// The job a typical egui app builds: the whole text, a section per run between annotation
/// boundaries, tinted by the annotations covering it.
fn whole_article_job(session: &Session, palette: &Palette, wrap: f32) -> LayoutJob {
    let text = session.article().text();
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for a in session.annotations() {
        cuts.extend([a.span.start, a.span.end]);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let format = TextFormat {
        font_id: egui::FontId::proportional(17.0),
        color: palette.text,
        line_height: Some(17.0 * 1.6),
        ..TextFormat::default()
    };
    let mut job = LayoutJob {
        text: text.to_owned(),
        wrap: egui::text::TextWrapping::wrap_at_width(wrap),
        ..LayoutJob::default()
    };
    let mut covering = session.annotations().iter().peekable();
    let mut open: Vec<&factmark::model::Annotation> = Vec::new();
    for pair in cuts.windows(2) {
        let segment = Span::new(pair[0], pair[1]);
        open.retain(|a| a.span.end > segment.start);
        while let Some(a) = covering.next_if(|a| a.span.start <= segment.start) {
            if a.span.end > segment.start {
                open.push(a);
            }
        }
        let background = if open.is_empty() {
            Color32::TRANSPARENT
        } else {
            palette.layered_tint(open.iter().map(|a| a.body.tag))
        };
        job.sections.push(LayoutSection {
            leading_space: 0.0,
            byte_range: egui::text::ByteIndex(segment.start)..egui::text::ByteIndex(segment.end),
            format: TextFormat {
                background,
                ..format.clone()
            },
        });
    }
    job
}

/// What one run of the script measured.
struct Run {
    /// Per-frame times (ms) after warm-up.
    times: Vec<f64>,
    /// The first frame's time (ms): the first layout of what is on screen.
    first_frame: f64,
    /// Peak heap since the last [`common::reset_peak`].
    peak: usize,
    /// Segments in which the jump and scroll checked out.
    scrolled: usize,
}

/// Runs the script on `driver`.
fn script(
    driver: &mut Driver,
    subject: &mut dyn Subject,
    annotations: usize,
    segments: usize,
) -> Run {
    let mut scrolled = 0;
    let mut first_frame = f64::NAN;
    for i in 0..WARMUP_FRAMES {
        let time = driver.frame(vec![Event::PointerMoved(OVER_ARTICLE)], |ctx, ui| {
            subject.frame(ctx, ui);
        });
        if i == 0 {
            first_frame = time;
        }
    }
    let mut times = Vec::with_capacity(segments * (SCROLL_FRAMES + 1));
    for segment in 0..segments {
        let ctx = driver.ctx.clone();
        let target = segment * annotations / segments;
        subject.jump(&ctx, target);
        times.push(
            driver.frame(vec![Event::PointerMoved(OVER_ARTICLE)], |ctx, ui| {
                subject.frame(ctx, ui);
            }),
        );
        let before = subject.probe(target);
        for _ in 0..SCROLL_FRAMES {
            let wheel = Event::MouseWheel {
                unit: egui::MouseWheelUnit::Point,
                delta: Vec2::new(0.0, -60.0),
                phase: egui::TouchPhase::Move,
                source: egui::MouseWheelSource::Wheel,
                modifiers: egui::Modifiers::NONE,
            };
            times.push(driver.frame(vec![wheel], |ctx, ui| subject.frame(ctx, ui)));
        }
        // Check the script really jumps and scrolls: the jumped-to text was drawn, then moved
        // up the screen (or out of it at the top).
        if let Some(before) = before
            && subject
                .probe(target)
                .is_none_or(|after| before - after > 100.0)
        {
            scrolled += 1;
        }
    }
    Run {
        times,
        first_frame,
        peak: common::peak(),
        scrolled,
    }
}

/// A document to measure.
struct Doc {
    name: String,
    session: Session,
    /// Suggestions shown (View › Show suggestions), as the app starts.
    suggestions: bool,
}

impl Doc {
    fn generated(size: DocSize) -> Self {
        Self {
            name: size.name.to_owned(),
            session: testing::session(size),
            suggestions: true,
        }
    }

    /// The same with the suggestions switched off.
    fn without_suggestions(self) -> Self {
        Self {
            name: format!("{}, suggestions hidden", self.name),
            suggestions: false,
            ..self
        }
    }

    /// `size`'s document with every line break turned into a space: the same annotations (the
    /// byte offsets do not move) in one paragraph.
    fn one_paragraph(size: DocSize, name: &str) -> Self {
        Self {
            name: name.to_owned(),
            session: testing::one_paragraph(size, name),
            suggestions: true,
        }
    }
}

struct Row {
    name: String,
    text_bytes: usize,
    annotations: usize,
    /// Pending suggestions the app marks (0 when hidden).
    suggestions: usize,
    /// The frames drawn while they were found on a worker.
    suggesting: WhileSuggesting,
    ours: (f64, f64),
    ours_peak: usize,
    /// `FactmarkApp::new` loading the session file (ms).
    ours_open_ms: f64,
    ours_first_ms: f64,
    ours_largest_layout: usize,
    naive: (f64, f64),
    naive_peak: usize,
    naive_first_ms: f64,
    /// Segments in which the jumped-to annotation was drawn and then scrolled up the screen.
    scrolled: usize,
}

fn measure(doc: Doc, dir: &Path, segments: usize, with_naive: bool, folder: Option<&Path>) -> Row {
    let Doc {
        name,
        session,
        suggestions: shown,
    } = doc;
    let text_bytes = session.article().text().len();
    let annotations = session.annotations().len();
    let path = dir.join(format!("bench-{}-{annotations}.ron", text_bytes));
    factmark::store::save(&session, &path).expect("saved the generated session");

    // Ours: the real app, opening the saved session as a user would. Its peak heap counts
    // from before the session is loaded.
    let baseline = common::heap_now();
    common::reset_peak();
    let (mut app, mut driver, ours_open_ms, shown_in, suggesting) =
        open_app(&path, dir, text_bytes);
    assert_eq!(app.app.session().annotations().len(), annotations);
    if let Some(folder) = folder {
        common::driver::open_folder(&mut app, &mut driver, folder);
    }
    if !shown {
        let ctx = driver.ctx.clone();
        app.app.perform(&ctx, Action::ToggleSuggestions);
    }
    let suggestions = if shown {
        app.app.pending_suggestions().map_or(0, |p| p.len())
    } else {
        0
    };
    let mut ours = Ours {
        app,
        largest_layout: 0,
    };
    ours.largest_layout = 0;
    let mut run = script(&mut driver, &mut ours, annotations, segments);
    let ours_peak = run.peak - baseline;
    let ours_stats = common::median_p95(&mut run.times);
    let ours_largest_layout = ours.largest_layout;
    drop(ours);
    let scrolled = run.scrolled;
    let ours_first_ms = shown_in.unwrap_or(run.first_frame);

    if !with_naive {
        return Row {
            name,
            text_bytes,
            annotations,
            suggestions,
            suggesting,
            ours: ours_stats,
            ours_peak,
            ours_open_ms,
            ours_first_ms,
            ours_largest_layout,
            naive: (f64::NAN, f64::NAN),
            naive_peak: 0,
            naive_first_ms: f64::NAN,
            scrolled,
        };
    }
    // Naive: same script; its first frame (laying out the whole text once) is reported apart.
    let baseline = common::heap_now();
    common::reset_peak();
    let ctx = egui::Context::default();
    let mut naive = Naive {
        session,
        scroll_to: None,
    };
    let mut driver = Driver::new(ctx);
    let first = driver.frame(Vec::new(), |ctx, ui| naive.frame(ctx, ui));
    let mut naive_run = script(&mut driver, &mut naive, annotations, segments);
    let naive_peak = naive_run.peak - baseline;
    Row {
        name,
        text_bytes,
        annotations,
        suggestions,
        suggesting,
        ours: ours_stats,
        ours_peak,
        ours_open_ms,
        ours_first_ms,
        ours_largest_layout,
        naive: common::median_p95(&mut naive_run.times),
        naive_peak,
        naive_first_ms: first,
        scrolled,
    }
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let segments = if quick { 5 } else { 20 };
    let with_naive = !std::env::args().any(|a| a == "--ours-only");
    let dir = tempfile::tempdir().expect("a temporary folder");
    println!("Factmark frame benchmark — {}", common::machine());
    println!(
        "script: {segments} × (jump to the next 1/{segments} of the annotations + {SCROLL_FRAMES} wheel frames), \
         window {}×{}, after {WARMUP_FRAMES} warm-up frames",
        WINDOW.x, WINDOW.y
    );
    println!();
    println!(
        "| document | suggestions shown | Factmark median | Factmark p95 | Factmark open | Factmark first frame | longest text laid out | naive median | naive p95 | naive first frame | Factmark peak heap | naive peak heap |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    // Warm the CPU, caches and font atlas first, so the first measured document is not
    // the one paying for them.
    measure(Doc::generated(testing::SMALL), dir.path(), 2, false, None);
    let mut docs: Vec<Box<dyn Fn() -> Doc>> = testing::SIZES
        .into_iter()
        .map(|size| Box::new(move || Doc::generated(size)) as Box<dyn Fn() -> Doc>)
        .collect();
    docs.push(Box::new(|| {
        Doc::one_paragraph(testing::LARGE, "5 MB / 20000, one paragraph")
    }));
    docs.push(Box::new(|| {
        Doc::generated(testing::LARGE).without_suggestions()
    }));
    docs.push(Box::new(|| {
        let dense = DocSize {
            name: "",
            text_bytes: testing::MEDIUM.text_bytes,
            annotations: 20_000,
        };
        Doc::one_paragraph(dense, "500 KB / 20000, one paragraph")
    }));
    let desk = dir.path().join("desk");
    testing::desk::write_desk(&desk, FOLDER_ARTICLES, 5_000_000, 11)
        .expect("wrote the folder of articles");
    let panel = |size: DocSize| {
        let name = format!("{} + {FOLDER_ARTICLES} documents in the panel", size.name);
        move || Doc {
            name: name.clone(),
            ..Doc::generated(size)
        }
    };
    let with_panel: Vec<Box<dyn Fn() -> Doc>> = vec![
        Box::new(panel(testing::SMALL)),
        Box::new(panel(testing::LARGE)),
    ];
    let plain = docs.len();
    let mut rows = Vec::new();
    for (i, doc) in docs.into_iter().chain(with_panel).enumerate() {
        let doc = doc();
        let folder = (i >= plain).then_some(desk.as_path());
        // The naive view has no suggestions and no panel: its figures for those runs would
        // repeat.
        let naive = with_naive && doc.suggestions && folder.is_none();
        let row = measure(doc, dir.path(), segments, naive, folder);
        println!(
            "| {} | {} | {:.3} ms | {:.3} ms | {:.0} ms | {:.1} ms | {:.1} KB | {} | {} | {} | {:.1} MB | {} |",
            row.name,
            row.suggestions,
            row.ours.0,
            row.ours.1,
            row.ours_open_ms,
            row.ours_first_ms,
            common::mb(row.ours_largest_layout) * 1_000.0,
            measured(row.naive.0, 3, "ms"),
            measured(row.naive.1, 3, "ms"),
            measured(row.naive_first_ms, 0, "ms"),
            common::mb(row.ours_peak),
            measured(common::mb(row.naive_peak), 1, "MB"),
        );
        rows.push(row);
    }
    let (small, large) = (&rows[0], &rows[2]);
    let (huge, hidden, dense) = (&rows[3], &rows[4], &rows[5]);
    let (small_panel, large_panel) = (&rows[6], &rows[7]);
    println!();
    for row in &rows {
        println!(
            "check, {}: the jumped-to annotation was drawn, then scrolled up by the wheel, in {} of {segments} segments (the small document's end stops the scroll)",
            row.name, row.scrolled
        );
    }
    for row in rows.iter().filter(|row| row.suggestions > 0) {
        println!(
            "{}: the suggestions took {:.0} ms on a worker after opening; the window drew {} frames meanwhile, the longest {:.1} ms",
            row.name, row.suggesting.ms, row.suggesting.frames, row.suggesting.longest_ms
        );
    }
    println!(
        "Factmark median, 5 MB vs 5 KB: {:.2}× (target ≤ 1.5×); p95: {:.2}×",
        large.ours.0 / small.ours.0,
        large.ours.1 / small.ours.1
    );
    println!(
        "naive vs Factmark median at 5 MB: {:.1}× slower (target ≥ 20×); p95: {:.1}×",
        large.naive.0 / large.ours.0,
        large.naive.1 / large.ours.1
    );
    println!(
        "5 MB with {} pending suggestions shown vs hidden: median {:.2}×, p95 {:.2}×",
        large.suggestions,
        large.ours.0 / hidden.ours.0,
        large.ours.1 / hidden.ours.1
    );
    for row in [huge, dense] {
        println!(
            "{}: median vs 5 KB {:.2}×, p95 vs 5 KB {:.2}×; first frame vs 5 KB {:.2}×, vs 5 MB in paragraphs {:.2}×; open vs 5 MB in paragraphs {:.2}×; longest text laid out {} bytes ({:.5} of the paragraph)",
            row.name,
            row.ours.0 / small.ours.0,
            row.ours.1 / small.ours.1,
            row.ours_first_ms / small.ours_first_ms,
            row.ours_first_ms / large.ours_first_ms,
            row.ours_open_ms / large.ours_open_ms,
            row.ours_largest_layout,
            {
                #[allow(clippy::cast_precision_loss)]
                let share = row.ours_largest_layout as f64 / row.text_bytes as f64;
                share
            },
        );
    }
    println!(
        "with the Documents panel open ({FOLDER_ARTICLES} documents): Factmark median, 5 MB vs 5 KB: {:.2}× (target ≤ 1.5×); p95: {:.2}×",
        large_panel.ours.0 / small_panel.ours.0,
        large_panel.ours.1 / small_panel.ours.1
    );
    println!(
        "with the panel vs without: median at 5 KB {:.2}×, at 5 MB {:.2}×; naive (no panel) vs Factmark with the panel, median at 5 MB: {:.1}× slower (target ≥ 20×)",
        small_panel.ours.0 / small.ours.0,
        large_panel.ours.0 / large.ours.0,
        large.naive.0 / large_panel.ours.0
    );
    #[allow(clippy::cast_precision_loss)]
    let budget = 10.0 * large.text_bytes as f64 + 1_000.0 * large.annotations as f64;
    println!(
        "Factmark peak heap at 5 MB (loading the session included): {:.1} MB (target ≤ 10 × text + 1 KB × annotations = {:.1} MB); one paragraph: {:.1} MB",
        common::mb(large.ours_peak),
        budget / 1_000_000.0,
        common::mb(huge.ours_peak),
    );
}

/// A figure of the naive view, or a dash for a row it was not run for (NaN, or no heap).
fn measured(value: f64, digits: usize, unit: &str) -> String {
    if value.is_nan() || value == 0.0 {
        "—".to_owned()
    } else {
        format!("{value:.digits$} {unit}")
    }
}
