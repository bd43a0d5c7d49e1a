//! brat standoff's line syntax, both ways: the escapes that keep a comment (a note, a
//! claimant, a source) on one line, attribute values without spaces, the fragments a span
//! crossing a line break is written as, and the names of the fields Factmark writes. Shared by
//! the exporter beside it and the importer in `crate::interop::brat`, so the two always agree.

use std::ops::Range;

use crate::model::Source;

/// The attribute holding an annotation's check status (`ToCheck` … `NotCheckable`).
pub(crate) const STATUS: &str = "Status";
/// The attribute holding the verdict of a claim or statistic (the rating scale).
pub(crate) const VERDICT: &str = "Verdict";
/// The attribute holding the verdict of a quote (the attribution scale).
pub(crate) const ATTRIBUTION: &str = "Attribution";
/// brat's own comment type for notes (what its editor shows and edits).
pub(crate) const NOTES: &str = "AnnotatorNotes";
/// Comment types for the other free-text fields. brat shows every comment of an annotation in
/// its tooltip and keeps comments of types it does not edit when the annotation is edited.
pub(crate) const CLAIMANT: &str = "Claimant";
/// A source that is not primary.
pub(crate) const SOURCE: &str = "Source";
/// A primary source.
pub(crate) const PRIMARY_SOURCE: &str = "PrimarySource";
/// Who made the annotation.
pub(crate) const ANALYST: &str = "Analyst";
/// When it was made (RFC 3339).
pub(crate) const CREATED: &str = "Created";
/// When it last changed (RFC 3339).
pub(crate) const CHANGED: &str = "Changed";

/// The characters at which Python's `str.splitlines` ends a line. brat reads `.ann` files
/// line by line with it, so none of these may appear inside a line we write.
pub(crate) fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\u{0b}'
            | '\u{0c}'
            | '\u{1c}'
            | '\u{1d}'
            | '\u{1e}'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// `text` on one line: `\` becomes `\\`, a line feed `\n`, a carriage return `\r`, a tab
/// `\t`, any other line break `\u{2028}` (its code point in hex), and each character of
/// `extra` is preceded by `\`. [`unescape`] undoes it.
pub(crate) fn escape(text: &str, extra: &[char]) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_line_break(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c if extra.contains(&c) => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Undoes [`escape`]. A backslash before anything else (a note written by another tool that
/// happens to contain `C:\data`) is kept as it is.
pub(crate) fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let mut chars = after.chars();
        let (decoded, used) = match chars.next() {
            Some('\\') => (Some('\\'), 1),
            Some('n') => (Some('\n'), 1),
            Some('r') => (Some('\r'), 1),
            Some('t') => (Some('\t'), 1),
            Some(c @ ('<' | '>')) => (Some(c), 1),
            Some('u') => code_point(after).map_or((None, 0), |(c, len)| (Some(c), len)),
            _ => (None, 0),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &after[used..];
            }
            None => {
                out.push('\\');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `u{hex}` at the start of `after`: the character and the bytes it took.
fn code_point(after: &str) -> Option<(char, usize)> {
    let inner = after.strip_prefix("u{")?;
    let close = inner.find('}')?;
    let value = u32::from_str_radix(&inner[..close], 16).ok()?;
    Some((char::from_u32(value)?, 2 + close + 1))
}

/// An attribute value brat can hold (its `.ann` line and `annotation.conf` split on spaces,
/// `|` and `,`): spaces become `_`, and `_`, `%`, `|`, `,`, other whitespace and control
/// characters become `%XX` (their UTF-8 bytes). Letters of any script stay readable:
/// `Mostly true` → `Mostly_true`, `Праўда` → `Праўда`. [`decode_value`] undoes it.
pub(crate) fn encode_value(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c == ' ' {
            out.push('_');
        } else if matches!(c, '_' | '%' | '|' | ',') || c.is_whitespace() || c.is_control() {
            let mut buffer = [0; 4];
            for byte in c.encode_utf8(&mut buffer).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Undoes [`encode_value`]; a value that does not decode to UTF-8 is returned as it is.
pub(crate) fn decode_value(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |at: usize| {
            bytes
                .get(at..at + 2)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        };
        match bytes[i] {
            b'_' => out.push(b' '),
            b'%' if hex(i + 1).is_some() => {
                out.extend(hex(i + 1));
                i += 2;
            }
            byte => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| value.to_owned())
}

/// The pieces of `span` (bytes of `text`) brat gets: a T line cannot hold a line break, so a
/// span that crosses one is written as fragments `s1 e1;s2 e2` the way brat's own editor
/// splits a selection: cut at each run of whitespace that holds a line break, the run left
/// out. Gaps between fragments are therefore whitespace only, which is how the importer
/// joins them back. A span that starts or ends with such a run loses it (the caller reports
/// that); one that is nothing but such a run has no fragment at all.
pub(crate) fn fragments(text: &str, span: Range<usize>) -> Vec<Range<usize>> {
    let Some(slice) = text.get(span.clone()) else {
        return Vec::new();
    };
    let mut pieces = Vec::new();
    let mut piece_start = span.start;
    let mut run: Option<(usize, bool)> = None;
    for (offset, c) in slice.char_indices() {
        let at = span.start + offset;
        if c.is_whitespace() {
            let (start, breaks) = run.unwrap_or((at, false));
            run = Some((start, breaks || is_line_break(c)));
            continue;
        }
        if let Some((start, true)) = run {
            if start > piece_start {
                pieces.push(piece_start..start);
            }
            piece_start = at;
        }
        run = None;
    }
    let piece_end = match run {
        Some((start, true)) => start,
        _ => span.end,
    };
    if piece_end > piece_start {
        pieces.push(piece_start..piece_end);
    }
    pieces
}

/// How a source is written as a comment: its type ([`SOURCE`] or [`PRIMARY_SOURCE`]) and
/// its text, `<URL> citation` (either part may be missing; `<`, `>` and line breaks escaped).
pub(crate) fn encode_source(source: &Source) -> (&'static str, String) {
    let kind = if source.primary {
        PRIMARY_SOURCE
    } else {
        SOURCE
    };
    let citation = escape(&source.citation, &['<']);
    let text = match (source.url.is_empty(), source.citation.is_empty()) {
        (true, _) => citation,
        (false, true) => format!("<{}>", escape(&source.url, &['>'])),
        (false, false) => format!("<{}> {citation}", escape(&source.url, &['>'])),
    };
    (kind, text)
}

/// Reads a source comment written by [`encode_source`] (or by hand: text without `<…>` is
/// all citation).
pub(crate) fn decode_source(primary: bool, text: &str) -> Source {
    let url_and_rest = text.strip_prefix('<').and_then(|inner| {
        let mut escaped = false;
        inner.char_indices().find_map(|(i, c)| {
            let close = c == '>' && !escaped;
            escaped = c == '\\' && !escaped;
            close.then(|| (&inner[..i], &inner[i + 1..]))
        })
    });
    match url_and_rest {
        Some((url, rest)) => Source {
            url: unescape(url),
            citation: unescape(rest.strip_prefix(' ').unwrap_or(rest)),
            primary,
        },
        None => Source {
            url: String::new(),
            citation: unescape(text),
            primary,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_round_trip_and_stay_on_one_line() {
        for text in [
            "plain",
            "two\nlines\r\nand a\ttab",
            "back\\slash \\n literal",
            "para\u{2029}graph \u{85} \u{0b}",
            "<b>markup</b> & \"quotes\"",
            "ends with a backslash\\",
        ] {
            let escaped = escape(text, &['<', '>']);
            assert!(!escaped.contains(is_line_break), "{escaped:?}");
            assert!(!escaped.contains('\t'), "{escaped:?}");
            assert_eq!(unescape(&escaped), text);
        }
        assert_eq!(escape("a\nb", &[]), "a\\nb");
        assert_eq!(
            unescape("C:\\data\\x"),
            "C:\\data\\x",
            "unknown escapes stay"
        );
        assert_eq!(unescape("\\u{zz}"), "\\u{zz}");
    }

    #[test]
    fn attribute_values_have_no_separators_and_round_trip() {
        assert_eq!(encode_value("Mostly true"), "Mostly_true");
        assert_eq!(encode_value("Праўда"), "Праўда");
        assert_eq!(encode_value("a_b|c,d%"), "a%5Fb%7Cc%2Cd%25");
        for name in [
            "Out of context",
            "a_b",
            "x%20y",
            "tab\there",
            "Ложь",
            "50/50",
        ] {
            let value = encode_value(name);
            assert!(
                !value.contains(|c: char| c.is_whitespace() || c == '|' || c == ','),
                "{value}"
            );
            assert_eq!(decode_value(&value), name);
        }
        assert_eq!(decode_value("%FF"), "%FF", "not UTF-8: kept");
    }

    #[test]
    fn spans_split_at_line_breaks_like_brat() {
        let text = "and the \nborder reopened.\r\n\r\nNext";
        let all = 0..text.len();
        let pieces: Vec<&str> = fragments(text, all).into_iter().map(|r| &text[r]).collect();
        assert_eq!(pieces, ["and the", "border reopened.", "Next"]);
        assert_eq!(fragments(text, 0..7), vec![0..7], "no break: one fragment");
        assert_eq!(fragments(text, 4..9), vec![4..7], "trailing break dropped");
        assert_eq!(fragments(text, 7..12), vec![9..12], "leading break dropped");
        assert!(fragments(text, 7..9).is_empty(), "only a break");
        assert_eq!(
            fragments("a b", 0..3),
            vec![0..3],
            "plain spaces stay inside"
        );
        assert!(fragments("ab", 0..5).is_empty(), "out of range");
    }

    #[test]
    fn sources_round_trip() {
        for (url, citation, primary) in [
            ("https://spring96.org/en", "Viasna, list", true),
            ("https://a.org/x>y", "", false),
            ("", "<not a link> really", false),
            ("", "line\nbreak", true),
        ] {
            let source = Source {
                url: url.to_owned(),
                citation: citation.to_owned(),
                primary,
            };
            let (kind, text) = encode_source(&source);
            assert_eq!(kind == PRIMARY_SOURCE, primary);
            assert_eq!(decode_source(primary, &text), source, "{text}");
        }
        assert_eq!(
            decode_source(false, "BelTA, p. 2").citation,
            "BelTA, p. 2",
            "hand-written citation"
        );
    }
}
