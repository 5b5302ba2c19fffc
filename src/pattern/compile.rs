//! Compiling parsed rules into NFA programs, plus the word vocabulary,
//! word list sets and the anchor index.

use super::error::Diagnostic;
use super::syntax::{Diags, Node, Parsed, Pos, RuleDecl, WordsDecl, role_of};
use super::{Produces, class::Class};
use crate::document::{EntityKind, Role};
use std::collections::HashMap;
use std::sync::Arc;

/// The most instructions one pattern may compile to.
pub(crate) const MAX_PROGRAM: usize = 20_000;

/// Word tables are built from rule files and only probed by text, so a
/// fast non-cryptographic hash (rustc's FxHash) is safe.
pub(crate) type FxMap<K, V> = rustc_hash::FxHashMap<K, V>;

/// The words rules mention, with their ids.
pub(crate) type Vocab = crate::keymap::KeyMap<u32>;

/// A test on one token.
#[derive(Clone, Debug)]
pub(crate) enum Test {
    Any,
    Word(u32),
    Set(u32),
    Class(u8),
    /// The token's original text matches `Compiled::regexes[index]`.
    Regex(u32),
    /// Matches when none of the tests matches.
    Not(Vec<Test>),
}

/// One NFA instruction.
#[derive(Clone, Debug)]
pub(crate) enum Inst {
    /// Consume one token that passes the test.
    Test(Test),
    /// Consume a whole entity annotation of this kind starting here.
    Entity(EntityKind),
    /// Consume one token and continue at the instruction
    /// `Program::tables[index]` gives for its word (fail when it gives
    /// none): one step of a word list's phrase trie.
    Dispatch(u32),
    /// Try the first target, then the second.
    Split(u32, u32),
    Jmp(u32),
    /// Record a capture boundary: slot `2c` opens capture `c`, `2c+1` closes it.
    Save(u32),
    Match,
}

/// A named capture of a rule.
#[derive(Clone, Debug)]
pub(crate) struct CaptureDef {
    pub name: Arc<str>,
    pub role: Option<Role>,
}

/// A compiled pattern.
#[derive(Clone, Debug, Default)]
pub(crate) struct Program {
    pub insts: Vec<Inst>,
    /// The consuming instructions a match can start with (epsilon closure of pc 0).
    pub first: Vec<u32>,
    pub captures: Vec<CaptureDef>,
    /// Precomputed epsilon closures, when small enough.
    pub closures: Option<Closures>,
    /// A quick test of whether a match can start at a token.
    pub start: StartFilter,
    /// The tables of `Dispatch` instructions: (word id, target pc), sorted
    /// by word id.
    pub tables: Vec<Vec<(u32, u32)>>,
    /// `insts` flattened to small copyable steps, one per instruction, so
    /// the VM's inner loop reads eight bytes per thread and never follows a
    /// pointer for the common negations (`!Punct`, `!@neg`).
    pub ops: Vec<Op>,
}

/// An instruction as the VM's step loop sees it (see [`Program::ops`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Op {
    Any,
    Word(u32),
    Set(u32),
    /// The token has one of these class bits.
    Class(u8),
    /// The token has none of these class bits.
    NotClass(u8),
    NotWord(u32),
    NotSet(u32),
    /// The token has none of these class bits and is not in the set.
    NotClassNorSet(u8, u32),
    Regex(u32),
    /// A test not flattened; evaluate `insts[pc]`.
    Other,
    /// Continue where `tables[index]` says for the token's word.
    Dispatch(u32),
    Entity(EntityKind),
    Match,
    /// Splits, jumps and saves, which the closure has already followed.
    Epsilon,
}

fn ops(insts: &[Inst]) -> Vec<Op> {
    insts
        .iter()
        .map(|inst| match inst {
            Inst::Test(Test::Any) => Op::Any,
            Inst::Test(Test::Word(id)) => Op::Word(*id),
            Inst::Test(Test::Set(set)) => Op::Set(*set),
            Inst::Test(Test::Class(bit)) => Op::Class(*bit),
            Inst::Test(Test::Regex(index)) => Op::Regex(*index),
            Inst::Test(Test::Not(tests)) => match tests.as_slice() {
                [Test::Word(id)] => Op::NotWord(*id),
                [Test::Set(set)] => Op::NotSet(*set),
                [Test::Class(bits), Test::Set(set)] => Op::NotClassNorSet(*bits, *set),
                _ if tests.iter().all(|t| matches!(t, Test::Class(_))) => Op::NotClass(
                    tests
                        .iter()
                        .map(|t| match t {
                            Test::Class(bit) => *bit,
                            _ => 0,
                        })
                        .fold(0, |a, b| a | b),
                ),
                _ => Op::Other,
            },
            Inst::Entity(kind) => Op::Entity(*kind),
            Inst::Dispatch(table) => Op::Dispatch(*table),
            Inst::Match => Op::Match,
            Inst::Split(..) | Inst::Jmp(_) | Inst::Save(_) => Op::Epsilon,
        })
        .collect()
}

/// What the first token of a match can be, flattened from [`Program::first`]
/// so the VM can skip tokens where no match starts without evaluating
/// instructions.
#[derive(Clone, Debug, Default)]
pub(crate) struct StartFilter {
    /// Any token can start a match.
    pub any: bool,
    /// Class bits (see `Class::bit`).
    pub classes: u8,
    /// Entity kinds, as bits (see [`kind_bit`]).
    pub entities: u8,
    pub words: Vec<u32>,
    pub sets: Vec<u32>,
    /// `words` and the members of `sets`, as a bit set over the vocabulary.
    pub word_bits: Vec<u64>,
    /// Tests not flattened (negations), evaluated as they are.
    pub other: Vec<Test>,
}

/// The bit of an entity kind in a per-token kinds mask.
pub(crate) fn kind_bit(kind: EntityKind) -> u8 {
    match kind {
        EntityKind::Person => 1,
        EntityKind::Org => 2,
        EntityKind::Place => 4,
        EntityKind::Date => 8,
        EntityKind::Title => 16,
        EntityKind::Demonym => 32,
        #[allow(unreachable_patterns)]
        _ => 128,
    }
}

fn start_filter(program: &Program) -> StartFilter {
    let mut filter = StartFilter::default();
    for &pc in &program.first {
        match &program.insts[pc as usize] {
            Inst::Test(Test::Any) => filter.any = true,
            Inst::Test(Test::Class(bit)) => filter.classes |= bit,
            Inst::Test(Test::Word(id)) => filter.words.push(*id),
            Inst::Test(Test::Set(set)) => filter.sets.push(*set),
            Inst::Test(test) => filter.other.push(test.clone()),
            Inst::Entity(kind) => filter.entities |= kind_bit(*kind),
            Inst::Dispatch(table) => filter.words.extend(
                program.tables[*table as usize]
                    .iter()
                    .map(|&(word, _)| word),
            ),
            _ => {}
        }
    }
    filter
}

/// The epsilon closure of every instruction that can start a thread: the
/// consuming instructions it reaches, in order of preference, each with the
/// capture slots saved on the way. Saves the VM from walking splits and
/// jumps at every step.
#[derive(Clone, Debug, Default)]
pub(crate) struct Closures {
    /// `entries[offsets[pc]..offsets[pc + 1]]` is the closure of `pc`.
    pub offsets: Vec<u32>,
    /// (target pc, start of its saves, number of saves).
    pub entries: Vec<(u32, u32, u32)>,
    pub saves: Vec<u32>,
    /// Per pc, the one instruction its closure holds when it is a single
    /// entry without saves (most steps from one test to the next), else
    /// `u32::MAX`: one load instead of three.
    pub single: Vec<u32>,
}

/// The most closure entries precomputed per program; beyond it the VM walks
/// closures at run time (same result, slower).
const MAX_CLOSURE_ENTRIES: usize = 100_000;

fn closures(insts: &[Inst], tables: &[Vec<(u32, u32)>]) -> Option<Closures> {
    let mut out = Closures {
        offsets: Vec::with_capacity(insts.len() + 1),
        ..Closures::default()
    };
    // A dispatch continues at the targets of its table, not at pc + 1.
    let mut dispatch_target = vec![false; insts.len()];
    for &(_, target) in tables.iter().flatten() {
        dispatch_target[target as usize] = true;
    }
    let mut seen = vec![u32::MAX; insts.len()];
    let mut stack: Vec<(u32, u32)> = Vec::new();
    // Saves along the current DFS path, as a persistent list: (slot, parent).
    let mut path: Vec<(u32, u32)> = Vec::new();
    let mut chain = Vec::new();
    for root in 0..insts.len() as u32 {
        out.offsets.push(out.entries.len() as u32);
        // Only the start and instructions after a consuming one seed threads.
        let seeds_thread = root == 0
            || dispatch_target[root as usize]
            || matches!(insts[root as usize - 1], Inst::Test(_) | Inst::Entity(_));
        if !seeds_thread {
            continue;
        }
        path.clear();
        stack.push((root, u32::MAX));
        while let Some((pc, saves)) = stack.pop() {
            if seen[pc as usize] == root {
                continue;
            }
            seen[pc as usize] = root;
            match insts[pc as usize] {
                Inst::Jmp(a) => stack.push((a, saves)),
                Inst::Split(a, b) => {
                    stack.push((b, saves));
                    stack.push((a, saves));
                }
                Inst::Save(slot) => {
                    path.push((slot, saves));
                    stack.push((pc + 1, path.len() as u32 - 1));
                }
                _ => {
                    chain.clear();
                    let mut node = saves;
                    while node != u32::MAX {
                        chain.push(path[node as usize].0);
                        node = path[node as usize].1;
                    }
                    let start = out.saves.len() as u32;
                    out.saves.extend(chain.iter().rev());
                    out.entries.push((pc, start, chain.len() as u32));
                    if out.entries.len() > MAX_CLOSURE_ENTRIES {
                        return None;
                    }
                }
            }
        }
    }
    out.offsets.push(out.entries.len() as u32);
    out.single = out
        .offsets
        .windows(2)
        .map(|w| match &out.entries[w[0] as usize..w[1] as usize] {
            [(target, _, 0)] => *target,
            _ => u32::MAX,
        })
        .collect();
    Some(out)
}

/// A compiled rule.
#[derive(Clone, Debug)]
pub(crate) struct CompiledRule {
    pub id: Arc<str>,
    pub produces: Produces,
    pub priority: i32,
    pub program: Program,
    pub unless: Vec<Program>,
    /// The most tokens each anti-pattern can match (`None`: unbounded), so
    /// it is run only around the matches it could veto.
    pub unless_len: Vec<Option<Bound>>,
    /// Per anti-pattern, word sets (sorted by id) each of which every match
    /// of it contains a word of: an anti-pattern whose window lacks one
    /// cannot veto there and is not run. A say-rule has some thirty
    /// `unless` lines and most need a word ("to", "that", "the") that is
    /// not next to a given "said".
    pub unless_required: Vec<Needs>,
    /// Per anti-pattern, its [`Shortcut`] when it is simple enough to be
    /// matched by a scan, not the VM.
    pub unless_shortcut: Vec<Option<Shortcut>>,
    /// The pattern as tokens in a row, when it is that simple: then it is
    /// matched by a scan, not the VM (see [`FixedPattern`]).
    pub fixed: Option<FixedPattern>,
    pub examples: Vec<super::syntax::ExampleDecl>,
    pub anchor: Anchor,
    /// Further word sets each of which every match must contain a word of;
    /// a sentence lacking one cannot match, so the rule is not run on it.
    pub required: Needs,
    /// Regexes (indices into `Compiled::regexes`) that every match must
    /// have a token matching, each of which only matches a token holding a
    /// digit (`/^\d{1,2}$/`, an age): a sentence none of whose digit-bearing
    /// tokens matches one cannot match. Such rules anchor on common
    /// punctuation ("Velkova, 67,"), and most sentences with a comma have
    /// no such number.
    pub required_numbers: Vec<u32>,
    /// The entity kinds (as [`kind_bit`]s) every match holds an annotation
    /// of: a window where none of one kind starts cannot match, and the
    /// rule is not run there. "PLACE Cap{0,2} @orghead" is triggered by
    /// every sentence with an organization word, most without a place.
    pub required_entities: u8,
    /// The pattern opened with `^`: a match starts at the sentence's first
    /// token, so the rule is tried there alone.
    pub sentence_start: bool,
    pub file: Arc<str>,
    pub line: usize,
}

/// The word sets one word of each of which every match of a pattern
/// contains. Each distinct set of a rule set gets a number, and the first
/// [`Sig::BITS`] of them a bit in every member word's signature
/// ([`Compiled::word_sigs`]): a sentence or a window holds a word of every
/// set when the union of its words' signatures covers `sig`, one AND
/// however many sets there are. A say-rule has some thirty `unless` lines.
#[derive(Clone, Debug, Default)]
pub(crate) struct Needs {
    /// The sets that have a bit.
    pub sig: Sig,
    /// The sets beyond the signature's bits, checked word by word.
    pub rest: Vec<Required>,
}

impl Needs {
    fn new(sets: Vec<Vec<u32>>) -> Needs {
        Needs {
            sig: Sig::default(),
            rest: sets.into_iter().map(Required::new).collect(),
        }
    }
}

/// A bit set over a rule set's numbered word sets (see [`Needs`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Sig([u64; 4]);

impl Sig {
    /// How many word sets get a bit.
    pub const BITS: usize = 256;

    fn set(&mut self, bit: usize) {
        self.0[bit / 64] |= 1 << (bit % 64);
    }

    /// Adds the bits of `other`.
    #[inline]
    pub fn add(&mut self, other: &Sig) {
        for (a, b) in self.0.iter_mut().zip(other.0) {
            *a |= b;
        }
    }

    /// True when every bit of `needed` is set here.
    #[inline]
    pub fn covers(&self, needed: &Sig) -> bool {
        // without a branch per word: most checks fail on some word
        let missing = (0..4).fold(0, |missing, i| missing | (needed.0[i] & !self.0[i]));
        missing == 0
    }
}

/// A set of words one of which every match of a pattern contains.
#[derive(Clone, Debug)]
pub(crate) struct Required {
    /// The word ids, sorted.
    pub ids: Vec<u32>,
    /// The same as a bit set over the vocabulary, filled once the
    /// vocabulary is complete: a token is tested with one load, where a
    /// search of a big set (`@givenname`) took a dozen string-free but
    /// branchy steps.
    pub bits: Vec<u64>,
}

impl Required {
    fn new(ids: Vec<u32>) -> Required {
        Required {
            ids,
            bits: Vec::new(),
        }
    }

    /// Fills the bit set over a vocabulary of `words` words.
    fn fill(&mut self, words: usize) {
        self.bits = vec![0u64; words.div_ceil(64)];
        for &id in &self.ids {
            self.bits[id as usize / 64] |= 1 << (id % 64);
        }
    }

    /// True when word `id` is in the set (never for [`NO_WORD`](super::vm::NO_WORD)).
    #[inline]
    pub fn contains(&self, id: u32) -> bool {
        self.bits
            .get(id as usize / 64)
            .is_some_and(|w| w & (1 << (id % 64)) != 0)
    }
}

/// A rule's pattern of a fixed number of tokens, each passing one of its
/// tests, with captures around whole runs of them: `trigger:@sayverb`,
/// `trigger:"\"" Any`, `trigger:("according" "to")`. Most event rules
/// have this shape; the VM ran them as it runs any pattern, its threads
/// and closures costing far more than the tests (a seventh of its time over
/// news went to these rules). Each start matches at most once, at the
/// same end, so a scan testing each start finds what the VM finds, with
/// the same captures (the tests check both).
#[derive(Clone, Debug)]
pub(crate) struct FixedPattern {
    /// Per token of a match, in order, the tests one of which it passes.
    pub tokens: Vec<Vec<Test>>,
    /// Per capture, in the order of the program's captures: its first
    /// token and the token after its last, counted from the match's start.
    pub captures: Vec<(u32, u32)>,
}

/// The [`FixedPattern`] `node` is, if it has that shape.
fn fixed_pattern(c: &mut Compiler<'_>, node: &Node) -> Option<FixedPattern> {
    let mut fixed = FixedPattern {
        tokens: Vec::new(),
        captures: Vec::new(),
    };
    fixed_tokens(c, node, &mut fixed)?;
    Some(fixed)
}

/// Appends the tokens `node` matches to `fixed`, and its captures in the
/// order the emitter numbers them (a capture before those inside it);
/// `None` when it matches no fixed number of single tokens.
fn fixed_tokens(c: &mut Compiler<'_>, node: &Node, fixed: &mut FixedPattern) -> Option<()> {
    match node {
        Node::Literal { keys } => {
            for key in keys {
                fixed.tokens.push(vec![Test::Word(c.word(key))]);
            }
        }
        Node::Seq(items) => {
            for item in items {
                fixed_tokens(c, item, fixed)?;
            }
        }
        Node::Capture { node, .. } => {
            let index = fixed.captures.len();
            let first = fixed.tokens.len() as u32;
            fixed.captures.push((first, first));
            fixed_tokens(c, node, fixed)?;
            fixed.captures[index].1 = fixed.tokens.len() as u32;
        }
        single => fixed.tokens.push(one_token_tests(c, single)?),
    }
    Some(())
}

/// An anti-pattern simple enough to be matched without the VM. Anti-patterns
/// only veto, so all they need to yield is where they match: the same
/// (start, end) pairs the VM would, which the tests check on every window
/// of many generated word sequences.
#[derive(Clone, Debug)]
pub(crate) enum Shortcut {
    /// `A ...{0,n} B` (see [`PhraseGap`]).
    Gap(PhraseGap),
    /// A few elements in a row, each one token passing one of its tests,
    /// a phrase of a set, or optional: `"to" "say" ("the" | "nothing")`,
    /// `@nounmarker @sayverb`, `!Cap "new"? @saynoun`. The VM ran such a
    /// short pattern from every position of a window, its threads and
    /// closures costing far more than the few tests.
    Sequence(Vec<Element>),
}

/// One element of a [`Shortcut::Sequence`]: what it matches, and whether
/// it may match nothing instead (`x?`).
#[derive(Clone, Debug)]
pub(crate) struct Element {
    pub matches: Single,
    pub optional: bool,
}

/// What an [`Element`] matches.
#[derive(Clone, Debug)]
pub(crate) enum Single {
    /// One token that passes one of the tests.
    Token(Vec<Test>),
    /// One of the phrases (a list with entries of several words).
    Phrases(Phrases),
}

/// An anti-pattern of the shape `A ...{0,n} B`, where `A` and `B` are
/// words, phrases or lists of them ("\"" ...{0,60} @sayverb): a phrase of
/// `first`, at most `gap` tokens of anything, then a phrase of `last`.
///
/// In the VM its gap is `gap` steps, and threads walk them from every
/// `A`, each trying every alternative of `B` at every step: on the
/// windows of a quotation it cost four times what the rule itself did. A
/// scan that remembers where the `A`s ended finds the same matches (see
/// [`Vm::run_phrase_gap`](super::vm::Vm::run_phrase_gap)).
#[derive(Clone, Debug)]
pub(crate) struct PhraseGap {
    pub first: Phrases,
    pub gap: u32,
    pub last: Phrases,
}

/// Phrases as word ids, sorted, so those opening with a word are found by
/// a binary search, and their first words as a bit set over the
/// vocabulary, so that most words are passed over with one load.
#[derive(Clone, Debug)]
pub(crate) struct Phrases {
    phrases: Vec<Vec<u32>>,
    firsts: Required,
}

impl Element {
    /// Fills the bit set of its phrases' first words over a vocabulary of
    /// `words` words.
    fn fill(&mut self, words: usize) {
        if let Single::Phrases(phrases) = &mut self.matches {
            phrases.firsts.fill(words);
        }
    }
}

impl Phrases {
    fn new(phrases: Vec<Vec<u32>>) -> Phrases {
        let mut firsts: Vec<u32> = phrases.iter().map(|p| p[0]).collect();
        firsts.dedup();
        Phrases {
            phrases,
            firsts: Required::new(firsts),
        }
    }

    /// The lengths of the phrases that `ids[at..]` opens with.
    #[inline]
    pub fn lengths_at<'a>(&'a self, ids: &'a [u32], at: usize) -> impl Iterator<Item = usize> + 'a {
        let first = ids[at];
        let candidates = if self.firsts.contains(first) {
            let from = self.phrases.partition_point(|p| p[0] < first);
            &self.phrases[from..]
        } else {
            &[]
        };
        candidates
            .iter()
            .take_while(move |p| p[0] == first)
            .filter(move |p| ids[at..].starts_with(p))
            .map(Vec::len)
    }
}

/// Everything a rule set needs at match time.
#[derive(Clone, Debug, Default)]
pub(crate) struct Compiled {
    pub rules: Vec<CompiledRule>,
    pub vocab: Vocab,
    /// Per word id, the numbered required sets it belongs to (see [`Needs`]).
    pub word_sigs: Vec<Sig>,
    /// One bit set over the vocabulary per word list (single-token entries).
    pub sets: Vec<Vec<u64>>,
    /// For each vocabulary id, the rules anchored on it.
    pub anchor_index: Vec<Vec<u32>>,
    pub word_lists: usize,
    /// The distinct regexes of `/…/` atoms, each compiled once.
    pub regexes: Vec<regex::Regex>,
    /// Every word list by name: its entries' matching keys, the tokens of
    /// a multi-word entry joined by single spaces. Rust stages read their
    /// word lists from here, so a list is defined once, in a rule file.
    pub list_entries: HashMap<String, Vec<String>>,
}

struct ListInfo<'a> {
    decl: &'a WordsDecl,
    set: u32,
}

struct Compiler<'a> {
    vocab: FxMap<String, u32>,
    regexes: Vec<regex::Regex>,
    set_members: Vec<Vec<u32>>,
    /// The sets [`Compiler::fold_alternatives`] made, by their members.
    unions: FxMap<Vec<u32>, u32>,
    lists: HashMap<&'a str, ListInfo<'a>>,
}

impl Compiler<'_> {
    fn word(&mut self, key: &str) -> u32 {
        if let Some(&id) = self.vocab.get(key) {
            return id;
        }
        let id = self.vocab.len() as u32;
        self.vocab.insert(key.to_owned(), id);
        id
    }

    /// One-token alternatives (a token passes when it passes one of
    /// `tests`) with their words and word lists joined into one set and
    /// their classes into one class test, so that a negation of thirty
    /// words (`!(Cap | Punct | "he" | "she" | …)`) costs a mask test and a
    /// set lookup, not thirty comparisons. Tests of other kinds stay as
    /// they are, after these two.
    fn fold_alternatives(&mut self, tests: Vec<Test>) -> Vec<Test> {
        let (mut classes, mut members, mut lookups) = (0u8, Vec::new(), Vec::new());
        let mut rest = Vec::new();
        for test in tests {
            match test {
                Test::Class(bits) => classes |= bits,
                Test::Word(id) => {
                    members.push(id);
                    lookups.push(test);
                }
                Test::Set(set) => {
                    members.extend_from_slice(&self.set_members[set as usize]);
                    lookups.push(test);
                }
                other => rest.push(other),
            }
        }
        let mut folded = Vec::with_capacity(rest.len() + 2);
        if classes != 0 {
            folded.push(Test::Class(classes));
        }
        if lookups.len() > 1 {
            members.sort_unstable();
            members.dedup();
            let next = self.set_members.len() as u32;
            let set = *self.unions.entry(members.clone()).or_insert(next);
            if set == next {
                self.set_members.push(members);
            }
            folded.push(Test::Set(set));
        } else {
            folded.extend(lookups);
        }
        folded.extend(rest);
        folded
    }

    /// The index of a regex, shared by every atom with the same source.
    fn regex(&mut self, regex: &regex::Regex) -> u32 {
        if let Some(index) = self
            .regexes
            .iter()
            .position(|r| r.as_str() == regex.as_str())
        {
            return index as u32;
        }
        self.regexes.push(regex.clone());
        self.regexes.len() as u32 - 1
    }
}

/// Compiles every parsed source; `names` are the sources' names.
pub(crate) fn compile(
    parsed: &[Parsed],
    names: &[String],
    errors: &mut Vec<Diagnostic>,
) -> Compiled {
    let mut c = Compiler {
        vocab: FxMap::default(),
        regexes: Vec::new(),
        set_members: Vec::new(),
        unions: FxMap::default(),
        lists: HashMap::new(),
    };
    let list_entries = declare_lists(&mut c, parsed, names, errors);
    let mut rules = compile_rules(&mut c, parsed, names, errors);
    let words = c.vocab.len();
    let sets: Vec<Vec<u64>> = c
        .set_members
        .iter()
        .map(|members| {
            let mut bits = vec![0u64; words.div_ceil(64)];
            for &id in members {
                bits[id as usize / 64] |= 1 << (id % 64);
            }
            bits
        })
        .collect();
    start_word_bits(&mut rules, words, &sets);
    for shortcut in rules
        .iter_mut()
        .flat_map(|r| r.unless_shortcut.iter_mut().flatten())
    {
        match shortcut {
            Shortcut::Gap(gap) => {
                gap.first.firsts.fill(words);
                gap.last.firsts.fill(words);
            }
            Shortcut::Sequence(elements) => {
                for element in elements {
                    element.fill(words);
                }
            }
        }
    }
    let word_sigs = sign_required(&mut rules, words);
    let mut anchor_index = vec![Vec::new(); words];
    for (index, rule) in rules.iter().enumerate() {
        for &id in &rule.anchor.ids {
            anchor_index[id as usize].push(index as u32);
        }
    }
    Compiled {
        rules,
        vocab: Vocab::new(c.vocab),
        word_sigs,
        sets,
        anchor_index,
        word_lists: c.lists.len(),
        regexes: c.regexes,
        list_entries,
    }
}

/// Declares every word list of every source (a name declared twice is an
/// error) and gives its words vocabulary ids; returns each list's entries
/// by name.
fn declare_lists<'a>(
    c: &mut Compiler<'a>,
    parsed: &'a [Parsed],
    names: &[String],
    errors: &mut Vec<Diagnostic>,
) -> HashMap<String, Vec<String>> {
    let mut list_entries = HashMap::new();
    for decl in parsed.iter().flat_map(|p| &p.words) {
        let mut diags = Diags {
            file: &names[decl.source],
            list: errors,
        };
        if let Some(prev) = c.lists.get(decl.name.as_str()) {
            let message = format!(
                "word list `{}` declared twice; first declared at {}:{}:{}",
                decl.name, names[prev.decl.source], prev.decl.pos.line, prev.decl.pos.col
            );
            diags.error(decl.pos, &decl.name, message);
            continue;
        }
        let mut members: Vec<u32> = Vec::new();
        for entry in &decl.entries {
            if entry.keys.len() == 1 {
                let id = c.word(&entry.keys[0]);
                members.push(id);
            } else {
                for key in &entry.keys {
                    c.word(key);
                }
            }
        }
        let set = c.set_members.len() as u32;
        c.set_members.push(members);
        list_entries.insert(
            decl.name.clone(),
            decl.entries.iter().map(|e| e.keys.join(" ")).collect(),
        );
        c.lists.insert(&decl.name, ListInfo { decl, set });
    }
    list_entries
}

/// Compiles every rule that parsed; a rule id declared twice is an error.
fn compile_rules(
    c: &mut Compiler<'_>,
    parsed: &[Parsed],
    names: &[String],
    errors: &mut Vec<Diagnostic>,
) -> Vec<CompiledRule> {
    let mut rules = Vec::new();
    let mut seen: HashMap<&str, (usize, Pos)> = HashMap::new();
    for rule in parsed.iter().flat_map(|p| &p.rules) {
        if rule.broken {
            continue;
        }
        let file = &names[rule.source];
        let mut diags = Diags { file, list: errors };
        if let Some(&(source, pos)) = seen.get(rule.id.as_str()) {
            diags.error(
                rule.pos,
                &rule.id,
                format!(
                    "rule id declared twice; first declared at {}:{}:{}",
                    names[source], pos.line, pos.col
                ),
            );
            continue;
        }
        seen.insert(&rule.id, (rule.source, rule.pos));
        if let Some(compiled) = compile_rule(c, rule, &mut diags) {
            rules.push(compiled);
        }
    }
    rules
}

/// Numbers the distinct required word sets of every rule and anti-pattern
/// once the vocabulary is complete: the first [`Sig::BITS`] become bits of
/// their members' signatures (returned, per word id), the others get a bit
/// set over the vocabulary.
fn sign_required(rules: &mut [CompiledRule], words: usize) -> Vec<Sig> {
    let mut word_sigs = vec![Sig::default(); words];
    let mut numbers: FxMap<Vec<u32>, usize> = FxMap::default();
    for rule in rules {
        for needs in std::iter::once(&mut rule.required).chain(&mut rule.unless_required) {
            let mut rest = Vec::new();
            for mut set in std::mem::take(&mut needs.rest) {
                let next = numbers.len();
                let number = *numbers.entry(set.ids.clone()).or_insert(next);
                if number < Sig::BITS {
                    needs.sig.set(number);
                    if number == next {
                        for &id in &set.ids {
                            word_sigs[id as usize].set(number);
                        }
                    }
                } else {
                    set.fill(words);
                    rest.push(set);
                }
            }
            needs.rest = rest;
        }
    }
    word_sigs
}

/// Fills each program's start filter with the bits of the words (and the
/// word lists' words) a match can start with, once the vocabulary is
/// complete.
fn start_word_bits(rules: &mut [CompiledRule], words: usize, sets: &[Vec<u64>]) {
    for rule in rules {
        for program in std::iter::once(&mut rule.program).chain(&mut rule.unless) {
            let f = &mut program.start;
            f.word_bits = vec![0u64; words.div_ceil(64)];
            for &id in &f.words {
                f.word_bits[id as usize / 64] |= 1 << (id % 64);
            }
            for &set in &f.sets {
                for (bits, member) in f.word_bits.iter_mut().zip(&sets[set as usize]) {
                    *bits |= member;
                }
            }
        }
    }
}

fn compile_rule(
    c: &mut Compiler<'_>,
    rule: &RuleDecl,
    diags: &mut Diags<'_>,
) -> Option<CompiledRule> {
    let Some((pattern, pattern_pos)) = &rule.pattern else {
        diags.error(
            rule.pos,
            &rule.id,
            "rule without a pattern; expected a `match` line",
        );
        return None;
    };
    let mut ok = true;
    if !rule.examples.iter().any(|e| !e.counter) {
        diags.error(
            rule.pos,
            &rule.id,
            "rule without an example; expected at least one `example` line",
        );
        ok = false;
    }
    ok &= check_lists(c, pattern, diags);
    for node in &rule.unless {
        ok &= check_lists(c, node, diags);
    }
    if !ok {
        return None;
    }
    let Some(anchor) = anchors(c, pattern) else {
        diags.error(
            rule.pos,
            &rule.id,
            "rule without an anchor; expected a word or @list at a mandatory position (not optional, not under `*`, not in only some alternatives)",
        );
        return None;
    };
    let mut required = Vec::new();
    required_words(c, pattern, &mut required);
    required.sort_by_key(Vec::len);
    required.dedup();
    required.retain(|set| *set != anchor.ids);
    required.truncate(4);
    for set in &mut required {
        set.sort_unstable();
        set.dedup();
    }
    let required = Needs::new(required);
    let mut required_numbers = Vec::new();
    required_number_atoms(c, pattern, &mut required_numbers);
    required_numbers.sort_unstable();
    required_numbers.dedup();
    let mut program = Program::default();
    let mut emitter = Emitter {
        c,
        program: &mut program,
    };
    emitter.emit(pattern);
    emitter.program.insts.push(Inst::Match);
    let mut unless = Vec::new();
    for node in &rule.unless {
        let mut anti = Program::default();
        let mut emitter = Emitter {
            c,
            program: &mut anti,
        };
        emitter.emit(node);
        anti.insts.push(Inst::Match);
        unless.push(anti);
    }
    if std::iter::once(&program)
        .chain(&unless)
        .any(|p| p.insts.len() > MAX_PROGRAM)
    {
        diags.error(*pattern_pos, &rule.id, format!("pattern too large after expanding repetitions; expected at most {MAX_PROGRAM} steps"));
        return None;
    }
    for p in std::iter::once(&mut program).chain(&mut unless) {
        p.first = first_set(&p.insts);
        p.closures = closures(&p.insts, &p.tables);
        p.start = start_filter(p);
        p.ops = ops(&p.insts);
    }
    let unless_len = rule.unless.iter().map(|node| max_len(c, node)).collect();
    let unless_required = rule
        .unless
        .iter()
        .map(|node| {
            let mut sets = Vec::new();
            required_words(c, node, &mut sets);
            for set in &mut sets {
                set.sort_unstable();
                set.dedup();
            }
            sets.sort_by_key(Vec::len);
            sets.dedup();
            Needs::new(sets)
        })
        .collect();
    let unless_shortcut = rule.unless.iter().map(|node| shortcut(c, node)).collect();
    let fixed = fixed_pattern(c, pattern);
    Some(CompiledRule {
        id: rule.id.as_str().into(),
        produces: rule.produces,
        priority: rule.priority,
        program,
        unless,
        unless_len,
        unless_required,
        unless_shortcut,
        fixed,
        examples: rule.examples.clone(),
        anchor,
        required,
        required_numbers,
        required_entities: required_entities(pattern),
        sentence_start: rule.sentence_start,
        file: diags.file.into(),
        line: rule.pos.line,
    })
}

/// Reports unknown word lists and negated lists with multi-word entries.
fn check_lists(c: &Compiler<'_>, node: &Node, diags: &mut Diags<'_>) -> bool {
    match node {
        Node::List { name, pos } => {
            if c.lists.contains_key(name.as_str()) {
                return true;
            }
            let mut known: Vec<&str> = c.lists.keys().copied().collect();
            known.sort_unstable();
            let expected = if known.is_empty() {
                "no word lists are declared".to_owned()
            } else {
                format!("expected one of @{}", known.join(", @"))
            };
            diags.error(
                *pos,
                &format!("@{name}"),
                format!("unknown word list; {expected}"),
            );
            false
        }
        Node::Not { tests } => {
            let mut ok = true;
            for test in tests {
                if let Node::List { name, pos } = test {
                    match c.lists.get(name.as_str()) {
                        None => ok &= check_lists(c, test, diags),
                        Some(info) => {
                            if let Some(entry) = info.decl.entries.iter().find(|e| e.keys.len() > 1)
                            {
                                let message = format!(
                                    "negated word list has the multi-word entry {}; a negation matches one token, expected single words",
                                    entry.text
                                );
                                diags.error(*pos, &format!("@{name}"), message);
                                ok = false;
                            }
                        }
                    }
                }
            }
            ok
        }
        Node::Seq(items) | Node::Alt(items) => {
            // Check every item, not just up to the first error.
            let mut ok = true;
            for item in items {
                ok &= check_lists(c, item, diags);
            }
            ok
        }
        Node::Repeat { node, .. } | Node::Capture { node, .. } => check_lists(c, node, diags),
        _ => true,
    }
}

/// An upper bound on a number of tokens: `tokens` plus `entities` whole
/// entity annotations (whose length is known only per sentence).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Bound {
    pub tokens: u32,
    pub entities: u32,
}

impl Bound {
    fn add(self, other: Bound) -> Bound {
        Bound {
            tokens: self.tokens.saturating_add(other.tokens),
            entities: self.entities.saturating_add(other.entities),
        }
    }

    fn max(self, other: Bound) -> Bound {
        Bound {
            tokens: self.tokens.max(other.tokens),
            entities: self.entities.max(other.entities),
        }
    }

    fn times(self, n: u32) -> Bound {
        Bound {
            tokens: self.tokens.saturating_mul(n),
            entities: self.entities.saturating_mul(n),
        }
    }

    /// The bound in tokens, given the longest annotation of a sentence.
    pub fn resolve(self, longest_entity: u32) -> u32 {
        self.tokens
            .saturating_add(self.entities.saturating_mul(longest_entity))
    }
}

/// A rule's anchor: the words one of which every match contains at a
/// mandatory position, and how far that word can be from the match's start
/// and end (`None`: unbounded).
#[derive(Clone, Debug, Default)]
pub(crate) struct Anchor {
    pub ids: Vec<u32>,
    pub before: Option<Bound>,
    pub after: Option<Bound>,
    /// How often the anchor's words can be expected in news, roughly: the
    /// sum of their [`anchor_weight`]s. The rarest anchor is chosen, as
    /// each occurrence runs the rule.
    pub weight: u32,
}

/// An anchor word's share of news text, roughly: one of the commonest
/// words and marks counts as a few hundred other words. Anchored on "of",
/// a rule ran at nearly every sentence; on the list of organization heads
/// beside it, it runs where one occurs.
fn anchor_weight(key: &str) -> u32 {
    const COMMONEST: &[&str] = &[
        "the", ",", ".", "of", "to", "and", "a", "in", "\"", "'s", "'", "for", "that", "is", "on",
        "said", "with", "was", "he", "it", "as", "at", "by", "from", "his", "be", "have", "has",
        "an", "are", "but", "not", "they", "who", "this", "were", "had", "been", "will", "would",
        "their", "its", "i", "we", "she", "her", "or", "which", "after", "-", "(", ")", ":",
        "also", "more", "than", "about", "there", "one", "new", "up", "out", "all", "when", "into",
        "over", "last", "year", "you", "our",
    ];
    if COMMONEST.contains(&key) { 256 } else { 1 }
}

fn plus(a: Option<Bound>, b: Option<Bound>) -> Option<Bound> {
    Some(a?.add(b?))
}

fn most(a: Option<Bound>, b: Option<Bound>) -> Option<Bound> {
    Some(a?.max(b?))
}

/// The most tokens `node` can match.
fn max_len(c: &Compiler<'_>, node: &Node) -> Option<Bound> {
    let tokens = |n: usize| {
        Some(Bound {
            tokens: n as u32,
            entities: 0,
        })
    };
    match node {
        Node::Literal { keys } => tokens(keys.len()),
        Node::List { name, .. } => tokens(
            c.lists
                .get(name.as_str())?
                .decl
                .entries
                .iter()
                .map(|e| e.keys.len())
                .max()
                // An empty (generated) list matches nothing: no tokens.
                .unwrap_or(0),
        ),
        Node::Class(_) | Node::Regex(_) | Node::Not { .. } => tokens(1),
        Node::Entity(_) => Some(Bound {
            tokens: 0,
            entities: 1,
        }),
        Node::Gap { max, .. } => tokens(*max as usize),
        Node::Seq(items) => items
            .iter()
            .try_fold(Bound::default(), |acc, n| Some(acc.add(max_len(c, n)?))),
        Node::Alt(alts) => alts
            .iter()
            .try_fold(Bound::default(), |acc, n| Some(acc.max(max_len(c, n)?))),
        Node::Repeat { node, max, .. } => Some(max_len(c, node)?.times((*max)?)),
        Node::Capture { node, .. } => max_len(c, node),
    }
}

/// Finds the rule's anchor, choosing the smallest word set; `None` when the
/// pattern has no mandatory word.
fn anchors(c: &mut Compiler<'_>, node: &Node) -> Option<Anchor> {
    // The longest key of a phrase is the likeliest to be rare.
    fn best_key(keys: &[String]) -> usize {
        (0..keys.len())
            .max_by_key(|&i| (keys[i].len(), std::cmp::Reverse(i)))
            .expect("non-empty")
    }
    let tokens = |n: usize| {
        Some(Bound {
            tokens: n as u32,
            entities: 0,
        })
    };
    match node {
        Node::Literal { keys } => {
            let k = best_key(keys);
            Some(Anchor {
                ids: vec![c.word(&keys[k])],
                before: tokens(k),
                after: tokens(keys.len() - 1 - k),
                weight: anchor_weight(&keys[k]),
            })
        }
        Node::List { name, .. } => {
            let decl = c.lists.get(name.as_str())?.decl;
            let mut anchor = Anchor {
                ids: Vec::new(),
                before: tokens(0),
                after: tokens(0),
                weight: 0,
            };
            for entry in &decl.entries {
                let k = best_key(&entry.keys);
                anchor.ids.push(c.word(&entry.keys[k]));
                anchor.before = most(anchor.before, tokens(k));
                anchor.after = most(anchor.after, tokens(entry.keys.len() - 1 - k));
                anchor.weight = anchor.weight.saturating_add(anchor_weight(&entry.keys[k]));
            }
            anchor.ids.sort_unstable();
            anchor.ids.dedup();
            Some(anchor)
        }
        Node::Seq(items) => {
            // The rarest anchor; among equally rare ones, the one of
            // fewest words, then the first.
            let mut best: Option<(usize, Anchor)> = None;
            for (i, item) in items.iter().enumerate() {
                if let Some(anchor) = anchors(c, item)
                    && best.as_ref().is_none_or(|(_, b)| {
                        (anchor.weight, anchor.ids.len()) < (b.weight, b.ids.len())
                    })
                {
                    best = Some((i, anchor));
                }
            }
            let (i, mut anchor) = best?;
            for item in &items[..i] {
                anchor.before = plus(anchor.before, max_len(c, item));
            }
            for item in &items[i + 1..] {
                anchor.after = plus(anchor.after, max_len(c, item));
            }
            Some(anchor)
        }
        Node::Alt(alts) => {
            let mut all = Anchor {
                ids: Vec::new(),
                before: tokens(0),
                after: tokens(0),
                weight: 0,
            };
            for alt in alts {
                let anchor = anchors(c, alt)?;
                all.ids.extend(anchor.ids);
                all.before = most(all.before, anchor.before);
                all.after = most(all.after, anchor.after);
                all.weight = all.weight.saturating_add(anchor.weight);
            }
            all.ids.sort_unstable();
            all.ids.dedup();
            Some(all)
        }
        // Every repetition holds an anchor: the first is near the start, the last near the end.
        Node::Repeat { node, min, .. } if *min >= 1 => anchors(c, node),
        Node::Capture { node, .. } => anchors(c, node),
        _ => None,
    }
}

/// The [`Shortcut`] that matches `node`, if one does.
fn shortcut(c: &mut Compiler<'_>, node: &Node) -> Option<Shortcut> {
    if let Some(gap) = phrase_gap(c, node) {
        return Some(Shortcut::Gap(gap));
    }
    let items = match node {
        Node::Seq(items) => &items[..],
        single => std::slice::from_ref(single),
    };
    let mut elements = Vec::new();
    for item in items {
        match item {
            // a quoted phrase: one word per token
            Node::Literal { keys } => {
                for key in keys {
                    elements.push(Element {
                        matches: Single::Token(vec![Test::Word(c.word(key))]),
                        optional: false,
                    });
                }
            }
            _ => elements.push(element(c, item)?),
        }
    }
    Some(Shortcut::Sequence(elements))
}

/// The [`Element`] that matches what `node` does, if one does.
fn element(c: &mut Compiler<'_>, node: &Node) -> Option<Element> {
    let (node, optional) = match node {
        Node::Repeat {
            node,
            min: 0,
            max: Some(1),
        } => (&**node, true),
        node => (node, false),
    };
    let matches = match one_token_tests(c, node) {
        Some(tests) => Single::Token(tests),
        None => Single::Phrases(Phrases::new(phrases(c, node)?)),
    };
    Some(Element { matches, optional })
}

/// The tests one of which a token passes when `node` matches exactly one
/// token: a one-word literal, a list of one-word entries, a class, a
/// regex, a negation, or alternatives of these.
fn one_token_tests(c: &mut Compiler<'_>, node: &Node) -> Option<Vec<Test>> {
    Some(match node {
        Node::Literal { keys } if keys.len() == 1 => vec![Test::Word(c.word(&keys[0]))],
        Node::List { name, .. } => {
            let info = c.lists.get(name.as_str())?;
            if info.decl.entries.iter().any(|e| e.keys.len() != 1) {
                return None;
            }
            vec![Test::Set(info.set)]
        }
        Node::Class(Class::Any) => vec![Test::Any],
        Node::Class(class) => vec![Test::Class(class.bit())],
        Node::Regex(regex) => vec![Test::Regex(c.regex(regex))],
        Node::Not { tests } => {
            let tests = each_of(c, tests, one_token_tests)?;
            vec![Test::Not(c.fold_alternatives(tests))]
        }
        Node::Alt(alts) => {
            let tests = each_of(c, alts, one_token_tests)?;
            c.fold_alternatives(tests)
        }
        _ => return None,
    })
}

/// What `of` gives for each of `nodes`, one after another; `None` when it
/// gives `None` for one of them.
fn each_of<T>(
    c: &mut Compiler<'_>,
    nodes: &[Node],
    of: fn(&mut Compiler<'_>, &Node) -> Option<Vec<T>>,
) -> Option<Vec<T>> {
    let mut all = Vec::new();
    for node in nodes {
        all.extend(of(c, node)?);
    }
    Some(all)
}

/// The [`PhraseGap`] `node` is, if it has that shape.
fn phrase_gap(c: &mut Compiler<'_>, node: &Node) -> Option<PhraseGap> {
    let Node::Seq(items) = node else {
        return None;
    };
    let [first, Node::Gap { min: 0, max }, last] = &items[..] else {
        return None;
    };
    Some(PhraseGap {
        first: Phrases::new(phrases(c, first)?),
        gap: *max,
        last: Phrases::new(phrases(c, last)?),
    })
}

/// The phrases `node` matches, sorted, when it is a literal, literals in
/// a row, a list or alternatives of these.
fn phrases(c: &mut Compiler<'_>, node: &Node) -> Option<Vec<Vec<u32>>> {
    let mut phrases: Vec<Vec<u32>> = match node {
        Node::Literal { keys } => vec![keys.iter().map(|k| c.word(k)).collect()],
        // words one after another: `"x" "y"`
        Node::Seq(items) => {
            let mut phrase = Vec::new();
            for item in items {
                let Node::Literal { keys } = item else {
                    return None;
                };
                phrase.extend(keys.iter().map(|k| c.word(k)));
            }
            vec![phrase]
        }
        Node::List { name, .. } => {
            let decl = c.lists.get(name.as_str())?.decl;
            decl.entries
                .iter()
                .map(|e| e.keys.iter().map(|k| c.word(k)).collect())
                .collect()
        }
        Node::Alt(alts) => each_of(c, alts, phrases)?,
        _ => return None,
    };
    if phrases.iter().any(Vec::is_empty) {
        return None;
    }
    phrases.sort_unstable();
    phrases.dedup();
    Some(phrases)
}

/// Collects the word sets every match must contain a word of.
fn required_words(c: &mut Compiler<'_>, node: &Node, out: &mut Vec<Vec<u32>>) {
    match node {
        Node::Literal { keys } => out.extend(keys.iter().map(|k| vec![c.word(k)])),
        Node::Seq(items) => {
            for item in items {
                required_words(c, item, out);
            }
        }
        Node::List { .. } => {
            if let Some(anchor) = anchors(c, node) {
                out.push(anchor.ids);
            }
        }
        Node::Alt(alts) => {
            if let Some(anchor) = anchors(c, node) {
                out.push(anchor.ids);
            }
            // A set the first alternative requires is required of the
            // whole when every other alternative requires a part of it:
            // `("in" "a" "statement" | "statement" "from")` needs
            // "statement", where the anchors alone ask only for "in" or
            // "statement", and "in" is in most sentences.
            let mut per_alt = alts.iter().map(|alt| {
                let mut sets = Vec::new();
                required_words(c, alt, &mut sets);
                sets
            });
            let Some(first) = per_alt.next() else { return };
            let rest: Vec<Vec<Vec<u32>>> = per_alt.collect();
            for set in first {
                let within = |sets: &Vec<Vec<u32>>| {
                    sets.iter()
                        .any(|part| part.iter().all(|id| set.binary_search(id).is_ok()))
                };
                if rest.iter().all(within) && !out.contains(&set) {
                    out.push(set);
                }
            }
        }
        Node::Repeat { node, min, .. } if *min >= 1 => required_words(c, node, out),
        Node::Capture { node, .. } => required_words(c, node, out),
        _ => {}
    }
}

/// The entity kinds, as [`kind_bit`]s, of which every match of `node`
/// holds an annotation.
fn required_entities(node: &Node) -> u8 {
    match node {
        Node::Entity(kind) => kind_bit(*kind),
        Node::Seq(items) => items
            .iter()
            .fold(0, |kinds, item| kinds | required_entities(item)),
        Node::Alt(alts) => alts
            .iter()
            .map(required_entities)
            .reduce(|a, b| a & b)
            .unwrap_or(0),
        Node::Repeat { node, min, .. } if *min >= 1 => required_entities(node),
        Node::Capture { node, .. } => required_entities(node),
        _ => 0,
    }
}

/// The regex atoms at mandatory positions of `node` that match only a
/// token holding a digit (see [`CompiledRule::required_numbers`]).
fn required_number_atoms(c: &mut Compiler<'_>, node: &Node, out: &mut Vec<u32>) {
    match node {
        Node::Regex(regex) if needs_a_digit(regex.as_str()) => out.push(c.regex(regex)),
        Node::Seq(items) => {
            for item in items {
                required_number_atoms(c, item, out);
            }
        }
        Node::Repeat { node, min, .. } if *min >= 1 => required_number_atoms(c, node, out),
        Node::Capture { node, .. } => required_number_atoms(c, node, out),
        _ => {}
    }
}

/// True when every match of the regex `source` starts with a decimal digit
/// (`\d`, Unicode's Nd, or `[0-9]`), so only a token holding one can
/// match. Recognized conservatively: the source must open with the digit
/// class (after `^`), not made optional by a quantifier, and hold no
/// top-level alternation or flags that could let a match begin elsewhere.
fn needs_a_digit(source: &str) -> bool {
    if source.contains("(?") || has_top_level_alternation(source) {
        return false;
    }
    let body = source.strip_prefix('^').unwrap_or(source);
    let Some(rest) = body
        .strip_prefix(r"\d")
        .or_else(|| body.strip_prefix("[0-9]"))
    else {
        return false;
    };
    !(rest.starts_with('?') || rest.starts_with('*') || rest.starts_with("{0"))
}

/// True when `source` has a `|` outside every group and class.
fn has_top_level_alternation(source: &str) -> bool {
    // Classes nest (`[a-z&&[^x]]`), so they are counted like groups.
    let (mut depth, mut classes, mut escaped) = (0usize, 0usize, false);
    for ch in source.chars() {
        match ch {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '[' => classes += 1,
            ']' => classes = classes.saturating_sub(1),
            _ if classes > 0 => {}
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            '|' if depth == 0 => return true,
            _ => {}
        }
    }
    false
}

struct Emitter<'a, 'b> {
    c: &'a mut Compiler<'b>,
    program: &'a mut Program,
}

impl Emitter<'_, '_> {
    fn pc(&self) -> u32 {
        self.program.insts.len() as u32
    }

    fn push(&mut self, inst: Inst) -> u32 {
        self.program.insts.push(inst);
        self.pc() - 1
    }

    fn test(&mut self, node: &Node) -> Test {
        match node {
            Node::Literal { keys } => Test::Word(self.c.word(&keys[0])),
            Node::List { name, .. } => Test::Set(self.c.lists[name.as_str()].set),
            Node::Class(Class::Any) => Test::Any,
            Node::Class(class) => Test::Class(class.bit()),
            Node::Regex(regex) => Test::Regex(self.c.regex(regex)),
            _ => unreachable!("the parser allows only single-token tests here"),
        }
    }

    fn emit(&mut self, node: &Node) {
        // Patterns can be large after expansion: stop emitting once over the limit.
        if self.program.insts.len() > MAX_PROGRAM {
            return;
        }
        match node {
            Node::Literal { keys } => {
                for key in keys {
                    let id = self.c.word(key);
                    self.push(Inst::Test(Test::Word(id)));
                }
            }
            Node::List { name, .. } => {
                let info = &self.c.lists[name.as_str()];
                let set = info.set;
                let phrases: Vec<Vec<String>> = info
                    .decl
                    .entries
                    .iter()
                    .filter(|e| e.keys.len() > 1)
                    .map(|e| e.keys.clone())
                    .collect();
                if phrases.is_empty() {
                    self.push(Inst::Test(Test::Set(set)));
                    return;
                }
                // A multi-word entry is preferred to a single word ("told
                // reporters" before "told"), so the phrases come first.
                let trie = PhraseTrie::new(self.c, &phrases);
                let split = self.push(Inst::Split(0, 0));
                let mut exits = Vec::new();
                self.phrase_node(&trie, 0, &mut exits);
                let single = self.push(Inst::Test(Test::Set(set)));
                self.program.insts[split as usize] = Inst::Split(split + 1, single);
                let end = self.pc();
                for exit in exits {
                    self.program.insts[exit as usize] = match self.program.insts[exit as usize] {
                        Inst::Split(stay, _) => Inst::Split(stay, end),
                        _ => Inst::Jmp(end),
                    };
                }
            }
            Node::Class(Class::Any) => {
                self.push(Inst::Test(Test::Any));
            }
            Node::Class(class) => {
                self.push(Inst::Test(Test::Class(class.bit())));
            }
            Node::Regex(regex) => {
                let index = self.c.regex(regex);
                self.push(Inst::Test(Test::Regex(index)));
            }
            Node::Entity(kind) => {
                self.push(Inst::Entity(*kind));
            }
            Node::Gap { min, max } => self.repeat(&Node::Class(Class::Any), *min, Some(*max)),
            Node::Not { tests } => {
                let tests = tests.iter().map(|t| self.test(t)).collect();
                let tests = self.c.fold_alternatives(tests);
                self.push(Inst::Test(Test::Not(tests)));
            }
            Node::Seq(items) => {
                for item in items {
                    self.emit(item);
                }
            }
            Node::Alt(alts) => self.alternation(alts.len(), |e, i| e.emit(&alts[i])),
            Node::Repeat { node, min, max } => self.repeat(node, *min, *max),
            Node::Capture { name, node } => {
                let index = self.program.captures.len() as u32;
                self.program.captures.push(CaptureDef {
                    name: name.as_str().into(),
                    role: role_of(name),
                });
                self.push(Inst::Save(2 * index));
                self.emit(node);
                self.push(Inst::Save(2 * index + 1));
            }
        }
    }

    /// Emits `n` alternatives in order of preference.
    fn alternation(&mut self, n: usize, mut emit: impl FnMut(&mut Self, usize)) {
        let mut jumps = Vec::new();
        for i in 0..n {
            if i + 1 < n {
                let split = self.push(Inst::Split(0, 0));
                emit(self, i);
                jumps.push(self.push(Inst::Jmp(0)));
                let next = self.pc();
                self.program.insts[split as usize] = Inst::Split(split + 1, next);
            } else {
                emit(self, i);
            }
        }
        let end = self.pc();
        for jump in jumps {
            self.program.insts[jump as usize] = Inst::Jmp(end);
        }
    }

    fn repeat(&mut self, node: &Node, min: u32, max: Option<u32>) {
        for _ in 0..min {
            self.emit(node);
        }
        match max {
            None => {
                // L: split(body, end); body; jmp L
                let split = self.push(Inst::Split(0, 0));
                self.emit(node);
                self.push(Inst::Jmp(split));
                let end = self.pc();
                self.program.insts[split as usize] = Inst::Split(split + 1, end);
            }
            Some(max) => {
                // Nested optionals: (x (x (x)?)?)?
                let mut splits = Vec::new();
                for _ in min..max {
                    splits.push(self.push(Inst::Split(0, 0)));
                    self.emit(node);
                }
                let end = self.pc();
                for split in splits {
                    self.program.insts[split as usize] = Inst::Split(split + 1, end);
                }
            }
        }
    }
}

/// The multi-word entries of a word list as a trie of word ids, so a
/// list of hundreds of phrases (`@title`) costs one thread per position
/// and one table look-up per token rather than one thread per phrase.
///
/// It matches what the alternation of the phrases, longest first, would:
/// two phrases can both match at one position only when one is a prefix
/// of the other, and then the longer is preferred, as in the trie, where
/// going on is preferred to stopping at a node that ends a phrase.
struct PhraseTrie {
    /// Per node: its children (word id, node), sorted by word id, and
    /// whether a phrase ends there.
    nodes: Vec<(Vec<(u32, usize)>, bool)>,
}

impl PhraseTrie {
    fn new(c: &mut Compiler<'_>, phrases: &[Vec<String>]) -> PhraseTrie {
        let mut trie = PhraseTrie {
            nodes: vec![(Vec::new(), false)],
        };
        for keys in phrases {
            let mut node = 0;
            for key in keys {
                let word = c.word(key);
                node = match trie.nodes[node].0.iter().find(|&&(w, _)| w == word) {
                    Some(&(_, child)) => child,
                    None => {
                        trie.nodes.push((Vec::new(), false));
                        let child = trie.nodes.len() - 1;
                        trie.nodes[node].0.push((word, child));
                        child
                    }
                };
            }
            trie.nodes[node].1 = true;
        }
        for node in &mut trie.nodes {
            node.0.sort_unstable();
        }
        trie
    }
}

impl Emitter<'_, '_> {
    /// Emits the steps from trie `node` (which has children) on: a word
    /// test for one child, a dispatch for several; each child that ends a
    /// phrase exits, after trying to go on when it has children. The exits
    /// (jumps, and splits whose second branch exits) are left in `exits`
    /// for the caller to point at the list's end.
    fn phrase_node(&mut self, trie: &PhraseTrie, node: usize, exits: &mut Vec<u32>) {
        if self.program.insts.len() > MAX_PROGRAM {
            return;
        }
        let children = &trie.nodes[node].0;
        if let [(word, child)] = children[..] {
            self.push(Inst::Test(Test::Word(word)));
            self.phrase_child(trie, child, exits);
            return;
        }
        let table = self.program.tables.len() as u32;
        self.program.tables.push(Vec::new());
        self.push(Inst::Dispatch(table));
        for &(word, child) in children {
            let target = self.pc();
            self.program.tables[table as usize].push((word, target));
            self.phrase_child(trie, child, exits);
        }
    }

    /// Emits what follows reaching trie node `child`.
    fn phrase_child(&mut self, trie: &PhraseTrie, child: usize, exits: &mut Vec<u32>) {
        let (children, ends) = (&trie.nodes[child].0, trie.nodes[child].1);
        match (ends, children.is_empty()) {
            (true, true) => exits.push(self.push(Inst::Jmp(0))),
            (true, false) => {
                let split = self.push(Inst::Split(0, 0));
                self.program.insts[split as usize] = Inst::Split(split + 1, 0);
                exits.push(split);
                self.phrase_node(trie, child, exits);
            }
            (false, _) => self.phrase_node(trie, child, exits),
        }
    }
}

/// The consuming instructions (and `Match`) reachable from pc 0 without
/// consuming input.
fn first_set(insts: &[Inst]) -> Vec<u32> {
    let mut seen = vec![false; insts.len()];
    let mut stack = vec![0u32];
    let mut first = Vec::new();
    while let Some(pc) = stack.pop() {
        if std::mem::replace(&mut seen[pc as usize], true) {
            continue;
        }
        match insts[pc as usize] {
            Inst::Split(a, b) => {
                stack.push(b);
                stack.push(a);
            }
            Inst::Jmp(a) => stack.push(a),
            Inst::Save(_) => stack.push(pc + 1),
            _ => first.push(pc),
        }
    }
    first
}

#[cfg(test)]
mod tests {
    use super::{Inst, Op, Test, needs_a_digit};
    use crate::pattern::{Cache, RuleSet};

    /// A negation of classes, words and a word list is folded into one
    /// class test and one set, and still refuses exactly what it names.
    #[test]
    fn a_negation_of_words_lists_and_classes_is_one_mask_and_one_set() {
        let rules = RuleSet::parse(
            "t.rules",
            "words pronoun = he she they\n\
             rule org/x/1 -> ORG\n  match \"x\" !(Punct | \"a\" | \"the\" | @pronoun | Num) Cap\n  example \"x big Q\"\n",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let program = &rules.compiled.rules[0].program;
        let negation = program
            .insts
            .iter()
            .position(|inst| matches!(inst, Inst::Test(Test::Not(_))))
            .expect("a negation");
        assert!(matches!(program.ops[negation], Op::NotClassNorSet(..)));
        let mut cache = Cache::new();
        let mut found = |text: &str| crate::pattern::find_in(&rules, &mut cache, text).len();
        for kept in ["x big Q", "x an Q", "x thee Q", "x her Q"] {
            assert_eq!(found(kept), 1, "{kept}");
        }
        for refused in ["x , Q", "x a Q", "x the Q", "x she Q", "x they Q", "x 7 Q"] {
            assert_eq!(found(refused), 0, "{refused}");
        }
    }

    /// The entity kinds every match holds: those of a sequence's items,
    /// those every alternative holds, none under an optional repetition.
    #[test]
    fn a_rule_requires_the_entity_kinds_every_match_holds() {
        use super::kind_bit;
        use crate::EntityKind::{Date, Org, Person, Place};
        let patterns = [
            (
                "\"x\" PLACE Cap",
                "x [PLACE Ostland] Trade",
                kind_bit(Place),
            ),
            ("\"x\" (PLACE | ORG)", "x [ORG Acme]", 0),
            (
                "\"x\" (PLACE \"a\" | Cap PLACE)",
                "x Big [PLACE Ostland]",
                kind_bit(Place),
            ),
            ("\"x\" PERSON?", "x", 0),
            ("\"x\" PERSON{0,2}", "x", 0),
            (
                "\"x\" entity:(ORG{1,2}) DATE",
                "x [ORG Acme] [DATE Monday]",
                kind_bit(Org) | kind_bit(Date),
            ),
            (
                "PERSON \"x\" (PERSON | PLACE PERSON)",
                "[PERSON Ana] x [PERSON Bo]",
                kind_bit(Person),
            ),
        ];
        for (pattern, example, expected) in patterns {
            let source =
                format!("rule org/x/1 -> ORG\n  match {pattern}\n  example \"{example}\"\n");
            let rules =
                RuleSet::parse("t.rules", &source).unwrap_or_else(|e| panic!("{pattern}: {e}"));
            assert_eq!(
                rules.compiled.rules[0].required_entities, expected,
                "{pattern}"
            );
        }
    }

    /// A rule needing an entity is not run where no annotation of its kind
    /// starts, and still matches where one does.
    #[test]
    fn a_rule_needing_an_entity_matches_only_around_one() {
        use crate::pattern::Annotation;
        let rules = RuleSet::parse(
            "t.rules",
            "rule org/x/1 -> ORG\n  match entity:(PLACE Cap \"council\")\n  example \"[PLACE Ostland] Trade council\"\n",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let text = "Ostland Trade council met. Then Ostland Trade council left.";
        let tokens = crate::text::tokenize(text);
        let sentences = crate::text::split_sentences(text, &tokens);
        let mut cache = Cache::new();
        let place = |at: usize| Annotation {
            tokens: at..at + 1,
            kind: crate::EntityKind::Place,
        };
        let found = |cache: &mut Cache, annotations: &[Annotation]| {
            rules
                .find_document(cache, text, &tokens, &sentences, annotations)
                .iter()
                .map(|m| m.tokens.clone())
                .collect::<Vec<_>>()
        };
        assert!(found(&mut cache, &[]).is_empty());
        assert_eq!(found(&mut cache, &[place(6)]), vec![6..9]);
        assert_eq!(found(&mut cache, &[place(0), place(6)]), vec![0..3, 6..9]);
    }

    #[test]
    fn a_regex_needs_a_digit_only_when_every_match_opens_with_one() {
        for source in [
            r"^\d{1,2}$",
            r"^\d{1,3}(st|nd|rd|th)$",
            r"\d+",
            r"^[0-9]{4}$",
        ] {
            assert!(needs_a_digit(source), "{source}");
        }
        for source in [
            r"^\d?x",
            r"^\d*",
            r"^\d{0,2}x",
            r"^\d+|^one$",
            r"^\d|(x)",
            r"(?i)^\d",
            r"^\p{Lu}",
            r"^x\d",
            r"^[0-9a-z]",
        ] {
            assert!(!needs_a_digit(source), "{source}");
        }
    }
}
