#!/usr/bin/env python3
"""Where the release wasm's bytes are: function bodies by name, grouped by crate and module.

twiggy cannot read this wasm (bulk memory), so this reads the code, data and name sections
itself. It needs a build whose name section survived wasm-opt; make one beside the shipped
build (the shipped build's settings are not touched):

    export PATH=$PWD/.tools/node_modules/.bin:$PATH
    trunk build --release                       # or cargo build --release --target wasm32-unknown-unknown
    mkdir -p /tmp/sz && wasm-bindgen --target web --no-typescript --keep-debug \
        --out-dir /tmp/sz/bg --out-name amends target/wasm32-unknown-unknown/release/amends.wasm
    wasm-opt -Oz -g --output /tmp/sz/optg.wasm /tmp/sz/bg/amends_bg.wasm
    python3 xtask/wasm-sizes.py /tmp/sz/optg.wasm [--top 60] [--group 3] [--grep REGEX]

Sizes are raw bytes of each function body (before compression); brotli shrinks code to
about a third, so rank by these, measure cuts with `cargo xtask size`.
"""

import argparse
import re
import sys
from collections import defaultdict


def leb(b, i):
    result = shift = 0
    while True:
        x = b[i]
        i += 1
        result |= (x & 0x7F) << shift
        shift += 7
        if not x & 0x80:
            return result, i


def sections(b):
    assert b[:4] == b"\0asm", "not a wasm file"
    i = 8
    while i < len(b):
        sid = b[i]
        size, j = leb(b, i + 1)
        yield sid, b[j : j + size], size + (j - i)
        i = j + size


def parse(path):
    b = open(path, "rb").read()
    n_imported_funcs = 0
    bodies = []
    names = {}
    section_sizes = defaultdict(int)
    data_segments = []
    for sid, body, total in sections(b):
        if sid == 0:
            nlen, k = leb(body, 0)
            cname = body[k : k + nlen].decode()
            section_sizes["custom:" + cname] += total
            if cname == "name":
                k += nlen
                while k < len(body):
                    sub = body[k]
                    ssize, k2 = leb(body, k + 1)
                    if sub == 1:
                        count, p = leb(body, k2)
                        for _ in range(count):
                            idx, p = leb(body, p)
                            ln, p = leb(body, p)
                            names[idx] = body[p : p + ln].decode("utf-8", "replace")
                            p += ln
                    k = k2 + ssize
            continue
        section_sizes[sid] += total
        if sid == 2:  # imports
            count, p = leb(body, 0)
            for _ in range(count):
                for _ in range(2):
                    ln, p = leb(body, p)
                    p += ln
                kind = body[p]
                p += 1
                if kind == 0:
                    _, p = leb(body, p)
                    n_imported_funcs += 1
                elif kind == 1:
                    p += 1
                    flags, p = leb(body, p)
                    _, p = leb(body, p)
                    if flags & 1:
                        _, p = leb(body, p)
                elif kind == 2:
                    flags, p = leb(body, p)
                    _, p = leb(body, p)
                    if flags & 1:
                        _, p = leb(body, p)
                elif kind == 3:
                    p += 2
                else:
                    raise ValueError("import kind %d" % kind)
        elif sid == 10:  # code
            count, p = leb(body, 0)
            for _ in range(count):
                size, q = leb(body, p)
                bodies.append(size + (q - p))
                p = q + size
        elif sid == 11:  # data
            count, p = leb(body, 0)
            for _ in range(count):
                flags, p = leb(body, p)
                if flags == 0:
                    while body[p] != 0x0B:
                        p += 1
                    p += 1
                elif flags == 2:
                    _, p = leb(body, p)
                    while body[p] != 0x0B:
                        p += 1
                    p += 1
                size, p = leb(body, p)
                data_segments.append(size)
                p += size
    funcs = []
    for k, size in enumerate(bodies):
        idx = n_imported_funcs + k
        funcs.append((size, names.get(idx, "func[%d]" % idx)))
    return len(b), section_sizes, funcs, data_segments


HASH = re.compile(r"::h[0-9a-f]{16}$")


def clean(name):
    return HASH.sub("", name)


def group_key(name, depth):
    """The crate and first modules of a function's path: `amends::pages::manager`.

    Generic instantiations `<T as Trait>::f` are charged to the implementing type's path;
    closures and `{{closure}}` keep their owner's path."""
    n = clean(name)
    m = re.match(r"^<(.+?) as ", n)
    if m:
        n = m.group(1)
    n = n.lstrip("<&*").replace("mut ", "").replace("dyn ", "")
    n = re.sub(r"<.*", "", n)
    parts = [p for p in n.split("::") if p]
    return "::".join(parts[:depth]) if parts else n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("wasm")
    ap.add_argument("--top", type=int, default=50)
    ap.add_argument("--group", type=int, default=2, help="path depth for grouping")
    ap.add_argument("--grep", help="only functions whose name matches this regex")
    a = ap.parse_args()
    total, secs, funcs, data = parse(a.wasm)
    if a.grep:
        rx = re.compile(a.grep)
        funcs = [f for f in funcs if rx.search(f[1])]
    code = sum(s for s, _ in funcs)
    print("file %d B; sections:" % total)
    labels = {1: "type", 2: "import", 3: "function", 4: "table", 5: "memory", 6: "global",
              7: "export", 8: "start", 9: "elem", 10: "code", 11: "data", 12: "datacount"}
    for k, v in sorted(secs.items(), key=lambda kv: -kv[1]):
        print("  %-20s %9d" % (labels.get(k, k), v))
    print("data segments: %d, largest %s" % (len(data), sorted(data)[-5:]))
    print("\n%d functions, %d B of bodies%s" % (len(funcs), code, " (filtered)" if a.grep else ""))
    groups = defaultdict(lambda: [0, 0])
    for s, n in funcs:
        g = groups[group_key(n, a.group)]
        g[0] += s
        g[1] += 1
    print("\nby path (depth %d):" % a.group)
    for k, (s, c) in sorted(groups.items(), key=lambda kv: -kv[1][0])[: a.top]:
        print("  %8d B %5d fns %5.1f%%  %s" % (s, c, 100.0 * s / max(code, 1), k))
    print("\nlargest functions:")
    for s, n in sorted(funcs, reverse=True)[: a.top]:
        print("  %7d  %s" % (s, clean(n)[:200]))


if __name__ == "__main__":
    sys.exit(main())
