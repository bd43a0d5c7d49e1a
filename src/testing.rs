//! Deterministic generated documents for benchmarks and tests: long articles built from the
//! default article's sentences, with many annotations of mixed tags, nested and overlapping.
//! Not part of the public API: built only with the `testing` feature (tests and benches);
//! nothing here touches the disk except [`desk`], which writes a folder of articles.

use std::ops::Range;
use std::sync::Arc;

use crate::import;

pub mod desk;
use crate::model::{Annotation, AnnotationId, Article, Body, Session, Span, Tag};

/// A generated document's size: about `text_bytes` of text with exactly `annotations` spans.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DocSize {
    /// Short label for tables, e.g. `5 MB / 20000`.
    pub name: &'static str,
    /// Target text length in bytes (the text ends at the first paragraph reaching it).
    pub text_bytes: usize,
    /// Number of annotations.
    pub annotations: usize,
}

/// A news item: 5 KB with 50 annotations.
pub const SMALL: DocSize = DocSize {
    name: "5 KB / 50",
    text_bytes: 5_000,
    annotations: 50,
};

/// A long report: 500 KB with 2,000 annotations.
pub const MEDIUM: DocSize = DocSize {
    name: "500 KB / 2000",
    text_bytes: 500_000,
    annotations: 2_000,
};

/// A book-length dossier: 5 MB with 20,000 annotations.
pub const LARGE: DocSize = DocSize {
    name: "5 MB / 20000",
    text_bytes: 5_000_000,
    annotations: 20_000,
};

/// The three sizes the benchmarks compare, smallest first.
pub const SIZES: [DocSize; 3] = [SMALL, MEDIUM, LARGE];

/// `size`'s generated session with every line break of its text turned into a space: the
/// same annotations (the byte offsets do not move) in one paragraph, titled `title`.
pub fn one_paragraph(size: DocSize, title: &str) -> Session {
    let generated = session(size);
    let text = generated.article().text().replace('\n', " ");
    let article = Arc::new(Article::new(title, None, text));
    match Session::with_annotations(article, generated.annotations().to_vec()) {
        Ok(session) => session,
        Err(error) => unreachable!("the generated spans are valid: {error}"),
    }
}

/// SplitMix64: tiny, fast and the same on every platform. Seeded pseudo-random numbers for
/// the generator here and for the randomised tests (replayable from their seed).
pub struct Rng(u64);

impl Rng {
    /// A generator that always gives the same sequence for the same `seed`.
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`; the modulo bias is irrelevant here).
    pub fn below(&mut self, n: usize) -> usize {
        // A usize always fits in u64 on supported targets, and the result is below `n`.
        #[allow(clippy::cast_possible_truncation)]
        let value = (self.next_u64() % n as u64) as usize;
        value
    }
}

/// The default article's sentences and section headings, in order.
fn sentence_pool() -> (Vec<String>, Vec<String>) {
    let article = import::default_article();
    let text = article.text();
    let mut sentences = Vec::new();
    let mut headings = Vec::new();
    for para in article.paragraphs() {
        let line = text[para.clone()].trim();
        let ends_open = !line.ends_with(['.', '!', '?', ':', ';', ',', '"', '\'', '”', ')']);
        if ends_open && line.chars().count() <= 80 {
            headings.push(line.to_owned());
            continue;
        }
        let mut start = 0;
        let bytes = line.as_bytes();
        for (i, c) in line.char_indices() {
            let at_end =
                matches!(c, '.' | '!' | '?') && bytes.get(i + 1).is_none_or(|&b| b == b' ');
            if at_end {
                let sentence = line[start..=i].trim();
                if !sentence.is_empty() {
                    sentences.push(sentence.to_owned());
                }
                start = i + 1;
            }
        }
        let rest = line[start..].trim();
        if !rest.is_empty() {
            sentences.push(rest.to_owned());
        }
    }
    (sentences, headings)
}

/// About `bytes` of article text: paragraphs of two to seven of the default article's
/// sentences, with a section heading every few paragraphs. Always the same for the same size.
pub fn article_text(bytes: usize) -> String {
    let (sentences, headings) = sentence_pool();
    let mut rng = Rng(0x00FA_C7AA_11C0_FFEE ^ bytes as u64);
    let mut text = String::with_capacity(bytes + 2_000);
    let mut paragraphs = 0usize;
    while text.len() < bytes {
        if !text.is_empty() {
            text.push('\n');
        }
        if paragraphs % 9 == 4 && !headings.is_empty() {
            text.push_str(&headings[rng.below(headings.len())]);
            text.push('\n');
        }
        let count = 2 + rng.below(6);
        for k in 0..count {
            if k > 0 {
                text.push(' ');
            }
            text.push_str(&sentences[rng.below(sentences.len())]);
        }
        paragraphs += 1;
    }
    text
}

/// A generated article of about `bytes` (see [`article_text`]).
pub fn article(bytes: usize) -> Article {
    Article::new(
        format!("Generated dossier ({bytes} bytes)"),
        None,
        article_text(bytes),
    )
}

/// A session over [`article`]`(size.text_bytes)` with exactly `size.annotations` annotations
/// spread evenly through the text: mostly a few words each, some nested inside or partly
/// overlapping their neighbour, some covering a whole paragraph, some crossing into the
/// next paragraph. Ids are 1..=n in document order; every fifth has a note containing
/// `[n<id>]`, so tests can find a given annotation with the list filter.
///
/// # Panics
///
/// Never for the sizes here (the generated spans are valid by construction).
pub fn session(size: DocSize) -> Session {
    let article = Arc::new(article(size.text_bytes));
    let annotations = annotations(&article, size.annotations);
    match Session::with_annotations(article, annotations) {
        Ok(session) => session,
        Err(error) => panic!("generated annotations are valid: {error}"),
    }
}

/// Byte ranges of the space-separated words of `range` in `text`.
fn words(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in text[range.clone()].char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                words.push(range.start + s..range.start + i);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push(range.start + s..range.end);
    }
    words
}

fn annotations(article: &Article, n: usize) -> Vec<Annotation> {
    let text = article.text();
    let paragraphs = article.paragraphs();
    let mut rng = Rng(0x5EED_0000 ^ n as u64);
    let stride = (text.len() / n.max(1)).max(1);
    let mut spans: Vec<Span> = Vec::with_capacity(n);
    let mut previous = Span::new(0, 0);
    for i in 0..n {
        let at = (i * stride + rng.below(stride)).min(text.len().saturating_sub(1));
        let p = article.paragraph_at(at).min(paragraphs.len() - 1);
        let para_words = words(text, paragraphs[p].clone());
        let w = para_words
            .partition_point(|word| word.end <= at)
            .min(para_words.len() - 1);
        let span_of = |from: usize, count: usize| {
            let last = (from + count).min(para_words.len()) - 1;
            Span::new(para_words[from].start, para_words[last].end)
        };
        let span = match i % 20 {
            // Nested inside the previous span: its last word or two.
            14..=16 if !previous.is_empty() => {
                let inner = words(text, previous.range());
                let take = inner.len().min(1 + rng.below(2));
                Span::new(inner[inner.len() - take].start, previous.end)
            }
            // Starts inside the previous span and runs on past it.
            18 if !previous.is_empty() => {
                let from = words(text, previous.range())
                    .last()
                    .map_or(previous.start, |word| word.start);
                Span::new(
                    from,
                    span_of(w, 3).end.max(previous.end + 1).min(text.len()),
                )
            }
            // A whole paragraph, enclosing the spans inside it.
            17 => Span::from(paragraphs[p].clone()),
            // The end of this paragraph and the start of the next.
            19 if p + 1 < paragraphs.len() => {
                let from = para_words.len().saturating_sub(3);
                let next_words = words(text, paragraphs[p + 1].clone());
                let to = next_words[next_words.len().min(2) - 1].end;
                Span::new(para_words[from].start, to)
            }
            _ => span_of(w, 1 + rng.below(6)),
        };
        let span = Span::new(
            crate::model::words::floor_boundary(text, span.start),
            crate::model::words::ceil_boundary(text, span.end),
        );
        spans.push(span);
        if i % 20 < 14 {
            previous = span;
        }
    }
    spans.sort_by_key(|span| (span.start, std::cmp::Reverse(span.end)));
    spans
        .into_iter()
        .enumerate()
        .map(|(i, span)| {
            let id = i as u64 + 1;
            Annotation {
                id: AnnotationId(id),
                span,
                body: Arc::new(Body {
                    note: if id.is_multiple_of(5) {
                        format!("Check against the source [n{id}].")
                    } else {
                        String::new()
                    },
                    ..Body::new(Tag::ALL[rng.below(3)])
                }),
            }
        })
        .collect()
}

/// Byte ranges of the whitespace-separated words of `text`.
pub fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// A session of `n` annotations of 3 to 12 consecutive words each on a generated article of
/// about `bytes`, and a complete rewrite of that article: the same words, shuffled, so no
/// quote is anywhere near (a realistic vocabulary, not an alphabet with no hits at all). For
/// the re-anchoring test and benchmark of unplaceable annotations.
///
/// # Panics
///
/// Never for `n ≥ 1` and `bytes` of at least a few hundred (the generated spans are valid).
pub fn rewritten_session(bytes: usize, n: usize, seed: u64) -> (Session, Arc<Article>) {
    let article = self::article(bytes);
    let text = article.text().to_owned();
    let spans = word_spans(&text);
    let mut rng = Rng::new(seed);
    let annotations = (0..n)
        .map(|i| {
            let count = 3 + rng.below(10);
            let first = rng.below(spans.len() - count);
            Annotation {
                id: AnnotationId(i as u64 + 1),
                span: Span::new(spans[first].0, spans[first + count - 1].1),
                body: Body::new(Tag::ALL[i % 3]).into(),
            }
        })
        .collect();
    let session = match Session::with_annotations(Arc::new(article), annotations) {
        Ok(session) => session,
        Err(error) => panic!("generated annotations are valid: {error}"),
    };
    let mut shuffled: Vec<&str> = spans.iter().map(|&(s, e)| &text[s..e]).collect();
    for i in (1..shuffled.len()).rev() {
        shuffled.swap(i, rng.below(i + 1));
    }
    let mut new = String::with_capacity(text.len());
    for (i, word) in shuffled.iter().enumerate() {
        new.push_str(word);
        new.push(if i % 90 == 89 { '\n' } else { ' ' });
    }
    (session, Arc::new(Article::new("Rewritten", None, new)))
}

/// The small session every exchange format is tested with (golden files, round trips, the
/// real readers in `tests/interop/`): an emoji and a flag before the first span (so code
/// points, UTF-16 units and bytes all differ), Cyrillic, a combining accent and CJK, a quote
/// that crosses a line break, overlapping and nested spans, a multi-line note, and every
/// fact-check field filled on some annotation. Saved as `tests/interop/sessions/small.ron`.
pub fn exchange_session() -> Session {
    use crate::model::{ArticleDetails, Source, Stamp, Status};
    let text = "Minsk talks 🙂🇧🇾: Lukashenka freed 52 prisoners, Viasna said.\n\
                \"We want the sanctions on potash lifted,\" Viačorka said, \"and the\n\
                border reopened.\" Turnout was 84% in Мінск; Jose\u{301} counted 2 000 votes.\n\
                北京 reacted: a 15% rise in trade, an official said.";
    let article = Arc::new(Article::new("Minsk talks", None, text));
    let span = |needle: &str| {
        let start = text
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} is in the text"));
        Span::new(start, start + needle.len())
    };
    let stamp = |s: &str| Stamp::parse(s).unwrap_or_else(|| panic!("{s} is RFC 3339"));
    let mut claim = Body::made(Tag::Claim, "Alena", stamp("2026-11-02T09:15:00Z"));
    claim.claimant = "Viasna".to_owned();
    claim.status = Status::Checked;
    claim.verdict = Some("Mostly true".to_owned());
    claim.note =
        "Viasna's list says 52.\nThe state agency says 51; \"freed\" vs \"pardoned\".".to_owned();
    claim.sources = vec![
        Source {
            url: "https://spring96.org/en/news/prisoners".to_owned(),
            citation: "Viasna, list of political prisoners".to_owned(),
            primary: true,
        },
        Source {
            url: String::new(),
            citation: "BelTA, 11 Sept 2026, p. 2".to_owned(),
            primary: false,
        },
    ];
    let mut statistic = Body::made(Tag::Statistic, "Alena", stamp("2026-11-02T09:16:30Z"));
    statistic.note = "Inside the claim: a span within a span.".to_owned();
    let mut quote = Body::made(Tag::Quote, "Tomas", stamp("2026-11-03T14:00:00Z"));
    quote.claimant = "Franak Viačorka".to_owned();
    quote.status = Status::Checked;
    quote.verdict = Some("Accurate".to_owned());
    quote.note = "Crosses a line break; <b>markup</b> & \"quotes\" stay text.".to_owned();
    let mut turnout = Body::made(Tag::Statistic, "Tomas", stamp("2026-11-03T14:05:00Z"));
    turnout.status = Status::Checking;
    let mut overlap = Body::made(Tag::Claim, "Tomas", stamp("2026-11-03T14:06:00Z"));
    overlap.status = Status::NotCheckable;
    let mut votes = Body::made(Tag::Statistic, "Alena", stamp("2026-11-04T08:00:00Z"));
    votes.verdict = Some("False".to_owned());
    votes.status = Status::Checked;
    let mut trade = Body::new(Tag::Statistic);
    trade.claimant = "an official".to_owned();
    let bodies = [
        (span("Lukashenka freed 52 prisoners"), claim),
        (span("52 prisoners"), statistic),
        (
            span(
                "\"We want the sanctions on potash lifted,\" Viačorka said, \"and the\nborder reopened.\"",
            ),
            quote,
        ),
        (span("Turnout was 84%"), turnout),
        (span("84% in Мінск; Jose\u{301} counted"), overlap),
        (span("2 000 votes"), votes),
        (span("a 15% rise in trade"), trade),
    ];
    let annotations = bodies
        .into_iter()
        .enumerate()
        .map(|(i, (span, body))| Annotation {
            id: AnnotationId(i as u64 + 1),
            span,
            body: body.into(),
        })
        .collect();
    let details = ArticleDetails {
        url: "https://example.org/news/minsk-talks".to_owned(),
        publisher: "Example News".to_owned(),
        author: "Ina Kavalenka".to_owned(),
        published: "2026-11-01".to_owned(),
    };
    match Session::from_parts_with(
        article,
        annotations,
        Vec::new(),
        crate::model::Scales::default(),
        details,
    ) {
        Ok(session) => session,
        Err(error) => panic!("the exchange session is valid: {error}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_sizes_and_valid_spans() {
        let a = session(SMALL);
        let b = session(SMALL);
        assert_eq!(a, b);
        let text = a.article().text();
        assert!((SMALL.text_bytes..SMALL.text_bytes + 2_000).contains(&text.len()));
        assert_eq!(a.annotations().len(), SMALL.annotations);
        let nested = a
            .annotations()
            .windows(2)
            .filter(|w| w[0].span.overlaps(w[1].span))
            .count();
        assert!(nested >= 5, "{nested} overlapping neighbours");
        assert!(a.annotations().iter().any(|x| a.text_of(x).contains('\n')));
        let last = a.annotations().last().unwrap();
        assert_eq!(last.id, AnnotationId(50));
        assert!(last.body.note.contains("[n50]"));
        assert_eq!(a.counts().iter().sum::<usize>(), 50);
        assert!(a.counts().iter().all(|&c| c > 5), "{:?}", a.counts());
    }
}
