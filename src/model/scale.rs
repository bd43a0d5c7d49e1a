//! Rating scales: the verdicts a session offers for claims and statistics (the desk's rating
//! scale) and for quotes (attribution), stored in the session so colleagues see the same one.
//! A rating that verdicts still use is never deleted from a scale: it is retired (kept, not
//! offered for new verdicts, flagged), so changing the scale never drops a verdict.

use super::Tag;

/// An sRGB colour, as the scale stores it (`#rrggbb` in files).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Colour(pub [u8; 3]);

impl Colour {
    /// `#rrggbb`, lower case.
    pub fn hex(self) -> String {
        let [r, g, b] = self.0;
        format!("#{r:02x}{g:02x}{b:02x}")
    }

    /// Parses `#rrggbb` (either case).
    pub fn parse(text: &str) -> Option<Self> {
        let hex = text.strip_prefix('#')?;
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        Some(Self([channel(0)?, channel(2)?, channel(4)?]))
    }

    /// Relative luminance (WCAG 2), for choosing readable text over the colour.
    pub fn luminance(self) -> f32 {
        let linear = |c: u8| {
            let c = f32::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let [r, g, b] = self.0;
        0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    }
}

/// One rating of a scale: "Mostly false", what it means, and its colour.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rating {
    /// The name a verdict refers to; unique within its scale, never blank.
    pub name: String,
    /// One sentence saying when to give it.
    pub description: String,
    /// The chip and report colour.
    pub colour: Colour,
    /// Removed from the scale while verdicts still used it: kept so those verdicts keep
    /// their meaning, not offered for new ones, and flagged wherever it shows.
    pub retired: bool,
}

impl Rating {
    fn new(name: &str, description: &str, colour: [u8; 3]) -> Self {
        Self {
            name: name.to_owned(),
            description: description.to_owned(),
            colour: Colour(colour),
            retired: false,
        }
    }
}

/// Which of a session's two scales: verdicts on claims and statistics, or attribution
/// verdicts on quotes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ScaleKind {
    /// The desk's rating scale (True … Unverifiable), for claims and statistics.
    Rating,
    /// Whether a quote is accurately attributed (Accurate … Unverified).
    Attribution,
}

impl ScaleKind {
    /// Both kinds, rating first.
    pub const ALL: [Self; 2] = [Self::Rating, Self::Attribution];

    /// The scale an annotation with this tag takes its verdict from.
    pub fn for_tag(tag: Tag) -> Self {
        match tag {
            Tag::Claim | Tag::Statistic => Self::Rating,
            Tag::Quote => Self::Attribution,
        }
    }

    /// "rating scale" / "attribution scale", for messages.
    pub fn label(self) -> &'static str {
        match self {
            Self::Rating => "rating scale",
            Self::Attribution => "attribution scale",
        }
    }

    /// Position in [`ScaleKind::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// An ordered list of ratings, best first (the order ClaimReview's `ratingValue` counts
/// down from).
///
/// Invariant (checked by [`Scale::problem`], kept by the loader and the scale editor): names
/// are unique and not blank.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scale {
    /// The ratings, in the order they are offered and numbered (1 = first).
    pub ratings: Vec<Rating>,
}

impl Scale {
    /// The default scale of this kind.
    pub fn default_for(kind: ScaleKind) -> Self {
        match kind {
            ScaleKind::Rating => Self::default_rating(),
            ScaleKind::Attribution => Self::default_attribution(),
        }
    }

    /// The common scale of fact-checking desks.
    pub fn default_rating() -> Self {
        Self {
            ratings: vec![
                Rating::new(
                    "True",
                    "Accurate, and nothing significant is missing.",
                    [0x1a, 0x7f, 0x4b],
                ),
                Rating::new(
                    "Mostly true",
                    "Accurate, but needs clarification or additional information.",
                    [0x5f, 0xa8, 0x3a],
                ),
                Rating::new(
                    "Half true",
                    "Partially accurate, but leaves out important details or takes things out of context.",
                    [0xd9, 0xa4, 0x1e],
                ),
                Rating::new(
                    "Mostly false",
                    "Contains an element of truth but ignores critical facts that would give a different impression.",
                    [0xe0, 0x6c, 0x1f],
                ),
                Rating::new("False", "Not accurate.", [0xc0, 0x2b, 0x2b]),
                Rating::new(
                    "Misleading",
                    "Accurate in its parts but presented so that it leaves a false impression.",
                    [0x8e, 0x44, 0xad],
                ),
                Rating::new(
                    "Unverifiable",
                    "The available evidence neither proves nor disproves it.",
                    [0x7a, 0x80, 0x87],
                ),
            ],
        }
    }

    /// The attribution verdicts for quotes.
    pub fn default_attribution() -> Self {
        Self {
            ratings: vec![
                Rating::new(
                    "Accurate",
                    "The speaker said these words, in this sense.",
                    [0x1a, 0x7f, 0x4b],
                ),
                Rating::new(
                    "Misquoted",
                    "The speaker said something, but not these words.",
                    [0xc0, 0x2b, 0x2b],
                ),
                Rating::new(
                    "Out of context",
                    "The words are right but the context changes their meaning.",
                    [0xe0, 0x6c, 0x1f],
                ),
                Rating::new(
                    "Misattributed",
                    "Someone else said it, or nobody did.",
                    [0x8e, 0x44, 0xad],
                ),
                Rating::new(
                    "Unverified",
                    "No record of the statement could be found either way.",
                    [0x7a, 0x80, 0x87],
                ),
            ],
        }
    }

    /// The rating with this name (retired ones included).
    pub fn get(&self, name: &str) -> Option<&Rating> {
        self.ratings.iter().find(|r| r.name == name)
    }

    /// 1-based position of the rating named `name` among the ratings offered (not
    /// retired), for the digit that picks it; `None` for a retired or unknown name.
    pub fn number_of(&self, name: &str) -> Option<usize> {
        self.offered().position(|r| r.name == name).map(|i| i + 1)
    }

    /// The ratings offered for new verdicts, in order.
    pub fn offered(&self) -> impl Iterator<Item = &Rating> {
        self.ratings.iter().filter(|r| !r.retired)
    }

    /// What is wrong with this scale, if anything: a blank or repeated name.
    pub fn problem(&self) -> Option<String> {
        let mut seen = std::collections::HashSet::new();
        for rating in &self.ratings {
            if rating.name.trim().is_empty() {
                return Some("a rating has an empty name".to_owned());
            }
            if rating.name != rating.name.trim() {
                return Some(format!(
                    "the rating name \"{}\" starts or ends with a space",
                    rating.name
                ));
            }
            if !seen.insert(rating.name.as_str()) {
                return Some(format!("two ratings are named \"{}\"", rating.name));
            }
        }
        None
    }

    /// Names of the ratings, comma-separated, for messages ("True, Mostly true, …").
    pub fn names(&self) -> String {
        self.ratings
            .iter()
            .map(|r| r.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A session's two scales, indexed by [`ScaleKind`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scales(pub [Scale; 2]);

impl Default for Scales {
    fn default() -> Self {
        Self([Scale::default_rating(), Scale::default_attribution()])
    }
}

impl Scales {
    /// The scale of this kind.
    pub fn get(&self, kind: ScaleKind) -> &Scale {
        &self.0[kind.index()]
    }

    /// The scale an annotation with this tag takes its verdict from.
    pub fn for_tag(&self, tag: Tag) -> &Scale {
        self.get(ScaleKind::for_tag(tag))
    }

    pub(super) fn get_mut(&mut self, kind: ScaleKind) -> &mut Scale {
        &mut self.0[kind.index()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_round_trip_through_hex() {
        let colour = Colour([0x1a, 0x7f, 0x4b]);
        assert_eq!(colour.hex(), "#1a7f4b");
        assert_eq!(Colour::parse("#1A7F4B"), Some(colour));
        for bad in ["1a7f4b", "#1a7f4", "#1a7f4g", "#1a7f4b0", ""] {
            assert_eq!(Colour::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn default_scales_are_valid_and_numbered_in_order() {
        for kind in ScaleKind::ALL {
            assert_eq!(Scale::default_for(kind).problem(), None);
        }
        let scale = Scale::default_rating();
        assert_eq!(scale.ratings.len(), 7);
        assert_eq!(scale.number_of("True"), Some(1));
        assert_eq!(scale.number_of("Unverifiable"), Some(7));
        assert_eq!(
            Scale::default_attribution().number_of("Misattributed"),
            Some(4)
        );
    }

    #[test]
    fn retired_ratings_are_kept_but_not_offered() {
        let mut scale = Scale::default_rating();
        scale.ratings[0].retired = true;
        assert!(scale.get("True").is_some());
        assert_eq!(scale.number_of("True"), None);
        assert_eq!(scale.number_of("Mostly true"), Some(1));
        assert_eq!(scale.offered().count(), 6);
    }

    #[test]
    fn problems_are_named() {
        let mut scale = Scale::default_rating();
        scale.ratings[1].name = "True".to_owned();
        assert_eq!(scale.problem().unwrap(), "two ratings are named \"True\"");
        scale.ratings[1].name = "  ".to_owned();
        assert!(scale.problem().unwrap().contains("empty"));
    }
}
