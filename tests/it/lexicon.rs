//! The shared lexicon file checks on its own and with the bundled rules,
//! and every rule set reads its lists. (That the compiled rule set sees
//! exactly the lists Rust reads is a unit test beside the extractor.)

use herald::lexicon;

#[test]
fn the_lexicon_file_checks_alone_and_with_the_bundled_rules() {
    let matcher =
        herald::gazetteer::GazetteerMatcher::from_gazetteers(herald::gazetteer::defaults())
            .expect("default gazetteers compile");
    let mut sources = vec![(lexicon::NAME.to_owned(), lexicon::SOURCE.to_owned())];
    let report = herald::pattern::check_rules(&matcher, &sources).unwrap_or_else(|e| panic!("{e}"));
    assert!(report.is_ok(), "{report}");
    assert_eq!(report.rules, 0, "the lexicon holds no rules");
    for (name, source) in [
        herald::DEFAULT_ENTITY_RULES,
        herald::DEFAULT_EVENT_RULES,
        herald::DEFAULT_STATEMENT_RULES,
    ] {
        sources.push((name.to_owned(), source.to_owned()));
    }
    let report = herald::pattern::check_rules(&matcher, &sources).unwrap_or_else(|e| panic!("{e}"));
    assert!(report.is_ok(), "{report}");
}

/// The lexicon is part of every rule set, also without the bundled rules:
/// a custom rule may use an event list (`@meetverb`) alone.
#[test]
fn custom_rules_alone_use_lexicon_lists() {
    let matcher =
        herald::gazetteer::GazetteerMatcher::from_gazetteers(Vec::new()).expect("no gazetteers");
    let source = "rule mine/meet/1 -> Meeting\n  match participant:Cap @meetverb participant:Cap\n  example \"Alpha conferred Beta.\" => participant=\"Alpha\" participant=\"Beta\"\n";
    let report =
        herald::pattern::check_rules(&matcher, &[("mine.rules".to_owned(), source.to_owned())])
            .unwrap_or_else(|e| panic!("{e}"));
    assert!(report.is_ok(), "{report}");
    assert_eq!((report.rules, report.examples), (1, 1));
}

/// The verbs that make an unknown name a person are read from the lexicon
/// by Rust: a listed verb after an unknown name makes it a PERSON, a verb of
/// saying left out of @nameverb does not.
#[test]
fn name_verbs_come_from_the_lexicon() {
    assert!(lexicon::list("nameverb").contains("stressed"));
    assert!(!lexicon::list("nameverb").contains("asks"));
    let extractor = herald::Extractor::default();
    let kind_of = |text: &str, name: &str| {
        let doc = extractor.extract(text);
        doc.entities()
            .iter()
            .find(|e| &text[e.span()] == name)
            .map(|e| e.kind())
    };
    assert_eq!(
        kind_of(
            "The report was late, and Tarvo Velkonen stressed the point.",
            "Tarvo Velkonen"
        ),
        Some(herald::EntityKind::Person)
    );
    assert_ne!(
        kind_of(
            "The report was late, and Tarvo Velkonen asks the question.",
            "Tarvo Velkonen"
        ),
        Some(herald::EntityKind::Person)
    );
}
