//! Persons whose given name a gazetteer also lists as a town.
//!
//! Many given names are towns somewhere ("George", "Orlando", "Victoria",
//! "Gilbert"), and the place list wins the word before the name
//! classifier sees it, which leaves the surname stranded. A one-word town
//! that is a known given name, followed by exactly one capitalized word
//! that nothing claimed, reads as a person: "George Dunmore". Not when the
//! word completes a place or an organization ("Victoria Harbour", "Orlando
//! Police"), when more capitals follow ("Orlando Vick Arena"), when the
//! pair is set in capitals (headlines and datelines give no case evidence),
//! nor when the town is a country or region.

use rustc_hash::FxHashSet as HashSet;

use crate::document::EntityKind;
use crate::lexicon::word_list;
use crate::text::{Shape, TokenKind, Tokens};

use super::resolve::{Candidate, Evidence};

/// Priority of a person read over a town: that of full names.
const GIVEN_NAME_TOWN_PRIORITY: i32 = 21;

/// Rewrites, in `kept` (mentions without overlaps), each one-word town that
/// opens a person's name as that person, and marks the surname `claimed`.
pub(crate) fn given_names_over_towns(
    tokens: &Tokens,
    kept: &mut [Candidate],
    claimed: &mut [bool],
    given_names: &HashSet<String>,
    is_nation: impl Fn(&Candidate) -> bool,
) {
    for mention in kept.iter_mut() {
        if mention.kind != EntityKind::Place
            || mention.evidence != Evidence::Gazetteer
            || mention.tokens.len() != 1
        {
            continue;
        }
        let first = mention.tokens.start;
        let surname = first + 1;
        if surname >= tokens.len()
            || tokens[first].shape != Shape::Capitalized
            || claimed[surname]
            || !surname_follows(tokens, surname)
            || !given_names.contains(tokens.key(first))
            || is_nation(mention)
        {
            continue;
        }
        claimed[surname] = true;
        *mention = Candidate::from_rule(
            tokens,
            first..surname + 1,
            EntityKind::Person,
            GIVEN_NAME_TOWN_PRIORITY,
            Evidence::Rule,
            "person/given-name-town",
        );
    }
}

/// True when the token at `at` is a surname that ends the name: one
/// capitalized word on the same line, no head of a place or an
/// organization, and not followed by more of the name.
fn surname_follows(tokens: &Tokens, at: usize) -> bool {
    let token = &tokens[at];
    if token.kind != TokenKind::Word || token.shape != Shape::Capitalized || !token.space_before {
        return false;
    }
    let key = tokens.key(at);
    if key.ends_with('.')
        || word_list!("orghead").contains(key)
        || word_list!("placehead").contains(key)
        || word_list!("landmarkhead").contains(key)
        || word_list!("starter").contains(key)
    {
        return false;
    }
    let Some(next) = tokens.as_slice().get(at + 1) else {
        return true;
    };
    // "Orlando-based", "Victoria's": a glued hyphen or word continues it;
    // a glued comma or period does not.
    let glued = !next.space_before && (next.kind == TokenKind::Word || tokens.key_is(at + 1, "-"));
    let continues = next.kind == TokenKind::Word && next.shape.has_uppercase();
    !glued && !continues && !matches!(tokens.key(at + 1), "'s" | "’s")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    /// The mentions after the pass, given the one-word towns in `towns`.
    fn people(text: &str, towns: &[&str], given: &[&str]) -> Vec<(String, EntityKind)> {
        let tokens = tokenize(text);
        let mut kept: Vec<Candidate> = tokens
            .iter()
            .enumerate()
            .filter(|(i, _)| towns.contains(&tokens.key(*i)))
            .map(|(i, t)| Candidate {
                span: t.span,
                tokens: i..i + 1,
                kind: EntityKind::Place,
                priority: 20,
                evidence: Evidence::Gazetteer,
                canonical: None,
                key: None,
                value: None,
                source: "test".into(),
                attributes: Vec::new(),
            })
            .collect();
        let mut claimed = vec![false; tokens.len()];
        for mention in &kept {
            claimed[mention.tokens.clone()].fill(true);
        }
        let given: HashSet<String> = given.iter().map(|s| s.to_string()).collect();
        given_names_over_towns(&tokens, &mut kept, &mut claimed, &given, |_| false);
        kept.into_iter()
            .map(|c| (text[c.span].to_owned(), c.kind))
            .collect()
    }

    #[test]
    fn a_town_that_is_a_given_name_opens_a_person() {
        assert_eq!(
            people(
                "The winner, George Dunmore, rode a fine race.",
                &["george"],
                &["george"]
            ),
            [("George Dunmore".to_owned(), EntityKind::Person)]
        );
    }

    #[test]
    fn a_town_completed_by_a_place_word_stays_a_place() {
        for text in [
            "Boats crossed Victoria Island at dawn.",
            "Boats crossed Victoria Bay Bridge at dawn.",
            "Victoria Marlow's ferry left.",
            "Victoria-based Marlow grew.",
            "He flew to Victoria on Monday.",
        ] {
            assert_eq!(
                people(text, &["victoria"], &["victoria"]),
                [("Victoria".to_owned(), EntityKind::Place)],
                "{text}"
            );
        }
    }

    #[test]
    fn a_town_that_is_no_given_name_stays_a_place() {
        assert_eq!(
            people("Quenby Rovers won.", &["quenby"], &["george"]),
            [("Quenby".to_owned(), EntityKind::Place)]
        );
    }
}
