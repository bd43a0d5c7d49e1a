//! Conversions between byte offsets (used in memory) and code-point offsets (used on disk).
//!
//! In memory every span is a byte range on `char` boundaries, so slicing is cheap. Files and
//! exports use Unicode scalar (code point) offsets, the unit Python, spaCy and the W3C Web
//! Annotation model use. All conversions go through [`OffsetMap`], which samples every
//! [`OffsetMap::STRIDE`]-th character so one conversion costs O(stride), not O(text).

/// A sampled index of a text's character positions.
#[derive(Clone, Debug)]
pub struct OffsetMap {
    /// `checkpoints[i]` is the byte offset of character `i * STRIDE`.
    checkpoints: Vec<usize>,
    char_count: usize,
    byte_len: usize,
}

impl OffsetMap {
    /// Characters between checkpoints: small enough that a conversion is a short scan,
    /// large enough that the index costs a fraction of the text (8 bytes per 64 chars).
    pub const STRIDE: usize = 64;

    /// Indexes `text` in one pass.
    pub fn new(text: &str) -> Self {
        let mut checkpoints = Vec::with_capacity(text.len() / Self::STRIDE + 1);
        let mut char_count = 0;
        for (byte, _) in text.char_indices() {
            if char_count % Self::STRIDE == 0 {
                checkpoints.push(byte);
            }
            char_count += 1;
        }
        if checkpoints.is_empty() {
            checkpoints.push(0);
        }
        Self {
            checkpoints,
            char_count,
            byte_len: text.len(),
        }
    }

    /// Number of characters (code points) in the text.
    pub fn char_count(&self) -> usize {
        self.char_count
    }

    /// Byte offset of code point `char_index`; `char_count()` maps to the text's length.
    /// `None` when out of range. `text` must be the text this map was built from.
    pub fn char_to_byte(&self, text: &str, char_index: usize) -> Option<usize> {
        if char_index > self.char_count {
            return None;
        }
        if char_index == self.char_count {
            return Some(self.byte_len);
        }
        let base = self.checkpoints[char_index / Self::STRIDE];
        let skip = char_index % Self::STRIDE;
        text[base..].char_indices().nth(skip).map(|(b, _)| base + b)
    }

    /// Code-point index of byte offset `byte`. `None` when out of range or not on a `char`
    /// boundary.
    pub fn byte_to_char(&self, text: &str, byte: usize) -> Option<usize> {
        if byte > self.byte_len || !text.is_char_boundary(byte) {
            return None;
        }
        if byte == self.byte_len {
            return Some(self.char_count);
        }
        let slot = self.checkpoints.partition_point(|&b| b <= byte) - 1;
        let base = self.checkpoints[slot];
        Some(slot * Self::STRIDE + text[base..byte].chars().count())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_mixed_scripts() {
        let text = "Ž🙂 Минск 北京 é";
        let map = OffsetMap::new(text);
        assert_eq!(map.char_count(), text.chars().count());
        for (ci, (bi, _)) in text.char_indices().enumerate() {
            assert_eq!(map.char_to_byte(text, ci), Some(bi));
            assert_eq!(map.byte_to_char(text, bi), Some(ci));
        }
        assert_eq!(map.char_to_byte(text, map.char_count()), Some(text.len()));
        assert_eq!(map.char_to_byte(text, map.char_count() + 1), None);
        assert_eq!(map.byte_to_char(text, 1), None, "inside Ž");
    }

    #[test]
    fn empty_text() {
        let map = OffsetMap::new("");
        assert_eq!(map.char_to_byte("", 0), Some(0));
        assert_eq!(map.byte_to_char("", 0), Some(0));
        assert_eq!(map.char_to_byte("", 1), None);
    }
}
