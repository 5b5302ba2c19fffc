//! The tokenizer: Unicode word boundaries plus rules for news text.
//!
//! The text is first cut at whitespace into chunks. A chunk that is a URL,
//! e-mail address, @handle or #hashtag (after any opening and closing
//! punctuation is set aside) becomes one token. Every other chunk is cut at
//! the word boundaries of Unicode Standard Annex #29 — computed by a
//! byte-class scanner for ASCII chunks, which produces exactly the same
//! boundaries, and by `unicode-segmentation` otherwise — and the pieces are
//! then joined or split by the news rules listed in the [module
//! docs](super).
//!

use crate::span::Span;
use unicode_segmentation::UnicodeSegmentation;

use super::abbrev::abbreviation;
use super::normalize::fold_into;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TokenKind {
    /// Letters, possibly with inner apostrophes or periods ("O'Brien", "U.S."),
    /// including abbreviations with their final period ("Mr.") and the
    /// possessive "’s".
    Word,
    /// Digits, possibly with separators or a suffix ("1,200", "78th", "9/11").
    Number,
    /// Punctuation: . , ; : ! ? quotes, brackets, dashes, ellipses.
    Punct,
    /// Any other symbol: $ % & + € £ emoji, lone combining marks.
    Symbol,
    /// A web address.
    Url,
    /// An e-mail address.
    Email,
    /// A social media handle ("@NATO").
    Handle,
    /// A hashtag ("#UNGA78").
    Hashtag,
}

/// The capitalization of a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Shape {
    /// No uppercase letters ("said", "al").
    Lower,
    /// An uppercase first letter, every other uppercase letter right after
    /// an apostrophe, and at least one lowercase letter ("Baghdad",
    /// "O'Brien"); also a single capital ("A", "W.").
    Capitalized,
    /// Two or more letters, all uppercase ("NATO", "BAGHDAD", "U.S.").
    AllCaps,
    /// Any other mix of cases ("McDonald", "iPhone").
    Mixed,
    /// No cased letters (numbers, punctuation, scripts without case).
    Uncased,
}

impl Shape {
    /// True when the token has an uppercase letter: capitalized, in
    /// capitals or of mixed case, as names are written.
    ///
    /// ```
    /// use herald::text::{Shape, tokenize};
    /// let tokens = tokenize("NATO met iPhone makers in Baghdad");
    /// let upper: Vec<bool> = tokens.iter().map(|t| t.shape.has_uppercase()).collect();
    /// assert_eq!(upper, [true, false, true, false, false, true]);
    /// assert!(!Shape::Uncased.has_uppercase());
    /// ```
    pub fn has_uppercase(self) -> bool {
        matches!(self, Shape::Capitalized | Shape::AllCaps | Shape::Mixed)
    }
}

/// One token: its byte span, kind, shape and matching key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte span into the original text.
    pub span: Span,
    /// What the token is.
    pub kind: TokenKind,
    /// Its capitalization.
    pub shape: Shape,
    /// True when the token contains a digit.
    pub has_digit: bool,
    /// True when whitespace (or the start of the text) precedes the token;
    /// false for the parts of "Al-Sudani" after the first.
    pub space_before: bool,
    /// The key is plain ASCII holding no apostrophe or period: nothing in it
    /// for transliteration to strip (see `Tokens::plain_key`).
    plain_key: bool,
    /// A line break stands between this token and the one before (see
    /// [`Tokens::breaks_line_before`]).
    line_break_before: bool,
    key_start: usize,
    key_end: usize,
}

// The stages walk the tokens again and again: their size is what those
// passes read (see `Tokens::packed_keys`).
#[cfg(target_pointer_width = "64")]
const _: () = assert!(std::mem::size_of::<Token>() <= 40);

/// The tokens of one text, with their matching keys stored in one buffer.
#[derive(Clone, Debug, Default)]
pub struct Tokens {
    tokens: Vec<Token>,
    /// The text with ASCII letters lowercased — an ASCII token's key is its
    /// own span of it, so most tokens cost no key work — followed by the
    /// keys of the tokens that hold other chars.
    keys: String,
    /// The length of the text: `keys[..text_len]` is the text lowercased.
    text_len: usize,
    /// Per token, its key packed for lookups ([`crate::keymap::Key`]) when
    /// it has one to seven bytes, else 0: packed once by the tokenizer, not
    /// by every lookup. Beside the tokens rather than in them, which keeps
    /// a token at 40 bytes, not 48: the stages' passes over the tokens
    /// read fewer cache lines (simulated L1 misses over 300 kB of news
    /// 1.16 M → 1.04 M).
    packed_keys: Vec<u64>,
}

impl Tokens {
    /// The bytes of heap memory the tokens and their keys hold.
    pub(crate) fn memory_usage(&self) -> usize {
        self.tokens.capacity() * std::mem::size_of::<Token>()
            + self.keys.capacity()
            + self.packed_keys.capacity() * std::mem::size_of::<u64>()
    }

    /// Drops the tokens and keys, keeping the buffers for the next text.
    fn clear(&mut self) {
        self.tokens.clear();
        self.keys.clear();
        self.packed_keys.clear();
    }

    /// All tokens, in text order.
    #[inline]
    pub fn as_slice(&self) -> &[Token] {
        &self.tokens
    }

    /// The number of tokens.
    #[inline]
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// True when the text had no tokens.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// The token at `index`.
    #[inline]
    pub fn get(&self, index: usize) -> Option<&Token> {
        self.tokens.get(index)
    }

    /// True when a line break (`\n`) stands between the token at `index`
    /// and the one before it, or when `index` is the first token: the
    /// token opens a line. The tokenizer notes it as it skips the
    /// whitespace, so asking reads one flag.
    ///
    /// ```
    /// let tokens = herald::text::tokenize("BRIEFS\nTalks ended.");
    /// assert!(tokens.breaks_line_before(0));
    /// assert!(tokens.breaks_line_before(1));
    /// assert!(!tokens.breaks_line_before(2));
    /// ```
    #[inline]
    pub fn breaks_line_before(&self, index: usize) -> bool {
        index == 0 || self.tokens[index].line_break_before
    }

    /// The matching key of the token at `index` (see [`super::normalize_key`]).
    ///
    /// # Panics
    ///
    /// When `index` is out of bounds, like slice indexing.
    #[inline]
    pub fn key(&self, index: usize) -> &str {
        let token = &self.tokens[index];
        &self.keys[token.key_start..token.key_end]
    }

    /// True when the key of the token at `index` is `word`, compared as
    /// bytes: [`Tokens::key`] would slice a `str` and check its char
    /// boundaries only for the comparison.
    ///
    /// # Panics
    ///
    /// When `index` is out of bounds, like slice indexing.
    #[inline]
    pub(crate) fn key_is(&self, index: usize, word: &str) -> bool {
        self.key_bytes(index) == word.as_bytes()
    }

    /// [`Tokens::key`] as bytes: slicing them needs no char-boundary
    /// checks, which showed in the profile of the lookups made for every
    /// token (rule vocabulary, gazetteer ids, date openers).
    #[inline]
    pub(crate) fn key_bytes(&self, index: usize) -> &[u8] {
        let token = &self.tokens[index];
        &self.keys.as_bytes()[token.key_start..token.key_end]
    }

    /// Whether some token whose key is `key` is `wanted`. The lowercased
    /// text is searched for the key (SIMD), and each place it occurs is
    /// checked to be a whole token's key; the keys of the tokens that are
    /// not ASCII, kept after the text, are read token by token only when
    /// the key occurs among them. For a caller that asks about a few keys
    /// and would spend more indexing every token's.
    pub(crate) fn any_with_key(&self, key: &[u8], wanted: impl Fn(&Token) -> bool) -> bool {
        if key.is_empty() {
            return false;
        }
        let bytes = self.keys.as_bytes();
        let (text, folded) = bytes.split_at(self.text_len.min(bytes.len()));
        for at in memchr::memmem::find_iter(text, key) {
            // An ASCII token's key is its own span of the lowercased text.
            let index = self.tokens.partition_point(|t| t.span.start < at);
            if let Some(token) = self.tokens.get(index)
                && token.key_start == at
                && token.key_end == at + key.len()
                && wanted(token)
            {
                return true;
            }
        }
        memchr::memmem::find(folded, key).is_some()
            && self.tokens.iter().any(|t| {
                t.key_start >= self.text_len && &bytes[t.key_start..t.key_end] == key && wanted(t)
            })
    }

    /// The key of the token at `index` packed for lookups, or 0 when it
    /// is empty or longer than seven bytes (see [`crate::keymap::Key::of`]).
    #[inline]
    pub(crate) fn packed_key(&self, index: usize) -> u64 {
        self.packed_keys[index]
    }

    /// The packed keys of the tokens in `range` (see [`Tokens::packed_key`]).
    #[inline]
    pub(crate) fn packed_keys(&self, range: std::ops::Range<usize>) -> &[u64] {
        &self.packed_keys[range]
    }

    /// The packing of a key just written at `key_start..key_end`: an
    /// ASCII token's key, in the lowercased text, is read as one integer,
    /// the padding after the text leaving eight bytes to read; a folded
    /// key, the last bytes of the buffer, is packed byte by byte.
    #[inline(always)]
    fn pack_key(&self, key_start: usize, key_end: usize) -> u64 {
        crate::keymap::pack_in_place(key_end - key_start, &self.keys.as_bytes()[key_start..])
    }

    /// True when the key of the token at `index` is known to be ASCII
    /// without an apostrophe or a period, so that the gazetteer's
    /// transliteration has nothing to strip. (False says nothing: the
    /// tokenizer sets it for runs of text it saw hold none of those bytes.)
    #[inline]
    pub(crate) fn plain_key(&self, index: usize) -> bool {
        self.tokens[index].plain_key
    }

    /// The tokens exactly covering `span`: `None` unless it starts where a
    /// token starts and ends where a token ends, and holds at least one.
    ///
    /// ```
    /// use herald::Span;
    /// let tokens = herald::text::tokenize("Talks in Baghdad ended.");
    /// assert_eq!(tokens.covering(Span::new(9, 16)), Some(2..3));
    /// assert_eq!(tokens.covering(Span::new(0, 16)), Some(0..3));
    /// assert_eq!(tokens.covering(Span::new(10, 16)), None);
    /// ```
    pub fn covering(&self, span: Span) -> Option<std::ops::Range<usize>> {
        let slice = self.as_slice();
        let start = slice.partition_point(|t| t.span.start < span.start);
        // Spans are mostly a few tokens long: look a few tokens ahead
        // before searching the rest.
        let rest = &slice[start..];
        let end = start
            + match rest.iter().take(8).position(|t| t.span.end > span.end) {
                Some(ahead) => ahead,
                None => rest.partition_point(|t| t.span.end <= span.end),
            };
        let aligned = start < end
            && slice[start].span.start == span.start
            && slice[end - 1].span.end == span.end;
        aligned.then_some(start..end)
    }

    /// Iterates over the tokens.
    pub fn iter(&self) -> std::slice::Iter<'_, Token> {
        self.tokens.iter()
    }

    /// Iterates over the matching keys, in token order.
    ///
    /// ```
    /// let tokens = herald::text::tokenize("Erdoğan’s visit");
    /// let keys: Vec<&str> = tokens.keys_iter().collect();
    /// assert_eq!(keys, ["erdogan", "'s", "visit"]);
    /// ```
    pub fn keys_iter(&self) -> impl Iterator<Item = &str> + '_ {
        self.tokens
            .iter()
            .map(|token| &self.keys[token.key_start..token.key_end])
    }

    fn push(&mut self, text: &str, start: usize, end: usize, kind: TokenKind, gap: Gap) {
        let piece = &text[start..end];
        let (key_start, key_end) = if piece.is_ascii() {
            (start, end)
        } else {
            let key_start = self.keys.len();
            fold_into(piece, &mut self.keys);
            (key_start, self.keys.len())
        };
        let (shape, has_digit) = shape_of(piece);
        let plain_key = piece.is_ascii() && !piece.bytes().any(is_mark_byte);
        let packed_key = self.pack_key(key_start, key_end);
        self.packed_keys.push(packed_key);
        self.tokens.push(Token {
            span: Span::new(start, end),
            kind,
            shape,
            has_digit,
            space_before: gap.space,
            plain_key,
            line_break_before: gap.line_break,
            key_start,
            key_end,
        });
    }
}

/// What separates a token from the one before it.
#[derive(Clone, Copy, Default)]
struct Gap {
    /// Whitespace (or the start of the text).
    space: bool,
    /// A line break.
    line_break: bool,
}

impl std::ops::Index<usize> for Tokens {
    type Output = Token;
    fn index(&self, index: usize) -> &Token {
        &self.tokens[index]
    }
}

impl<'a> IntoIterator for &'a Tokens {
    type Item = &'a Token;
    type IntoIter = std::slice::Iter<'a, Token>;
    fn into_iter(self) -> Self::IntoIter {
        self.tokens.iter()
    }
}

/// Tokenizes `text`. Never panics; runs in time linear in the input.
///
/// ```
/// use herald::text::tokenize;
/// let text = "NATO’s chief met Al-Sudani.";
/// let tokens = tokenize(text);
/// let pieces: Vec<&str> = tokens.iter().map(|t| &text[t.span]).collect();
/// assert_eq!(pieces, ["NATO", "’s", "chief", "met", "Al", "-", "Sudani", "."]);
/// assert_eq!(tokens.key(1), "'s");
/// ```
pub fn tokenize(text: &str) -> Tokens {
    tokenize_with(text, true)
}

/// A tokenizer's buffers, kept by a caller that tokenizes many texts (a
/// stream of documents, a gazetteer's aliases) so that, once they have
/// grown to the largest text seen, each text costs no allocation.
///
/// ```
/// use herald::text::Tokenizing;
///
/// let mut tokenizing = Tokenizing::default();
/// for text in ["NATO met.", "Al-Sudani spoke."] {
///     let tokens = tokenizing.tokenize(text);
///     assert_eq!(tokens.as_slice(), herald::text::tokenize(text).as_slice());
/// }
/// ```
#[derive(Debug, Default)]
pub struct Tokenizing {
    tokens: Tokens,
    atoms: Vec<(usize, usize)>,
}

impl Tokenizing {
    /// Tokenizes `text` (like [`tokenize`]) into the reused buffers.
    pub fn tokenize(&mut self, text: &str) -> &Tokens {
        let mut tokens = std::mem::take(&mut self.tokens);
        tokens.clear();
        let atoms = std::mem::take(&mut self.atoms);
        let (tokens, atoms) = tokenize_with_buffers(text, true, tokens, atoms);
        self.tokens = tokens;
        self.atoms = atoms;
        &self.tokens
    }
}

/// [`tokenize`] into `out`, the buffers of an earlier document's tokens
/// (their contents are dropped).
pub(crate) fn tokenize_into(text: &str, mut out: Tokens) -> Tokens {
    out.clear();
    tokenize_with_buffers(text, true, out, Vec::new()).0
}

/// Tokenizes with or without the ASCII fast paths, which must not change
/// the result (a unit test compares the two).
fn tokenize_with(text: &str, fast: bool) -> Tokens {
    let out = Tokens {
        tokens: Vec::with_capacity(text.len() / 5 + 1),
        keys: String::with_capacity(text.len() + text.len() / 8 + 16),
        text_len: 0,
        packed_keys: Vec::with_capacity(text.len() / 5 + 1),
    };
    tokenize_with_buffers(text, fast, out, Vec::with_capacity(16)).0
}

/// [`tokenize_with`] into `out` (empty, maybe with capacity).
fn tokenize_with_buffers(
    text: &str,
    fast: bool,
    mut out: Tokens,
    atoms: Vec<(usize, usize)>,
) -> (Tokens, Vec<(usize, usize)>) {
    out.keys.push_str(text);
    out.keys.make_ascii_lowercase();
    out.keys.push_str(KEY_PADDING);
    out.text_len = text.len();
    let mut tokenizer = Tokenizer {
        text,
        out,
        atoms,
        gap: Gap {
            space: true,
            line_break: false,
        },
        ascii: false,
        no_marks: false,
    };
    let bytes = text.as_bytes();
    let mut pos = 0;
    while pos < bytes.len() {
        let flags = BYTE_FLAGS[bytes[pos] as usize];
        if flags & SPACE != 0 {
            tokenizer.gap.space = true;
            tokenizer.gap.line_break |= bytes[pos] == b'\n';
            pos += 1;
            continue;
        }
        let start = pos;
        let first = flags;
        if flags & HIGH != 0 {
            let (width, white) = char_at(text, pos);
            pos += width;
            if white {
                tokenizer.gap.space = true;
                continue;
            }
        } else {
            pos += 1;
        }
        // The flags of the chunk's bytes after the first, and those every
        // byte had.
        let (mut rest, mut all) = (0, flags);
        // Lowercase letters eight at a time: what the loop below would
        // find for each of them, without a table lookup a byte.
        loop {
            let run = lowercase_run(bytes, pos);
            if run > 0 {
                rest |= ALNUM | LOWER;
                all &= ALNUM | LOWER;
                pos += run;
            }
            if run < 8 {
                break;
            }
        }
        while pos < bytes.len() {
            let flags = BYTE_FLAGS[bytes[pos] as usize];
            if flags & (SPACE | HIGH) != 0 {
                if flags & SPACE != 0 {
                    break;
                }
                let (width, white) = char_at(text, pos);
                if white {
                    break;
                }
                rest |= HIGH;
                all = 0;
                pos += width;
                continue;
            }
            rest |= flags;
            all &= flags;
            pos += 1;
        }
        let any = first | rest;
        if fast && all & ALNUM != 0 {
            // The common case, a plain word or number: no rule applies, and
            // the flags already tell its shape.
            let kind = if first & DIGIT != 0 {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            let (shape, has_digit) = alnum_shape(first, rest, &bytes[start..pos]);
            tokenizer.push_ascii(start, pos, kind, (shape, has_digit), true);
        } else if fast
            && any & HIGH == 0
            && let Some(marked) = MarkedWord::of(bytes, start, pos)
        {
            tokenizer.marked_word(start, marked);
        } else {
            tokenizer.no_marks = any & (HIGH | SPECIAL | APOSTROPHE) == 0;
            tokenizer.chunk(start, pos, fast && any & HIGH == 0, any & SPECIAL != 0);
        }
    }
    (tokenizer.out, tokenizer.atoms)
}

/// An ASCII chunk of news's commonest shape after a bare word: a run of
/// letters and digits with one opener before it (`"` `(`), one stop after
/// it (`,` `.` `:` `;` `?` `!` `)`), one closing `"` after that, or some of
/// these ("said,", "Monday.", "\"We", "(AP)", "talks.\""). No rule of the
/// general path joins these marks to the word, except an abbreviation's
/// period.
#[derive(Clone, Copy)]
struct MarkedWord {
    body: (usize, usize),
    stop: bool,
    closer: bool,
}

impl MarkedWord {
    #[inline]
    fn of(bytes: &[u8], start: usize, end: usize) -> Option<MarkedWord> {
        let body_start = start + usize::from(matches!(bytes[start], b'"' | b'('));
        let mut body_end = body_start;
        while body_end < end && BYTE_FLAGS[bytes[body_end] as usize] & ALNUM != 0 {
            body_end += 1;
        }
        if body_end == body_start {
            return None;
        }
        let mut at = body_end;
        let stop = at < end && matches!(bytes[at], b',' | b'.' | b':' | b';' | b'?' | b'!' | b')');
        at += usize::from(stop);
        let closer = at < end && bytes[at] == b'"';
        at += usize::from(closer);
        (at == end).then_some(MarkedWord {
            body: (body_start, body_end),
            stop,
            closer,
        })
    }
}

/// Bytes after the lowercased text, so that eight bytes can be read from
/// the start of any ASCII token's key (see `Tokens::pack_key`).
const KEY_PADDING: &str = "\0\0\0\0\0\0\0";

/// Byte width of the char at `pos` and whether it is whitespace.
#[inline]
fn char_at(text: &str, pos: usize) -> (usize, bool) {
    let byte = text.as_bytes()[pos];
    if byte < 0x80 {
        return (1, is_ascii_space(byte));
    }
    match text[pos..].chars().next() {
        Some(ch) => (ch.len_utf8(), ch.is_whitespace()),
        None => (1, false),
    }
}

/// ASCII whitespace as `char::is_whitespace` defines it (includes U+000B,
/// which `u8::is_ascii_whitespace` leaves out).
#[inline]
const fn is_ascii_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t'..=b'\r')
}

/// Chunk-scan flag of an ASCII whitespace byte.
const SPACE: u8 = 1;
/// A byte of a multi-byte char.
const HIGH: u8 = 2;
/// A letter or digit.
const ALNUM: u8 = 4;
/// A byte that can start or mark a URL, e-mail, handle or hashtag.
const SPECIAL: u8 = 8;
/// An uppercase letter, a lowercase letter, a digit (each also `ALNUM`).
const UPPER: u8 = 16;
const LOWER: u8 = 32;
const DIGIT: u8 = 64;
/// The ASCII apostrophe.
const APOSTROPHE: u8 = 128;

/// An ASCII byte that transliteration strips from a key (an apostrophe or
/// a period): the one list of them, for `Tokens::plain_key` and for
/// `gazetteer::transliterate`'s rule 1.
#[inline]
pub(crate) const fn is_mark_byte(byte: u8) -> bool {
    matches!(byte, b'\'' | b'.')
}

const fn byte_flags() -> [u8; 256] {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = if byte >= 0x80 {
            HIGH
        } else if is_ascii_space(byte) {
            SPACE
        } else if byte.is_ascii_uppercase() {
            ALNUM | UPPER
        } else if byte.is_ascii_lowercase() {
            ALNUM | LOWER
        } else if byte.is_ascii_digit() {
            ALNUM | DIGIT
        } else if matches!(byte, b'@' | b'#' | b'/' | b'.') {
            SPECIAL
        } else if byte == b'\'' {
            APOSTROPHE
        } else {
            0
        };
        b += 1;
    }
    table
}

static BYTE_FLAGS: [u8; 256] = byte_flags();

/// How many of the (up to eight) bytes from `pos` are lowercase ASCII
/// letters before any other byte, tested all at once in one integer; 0
/// when fewer than eight bytes remain. Most of a text's bytes are such
/// letters.
#[inline(always)]
fn lowercase_run(bytes: &[u8], pos: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const TOP_BITS: u64 = ONES * 0x80;
    let Some(chunk) = bytes.get(pos..).and_then(<[u8]>::first_chunk::<8>) else {
        return 0;
    };
    let word = u64::from_le_bytes(*chunk);
    // Each byte's low seven bits plus a constant carries into its top
    // bit exactly when it is at least 'a' (or more than 'z'); no sum
    // reaches the next byte.
    let low = word & !TOP_BITS;
    let at_least_a = (low + ONES * (0x80 - u64::from(b'a'))) & TOP_BITS;
    let above_z = (low + ONES * (0x80 - u64::from(b'z') - 1)) & TOP_BITS;
    let lowercase = at_least_a & !above_z & !(word & TOP_BITS);
    // Little-endian: the first byte is the lowest.
    ((!lowercase & TOP_BITS).trailing_zeros() / 8) as usize
}

struct Tokenizer<'t> {
    text: &'t str,
    out: Tokens,
    /// Word-boundary pieces of the current chunk, as absolute byte ranges;
    /// reused across chunks so tokenizing allocates only the output.
    atoms: Vec<(usize, usize)>,
    /// What separates the next token pushed from the one before.
    gap: Gap,
    /// Whether the pieces being joined are all ASCII.
    ascii: bool,
    /// Whether the current chunk holds no apostrophe, period or non-ASCII
    /// char, so that none of its tokens' keys has a mark to strip.
    no_marks: bool,
}

impl Tokenizer<'_> {
    fn emit(&mut self, start: usize, end: usize, kind: TokenKind) {
        if self.ascii {
            return self.emit_ascii(start, end, kind);
        }
        self.out.push(self.text, start, end, kind, self.gap);
        self.gap = Gap::default();
    }

    /// Emits an ASCII token: the key and shape need no Unicode tables.
    fn emit_ascii(&mut self, start: usize, end: usize, kind: TokenKind) {
        let bytes = &self.text.as_bytes()[start..end];
        let plain_key = self.no_marks || !bytes.iter().copied().any(is_mark_byte);
        self.push_ascii(start, end, kind, ascii_shape(bytes), plain_key);
    }

    /// Pushes an ASCII token whose shape is known: its key is its own span
    /// of the lowercased text.
    #[inline(always)]
    fn push_ascii(
        &mut self,
        start: usize,
        end: usize,
        kind: TokenKind,
        (shape, has_digit): (Shape, bool),
        plain_key: bool,
    ) {
        let packed_key = self.out.pack_key(start, end);
        self.out.packed_keys.push(packed_key);
        self.out.tokens.push(Token {
            span: Span::new(start, end),
            kind,
            shape,
            has_digit,
            space_before: self.gap.space,
            plain_key,
            line_break_before: self.gap.line_break,
            key_start: start,
            key_end: end,
        });
        self.gap = Gap::default();
    }

    /// Tokenizes a chunk [`MarkedWord::of`] accepted (starting at `start`),
    /// as the general path would: each mark a punctuation token, the body
    /// a word or number, an abbreviation's period part of its word ("Mr.").
    fn marked_word(&mut self, start: usize, marked: MarkedWord) {
        let bytes = self.text.as_bytes();
        let (body_start, body_end) = marked.body;
        let punct = |this: &mut Self, at: usize| {
            let plain_key = !is_mark_byte(bytes[at]);
            this.push_ascii(
                at,
                at + 1,
                TokenKind::Punct,
                (Shape::Uncased, false),
                plain_key,
            );
        };
        if body_start > start {
            punct(self, start);
        }
        let digit = bytes[body_start].is_ascii_digit();
        let mut stop = marked.stop;
        if stop
            && bytes[body_end] == b'.'
            && !digit
            && abbreviation(&self.text[body_start..body_end]).is_some()
        {
            let shape = ascii_shape(&bytes[body_start..=body_end]);
            self.push_ascii(body_start, body_end + 1, TokenKind::Word, shape, false);
            stop = false;
        } else {
            let kind = if digit {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            let shape = ascii_shape(&bytes[body_start..body_end]);
            self.push_ascii(body_start, body_end, kind, shape, true);
        }
        if stop {
            punct(self, body_end);
        }
        if marked.closer {
            punct(self, body_end + usize::from(marked.stop));
        }
    }

    /// Tokenizes one maximal run of non-whitespace, `start..end`; `special`
    /// says it holds a byte that can mark a URL, e-mail, handle or hashtag.
    fn chunk(&mut self, start: usize, end: usize, ascii: bool, special: bool) {
        let text = self.text;
        let chunk = &text[start..end];
        if special && chunk.len() >= 2 {
            let core = start + leading_openers(chunk);
            if let Some((kind, special_end)) = special_token(text, core, end) {
                self.words(start, core, end, ascii);
                self.emit(core, special_end, kind);
                self.words(special_end, end, end, ascii);
                return;
            }
        }
        self.words(start, end, end, ascii);
    }

    /// Tokenizes `start..end`, a part of the chunk ending at `chunk_end`.
    fn words(&mut self, start: usize, end: usize, chunk_end: usize, ascii: bool) {
        if start >= end {
            return;
        }
        let mut atoms = std::mem::take(&mut self.atoms);
        atoms.clear();
        if ascii {
            ascii_atoms(self.text.as_bytes(), start, end, &mut atoms);
        } else {
            unicode_atoms(self.text, start, end, &mut atoms);
        }
        self.ascii = ascii;
        self.join_atoms(&atoms, chunk_end);
        self.ascii = false;
        self.atoms = atoms;
    }

    /// Applies the news rules to the word-boundary pieces of one chunk part.
    fn join_atoms(&mut self, atoms: &[(usize, usize)], chunk_end: usize) {
        let text = self.text;
        let piece = |index: usize| atoms.get(index).map_or("", |&(s, e)| &text[s..e]);
        let mut i = 0;
        while i < atoms.len() {
            let (start, end) = atoms[i];
            let this = &text[start..end];
            let first = this.chars().next().unwrap_or(' ');
            if is_digit_start(first) {
                // "9/11", "21/09/2023", "10:30": digit runs joined by / or :.
                let mut end = end;
                let mut next = i + 1;
                if is_ascii_digits(this) {
                    while matches!(piece(next), "/" | ":") && is_ascii_digits(piece(next + 1)) {
                        end = atoms[next + 1].1;
                        next += 2;
                    }
                }
                self.emit(start, end, TokenKind::Number);
                i = next;
            } else if this != "ʼ"
                && (common_letter(first)
                    || first.is_alphanumeric()
                    || this.chars().any(char::is_alphanumeric))
            {
                i = self.word(atoms, i, chunk_end);
            } else if matches!(this, "." | "-") && piece(i + 1) == this {
                // "...", "--": one token however long the run.
                let mut next = i + 1;
                while piece(next) == this {
                    next += 1;
                }
                self.emit(start, atoms[next - 1].1, TokenKind::Punct);
                i = next;
            } else if is_apostrophe(this)
                && matches!(piece(i + 1), "s" | "S")
                && !piece(i + 2).starts_with(char::is_alphanumeric)
                && self.out.tokens.last().is_some_and(|t| {
                    t.span.end == start
                        && matches!(
                            t.kind,
                            TokenKind::Word | TokenKind::Handle | TokenKind::Hashtag
                        )
                })
            {
                // "U.S.’s", "@NATO’s": the word before took the period or
                // was a token of its own, so the possessive arrives as two
                // pieces.
                self.emit(start, atoms[i + 1].1, TokenKind::Word);
                i += 2;
            } else {
                self.emit(start, end, kind_of_symbol(first));
                i += 1;
            }
        }
    }

    /// Emits the word at `atoms[i]` and whatever the news rules attach to
    /// it; returns the index of the next unused piece.
    fn word(&mut self, atoms: &[(usize, usize)], i: usize, chunk_end: usize) -> usize {
        let text = self.text;
        let (start, end) = atoms[i];
        let this = &text[start..end];
        let next = atoms.get(i + 1).map_or("", |&(s, e)| &text[s..e]);
        if next == "." && abbreviation(this).is_some() {
            self.emit(start, atoms[i + 1].1, TokenKind::Word);
            return i + 2;
        }
        if let Some(split) = possessive_split(this) {
            self.emit(start, start + split, TokenKind::Word);
            self.emit(start + split, end, TokenKind::Word);
            return i + 1;
        }
        if is_apostrophe(next)
            && atoms[i + 1].1 == chunk_end
            && shape_of(this).0 == Shape::Capitalized
            && !(i > 0 && is_opening_single_quote(&text[atoms[i - 1].0..atoms[i - 1].1]))
            && capitalized_word_follows(text, chunk_end)
        {
            // "Shiaa’ Al-Sudani": the apostrophe belongs to the name.
            self.emit(start, atoms[i + 1].1, TokenKind::Word);
            return i + 2;
        }
        self.emit(start, end, TokenKind::Word);
        i + 1
    }
}

/// True when, after whitespace holding at most one line break, the next
/// char is an uppercase letter.
fn capitalized_word_follows(text: &str, from: usize) -> bool {
    let mut breaks = 0;
    for ch in text[from..].chars() {
        if ch == '\n' {
            breaks += 1;
            if breaks > 1 {
                return false;
            }
        } else if !ch.is_whitespace() {
            return ch.is_uppercase();
        }
    }
    false
}

#[inline]
fn is_digit_start(ch: char) -> bool {
    ch.is_ascii_digit() || (!ch.is_ascii() && ch.is_numeric())
}

#[inline]
fn is_ascii_digits(piece: &str) -> bool {
    !piece.is_empty() && piece.bytes().all(|b| b.is_ascii_digit())
}

#[inline]
fn is_apostrophe(piece: &str) -> bool {
    matches!(piece, "'" | "’" | "ʼ")
}

#[inline]
fn is_opening_single_quote(piece: &str) -> bool {
    matches!(piece, "'" | "‘")
}

/// Byte index where a trailing possessive "’s" starts, if any.
fn possessive_split(word: &str) -> Option<usize> {
    let bytes = word.as_bytes();
    if bytes.len() < 3 || !matches!(bytes[bytes.len() - 1], b's' | b'S') {
        return None;
    }
    let stem = &word[..word.len() - 1];
    for apostrophe in ['\'', '’', 'ʼ'] {
        if let Some(stem) = stem.strip_suffix(apostrophe)
            && !stem.is_empty()
        {
            return Some(stem.len());
        }
    }
    None
}

/// The kind of a piece that is neither a word nor a number.
fn kind_of_symbol(first: char) -> TokenKind {
    let punct = if first.is_ascii() {
        first.is_ascii_punctuation()
            && !matches!(
                first,
                '$' | '%' | '&' | '+' | '<' | '=' | '>' | '^' | '|' | '~' | '#' | '@' | '*'
            )
    } else {
        matches!(
            first,
            '\u{00A1}'
                | '\u{00A7}'
                | '\u{00AB}'
                | '\u{00B6}'
                | '\u{00B7}'
                | '\u{00BB}'
                | '\u{00BF}'
                | '\u{02BC}'
                | '\u{055A}'..='\u{055F}'
                | '\u{0589}'
                | '\u{05BE}'
                | '\u{05C0}'
                | '\u{05C3}'
                | '\u{05F3}'
                | '\u{05F4}'
                | '\u{060C}'
                | '\u{060D}'
                | '\u{061B}'
                | '\u{061F}'
                | '\u{066A}'..='\u{066D}'
                | '\u{06D4}'
                | '\u{0964}'
                | '\u{0965}'
                | '\u{2010}'..='\u{2027}'
                | '\u{2030}'..='\u{205E}'
                | '\u{2E00}'..='\u{2E4F}'
                | '\u{3001}'..='\u{3003}'
                | '\u{3008}'..='\u{3011}'
                | '\u{3014}'..='\u{301F}'
                | '\u{FE10}'..='\u{FE19}'
                | '\u{FE30}'..='\u{FE4F}'
                | '\u{FE50}'..='\u{FE6B}'
                | '\u{FF01}'..='\u{FF03}'
                | '\u{FF05}'..='\u{FF0A}'
                | '\u{FF0C}'..='\u{FF0F}'
                | '\u{FF1A}'
                | '\u{FF1B}'
                | '\u{FF1F}'
                | '\u{FF20}'
                | '\u{FF3B}'..='\u{FF3D}'
                | '\u{FF3F}'
                | '\u{FF5B}'
                | '\u{FF5D}'
                | '\u{FF5F}'..='\u{FF65}'
        )
    };
    if punct {
        TokenKind::Punct
    } else {
        TokenKind::Symbol
    }
}

/// The shape of a token and whether it holds a digit.
fn shape_of(piece: &str) -> (Shape, bool) {
    if piece.is_ascii() {
        return ascii_shape(piece.as_bytes());
    }
    let (mut upper, mut lower, mut letters) = (0usize, 0usize, 0usize);
    let mut digit = false;
    // True while every uppercase letter so far opens the word or follows an
    // apostrophe ("O'Brien", "N’Djamena"). Only cased letters count.
    let mut initial_caps = true;
    let mut after_apostrophe = false;
    for ch in piece.chars() {
        if ch.is_uppercase() {
            if letters > 0 && !after_apostrophe {
                initial_caps = false;
            }
            upper += 1;
            letters += 1;
        } else if ch.is_lowercase() {
            if letters == 0 {
                initial_caps = false;
            }
            lower += 1;
            letters += 1;
        } else if !digit && !common_letter(ch) && ch.is_numeric() {
            digit = true;
        }
        after_apostrophe = matches!(ch, '\'' | '’' | 'ʼ');
    }
    (shape_from(upper, lower, initial_caps), digit)
}

/// Letters frequent in news text (Latin with diacritics, Cyrillic, Hebrew,
/// Arabic, CJK ideographs, Hangul) in ranges that hold nothing but letters,
/// so hot paths can skip the general Unicode tables for them.
#[inline]
fn common_letter(ch: char) -> bool {
    matches!(
        ch,
        '\u{00C0}'..='\u{00D6}'
            | '\u{00D8}'..='\u{00F6}'
            | '\u{00F8}'..='\u{024F}'
            | '\u{0400}'..='\u{0481}'
            | '\u{048A}'..='\u{04FF}'
            | '\u{05D0}'..='\u{05EA}'
            | '\u{0620}'..='\u{064A}'
            | '\u{0671}'..='\u{06D3}'
            | '\u{4E00}'..='\u{9FFF}'
            | '\u{AC00}'..='\u{D7A3}'
    )
}

/// Byte classes for the fast paths of [`ascii_shape`].
const UPPER_BYTE: u8 = 1;
const LOWER_BYTE: u8 = 2;

static ASCII_CASE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = if byte.is_ascii_uppercase() {
            UPPER_BYTE
        } else if byte.is_ascii_lowercase() {
            LOWER_BYTE
        } else {
            0
        };
        b += 1;
    }
    table
};

/// [`shape_of`] for ASCII bytes.
#[inline]
fn ascii_shape(bytes: &[u8]) -> (Shape, bool) {
    // Most words are lowercase or capitalized letters only: after the
    // first byte, all lowercase letters. A unit test compares this with
    // the general loop below.
    if let Some((&first, rest)) = bytes.split_first()
        && rest.iter().all(|&b| ASCII_CASE[b as usize] == LOWER_BYTE)
    {
        match ASCII_CASE[first as usize] {
            LOWER_BYTE => return (Shape::Lower, false),
            UPPER_BYTE => return (Shape::Capitalized, false),
            _ => {}
        }
    }
    ascii_shape_general(bytes)
}

/// [`ascii_shape`] of a run of ASCII letters and digits, from the byte
/// flags of its first byte and of the rest: they settle the common shapes
/// without a second pass over the bytes.
#[inline(always)]
fn alnum_shape(first: u8, rest: u8, bytes: &[u8]) -> (Shape, bool) {
    let has_digit = (first | rest) & DIGIT != 0;
    if rest & UPPER == 0 {
        let shape = if first & UPPER != 0 {
            Shape::Capitalized
        } else if (first | rest) & LOWER != 0 {
            Shape::Lower
        } else {
            Shape::Uncased
        };
        return (shape, has_digit);
    }
    ascii_shape(bytes)
}

/// [`ascii_shape`] without its fast path.
fn ascii_shape_general(bytes: &[u8]) -> (Shape, bool) {
    let (mut upper, mut lower, mut letters) = (0usize, 0usize, 0usize);
    let mut digit = false;
    let mut initial_caps = true;
    let mut after_apostrophe = false;
    for &byte in bytes {
        if byte.is_ascii_uppercase() {
            if letters > 0 && !after_apostrophe {
                initial_caps = false;
            }
            upper += 1;
            letters += 1;
        } else if byte.is_ascii_lowercase() {
            if letters == 0 {
                initial_caps = false;
            }
            lower += 1;
            letters += 1;
        } else if byte.is_ascii_digit() {
            digit = true;
        }
        after_apostrophe = byte == b'\'';
    }
    (shape_from(upper, lower, initial_caps), digit)
}

fn shape_from(upper: usize, lower: usize, initial_caps: bool) -> Shape {
    match (upper, lower) {
        (0, 0) => Shape::Uncased,
        (0, _) => Shape::Lower,
        (1, 0) => Shape::Capitalized,
        (_, 0) => Shape::AllCaps,
        _ if initial_caps => Shape::Capitalized,
        _ => Shape::Mixed,
    }
}

/// Byte length of the opening punctuation that starts `chunk` ("(", "“", …).
fn leading_openers(chunk: &str) -> usize {
    chunk
        .char_indices()
        .find(|&(_, ch)| {
            !matches!(
                ch,
                '(' | '[' | '{' | '<' | '"' | '\'' | '“' | '‘' | '«' | '¿' | '¡'
            )
        })
        .map_or(chunk.len(), |(index, _)| index)
}

/// A URL, e-mail address, handle or hashtag starting at `start` and ending
/// by `end`: its kind and end.
fn special_token(text: &str, start: usize, end: usize) -> Option<(TokenKind, usize)> {
    let rest = &text[start..end];
    let first = *rest.as_bytes().first()?;
    match first {
        b'@' => {
            let len = rest[1..]
                .bytes()
                .take_while(|&b| b.is_ascii_alphanumeric() || b == b'_')
                .count();
            (len > 0).then_some((TokenKind::Handle, start + 1 + len))
        }
        b'#' => {
            let body: usize = rest[1..]
                .chars()
                .take_while(|&ch| ch.is_alphanumeric() || ch == '_')
                .map(char::len_utf8)
                .sum();
            let tag = &rest[1..1 + body];
            tag.chars()
                .any(char::is_alphabetic)
                .then_some((TokenKind::Hashtag, start + 1 + body))
        }
        _ => url(rest)
            .or_else(|| email(rest))
            .map(|(kind, len)| (kind, start + len)),
    }
}

/// A URL at the start of `rest`: "http://…", "https://…", "www.…".
fn url(rest: &str) -> Option<(TokenKind, usize)> {
    let bytes = rest.as_bytes();
    let prefix = ["https://", "http://", "ftp://", "www."]
        .iter()
        .find(|p| bytes.len() > p.len() && bytes[..p.len()].eq_ignore_ascii_case(p.as_bytes()))?;
    // Trailing punctuation belongs to the sentence, and a closing bracket
    // only to the URL when the URL opened it ("…/Foo_(bar)").
    let count = |byte: u8| bytes.iter().filter(|&&b| b == byte).count();
    let (mut parens, mut brackets) = (
        count(b')') as isize - count(b'(') as isize,
        count(b']') as isize - count(b'[') as isize,
    );
    let mut end = rest.len();
    while let Some(last) = rest[..end].chars().next_back() {
        let trim = match last {
            '.' | ',' | ';' | ':' | '!' | '?' | '"' | '\'' | '”' | '’' | '»' | '…' | '>' => {
                true
            }
            ')' if parens > 0 => {
                parens -= 1;
                true
            }
            ']' if brackets > 0 => {
                brackets -= 1;
                true
            }
            _ => false,
        };
        if !trim {
            break;
        }
        end -= last.len_utf8();
    }
    (end > prefix.len()).then_some((TokenKind::Url, end))
}

/// An e-mail address at the start of `rest`: ASCII local part, "@", and a
/// domain of two or more labels ending in a letters-only label.
fn email(rest: &str) -> Option<(TokenKind, usize)> {
    let at = rest.find('@')?;
    let local = &rest[..at];
    if local.is_empty()
        || local.starts_with('.')
        || local.ends_with('.')
        || !local
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-'))
    {
        return None;
    }
    let domain_len = rest[at + 1..]
        .bytes()
        .take_while(|&b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-'))
        .count();
    let domain = rest[at + 1..at + 1 + domain_len].trim_end_matches(['.', '-']);
    let tld = domain.rsplit('.').next().unwrap_or("");
    let valid = domain.contains('.')
        && tld.len() >= 2
        && tld.bytes().all(|b| b.is_ascii_alphabetic())
        && domain.split('.').all(|label| !label.is_empty());
    valid.then_some((TokenKind::Email, at + 1 + domain.len()))
}

/// Word-boundary classes of ASCII bytes under UAX #29.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// ALetter: A–Z, a–z.
    Letter,
    /// Numeric: 0–9.
    Digit,
    /// ExtendNumLet: "_".
    Connector,
    /// MidLetter: ":".
    MidLetter,
    /// MidNumLet and Single_Quote: "." and "'".
    MidNumLet,
    /// MidNum: "," and ";".
    MidNum,
    /// Everything else, each byte its own piece.
    Other,
}

const fn class_table() -> [Class; 128] {
    let mut table = [Class::Other; 128];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        table[b] = if byte.is_ascii_alphabetic() {
            Class::Letter
        } else if byte.is_ascii_digit() {
            Class::Digit
        } else {
            match byte {
                b'_' => Class::Connector,
                b':' => Class::MidLetter,
                b'.' | b'\'' => Class::MidNumLet,
                b',' | b';' => Class::MidNum,
                _ => Class::Other,
            }
        };
        b += 1;
    }
    table
}

static CLASSES: [Class; 128] = class_table();

/// The UAX #29 word-boundary pieces of an ASCII range without whitespace.
fn ascii_atoms(bytes: &[u8], start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let class = |i: usize| CLASSES[(bytes[i] & 0x7F) as usize];
    let mut i = start;
    while i < end {
        let c = class(i);
        if !matches!(c, Class::Letter | Class::Digit | Class::Connector) {
            out.push((i, i + 1));
            i += 1;
            continue;
        }
        let s = i;
        let mut prev = c;
        i += 1;
        while i < end {
            let c = class(i);
            if matches!(c, Class::Letter | Class::Digit | Class::Connector) {
                prev = c;
                i += 1;
                continue;
            }
            // WB6/7 and WB11/12: one middle char between two letters or two digits.
            if i + 1 < end {
                let after = class(i + 1);
                let joins = (prev == Class::Letter
                    && after == Class::Letter
                    && matches!(c, Class::MidLetter | Class::MidNumLet))
                    || (prev == Class::Digit
                        && after == Class::Digit
                        && matches!(c, Class::MidNum | Class::MidNumLet));
                if joins {
                    prev = after;
                    i += 2;
                    continue;
                }
            }
            break;
        }
        out.push((s, i));
    }
}

/// The UAX #29 word-boundary pieces of a range without whitespace, with a
/// trailing modifier apostrophe ("officialsʼ", a letter under UAX #29) cut
/// off so it behaves like ’.
fn unicode_atoms(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    for (offset, piece) in text[start..end].split_word_bound_indices() {
        let s = start + offset;
        let e = s + piece.len();
        if piece.len() > 2 && piece.ends_with('ʼ') && !piece.ends_with("ʼʼ") {
            out.push((s, e - 2));
            out.push((e - 2, e));
        } else {
            out.push((s, e));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unicode_pieces(text: &str) -> Vec<&str> {
        text.split_word_bounds().collect()
    }

    fn ascii_pieces(text: &str) -> Vec<&str> {
        let mut atoms = Vec::new();
        ascii_atoms(text.as_bytes(), 0, text.len(), &mut atoms);
        atoms.into_iter().map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn ascii_shape_fast_paths_agree_with_the_general_loop() {
        let pieces = [
            "a", "A", "ab", "Ab", "aB", "AB", "abc", "Abc", "ABc", "o'brien", "O'Brien", "a1",
            "A1", "1a", "12", "'", "''", "x'", "X'", "'s", "U.S", "iPhone", "McDonald", "-", "",
        ];
        for piece in pieces {
            let bytes = piece.as_bytes();
            assert_eq!(ascii_shape(bytes), ascii_shape_general(bytes), "{piece:?}");
        }
        let runs = [
            "a", "A", "ab", "Ab", "aB", "AB", "abc", "Abc", "ABc", "aBC", "a1", "A1", "1a", "1A",
            "12", "G7", "B52s", "3rd", "9News", "iPhone", "McDonald", "NATO", "x", "X",
        ];
        for run in runs {
            let bytes = run.as_bytes();
            let first = BYTE_FLAGS[bytes[0] as usize];
            let rest = bytes[1..]
                .iter()
                .fold(0, |f, &b| f | BYTE_FLAGS[b as usize]);
            assert_eq!(
                alnum_shape(first, rest, bytes),
                ascii_shape_general(bytes),
                "{run:?}"
            );
        }
    }

    #[test]
    fn a_line_break_is_noted_only_where_a_newline_separates_tokens() {
        // The rule the flag replaced: a '\n' byte between the two tokens.
        for text in [
            "BRIEFS\nTalks ended.",
            "a \t\n  b\r\nc  d\u{2003}e\u{2028}f",
            "Al-Sudani\n\n“We stay,” he said.\nNo.",
            "\n\nLEAD\n",
            "x",
        ] {
            let tokens = tokenize(text);
            for i in 0..tokens.len() {
                let by_gap =
                    i == 0 || text[tokens[i - 1].span.end..tokens[i].span.start].contains('\n');
                assert_eq!(tokens.breaks_line_before(i), by_gap, "{text:?} token {i}");
            }
        }
    }

    #[test]
    fn plain_keys_hold_no_mark_to_strip() {
        let text = "O'Brien met U.S. envoys at 10:30 in Doha, NATO's Sudani said.";
        let tokens = tokenize(text);
        for (i, _) in tokens.iter().enumerate() {
            let key = tokens.key_bytes(i);
            let plain = key.is_ascii() && !key.iter().copied().any(is_mark_byte);
            assert_eq!(tokens.plain_key(i), plain, "{:?}", tokens.key(i));
        }
    }

    #[test]
    fn ascii_scanner_matches_unicode_segmentation_on_tricky_input() {
        let cases = [
            "U.S.",
            "a:b",
            "1,200,000",
            "3.5",
            "1;2",
            "O'Brien's",
            "a.1",
            "1.a",
            "a_b.c",
            "_a.b",
            "a__1,2",
            "1'000",
            "x..y",
            "9/11",
            "$5bn",
            "end.The",
            "a'",
            "'a",
            "a,b",
            "1:2",
        ];
        for text in cases {
            assert_eq!(ascii_pieces(text), unicode_pieces(text), "{text:?}");
        }
    }

    /// Every chunk of the marked-word shape and its near misses, before
    /// what can follow a word in news, tokenized by the fast path and by
    /// the general one: a random text rarely spells "Shiaa' Al-Sudani".
    #[test]
    fn marked_words_tokenize_as_the_general_path_does() {
        let openers = ["", "\"", "(", "'", "$", "“"];
        let bodies = [
            "said", "Mr", "U", "78th", "2023", "Shiaa", "www", "e", "iPhone",
        ];
        let stops = ["", ",", ".", ":", ";", "?", "!", ")", "'", "-", ".."];
        let closers = ["", "\"", "'", "”", ")"];
        let after = ["", " Al-Sudani", " said", "\n Quinn", ".", "s", " 11"];
        let mut compared = 0;
        for opener in openers {
            for body in bodies {
                for stop in stops {
                    for closer in closers {
                        for rest in after {
                            let text = format!("{opener}{body}{stop}{closer}{rest}");
                            let (fast, slow) =
                                (tokenize_with(&text, true), tokenize_with(&text, false));
                            assert_eq!(fast.as_slice(), slow.as_slice(), "{text:?}");
                            assert!(fast.keys_iter().eq(slow.keys_iter()), "{text:?}");
                            compared += 1;
                        }
                    }
                }
            }
        }
        assert_eq!(compared, 6 * 9 * 11 * 5 * 7);
    }

    /// What [`lowercase_run`] computes eight bytes at once, a byte at a time.
    fn lowercase_run_bytewise(bytes: &[u8], pos: usize) -> usize {
        match bytes.get(pos..pos + 8) {
            Some(chunk) => chunk.iter().take_while(|b| b.is_ascii_lowercase()).count(),
            None => 0,
        }
    }

    #[test]
    fn lowercase_run_stops_at_the_bytes_around_the_letters() {
        // the bytes just outside 'a'..='z', and high bytes whose low seven
        // bits are letters
        for edge in [b'`', b'{', b'A', b'Z', b'@', b' ', 0xE1, 0xFA, 0x80, 0xFF] {
            for at in 0..8 {
                let mut chunk = *b"abcdwxyz";
                chunk[at] = edge;
                assert_eq!(lowercase_run(&chunk, 0), at, "{edge:#x} at {at}");
            }
        }
        assert_eq!(lowercase_run(b"abcdwxyz", 0), 8);
        assert_eq!(lowercase_run(b"abcdwxy", 0), 0, "fewer than eight bytes");
        assert_eq!(lowercase_run(b"xabcdwxyz", 1), 8);
    }

    proptest::proptest! {
        // The fast paths take many chunk shapes, some rare in random text.
        #![proptest_config(crate::proptest_config(2000))]

        #[test]
        fn lowercase_run_agrees_with_a_byte_at_a_time(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..24),
            letters in proptest::collection::vec(b'a'..=b'z', 0..12),
            pos in 0usize..24,
        ) {
            // letters first, so that long runs are common
            let bytes: Vec<u8> = letters.into_iter().chain(bytes).collect();
            proptest::prop_assert_eq!(
                lowercase_run(&bytes, pos),
                lowercase_run_bytewise(&bytes, pos)
            );
        }

        #[test]
        fn fast_paths_change_nothing(text in "[a-zA-Z0-9_.,;:?!'\"/$%()@# \n’-]{0,40}") {
            let (fast, slow) = (tokenize_with(&text, true), tokenize_with(&text, false));
            proptest::prop_assert_eq!(fast.as_slice(), slow.as_slice());
            proptest::prop_assert!(fast.keys_iter().eq(slow.keys_iter()));
        }

        /// The hyphen-minus is always a token of its own, in a word or
        /// number never: "Al-Sudani" and "seventy-four" are three tokens
        /// each, "2023-09-20" five. The stages rely on it (the date scanner
        /// reads "seventy-four" across three tokens and asks no word for a
        /// hyphen).
        #[test]
        fn a_hyphen_never_stays_inside_a_word_or_number(
            text in "[a-zA-Z0-9.,'’ éÉ/:-]{0,40}|([A-Za-z]{1,8}-){1,3}[A-Za-z0-9]{1,8}"
        ) {
            let tokens = tokenize(&text);
            for i in 0..tokens.len() {
                if matches!(tokens[i].kind, TokenKind::Word | TokenKind::Number) {
                    proptest::prop_assert!(!tokens.key(i).contains('-'), "{:?}", tokens.key(i));
                }
            }
        }

        #[test]
        fn ascii_scanner_matches_unicode_segmentation(text in "[a-zA-Z0-9_.,;:'\"/$%()-]{0,24}") {
            proptest::prop_assert_eq!(ascii_pieces(&text), unicode_pieces(&text));
        }
    }

    #[test]
    fn hyphenated_words_and_dates_are_split_at_the_hyphen() {
        let text = "Al-Sudani, seventy-four, 2023-09-20";
        let tokens = tokenize(text);
        let pieces: Vec<&str> = tokens.iter().map(|t| &text[t.span]).collect();
        assert_eq!(
            pieces,
            [
                "Al", "-", "Sudani", ",", "seventy", "-", "four", ",", "2023", "-", "09", "-", "20"
            ]
        );
    }

    #[test]
    fn a_key_is_found_only_as_a_whole_token_key() {
        let tokens = tokenize("The developments at Élan’s office, said élan.");
        let any = |key: &str| tokens.any_with_key(key.as_bytes(), |_| true);
        let lower = |key: &str| tokens.any_with_key(key.as_bytes(), |t| t.shape == Shape::Lower);
        assert!(any("developments") && !any("development") && !any("velop"));
        assert!(any("the") && !lower("the"));
        // a folded key, kept after the text: "Élan" and "élan" are "elan"
        assert!(any("elan") && lower("elan") && !any("élan"));
        assert!(any("'s") && any(".") && !any(""));
    }

    #[test]
    fn common_letters_are_letters_and_never_numbers() {
        for ch in ('\u{80}'..='\u{FFFF}').filter(|&c| common_letter(c)) {
            assert!(
                ch.is_alphabetic() && !ch.is_numeric(),
                "U+{:04X}",
                ch as u32
            );
        }
    }

    #[test]
    fn shapes() {
        let cases = [
            ("Baghdad", Shape::Capitalized),
            ("O'Brien", Shape::Capitalized),
            ("N’Djamena", Shape::Capitalized),
            ("W.", Shape::Capitalized),
            ("NATO", Shape::AllCaps),
            ("U.S.", Shape::AllCaps),
            ("said", Shape::Lower),
            ("McDonald", Shape::Mixed),
            ("iPhone", Shape::Mixed),
            ("d'Estaing", Shape::Mixed),
            ("2023", Shape::Uncased),
            ("بغداد", Shape::Uncased),
            ("Москва", Shape::Capitalized),
            ("Erdoğan", Shape::Capitalized),
        ];
        for (piece, expected) in cases {
            assert_eq!(shape_of(piece).0, expected, "{piece:?}");
        }
    }
}
