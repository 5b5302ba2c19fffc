//! Matching keys: case folding, punctuation variants and diacritics.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Returns the matching key of `text`: lowercased, with ’ ‘ ʼ folded to `'`,
/// “ ” to `"`, – — ‐ to `-`, and diacritics removed.
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
pub fn fold_into(text: &str, out: &mut String) {
    if text.is_ascii() {
        out.extend(text.bytes().map(|b| b.to_ascii_lowercase() as char));
        return;
    }
    for ch in text.nfd() {
        if is_combining_mark(ch) {
            continue;
        }
        match fold_punctuation(ch) {
            Some(folded) => out.push(folded),
            None => match ch {
                // Letters that do not decompose under NFD.
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
}

/// Folds typographic variants of apostrophes, quotes and dashes.
pub(crate) fn fold_punctuation(ch: char) -> Option<char> {
    Some(match ch {
        '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{02BB}' | '\u{2032}' | '`' | '\u{00B4}' => '\'',
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
            ("“Hello”", "\"hello\""),
            ("Secretary—General", "secretary-general"),
            ("Łódź", "lodz"),
            ("Straße", "strasse"),
            ("Москва", "москва"),
        ];
        for (input, expected) in cases {
            assert_eq!(normalize_key(input), expected, "input {input:?}");
        }
    }
}
