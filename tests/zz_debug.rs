use egui::Vec2;
use egui_kittest::Harness;
use factmark::testing;
use factmark::ui::{FactmarkApp, Launch};
use std::time::Instant;

#[test]
fn debug_timing() {
    let t = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.ron");
    let s = testing::session(testing::MEDIUM);
    println!("generate {:?}", t.elapsed());
    let t = Instant::now();
    factmark::store::save(&s, &path).unwrap();
    println!("save {:?}", t.elapsed());
    let t = Instant::now();
    factmark::store::load(&path).unwrap();
    println!("load {:?}", t.elapsed());
    let t = Instant::now();
    let mut harness = Harness::builder()
        .with_size(Vec2::new(1280.0, 800.0))
        .with_step_dt(1.0 / 60.0)
        .build_eframe(move |cc| {
            FactmarkApp::new(
                cc,
                Launch {
                    path: Some(path),
                    ..Launch::default()
                },
            )
        });
    println!("build {:?}", t.elapsed());
    let t = Instant::now();
    let n = harness.run_ok();
    println!("run_ok {:?} {n:?}", t.elapsed());
    let t = Instant::now();
    for _ in 0..20 {
        harness.step();
    }
    println!("20 steps {:?}", t.elapsed());
}
