//! The fact-check fields of an annotation besides tag and note: its status, its sources,
//! and the time stamps of who made it when. Plain values; the UI supplies times, so the model
//! never reads a clock.

/// How far the check of an annotation has got. (Serde names are the session file's.)
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
)]
pub enum Status {
    /// Not looked at yet (every new annotation starts here).
    #[default]
    ToCheck,
    /// Someone is on it.
    Checking,
    /// Done: it has (or should have) a verdict.
    Checked,
    /// Opinion, prediction or otherwise not a matter of fact.
    NotCheckable,
}

impl Status {
    /// Every status, in workflow order (the order of the keys Alt+1…Alt+4).
    pub const ALL: [Self; 4] = [
        Self::ToCheck,
        Self::Checking,
        Self::Checked,
        Self::NotCheckable,
    ];

    /// As shown in the window and the report.
    pub fn label(self) -> &'static str {
        match self {
            Self::ToCheck => "To check",
            Self::Checking => "Checking",
            Self::Checked => "Checked",
            Self::NotCheckable => "Not checkable",
        }
    }

    /// As written in session files (a RON enum variant).
    pub fn file_name(self) -> &'static str {
        match self {
            Self::ToCheck => "ToCheck",
            Self::Checking => "Checking",
            Self::Checked => "Checked",
            Self::NotCheckable => "NotCheckable",
        }
    }

    /// Position in [`Status::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// True when no more work is expected on it (checked, or not checkable).
    pub fn is_done(self) -> bool {
        matches!(self, Self::Checked | Self::NotCheckable)
    }
}

/// One source an analyst checked against: a link, a citation, or both.
///
/// Invariant (kept by the inspector and the loader, see [`Source::problem`]): at least one
/// of `url` and `citation` is not blank, and a non-empty `url` is an absolute `http(s)` URL.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Source {
    /// Where it is, or empty.
    pub url: String,
    /// What it is ("Viasna, list of political prisoners, 11 Sept 2025"), or empty.
    pub citation: String,
    /// A primary source (the data, the document, the speaker's own words) rather than a
    /// report about it.
    pub primary: bool,
}

impl Source {
    /// What is wrong with this source, in words for the analyst, if anything.
    pub fn problem(&self) -> Option<String> {
        if self.url.trim().is_empty() && self.citation.trim().is_empty() {
            return Some("a source needs a URL or a citation".to_owned());
        }
        if self.url.is_empty() {
            return None;
        }
        url_problem(&self.url)
    }

    /// The citation, else the URL: how a source is named in one line.
    pub fn title(&self) -> &str {
        if self.citation.trim().is_empty() {
            &self.url
        } else {
            &self.citation
        }
    }
}

/// Why `text` is not a link a source can hold (an absolute `http` or `https` URL with a
/// host), or `None` when it is.
pub fn url_problem(text: &str) -> Option<String> {
    if text != text.trim() {
        return Some(format!("\"{text}\" has spaces around it"));
    }
    match url::Url::parse(text) {
        Ok(url) if matches!(url.scheme(), "http" | "https") && url.host().is_some() => None,
        Ok(url) => Some(format!(
            "\"{text}\" is a {} link; links must be web addresses (http:// or https://)",
            url.scheme()
        )),
        Err(url::ParseError::RelativeUrlWithoutBase) => Some(format!(
            "\"{text}\" is not a full web address: it needs https:// in front"
        )),
        Err(error) => Some(format!("\"{text}\" is not a web address ({error})")),
    }
}

/// A moment in UTC, kept as its RFC 3339 text (`2026-12-03T14:20:05Z`): what files store
/// and exports copy, so it is never reformatted on the way.
///
/// Invariant: the text is a valid RFC 3339 UTC time with a `Z` suffix (made by
/// [`Stamp::parse`] or [`Stamp::from_system_time`]).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Stamp(String);

impl Stamp {
    /// Checks `text` as an RFC 3339 UTC time (`YYYY-MM-DDTHH:MM:SS[.fraction]Z`).
    pub fn parse(text: &str) -> Option<Self> {
        humantime::parse_rfc3339(text).ok()?;
        Some(Self(text.to_owned()))
    }

    /// The stamp of a system time, to the second. The caller reads the clock.
    pub fn from_system_time(time: std::time::SystemTime) -> Self {
        Self(humantime::format_rfc3339_seconds(time).to_string())
    }

    /// The RFC 3339 text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The date part (`2026-12-03`), for compact display.
    pub fn date(&self) -> &str {
        self.0.get(..10).unwrap_or(&self.0)
    }
}

impl std::fmt::Display for Stamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The article's own details, as a reader of the report needs them: where it was
/// published, by whom and when. Each is free text and may be empty.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ArticleDetails {
    /// Where the article is online (an absolute http(s) URL when not empty).
    pub url: String,
    /// The outlet ("Reuters").
    pub publisher: String,
    /// The byline.
    pub author: String,
    /// When it was published, as the page gives it (ISO 8601 `2025-09-11` preferred).
    pub published: String,
}

impl ArticleDetails {
    /// True when no detail is filled in.
    pub fn is_empty(&self) -> bool {
        self.url.is_empty()
            && self.publisher.is_empty()
            && self.author.is_empty()
            && self.published.is_empty()
    }

    /// What is wrong with these details, if anything (a URL that is not a web address).
    pub fn problem(&self) -> Option<String> {
        if self.url.is_empty() {
            None
        } else {
            url_problem(&self.url)
        }
    }

    /// "Reuters · Jane Doe · 2025-09-11": the filled-in details in one line.
    pub fn byline(&self) -> String {
        [&self.publisher, &self.author, &self.published]
            .into_iter()
            .filter(|s| !s.trim().is_empty())
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_parse_rfc3339_utc_only() {
        assert!(Stamp::parse("2026-12-03T14:20:05Z").is_some());
        assert!(Stamp::parse("2026-12-03T14:20:05.250Z").is_some());
        for bad in ["2026-12-03", "yesterday", "2026-13-03T14:20:05Z", ""] {
            assert!(Stamp::parse(bad).is_none(), "{bad}");
        }
        let stamp = Stamp::from_system_time(
            std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_764_771_605),
        );
        assert_eq!(stamp.as_str(), "2025-12-03T14:20:05Z");
        assert_eq!(stamp.date(), "2025-12-03");
    }

    #[test]
    fn sources_need_a_url_or_a_citation_and_urls_are_checked() {
        let source = |url: &str, citation: &str| Source {
            url: url.to_owned(),
            citation: citation.to_owned(),
            primary: false,
        };
        assert!(source("", "").problem().is_some());
        assert_eq!(source("", "Viasna list").problem(), None);
        assert_eq!(source("https://spring96.org/en", "").problem(), None);
        assert!(
            source("spring96.org", "")
                .problem()
                .unwrap()
                .contains("https://")
        );
        assert!(
            source("javascript:alert(1)", "x")
                .problem()
                .unwrap()
                .contains("javascript")
        );
        assert!(source(" https://a.org", "").problem().is_some());
        assert_eq!(source("https://a.org", "").title(), "https://a.org");
    }

    #[test]
    fn details_byline_skips_blanks() {
        let details = ArticleDetails {
            publisher: "Reuters".into(),
            published: "2025-09-11".into(),
            ..ArticleDetails::default()
        };
        assert_eq!(details.byline(), "Reuters · 2025-09-11");
        assert!(!details.is_empty());
        assert!(ArticleDetails::default().is_empty());
    }
}
