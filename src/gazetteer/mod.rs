//! Gazetteers: entry model, file loading with line-numbered errors, and the compiled matcher.
