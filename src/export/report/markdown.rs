//! The report as Markdown: the same summary and entries, every user string escaped for
//! CommonMark.

use std::fmt::Write as _;

use super::*;

/// Escapes user text for Markdown (CommonMark): every character that could start markup
/// (emphasis, links, images, HTML, code, headings, lists, tables) gets a backslash, so a note
/// cannot inject links or HTML. Line breaks become hard breaks.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for (n, line) in text.trim().lines().enumerate() {
        if n > 0 {
            out.push_str("\\\n");
        }
        let mut escaped = String::new();
        escape_chars(line, &mut escaped);
        out.push_str(&line_start_safe(&escaped));
    }
    out
}

/// `line` (already escaped) with its leading spaces removed (four would start a code block)
/// and a leading "1." or "1)" escaped (it would start an ordered list).
fn line_start_safe(line: &str) -> String {
    let line = line.trim_start();
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && matches!(line.as_bytes().get(digits), Some(b'.' | b')')) {
        format!("{}\\{}", &line[..digits], &line[digits..])
    } else {
        line.to_owned()
    }
}

/// Appends `text` with a backslash before every character that could start Markdown markup.
fn escape_chars(text: &str, out: &mut String) {
    const SPECIAL: &str = "\\`*_{}[]<>()#+-!|~=&:";
    for c in text.chars() {
        if SPECIAL.contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
}

/// A Markdown link destination: characters that would end or break it percent-encoded.
fn markdown_url(url: &str) -> String {
    let mut out = String::new();
    for c in url.chars() {
        match c {
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            ' ' => out.push_str("%20"),
            '\\' => out.push_str("%5C"),
            c => out.push(c),
        }
    }
    out
}

fn markdown_link(url: &str, text: &str) -> String {
    if is_web(url) {
        format!("[{}]({})", escape_markdown(text), markdown_url(url))
    } else {
        escape_markdown(text)
    }
}

fn markdown_verdict(session: &Session, body: &Body) -> String {
    let Some(name) = &body.verdict else {
        return "No verdict".to_owned();
    };
    match session.scale_for(body.tag).get(name) {
        Some(rating) => {
            let mut out = format!("**{}**", escape_markdown(&rating.name));
            if rating.retired {
                out.push_str(" (no longer in the scale)");
            }
            if !rating.description.trim().is_empty() {
                let _ = write!(out, ": {}", escape_markdown(&rating.description));
            }
            out
        }
        None => format!("**{}** (not in the scale)", escape_markdown(name)),
    }
}

/// The report as Markdown (CommonMark with a GitHub-style table): the same content as
/// [`html`], the article text with each span between `⟦C1 ` and `⟧`.
pub fn markdown(session: &Session) -> String {
    let mut out = String::new();
    let article = session.article();
    let details = session.details();
    let summary = Summary::of(session);
    let (entries, labels) = entries(session);
    let title = if article.title().trim().is_empty() {
        "Untitled article"
    } else {
        article.title()
    };
    let _ = writeln!(out, "# Fact-check: {}\n", escape_markdown(title));
    let byline = details.byline();
    if !byline.is_empty() {
        let _ = writeln!(out, "{}\\", escape_markdown(&byline));
    }
    if !details.url.trim().is_empty() {
        let _ = writeln!(out, "{}", markdown_link(&details.url, &details.url));
    }
    out.push_str("\n## Summary\n\n");
    let _ = writeln!(out, "**{}**\n", summary.progress_line());
    out.push_str("| Tag |");
    for status in Status::ALL {
        let _ = write!(out, " {} |", status.label());
    }
    out.push_str(" Total |\n|---|");
    for _ in Status::ALL {
        out.push_str("---:|");
    }
    out.push_str("---:|\n");
    for tag in Tag::ALL {
        let _ = write!(out, "| {} |", plural(tag));
        for status in Status::ALL {
            let _ = write!(out, " {} |", summary.by_status[tag.index()][status.index()]);
        }
        let _ = writeln!(out, " {} |", summary.tag_total(tag));
    }
    out.push_str("| **All** |");
    for status in Status::ALL {
        let _ = write!(out, " **{}** |", summary.status_total(status));
    }
    let _ = writeln!(out, " **{}** |\n", session.annotations().len());
    if summary.orphans > 0 {
        let _ = writeln!(
            out,
            "Plus {} no longer in the article text (listed at the end).\n",
            summary.orphans
        );
    }
    for kind in ScaleKind::ALL {
        let _ = writeln!(out, "{}:\n", verdicts_heading(kind));
        for (rating, n) in &summary.verdicts[kind.index()] {
            let _ = writeln!(
                out,
                "- {}{}: {n}",
                escape_markdown(&rating.name),
                if rating.retired {
                    " (no longer in the scale)"
                } else {
                    ""
                }
            );
        }
        let _ = writeln!(out, "- No verdict: {}\n", summary.no_verdict[kind.index()]);
    }

    let headings = [
        "Claims and statistics",
        "Quotes",
        "No longer in the article",
    ];
    for (section, heading) in headings.iter().enumerate() {
        let chosen: Vec<&Entry> = entries.iter().filter(|e| e.section() == section).collect();
        if chosen.is_empty() && section == 2 {
            continue;
        }
        let _ = writeln!(out, "## {heading}\n");
        if chosen.is_empty() {
            out.push_str("None were tagged.\n\n");
        }
        for entry in chosen {
            markdown_entry(&mut out, session, entry);
        }
    }

    out.push_str("## Article text\n\nEach tagged span is between ⟦ and ⟧, with its number.\n\n");
    let annotations = session.annotations();
    let layout = Layout::of(session);
    let mut open: Vec<usize> = Vec::new();
    for (p, paragraph) in layout.paragraphs.iter().enumerate() {
        let mut line = String::new();
        for (s, segment) in paragraph.iter().enumerate() {
            for i in layout.starting((p, s)) {
                let _ = write!(line, "⟦{} ", labels[&annotations[i].id]);
                open.push(i);
            }
            escape_chars(segment.text, &mut line);
            for i in layout.ending((p, s)) {
                // The innermost open span closes with a plain bracket; one closing out of
                // order (overlapping spans) names itself.
                if open.last() == Some(&i) {
                    line.push('⟧');
                } else {
                    let _ = write!(line, "⟧{}", labels[&annotations[i].id]);
                }
                open.retain(|&o| o != i);
            }
        }
        let _ = writeln!(out, "{}\n", line_start_safe(&line));
    }
    let _ = writeln!(
        out,
        "---\n\nMade with Factmark {}.",
        env!("CARGO_PKG_VERSION")
    );
    out
}

fn markdown_entry(out: &mut String, session: &Session, entry: &Entry<'_>) {
    let body = entry.body;
    let tag = body.tag;
    let _ = writeln!(out, "### {} · {}\n", entry.label, tag.label());
    for line in escape_markdown(entry.text).split("\\\n") {
        let _ = writeln!(out, "> {line}");
    }
    out.push('\n');
    let _ = writeln!(
        out,
        "- {}: {}",
        verdict_word(tag),
        markdown_verdict(session, body)
    );
    let _ = writeln!(out, "- Status: {}", body.status.label());
    let who = claimant_word(tag);
    let _ = writeln!(
        out,
        "- {who}: {}",
        if body.claimant.trim().is_empty() {
            "not recorded".to_owned()
        } else {
            escape_markdown(&body.claimant)
        }
    );
    if !body.sources.is_empty() {
        out.push_str("- Sources:\n");
        for source in &body.sources {
            let citation = source.citation.trim();
            let mut item = if citation.is_empty() {
                markdown_link(&source.url, &source.url)
            } else if is_web(&source.url) {
                markdown_link(&source.url, citation)
            } else if source.url.trim().is_empty() {
                escape_markdown(citation)
            } else {
                format!(
                    "{} ({})",
                    escape_markdown(citation),
                    escape_markdown(&source.url)
                )
            };
            if source.primary {
                item.push_str(" (primary)");
            }
            let _ = writeln!(out, "  - {item}");
        }
    }
    if !body.note.trim().is_empty() {
        let _ = writeln!(
            out,
            "- Note: {}",
            escape_markdown(&body.note).replace("\\\n", "\\\n  ")
        );
    }
    if !body.analyst.trim().is_empty() {
        let _ = writeln!(out, "- Analyst: {}", escape_markdown(&body.analyst));
    }
    for (name, stamp) in [("Created", &body.created), ("Changed", &body.changed)] {
        if let Some(stamp) = stamp {
            let _ = writeln!(out, "- {name}: {}", when(stamp));
        }
    }
    out.push('\n');
}
