//! The event stage's word lists, read by name from herald's lexicon.
//!
//! Every list is declared once, as a `words` list in `rules/lexicon.rules`
//! (its "Events" part), where event rules use it as `@name` and this module
//! reads it, through [`crate::lexicon`], for the code that patterns cannot
//! express (argument attachment, modality, merging).

use crate::keymap::{Key, KeyMap};
use crate::lexicon;
use crate::text::Tokens;

/// One word list as a set of matching keys (multi-word entries joined by
/// single spaces), searched without hashing or comparing strings: the
/// event stage asks about many tokens of every sentence it visits.
#[derive(Clone, Debug, Default)]
pub(crate) struct WordSet {
    /// Every entry.
    entries: KeyMap<()>,
    /// The entries of several words, split, sorted by their first word.
    phrases: Vec<Vec<String>>,
    /// Per word that is an entry or opens a phrase: both, in one look-up
    /// for [`WordSet::match_at`].
    opening: KeyMap<Opening>,
}

/// What a word starts in a [`WordSet`].
#[derive(Clone, Copy, Debug, Default)]
struct Opening {
    /// The word alone is an entry.
    entry: bool,
    /// The range of `phrases` it opens (empty for none).
    phrases: (u32, u32),
}

impl WordSet {
    fn new(entries: &[&str]) -> WordSet {
        let mut phrases: Vec<Vec<String>> = entries
            .iter()
            .filter(|e| e.contains(' '))
            .map(|e| e.split(' ').map(str::to_owned).collect())
            .collect();
        phrases.sort();
        phrases.dedup();
        let mut opening: std::collections::BTreeMap<&str, Opening> = entries
            .iter()
            .filter(|e| !e.contains(' '))
            .map(|e| {
                let opening = Opening {
                    entry: true,
                    phrases: (0, 0),
                };
                (*e, opening)
            })
            .collect();
        for (at, phrase) in phrases.iter().enumerate() {
            let at = at as u32;
            let first = opening.entry(&phrase[0]).or_default();
            // phrases are sorted: a first word's phrases are consecutive
            if first.phrases.1 == first.phrases.0 {
                first.phrases.0 = at;
            }
            first.phrases.1 = at + 1;
        }
        WordSet {
            entries: KeyMap::new(entries.iter().map(|e| (*e, ()))),
            opening: KeyMap::new(opening),
            phrases,
        }
    }

    /// True when `key` (one token's key, or a phrase's keys joined by
    /// spaces) is an entry.
    #[inline]
    pub fn contains<K: AsRef<[u8]> + ?Sized>(&self, key: &K) -> bool {
        self.entries.contains(key)
    }

    /// The number of tokens of `tokens` from `index`, all before `limit`,
    /// that spell an entry, the longest entry winning; 0 when none does.
    /// The first key is looked up as the tokenizer packed it, the rest
    /// compared as bytes.
    pub(crate) fn match_at_token(&self, tokens: &Tokens, index: usize, limit: usize) -> usize {
        let limit = limit.min(tokens.len());
        if index >= limit {
            return 0;
        }
        let Some(opening) = self.opening.get_key(Key::of(tokens, index)) else {
            return 0;
        };
        let keys = |i: usize| (i < limit).then(|| tokens.key_bytes(i));
        let mut best = usize::from(opening.entry);
        let (from, to) = opening.phrases;
        for phrase in &self.phrases[from as usize..to as usize] {
            let spelled = phrase
                .iter()
                .enumerate()
                .skip(1)
                .all(|(n, word)| keys(index + n) == Some(word.as_bytes()));
            if spelled {
                best = best.max(phrase.len());
            }
        }
        best
    }
}

/// The lists the event stage's code reads (those it asks of tokens only
/// are read as [`class`]es instead).
#[derive(Clone, Debug, Default)]
pub(crate) struct Lexicon {
    /// Words skipped between a verb and its object ("met Monday with").
    pub object_fillers: WordSet,
    /// Coordinating words that join parties ("and", "along with").
    pub coordinators: WordSet,
    /// Future cues ("will", "expected", "plans").
    pub future: WordSet,
    /// Conditional and speculative cues ("if", "could").
    pub hypothetical: WordSet,
    /// Light verbs whose subject receives an invitation ("accepted").
    pub receiving_verbs: WordSet,
    /// Verbs between "to" and a destination ("invited to visit X").
    pub destination_verbs: WordSet,
    /// Words before an occasion ("sidelines of", "during").
    pub occasion_cues: WordSet,
    /// Last words of an organization name that make it an occasion
    /// ("Assembly", "Summit").
    pub occasion_heads: WordSet,
    /// Nouns that trigger Meeting events.
    pub meeting_nouns: WordSet,
    /// Nouns that trigger Invitation events.
    pub invitation_nouns: WordSet,
    /// Verbs of visiting (their object may be a place).
    pub visit_words: WordSet,
    /// Heads of noun phrases that speak for someone ("a spokesman for X",
    /// "X's office").
    pub representatives: WordSet,
    /// Verbs of saying whose object is the one spoken to ("told X").
    pub tell_verbs: WordSet,
}

impl Lexicon {
    /// Reads every list from the lexicon.
    pub fn new() -> Lexicon {
        let get = |name: &str| WordSet::new(lexicon::list(name).words());
        Lexicon {
            object_fillers: get("objectfiller"),
            coordinators: get("coordinator"),
            future: get("future"),
            hypothetical: get("hypothetical"),
            receiving_verbs: get("receivingverb"),
            destination_verbs: get("destinationverb"),
            occasion_cues: get("occasioncue"),
            occasion_heads: get("occasionhead"),
            meeting_nouns: get("meetingnoun"),
            invitation_nouns: get("invitationnoun"),
            visit_words: get("visit"),
            representatives: get("representative"),
            tell_verbs: get("tellverb"),
        }
    }
}

/// Bits of a word's [`Lexicon::word_classes`]: what the event stage asks
/// of the words of every sentence it visits, answered for each token by
/// the entity stage's one look-up of the token. Each bit stands for one
/// word list (see `CLASS_LISTS`), or two for [`class::BOUNDARY`].
pub(crate) mod class {
    /// A token's classes, one bit per class below.
    pub type Bits = u16;
    /// `@agentnoun`: heads of phrases that name people or bodies.
    pub const AGENT_NOUN: Bits = 1;
    /// `@freepronoun`: pronouns that may be arguments unresolved.
    pub const FREE_PRONOUN: Bits = 1 << 1;
    /// The head of a nominal argument: an agent noun or a free pronoun,
    /// asked about every free word of a sentence with a trigger.
    pub const NOMINAL_HEAD: Bits = AGENT_NOUN | FREE_PRONOUN;
    /// A clause boundary (`@clauseboundary`, where a subject search
    /// stops: the clause ends there) or a quotation mark ([`is_quote`](super::is_quote)).
    pub const BOUNDARY: Bits = 1 << 2;
    /// `@determiner`.
    pub const DETERMINER: Bits = 1 << 3;
    /// `@be`.
    pub const BE: Bits = 1 << 4;
    /// `@negation`.
    pub const NEGATION: Bits = 1 << 5;
    /// `@notmodifier`.
    pub const NOT_MODIFIER: Bits = 1 << 6;
    /// `@sayverb`.
    pub const SAYVERB: Bits = 1 << 7;
    /// `@tellverb`.
    pub const TELL_VERB: Bits = 1 << 8;
    /// `@future`.
    pub const FUTURE: Bits = 1 << 9;
    /// `@hypothetical`.
    pub const HYPOTHETICAL: Bits = 1 << 10;
    /// `@lightverb`: verbs that make a noun trigger an act of their
    /// subject ("held talks", "extended an invitation").
    pub const LIGHT_VERB: Bits = 1 << 11;
    /// `@negatingverb`: verbs that negate the event they govern through
    /// "to" ("refused to meet"); "declined the invitation" is no negation.
    pub const NEGATING_VERB: Bits = 1 << 12;
    /// `@cancelverb`: verbs that negate the event they govern, also
    /// directly ("cancelled the meeting", "called off talks").
    pub const CANCELLING_VERB: Bits = 1 << 13;
}

/// The word list each class bit stands for: a token has the bit when its
/// key is a one-word entry of the list (quotation marks are
/// [`class::BOUNDARY`] too).
const CLASS_LISTS: [(&str, class::Bits); 14] = [
    ("agentnoun", class::AGENT_NOUN),
    ("freepronoun", class::FREE_PRONOUN),
    ("clauseboundary", class::BOUNDARY),
    ("determiner", class::DETERMINER),
    ("be", class::BE),
    ("negation", class::NEGATION),
    ("notmodifier", class::NOT_MODIFIER),
    ("sayverb", class::SAYVERB),
    ("tellverb", class::TELL_VERB),
    ("future", class::FUTURE),
    ("hypothetical", class::HYPOTHETICAL),
    ("lightverb", class::LIGHT_VERB),
    ("negatingverb", class::NEGATING_VERB),
    ("cancelverb", class::CANCELLING_VERB),
];

impl Lexicon {
    /// Each single word of the lists in `CLASS_LISTS` with the bits of the
    /// lists it is in, for the entity stage to join with its own word
    /// tables.
    pub(crate) fn word_classes() -> KeyMap<class::Bits> {
        let mut classes: std::collections::BTreeMap<&str, class::Bits> =
            std::collections::BTreeMap::new();
        let mut add = |words: &[&'static str], bit: class::Bits| {
            for &word in words.iter().filter(|w| !w.contains(' ')) {
                *classes.entry(word).or_default() |= bit;
            }
        };
        for (name, bit) in CLASS_LISTS {
            add(lexicon::list(name).words(), bit);
        }
        add(&QUOTES, class::BOUNDARY);
        KeyMap::new(classes)
    }
}

/// A document's word classes, one [`class::Bits`] per token.
#[derive(Clone, Copy)]
pub(crate) struct WordClasses<'a>(pub(crate) &'a [class::Bits]);

impl WordClasses<'_> {
    /// True when token `index` is in one of the classes `bits`.
    #[inline]
    pub(crate) fn has(self, index: usize, bits: class::Bits) -> bool {
        self.0[index] & bits != 0
    }
}

/// The matching keys of quotation marks, as [`is_quote`] knows them.
const QUOTES: [&str; 5] = ["\"", "'", "«", "»", "„"];

/// True for the matching keys of quotation marks.
/// Takes the key as a `str` or as bytes ([`Tokens::key_bytes`], which
/// spares slicing a `str`).
///
/// [`Tokens::key_bytes`]: crate::text::Tokens::key_bytes
pub(crate) fn is_quote(key: impl AsRef<[u8]>) -> bool {
    // '"', '\'', then «, » and „ in UTF-8
    matches!(
        key.as_ref(),
        b"\"" | b"'" | [0xC2, 0xAB] | [0xC2, 0xBB] | [0xE2, 0x80, 0x9E]
    )
}

#[cfg(test)]
mod tests {
    use super::{KeyMap, Lexicon, WordSet, class, is_quote, lexicon};
    use crate::keymap::Key;

    /// A token's word classes answer what the sets they stand for answer.
    #[test]
    fn word_classes_agree_with_the_sets() {
        let classes: KeyMap<class::Bits> = Lexicon::word_classes();
        let sets: Vec<(class::Bits, WordSet)> = super::CLASS_LISTS
            .iter()
            .map(|&(name, bit)| (bit, WordSet::new(lexicon::list(name).words())))
            .collect();
        let text = "“We will not stop,” the officials said, but a spokesman, who \
                    declined to comment, and they «met» the minister; he said so. \
                    The envoy was told the talks could be cancelled, and they held \
                    no meeting after aides refused to attend.";
        let tokens = crate::text::tokenize(text);
        let mut seen = [0; super::CLASS_LISTS.len()];
        for i in 0..tokens.len() {
            let bits = classes.get_key(Key::of(&tokens, i)).unwrap_or(0);
            let key = tokens.key(i);
            for &(bit, ref set) in &sets {
                // quotation marks are boundaries too
                let member = set.contains(key) || (bit == class::BOUNDARY && is_quote(key));
                assert_eq!(bits & bit != 0, member, "{key} {bit:#x}");
            }
            for (n, seen) in seen.iter_mut().enumerate() {
                *seen += usize::from(bits & 1 << n != 0);
            }
        }
        // every class is met, so each comparison above was made both ways
        assert!(seen.iter().all(|&n| n > 0), "{seen:?}");
        // and each bit stands for the list its name says
        let expected = [
            ("officials", class::AGENT_NOUN),
            ("we", class::FREE_PRONOUN),
            ("but", class::BOUNDARY),
            ("the", class::DETERMINER),
            ("was", class::BE),
            ("not", class::NEGATION),
            ("against", class::NOT_MODIFIER),
            ("said", class::SAYVERB),
            ("told", class::TELL_VERB),
            ("will", class::FUTURE),
            ("could", class::HYPOTHETICAL),
            ("held", class::LIGHT_VERB),
            ("refused", class::NEGATING_VERB),
            ("cancelled", class::CANCELLING_VERB),
        ];
        for (word, bit) in expected {
            assert_ne!(classes.get(word).unwrap_or(0) & bit, 0, "{word}");
        }
    }

    #[test]
    fn is_quote_knows_the_quote_keys_as_strings_and_as_bytes() {
        // the word classes list them (`QUOTES`): both must agree
        for quote in super::QUOTES {
            assert!(is_quote(quote), "{quote}");
            assert!(is_quote(quote.as_bytes()), "{quote}");
        }
        for other in ["", "a", "''", "«a", "\u{AB}\u{AB}", "-", "\u{2E}"] {
            assert!(!is_quote(other), "{other:?}");
        }
        // a lone byte of a quote's UTF-8 is no quote
        assert!(!is_quote([0xC2u8]));
        assert!(!is_quote([0xE2u8, 0x80]));
    }

    /// The longest entry spelled from a token wins; a phrase's first word
    /// alone counts only when it is an entry itself.
    #[test]
    fn match_at_finds_the_longest_entry_spelled_from_a_token() {
        let set = WordSet::new(&[
            "told",
            "told reporters",
            "pointed out",
            "pointed out that",
            "said",
        ]);
        let words = [
            "she",
            "told",
            "reporters",
            "he",
            "pointed",
            "out",
            "that",
            "pointed",
            "said",
            "told",
        ];
        let tokens = crate::text::tokenize(&words.join(" "));
        let n = tokens.len();
        let found: Vec<usize> = (0..n).map(|i| set.match_at_token(&tokens, i, n)).collect();
        assert_eq!(found, [0, 2, 0, 0, 3, 0, 0, 0, 1, 1]);
        assert_eq!(set.match_at_token(&tokens, n, n), 0);
        // an entry must end before the limit: "told reporters" cut to "told"
        assert_eq!(set.match_at_token(&tokens, 1, 2), 1);
        assert_eq!(set.match_at_token(&tokens, 4, 6), 2);
    }
}
