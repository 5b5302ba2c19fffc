//! The memory an extraction needs, owned by the caller ([`Cache`]), and the
//! small pool [`Extractor::extract`](crate::Extractor::extract) borrows
//! caches from.
//!
//! The design follows regex-automata: the compiled [`Extractor`] is
//! immutable and shared by every thread, and the buffers one extraction
//! reuses from sentence to sentence and document to document are a
//! separate value. A caller who wants control keeps its own cache per
//! thread and passes it to [`Extractor::extract_with`]; the plain
//! `extract` takes one from the extractor's pool and gives it back, so
//! repeated calls reuse buffers without thread-local state, and a cache
//! that a huge document made large is dropped instead of kept.
//!
//! [`Extractor`]: crate::Extractor
//! [`Extractor::extract_with`]: crate::Extractor::extract_with

use std::sync::Mutex;

use crate::entity::resolve::RuleSources;
use crate::entity::stage::EntityBuffers;
use crate::{event, pattern, text};

/// A cache holding more than this many bytes when it returns to the pool
/// is dropped rather than kept: one huge document should not pin its
/// memory for the life of the extractor. A news article's sentences keep
/// a cache well below it (about 120 kB after 300 kB of news).
const POOL_KEEP_BYTES: usize = 1 << 20;

/// The reusable memory of one extraction: give one to
/// [`Extractor::extract_with`](crate::Extractor::extract_with).
///
/// A cache is only memory. It holds no results between calls and belongs
/// to no particular extractor (any cache works with any extractor), its
/// buffers grow to the largest sentence seen, and it may be dropped or
/// replaced at any time. Each thread uses its own: a cache is `Send` but
/// not `Sync`, and `extract_with` takes it by `&mut`.
///
/// ```
/// let extractor = herald::Extractor::default();
/// let mut cache = extractor.create_cache();
/// for text in ["Ruto met Lula in Nairobi.", "Talks resumed in Baghdad."] {
///     let doc = extractor.extract_with(&mut cache, text, None);
///     assert_eq!(doc, extractor.extract(text));
/// }
/// ```
#[derive(Debug, Default)]
pub struct Cache {
    /// The rule search's buffers, shared by the entity and event passes.
    pub(crate) pattern: pattern::Cache,
    /// The document's tokens and sentences.
    pub(crate) text: text::TextBuffers,
    pub(crate) entities: EntityBuffers,
    /// Each rule's source, made on its first mention in this cache.
    pub(crate) sources: RuleSources,
    pub(crate) events: event::EventBuffers,
}

impl Cache {
    /// An empty cache; its buffers grow as it is used.
    pub fn new() -> Cache {
        Cache::default()
    }

    /// The bytes of heap memory the cache holds.
    ///
    /// ```
    /// let extractor = herald::Extractor::default();
    /// let mut cache = extractor.create_cache();
    /// extractor.extract_with(&mut cache, "Ruto met Lula in Nairobi.", None);
    /// assert!(cache.memory_usage() > 0);
    /// ```
    pub fn memory_usage(&self) -> usize {
        self.pattern.memory_usage()
            + self.text.memory_usage()
            + self.entities.memory_usage()
            + self.sources.memory_usage()
            + self.events.memory_usage()
    }
}

/// The caches `Extractor::extract` lends out: at most as many as calls
/// that ran at the same time, each taken for one document and given back.
#[derive(Debug, Default)]
pub(crate) struct Pool {
    caches: Mutex<Vec<Cache>>,
}

impl Pool {
    /// Runs `f` with a cache from the pool (a new one when all are lent),
    /// then gives the cache back unless it grew too large to keep.
    pub(crate) fn with<T>(&self, f: impl FnOnce(&mut Cache) -> T) -> T {
        let mut cache = self.lock().pop().unwrap_or_default();
        let out = f(&mut cache);
        if cache.memory_usage() <= POOL_KEEP_BYTES {
            self.lock().push(cache);
        }
        out
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Cache>> {
        // The lock guards only a push or a pop, which cannot leave the list
        // half changed, so a panic elsewhere that poisoned it is harmless.
        self.caches
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pool_keeps_a_returned_cache_unless_it_grew_too_large() {
        let pool = Pool::default();
        pool.with(|cache| cache.pattern.order.reserve(16));
        assert_eq!(pool.lock().len(), 1, "a small cache goes back");
        let kept = pool.with(|cache| cache.memory_usage());
        assert!(
            kept >= 16 * std::mem::size_of::<usize>(),
            "and is lent again"
        );
        assert_eq!(pool.lock().len(), 1);
        pool.with(|cache| cache.pattern.order.reserve(POOL_KEEP_BYTES));
        assert!(pool.lock().is_empty(), "a cache above the cap is dropped");
    }

    #[test]
    fn every_concurrent_call_gets_its_own_cache() {
        let pool = Pool::default();
        pool.with(|_| pool.with(|_| ()));
        assert_eq!(pool.lock().len(), 2);
    }
}
