//! How error messages show stored text: short excerpts with invisible characters escaped, and
//! a guess at the offset unit of a file written by a tool that counts differently.

/// When offsets that do not fit as code points do fit as UTF-8 bytes or UTF-16 units (a
/// file written by a tool that counts differently), names that unit. Only called on the error
/// path, so its linear scan costs nothing for good files.
pub(super) fn guess_unit(
    text: &str,
    start: usize,
    end: usize,
    stored: &str,
) -> Option<&'static str> {
    if stored.is_empty() {
        return None;
    }
    if text.get(start..end) == Some(stored) {
        return Some("UTF-8 bytes");
    }
    let mut units = 0;
    let (mut byte_start, mut byte_end) = (None, None);
    for (byte, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if units == start {
            byte_start = Some(byte);
        }
        if units == end {
            byte_end = Some(byte);
            break;
        }
        units += c.len_utf16();
    }
    match (byte_start, byte_end) {
        (Some(s), Some(e)) if text.get(s..e) == Some(stored) => Some("UTF-16 code units"),
        _ => None,
    }
}

/// `text` shortened to `max` characters (with `…`), line breaks shown as `⏎`, and
/// characters that show nothing by themselves (combining marks, zero-width and format
/// characters, controls) written as `\u{…}` escapes: stored "e\u{301}" and the article's
/// precomposed "é" look the same on screen, and the message must show the difference.
pub(crate) fn excerpt(text: &str, max: usize) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    for c in text.chars().take(max) {
        if c == '\n' {
            out.push('⏎');
        } else if is_invisible(c) {
            // Writing to a String cannot fail.
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    if text.chars().nth(max).is_some() {
        out.push('…');
    }
    out
}

/// Characters that have no visible form of their own: combining diacritical marks (the
/// general-purpose blocks), zero-width and bidirectional format characters, variation
/// selectors, the soft hyphen, the byte-order mark, and control characters.
pub(super) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{300}'..='\u{36f}'
            | '\u{1ab0}'..='\u{1aff}'
            | '\u{1dc0}'..='\u{1dff}'
            | '\u{20d0}'..='\u{20ff}'
            | '\u{fe20}'..='\u{fe2f}'
            | '\u{fe00}'..='\u{fe0f}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{ad}'
            | '\u{feff}'
    ) || (c.is_control() && c != '\t')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_characters_are_escaped_in_excerpts() {
        assert_eq!(
            excerpt("e\u{301}\u{200b}x\u{7}", 10),
            "e\\u{301}\\u{200b}x\\u{7}"
        );
        assert_eq!(excerpt("é\tok", 10), "é\tok");
    }

    #[test]
    fn excerpts_are_short() {
        assert_eq!(excerpt("a\nb", 10), "a⏎b");
        let long = "č".repeat(100);
        assert_eq!(excerpt(&long, 60).chars().count(), 61);
    }
}
