//! Snapshot images of the main window with the example session, in light and dark themes,
//! rendered by wgpu on the CPU. `UPDATE_SNAPSHOTS=1 cargo test --test gui snapshots::` accepts changes.

use egui::Vec2;
use egui_kittest::Harness;
use factmark::ui::{FactmarkApp, Launch};

fn example_window(theme: egui::Theme) -> Harness<'static, FactmarkApp> {
    let mut harness = Harness::builder()
        .with_size(Vec2::new(1280.0, 800.0))
        .with_theme(theme)
        .wgpu()
        .build_eframe(|cc| {
            FactmarkApp::new(
                cc,
                Launch {
                    // Relative (tests run in the package root) so the status bar reads the same on any checkout.
                    path: Some("sessions/example.ron".into()),
                    session_out: None,
                    recovery_dir: Some(crate::common::recovery_dir()),
                    cache_dir: None,
                },
            )
        });
    harness.run_ok();
    crate::common::settle(&mut harness);
    assert!(
        harness.state().errors().is_empty(),
        "{:?}",
        harness.state().errors()
    );
    assert!(harness.state().session().annotations().len() >= 6);
    harness
}

#[test]
fn main_window_light() {
    let mut harness = example_window(egui::Theme::Light);
    harness.snapshot("main_window_light");
}

#[test]
fn main_window_dark() {
    let mut harness = example_window(egui::Theme::Dark);
    harness.snapshot("main_window_dark");
}
