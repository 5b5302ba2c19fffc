//! Matching keys: case folding, punctuation variants and diacritics.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Returns the matching key of `text`: lowercased, with ’ ‘ ʼ folded to `'`,
/// “ ” to `"`, – — ‐ to `-`, … to `...`, diacritics removed and invisible
/// format characters (soft hyphen, zero-width space and joiners) dropped.
///
/// ```
/// use herald::text::normalize_key;
/// assert_eq!(normalize_key("Erdoğan"), "erdogan");
/// assert_eq!(normalize_key("Shiaa’"), "shiaa'");
/// assert_eq!(normalize_key("Secretary–General"), "secretary-general");
/// ```
pub fn normalize_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    fold_into(text, &mut key);
    key
}

/// Appends the matching key of `text` to `out` (see [`normalize_key`]).
///
/// ```
/// let mut keys = String::from("nato ");
/// herald::text::fold_into("Erdoğan’s", &mut keys);
/// assert_eq!(keys, "nato erdogan's");
/// ```
pub fn fold_into(text: &str, out: &mut String) {
    if text.is_ascii() {
        let start = out.len();
        out.push_str(text);
        out[start..].make_ascii_lowercase();
        return;
    }
    for ch in text.chars() {
        if ch.is_ascii() {
            out.push(ch.to_ascii_lowercase());
        } else {
            // Decomposing char by char gives NFD up to the order of
            // combining marks, and those are all dropped.
            decompose_canonical(ch, |part| fold_char(part, out));
        }
    }
}

/// Appends the key of one char of a canonical decomposition.
#[inline]
fn fold_char(ch: char, out: &mut String) {
    if ch.is_ascii() {
        out.push(ch.to_ascii_lowercase());
        return;
    }
    if is_combining_mark(ch) || is_invisible(ch) {
        return;
    }
    if let Some(folded) = fold_punctuation(ch) {
        out.push(folded);
        return;
    }
    match ch {
        '\u{2026}' => out.push_str("..."),
        // Letters that do not decompose under NFD.
        'ı' => out.push('i'),
        'ø' | 'Ø' => out.push('o'),
        'đ' | 'Đ' => out.push('d'),
        'ł' | 'Ł' => out.push('l'),
        'ß' => out.push_str("ss"),
        'æ' | 'Æ' => out.push_str("ae"),
        'œ' | 'Œ' => out.push_str("oe"),
        // Lowercase letters and scripts without case map to themselves;
        // checking first skips the slower case-mapping table.
        _ if ch.is_lowercase() || is_caseless_block(ch) => out.push(ch),
        _ => out.extend(ch.to_lowercase()),
    }
}

/// Blocks of scripts without letter case: Hebrew, Arabic, Indic, Thai,
/// CJK, Hangul, Arabic presentation forms.
fn is_caseless_block(ch: char) -> bool {
    matches!(ch, '\u{0590}'..='\u{0DFF}' | '\u{0E00}'..='\u{0EFF}' | '\u{3040}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// Format characters that change nothing a reader sees; a key that kept them
/// would fail to match the same word typed without them.
fn is_invisible(ch: char) -> bool {
    matches!(
        ch,
        '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// Folds typographic variants of apostrophes, quotes and dashes.
pub(crate) fn fold_punctuation(ch: char) -> Option<char> {
    Some(match ch {
        '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{02BB}' | '\u{2032}' | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => '-',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_quotes_dashes_and_diacritics() {
        let cases = [
            ("NATO", "nato"),
            ("Erdoğan", "erdogan"),
            ("Shiaa’", "shiaa'"),
            ("Shiaaʼ", "shiaa'"),
            ("‘quoted’", "'quoted'"),
            ("“Hello”", "\"hello\""),
            ("Secretary—General", "secretary-general"),
            ("Secretary‐General", "secretary-general"),
            ("Łódź", "lodz"),
            ("Straße", "strasse"),
            ("Москва", "москва"),
            ("wait…", "wait..."),
            ("Sec\u{AD}retary", "secretary"),
            ("İstanbul", "istanbul"),
            // ASCII is only lowercased, as the tokenizer's ASCII keys are.
            ("`quoted`", "`quoted`"),
            ("`é`", "`e`"),
        ];
        for (input, expected) in cases {
            assert_eq!(normalize_key(input), expected, "input {input:?}");
        }
    }

    /// The definition the fast version must agree with: NFD, drop marks and
    /// invisible chars, fold punctuation and a few letters, lowercase.
    fn reference_key(text: &str) -> String {
        use unicode_normalization::UnicodeNormalization;
        let mut out = String::new();
        for ch in text.nfd() {
            if is_combining_mark(ch) || is_invisible(ch) {
                continue;
            }
            match fold_punctuation(ch) {
                Some(folded) => out.push(folded),
                None => match ch {
                    '\u{2026}' => out.push_str("..."),
                    'ı' => out.push('i'),
                    'ø' | 'Ø' => out.push('o'),
                    'đ' | 'Đ' => out.push('d'),
                    'ł' | 'Ł' => out.push('l'),
                    'ß' => out.push_str("ss"),
                    'æ' | 'Æ' => out.push_str("ae"),
                    'œ' | 'Œ' => out.push_str("oe"),
                    _ => out.extend(ch.to_lowercase()),
                },
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn fast_folding_agrees_with_the_definition(text in "\\PC{0,12}") {
            proptest::prop_assert_eq!(normalize_key(&text), reference_key(&text));
        }
    }

    #[test]
    fn caseless_blocks_have_no_case() {
        for ch in ('\u{0590}'..='\u{FEFF}').filter(|&c| is_caseless_block(c)) {
            assert!(ch.to_lowercase().eq([ch]), "{ch:?} U+{:04X}", ch as u32);
        }
    }

    #[test]
    fn fold_into_appends() {
        let mut out = String::from("x");
        fold_into("AbC", &mut out);
        fold_into("Ğ", &mut out);
        assert_eq!(out, "xabcg");
    }
}
