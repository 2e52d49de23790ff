#!/usr/bin/env python3
"""Structure of the Rust sources, for a newcomer and for before/after comparisons of a clean-up.

Prints: lines per top-level module of every crate in the workspace, the largest files, and the
import circles between source files and between top-level modules (a file `use`s another through `crate::`, `super::` or
`self::` paths; a circle is a strongly connected set of two or more files). Reads files only.

    scripts/structure.py [CRATE_SRC_DIR ...]     (default: src/ and lab/src/ where present)
"""
import os
import re
import sys
from collections import defaultdict

USE_RE = re.compile(r"\b(?:use|pub\s+use|pub\(crate\)\s+use)\s+((?:crate|super|self)(?:::\w+)*(?:::\{[^;]*\})?)", re.S)
PATH_RE = re.compile(r"\b((?:crate|super)(?:::\w+)+)")


def module_of(src, path):
    """`src/a/b.rs` → ['a', 'b']; `src/a/mod.rs` → ['a']; `src/lib.rs` → []."""
    rel = os.path.relpath(path, src)[:-3].split(os.sep)
    if rel[-1] in ("mod", "lib", "main"):
        rel = rel[:-1]
    return rel


def files(src):
    for root, _, names in os.walk(src):
        for n in names:
            if n.endswith(".rs"):
                yield os.path.join(root, n)


def resolve(mods, here, path):
    """Longest known module named by a `crate::`/`super::`/`self::` path, seen from `here`."""
    parts = path.split("::")
    base = list(here)  # `self` is the file's own module, each `super` one step up
    if parts[0] == "crate":
        cur, rest = [], parts[1:]
    elif parts[0] == "self":
        cur, rest = base, parts[1:]
    else:
        cur, rest = base, parts
        while rest and rest[0] == "super":
            cur, rest = cur[:-1], rest[1:]
    best = None
    for i in range(len(rest) + 1):
        cand = tuple(cur + rest[:i])
        if cand in mods:
            best = cand
    return best


def sccs(graph):
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in list(graph):
        if v not in index:
            visit(v)
    return out


def report(src):
    paths = sorted(files(src))
    mods = {tuple(module_of(src, p)): p for p in paths}
    lines = {p: sum(1 for _ in open(p, encoding="utf-8")) for p in paths}
    per_top = defaultdict(int)
    for p, n in lines.items():
        m = module_of(src, p)
        per_top[m[0] if m else "(crate root)"] += n
    print(f"## {src}: {len(paths)} files, {sum(lines.values())} lines")
    for name, n in sorted(per_top.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<16} {n:>6}")
    print("  largest files:")
    for p, n in sorted(lines.items(), key=lambda kv: -kv[1])[:5]:
        print(f"    {n:>5}  {os.path.relpath(p, src)}")

    graph = defaultdict(set)
    for p in paths:
        here = tuple(module_of(src, p))
        # Test-only files (`foo_tests.rs`, `…/tests/…`) may reach anywhere; they are not structure.
        if here and (here[-1].endswith("tests") or "tests" in here[:-1]):
            continue
        text = open(p, encoding="utf-8").read()
        # Test modules import their parent by design; they are not part of the structure.
        text = re.split(r"#\[cfg\(test\)\]", text)[0]
        # Paths named in comments and doc links are not imports.
        text = "\n".join(l.split("//")[0] for l in text.splitlines())
        for m in PATH_RE.finditer(text):
            target = resolve(mods, list(here), m.group(1))
            if target is not None and target != here and target[: len(here)] != here:
                # A file using its own submodule is not a dependency of the parent on itself.
                if here[: len(target)] == target:
                    continue  # a child naming an ancestor module (its `mod.rs`) by path
                graph[here].add(target)
    circles = sccs(graph)
    print(f"  import circles between files: {len(circles)}")
    for c in circles:
        print("    " + " <-> ".join("::".join(m) or "crate" for m in c))
    top = defaultdict(set)
    for a, bs in graph.items():
        for b in bs:
            if a[:1] != b[:1] and a and b:
                top[a[:1]].add(b[:1])
    circles = sccs(top)
    print(f"  import circles between top-level modules: {len(circles)}")
    for c in circles:
        print("    " + " <-> ".join(m[0] for m in c))


def main():
    srcs = sys.argv[1:] or [d for d in ("src", "lab/src") if os.path.isdir(d)]
    for s in srcs:
        report(s)


if __name__ == "__main__":
    main()
