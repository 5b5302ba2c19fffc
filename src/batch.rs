//! Many documents at once: [`Extractor::extract_batch`] and
//! [`Extractor::extract_batch_dated`] spread a slice of texts over rayon's
//! thread pool and give the documents back in input order.

use crate::{Document, Extractor};
use rayon::prelude::*;

impl Extractor {
    /// Extracts every text, in parallel on rayon's current thread pool
    /// (the global one unless called inside [`rayon::ThreadPool::install`]).
    /// The documents come back in the order of `texts`, and each equals
    /// what [`Extractor::extract`] gives for the same text.
    ///
    /// ```
    /// let extractor = herald::Extractor::default();
    /// let docs = extractor.extract_batch(&["Officials met in Baghdad.", "", "Rain fell."]);
    /// assert_eq!(docs.len(), 3);
    /// assert_eq!(docs[0].events().len(), 1);
    /// assert!(docs[1].entities().is_empty());
    /// ```
    pub fn extract_batch<T: AsRef<str> + Sync>(&self, texts: &[T]) -> Vec<Document> {
        texts
            .par_iter()
            .map(|text| self.extract(text.as_ref()))
            .collect()
    }

    /// Like [`Extractor::extract_batch`], with a document date for each
    /// text (see [`Extractor::extract_dated`]).
    ///
    /// ```
    /// let extractor = herald::Extractor::default();
    /// let day = jiff::civil::date(2024, 5, 3);
    /// let docs = extractor.extract_batch_dated(&[("Talks began on Friday.", Some(day))]);
    /// assert_eq!(docs[0].date(), Some(day));
    /// ```
    pub fn extract_batch_dated<T: AsRef<str> + Sync>(
        &self,
        documents: &[(T, Option<jiff::civil::Date>)],
    ) -> Vec<Document> {
        documents
            .par_iter()
            .map(|(text, date)| self.extract_dated(text.as_ref(), *date))
            .collect()
    }
}
