//! Conversions between byte offsets (used in memory), code-point offsets (used on disk and by
//! most other tools) and UTF-16 code units (doccano and INCEpTION/UIMA count those).
//!
//! In memory every span is a byte range on `char` boundaries, so slicing is cheap. Files and
//! exports use Unicode scalar (code point) offsets, the unit Python, spaCy, brat, Label Studio
//! and the W3C Web Annotation model use; a browser-based tool (doccano) and Java (UIMA, so
//! INCEpTION) count UTF-16 code units, where every character outside the Basic Multilingual
//! Plane (most emoji) counts twice. All conversions go through [`OffsetMap`], which samples
//! every [`OffsetMap::STRIDE`]-th character so one conversion costs O(stride), not O(text).

/// A sampled index of a text's character positions.
#[derive(Clone, Debug)]
pub struct OffsetMap {
    /// `checkpoints[i]` is the byte offset of character `i * STRIDE`.
    checkpoints: Vec<usize>,
    /// `utf16_checkpoints[i]` is the UTF-16 offset of character `i * STRIDE`.
    utf16_checkpoints: Vec<usize>,
    char_count: usize,
    utf16_len: usize,
    byte_len: usize,
}

/// An offset in one of the units other tools count in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Unit {
    /// Bytes of UTF-8 (the model's own unit).
    Byte,
    /// Unicode scalar values: Python's `str` index, spaCy, brat, Label Studio, W3C.
    CodePoint,
    /// UTF-16 code units: JavaScript's string index (doccano), Java's (UIMA, INCEpTION).
    Utf16,
}

impl OffsetMap {
    /// Characters between checkpoints: small enough that a conversion is a short scan,
    /// large enough that the index costs a fraction of the text (8 bytes per 64 chars).
    pub const STRIDE: usize = 64;

    /// Indexes `text` in one pass.
    pub fn new(text: &str) -> Self {
        let mut checkpoints = Vec::with_capacity(text.len() / Self::STRIDE + 1);
        let mut utf16_checkpoints = Vec::with_capacity(text.len() / Self::STRIDE + 1);
        let mut char_count = 0;
        let mut utf16 = 0;
        for (byte, c) in text.char_indices() {
            if char_count % Self::STRIDE == 0 {
                checkpoints.push(byte);
                utf16_checkpoints.push(utf16);
            }
            char_count += 1;
            utf16 += c.len_utf16();
        }
        if checkpoints.is_empty() {
            checkpoints.push(0);
            utf16_checkpoints.push(0);
        }
        Self {
            checkpoints,
            utf16_checkpoints,
            char_count,
            utf16_len: utf16,
            byte_len: text.len(),
        }
    }

    /// Length of the text in UTF-16 code units.
    pub fn utf16_len(&self) -> usize {
        self.utf16_len
    }

    /// Length of the text in `unit`.
    pub fn len_in(&self, unit: Unit) -> usize {
        match unit {
            Unit::Byte => self.byte_len,
            Unit::CodePoint => self.char_count,
            Unit::Utf16 => self.utf16_len,
        }
    }

    /// UTF-16 offset of byte offset `byte`. `None` when out of range or not on a `char`
    /// boundary.
    pub fn byte_to_utf16(&self, text: &str, byte: usize) -> Option<usize> {
        if byte > self.byte_len || !text.is_char_boundary(byte) {
            return None;
        }
        let slot = self.checkpoints.partition_point(|&b| b <= byte) - 1;
        let base = self.checkpoints[slot];
        let units: usize = text[base..byte].chars().map(char::len_utf16).sum();
        Some(self.utf16_checkpoints[slot] + units)
    }

    /// Byte offset of UTF-16 offset `unit`; the text's UTF-16 length maps to its byte length.
    /// `None` when out of range or between the two halves of a surrogate pair (an offset no
    /// character boundary has: a tool that counted code points, or a corrupt file).
    pub fn utf16_to_byte(&self, text: &str, unit: usize) -> Option<usize> {
        if unit > self.utf16_len {
            return None;
        }
        if unit == self.utf16_len {
            return Some(self.byte_len);
        }
        let slot = self.utf16_checkpoints.partition_point(|&u| u <= unit) - 1;
        let mut at_unit = self.utf16_checkpoints[slot];
        let base = self.checkpoints[slot];
        for (offset, c) in text[base..].char_indices() {
            if at_unit == unit {
                return Some(base + offset);
            }
            if at_unit > unit {
                return None;
            }
            at_unit += c.len_utf16();
        }
        (at_unit == unit).then_some(self.byte_len)
    }

    /// Offset `byte` (a byte offset on a `char` boundary) counted in `unit`.
    pub fn from_byte(&self, text: &str, byte: usize, unit: Unit) -> Option<usize> {
        match unit {
            Unit::Byte => (byte <= self.byte_len && text.is_char_boundary(byte)).then_some(byte),
            Unit::CodePoint => self.byte_to_char(text, byte),
            Unit::Utf16 => self.byte_to_utf16(text, byte),
        }
    }

    /// The byte offset of `offset` counted in `unit`; `None` when out of range or not on a
    /// character boundary.
    pub fn to_byte(&self, text: &str, offset: usize, unit: Unit) -> Option<usize> {
        match unit {
            Unit::Byte => {
                (offset <= self.byte_len && text.is_char_boundary(offset)).then_some(offset)
            }
            Unit::CodePoint => self.char_to_byte(text, offset),
            Unit::Utf16 => self.utf16_to_byte(text, offset),
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
    fn utf16_counts_astral_characters_twice() {
        // doccano issue 2290's shape: an emoji before the span shifts UTF-16 offsets by one
        // per emoji, and the offset between a surrogate pair's halves is no boundary.
        let text = "🙂🙂 Minsk: 14 prisoners";
        let map = OffsetMap::new(text);
        let byte = text.find("14").unwrap();
        assert_eq!(map.byte_to_char(text, byte), Some(10));
        assert_eq!(map.byte_to_utf16(text, byte), Some(12));
        assert_eq!(map.utf16_to_byte(text, 12), Some(byte));
        assert_eq!(map.utf16_to_byte(text, 1), None, "inside the first emoji");
        assert_eq!(map.utf16_to_byte(text, 2), Some(4));
        assert_eq!(map.utf16_len(), text.encode_utf16().count());
        assert_eq!(map.utf16_to_byte(text, map.utf16_len()), Some(text.len()));
        assert_eq!(map.utf16_to_byte(text, map.utf16_len() + 1), None);
        for unit in [Unit::Byte, Unit::CodePoint, Unit::Utf16] {
            let there = map.from_byte(text, byte, unit).unwrap();
            assert_eq!(map.to_byte(text, there, unit), Some(byte), "{unit:?}");
        }
    }

    #[test]
    fn empty_text() {
        let map = OffsetMap::new("");
        assert_eq!(map.char_to_byte("", 0), Some(0));
        assert_eq!(map.byte_to_char("", 0), Some(0));
        assert_eq!(map.char_to_byte("", 1), None);
        assert_eq!(map.utf16_to_byte("", 0), Some(0));
        assert_eq!(map.byte_to_utf16("", 0), Some(0));
        assert_eq!(map.utf16_to_byte("", 1), None);
    }
}
