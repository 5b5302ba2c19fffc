//! Declared transliteration rules: spelling variants of one name map to one
//! skeleton key, so a gazetteer lists a name once and the text may use any
//! common romanization of it.
//!
//! The rules, applied to a token's matching key (already lowercased, with
//! quotes, dashes and diacritics folded by [`crate::text::normalize_key`]):
//!
//! 1. Apostrophe-like marks inside or at the end of a word are dropped:
//!    `'` (which ’ ‘ ʼ fold to), `ʿ` (ayn), `ʾ` (hamza) and `.`, so "Shi'a",
//!    "Shiʿa", "Shiaa’" and "U.S." become "shia", "shia", "shiaa" and "us".
//!    The possessive "’s" token is left alone.
//! 2. The stripped key is looked up in [`VARIANTS`]: every spelling in a
//!    group maps to the group's first spelling (its skeleton).
//! 3. The Arabic article (the lists `article` and `sunarticle` of
//!    `rules/lexicon.rules`): "al" and "el" are always the particle `al`; the
//!    assimilated "sun letter" forms "ad", "as", "ash", "at", "az", "ar",
//!    "an", "ath", "adh", "ts" are the particle only when a hyphen is attached
//!    ("ash-Sharaa"), since as, at and an are also English words.
//!    Particles never need capitals ("al-Sudani" and "Al-Sudani" both match).

use crate::keymap::KeyMap;
use crate::lexicon::word_list;
use std::sync::LazyLock;

/// Groups of spelling variants; the first spelling of each group is the
/// skeleton every other spelling maps to. Spellings are matching keys after
/// rule 1 (lowercase, no diacritics, no apostrophes).
pub const VARIANTS: &[&[&str]] = &[
    &[
        "muhammad", "mohammed", "muhammed", "mohamed", "mohamad", "mohammad", "muhamad", "mohamud",
        "mohammod",
    ],
    &["ahmad", "ahmed"],
    &["mahmoud", "mahmud", "mahmood"],
    &["shia", "shiaa", "shiah", "shiya"],
    &[
        "hussein", "hussain", "husain", "husayn", "hossein", "hussien",
    ],
    &["hassan", "hasan"],
    &["abdul", "abdel", "abdal", "abdol", "abdulla"],
    &["abdullah", "abdallah", "abdellah"],
    &["osama", "usama"],
    &["omar", "umar"],
    &["othman", "uthman", "osman"],
    &["yusuf", "yousef", "youssef", "yousuf", "yusef", "yousif"],
    &["mustafa", "mustapha", "moustafa", "mostafa"],
    &["qaeda", "qaida"],
    &[
        "qaddafi", "gaddafi", "gadhafi", "qadhafi", "kadhafi", "kaddafi",
    ],
    &["nasrallah", "nasrullah"],
    &["zelensky", "zelenskyy", "zelenskiy", "zelenskyi"],
    &["kyiv", "kiev"],
    &["sisi", "sissi"],
    &["tayyip", "tayyib"],
    &["saddam", "sadam"],
    &["faisal", "faysal", "feisal"],
    &["khalid", "khaled"],
];

/// The skeleton of the Arabic article.
pub(crate) const ARTICLE: &str = "al";

/// True for a key that is the article whatever follows it ("al", "el").
#[cfg(test)]
fn is_article(key: &str) -> bool {
    word_list!("article").contains(key)
}

/// True for an assimilated article form ("ash", "ad", …), which counts as the
/// article only before an attached hyphen.
pub(crate) fn is_sun_letter_article(key: &str) -> bool {
    word_list!("sunarticle").contains(key)
}

/// True when rule 1 would change `key`.
#[inline]
pub(crate) fn needs_stripping(key: &str) -> bool {
    needs_stripping_bytes(key.as_bytes())
}

/// [`needs_stripping`] of a key given as bytes.
#[inline]
pub(crate) fn needs_stripping_bytes(key: &[u8]) -> bool {
    // It runs for every token: one table load per byte.
    static MARK_BYTES: [bool; 256] = {
        let mut table = [false; 256];
        let mut byte = 0;
        while byte < 128 {
            table[byte] = crate::text::is_mark_byte(byte as u8);
            byte += 1;
        }
        // the lead byte of ʿ and ʾ
        table[0xCA] = true;
        table
    };
    key.iter().any(|&b| MARK_BYTES[b as usize]) && key != b"'s"
}

/// Applies rule 1 into `out` (cleared first). Keeps the key when nothing
/// but marks would remain.
pub(crate) fn strip_marks_into(key: &str, out: &mut String) {
    out.clear();
    // Most keys hold no mark: copied whole rather than char by char.
    if key == "'s" || !needs_stripping(key) {
        out.push_str(key);
        return;
    }
    let is_mark = |c: char| {
        (c.is_ascii() && crate::text::is_mark_byte(c as u8)) || matches!(c, '\u{02BF}' | '\u{02BE}')
    };
    out.extend(key.chars().filter(|&c| !is_mark(c)));
    if out.is_empty() {
        out.push_str(key);
    }
}

/// Applies rules 1 and 2 to a matching key: the skeleton used for matching.
///
/// ```
/// use herald::gazetteer::skeleton;
/// assert_eq!(skeleton("mohammed"), "muhammad");
/// assert_eq!(skeleton("shiaa'"), "shia");
/// assert_eq!(skeleton("shiʿa"), "shia");
/// assert_eq!(skeleton("u.s"), "us");
/// assert_eq!(skeleton("baghdad"), "baghdad");
/// ```
pub fn skeleton(key: &str) -> String {
    let mut stripped = String::with_capacity(key.len());
    strip_marks_into(key, &mut stripped);
    skeleton_of_stripped(&stripped).to_owned()
}

/// Rules 2 and 3 (the unconditional article forms) on a key already
/// through rule 1.
pub(crate) fn skeleton_of_stripped(stripped: &str) -> &str {
    // One table answers both rules: every article form and every listed
    // spelling, with its skeleton (the article forms first, as before).
    static INDEX: LazyLock<KeyMap<Option<&'static str>>> = LazyLock::new(|| {
        let articles = word_list!("article")
            .words()
            .iter()
            .map(|form| (*form, Some(ARTICLE)));
        let variants = VARIANTS
            .iter()
            .flat_map(|group| group.iter().map(|spelling| (*spelling, Some(group[0]))));
        KeyMap::new(articles.chain(variants))
    });
    INDEX.get(stripped).flatten().unwrap_or(stripped)
}

/// Every listed spelling of `skeleton` other than itself (empty when the
/// skeleton heads no group), plus the article forms for the article.
pub(crate) fn spellings_of(skeleton: &str) -> &'static [&'static str] {
    if skeleton == ARTICLE {
        return word_list!("article").words();
    }
    static HEADS: LazyLock<KeyMap<Option<&'static [&'static str]>>> =
        LazyLock::new(|| KeyMap::new(VARIANTS.iter().map(|group| (group[0], Some(&group[1..])))));
    HEADS.get(skeleton).flatten().unwrap_or(&[])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_spelling_belongs_to_two_groups() {
        let mut seen = std::collections::HashMap::new();
        for group in VARIANTS {
            for spelling in *group {
                assert!(
                    seen.insert(*spelling, group[0]).is_none(),
                    "{spelling} is listed twice"
                );
                assert_eq!(
                    skeleton(spelling),
                    group[0],
                    "{spelling} is not a stripped key"
                );
            }
        }
    }

    #[test]
    fn variants_reach_their_skeleton() {
        let cases = [
            ("muhammad", "muhammad"),
            ("mohamed", "muhammad"),
            ("mohamad", "muhammad"),
            ("muhammed", "muhammad"),
            ("shia", "shia"),
            ("shiaa", "shia"),
            ("shiaa'", "shia"),
            ("shi'a", "shia"),
            ("shiʿa", "shia"),
            ("el", "al"),
            ("al", "al"),
            ("qa'ida", "qaeda"),
            ("'s", "'s"),
            ("'", "'"),
            ("o'brien", "obrien"),
        ];
        for (key, expected) in cases {
            assert_eq!(skeleton(key), expected, "key {key:?}");
        }
    }

    #[test]
    fn sun_letter_forms_are_not_unconditional_articles() {
        for form in word_list!("sunarticle").words() {
            assert!(is_sun_letter_article(form));
            assert!(!is_article(form), "{form}");
            assert_eq!(skeleton(form), *form);
        }
    }
}
