//! Property tests: invariants of tokens and sentences on any input.

use herald::Span;
use herald::text::{normalize_key, split_sentences, tokenize};
use proptest::prelude::*;

/// Text made of the pieces news text is made of, so the rules fire often.
fn newsy() -> impl Strategy<Value = String> {
    let fixed = prop::sample::select(vec![
        "NATO",
        "’s",
        "'s",
        "Al-Sudani",
        "Shiaa’",
        "Mr.",
        "U.S.",
        "Jan.",
        ".",
        "...",
        "…",
        "—",
        "-",
        ",",
        "“",
        "”",
        "\"",
        "'",
        "9/11",
        "1,200",
        "3.5",
        "45%",
        "$5bn",
        "https://example.org/a_(b)",
        "press@example.org",
        "@NATO",
        "#UNGA78",
        "BAGHDAD",
        "September",
        "21",
        "(AP)",
        "The",
        "said",
        "Erdoğan",
        "السوداني",
        "Москва",
        "習近平",
        "\u{301}",
        " ",
        " ",
        "\n",
        "\n\n",
        "\u{a0}",
    ]);
    let piece = prop_oneof![
        4 => fixed.prop_map(str::to_owned),
        1 => "[a-zA-Z0-9]{1,6}",
        1 => "\\PC{1,3}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

/// Any string at all.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![newsy(), any::<String>(), "[ -~\n]{0,80}"]
}

proptest! {
    #![proptest_config(crate::proptest_config(512))]

    #[test]
    fn tokens_are_ordered_disjoint_nonempty_and_on_char_boundaries(text in any_text()) {
        let text = text.as_str();
        let tokens = tokenize(text);
        let mut previous_end = 0;
        for token in &tokens {
            prop_assert!(token.span.start >= previous_end, "overlap or disorder at {:?}", token.span);
            prop_assert!(token.span.start < token.span.end, "empty token at {:?}", token.span);
            prop_assert!(text.is_char_boundary(token.span.start));
            prop_assert!(text.is_char_boundary(token.span.end));
            previous_end = token.span.end;
        }
    }

    #[test]
    fn only_whitespace_lies_between_tokens(text in any_text()) {
        let text = text.as_str();
        let tokens = tokenize(text);
        let mut previous_end = 0;
        for token in &tokens {
            let gap = &text[previous_end..token.span.start];
            prop_assert!(gap.chars().all(char::is_whitespace), "gap {:?}", gap);
            prop_assert_eq!(token.space_before, previous_end == 0 || !gap.is_empty());
            previous_end = token.span.end;
        }
        prop_assert!(text[previous_end..].chars().all(char::is_whitespace));
    }

    #[test]
    fn keys_are_the_normalized_token_text(text in any_text()) {
        let text = text.as_str();
        let tokens = tokenize(text);
        for (index, token) in tokens.iter().enumerate() {
            prop_assert_eq!(tokens.key(index), normalize_key(&text[token.span]));
        }
    }

    #[test]
    fn tokenizing_is_deterministic(text in any_text()) {
        let text = text.as_str();
        let (a, b) = (tokenize(text), tokenize(text));
        prop_assert_eq!(a.as_slice(), b.as_slice());
        prop_assert!(a.keys_iter().eq(b.keys_iter()));
    }

    #[test]
    fn sentences_partition_the_tokens(text in any_text()) {
        let text = text.as_str();
        let tokens = tokenize(text);
        let sentences = split_sentences(text, &tokens);
        let mut next = 0;
        for sentence in &sentences {
            prop_assert_eq!(sentence.tokens.start, next);
            prop_assert!(sentence.tokens.end > sentence.tokens.start);
            prop_assert_eq!(sentence.span.start, tokens[sentence.tokens.start].span.start);
            prop_assert_eq!(sentence.span.end, tokens[sentence.tokens.end - 1].span.end);
            if let Some(dateline) = sentence.dateline {
                prop_assert!(sentence.span.contains(dateline.span));
                prop_assert!(dateline.span.contains(dateline.place));
                if let Some(date) = dateline.date {
                    prop_assert!(dateline.span.contains(date));
                }
            }
            next = sentence.tokens.end;
        }
        prop_assert_eq!(next, tokens.len());
    }

    /// `covering` gives the tokens from the one starting where the span
    /// starts to the one ending where it ends, for spans of every length
    /// between any two byte offsets.
    #[test]
    fn covering_finds_the_tokens_a_span_starts_and_ends_with(
        text in any_text(),
        bounds in prop::collection::vec((0usize..400, 0usize..400), 1..24),
    ) {
        let text = text.as_str();
        let tokens = tokenize(text);
        let mut spans: Vec<Span> = bounds
            .iter()
            .map(|&(a, b)| Span::new(a.min(b).min(text.len()), a.max(b).min(text.len())))
            .collect();
        // Spans of whole tokens too, which random offsets seldom hit.
        for (i, j) in &bounds {
            if !tokens.is_empty() {
                let (i, j) = (i % tokens.len(), j % tokens.len());
                spans.push(Span::new(tokens[i.min(j)].span.start, tokens[i.max(j)].span.end));
            }
        }
        for span in spans {
            let first = tokens.iter().position(|t| t.span.start == span.start);
            let last = tokens.iter().position(|t| t.span.end == span.end);
            let expected = match (first, last) {
                (Some(first), Some(last)) if first <= last => Some(first..last + 1),
                _ => None,
            };
            prop_assert_eq!(tokens.covering(span), expected, "{:?}", span);
        }
    }
}
