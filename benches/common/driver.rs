//! Driving egui headless as a window does (a UI pass, then tessellation, as a real frame does
//! before the GPU), timing each frame; and opening the real app on a session file.

use std::path::Path;
use std::time::Instant;

use egui::{Event, Modifiers, Pos2, Rect, Vec2, ViewportId};
use factmark::ui::{FactmarkApp, Launch};

/// The window size every benchmark uses.
pub const WINDOW: Vec2 = Vec2::new(1280.0, 800.0);

/// Runs frames at 60 a second of simulated time.
pub struct Driver {
    pub ctx: egui::Context,
    time: f64,
}

impl Driver {
    pub fn new(ctx: egui::Context) -> Self {
        Self { ctx, time: 0.0 }
    }

    /// Runs one frame with `events` (no modifier held); returns its time in milliseconds.
    pub fn frame(
        &mut self,
        events: Vec<Event>,
        ui: impl FnMut(&egui::Context, &mut egui::Ui),
    ) -> f64 {
        self.frame_with(events, Modifiers::NONE, ui)
    }

    /// Runs one frame with `events` while `modifiers` are held; returns its time (ms): the UI
    /// pass and tessellation.
    pub fn frame_with(
        &mut self,
        events: Vec<Event>,
        modifiers: Modifiers,
        mut ui: impl FnMut(&egui::Context, &mut egui::Ui),
    ) -> f64 {
        self.time += 1.0 / 60.0;
        // egui 0.37 takes the held modifiers from events: press them first, release them after.
        let events = if modifiers == Modifiers::NONE {
            events
        } else {
            std::iter::once(Event::ModifiersChanged(modifiers))
                .chain(events)
                .chain([Event::ModifiersChanged(Modifiers::NONE)])
                .collect()
        };
        let mut input = egui::RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, WINDOW)),
            time: Some(self.time),
            predicted_dt: 1.0 / 60.0,
            events,
            ..Default::default()
        };
        if let Some(viewport) = input.viewports.get_mut(&ViewportId::ROOT) {
            viewport.native_pixels_per_point = Some(1.0);
        }
        let start = Instant::now();
        let ctx = self.ctx.clone();
        let output = self.ctx.run_ui(input, |frame_ui| ui(&ctx, frame_ui));
        let primitives = self.ctx.tessellate(output.shapes, output.pixels_per_point);
        let elapsed = start.elapsed().as_secs_f64() * 1_000.0;
        std::hint::black_box(primitives);
        elapsed
    }
}

/// The real app with the frame eframe would give it.
pub struct App {
    pub app: FactmarkApp,
    pub frame: eframe::Frame,
}

impl App {
    /// One frame of the app: `logic`, then `ui`, as eframe calls them.
    pub fn run(&mut self, ctx: &egui::Context, ui: &mut egui::Ui) {
        eframe::App::logic(&mut self.app, ctx, &mut self.frame);
        eframe::App::ui(&mut self.app, ui, &mut self.frame);
    }
}

/// The frames the window drew while its suggestions were found on a worker, after opening.
#[derive(Clone, Copy, Debug, Default)]
pub struct WhileSuggesting {
    /// From the document being open until the suggestions were in (ms).
    pub ms: f64,
    /// Frames drawn meanwhile.
    pub frames: usize,
    /// The longest of them (ms).
    pub longest_ms: f64,
}

/// Opens the app on the session at `path` (recovery copies go under `dir`) and runs frames
/// until the worker has read it, as the window does, then until its suggestions are found.
/// Returns the app, its driver, the time (ms) until it was open, the time of the frame that
/// first drew the article, if any, and the frames drawn while the suggestions were found.
pub fn open_app(
    path: &Path,
    dir: &Path,
    text_bytes: usize,
) -> (App, Driver, f64, Option<f64>, WhileSuggesting) {
    let ctx = egui::Context::default();
    let cc = eframe::CreationContext::_new_kittest(ctx.clone());
    let open = Instant::now();
    let app = FactmarkApp::new(
        &cc,
        Launch {
            path: Some(path.to_path_buf()),
            recovery_dir: Some(dir.join("recovery")),
            cache_dir: Some(dir.join("folder-cache")),
            ..Launch::default()
        },
    );
    let mut app = App {
        app,
        frame: eframe::Frame::_new_kittest(),
    };
    let mut driver = Driver::new(ctx);
    let mut shown_in = None;
    while app.app.is_busy() || app.app.session().article().text().len() != text_bytes {
        assert!(
            open.elapsed().as_secs() < 120,
            "the session did not open: {:?}",
            app.app.errors()
        );
        std::thread::sleep(std::time::Duration::from_millis(1));
        let time = driver.frame(Vec::new(), |ctx, ui| app.run(ctx, ui));
        if shown_in.is_none() && app.app.session().article().text().len() == text_bytes {
            shown_in = Some(time);
        }
    }
    let open_ms = open.elapsed().as_secs_f64() * 1_000.0;
    // The suggestions are found on a worker once the document is in: let them arrive (not
    // counted in the open time), so every measured frame draws them, as the window does.
    // Meanwhile the window goes on drawing frames, which says the UI thread never waits.
    let found = Instant::now();
    let mut suggesting = WhileSuggesting::default();
    while app.app.is_suggesting() {
        assert!(
            open.elapsed().as_secs() < 120,
            "the suggestions did not come"
        );
        std::thread::sleep(std::time::Duration::from_millis(1));
        let time = driver.frame(Vec::new(), |ctx, ui| app.run(ctx, ui));
        suggesting.frames += 1;
        suggesting.longest_ms = suggesting.longest_ms.max(time);
    }
    suggesting.ms = found.elapsed().as_secs_f64() * 1_000.0;
    assert!(app.app.errors().is_empty(), "{:?}", app.app.errors());
    (app, driver, open_ms, shown_in, suggesting)
}

/// Opens `folder` in the app's Documents panel and runs frames until it is read and indexed,
/// as the window does. Returns the time (ms) until then.
pub fn open_folder(app: &mut App, driver: &mut Driver, folder: &Path) -> f64 {
    let open = Instant::now();
    app.app.open_folder(folder);
    while !app.app.folder().is_some_and(|f| f.is_idle()) {
        assert!(
            open.elapsed().as_secs() < 300,
            "the folder was not read: {:?}",
            app.app.errors()
        );
        std::thread::sleep(std::time::Duration::from_millis(1));
        driver.frame(Vec::new(), |ctx, ui| app.run(ctx, ui));
    }
    open.elapsed().as_secs_f64() * 1_000.0
}
