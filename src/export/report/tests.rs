//! The report's colours, escaping and pages.

use super::colour::{PAGE, label_colour};
use super::*;
use crate::model::Colour;

/// The CSS's `--text`.
const TEXT: Colour = Colour([0x1b, 0x1b, 0x1f]);

#[test]
fn dark_text_reads_on_every_tint_and_chips_pick_their_text() {
    for tag in Tag::ALL {
        for depth in 1..=4 {
            let ratio = contrast(TEXT, tint(tag, depth));
            assert!(ratio >= 4.5, "{tag} depth {depth}: {ratio}");
        }
        assert!(contrast(label_colour(tag), PAGE) >= 4.5);
    }
    for kind in ScaleKind::ALL {
        for rating in &crate::model::Scale::default_for(kind).ratings {
            let ratio = contrast(rating.colour, text_on(rating.colour));
            assert!(ratio >= 3.0, "{}: {ratio}", rating.name);
        }
    }
}

#[test]
fn escaping() {
    assert_eq!(
        escape_html(r#"<a href="x">'&'</a>"#),
        "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
    );
    assert_eq!(
        escape_markdown("[x](javascript:y) <b>"),
        "\\[x\\]\\(javascript\\:y\\) \\<b\\>"
    );
    assert_eq!(escape_markdown("1. one\n# two"), "1\\. one\\\n\\# two");
    assert!(!is_web("javascript:alert(1)"));
    assert!(is_web("https://example.org/a"));
}
