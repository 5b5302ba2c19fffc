//! The rule language shared by entity and event rules: parser, compiler and matcher.
