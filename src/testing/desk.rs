//! A generated desk on disk: a folder of articles (plain text, Markdown and saved web pages in
//! section folders) and, for most of them, a session in `sessions/` beside the article (a few
//! beside it), in every state from not started to all checked, with analysts, claimants,
//! verdicts and dates. For the folder's tests and `cargo bench --bench folder`. Unlike the
//! rest of `testing`, this writes files.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{Rng, sentence_pool, word_spans};
use crate::model::{Annotation, AnnotationId, Body, Session, Span, Stamp, Status, Tag};

/// Sections, one folder each.
const SECTIONS: [&str; 8] = [
    "politics", "economy", "world", "health", "sport", "culture", "science", "local",
];

/// Who the claims are attributed to.
pub const CLAIMANTS: [&str; 5] = [
    "Alexander Lukashenka",
    "Sviatlana Tsikhanouskaya",
    "Ministry of Information",
    "State television",
    "Viasna",
];

/// Who tags.
pub const ANALYSTS: [&str; 4] = ["ana", "bo", "chen", "dara"];

/// What was written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Desk {
    /// Every article file, in the order written.
    pub articles: Vec<PathBuf>,
    /// Every session file.
    pub sessions: Vec<PathBuf>,
    /// Bytes of article files in all.
    pub article_bytes: usize,
    /// Annotations in all sessions.
    pub annotations: usize,
}

/// Writes `articles` articles of about `total_bytes` bytes in all under `root`, with
/// sessions for seven in ten (six in `sessions/`, one beside its article), the same for the
/// same arguments.
///
/// # Errors
///
/// The first I/O error writing a file.
///
/// # Panics
///
/// Never: the generated spans and verdicts are valid by construction.
pub fn write_desk(
    root: &Path,
    articles: usize,
    total_bytes: usize,
    seed: u64,
) -> std::io::Result<Desk> {
    let (sentences, _) = sentence_pool();
    let per_article = total_bytes / articles.max(1);
    let mut desk = Desk::default();
    for i in 0..articles {
        let mut rng = Rng::new(seed ^ (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let section = SECTIONS[i % SECTIONS.len()];
        let first = &sentences[rng.below(sentences.len())];
        let title: String = first
            .split_whitespace()
            .take(6)
            .collect::<Vec<_>>()
            .join(" ");
        let slug: String = title
            .to_lowercase()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect::<String>()
            .split('-')
            .filter(|s| !s.is_empty())
            .take(4)
            .collect::<Vec<_>>()
            .join("-");
        let paragraphs = paragraphs(&sentences, &mut rng, per_article, i);
        let (ext, bytes) = match i % 10 {
            0 => ("html", html(&title, &paragraphs)),
            1 | 2 => ("md", format!("# {title}\n\n{}\n", paragraphs.join("\n\n"))),
            _ => ("txt", format!("{title}\n\n{}\n", paragraphs.join("\n\n"))),
        };
        let dir = root.join(section);
        std::fs::create_dir_all(dir.join("sessions"))?;
        let stem = format!("{i:04}-{slug}");
        let path = dir.join(format!("{stem}.{ext}"));
        std::fs::write(&path, &bytes)?;
        desk.article_bytes += bytes.len();
        desk.articles.push(path.clone());
        let session_path = match i % 10 {
            8 | 9 => continue,
            7 => dir.join(format!("{stem}.ron")),
            _ => dir.join("sessions").join(format!("{stem}.ron")),
        };
        let session = session_for(&path, &mut rng, i)?;
        desk.annotations += session.annotations().len();
        std::fs::write(&session_path, crate::store::to_ron(&session))?;
        desk.sessions.push(session_path);
    }
    Ok(desk)
}

/// Paragraphs of about `bytes` in all: the default article's sentences in a random order,
/// with a dateline naming the article's number so every article has a word of its own.
fn paragraphs(sentences: &[String], rng: &mut Rng, bytes: usize, i: usize) -> Vec<String> {
    let mut out = vec![format!(
        "MINSK, dossier D{i:04} — {} said on state television.",
        CLAIMANTS[i % CLAIMANTS.len()]
    )];
    let mut len = out[0].len();
    while len < bytes {
        let count = 2 + rng.below(5);
        let paragraph: Vec<&str> = (0..count)
            .map(|_| sentences[rng.below(sentences.len())].as_str())
            .collect();
        let paragraph = paragraph.join(" ");
        len += paragraph.len() + 2;
        out.push(paragraph);
    }
    out
}

/// A saved web page with the article in `<article>`.
fn html(title: &str, paragraphs: &[String]) -> String {
    let escape = crate::export::report::escape_html;
    let body: String = paragraphs
        .iter()
        .map(|p| format!("<p>{}</p>\n", escape(p)))
        .collect();
    format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{t}</title></head>\n\
         <body><nav><a href=\"/\">Home</a></nav><article><h1>{t}</h1>\n{body}</article>\n\
         <footer>© The Desk</footer></body></html>\n",
        t = escape(title)
    )
}

/// A session of the article at `path` as Factmark would make it (imported from the file),
/// at a progress chosen by `i`: one in five not started (no annotations), one in five all
/// checked, the rest part-way.
fn session_for(path: &Path, rng: &mut Rng, i: usize) -> std::io::Result<Session> {
    let (article, _) = crate::import::import_file(path).map_err(std::io::Error::other)?;
    let article = Arc::new(article);
    if i % 5 == 4 {
        return Ok(Session::new(article));
    }
    let text = article.text();
    let words = word_spans(text);
    let wanted = (text.len() / 250).max(3);
    let stride = (words.len() / wanted).max(1);
    let mut annotations = Vec::new();
    let mut at = 0;
    while at + 8 < words.len() && annotations.len() < wanted {
        let len = 2 + rng.below(6);
        let span = Span::new(words[at].0, words[at + len - 1].1);
        let tag = Tag::ALL[rng.below(3)];
        let status = if i % 5 == 3 {
            [Status::Checked, Status::NotCheckable][usize::from(rng.below(6) == 0)]
        } else {
            Status::ALL[rng.below(4)]
        };
        let analyst = ANALYSTS[(i + rng.below(2)) % ANALYSTS.len()];
        let month = 1 + rng.below(5);
        let day = 1 + rng.below(28);
        let stamp = Stamp::parse(&format!(
            "2026-{month:02}-{day:02}T10:{:02}:00Z",
            rng.below(60)
        ));
        let mut body = match stamp {
            Some(stamp) => Body::made(tag, analyst, stamp),
            None => Body::new(tag),
        };
        body.status = status;
        body.claimant = CLAIMANTS[rng.below(CLAIMANTS.len())].to_owned();
        if status == Status::Checked {
            let scale = match tag {
                Tag::Quote => ["Accurate", "Misquoted", "Out of context"],
                _ => ["True", "False", "Mostly true"],
            };
            body.verdict = Some(scale[rng.below(3)].to_owned());
        }
        annotations.push(Annotation {
            id: AnnotationId(annotations.len() as u64 + 1),
            span,
            body: body.into(),
        });
        at += stride.max(len + 1);
    }
    Session::with_annotations(article, annotations).map_err(std::io::Error::other)
}
