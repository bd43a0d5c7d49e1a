//! Every script a newsroom meets renders without tofu: a snapshot of the window on an article
//! mixing Latin with diacritics, Cyrillic, Greek, Arabic, Hebrew, Chinese, Japanese, Korean
//! and emoji. The harness uses the same system font fallback as the real window, and egui
//! fails the test on any character no font can draw.

use std::sync::Arc;

use egui::Vec2;
use egui_kittest::Harness;
use factmark::ui::{FactmarkApp, Launch};

#[test]
fn mixed_scripts_render_without_missing_glyphs() {
    let mut harness = Harness::builder()
        .with_size(Vec2::new(1280.0, 800.0))
        .with_theme(egui::Theme::Light)
        .with_context_setup(|ctx| {
            ctx.add_font_provider(Arc::new(
                egui_system_font_provider::SystemFontProvider::new(),
            ));
        })
        .wgpu()
        .build_eframe(|cc| {
            FactmarkApp::new(
                cc,
                Launch {
                    path: Some("tests/data/import/mixed-scripts.txt".into()),
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
    let text = harness.state().session().article().text().to_owned();
    for sample in [
        "Viačorka",
        "Беларуси",
        "κυβέρνηση",
        "بيلاروسيا",
        "בלארוס",
        "白俄罗斯",
        "ベラルーシ",
        "벨라루스",
        "🇧🇾",
    ] {
        assert!(text.contains(sample), "{sample} imported");
    }
    harness.snapshot("mixed_scripts");
}
