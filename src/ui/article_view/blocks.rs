//! The article view's layout blocks: each paragraph, with very long ones cut into chunks of at
//! most [`MAX_BLOCK`] bytes at a sentence or word boundary (never inside a grapheme). A block
//! is what gets one galley, one cache entry and one slot in the height index, so laying out,
//! hashing and drawing cost what is on screen even when a paragraph is megabytes long.
//!
//! The chunks of a paragraph are drawn as consecutive blocks with no gap between them (only the
//! paragraph's first block has the gap above it, only its last the gap below), so the
//! paragraph still reads as one; at most a line ends early where a chunk does.

use std::ops::Range;

use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation as _};

/// Longest block, in bytes. A 4 KB galley lays out in well under a millisecond; a paragraph up
/// to this long (every ordinary one) is a single block and renders exactly as it always did.
pub(super) const MAX_BLOCK: usize = 4_096;
/// A chunk ends at the last sentence (else word) end in its final part,
/// `MAX_BLOCK - SPLIT_WINDOW..MAX_BLOCK`; only text without such a boundary there (a wall of
/// characters without spaces) is cut at a grapheme boundary instead.
const SPLIT_WINDOW: usize = MAX_BLOCK / 2;

/// One layout block.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Block {
    /// Byte range in the article text.
    pub range: Range<usize>,
    /// Characters in the block (for its estimated height).
    pub chars: usize,
    /// The paragraph it belongs to reads as a section heading.
    pub heading: bool,
    /// First block of its paragraph (gets the gap above).
    pub first: bool,
    /// Last block of its paragraph (gets the gap below).
    pub last: bool,
}

/// The blocks of a whole article, in document order. Built once per article, O(text).
pub(super) fn blocks(text: &str, paragraphs: &[Range<usize>]) -> Vec<Block> {
    let mut blocks = Vec::with_capacity(paragraphs.len());
    for paragraph in paragraphs {
        let para = &text[paragraph.clone()];
        let heading = looks_like_heading(para);
        let cuts = chunk_ends(para);
        let mut start = 0;
        for (k, &end) in cuts.iter().enumerate() {
            blocks.push(Block {
                range: paragraph.start + start..paragraph.start + end,
                chars: para[start..end].chars().count(),
                heading,
                first: k == 0,
                last: k + 1 == cuts.len(),
            });
            start = end;
        }
    }
    blocks
}

/// Index of the block holding byte `offset` (a boundary between two chunks belongs to the
/// later one; an offset between paragraphs to the next paragraph's first block), clamped to the
/// last block. `blocks` must not be empty for the answer to mean anything.
pub(super) fn block_at(blocks: &[Block], offset: usize) -> usize {
    blocks
        .partition_point(|b| b.range.end <= offset && !(b.last && b.range.end == offset))
        .min(blocks.len().saturating_sub(1))
}

/// End offsets (relative to `para`) of the chunks `para` is cut into; the last is `para.len()`.
fn chunk_ends(para: &str) -> Vec<usize> {
    let mut ends = Vec::with_capacity(para.len() / MAX_BLOCK + 1);
    let mut start = 0;
    while para.len() - start > MAX_BLOCK {
        let end = split_point(para, start);
        ends.push(end);
        start = end;
    }
    ends.push(para.len());
    ends
}

/// Where the chunk starting at `start` ends: after the last sentence end followed by spaces
/// in the window, else after the last run of spaces, else at the last grapheme boundary within
/// [`MAX_BLOCK`]. Always a grapheme boundary strictly after `start`.
fn split_point(para: &str, start: usize) -> usize {
    let limit = start + MAX_BLOCK;
    let window_start = floor_char(para, limit - SPLIT_WINDOW);
    let window = &para[window_start..floor_char(para, limit)];
    let mut sentence = None;
    let mut space = None;
    let mut previous: Option<char> = None;
    for (i, c) in window.char_indices() {
        let after = window_start + i + c.len_utf8();
        if c.is_whitespace() {
            // Split after the whitespace, so the next chunk starts with a word; only where the
            // next character starts a grapheme (not a combining mark on the space).
            if !para[after..].starts_with(char::is_whitespace) && is_grapheme_boundary(para, after)
            {
                space = Some(after);
                if previous.is_some_and(ends_sentence) {
                    sentence = Some(after);
                }
            }
        } else if matches!(c, '。' | '！' | '？') && is_grapheme_boundary(para, after) {
            // CJK text has no spaces after its full stops.
            sentence = Some(after);
        }
        if !c.is_whitespace() {
            previous = Some(c);
        }
    }
    sentence
        .or(space)
        .filter(|&end| end > start && end < para.len())
        .unwrap_or_else(|| grapheme_split(para, start, limit))
}

/// The last grapheme boundary in `start..=limit` after `start` (or, when one grapheme is longer
/// than that, the end of that grapheme).
fn grapheme_split(para: &str, start: usize, limit: usize) -> usize {
    // A little beyond the limit, so the boundary at the limit itself is seen.
    let slice = &para[start..floor_char(para, (limit + 64).min(para.len()))];
    let mut best = None;
    for (i, g) in slice.grapheme_indices(true) {
        let end = start + i + g.len();
        if end > limit {
            return best.unwrap_or(end);
        }
        best = Some(end);
    }
    best.unwrap_or(para.len())
}

fn ends_sentence(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '"' | '”' | '»' | '\'' | ')')
}

fn is_grapheme_boundary(text: &str, at: usize) -> bool {
    // With the whole text as the chunk, the cursor never needs more context.
    GraphemeCursor::new(at, text.len(), true)
        .is_boundary(text, 0)
        .unwrap_or(false)
}

/// `offset` moved down to a char boundary of `text` (clamped to its length).
fn floor_char(text: &str, offset: usize) -> usize {
    crate::model::words::floor_boundary(text, offset.min(text.len()))
}

/// Short lines without closing punctuation read as section headings in plain-text articles.
fn looks_like_heading(line: &str) -> bool {
    let line = line.trim();
    // At most 80 characters of at most 4 bytes: no need to count a long paragraph's.
    if line.len() > 80 * 4 {
        return false;
    }
    let starts_upper = line.chars().next().is_some_and(char::is_uppercase);
    let ends_open = !line.ends_with([
        '.', '!', '?', ':', ';', ',', '"', '\'', '”', '»', ')', '…', '。', '！', '？',
    ]);
    starts_upper && ends_open && line.chars().count() <= 80
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_cover(text: &str, blocks: &[Block], paragraphs: &[Range<usize>]) {
        let mut it = blocks.iter();
        for p in paragraphs {
            let mut at = p.start;
            loop {
                let b = it.next().expect("a block");
                assert_eq!(b.range.start, at);
                assert!(b.range.len() <= MAX_BLOCK + 64, "{}", b.range.len());
                assert!(text.is_char_boundary(b.range.start) && text.is_char_boundary(b.range.end));
                assert!(is_grapheme_boundary(text, b.range.end));
                assert_eq!(b.first, at == p.start);
                at = b.range.end;
                if b.last {
                    break;
                }
            }
            assert_eq!(at, p.end);
        }
        assert!(it.next().is_none());
    }

    #[test]
    fn ordinary_paragraphs_are_one_block_each() {
        let text = "Heading\nA short paragraph. Another sentence.";
        let paragraphs = [0..7, 8..text.len()];
        let blocks = blocks(text, &paragraphs);
        assert_eq!(blocks.len(), 2);
        assert!(blocks[0].heading && blocks[0].first && blocks[0].last);
        assert!(!blocks[1].heading);
        assert_eq!(blocks[1].chars, text[8..].chars().count());
    }

    #[test]
    fn long_paragraphs_split_after_sentences() {
        let sentence = "Prisoners were released on Thursday, officials said. ";
        let text = sentence.repeat(1_000);
        let text = text.trim_end();
        let whole = 0..text.len();
        let paragraphs = [whole];
        let blocks = blocks(text, &paragraphs);
        assert!(blocks.len() > 10);
        check_cover(text, &blocks, &paragraphs);
        for b in &blocks[..blocks.len() - 1] {
            assert!(text[b.range.clone()].ends_with(". "), "{:?}", b.range);
            assert!(b.range.len() > MAX_BLOCK - SPLIT_WINDOW);
        }
        // Block lookup: a chunk boundary belongs to the later chunk, the text end to the last.
        let second = blocks[1].range.start;
        assert_eq!(block_at(&blocks, second), 1);
        assert_eq!(block_at(&blocks, second - 1), 0);
        assert_eq!(block_at(&blocks, text.len()), blocks.len() - 1);
    }

    #[test]
    fn words_then_graphemes_when_there_are_no_sentences() {
        let words = "slovo ".repeat(2_000);
        // No spaces at all, with combining marks and multi-byte characters everywhere.
        let wall = "če\u{301}北👍🏽".repeat(2_000);
        let text = format!("{}\n{wall}\n{}", words.trim_end(), "x");
        let a = words.trim_end().len();
        let paragraphs = [0..a, a + 1..a + 1 + wall.len(), text.len() - 1..text.len()];
        let blocks = blocks(&text, &paragraphs);
        check_cover(&text, &blocks, &paragraphs);
        let first_para: Vec<_> = blocks.iter().take_while(|b| b.range.end <= a).collect();
        assert!(first_para.len() > 2);
        for b in &first_para[..first_para.len() - 1] {
            assert!(text[b.range.clone()].ends_with("slovo "));
        }
        // The wall: cut between whole "če\u{301}北👍🏽" graphemes, never inside one.
        for b in blocks.iter().filter(|b| b.range.start > a && !b.last) {
            let next = &text[b.range.end..];
            assert!(!next.starts_with(['\u{301}', '🏽']), "{:?}", b.range);
        }
        // A block boundary at the paragraph's end belongs to that paragraph.
        let last_of_first = first_para.len() - 1;
        assert_eq!(block_at(&blocks, a), last_of_first);
        assert_eq!(block_at(&blocks, a + 1), last_of_first + 1);
    }
}
