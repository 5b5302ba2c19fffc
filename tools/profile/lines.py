#!/usr/bin/env python3
"""Self cost of herald's source lines (or functions) in a callgrind profile,
with the code the compiler inlined into them counted where it was inlined.

callgrind_annotate charges an inlined std helper (a slice index, a Vec push,
a hash probe) to the helper's own file, so the cost of one line of ours is
scattered over `library/core/...` entries. This script reads a profile made
with `--dump-instr=yes`, asks `addr2line -i` for each instruction's inline
chain, and charges the instruction to the innermost frame in `src/`.

    tools/profile/run.sh articles.jsonl            # writes target/profile/
    tools/profile/lines.py target/profile/callgrind.out target/profile/herald [N]

Options by environment:
    GROUP=fn          one row per function of ours instead of per line
    CALLERS_OF=file:line (or file)
                      charge the instructions inlined from that line (or
                      file) to the line outside it that called it (who
                      pays for `Tokens::key`?)
    WITHIN=name       only instructions inlined into a function whose name
                      holds `name`
    EVENT=D1mr        count that event instead of instructions (a profile
                      made with `--cache-sim=yes`: D1mr, DLmr, I1mr, ...)

Instructions in no function of ours (a std function not inlined, the
allocator) are charged to that function, marked `other`.
"""
import collections
import os
import re
import signal
import subprocess
import sys


def positions(path, binary):
    """Self cost per instruction address of `binary` in the profile."""
    cost = collections.Counter()
    names = {}
    in_binary = False
    addr = line = 0
    skip_next = False
    event = os.environ.get('EVENT')
    column = 2

    def pos(token, current):
        if token == '*':
            return current
        if token.startswith('0x'):
            return int(token, 16)
        if token[0] in '+-':
            return current + int(token)
        return int(token)

    with open(path) as profile:
        for text in profile:
            first = text[:1]
            if first.isdigit() or first in '+-*':
                parts = text.split()
                if len(parts) < 3:
                    continue
                addr = pos(parts[0], addr)
                line = pos(parts[1], line)
                if skip_next:
                    # the inclusive cost of a call, not the caller's own
                    skip_next = False
                elif in_binary and len(parts) > column:
                    # trailing zero counts are left out of a line
                    cost[addr] += int(parts[column])
                continue
            if text.startswith('events:'):
                names_of_events = text.split()[1:]
                if event:
                    if event not in names_of_events:
                        sys.exit(f'no event {event} in the profile: {names_of_events}')
                    column = 2 + names_of_events.index(event)
                continue
            if text.startswith('calls='):
                skip_next = True
                continue
            named = re.match(r'(c?ob)=\((\d+)\)(?: (.*))?', text)
            if named:
                if named.group(3):
                    names[named.group(2)] = named.group(3).strip()
                if named.group(1) == 'ob':
                    in_binary = os.path.realpath(names.get(named.group(2), '')) == binary
    return cost


ROOT = os.path.realpath(os.path.join(os.path.dirname(__file__), '..', '..')) + '/'


def ours(location):
    """True for a known line of the crate's own `src/`."""
    path = location.split(' ')[0]
    path = path[len(ROOT):] if path.startswith(ROOT) else path
    return path.startswith('src/') and not path.endswith((':?', ':0'))


def short(location):
    path = location.split(' ')[0]
    return path[len(ROOT):] if path.startswith(ROOT) else path


def attribute(cost, binary):
    """Where each address is charged: (location, function)."""
    addresses = sorted(cost)
    output = subprocess.run(
        ['addr2line', '-i', '-f', '-C', '-a', '-e', binary],
        input='\n'.join(hex(a) for a in addresses),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    blocks = re.split(r'^(0x[0-9a-f]+)$', output, flags=re.M)
    callers_of = os.environ.get('CALLERS_OF')
    within = os.environ.get('WITHIN')
    where = {}
    for i in range(1, len(blocks), 2):
        address = int(blocks[i], 16)
        lines = blocks[i + 1].strip().split('\n')
        # innermost first: (function, file:line) per inlined frame
        frames = [(lines[j], lines[j + 1]) for j in range(0, len(lines) - 1, 2)]
        if within and not any(within in function for function, _ in frames):
            continue
        mine = [(f, short(l)) for f, l in frames if ours(l)]
        if not mine:
            if not callers_of:
                where[address] = ('other', frames[-1][0] if frames else '?')
        elif callers_of:
            hit = [k for k, (_, l) in enumerate(mine) if callers_of in l]
            if hit:
                # out past every frame that matches: with a file's name,
                # to the first line outside that file
                out = hit[0]
                while out < len(mine) and callers_of in mine[out][1]:
                    out += 1
                if out < len(mine):
                    function, location = mine[out]
                    where[address] = ('via ' + location, function)
        else:
            function, location = mine[0]
            where[address] = (location, function)
    return where


def main():
    # quiet when piped into `head`
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    path, binary = sys.argv[1], os.path.realpath(sys.argv[2])
    rows = int(sys.argv[3]) if len(sys.argv) > 3 else 40
    cost = positions(path, binary)
    if not cost:
        sys.exit(f'{path}: no instructions of {binary} (was it profiled with this binary?)')
    where = attribute(cost, binary)
    total = collections.Counter()
    for address, count in cost.items():
        if address not in where:
            continue
        location, function = where[address]
        key = function if os.environ.get('GROUP') == 'fn' or location == 'other' else location
        total[(key, function)] += count
    print(f'{sum(cost.values()):>13,} instructions of the binary in the profile')
    for (key, function), count in total.most_common(rows):
        label = key if key == function else f'{key}  [{function[:70]}]'
        print(f'{count:>13,} {label}')


if __name__ == '__main__':
    main()
