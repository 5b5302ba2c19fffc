//! The rules and the Rust stages read the same word lists: the lists the
//! compiled entity rule set sees are exactly the lexicon's.

use herald::lexicon;

#[test]
fn entity_rules_and_rust_stages_read_the_same_lists() {
    let extractor = herald::Extractor::default();
    let rules = extractor.entity_stage().rules();
    for name in lexicon::lexicon().names() {
        let seen_by_rules = rules
            .word_list(name)
            .unwrap_or_else(|| panic!("@{name} is not in the entity rule set"));
        let seen_by_rust: Vec<&str> = lexicon::list(name).words().to_vec();
        assert_eq!(seen_by_rules, seen_by_rust, "@{name}");
    }
    // The bundled rules no longer declare their own copies.
    let bundled = herald::DEFAULT_ENTITY_RULES.1;
    for name in [
        "particle",
        "starter",
        "orghead",
        "placehead",
        "appositionrole",
    ] {
        assert!(
            !bundled.contains(&format!("words {name} =")),
            "rules/entities.rules declares @{name} again"
        );
    }
}

#[test]
fn the_lexicon_file_checks_alone_and_with_the_bundled_rules() {
    let matcher =
        herald::gazetteer::GazetteerMatcher::from_gazetteers(herald::gazetteer::defaults())
            .expect("default gazetteers compile");
    let sources = vec![
        ("rules/lexicon.rules".to_owned(), lexicon::SOURCE.to_owned()),
        (
            herald::DEFAULT_ENTITY_RULES.0.to_owned(),
            herald::DEFAULT_ENTITY_RULES.1.to_owned(),
        ),
    ];
    let report =
        herald::entity::stage::check_rules(&matcher, &sources).unwrap_or_else(|e| panic!("{e}"));
    assert!(report.is_ok(), "{report}");
}
