"""What tracemalloc itself costs per traced block (the constant
SL_TRACEMALLOC_BYTES_PER_BLOCK in engine/sl-experiment-run.h).

Allocates N instances of a slotted class (one block each) and of a plain
class (one or two blocks, by version), with and without tracemalloc, and
prints the resident-memory difference per traced block.  Run it with each
interpreter: `python3 tests/bench-tracemalloc-overhead.py [N]`.
"""
import gc
import sys
import tracemalloc


def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096


class Slotted:
    __slots__ = ("x", "y", "z")

    def __init__(self):
        self.x, self.y, self.z = 1, 2, 3


class Plain:
    def __init__(self):
        self.x, self.y, self.z = 1, 2, 3


def grow(cls, n, trace):
    keep = [None] * n
    gc.collect()
    if trace:
        tracemalloc.start()
    before = rss()
    traced0 = tracemalloc.get_traced_memory()[0] if trace else 0
    for i in range(n):
        keep[i] = cls()
    after = rss()
    traced = tracemalloc.get_traced_memory()[0] - traced0 if trace else 0
    if trace:
        tracemalloc.stop()
    del keep
    gc.collect()
    return after - before, traced


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000000
    print("Python %s, %d instances" % (sys.version.split()[0], n))
    for cls in (Slotted, Plain):
        plain, _ = grow(cls, n, False)
        traced_rss, traced = grow(cls, n, True)
        # Blocks per instance: tracemalloc's own count of traces would need
        # a snapshot; the traced bytes per instance against the object size
        # tell one block from two.
        per = traced / n
        blocks = 1 if per <= sys.getsizeof(cls()) + 16 else 2
        print("%-8s %6.1f B/instance traced, %d block(s): tracemalloc adds %6.1f B/instance, "
              "%5.1f B per traced block" % (cls.__name__, per, blocks, (traced_rss - plain) / n,
                                             (traced_rss - plain) / n / blocks))


if __name__ == "__main__":
    main()
