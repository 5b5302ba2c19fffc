//! A map from token matching keys to small values, for the lookups made
//! for every token (the rule vocabulary, the gazetteer's words, the
//! lexicon's word lists, the event stage's word sets).
//!
//! A key of up to seven bytes is packed with its length into one integer,
//! and one of eight to fifteen bytes into two; each size has its own
//! open-addressing table probed by multiply-shift, so no string is hashed
//! or compared and a lookup touches one slot. Only keys of sixteen bytes
//! or more go to an FxHash map. A key longer than the longest entry is
//! refused before any work.
//!
//! Two tables, not one FxHash map, for the long words: a third of a
//! gazetteer's words have eight bytes or more ("minister", "government"),
//! and through a hash map each cost a boxed key's cache miss and a
//! `memcmp`, which showed in the profile.

use rustc_hash::FxHashMap;

/// Token keys mapped to `V`; built once, then only read.
#[derive(Clone, Debug)]
pub(crate) struct KeyMap<V> {
    /// Keys of one to seven bytes (see [`pack`]).
    short: Table<u64, V>,
    /// Keys of eight to fifteen bytes (see [`pack_mid`]).
    mid: Table<(u64, u64), V>,
    long: FxHashMap<Box<[u8]>, V>,
    longest: usize,
    len: usize,
}

/// An open-addressing table of packed keys; the packing is never all
/// zeros, which marks an empty slot.
#[derive(Clone, Debug)]
struct Table<K, V> {
    slots: Vec<(K, V)>,
    shift: u32,
}

/// A packed key: its bits spread into a slot index.
trait Packed: Copy + Eq + Default {
    fn spread(self) -> u64;
}

impl Packed for u64 {
    #[inline]
    fn spread(self) -> u64 {
        self.wrapping_mul(0x9E37_79B9_7F4A_7C15)
    }
}

impl Packed for (u64, u64) {
    #[inline]
    fn spread(self) -> u64 {
        (self.0.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ self.1).wrapping_mul(0xC2B2_AE3D_27D4_EB4F)
    }
}

impl<K: Packed, V: Copy + Default> Table<K, V> {
    /// Room for `keys` keys, at most half full: probes stay short, and
    /// the table small enough that its slots stay in the cache.
    fn with_room(keys: usize) -> Table<K, V> {
        let slots = (keys * 2).next_power_of_two().max(16);
        Table {
            slots: vec![(K::default(), V::default()); slots],
            shift: 64 - slots.trailing_zeros(),
        }
    }

    #[inline]
    fn slot(&self, key: K) -> usize {
        (key.spread() >> self.shift) as usize
    }

    /// Adds `key` unless it is there; true when it was added.
    fn insert(&mut self, key: K, value: V) -> bool {
        let mask = self.slots.len() - 1;
        let mut slot = self.slot(key);
        loop {
            match self.slots[slot].0 {
                k if k == key => return false,
                k if k == K::default() => {
                    self.slots[slot] = (key, value);
                    return true;
                }
                _ => slot = (slot + 1) & mask,
            }
        }
    }

    #[inline]
    fn get(&self, key: K) -> Option<V> {
        let mask = self.slots.len() - 1;
        let mut slot = self.slot(key);
        loop {
            let (k, value) = self.slots[slot];
            if k == key {
                return Some(value);
            }
            if k == K::default() {
                return None;
            }
            slot = (slot + 1) & mask;
        }
    }
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
        let count = |sizes: std::ops::RangeInclusive<usize>| {
            entries
                .iter()
                .filter(|(k, _)| sizes.contains(&k.as_ref().len()))
                .count()
        };
        let mut map = KeyMap {
            short: Table::with_room(count(1..=7)),
            mid: Table::with_room(count(8..=15)),
            long: FxHashMap::default(),
            longest: 0,
            len: 0,
        };
        for (owned, value) in entries {
            let key = owned.as_ref().as_bytes();
            let len = key.len();
            let added = if let Some(packed) = pack(key) {
                map.short.insert(packed, value)
            } else if let Some(packed) = pack_mid(key) {
                map.mid.insert(packed, value)
            } else if key.is_empty() {
                continue;
            } else if map.long.contains_key(key) {
                false
            } else {
                // an owned key moves in without a copy
                map.long.insert(owned.into().into_boxed_bytes(), value);
                true
            };
            map.len += usize::from(added);
            map.longest = map.longest.max(len);
        }
        map
    }

    /// The value of `key`, if it is in the map. A key may be given as
    /// bytes ([`Tokens::key_bytes`](crate::text::Tokens::key_bytes)), which
    /// spares the char-boundary checks of slicing a `str`.
    #[inline]
    pub fn get<K: AsRef<[u8]> + ?Sized>(&self, key: &K) -> Option<V> {
        let key = key.as_ref();
        if key.len() > self.longest {
            return None;
        }
        if let Some(packed) = pack(key) {
            self.short.get(packed)
        } else if let Some(packed) = pack_mid(key) {
            self.mid.get(packed)
        } else {
            self.long.get(key).copied()
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
/// short key is stored packed, so inserting and finding one hashes a
/// single integer and compares no bytes.
#[derive(Debug, Default)]
pub(crate) struct KeySet<'a> {
    short: rustc_hash::FxHashSet<u64>,
    long: rustc_hash::FxHashSet<&'a str>,
}

impl<'a> KeySet<'a> {
    /// An empty set with room for `keys` short keys, so that filling it
    /// with a document's words rehashes nothing (the growth showed in the
    /// profile).
    pub fn with_capacity(keys: usize) -> KeySet<'a> {
        let mut short = rustc_hash::FxHashSet::default();
        short.reserve(keys);
        KeySet {
            short,
            long: rustc_hash::FxHashSet::default(),
        }
    }

    /// Adds `key`.
    #[inline]
    pub fn insert(&mut self, key: &'a str) {
        match pack(key.as_bytes()) {
            Some(packed) => {
                self.short.insert(packed);
            }
            None => {
                self.long.insert(key);
            }
        }
    }

    /// True when `key` was added.
    #[inline]
    pub fn contains(&self, key: &str) -> bool {
        match pack(key.as_bytes()) {
            Some(packed) => self.short.contains(&packed),
            None => self.long.contains(key),
        }
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

/// Packs a key of eight to fifteen bytes and its length into two
/// integers: its first eight bytes, and the rest with the length in the
/// top byte (so the second is never zero). Two loads, as in [`pack`].
#[inline]
fn pack_mid(key: &[u8]) -> Option<(u64, u64)> {
    let n = key.len();
    if !(8..=15).contains(&n) {
        return None;
    }
    let word = |at: usize| {
        let mut bytes = [0; 8];
        bytes.copy_from_slice(&key[at..at + 8]);
        u64::from_le_bytes(bytes)
    };
    // The last eight bytes, shifted down to the n - 8 past the first eight
    // (two shifts: one of 64 bits would overflow when n is 8).
    let rest = word(n - 8) >> (8 * (16 - n) - 1) >> 1;
    Some((word(0), rest | (n as u64) << 56))
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
            "ministers",
            "Al-Sudani",
            "prosecutors",
            "spokespersons",
            "telecommunicate",
            "telecommunication",
            "minister\0",
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
            "ministerx",
            "al-sudani",
            "prosecutor",
            "spokespersonz",
            "telecommunicatf",
            "telecommunicatio",
            "minister\0\0",
            "\0minister",
        ] {
            assert_eq!(map.get(absent), None, "{absent:?}");
        }
    }

    #[test]
    fn keys_of_every_length_up_to_twenty_pack_apart() {
        // Each length from 1 to 20, and each byte of each key changed in
        // turn: packings that lost or shared a byte would collide here.
        let keys: Vec<String> = (1..=20)
            .map(|n| "abcdefghijklmnopqrst"[..n].to_string())
            .collect();
        let map = KeyMap::new(keys.iter().enumerate().map(|(i, k)| (k.as_str(), i)));
        assert_eq!(map.len(), keys.len());
        for (i, key) in keys.iter().enumerate() {
            assert_eq!(map.get(key), Some(i), "{key}");
            for at in 0..key.len() {
                let mut changed = key.clone().into_bytes();
                changed[at] = b'z';
                assert_eq!(map.get(&changed), None, "{key} changed at {at}");
            }
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
            set.insert(key);
        }
        for key in ["", "a", "said", "ministers", "é"] {
            assert!(set.contains(key), "{key:?}");
        }
        for key in ["b", "sai", "minister", "e"] {
            assert!(!set.contains(key), "{key:?}");
        }
    }

    #[test]
    fn an_empty_map_finds_nothing() {
        let map: KeyMap<u32> = KeyMap::default();
        assert_eq!(map.get("a"), None);
        assert_eq!(map.get(""), None);
    }
}
