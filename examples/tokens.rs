//! Prints the tokens of the text given as the first argument, with their
//! kind, shape and matching key: a quick way to see what rules match on.

fn main() {
    let text = std::env::args().nth(1).unwrap_or_default();
    let tokens = herald::text::tokenize(&text);
    for (index, token) in tokens.iter().enumerate() {
        println!(
            "{:>3} {:?} {:?} {:?} {:?}",
            index,
            &text[token.span],
            token.kind,
            token.shape,
            tokens.key(index)
        );
    }
}
