//! A map from token matching keys to small values, for the lookups made
//! for every token (the rule vocabulary, the lexicon's word lists, the
//! event stage's word sets).
//!
//! Most keys are short words, so a key of up to seven bytes is packed with
//! its length into one integer and found in an open-addressing table by a
//! multiply-shift probe: no string is hashed or compared. A key of eight
//! to fifteen bytes ("government", "spokeswoman") is packed into two
//! integers and found the same way in a second table; only longer keys go
//! to an FxHash map. A key longer than the longest entry is refused before
//! any work.

use rustc_hash::FxHashMap;

use crate::text::Tokens;

/// Token keys mapped to `V`; built once, then only read.
#[derive(Clone, Debug)]
pub(crate) struct KeyMap<V> {
    /// Keys of one to seven bytes packed by [`pack`], and their values.
    short: Packed<u64, V>,
    /// Keys of eight to fifteen bytes packed by [`pack_mid`].
    mid: Packed<(u64, u64), V>,
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
        // Each table is sized by the keys it holds: a gazetteer's
        // vocabulary has almost half its words longer than seven bytes.
        let count = |lengths: std::ops::RangeInclusive<usize>| {
            entries
                .iter()
                .filter(|(key, _)| lengths.contains(&key.as_ref().len()))
                .count()
        };
        let mut map = KeyMap {
            short: Packed::for_keys(count(1..=7)),
            mid: Packed::for_keys(count(8..=15)),
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
            } else if key.is_empty() || map.long.contains_key(key) {
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
            return self.get_long(key);
        };
        self.short.get(packed)
    }

    /// The value of a key of eight bytes or more.
    #[inline(always)]
    fn get_long(&self, key: &[u8]) -> Option<V> {
        match pack_mid(key) {
            Some(packed) => self.mid.get(packed),
            None => self.long.get(key).copied(),
        }
    }

    /// [`KeyMap::get`] of a key already made ready ([`Key::of`]).
    #[inline(always)]
    pub fn get_key(&self, key: Key<'_>) -> Option<V> {
        match key {
            Key::Short(packed) if (packed >> 56) as usize <= self.longest => self.short.get(packed),
            Key::Long(key) if key.len() <= self.longest => self.get_long(key),
            _ => None,
        }
    }

    /// True when `key` is in the map.
    #[inline]
    pub fn contains<K: AsRef<[u8]> + ?Sized>(&self, key: &K) -> bool {
        self.get(key).is_some()
    }

    /// One map of the keys of `self` and `other`, each with its value in
    /// both (`absent` standing in for a map without the key): one lookup
    /// then answers for two maps, where two would each go to memory (a
    /// token's gazetteer id and rule vocabulary id).
    pub fn union<W: Copy + Default>(&self, other: &KeyMap<W>, absent: (V, W)) -> KeyMap<(V, W)> {
        let mut union = KeyMap {
            short: Packed::union(&self.short, &other.short, absent),
            mid: Packed::union(&self.mid, &other.mid, absent),
            long: FxHashMap::default(),
            longest: self.longest.max(other.longest),
            len: 0,
        };
        for (key, &value) in &self.long {
            union.long.insert(key.clone(), (value, absent.1));
        }
        for (key, &value) in &other.long {
            union
                .long
                .entry(key.clone())
                .and_modify(|both| both.1 = value)
                .or_insert((absent.0, value));
        }
        union.len = union.short.len() + union.mid.len() + union.long.len();
        union
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

/// One of a [`KeyMap`]'s tables: packed keys and their values in open
/// addressing, probed linearly from a multiply-shift home slot. The
/// default key (zero) marks an empty slot: no packed key is zero.
#[derive(Clone, Debug)]
struct Packed<K, V> {
    slots: Vec<(K, V)>,
    shift: u32,
}

/// A key packed into one integer ([`pack`]) or two ([`pack_mid`]).
trait PackedKey: Copy + Eq + Default {
    /// The integer the home slot is taken from.
    fn mixed(self) -> u64;
}

impl PackedKey for u64 {
    #[inline(always)]
    fn mixed(self) -> u64 {
        self
    }
}

impl PackedKey for (u64, u64) {
    #[inline(always)]
    fn mixed(self) -> u64 {
        self.0 ^ self.1.wrapping_mul(0xFF51_AFD7_ED55_8CCD)
    }
}

impl<K: PackedKey, V: Copy + Default> Packed<K, V> {
    /// An empty table for `keys` keys: at most a quarter full, so probes
    /// stay short; a big one (a gazetteer's vocabulary) at most half
    /// full, to stay small.
    fn for_keys(keys: usize) -> Packed<K, V> {
        let load = if keys > 1 << 15 { 2 } else { 4 };
        let slots = (keys * load).next_power_of_two().max(16);
        Packed {
            slots: vec![(K::default(), V::default()); slots],
            shift: 64 - slots.trailing_zeros(),
        }
    }

    /// Adds `key` unless it is there (a key given twice keeps its first
    /// value); true when added.
    fn insert(&mut self, key: K, value: V) -> bool {
        let mask = self.slots.len() - 1;
        let mut slot = home_slot(key.mixed(), self.shift);
        loop {
            let found = self.slots[slot].0;
            if found == K::default() {
                self.slots[slot] = (key, value);
                return true;
            }
            if found == key {
                return false;
            }
            slot = (slot + 1) & mask;
        }
    }

    /// The table of [`KeyMap::union`]: the keys of `one` and `other`,
    /// each with its value in both.
    fn union<W: Copy + Default>(
        one: &Packed<K, V>,
        other: &Packed<K, W>,
        absent: (V, W),
    ) -> Packed<K, (V, W)> {
        let mut union = Packed::for_keys(one.len() + other.len());
        for (key, value) in one.entries() {
            union.insert(key, (value, absent.1));
        }
        for (key, value) in other.entries() {
            union.upsert(key, (absent.0, value), |both| both.1 = value);
        }
        union
    }

    /// The keys held, with their values.
    fn entries(&self) -> impl Iterator<Item = (K, V)> + '_ {
        self.slots
            .iter()
            .copied()
            .filter(|(key, _)| *key != K::default())
    }

    /// The number of keys held.
    fn len(&self) -> usize {
        self.entries().count()
    }

    /// Changes the value of `key` by `change` when it is there, else adds
    /// it with `value`.
    fn upsert(&mut self, key: K, value: V, change: impl FnOnce(&mut V)) {
        let mask = self.slots.len() - 1;
        let mut slot = home_slot(key.mixed(), self.shift);
        loop {
            let found = self.slots[slot].0;
            if found == key {
                change(&mut self.slots[slot].1);
                return;
            }
            if found == K::default() {
                self.slots[slot] = (key, value);
                return;
            }
            slot = (slot + 1) & mask;
        }
    }

    #[inline(always)]
    fn get(&self, key: K) -> Option<V> {
        let mask = self.slots.len() - 1;
        let mut slot = home_slot(key.mixed(), self.shift);
        loop {
            let (found, value) = self.slots[slot];
            if found == key {
                return Some(value);
            }
            if found == K::default() {
                return None;
            }
            slot = (slot + 1) & mask;
        }
    }
}

/// Packs a key of eight to fifteen bytes into two integers: its first
/// eight bytes, and the rest with the length in the top byte (so the
/// second is never zero, and keys of different lengths differ). The rest
/// is read as the last eight bytes, shifted past those already read.
#[inline(always)]
fn pack_mid(key: &[u8]) -> Option<(u64, u64)> {
    let n = key.len();
    if !(8..=15).contains(&n) {
        return None;
    }
    let (first, last) = (key.first_chunk::<8>()?, key.last_chunk::<8>()?);
    let rest = match n - 8 {
        0 => 0,
        more => u64::from_le_bytes(*last) >> (8 * (8 - more)),
    };
    Some((u64::from_le_bytes(*first), rest | (n as u64) << 56))
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

/// [`pack`] at compile time, for matching a token's packed key against
/// known words: `match tokens.packed_key(i) { HE => … }`. A key must have
/// one to seven bytes (else the constant fails to compile).
pub(crate) const fn packed(key: &[u8]) -> u64 {
    assert!(
        !key.is_empty() && key.len() <= 7,
        "a packed key has one to seven bytes"
    );
    let mut packed = (key.len() as u64) << 56;
    let mut at = 0;
    while at < key.len() {
        packed |= (key[at] as u64) << (8 * at);
        at += 1;
    }
    packed
}

/// The packing of a key of `len` bytes that `tail` starts with, or 0 when
/// it has none (no bytes, or more than seven). When `tail` holds eight
/// bytes (the tokenizer pads the lowercased text so that an ASCII key does), a
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
    fn a_union_answers_for_both_maps() {
        let people = KeyMap::new([("ali", 1), ("spokeswoman", 2), ("al-sudani-family-name", 3)]);
        let rules = KeyMap::new([("said", 10), ("spokeswoman", 20), ("ali", 30), ("x", 40)]);
        let both = people.union(&rules, (0, 0));
        assert_eq!(both.len(), 5);
        for (key, expected) in [
            ("ali", (1, 30)),
            ("spokeswoman", (2, 20)),
            ("al-sudani-family-name", (3, 0)),
            ("said", (0, 10)),
            ("x", (0, 40)),
        ] {
            assert_eq!(both.get(key), Some(expected), "{key}");
            assert_eq!(
                both.get_key(Key::from_bytes(key.as_bytes())),
                Some(expected)
            );
        }
        assert_eq!(both.get("told"), None);
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
    fn a_key_packed_at_compile_time_packs_as_at_run_time() {
        for word in [
            "a", "he", "his", "they", "their", "abcdefg", "\0", "é", "'s",
        ] {
            assert_eq!(
                packed(word.as_bytes()),
                pack(word.as_bytes()).unwrap(),
                "{word}"
            );
        }
    }

    #[test]
    fn keys_of_eight_to_fifteen_bytes_differ_by_length_and_by_every_byte() {
        // The same letter repeated: the two halves of a packed key overlap
        // in what they read, so only the length tells these apart.
        let repeated: Vec<String> = (1..=20).map(|n| "a".repeat(n)).collect();
        let map = KeyMap::new(repeated.iter().enumerate().map(|(i, w)| (w.as_str(), i)));
        for (i, w) in repeated.iter().enumerate() {
            assert_eq!(map.get(w), Some(i), "{w}");
        }
        assert_eq!(map.get(&"a".repeat(21)), None);
        // A word of each length from eight to fifteen bytes, then the same
        // words with one byte changed at each place in turn.
        let words: Vec<String> = (8..=15)
            .map(|n| "spokeswomanships"[..n].to_owned())
            .collect();
        let map = KeyMap::new(words.iter().map(|w| (w.as_str(), ())));
        for w in &words {
            assert!(map.contains(w), "{w}");
            for at in 0..w.len() {
                let mut changed = w.clone().into_bytes();
                changed[at] = b'\0';
                assert!(!map.contains(&changed), "{w} changed at {at}");
            }
        }
    }

    proptest::proptest! {
        /// Whatever the keys' lengths (in each table: short, eight to
        /// fifteen bytes, longer), a map finds each key's first value and
        /// no key it was not given, as a `BTreeMap` does.
        #[test]
        fn a_map_agrees_with_a_btree_map(
            keys in proptest::collection::vec("[ab\\x00é]{1,18}", 0..40),
            probes in proptest::collection::vec("[ab\\x00é]{0,18}", 0..40),
        ) {
            let mut reference = std::collections::BTreeMap::new();
            for (i, key) in keys.iter().enumerate() {
                reference.entry(key.clone()).or_insert(i);
            }
            let map = KeyMap::new(keys.iter().enumerate().map(|(i, k)| (k.as_str(), i)));
            proptest::prop_assert_eq!(map.len(), reference.len());
            for key in keys.iter().chain(&probes) {
                proptest::prop_assert_eq!(map.get(key), reference.get(key).copied(), "{:?}", key);
            }
        }

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
