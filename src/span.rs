//! Byte spans into the input text, and conversions to char and UTF-16 offsets.

use serde::{Deserialize, Serialize};
use std::ops::{Index, Range};

/// A half-open byte range `start..end` into a UTF-8 text.
///
/// Every span herald produces lies on char boundaries, so it can index the
/// text it came from directly:
///
/// ```
/// use herald::Span;
/// let text = "NATO’s chief";
/// let span = Span::new(0, 4);
/// assert_eq!(&text[span], "NATO");
/// ```
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct Span {
    /// First byte of the span (inclusive).
    pub start: usize,
    /// One past the last byte of the span (exclusive).
    pub end: usize,
}

impl Span {
    /// Creates a span. `start` must not exceed `end`.
    ///
    /// ```
    /// assert_eq!(herald::Span::new(2, 5).len(), 3);
    /// ```
    #[inline]
    pub const fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end);
        Span { start, end }
    }

    /// The number of bytes covered.
    #[inline]
    pub const fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no bytes.
    #[inline]
    pub const fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// True when the two spans share at least one byte.
    ///
    /// ```
    /// use herald::Span;
    /// assert!(Span::new(0, 4).overlaps(Span::new(3, 6)));
    /// assert!(!Span::new(0, 4).overlaps(Span::new(4, 6)));
    /// ```
    #[inline]
    pub const fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// True when `other` lies entirely inside this span.
    #[inline]
    pub const fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The smallest span covering both.
    #[inline]
    pub fn cover(&self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// The byte range, for APIs that take one.
    #[inline]
    pub const fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// Converts to a range of char (Unicode scalar value) offsets, as Python
    /// strings count them.
    ///
    /// ```
    /// use herald::Span;
    /// let text = "Erdoğan met Al-Sudani";
    /// assert_eq!(Span::new(12, 21).to_char_range(text), 11..20);
    /// ```
    pub fn to_char_range(&self, text: &str) -> Range<usize> {
        let start = text[..self.start].chars().count();
        start..start + text[self.start..self.end].chars().count()
    }

    /// Converts to a range of UTF-16 code unit offsets, as JavaScript strings
    /// count them.
    ///
    /// ```
    /// use herald::Span;
    /// let text = "😀 Baghdad";
    /// assert_eq!(Span::new(5, 12).to_utf16_range(text), 3..10);
    /// ```
    pub fn to_utf16_range(&self, text: &str) -> Range<usize> {
        let utf16 = |s: &str| s.chars().map(char::len_utf16).sum::<usize>();
        let start = utf16(&text[..self.start]);
        start..start + utf16(&text[self.start..self.end])
    }
}

impl From<Range<usize>> for Span {
    fn from(range: Range<usize>) -> Span {
        Span::new(range.start, range.end)
    }
}

impl Index<Span> for str {
    type Output = str;

    #[inline]
    fn index(&self, span: Span) -> &str {
        &self[span.start..span.end]
    }
}

impl Index<Span> for String {
    type Output = str;

    #[inline]
    fn index(&self, span: Span) -> &str {
        &self.as_str()[span]
    }
}

/// Converts many byte offsets of one text to char and UTF-16 offsets in
/// amortized constant time each (a span's own conversion rescans the text).
///
/// ```
/// use herald::OffsetMap;
/// let map = OffsetMap::new("Erdoğan said");
/// assert_eq!(map.char_offset(8), 7);
/// assert_eq!(map.utf16_offset(8), 7);
/// ```
#[derive(Clone, Debug)]
pub struct OffsetMap {
    /// `(byte, char, utf16)` at every non-ASCII char boundary and at the end.
    checkpoints: Vec<(usize, usize, usize)>,
}

impl OffsetMap {
    /// Builds the map for `text`.
    pub fn new(text: &str) -> OffsetMap {
        let mut checkpoints = vec![(0, 0, 0)];
        let (mut chars, mut units) = (0, 0);
        let bytes = text.as_bytes();
        let mut byte = 0;
        loop {
            // An ASCII run counts one char and one UTF-16 unit per byte:
            // skipped without decoding, as most of a news text is.
            let run = ascii_prefix(&bytes[byte..]);
            (byte, chars, units) = (byte + run, chars + run, units + run);
            let Some(ch) = text[byte..].chars().next() else {
                break;
            };
            checkpoints.push((byte, chars, units));
            (byte, chars, units) = (byte + ch.len_utf8(), chars + 1, units + ch.len_utf16());
            checkpoints.push((byte, chars, units));
        }
        checkpoints.push((text.len(), chars, units));
        OffsetMap { checkpoints }
    }

    fn checkpoint(&self, byte: usize) -> (usize, usize, usize) {
        let index = self.checkpoints.partition_point(|&(b, _, _)| b <= byte);
        self.checkpoints[index.saturating_sub(1)]
    }

    /// The char offset of a byte offset that lies on a char boundary.
    pub fn char_offset(&self, byte: usize) -> usize {
        let (b, c, _) = self.checkpoint(byte);
        c + (byte - b)
    }

    /// The UTF-16 offset of a byte offset that lies on a char boundary.
    pub fn utf16_offset(&self, byte: usize) -> usize {
        let (b, _, u) = self.checkpoint(byte);
        u + (byte - b)
    }
}

/// The length of the run of ASCII bytes `bytes` starts with, found eight
/// bytes at a time (a byte-by-byte scan was most of the cost of writing a
/// document's JSON offsets).
fn ascii_prefix(bytes: &[u8]) -> usize {
    const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);
    let mut at = 0;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let high = u64::from_le_bytes(word) & HIGHS;
        if high != 0 {
            // the first byte is the lowest: its high bit is the lowest set
            return at + high.trailing_zeros() as usize / 8;
        }
        at += 8;
    }
    at + bytes[at..]
        .iter()
        .position(|b| !b.is_ascii())
        .unwrap_or(bytes.len() - at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offset_map_agrees_with_span_conversion() {
        for text in [
            "“Al-Sudani” met 習近平 in Baghdad 😀 today",
            "",
            "plain ASCII only",
            "Erdoğan",
            "ğü😀",
            "ends in Kraków",
        ] {
            let map = OffsetMap::new(text);
            for (byte, _) in text.char_indices().chain([(text.len(), ' ')]) {
                let span = Span::new(0, byte);
                assert_eq!(
                    map.char_offset(byte),
                    span.to_char_range(text).end,
                    "{text:?}"
                );
                assert_eq!(
                    map.utf16_offset(byte),
                    span.to_utf16_range(text).end,
                    "{text:?}"
                );
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(crate::proptest_config(256))]

        /// Runs of ASCII of every length against every width of char: the
        /// eight-byte scan finds the run's end wherever it falls.
        #[test]
        fn offset_map_agrees_with_span_conversion_on_any_text(
            text in "([a-z .]{0,19}[é習😀]?){0,6}"
        ) {
            let map = OffsetMap::new(&text);
            for (byte, _) in text.char_indices().chain([(text.len(), ' ')]) {
                let span = Span::new(0, byte);
                proptest::prop_assert_eq!(map.char_offset(byte), span.to_char_range(&text).end);
                proptest::prop_assert_eq!(map.utf16_offset(byte), span.to_utf16_range(&text).end);
            }
            let naive = text.bytes().position(|b| !b.is_ascii()).unwrap_or(text.len());
            proptest::prop_assert_eq!(ascii_prefix(text.as_bytes()), naive);
        }
    }

    #[test]
    fn span_indexes_str_and_string() {
        assert_eq!(&"in Baghdad"[Span::new(3, 10)], "Baghdad");
        assert_eq!(&String::from("in Baghdad")[Span::new(3, 10)], "Baghdad");
    }
}
