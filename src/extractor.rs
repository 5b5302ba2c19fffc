//! The extractor: the one place that knows the order of the stages.

use crate::document::Document;

/// Extracts entities and events from text. Built once, shared by every
/// thread (`Send + Sync`).
///
/// ```
/// let extractor = herald::Extractor::default();
/// let doc = extractor.extract("Talks resumed.");
/// assert_eq!(doc.text(), "Talks resumed.");
/// ```
#[derive(Debug, Default)]
pub struct Extractor {
    _private: (),
}

impl Extractor {
    /// An extractor with the embedded default gazetteers and rules.
    pub fn new() -> Extractor {
        Extractor::default()
    }

    /// A builder for custom gazetteers and rules.
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder::default()
    }

    /// Extracts from `text`, resolving relative dates against the dateline
    /// or a date found in the text.
    pub fn extract(&self, text: &str) -> Document {
        self.extract_dated(text, None)
    }

    /// Extracts from `text`, resolving relative dates against `date` when given.
    pub fn extract_dated(&self, text: &str, date: Option<jiff::civil::Date>) -> Document {
        Document::new(text.to_owned(), date, Vec::new(), Vec::new())
    }
}

/// Builds an [`Extractor`] with custom gazetteers and rules.
#[derive(Debug, Default)]
pub struct ExtractorBuilder {
    _private: (),
}

impl ExtractorBuilder {
    /// Compiles the extractor.
    pub fn build(self) -> Extractor {
        Extractor { _private: () }
    }
}
