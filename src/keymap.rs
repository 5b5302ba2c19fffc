//! A map from token matching keys to small values, for the lookups made
//! for every token (the rule vocabulary, the lexicon's word lists, the
//! event stage's word sets).
//!
//! Most keys are short words, so a key of up to seven bytes is packed with
//! its length into one integer and found in an open-addressing table by a
//! multiply-shift probe: no string is hashed or compared. Longer keys go
//! to an FxHash map. A key longer than the longest entry is refused before
//! any work.

use rustc_hash::FxHashMap;

use crate::text::Tokens;

/// Token keys mapped to `V`; built once, then only read.
#[derive(Clone, Debug)]
pub(crate) struct KeyMap<V> {
    /// Packed short keys and their values; a zero key marks an empty slot
    /// (packed keys are never zero).
    short: Vec<(u64, V)>,
    shift: u32,
    long: FxHashMap<Box<[u8]>, V>,
    longest: usize,
    len: usize,
}

impl<V: Copy + Default> Default for KeyMap<V> {
    fn default() -> KeyMap<V> {
        KeyMap::new(std::iter::empty::<(&str, V)>())
    }
}

impl<V: Copy + Default> KeyMap<V> {
    /// A map of `entries`; a key given twice keeps its first value.
    pub fn new<K: AsRef<str> + Into<Box<str>>>(
        entries: impl IntoIterator<Item = (K, V)>,
    ) -> KeyMap<V> {
        let entries: Vec<(K, V)> = entries.into_iter().collect();
        // Only short keys take slots: a gazetteer's vocabulary has almost
        // half its words longer than seven bytes, and counting them sized
        // its table twice as big as it had to be.
        let short_keys = entries
            .iter()
            .filter(|(key, _)| (1..=7).contains(&key.as_ref().len()))
            .count();
        // At most a quarter full, so probes stay short; a big map (a
        // gazetteer's vocabulary) at most half full, to stay small.
        let load = if short_keys > 1 << 15 { 2 } else { 4 };
        let slots = (short_keys * load).next_power_of_two().max(16);
        let mut map = KeyMap {
            short: vec![(0, V::default()); slots],
            shift: 64 - slots.trailing_zeros(),
            long: FxHashMap::default(),
            longest: 0,
            len: 0,
        };
        for (owned, value) in entries {
            let key = owned.as_ref().as_bytes();
            let len = key.len();
            match pack(key) {
                Some(packed) => {
                    let mut slot = map.slot(packed);
                    loop {
                        match map.short[slot].0 {
                            0 => {
                                map.short[slot] = (packed, value);
                                map.len += 1;
                                break;
                            }
                            k if k == packed => break,
                            _ => slot = (slot + 1) & (slots - 1),
                        }
                    }
                }
                None if key.is_empty() => continue,
                None => {
                    if !map.long.contains_key(key) {
                        // an owned key moves in without a copy
                        map.long.insert(owned.into().into_boxed_bytes(), value);
                        map.len += 1;
                    }
                }
            }
            map.longest = map.longest.max(len);
        }
        map
    }

    #[inline]
    fn slot(&self, packed: u64) -> usize {
        home_slot(packed, self.shift)
    }

    /// The value of `key`, if it is in the map. A key may be given as
    /// bytes ([`Tokens::key_bytes`](crate::text::Tokens::key_bytes)), which
    /// spares the char-boundary checks of slicing a `str`.
    ///
    /// Always inlined, as the other lookups: it runs for every token, and
    /// whether the compiler inlined it into a caller moved with how the
    /// crate happened to be split into codegen units (±1 M instructions
    /// over the profile's 300 kB).
    #[inline(always)]
    pub fn get<K: AsRef<[u8]> + ?Sized>(&self, key: &K) -> Option<V> {
        let key = key.as_ref();
        if key.len() > self.longest {
            return None;
        }
        let Some(packed) = pack(key) else {
            return self.long.get(key).copied();
        };
        self.probe(packed)
    }

    /// [`KeyMap::get`] of a key already made ready ([`Key::of`]).
    #[inline(always)]
    pub fn get_key(&self, key: Key<'_>) -> Option<V> {
        match key {
            Key::Short(packed) if (packed >> 56) as usize <= self.longest => self.probe(packed),
            Key::Long(key) if key.len() <= self.longest => self.long.get(key).copied(),
            _ => None,
        }
    }

    /// The value of a packed short key.
    #[inline(always)]
    fn probe(&self, packed: u64) -> Option<V> {
        let mask = self.short.len() - 1;
        let mut slot = self.slot(packed);
        loop {
            let (k, value) = self.short[slot];
            if k == packed {
                return Some(value);
            }
            if k == 0 {
                return None;
            }
            slot = (slot + 1) & mask;
        }
    }

    /// True when `key` is in the map.
    #[inline]
    pub fn contains<K: AsRef<[u8]> + ?Sized>(&self, key: &K) -> bool {
        self.get(key).is_some()
    }

    /// The number of distinct keys.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.len
    }
}

/// A set of token keys built per document (its lowercase vocabulary): a
/// short key is stored packed in an open-addressing table, so inserting
/// and finding one is a multiply and a probe or two, with no string
/// hashed or compared (hashbrown's insert was 68 instructions a word).
#[derive(Debug)]
pub(crate) struct KeySet<'a> {
    /// Packed short keys; zero marks an empty slot. At most half full.
    short: Vec<u64>,
    shift: u32,
    short_len: usize,
    long: rustc_hash::FxHashSet<&'a [u8]>,
}

impl Default for KeySet<'_> {
    fn default() -> Self {
        KeySet::with_capacity(0, 0)
    }
}

impl<'a> KeySet<'a> {
    /// An empty set sized for about `keys` keys of at most seven bytes
    /// and `long_keys` longer ones; it grows past them.
    pub fn with_capacity(keys: usize, long_keys: usize) -> KeySet<'a> {
        let slots = (keys * 2).next_power_of_two().max(16);
        let mut long = rustc_hash::FxHashSet::default();
        long.reserve(long_keys);
        KeySet {
            short: vec![0; slots],
            shift: 64 - slots.trailing_zeros(),
            short_len: 0,
            long,
        }
    }

    #[inline]
    fn slot(&self, packed: u64) -> usize {
        home_slot(packed, self.shift)
    }

    /// Adds a key made ready by [`Key::of`].
    #[inline]
    pub fn insert_key(&mut self, key: Key<'a>) {
        let packed = match key {
            Key::Short(packed) => packed,
            Key::Long(key) => {
                self.long.insert(key);
                return;
            }
        };
        let mask = self.short.len() - 1;
        let mut slot = self.slot(packed);
        loop {
            match self.short[slot] {
                0 => break,
                k if k == packed => return,
                _ => slot = (slot + 1) & mask,
            }
        }
        self.short[slot] = packed;
        self.short_len += 1;
        if self.short_len * 2 > self.short.len() {
            self.grow();
        }
    }

    /// Doubles the table and re-inserts every key.
    #[cold]
    fn grow(&mut self) {
        let slots = self.short.len() * 2;
        let old = std::mem::replace(&mut self.short, vec![0; slots]);
        self.shift -= 1;
        let mask = self.short.len() - 1;
        for packed in old.into_iter().filter(|&k| k != 0) {
            let mut slot = self.slot(packed);
            while self.short[slot] != 0 {
                slot = (slot + 1) & mask;
            }
            self.short[slot] = packed;
        }
    }

    /// True when `key` was added.
    #[inline]
    pub fn contains(&self, key: &str) -> bool {
        let Some(packed) = pack(key.as_bytes()) else {
            return self.long.contains(key.as_bytes());
        };
        let mask = self.short.len() - 1;
        let mut slot = self.slot(packed);
        loop {
            match self.short[slot] {
                0 => return false,
                k if k == packed => return true,
                _ => slot = (slot + 1) & mask,
            }
        }
    }
}

/// The first slot probed for a packed key in a table of `2^(64 - shift)`
/// slots (multiply-shift hashing), for the maps and the sets alike.
#[inline(always)]
fn home_slot(packed: u64, shift: u32) -> usize {
    (packed.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> shift) as usize
}

/// A token's key made ready for lookups: packed as the maps pack their
/// keys when it has one to seven bytes, else its bytes. A token is looked
/// up in several maps (gazetteer, rule vocabulary, word lists), and this
/// packs it once and without a branch on its length.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Key<'a> {
    Short(u64),
    Long(&'a [u8]),
}

impl<'a> Key<'a> {
    /// The key of token `index` of `tokens`, as the tokenizer packed it.
    #[inline(always)]
    pub fn of(tokens: &'a Tokens, index: usize) -> Key<'a> {
        match tokens.packed_key(index) {
            0 => Key::Long(tokens.key_bytes(index)),
            packed => Key::Short(packed),
        }
    }

    /// The key `key`, packed when it can be. [`Key::of`] gives the same
    /// for a token's key (a property test checks it). Tests make keys
    /// with it; the stages look up tokens' own keys.
    #[cfg(test)]
    pub fn from_bytes(key: &'a [u8]) -> Key<'a> {
        match pack(key) {
            Some(packed) => Key::Short(packed),
            None => Key::Long(key),
        }
    }
}

/// The length of a packed key (0 for none), from its top byte.
#[inline(always)]
pub(crate) fn packed_len(packed: u64) -> usize {
    (packed >> 56) as usize
}

/// The first byte of a packed key, from its lowest byte.
#[inline(always)]
pub(crate) fn packed_first_byte(packed: u64) -> u8 {
    packed as u8
}

/// The packing of a key of `len` bytes that `tail` starts with, or 0 when
/// it has none (no bytes, or more than seven). When `tail` holds eight
/// bytes (the tokenizer pads its key buffer so that it always does), a
/// short key is one little-endian load, masked, as [`pack`] places its
/// bytes; else it is packed byte by byte.
#[inline(always)]
pub(crate) fn pack_in_place(len: usize, tail: &[u8]) -> u64 {
    // Per length, the mask keeping the key's bytes, and its length byte.
    const PACKING: [(u64, u64); 8] = {
        let mut table = [(0, 0); 8];
        let mut len = 1;
        while len < 8 {
            table[len] = (u64::MAX >> (64 - 8 * len), (len as u64) << 56);
            len += 1;
        }
        table
    };
    match (PACKING.get(len), tail.first_chunk::<8>()) {
        (Some(&(mask, length)), Some(word)) => u64::from_le_bytes(*word) & mask | length,
        _ => tail.get(..len).and_then(pack).unwrap_or(0),
    }
}

/// Packs a key of one to seven bytes and its length into an integer; the
/// length byte keeps packings distinct (even with NUL bytes) and non-zero.
/// Two overlapping loads place every byte without a variable-length copy.
#[inline]
fn pack(key: &[u8]) -> Option<u64> {
    let b = key;
    let n = b.len();
    let bytes = match n {
        0 => return None,
        1..=3 => {
            u64::from(b[0])
                | u64::from(b[n / 2]) << (8 * (n / 2))
                | u64::from(b[n - 1]) << (8 * (n - 1))
        }
        4..=7 => {
            let lo = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
            let hi = u32::from_le_bytes([b[n - 4], b[n - 3], b[n - 2], b[n - 1]]);
            u64::from(lo) | u64::from(hi) << (8 * (n - 4))
        }
        _ => return None,
    };
    Some(bytes | (n as u64) << 56)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_length_is_found_and_nothing_else() {
        let words = [
            "a",
            "an",
            "and",
            "said",
            "would",
            "minister",
            "spokeswoman",
            "é",
            "'s",
            "a\0",
        ];
        let map = KeyMap::new(words.iter().enumerate().map(|(i, w)| (*w, i)));
        assert_eq!(map.len(), words.len());
        for (i, w) in words.iter().enumerate() {
            assert_eq!(map.get(w), Some(i), "{w}");
        }
        for absent in [
            "",
            "b",
            "ann",
            "sai",
            "saidx",
            "minister ",
            "spokeswomen",
            "\0a",
        ] {
            assert_eq!(map.get(absent), None, "{absent:?}");
        }
    }

    #[test]
    fn a_repeated_key_keeps_its_first_value() {
        let map = KeyMap::new([
            ("said", 1),
            ("told", 2),
            ("said", 3),
            ("reporters", 4),
            ("reporters", 5),
        ]);
        assert_eq!(map.get("said"), Some(1));
        assert_eq!(map.get("reporters"), Some(4));
        assert_eq!(map.len(), 3);
    }

    #[test]
    fn a_key_set_finds_what_was_added_and_nothing_else() {
        let mut set = KeySet::default();
        for key in ["", "a", "said", "said", "ministers", "é"] {
            set.insert_key(Key::from_bytes(key.as_bytes()));
        }
        for key in ["", "a", "said", "ministers", "é"] {
            assert!(set.contains(key), "{key:?}");
        }
        for key in ["b", "sai", "minister", "e"] {
            assert!(!set.contains(key), "{key:?}");
        }
    }

    #[test]
    fn a_key_set_grown_past_its_capacity_keeps_every_key() {
        let words: Vec<String> = (0..5_000).map(|i| format!("w{i}")).collect();
        let mut set = KeySet::with_capacity(3, 0);
        for word in &words {
            set.insert_key(Key::from_bytes(word.as_bytes()));
            set.insert_key(Key::from_bytes(word.as_bytes()));
        }
        assert!(words.iter().all(|w| set.contains(w)));
        assert!((5_000..10_000).all(|i| !set.contains(&format!("w{i}"))));
        assert_eq!(set.short_len, words.iter().filter(|w| w.len() <= 7).count());
    }

    #[test]
    fn a_packed_key_tells_its_length_and_first_byte() {
        for word in ["he", "their", "s", "abcdefg"] {
            let packed = pack(word.as_bytes()).unwrap();
            assert_eq!(packed_len(packed), word.len());
            assert_eq!(packed_first_byte(packed), word.as_bytes()[0]);
        }
        assert_eq!(packed_len(0), 0);
    }

    proptest::proptest! {
        /// A token's key read from the padded buffer packs as its bytes do,
        /// for keys of every length, folded non-ASCII keys among them, and
        /// the last key of the buffer.
        #[test]
        fn a_token_key_packs_as_its_bytes(text in "[a-zA-Z0-9.,'’ÉéßŞ İ\\-]{0,60}") {
            let tokens = crate::text::tokenize(&text);
            for i in 0..tokens.len() {
                proptest::prop_assert_eq!(Key::of(&tokens, i), Key::from_bytes(tokens.key_bytes(i)));
            }
        }
    }

    #[test]
    fn an_empty_map_finds_nothing() {
        let map: KeyMap<u32> = KeyMap::default();
        assert_eq!(map.get("a"), None);
        assert_eq!(map.get(""), None);
    }
}
