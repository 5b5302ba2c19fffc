//! The fast search over one sentence: which rules can match there (the
//! anchor index), the sentence prepared for the VM, and each triggered
//! rule run over a window around its anchors, anti-patterns included.
//!
//! Every buffer lives in a caller-owned [`Cache`], in the manner of
//! regex-automata's `Cache`: a [`RuleSet`] stays immutable and shareable,
//! and the memory a search needs is an explicit value that the caller
//! keeps, reuses across sentences and documents, and may drop or replace
//! whenever it likes. Nothing is kept per thread behind the caller's back.

use std::cell::Cell;
use std::ops::Range;

use crate::keymap::Key;

use super::compile::{self, CompiledRule};
use super::vm::{Input, NO_WORD, RawMatch, Vm};
use super::{Annotation, Capture, Produces, RuleMatch, RuleSet, class, resolve};
use crate::document::EntityKind;
use crate::text::Tokens;

/// A capture as (capture index, start, end) in sentence-local positions.
pub(super) type CaptureRange = (usize, u32, u32);

/// A match not yet built into a [`RuleMatch`](super::RuleMatch): its rule,
/// its sentence-local tokens, and its captures as a range of
/// `Cache::candidate_caps`.
#[derive(Clone, Copy, Debug)]
pub(super) struct Candidate {
    pub rule: u32,
    pub start: u32,
    pub end: u32,
    pub caps: (u32, u32),
}

/// A rule a sentence's words triggered: its index and the first and last
/// sentence positions of its anchor words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Trigger {
    rule: u32,
    first: u32,
    last: u32,
}

/// How a sentence search learns which rules can match: by looking its
/// words up (all rules, or `only` one), or from an earlier pass over the
/// same sentence that already did (see [`Deferred`]).
#[derive(Clone, Copy)]
pub(super) enum Triggers<'a> {
    Search {
        only: Option<usize>,
        /// The sentence's vocabulary ids, when the caller looked them up.
        ids: Option<&'a [u32]>,
    },
    Known {
        ids: &'a [u32],
        sig: compile::Sig,
        triggers: &'a [Trigger],
    },
}

/// What a document pass learned about the rules its filter left out, for
/// the later pass that runs them (the entity pass leaves the event rules
/// to the event stage): per sentence, the left-out rules its words
/// triggered, and the vocabulary id of every token. The later pass visits
/// only those sentences and looks no word up again: triggering depends on
/// words alone, not on the annotations, which change between the passes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Deferred {
    ids: Vec<u32>,
    /// Per sentence, the signature of its words (default when it
    /// triggered nothing).
    sigs: Vec<compile::Sig>,
    /// `triggers[offsets[k]..offsets[k + 1]]` are sentence `k`'s.
    offsets: Vec<u32>,
    triggers: Vec<Trigger>,
    /// Every token's class mask ([`class::mask`]), made once for both passes.
    classes: Vec<u8>,
}

impl Deferred {
    /// Starts the record of a document of `tokens` tokens.
    pub(super) fn with_tokens(tokens: usize) -> Deferred {
        Deferred {
            ids: vec![NO_WORD; tokens],
            sigs: Vec::new(),
            offsets: vec![0],
            triggers: Vec::new(),
            classes: Vec::new(),
        }
    }

    /// Keeps the document's token classes for the later pass.
    pub(super) fn keep_classes(&mut self, classes: Vec<u8>) {
        self.classes = classes;
    }

    /// The document's token classes, as [`token_classes`] made them.
    pub(super) fn classes(&self) -> &[u8] {
        &self.classes
    }

    /// Records the next sentence: its tokens `range`, their ids and the
    /// left-out rules it triggered, as the last search left them in `cache`.
    pub(super) fn push_sentence(&mut self, range: Range<usize>, cache: &Cache) {
        self.sigs.push(if cache.refused.is_empty() {
            compile::Sig::default()
        } else {
            cache.sentence_sig
        });
        if !cache.refused.is_empty() {
            self.ids[range].copy_from_slice(&cache.ids);
            self.triggers
                .extend(cache.refused.iter().map(|&rule| Trigger {
                    rule,
                    first: cache.first_anchor[rule as usize],
                    last: cache.last_anchor[rule as usize],
                }));
        }
        self.offsets.push(self.triggers.len() as u32);
    }

    /// Records a sentence that had no tokens to search.
    pub(super) fn skip_sentence(&mut self) {
        self.sigs.push(compile::Sig::default());
        self.offsets.push(self.triggers.len() as u32);
    }

    /// True when sentence `k` triggered a left-out rule.
    pub(crate) fn visits(&self, k: usize) -> bool {
        self.offsets
            .get(k + 1)
            .is_some_and(|&end| end > self.offsets[k])
    }

    /// True when some sentence did.
    pub(crate) fn any(&self) -> bool {
        !self.triggers.is_empty()
    }

    /// Per sentence, whether it triggered a left-out rule.
    pub(crate) fn sentences(&self) -> Vec<bool> {
        (0..self.offsets.len().saturating_sub(1))
            .map(|k| self.visits(k))
            .collect()
    }

    /// The ids of the tokens `range` and the triggers of sentence `k`.
    pub(super) fn sentence(&self, k: usize, range: Range<usize>) -> Triggers<'_> {
        Triggers::Known {
            ids: &self.ids[range],
            sig: self.sigs[k],
            triggers: &self.triggers[self.offsets[k] as usize..self.offsets[k + 1] as usize],
        }
    }
}

/// The memory one search needs, owned by the caller and passed to every
/// `find` method of [`RuleSet`].
///
/// A cache is only memory: it holds no results between calls and belongs to
/// no particular rule set, so one cache serves any number of sentences,
/// documents and rule sets, and its buffers grow to the largest sentence
/// seen and are then reused. A thread that searches keeps its own cache;
/// threads never share one (it is `Send`, not `Sync`). To release the
/// memory a huge sentence made it take, drop it or replace it with a new
/// one (see [`Cache::memory_usage`]).
///
/// ```
/// use herald::pattern::{Cache, RuleSet};
///
/// let rules = RuleSet::parse("x.rules", "rule org/x/1 -> ORG\n  match \"the\" entity:Cap \"said\"\n  example \"the Board said\"\n").unwrap();
/// let mut cache = Cache::new();
/// for text in ["the Board said so.", "Then the Court said no."] {
///     let tokens = herald::text::tokenize(text);
///     let sentences = herald::text::split_sentences(text, &tokens);
///     let found = rules.find_document(&mut cache, text, &tokens, &sentences, &[]);
///     assert_eq!(found.len(), 1);
/// }
/// ```
#[derive(Default)]
pub struct Cache {
    pub(super) vm: Vm,
    pub(super) ids: Vec<u32>,
    masks: Vec<u8>,
    local_anns: Vec<(u32, u32, EntityKind)>,
    ann_offsets: Vec<u32>,
    anns: Vec<(u32, EntityKind)>,
    ann_kinds: Vec<u8>,
    /// Per rule, the sentence it was last triggered in (`stamp`), so the
    /// anchor index need not be cleared between sentences.
    stamps: Vec<u32>,
    stamp: u32,
    /// Per rule, the first and last sentence position of its anchor words.
    first_anchor: Vec<u32>,
    last_anchor: Vec<u32>,
    /// Bit set of the vocabulary ids present in the sentence.
    present: Vec<u64>,
    /// The signature of the sentence's words (see `compile::Needs`).
    sentence_sig: compile::Sig,
    /// The veto's working buffers: window signatures and vetoes by start.
    windows: Vec<(usize, usize, compile::Sig)>,
    vetoes: Vec<(u32, u32)>,
    triggered: Vec<u32>,
    raw: Vec<RawMatch>,
    /// Captures of matches awaiting anti-patterns, and their ranges in it.
    flat: Vec<CaptureRange>,
    bounds: Vec<(usize, usize, bool)>,
    caps: Vec<CaptureRange>,
    /// The matches of the last sentence, before overlap resolution.
    pub(super) candidates: Vec<Candidate>,
    pub(super) candidate_caps: Vec<CaptureRange>,
    pub(super) ranked: Vec<resolve::Ranked>,
    /// The positions in `ranked` of the matches overlap resolution kept.
    pub(super) kept: Vec<usize>,
    /// The rules left out by the caller's filter that were triggered in
    /// the last sentence (sorted).
    pub(super) refused: Vec<u32>,
    /// Per (token, regex) results of `/…/` atoms in the current sentence.
    regex_memo: Vec<Cell<u8>>,
    /// Per regex, whether a token of the current sentence matches it (see
    /// `CompiledRule::required_numbers`): 0 unknown, 1 no, 2 yes.
    number_memo: Vec<u8>,
    /// A document's annotations in order of their first token, and those
    /// of the current sentence (`find_document` and friends).
    pub(crate) order: Vec<usize>,
    pub(super) sentence_anns: Vec<Annotation>,
    /// Emptied capture lists of matches a stage has finished with
    /// ([`Cache::recycle`]), for the next matches built: most matches
    /// are built, read once and dropped, each with its own list.
    pub(super) spare_captures: Vec<Vec<Capture>>,
    /// An emptied list of matches, likewise.
    pub(super) spare_matches: Vec<RuleMatch>,
}

/// At most this many spare capture lists are kept: a document with more
/// matches makes the rest anew.
const SPARE_CAPTURE_LISTS: usize = 256;

impl Cache {
    /// An empty cache; its buffers grow as it is used.
    pub fn new() -> Cache {
        Cache::default()
    }

    /// The bytes of heap memory the cache holds (its buffers' capacity).
    ///
    /// ```
    /// assert_eq!(herald::pattern::Cache::new().memory_usage(), 0);
    /// ```
    pub fn memory_usage(&self) -> usize {
        fn bytes<T>(v: &Vec<T>) -> usize {
            v.capacity() * std::mem::size_of::<T>()
        }
        self.vm.memory_usage()
            + bytes(&self.ids)
            + bytes(&self.masks)
            + bytes(&self.local_anns)
            + bytes(&self.ann_offsets)
            + bytes(&self.anns)
            + bytes(&self.ann_kinds)
            + bytes(&self.stamps)
            + bytes(&self.first_anchor)
            + bytes(&self.last_anchor)
            + bytes(&self.present)
            + bytes(&self.windows)
            + bytes(&self.vetoes)
            + bytes(&self.triggered)
            + bytes(&self.refused)
            + bytes(&self.raw)
            + bytes(&self.flat)
            + bytes(&self.bounds)
            + bytes(&self.caps)
            + bytes(&self.candidates)
            + bytes(&self.candidate_caps)
            + bytes(&self.ranked)
            + bytes(&self.regex_memo)
            + bytes(&self.number_memo)
            + bytes(&self.order)
            + bytes(&self.sentence_anns)
            + bytes(&self.spare_captures)
            + self.spare_captures.iter().map(bytes).sum::<usize>()
            + bytes(&self.spare_matches)
    }

    /// Takes back matches found with this cache once the caller is done
    /// with them: their lists are reused for later matches. Results never
    /// depend on it.
    pub(crate) fn recycle(&mut self, mut matches: Vec<RuleMatch>) {
        for found in matches.drain(..) {
            if self.spare_captures.len() == SPARE_CAPTURE_LISTS {
                break;
            }
            let mut captures = found.captures;
            captures.clear();
            self.spare_captures.push(captures);
        }
        matches.clear();
        if matches.capacity() > self.spare_matches.capacity() {
            self.spare_matches = matches;
        }
    }
}

impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cache")
            .field("memory_usage", &self.memory_usage())
            .finish_non_exhaustive()
    }
}

/// The class mask of every token of a document: the passes over its
/// sentences read them from here rather than each making its own.
pub(super) fn token_classes(text: &str, tokens: &Tokens) -> Vec<u8> {
    tokens
        .as_slice()
        .iter()
        .map(|token| class::mask(text, token))
        .collect()
}

impl RuleSet {
    /// Leaves the matches of the rules in one sentence (tokens `range`),
    /// before overlap resolution, in `cache.candidates`; `triggers` says
    /// how to find the rules that can match (`only` restricts to one rule,
    /// for running its examples), `wanted` keeps the rules whose product it
    /// accepts. `classes`, when given, are the document's token classes
    /// ([`token_classes`]); else the sentence's are made here.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn sentence_candidates(
        &self,
        cache: &mut Cache,
        text: &str,
        tokens: &Tokens,
        range: Range<usize>,
        annotations: &[Annotation],
        triggers: Triggers<'_>,
        wanted: &dyn Fn(Produces) -> bool,
        classes: Option<&[u8]>,
    ) {
        cache.candidates.clear();
        cache.candidate_caps.clear();
        cache.refused.clear();
        match triggers {
            Triggers::Search { only, ids } => {
                self.trigger_rules(cache, tokens, range.clone(), ids, only, wanted);
            }
            Triggers::Known { ids, sig, triggers } => {
                cache.sentence_sig = sig;
                self.known_triggers(cache, ids, triggers, wanted);
            }
        }
        self.drop_rules_without_numbers(cache, text, tokens, range.clone());
        if cache.triggered.is_empty() {
            return;
        }
        let c = &self.compiled;
        let classes = classes.and_then(|all| all.get(range.clone()));
        let longest = cache.prepare(
            text,
            tokens,
            range.clone(),
            annotations,
            c.regexes.len(),
            classes.is_none(),
        );
        let Cache {
            vm,
            ids,
            masks,
            ann_offsets,
            anns,
            triggered,
            raw,
            caps,
            flat,
            bounds,
            first_anchor,
            last_anchor,
            ann_kinds,
            candidates,
            candidate_caps,
            regex_memo,
            sentence_sig,
            windows,
            vetoes,
            ..
        } = cache;
        let input = Input {
            ids,
            masks: classes.unwrap_or(masks),
            ann_offsets,
            anns,
            ann_kinds,
            sets: &c.sets,
            word_sigs: &c.word_sigs,
            regexes: &c.regexes,
            tokens: &tokens.as_slice()[range],
            text,
            regex_memo,
        };
        let mut out = Out {
            raw,
            caps,
            flat,
            bounds,
            candidates,
            candidate_caps,
            sentence_sig: *sentence_sig,
            windows,
            vetoes,
        };
        for &index in triggered.iter() {
            let anchors = (
                first_anchor[index as usize] as usize,
                last_anchor[index as usize] as usize,
            );
            run_rule(
                vm,
                &input,
                index,
                &c.rules[index as usize],
                anchors,
                longest,
                &mut out,
            );
        }
    }

    /// Leaves in `cache.triggered` (sorted) the rules that can match in the
    /// sentence: those whose anchor words and required words occur there,
    /// that `wanted` accepts and (when given) are `only`; leaves in
    /// `cache.refused` those `wanted` refused, and in `cache.ids` the
    /// sentence's vocabulary ids.
    fn trigger_rules(
        &self,
        s: &mut Cache,
        tokens: &Tokens,
        range: Range<usize>,
        looked_up: Option<&[u32]>,
        only: Option<usize>,
        wanted: &dyn Fn(Produces) -> bool,
    ) {
        let c = &self.compiled;
        s.ids.clear();
        s.triggered.clear();
        let words = c.anchor_index.len().div_ceil(64);
        if s.present.len() < words {
            s.present.resize(words, 0);
        }
        if s.stamps.len() < c.rules.len() {
            s.stamps.resize(c.rules.len(), 0);
            s.first_anchor.resize(c.rules.len(), 0);
            s.last_anchor.resize(c.rules.len(), 0);
        }
        let mut sentence_sig = compile::Sig::default();
        s.stamp = s.stamp.wrapping_add(1);
        if s.stamp == 0 {
            s.stamps.iter_mut().for_each(|x| *x = 0);
            s.stamp = 1;
        }
        match looked_up {
            Some(ids) => s.ids.extend_from_slice(ids),
            None => s
                .ids
                .extend(range.map(|i| c.vocab.get_key(Key::of(tokens, i)).unwrap_or(NO_WORD))),
        }
        for (at, &id) in s.ids.iter().enumerate() {
            if id != NO_WORD {
                sentence_sig.add(&c.word_sigs[id as usize]);
                let at = at as u32;
                for &rule in &c.anchor_index[id as usize] {
                    let slot = &mut s.stamps[rule as usize];
                    if *slot != s.stamp {
                        *slot = s.stamp;
                        s.triggered.push(rule);
                        s.first_anchor[rule as usize] = at;
                    }
                    s.last_anchor[rule as usize] = at;
                }
            }
        }
        s.sentence_sig = sentence_sig;
        // The sentence's words as a bit set, made when a required set
        // first needs it: most sentences trigger no rule that does.
        let mut present_filled = false;
        // One pass: the rules whose required words the sentence has, into
        // `triggered` when wanted, else into `refused`.
        let mut kept = 0;
        for k in 0..s.triggered.len() {
            let r = s.triggered[k];
            let rule = &c.rules[r as usize];
            let needs = &rule.required;
            if !sentence_sig.covers(&needs.sig) {
                continue;
            }
            if !needs.rest.is_empty() && !present_filled {
                for &id in s.ids.iter().filter(|&&id| id != NO_WORD) {
                    s.present[id as usize / 64] |= 1 << (id % 64);
                }
                present_filled = true;
            }
            let (present, ids) = (&s.present, &s.ids);
            let has = |id: u32| present[id as usize / 64] & (1 << (id % 64)) != 0;
            // A required set is checked from its smaller side: a big list
            // (@givenname) by looking up the sentence's few words in it.
            let meets = |set: &compile::Required| {
                if set.ids.len() <= ids.len() {
                    set.ids.iter().any(|&id| has(id))
                } else {
                    ids.iter().any(|&id| set.contains(id))
                }
            };
            if !needs.rest.iter().all(meets) {
                continue;
            }
            if wanted(rule.produces) {
                s.triggered[kept] = r;
                kept += 1;
            } else {
                s.refused.push(r);
            }
        }
        s.triggered.truncate(kept);
        s.refused.sort_unstable();
        if present_filled {
            for &id in s.ids.iter().filter(|&&id| id != NO_WORD) {
                s.present[id as usize / 64] = 0;
            }
        }
        if let Some(only) = only {
            let hit = s.triggered.contains(&(only as u32));
            s.triggered.clear();
            if hit {
                s.triggered.push(only as u32);
            }
        }
        s.triggered.sort_unstable();
    }
}

impl RuleSet {
    /// [`RuleSet::trigger_rules`] from what an earlier pass found: the
    /// sentence's ids and its triggered rules with their anchors.
    fn known_triggers(
        &self,
        s: &mut Cache,
        ids: &[u32],
        triggers: &[Trigger],
        wanted: &dyn Fn(Produces) -> bool,
    ) {
        let rules = &self.compiled.rules;
        if s.first_anchor.len() < rules.len() {
            s.stamps.resize(rules.len(), 0);
            s.first_anchor.resize(rules.len(), 0);
            s.last_anchor.resize(rules.len(), 0);
        }
        s.ids.clear();
        s.ids.extend_from_slice(ids);
        s.triggered.clear();
        for trigger in triggers {
            if wanted(rules[trigger.rule as usize].produces) {
                s.triggered.push(trigger.rule);
                s.first_anchor[trigger.rule as usize] = trigger.first;
                s.last_anchor[trigger.rule as usize] = trigger.last;
            }
        }
    }
}

impl RuleSet {
    /// Drops from `s.triggered` the rules one of whose required numbers
    /// (see `CompiledRule::required_numbers`) no token of the sentence
    /// (tokens `range`) matches; each regex is tried once per sentence, on
    /// the tokens holding a digit.
    fn drop_rules_without_numbers(
        &self,
        s: &mut Cache,
        text: &str,
        tokens: &Tokens,
        range: Range<usize>,
    ) {
        let c = &self.compiled;
        if s.triggered
            .iter()
            .all(|&r| c.rules[r as usize].required_numbers.is_empty())
        {
            return;
        }
        // Most sentences hold no digit, and then no regex need run; else
        // each runs from the first token holding one.
        let sentence = &tokens.as_slice()[range];
        let Some(first) = sentence.iter().position(|t| t.has_digit) else {
            s.triggered
                .retain(|&r| c.rules[r as usize].required_numbers.is_empty());
            return;
        };
        let numbers = &sentence[first..];
        // Per regex: 0 not yet tried, 1 no token matches, 2 one does.
        s.number_memo.clear();
        s.number_memo.resize(c.regexes.len(), 0);
        let memo = &mut s.number_memo;
        s.triggered.retain(|&r| {
            c.rules[r as usize].required_numbers.iter().all(|&regex| {
                let known = &mut memo[regex as usize];
                if *known == 0 {
                    let found = numbers
                        .iter()
                        .filter(|t| t.has_digit)
                        .any(|t| c.regexes[regex as usize].is_match(&text[t.span]));
                    *known = 1 + u8::from(found);
                }
                *known == 2
            })
        });
    }
}

impl Cache {
    /// Prepares the rest of the VM's view of the sentence: token classes
    /// (when `classes` asks for them), the annotations inside it (local
    /// positions, grouped by start, their kinds per position) and a
    /// cleared regex memo. Returns the length of the longest annotation,
    /// which bounds how far an entity atom reaches.
    fn prepare(
        &mut self,
        text: &str,
        tokens: &Tokens,
        range: Range<usize>,
        annotations: &[Annotation],
        regexes: usize,
        classes: bool,
    ) -> u32 {
        let (base, n) = (range.start, range.len());
        self.masks.clear();
        if classes {
            self.masks.extend(
                tokens.as_slice()[range.clone()]
                    .iter()
                    .map(|token| class::mask(text, token)),
            );
        }
        self.local_anns.clear();
        for a in annotations {
            if a.tokens.start >= range.start
                && a.tokens.end <= range.end
                && a.tokens.start < a.tokens.end
            {
                self.local_anns.push((
                    (a.tokens.start - base) as u32,
                    (a.tokens.end - base) as u32,
                    a.kind,
                ));
            }
        }
        self.local_anns.sort_unstable_by_key(|a| a.0);
        // `ann_offsets[p]` counts the annotations starting before position
        // `p`: constant between two starts, so filled a run at a time
        // rather than counted and summed position by position.
        self.ann_offsets.clear();
        self.ann_offsets.resize(n + 1, 0);
        let mut from = 0;
        for (before, a) in self.local_anns.iter().enumerate() {
            let to = a.0 as usize + 1;
            self.ann_offsets[from..to].fill(before as u32);
            from = from.max(to);
        }
        self.ann_offsets[from..].fill(self.local_anns.len() as u32);
        self.anns.clear();
        self.anns.extend(self.local_anns.iter().map(|a| (a.1, a.2)));
        self.ann_kinds.clear();
        self.ann_kinds.resize(n, 0);
        for a in &self.local_anns {
            self.ann_kinds[a.0 as usize] |= compile::kind_bit(a.2);
        }
        // Regex atoms are evaluated lazily, once per token and regex.
        self.regex_memo.clear();
        self.regex_memo.resize(n * regexes, Cell::new(0));
        self.local_anns.iter().map(|a| a.1 - a.0).max().unwrap_or(0)
    }
}

/// Where [`run_rule`] leaves its candidates, and its working buffers.
struct Out<'a> {
    raw: &'a mut Vec<RawMatch>,
    caps: &'a mut Vec<CaptureRange>,
    flat: &'a mut Vec<CaptureRange>,
    bounds: &'a mut Vec<(usize, usize, bool)>,
    candidates: &'a mut Vec<Candidate>,
    candidate_caps: &'a mut Vec<CaptureRange>,
    /// The signature of the sentence's words: an anti-pattern whose words
    /// it lacks cannot veto anywhere in it.
    sentence_sig: compile::Sig,
    windows: &'a mut Vec<(usize, usize, compile::Sig)>,
    vetoes: &'a mut Vec<(u32, u32)>,
}

fn push_candidate(
    candidates: &mut Vec<Candidate>,
    candidate_caps: &mut Vec<CaptureRange>,
    rule: u32,
    m: &RawMatch,
    caps: &[CaptureRange],
) {
    let from = candidate_caps.len() as u32;
    candidate_caps.extend_from_slice(caps);
    candidates.push(Candidate {
        rule,
        start: m.start,
        end: m.end,
        caps: (from, candidate_caps.len() as u32),
    });
}

/// Runs one triggered rule over the sentence, keeping the longest match per
/// start that no anti-pattern vetoes. `anchors` are the first and last
/// positions of its anchor words.
fn run_rule(
    vm: &mut Vm,
    input: &Input<'_>,
    index: u32,
    rule: &CompiledRule,
    (first, last): (usize, usize),
    longest: u32,
    out: &mut Out<'_>,
) {
    let n = input.ids.len();
    // Every match holds an anchor word within known distances of its ends,
    // so only a window around the anchors is scanned.
    let lo = rule
        .anchor
        .before
        .map_or(0, |b| first.saturating_sub(b.resolve(longest) as usize));
    let hi = rule.anchor.after.map_or(n, |b| {
        (last + 1)
            .saturating_add(b.resolve(longest) as usize)
            .min(n)
    });
    // A match starts by the last anchor; one of a rule opening with `^`,
    // at the sentence's first token or not at all.
    let last_start = match rule.sentence_start {
        true if lo > 0 => return,
        true => 0,
        false => last,
    };
    // Every entity atom of a match jumps over an annotation starting in
    // the window.
    if rule.required_entities != 0 {
        let starting = input.ann_kinds[lo..hi]
            .iter()
            .fold(0, |kinds, &k| kinds | k);
        if starting & rule.required_entities != rule.required_entities {
            return;
        }
    }
    // The sentence held a word of every required set; every match holds
    // one, so the window must too.
    if rule.required.sig != compile::Sig::default() || !rule.required.rest.is_empty() {
        let window = &input.ids[lo..hi];
        let mut sig = compile::Sig::default();
        for &id in window.iter().filter(|&&id| id != NO_WORD) {
            sig.add(&input.word_sigs[id as usize]);
        }
        if !sig.covers(&rule.required.sig)
            || !rule
                .required
                .rest
                .iter()
                .all(|set| window.iter().any(|&id| set.contains(id)))
        {
            return;
        }
    }
    match &rule.fixed {
        Some(fixed) => vm.run_fixed(fixed, input, lo, last_start, hi),
        None => vm.run_window(&rule.program, input, lo, last_start, hi),
    }
    if vm.matches.is_empty() {
        return;
    }
    // The longest match per start; matches arrive in order of their end.
    out.raw.clear();
    out.raw.extend_from_slice(&vm.matches);
    out.raw.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    out.raw.dedup_by_key(|m| m.start);
    if rule.unless.is_empty() {
        for m in out.raw.iter() {
            vm.captures(m, rule.program.captures.len(), out.caps);
            push_candidate(out.candidates, out.candidate_caps, index, m, out.caps);
        }
        return;
    }
    veto(vm, input, rule, longest, out);
    for (m, &(start, end, keep)) in out.raw.iter().zip(out.bounds.iter()) {
        if keep {
            push_candidate(
                out.candidates,
                out.candidate_caps,
                index,
                m,
                &out.flat[start..end],
            );
        }
    }
}

/// Runs a rule's anti-patterns against its matches in `out.raw`, leaving
/// each match's captures in `out.flat` and in `out.bounds` their range
/// and whether no anti-pattern overlapped the match.
fn veto(vm: &mut Vm, input: &Input<'_>, rule: &CompiledRule, longest: u32, out: &mut Out<'_>) {
    let n = input.ids.len();
    // Anti-patterns reuse the VM's memory: take the captures out first.
    out.flat.clear();
    out.bounds.clear();
    for m in out.raw.iter() {
        vm.captures(m, rule.program.captures.len(), out.caps);
        let start = out.flat.len();
        out.flat.extend_from_slice(out.caps);
        out.bounds.push((start, out.flat.len(), true));
    }
    // An anti-pattern vetoes only matches it overlaps, so it need only run
    // from its longest reach before the first match to its reach after the
    // last: on a long sentence with many matches this keeps a rule with
    // many `unless` lines from rescanning it whole.
    let mut first_start = out.raw.iter().map(|m| m.start as usize).min().unwrap_or(0);
    let mut last_end = out.raw.iter().map(|m| m.end as usize).max().unwrap_or(n);
    // The signature of the words in each window, by window: the
    // anti-patterns of a rule share few reaches.
    out.windows.clear();
    for (((anti, reach), needs), shortcut) in rule
        .unless
        .iter()
        .zip(&rule.unless_len)
        .zip(&rule.unless_required)
        .zip(&rule.unless_shortcut)
    {
        // Most anti-patterns need a word the sentence does not have at
        // all ("to" in "to say the least"): no window need be looked at.
        if !out.sentence_sig.covers(&needs.sig) {
            continue;
        }
        let (lo, hi) = match reach.map(|b| b.resolve(longest) as usize) {
            Some(reach) => (first_start.saturating_sub(reach), (last_end + reach).min(n)),
            None => (0, n),
        };
        // Every match of the anti-pattern lies in lo..hi and holds a word
        // of each required set: without one there, nothing can be vetoed.
        let window = &input.ids[lo..hi];
        let sig = match out.windows.iter().find(|w| (w.0, w.1) == (lo, hi)) {
            Some(w) => w.2,
            None => {
                let mut sig = compile::Sig::default();
                for &id in window.iter().filter(|&&id| id != NO_WORD) {
                    sig.add(&input.word_sigs[id as usize]);
                }
                out.windows.push((lo, hi, sig));
                sig
            }
        };
        if !sig.covers(&needs.sig)
            || !needs
                .rest
                .iter()
                .all(|set| window.iter().any(|&id| set.contains(id)))
        {
            continue;
        }
        let last_start = match reach {
            Some(_) => last_end.saturating_sub(1).min(n.saturating_sub(1)),
            None => n.saturating_sub(1),
        };
        match shortcut {
            Some(shortcut) => vm.run_shortcut(shortcut, input, lo, last_start, hi),
            None => vm.run_window(anti, input, lo, last_start, hi),
        }
        if vm.matches.is_empty() {
            continue;
        }
        // The vetoes by start, each with the furthest end reached so far:
        // a match is vetoed when the last veto starting before its end
        // reaches past its start. One binary search per match, where
        // testing every veto against every match was quadratic on a long
        // sentence.
        let vetoes = &mut *out.vetoes;
        vetoes.clear();
        vetoes.extend(vm.matches.iter().map(|a| (a.start, a.end)));
        vetoes.sort_unstable();
        let mut reach = 0;
        for veto in vetoes.iter_mut() {
            reach = reach.max(veto.1);
            veto.1 = reach;
        }
        let mut vetoed = false;
        for (m, keep) in out.raw.iter().zip(out.bounds.iter_mut()) {
            let before = vetoes.partition_point(|&(start, _)| start < m.end);
            if keep.2 && before > 0 && vetoes[before - 1].1 > m.start {
                keep.2 = false;
                vetoed = true;
            }
        }
        if vetoed {
            // The anti-patterns left need only reach the matches still
            // kept, and none when every match is vetoed.
            let kept = || out.raw.iter().zip(out.bounds.iter()).filter(|(_, b)| b.2);
            match kept().map(|(m, _)| m.start as usize).min() {
                Some(start) => first_start = start,
                None => return,
            }
            last_end = kept().map(|(m, _)| m.end as usize).max().unwrap_or(n);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A rule whose required word lies beyond its anchor's reach in the
    /// sentence is not run there, and still matches where the word is
    /// within reach.
    /// The text of each match `rules` find in `text`.
    fn matched_texts(rules: &RuleSet, cache: &mut Cache, text: &str) -> Vec<String> {
        crate::pattern::find_in(rules, cache, text)
            .into_iter()
            .map(|m| text[m.span].to_owned())
            .collect()
    }

    #[test]
    fn a_required_word_counts_only_within_the_anchors_reach() {
        let rules = RuleSet::parse(
            "t.rules",
            "rule org/x/1 -> ORG\n  match \"x\" Cap{0,3} \"y\"\n  example \"x A B y\"\n",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert!(rules.compiled.rules[0].required.sig != compile::Sig::default());
        let mut cache = Cache::new();
        let mut found = |text: &str| matched_texts(&rules, &mut cache, text);
        assert_eq!(found("x A B C y and y"), ["x A B C y"]);
        assert_eq!(found("x A B C D y"), Vec::<String>::new());
        assert_eq!(found("y x A y"), ["x A y"]);
    }

    /// A rule opening with `^` matches from a sentence's first token only,
    /// whether its pattern is scanned as fixed tokens or run by the VM,
    /// and wherever its anchor lies.
    #[test]
    fn a_sentence_start_rule_matches_only_from_the_first_token() {
        let rules = RuleSet::parse(
            "t.rules",
            "rule statement/fixed/1 -> Statement\n  match ^ Cap \":\"\n  example \"Ruto: yes\"\n\
             rule statement/vm/1 -> Statement\n  match ^ Cap{1,2} \"said\"\n  example \"Ruto said\"\n",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert!(rules.compiled.rules[0].fixed.is_some());
        assert!(rules.compiled.rules[1].fixed.is_none());
        let mut cache = Cache::new();
        let mut found = |text: &str| matched_texts(&rules, &mut cache, text);
        assert_eq!(found("Ruto: yes. Then Odinga: no."), ["Ruto:"]);
        assert_eq!(found("Asked, Ruto: no."), Vec::<String>::new());
        assert_eq!(
            found("Lula Silva said so. Later, Ruto said no."),
            ["Lula Silva said"]
        );
    }

    /// Every match of every anti-pattern below that a shortcut matches,
    /// found by the VM and by the shortcut, over every window of many
    /// word sequences.
    #[test]
    fn shortcuts_find_what_the_vm_finds() {
        let rules = RuleSet::parse(
            "t.rules",
            r#"
words verb = said says "pointed out" "according to" told out
words opener = "\"" "in a" in
words single = said told x
rule a/x/1 -> ORG
  match "z" Cap
  unless @opener ...{0,3} (@verb | "x" "y" | "in")
  unless "in" ...{0,0} @verb
  unless ("x" | "x" "y" "x") ...{0,2} ("y" | "x")
  unless "to" "said"
  unless @single !("in" | Punct) "x"
  unless ("a" | @single | Num) ("y" | Cap)
  unless "in a" Any
  unless /^[a-z]$/ "y"
  unless @opener @verb
  unless "in"? @verb "x"?
  unless !Punct ("a" | "in a")? @single
  unless ("let's" | "to" "said") Any
  example "z Q"
"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let c = &rules.compiled;
        let rule = &c.rules[0];
        assert!(rule.unless_shortcut.iter().all(Option::is_some));
        let words = [
            "said",
            "says",
            "pointed",
            "out",
            "according",
            "to",
            "told",
            "\"",
            "in",
            "a",
            "x",
            "y",
            "q",
            ",",
            "Q",
            "7",
        ];
        let mut vm = Vm::default();
        let mut compared = vec![0; rule.unless.len()];
        over_random_sentences(&rules, &words, 400, |input, n, text| {
            for (k, (anti, shortcut)) in rule.unless.iter().zip(&rule.unless_shortcut).enumerate() {
                let shortcut = shortcut.as_ref().expect("a shortcut");
                for (lo, last_start, hi) in windows(n) {
                    vm.run_window(anti, input, lo, last_start, hi);
                    let mut expected: Vec<(u32, u32)> =
                        vm.matches.iter().map(|m| (m.start, m.end)).collect();
                    expected.sort_by_key(|&(start, end)| (end, start));
                    vm.run_shortcut(shortcut, input, lo, last_start, hi);
                    let found: Vec<(u32, u32)> =
                        vm.matches.iter().map(|m| (m.start, m.end)).collect();
                    assert_eq!(found, expected, "{k}: {text:?} {lo}..={last_start}..{hi}");
                    compared[k] += usize::from(!expected.is_empty());
                }
            }
        });
        // The sequences must be rich enough for every anti-pattern to match.
        assert!(compared.iter().all(|&n| n > 100), "{compared:?}");
    }

    /// A rule whose pattern is tokens in a row gets a `FixedPattern`, and
    /// the scan finds the matches and captures the VM finds, over every
    /// window of many word sequences.
    #[test]
    fn fixed_patterns_find_what_the_vm_finds() {
        let rules = RuleSet::parse(
            "t.rules",
            r#"
words verb = said says told
rule statement/a/1 -> Statement
  match trigger:@verb
  example "x said"
rule statement/b/1 -> Statement
  match trigger:"\"" Any
  example "\" x"
rule statement/c/1 -> Statement
  match trigger:("according" "to") speaker:Cap
  example "according to Q"
rule statement/d/1 -> Statement
  match "x" content:(speaker:Cap trigger:(@verb | "y")) !Punct
  example "x Q said y"
"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let c = &rules.compiled;
        assert!(c.rules.iter().all(|rule| rule.fixed.is_some()));
        let words = [
            "said",
            "told",
            "according",
            "to",
            "\"",
            "x",
            "y",
            "Q",
            ",",
            "7",
        ];
        let mut vm = Vm::default();
        let mut caps = Vec::new();
        let mut compared = vec![0; c.rules.len()];
        over_random_sentences(&rules, &words, 300, |input, n, text| {
            for (k, rule) in c.rules.iter().enumerate() {
                let fixed = rule.fixed.as_ref().expect("a fixed pattern");
                let count = rule.program.captures.len();
                let mut run = |vm: &mut Vm| -> Vec<_> {
                    let matches = vm.matches.clone();
                    matches
                        .iter()
                        .map(|m| {
                            vm.captures(m, count, &mut caps);
                            (m.start, m.end, caps.clone())
                        })
                        .collect()
                };
                for (lo, last_start, hi) in windows(n) {
                    vm.run_window(&rule.program, input, lo, last_start, hi);
                    let expected = run(&mut vm);
                    vm.run_fixed(fixed, input, lo, last_start, hi);
                    let found = run(&mut vm);
                    assert_eq!(found, expected, "{k}: {text:?} {lo}..={last_start}..{hi}");
                    compared[k] += usize::from(!expected.is_empty());
                }
            }
        });
        assert!(compared.iter().all(|&n| n > 100), "{compared:?}");
    }

    /// A pattern with an entity, a repetition or a phrase list is left to
    /// the VM.
    #[test]
    fn patterns_of_varying_length_are_not_fixed() {
        let rules = RuleSet::parse(
            "t.rules",
            r#"
words verb = said "pointed out"
rule statement/a/1 -> Statement
  match trigger:@verb
  example "x said"
rule statement/b/1 -> Statement
  match speaker:PERSON trigger:"said"
  example "[PERSON Q] said"
rule statement/c/1 -> Statement
  match speaker:Cap{1,2} trigger:"said"
  example "Q said"
rule statement/d/1 -> Statement
  match "x"? trigger:"said"
  example "x said"
"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert!(rules.compiled.rules.iter().all(|rule| rule.fixed.is_none()));
    }

    /// Every window of a sentence of `n` tokens: (lo, last start, hi).
    fn windows(n: usize) -> impl Iterator<Item = (usize, usize, usize)> {
        (0..n).flat_map(move |lo| {
            (lo..n).flat_map(move |last_start| {
                (last_start + 1..=n).map(move |hi| (lo, last_start, hi))
            })
        })
    }

    /// Calls `check` with the input `rules` see in each of `rounds`
    /// pseudo-random sequences of `words`, its length and its text.
    fn over_random_sentences(
        rules: &RuleSet,
        words: &[&str],
        rounds: usize,
        mut check: impl FnMut(&Input<'_>, usize, &str),
    ) {
        let c = &rules.compiled;
        let mut next = crate::test_numbers();
        let mut cache = Cache::new();
        for _ in 0..rounds {
            let len = next(13);
            let text: Vec<&str> = (0..len).map(|_| words[next(words.len())]).collect();
            let text = text.join(" ");
            let tokens = crate::text::tokenize(&text);
            let n = tokens.len();
            cache.prepare(&text, &tokens, 0..n, &[], c.regexes.len(), true);
            cache.ids.clear();
            cache
                .ids
                .extend((0..n).map(|i| c.vocab.get(tokens.key_bytes(i)).unwrap_or(NO_WORD)));
            let input = Input {
                ids: &cache.ids,
                masks: &cache.masks,
                ann_offsets: &cache.ann_offsets,
                anns: &cache.anns,
                ann_kinds: &cache.ann_kinds,
                sets: &c.sets,
                word_sigs: &c.word_sigs,
                regexes: &c.regexes,
                tokens: tokens.as_slice(),
                text: &text,
                regex_memo: &cache.regex_memo,
            };
            check(&input, n, &text);
        }
    }
}
