//! Tag colours (Okabe–Ito, colour-blind safe), the pending selection's neutral style, the
//! contrast arithmetic that keeps text on a highlight readable (WCAG 2.x relative luminance,
//! ≥ 4.5:1) in light and dark themes, and the egui visuals the app adjusts.

use egui::{Color32, Theme};

use crate::model::Tag;

/// Okabe–Ito palette entries used for the three tags: distinguishable with the common forms
/// of colour blindness, and distinct from egui's blue selection colour.
const CLAIM: Color32 = Color32::from_rgb(0x00, 0x72, 0xB2); // blue
const STATISTIC: Color32 = Color32::from_rgb(0xE6, 0x9F, 0x00); // orange
const QUOTE: Color32 = Color32::from_rgb(0xCC, 0x79, 0xA7); // reddish purple

/// How much of the tag colour goes into a highlight tint over the page background.
const TINT_LIGHT: f32 = 0.28;
const TINT_DARK: f32 = 0.34;
/// How much more of it for each annotation nested under the innermost one (up to two).
const DEEPER_LIGHT: f32 = 0.08;
const DEEPER_DARK: f32 = 0.06;

/// How far each tag's suggestion line moves from the tag colour towards the text colour (by
/// [`Tag::index`]): the least that gives 3:1 on the page, the selection and the other tags'
/// tints while the three stay apart for colour-blind readers (the tests check both). Orange
/// and reddish purple are too light on a light page; only the purple is too dark on a dark one.
const SUGGESTION_LIGHT: [f32; 3] = [0.0, 0.4, 0.5];
const SUGGESTION_DARK: [f32; 3] = [0.0, 0.0, 0.25];

/// The colours the article view paints with, for one theme.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Palette {
    /// Page background behind the article text.
    pub page: Color32,
    /// Body text.
    pub text: Color32,
    /// Secondary text (excerpts, hints).
    pub weak_text: Color32,
    /// Background of the pending (not yet tagged) selection: a neutral grey, never a tag's
    /// hue, so an untagged selection cannot pass for a claim.
    pub selection: Color32,
    /// The dashed outline around the pending selection.
    pub selection_edge: Color32,
    /// Outline of the selected annotation.
    pub focus: Color32,
    dark: bool,
}

impl Palette {
    /// The palette for `theme`.
    pub fn for_theme(theme: Theme) -> Self {
        match theme {
            Theme::Light => Self {
                page: Color32::from_rgb(0xFB, 0xFA, 0xF7),
                text: Color32::from_rgb(0x1B, 0x1B, 0x1F),
                weak_text: Color32::from_rgb(0x55, 0x55, 0x5C),
                selection: Color32::from_rgb(0xDC, 0xDC, 0xDF),
                selection_edge: Color32::from_rgb(0x5A, 0x5A, 0x62),
                focus: Color32::from_rgb(0x1B, 0x1B, 0x1F),
                dark: false,
            },
            Theme::Dark => Self {
                page: Color32::from_rgb(0x1E, 0x1F, 0x22),
                text: Color32::from_rgb(0xEC, 0xEC, 0xEE),
                weak_text: Color32::from_rgb(0xB4, 0xB4, 0xBA),
                selection: Color32::from_rgb(0x4A, 0x4B, 0x50),
                selection_edge: Color32::from_rgb(0xB8, 0xB8, 0xC0),
                focus: Color32::from_rgb(0xF5, 0xF5, 0xF5),
                dark: true,
            },
        }
    }

    /// The tag's full colour: chips, underlines and outlines.
    pub fn tag_color(&self, tag: Tag) -> Color32 {
        let base = match tag {
            Tag::Claim => CLAIM,
            Tag::Statistic => STATISTIC,
            Tag::Quote => QUOTE,
        };
        if self.dark && tag == Tag::Claim {
            // Okabe–Ito blue is too dark to read as a line on a dark page; its sky-blue
            // sibling from the same palette is.
            Color32::from_rgb(0x56, 0xB4, 0xE9)
        } else {
            base
        }
    }

    /// The dotted underline of a suggested span of this tag (and the outline of its chip):
    /// the tag's hue moved towards the text colour until it stands out from the page and from
    /// the selection's grey at 3:1 or more (WCAG 2.x non-text contrast), since for a
    /// suggestion, which has no tint, the line alone says what it is.
    pub fn suggestion_color(&self, tag: Tag) -> Color32 {
        let toward_text = if self.dark {
            SUGGESTION_DARK
        } else {
            SUGGESTION_LIGHT
        };
        mix(self.tag_color(tag), self.text, toward_text[tag.index()])
    }

    /// The background tint for a span with this tag.
    pub fn tint(&self, tag: Tag) -> Color32 {
        let amount = if self.dark { TINT_DARK } else { TINT_LIGHT };
        mix(self.page, self.tag_color(tag), amount)
    }

    /// Tint for text covered by several annotations (in document order, the innermost
    /// last): the innermost one's hue, deeper for each one it is nested in. Hues are never
    /// blended (orange over blue would give a muddy grey-green that is no tag's colour);
    /// the outer spans still show by their own tint around it and their stacked underlines.
    pub fn layered_tint(&self, tags: impl IntoIterator<Item = Tag>) -> Color32 {
        let (depth, innermost) = tags.into_iter().fold((0_u8, None), |(depth, _), tag| {
            (depth.saturating_add(1), Some(tag))
        });
        let Some(tag) = innermost else {
            return self.page;
        };
        let (amount, deeper) = if self.dark {
            (TINT_DARK, DEEPER_DARK)
        } else {
            (TINT_LIGHT, DEEPER_LIGHT)
        };
        let nested = f32::from(depth.min(3) - 1);
        mix(self.page, self.tag_color(tag), amount + deeper * nested)
    }
}

/// Gives text fields (and the other framed widgets) a visible border in the light theme:
/// egui's light visuals draw an idle text edit with no stroke at all, white on a near-white
/// panel. The border is dark enough for 3:1 against the panel (WCAG 2.x, non-text contrast).
pub fn install_visuals(ctx: &egui::Context) {
    ctx.style_mut_of(Theme::Light, |style| {
        style.visuals.widgets.inactive.bg_stroke = egui::Stroke::new(1.0, Color32::from_gray(0x7A));
    });
}

/// Linear mix of two opaque colours in sRGB space: `amount` of `over` on `under`.
pub fn mix(under: Color32, over: Color32, amount: f32) -> Color32 {
    let channel = |a: u8, b: u8| -> u8 {
        let value = f32::from(a) * (1.0 - amount) + f32::from(b) * amount;
        // Rounded and clamped to 0..=255, so the cast cannot truncate.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let byte = value.round().clamp(0.0, 255.0) as u8;
        byte
    };
    Color32::from_rgb(
        channel(under.r(), over.r()),
        channel(under.g(), over.g()),
        channel(under.b(), over.b()),
    )
}

/// WCAG 2.x contrast ratio between two opaque colours (1.0 to 21.0).
pub fn contrast_ratio(a: Color32, b: Color32) -> f32 {
    let (la, lb) = (relative_luminance(a), relative_luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

fn relative_luminance(color: Color32) -> f32 {
    let linear = |c: u8| {
        let c = f32::from(c) / 255.0;
        if c <= 0.040_45 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(color.r()) + 0.7152 * linear(color.g()) + 0.0722 * linear(color.b())
}

/// A rating's chip colours: its own colour as fill, with black or white text, whichever reads
/// better on it.
pub fn rating_chip(colour: crate::model::Colour) -> (Color32, Color32) {
    let [r, g, b] = colour.0;
    let fill = Color32::from_rgb(r, g, b);
    // White on a colour has contrast 1.05 / (L + 0.05); black has (L + 0.05) / 0.05. They are
    // equal at L ≈ 0.179.
    let text = if colour.luminance() > 0.179 {
        Color32::BLACK
    } else {
        Color32::WHITE
    };
    (fill, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    const THEMES: [Theme; 2] = [Theme::Light, Theme::Dark];

    #[test]
    fn text_on_every_tint_and_overlap_meets_wcag_aa() {
        for theme in THEMES {
            let p = Palette::for_theme(theme);
            let mut backgrounds = vec![p.page, p.selection];
            for a in Tag::ALL {
                backgrounds.push(p.tint(a));
                for b in Tag::ALL {
                    backgrounds.push(p.layered_tint([a, b]));
                    for c in Tag::ALL {
                        backgrounds.push(p.layered_tint([a, b, c]));
                    }
                }
            }
            for bg in backgrounds {
                let ratio = contrast_ratio(p.text, bg);
                assert!(ratio >= 4.5, "{theme:?}: text on {bg:?} has {ratio:.2}:1");
            }
        }
    }

    #[test]
    fn tints_are_distinct_from_each_other_and_the_page() {
        for theme in THEMES {
            let p = Palette::for_theme(theme);
            let tints: Vec<Color32> = Tag::ALL.iter().map(|&t| p.tint(t)).collect();
            for (i, a) in tints.iter().enumerate() {
                assert_ne!(*a, p.page);
                for b in &tints[i + 1..] {
                    assert_ne!(a, b);
                }
            }
        }
    }

    #[test]
    fn the_selection_is_neutral_outlined_and_unlike_every_tag() {
        let chroma = |c: Color32| {
            let (lo, hi) = [c.r(), c.g(), c.b()]
                .into_iter()
                .fold((255, 0), |(lo, hi), x| (x.min(lo), x.max(hi)));
            hi - lo
        };
        for theme in THEMES {
            let p = Palette::for_theme(theme);
            assert!(chroma(p.selection) <= 6, "{theme:?}: selection is grey");
            assert!(contrast_ratio(p.selection_edge, p.selection) >= 3.0);
            assert!(contrast_ratio(p.selection_edge, p.page) >= 3.0);
            for tag in Tag::ALL {
                for depth in 1..=3 {
                    let fill = p.layered_tint(std::iter::repeat_n(tag, depth));
                    assert!(chroma(fill) >= 20, "{theme:?}: {tag:?} ×{depth} has a hue");
                }
            }
        }
    }

    #[test]
    fn an_overlap_keeps_the_innermost_hue_deeper() {
        for theme in THEMES {
            let p = Palette::for_theme(theme);
            for outer in Tag::ALL {
                for inner in Tag::ALL {
                    let both = p.layered_tint([outer, inner]);
                    assert!(contrast_ratio(both, p.page) > contrast_ratio(p.tint(inner), p.page));
                    // It still reads as the inner tag: nearer its tint than any other's.
                    let distance = |a: Color32, b: Color32| {
                        [(a.r(), b.r()), (a.g(), b.g()), (a.b(), b.b())]
                            .into_iter()
                            .map(|(x, y)| u32::from(x.abs_diff(y)).pow(2))
                            .sum::<u32>()
                    };
                    for other in Tag::ALL.into_iter().filter(|&t| t != inner) {
                        assert!(
                            distance(both, p.tint(inner)) < distance(both, p.tint(other)),
                            "{theme:?}: {outer:?} under {inner:?} gives {both:?}"
                        );
                    }
                }
            }
        }
    }

    /// `color` as seen with full protanopia, deuteranopia or tritanopia (Machado, Oliveira
    /// and Fernandes 2009, severity 1.0, applied in linear RGB).
    fn as_seen_with(color: Color32, matrix: [[f32; 3]; 3]) -> [f32; 3] {
        let decode = |c: u8| {
            let c = f32::from(c) / 255.0;
            if c <= 0.040_45 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let encode = |v: f32| {
            let v = v.clamp(0.0, 1.0);
            255.0
                * if v <= 0.003_130_8 {
                    v * 12.92
                } else {
                    1.055 * v.powf(1.0 / 2.4) - 0.055
                }
        };
        let rgb = [decode(color.r()), decode(color.g()), decode(color.b())];
        matrix.map(|row| encode(row.iter().zip(rgb).map(|(m, c)| m * c).sum()))
    }

    const PROTAN: [[f32; 3]; 3] = [
        [0.152_286, 1.052_583, -0.204_868],
        [0.114_503, 0.786_281, 0.099_216],
        [-0.003_882, -0.048_116, 1.051_998],
    ];
    const DEUTAN: [[f32; 3]; 3] = [
        [0.367_322, 0.860_646, -0.227_968],
        [0.280_085, 0.672_501, 0.047_413],
        [-0.011_820, 0.042_940, 0.968_881],
    ];
    const TRITAN: [[f32; 3]; 3] = [
        [1.255_528, -0.076_749, -0.178_779],
        [-0.078_411, 0.930_809, 0.147_602],
        [0.004_733, 0.691_367, 0.303_900],
    ];

    /// How far apart two colours look with the deficiency `matrix` (sRGB units, 0..255 a
    /// channel).
    fn seen_distance(a: Color32, b: Color32, matrix: [[f32; 3]; 3]) -> f32 {
        let (x, y) = (as_seen_with(a, matrix), as_seen_with(b, matrix));
        x.iter()
            .zip(y)
            .map(|(u, v)| (u - v).powi(2))
            .sum::<f32>()
            .sqrt()
    }

    #[test]
    fn tag_colours_stay_apart_for_colour_blind_readers() {
        for theme in THEMES {
            let p = Palette::for_theme(theme);
            for (name, matrix) in [("protan", PROTAN), ("deutan", DEUTAN), ("tritan", TRITAN)] {
                for (i, a) in Tag::ALL.iter().enumerate() {
                    for b in &Tag::ALL[i + 1..] {
                        let distance = seen_distance(p.tag_color(*a), p.tag_color(*b), matrix);
                        // The underlines and chips: far apart in sRGB units (0..255 a channel).
                        assert!(
                            distance >= 40.0,
                            "{theme:?} {name}: {a:?}/{b:?} {distance:.0}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn suggestion_lines_stand_out_without_a_tint_and_stay_apart_for_colour_blind_readers() {
        for theme in THEMES {
            let p = Palette::for_theme(theme);
            for (i, a) in Tag::ALL.iter().enumerate() {
                let line = p.suggestion_color(*a);
                // On the page, on the current suggestion's grey and on other tags' tints
                // (a suggestion inside an annotation of another tag).
                let mut behind = vec![p.page, p.selection];
                behind.extend(Tag::ALL.iter().filter(|t| *t != a).map(|&t| p.tint(t)));
                for bg in behind {
                    let ratio = contrast_ratio(line, bg);
                    assert!(ratio >= 3.0, "{theme:?} {a:?} on {bg:?}: {ratio:.2}:1");
                }
                for b in &Tag::ALL[i + 1..] {
                    let other = p.suggestion_color(*b);
                    for (name, matrix) in
                        [("protan", PROTAN), ("deutan", DEUTAN), ("tritan", TRITAN)]
                    {
                        let distance = seen_distance(line, other, matrix);
                        assert!(
                            distance >= 40.0,
                            "{theme:?} {name}: {a:?}/{b:?} {distance:.0}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn light_text_fields_have_a_visible_border() {
        let ctx = egui::Context::default();
        install_visuals(&ctx);
        let style = ctx.style_of(Theme::Light);
        let border = style.visuals.widgets.inactive.bg_stroke;
        assert!(border.width >= 1.0);
        for behind in [style.visuals.panel_fill, style.visuals.text_edit_bg_color()] {
            assert!(contrast_ratio(border.color, behind) >= 3.0, "{behind:?}");
        }
    }

    #[test]
    fn contrast_of_black_on_white_is_21() {
        let ratio = contrast_ratio(Color32::BLACK, Color32::WHITE);
        assert!((ratio - 21.0).abs() < 0.01);
    }
}
