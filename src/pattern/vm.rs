//! The Pike VM: simulates a rule's NFA over one sentence, all start
//! positions at once, in time linear in the sentence length.
//!
//! Threads are deduplicated per (position, instruction); when two threads
//! meet, the one that started further left wins, so the VM never holds more
//! threads than the program has instructions. Entity atoms jump over a whole
//! annotation: such a thread waits in `pending` for the position where the
//! annotation ends, and joins the threads there in start order.

use super::compile::{Element, FixedPattern, Inst, Op, PhraseGap, Program, Shortcut, Single, Test};
use crate::document::EntityKind;
use crate::text::Token;
use std::cell::Cell;

/// The vocabulary id of a token whose key no rule mentions.
pub(crate) const NO_WORD: u32 = u32::MAX;
const NIL: u32 = u32::MAX;

/// One sentence, prepared for matching. Positions are local to the sentence.
pub(crate) struct Input<'a> {
    pub ids: &'a [u32],
    pub masks: &'a [u8],
    /// `anns[ann_offsets[p]..ann_offsets[p + 1]]` are the annotations starting at `p`.
    pub ann_offsets: &'a [u32],
    /// (end position, kind) of each annotation, grouped by start.
    pub anns: &'a [(u32, EntityKind)],
    /// The kinds of the annotations starting at each position, as bits.
    pub ann_kinds: &'a [u8],
    pub sets: &'a [Vec<u64>],
    /// Per word id, the required word sets it is in (see `compile::Needs`).
    pub word_sigs: &'a [super::compile::Sig],
    /// The regexes of `/…/` atoms, the sentence's tokens and the text they
    /// index, and per (position, regex) a memo: 0 unknown, 1 no, 2 yes.
    pub regexes: &'a [regex::Regex],
    pub tokens: &'a [Token],
    pub text: &'a str,
    pub regex_memo: &'a [Cell<u8>],
}

impl Input<'_> {
    fn len(&self) -> usize {
        self.ids.len()
    }

    #[inline(always)]
    pub(super) fn passes(&self, test: &Test, p: usize) -> bool {
        match test {
            Test::Any => true,
            Test::Word(id) => self.ids[p] == *id,
            Test::Set(set) => self.in_set(*set, self.ids[p]),
            Test::Class(bit) => self.masks[p] & bit != 0,
            Test::Regex(index) => self.regex_matches(*index, p),
            Test::Not(tests) => self.passes_none(tests, p),
        }
    }

    /// Whether regex `index` matches the original text of token `p`,
    /// evaluated at most once per token and regex in a sentence.
    #[inline(never)]
    fn regex_matches(&self, index: u32, p: usize) -> bool {
        let memo = &self.regex_memo[p * self.regexes.len() + index as usize];
        match memo.get() {
            0 => {
                let hit = self.regexes[index as usize].is_match(&self.text[self.tokens[p].span]);
                memo.set(1 + u8::from(hit));
                hit
            }
            known => known == 2,
        }
    }

    #[inline(always)]
    fn in_set(&self, set: u32, id: u32) -> bool {
        id != NO_WORD
            && self.sets[set as usize]
                .get(id as usize / 64)
                .is_some_and(|w| w & (1 << (id % 64)) != 0)
    }

    #[inline(never)]
    fn passes_none(&self, tests: &[Test], p: usize) -> bool {
        !tests.iter().any(|t| self.passes(t, p))
    }

    fn annotations_at(&self, p: usize) -> &[(u32, EntityKind)] {
        &self.anns[self.ann_offsets[p] as usize..self.ann_offsets[p + 1] as usize]
    }

    #[inline(always)]
    fn can_start(&self, program: &Program, p: usize) -> bool {
        let f = &program.start;
        let id = self.ids[p];
        f.any
            || self.masks[p] & f.classes != 0
            || self.ann_kinds[p] & f.entities != 0
            || (id != NO_WORD
                && f.word_bits
                    .get(id as usize / 64)
                    .is_some_and(|w| w & (1 << (id % 64)) != 0))
            || (!f.other.is_empty() && f.other.iter().any(|test| self.passes(test, p)))
    }
}

#[derive(Clone, Copy, Debug)]
struct Thread {
    pc: u32,
    start: u32,
    caps: u32,
}

/// A capture boundary in a persistent list shared between threads.
#[derive(Clone, Copy, Debug)]
struct CapNode {
    prev: u32,
    slot: u32,
    pos: u32,
}

/// A match found by the VM, before captures are resolved.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RawMatch {
    pub start: u32,
    pub end: u32,
    caps: u32,
}

/// Reusable VM memory.
#[derive(Debug, Default)]
pub(crate) struct Vm {
    clist: Vec<Thread>,
    seeds: Vec<Thread>,
    next: Vec<Thread>,
    merged: Vec<Thread>,
    pending: Vec<Vec<Thread>>,
    seen: Vec<u32>,
    generation: u32,
    stack: Vec<(u32, u32)>,
    arena: Vec<CapNode>,
    events: Vec<(u32, u32)>,
    open: Vec<Option<u32>>,
    /// The ends a sequence reaches from one start ([`Vm::run_sequence`]).
    sequence_ends: Vec<usize>,
    /// Where the first phrases were ([`Vm::run_phrase_gap`]).
    gap_firsts: Vec<(u32, u32)>,
    /// The matches of the last run, in order of their end.
    pub matches: Vec<RawMatch>,
}

impl Vm {
    /// The bytes of heap memory the VM's buffers hold.
    pub fn memory_usage(&self) -> usize {
        fn bytes<T>(v: &Vec<T>) -> usize {
            v.capacity() * std::mem::size_of::<T>()
        }
        bytes(&self.clist)
            + bytes(&self.seeds)
            + bytes(&self.next)
            + bytes(&self.merged)
            + bytes(&self.pending)
            + self.pending.iter().map(bytes).sum::<usize>()
            + bytes(&self.seen)
            + bytes(&self.stack)
            + bytes(&self.arena)
            + bytes(&self.events)
            + bytes(&self.open)
            + bytes(&self.gap_firsts)
            + bytes(&self.sequence_ends)
            + bytes(&self.matches)
    }

    /// Runs `program` over `input`, leaving in `self.matches` every match
    /// starting in `lo..=last_start` and ending by `hi`: for each end
    /// position at most one, the leftmost-starting.
    pub fn run_window(
        &mut self,
        program: &Program,
        input: &Input<'_>,
        lo: usize,
        last_start: usize,
        hi: usize,
    ) {
        let n = input.len();
        let hi = hi.min(n);
        self.arena.clear();
        self.matches.clear();
        self.seeds.clear();
        if self.pending.len() < n + 1 {
            self.pending.resize_with(n + 1, Vec::new);
        }
        if self.seen.len() < program.insts.len() {
            self.seen.resize(program.insts.len(), 0);
        }
        let mut pending = 0usize;
        let mut p = lo;
        // A position already known to start a match (found by skipping ahead).
        let mut startable = usize::MAX;
        if p >= hi {
            return;
        }
        loop {
            self.next_generation();
            self.clist.clear();
            if pending > 0 && !self.pending[p].is_empty() {
                pending -= self.land(p);
            }
            for i in 0..self.seeds.len() {
                let seed = self.seeds[i];
                self.add(program, seed, p);
            }
            if p <= last_start && p < hi && (p == startable || input.can_start(program, p)) {
                self.add(
                    program,
                    Thread {
                        pc: 0,
                        start: p as u32,
                        caps: NIL,
                    },
                    p,
                );
            }
            pending += self.step(program, input, p, hi);
            std::mem::swap(&mut self.seeds, &mut self.next);
            if p == hi {
                break;
            }
            p += 1;
            if self.seeds.is_empty() && pending == 0 {
                // Nothing alive: jump to the next position where a match can start.
                match (p..hi.min(last_start + 1)).find(|&q| input.can_start(program, q)) {
                    Some(q) => {
                        p = q;
                        startable = q;
                    }
                    None => break,
                }
            }
        }
        // A stale pending list can remain only if the loop broke early, which needs pending == 0.
        debug_assert_eq!(pending, 0);
    }

    /// Leaves in `self.matches` what [`Vm::run_window`] would for the
    /// program that `fixed` matches, captures included.
    pub fn run_fixed(
        &mut self,
        fixed: &FixedPattern,
        input: &Input<'_>,
        lo: usize,
        last_start: usize,
        hi: usize,
    ) {
        self.arena.clear();
        self.matches.clear();
        let len = fixed.tokens.len();
        let Some(last_fit) = hi.min(input.len()).checked_sub(len) else {
            return;
        };
        for start in lo..=last_start.min(last_fit) {
            let passes = |(i, tests): (usize, &Vec<Test>)| {
                tests.iter().any(|test| input.passes(test, start + i))
            };
            if !fixed.tokens.iter().enumerate().all(passes) {
                continue;
            }
            // The nodes the VM's `Save` steps would have left.
            let mut caps = NIL;
            for (index, &(first, end)) in fixed.captures.iter().enumerate() {
                for (slot, at) in [(2 * index, first), (2 * index + 1, end)] {
                    self.arena.push(CapNode {
                        prev: caps,
                        slot: slot as u32,
                        pos: start as u32 + at,
                    });
                    caps = self.arena.len() as u32 - 1;
                }
            }
            self.matches.push(RawMatch {
                start: start as u32,
                end: (start + len) as u32,
                caps,
            });
        }
    }

    /// Leaves in `self.matches` what [`Vm::run_window`] would for the
    /// anti-pattern that `shortcut` matches, with the same bounds.
    pub fn run_shortcut(
        &mut self,
        shortcut: &Shortcut,
        input: &Input<'_>,
        lo: usize,
        last_start: usize,
        hi: usize,
    ) {
        self.matches.clear();
        let hi = hi.min(input.len());
        match shortcut {
            Shortcut::Gap(gap) => self.run_phrase_gap(gap, input, lo, last_start, hi),
            Shortcut::Sequence(elements) => self.run_sequence(elements, input, lo, last_start, hi),
        }
        // One match per end, the leftmost-starting, in order of end.
        self.matches.sort_unstable_by_key(|m| (m.end, m.start));
        self.matches.dedup_by_key(|m| m.end);
    }

    /// [`Vm::run_shortcut`] for [`Shortcut::Sequence`]: from every start
    /// (`hi` within the input), every end the elements reach.
    fn run_sequence(
        &mut self,
        elements: &[Element],
        input: &Input<'_>,
        lo: usize,
        last_start: usize,
        hi: usize,
    ) {
        let ends = &mut self.sequence_ends;
        for start in lo..=last_start.min(hi.saturating_sub(1)) {
            ends.clear();
            sequence_ends(elements, input, start, hi, ends);
            for &end in ends.iter() {
                if end > start {
                    self.matches.push(RawMatch {
                        start: start as u32,
                        end: end as u32,
                        caps: NIL,
                    });
                }
            }
        }
    }

    /// [`Vm::run_shortcut`] for [`Shortcut::Gap`] (`hi` within the input):
    /// a phrase of `gap.last` with the leftmost phrase of `gap.first`
    /// ending at most `gap.gap` tokens before it starts. One pass over the
    /// window, remembering where the first phrases were.
    fn run_phrase_gap(
        &mut self,
        gap: &PhraseGap,
        input: &Input<'_>,
        lo: usize,
        last_start: usize,
        hi: usize,
    ) {
        let ids = &input.ids[..hi];
        let reach = gap.gap as usize;
        // (start, end) of each first phrase, in order of start.
        let firsts = &mut self.gap_firsts;
        firsts.clear();
        for p in lo..hi {
            if ids[p] == NO_WORD {
                continue;
            }
            for len in gap.last.lengths_at(ids, p) {
                // The leftmost first phrase that ends by `p` and at most
                // `reach` tokens before it.
                let start = firsts
                    .iter()
                    .find(|&&(_, end)| end as usize <= p && end as usize + reach >= p)
                    .map(|&(start, _)| start);
                if let Some(start) = start {
                    self.matches.push(RawMatch {
                        start,
                        end: (p + len) as u32,
                        caps: NIL,
                    });
                }
            }
            if p <= last_start {
                for len in gap.first.lengths_at(ids, p) {
                    firsts.push((p as u32, (p + len) as u32));
                }
            }
        }
    }

    /// Joins the threads that jumped over an entity to `p` with the seeds,
    /// in order of their start (seeds first among equals); returns how many
    /// landed.
    fn land(&mut self, p: usize) -> usize {
        let mut arrived = std::mem::take(&mut self.pending[p]);
        let landed = arrived.len();
        arrived.sort_by_key(|t| t.start);
        self.merged.clear();
        merge_by_start(&self.seeds, &arrived, &mut self.merged);
        arrived.clear();
        self.pending[p] = arrived;
        std::mem::swap(&mut self.seeds, &mut self.merged);
        landed
    }

    /// Moves every thread of `clist` over the token at `p` into `next`
    /// (or, over a longer entity, into `pending`), recording the threads at
    /// `Match`; returns how many went to `pending`.
    #[inline(always)]
    fn step(&mut self, program: &Program, input: &Input<'_>, p: usize, hi: usize) -> usize {
        let mut pending = 0;
        self.next.clear();
        // Every thread tests the same token: read it once.
        let (id, mask) = if p < hi {
            (input.ids[p], input.masks[p])
        } else {
            (NO_WORD, 0)
        };
        for i in 0..self.clist.len() {
            let thread = self.clist[i];
            let pc = thread.pc as usize;
            let pass = match program.ops[pc] {
                Op::Match => {
                    if (thread.start as usize) < p {
                        self.matches.push(RawMatch {
                            start: thread.start,
                            end: p as u32,
                            caps: thread.caps,
                        });
                    }
                    continue;
                }
                Op::Entity(kind) => {
                    if p < hi {
                        pending += self.jump(thread, kind, input, p, hi);
                    }
                    continue;
                }
                _ if p >= hi => false,
                Op::Any => true,
                Op::Word(w) => id == w,
                Op::Class(bits) => mask & bits != 0,
                Op::NotClass(bits) => mask & bits == 0,
                Op::Set(set) => input.in_set(set, id),
                Op::NotWord(w) => id != w,
                Op::NotSet(set) => !input.in_set(set, id),
                Op::NotClassNorSet(bits, set) => mask & bits == 0 && !input.in_set(set, id),
                Op::Regex(index) => input.regex_matches(index, p),
                Op::Dispatch(table) => {
                    let table = &program.tables[table as usize];
                    if let Ok(at) = table.binary_search_by_key(&id, |&(word, _)| word) {
                        self.next.push(Thread {
                            pc: table[at].1,
                            ..thread
                        });
                    }
                    continue;
                }
                Op::Other => match &program.insts[pc] {
                    Inst::Test(test) => input.passes(test, p),
                    _ => false,
                },
                Op::Epsilon => unreachable!("closure leaves only consuming instructions"),
            };
            if pass {
                self.next.push(Thread {
                    pc: thread.pc + 1,
                    ..thread
                });
            }
        }
        pending
    }

    /// Moves `thread` over each annotation of `kind` starting at `p` and
    /// ending by `hi`: into `next` over one token, else into `pending` at
    /// the annotation's end. Returns how many went to `pending`.
    fn jump(
        &mut self,
        thread: Thread,
        kind: EntityKind,
        input: &Input<'_>,
        p: usize,
        hi: usize,
    ) -> usize {
        let mut pending = 0;
        for &(end, k) in input.annotations_at(p) {
            if k != kind || end as usize > hi {
                continue;
            }
            let moved = Thread {
                pc: thread.pc + 1,
                ..thread
            };
            if end as usize == p + 1 {
                self.next.push(moved);
            } else {
                self.pending[end as usize].push(moved);
                pending += 1;
            }
        }
        pending
    }

    fn next_generation(&mut self) {
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            self.seen.iter_mut().for_each(|s| *s = 0);
            self.generation = 1;
        }
    }

    /// Adds a thread and everything reachable from it without consuming input.
    #[inline(always)]
    fn add(&mut self, program: &Program, thread: Thread, p: usize) {
        let Some(closures) = program.closures.as_ref() else {
            return self.add_walking(program, thread, p);
        };
        let pc = thread.pc as usize;
        let single = closures.single[pc];
        if single != NIL {
            let mark = &mut self.seen[single as usize];
            if *mark != self.generation {
                *mark = self.generation;
                self.clist.push(Thread {
                    pc: single,
                    ..thread
                });
            }
            return;
        }
        let entries =
            &closures.entries[closures.offsets[pc] as usize..closures.offsets[pc + 1] as usize];
        // Local borrows let the compiler keep these in registers across pushes.
        let (seen, arena, clist, generation) = (
            &mut self.seen,
            &mut self.arena,
            &mut self.clist,
            self.generation,
        );
        for &(target, saves, count) in entries {
            let mark = &mut seen[target as usize];
            if *mark == generation {
                continue;
            }
            *mark = generation;
            let mut caps = thread.caps;
            if count > 0 {
                for &slot in &closures.saves[saves as usize..(saves + count) as usize] {
                    arena.push(CapNode {
                        prev: caps,
                        slot,
                        pos: p as u32,
                    });
                    caps = arena.len() as u32 - 1;
                }
            }
            clist.push(Thread {
                pc: target,
                start: thread.start,
                caps,
            });
        }
    }

    /// [`Vm::add`] for programs whose closures were too big to precompute.
    #[inline(never)]
    fn add_walking(&mut self, program: &Program, thread: Thread, p: usize) {
        self.stack.push((thread.pc, thread.caps));
        while let Some((pc, caps)) = self.stack.pop() {
            let seen = &mut self.seen[pc as usize];
            if *seen == self.generation {
                continue;
            }
            *seen = self.generation;
            match program.insts[pc as usize] {
                Inst::Jmp(a) => self.stack.push((a, caps)),
                Inst::Split(a, b) => {
                    self.stack.push((b, caps));
                    self.stack.push((a, caps));
                }
                Inst::Save(slot) => {
                    self.arena.push(CapNode {
                        prev: caps,
                        slot,
                        pos: p as u32,
                    });
                    self.stack.push((pc + 1, self.arena.len() as u32 - 1));
                }
                _ => self.clist.push(Thread {
                    pc,
                    start: thread.start,
                    caps,
                }),
            }
        }
    }

    /// The captures of a match as (capture index, start, end), in order of
    /// their start; repeated captures appear once per repetition.
    pub fn captures(&mut self, m: &RawMatch, count: usize, out: &mut Vec<(usize, u32, u32)>) {
        out.clear();
        self.events.clear();
        let mut node = m.caps;
        while node != NIL {
            let n = self.arena[node as usize];
            self.events.push((n.slot, n.pos));
            node = n.prev;
        }
        let open = &mut self.open;
        open.clear();
        open.resize(count, None);
        for &(slot, pos) in self.events.iter().rev() {
            let index = slot as usize / 2;
            if slot % 2 == 0 {
                open[index] = Some(pos);
            } else if let Some(start) = open[index].take()
                && start < pos
            {
                out.push((index, start, pos));
            }
        }
        out.sort_by_key(|&(index, start, _)| (start, index));
    }
}

/// Pushes to `ends` every position that `elements` in a row can end at
/// when they start at `at`, matching tokens before `hi`.
fn sequence_ends(
    elements: &[Element],
    input: &Input<'_>,
    at: usize,
    hi: usize,
    ends: &mut Vec<usize>,
) {
    let Some((element, rest)) = elements.split_first() else {
        ends.push(at);
        return;
    };
    if element.optional {
        sequence_ends(rest, input, at, hi, ends);
    }
    if at >= hi {
        return;
    }
    match &element.matches {
        Single::Token(tests) => {
            if tests.iter().any(|t| input.passes(t, at)) {
                sequence_ends(rest, input, at + 1, hi, ends);
            }
        }
        Single::Phrases(phrases) => {
            for len in phrases.lengths_at(&input.ids[..hi], at) {
                sequence_ends(rest, input, at + len, hi, ends);
            }
        }
    }
}

fn merge_by_start(a: &[Thread], b: &[Thread], out: &mut Vec<Thread>) {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if b[j].start < a[i].start {
            out.push(b[j]);
            j += 1;
        } else {
            out.push(a[i]);
            i += 1;
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
}
