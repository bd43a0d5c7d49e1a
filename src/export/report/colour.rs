//! The report's colours: the tags' palette, tints for nested highlights, and the WCAG contrast
//! that picks text colours on them.

use crate::model::{Colour, Tag};

/// The tags' colours (the Okabe–Ito palette of the window's light theme, `ui::theme`), copied
/// here because exports do not depend on the UI.
const CLAIM: Colour = Colour([0x00, 0x72, 0xb2]);
const STATISTIC: Colour = Colour([0xe6, 0x9f, 0x00]);
const QUOTE: Colour = Colour([0xcc, 0x79, 0xa7]);
/// The page colour of the report (its text is `#1b1b1f`, the CSS's `--text`).
pub(super) const PAGE: Colour = Colour([0xff, 0xff, 0xff]);
/// How much of the tag colour a highlight's background takes (as the window's light theme),
/// and how much deeper it gets for each enclosing span (up to three levels).
const TINT: f32 = 0.28;
const DEEPER: f32 = 0.08;

/// The full colour of a tag: underlines, labels, the legend.
pub fn tag_colour(tag: Tag) -> Colour {
    match tag {
        Tag::Claim => CLAIM,
        Tag::Statistic => STATISTIC,
        Tag::Quote => QUOTE,
    }
}

/// The background of text inside `depth` (≥ 1) nested spans whose innermost has `tag`: a
/// light tint of its colour, dark text on it stays above 4.5:1.
pub fn tint(tag: Tag, depth: usize) -> Colour {
    let nested = depth.clamp(1, 3) - 1;
    // At most 2, exact in f32.
    #[allow(clippy::cast_precision_loss)]
    let amount = TINT + DEEPER * nested as f32;
    mix(PAGE, tag_colour(tag), amount)
}

/// Linear mix in sRGB: `amount` of `over` on `under`.
fn mix(under: Colour, over: Colour, amount: f32) -> Colour {
    let channel = |a: u8, b: u8| -> u8 {
        let value = f32::from(a) * (1.0 - amount) + f32::from(b) * amount;
        // Rounded and clamped to 0..=255, so the cast cannot truncate.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let byte = value.round().clamp(0.0, 255.0) as u8;
        byte
    };
    let ([r1, g1, b1], [r2, g2, b2]) = (under.0, over.0);
    Colour([channel(r1, r2), channel(g1, g2), channel(b1, b2)])
}

/// WCAG 2 contrast ratio of two colours (1 to 21).
pub fn contrast(a: Colour, b: Colour) -> f32 {
    let (la, lb) = (a.luminance(), b.luminance());
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// White or black, whichever reads better on `background` (a verdict chip).
pub fn text_on(background: Colour) -> Colour {
    let (white, black) = (Colour([0xff; 3]), Colour([0; 3]));
    if contrast(background, white) >= contrast(background, black) {
        white
    } else {
        black
    }
}

/// A tag's colour dark enough for its label text on white (orange and pink are not).
pub(super) fn label_colour(tag: Tag) -> Colour {
    let mut colour = tag_colour(tag);
    while contrast(colour, PAGE) < 4.5 {
        colour = mix(colour, Colour([0; 3]), 0.1);
    }
    colour
}
