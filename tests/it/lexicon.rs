//! The shared lexicon file checks on its own and with the bundled rules.
//! (That the entity rule set sees exactly the lexicon's lists is a unit test
//! beside the extractor.)

use herald::lexicon;

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
    let report = herald::pattern::check_rules(&matcher, &sources).unwrap_or_else(|e| panic!("{e}"));
    assert!(report.is_ok(), "{report}");
}
