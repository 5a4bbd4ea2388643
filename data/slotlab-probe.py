"""slotlab-probe: Slot Lab's interpreter-side measurement script.

Runs on CPython 3.8 or newer (free-threaded builds included) with the
standard library only, as `python3 -I data/slotlab-probe.py` or as
`python3 -I -S -c "<this source>"`.  It reads ONE JSON document on stdin
and writes JSON lines on stdout, flushed one by one.

  {"mode": "hello"}
      -> {"hello": "slotlab-probe", "protocol": 1, "python": "X.Y.Z",
          "implementation": "cpython", "free_threaded": bool,
          "executable": "..."}

  {"mode": "figures", "n": 20000,
   "cases": [{"id": "...", "classes": [...], "instance": "Name"}, ...]}
      -> one line per case: id, python, gil, free_threaded, basicsize,
         itemsize, dictoffset, weakrefoffset, gc, has_dict, getsizeof,
         getsizeof_dict, getsizeof_after_touch, traced_per_instance,
         traced_fixed, traced_per_instance_touched, pymalloc_per_instance,
         arena_bytes_per_instance (keys that do not apply are left out), or
         id, python, gil, free_threaded, error ("Type: message") where
         CPython refuses the class or its __init__ raises.  Not rounded.

  {"mode": "sweep", "classes": [...], "instance": "Name",
   "counts": [1000, 2000, ...], "touch": false, "strategy": "slots",
   "metric": "traced"|"pymalloc"|"getsizeof"|"resident",
   "timeout_per_point": 600}
      -> the hello line; then per count {"strategy", "count", "traced"
         (traced metric only), "pymalloc" (null for the traced metric or
         without pymalloc), "resident" (resident metric only: pymalloc arena
         bytes, null without pymalloc), "getsizeof", "seconds"}; then
         {"done": true, "peak_traced": bytes or null}.  Byte figures count
         from a baseline taken after the list for all instances exists.

`classes` is the session file's schema: [{"name", "bases": [...],
"slots": null | [...], "init": [...]}], in definition order; an init item
is a name (the attribute holds a small int) or {"name", "value": KIND},
KIND as in PRODUCT.md ("int", "float", "str:12", "list:3", ...), made new
for each instance as value_source() says.
Exit status: 0 done; 1 CPython refused the class (sweep, `{"error": ...}`);
2 bad input (`{"fatal": "<where>: <what>"}`); 3 out of memory or a point
took longer than timeout_per_point (`{"error": ...}`).
"""
import gc
import itertools
import json
import keyword
import os
import re
import sys
import tempfile
import time
import tracemalloc
import unicodedata

try:
    import sysconfig
    FREE_THREADED = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
except Exception:
    FREE_THREADED = False
PYTHON = "%d.%d.%d" % tuple(sys.version_info[:3])
MAX_NAME = 128
MAX_COUNT = 10 ** 12
METRICS = ("traced", "pymalloc", "getsizeof", "resident")


MAX_VALUE_CHARS = 1 << 20
MAX_VALUE_ITEMS = 10000
VALUE_KIND = re.compile(r"(small-int|none|bool|shared|int|float)|(str|bytes|tuple|list):(0|[1-9][0-9]{0,7})\Z")


class Fatal(Exception):
    pass


def emit(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def short(value):
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def check_keys(obj, where, required, optional=()):
    if not isinstance(obj, dict):
        raise Fatal("%s: expected an object, got %s" % (where, short(obj)))
    for key in required:
        if key not in obj:
            raise Fatal("%s: missing key %s" % (where, short(key)))
    for key in obj:
        if key not in required and key not in optional:
            raise Fatal("%s: unexpected key %s" % (where, short(key)))


def check_name(name, where):
    """A name that goes into generated source: a plain, NFKC-stable identifier."""
    if not isinstance(name, str):
        raise Fatal("%s: %s is not a string" % (where, short(name)))
    if len(name) > MAX_NAME:
        raise Fatal("%s: %s is longer than %d characters" % (where, short(name), MAX_NAME))
    if not name.isidentifier():
        raise Fatal("%s: %s is not an identifier" % (where, short(name)))
    if keyword.iskeyword(name) or name == "__debug__":   # source cannot assign either
        raise Fatal("%s: %s is a keyword" % (where, short(name)))
    if unicodedata.normalize("NFKC", name) != name:
        raise Fatal("%s: %s is not in NFKC form" % (where, short(name)))
    return name


def check_value(kind, where):
    """An init item's value kind (see PRODUCT.md); returns it."""
    m = VALUE_KIND.match(kind) if isinstance(kind, str) else None
    if m is None or (m.group(2) and int(m.group(3)) > (
            MAX_VALUE_CHARS if m.group(2) in ("str", "bytes") else MAX_VALUE_ITEMS)):
        raise Fatal("%s: %s is not a value kind" % (where, short(kind)))
    return kind


def check_init_item(item, where):
    """An init item: a name, or {"name", "value"}; returns (name, kind)."""
    if isinstance(item, dict):
        check_keys(item, where, ("name",), ("value",))
        return (check_name(item["name"], where + ".name"),
                check_value(item.get("value", "small-int"), where + ".value"))
    return check_name(item, where), "small-int"


def value_source(kind, i, counter, item):
    """The expression __init__ stores: a new object per instance where the
    kind says so (PRODUCT.md).  `counter` names a parameter bound to a
    count's __next__ (a new int above 256 per call), `item` one bound to
    the small int 0 (not a constant, so a display is built at run time).
    CPython caches '' and every one-character str, b'' and every one-byte
    bytes, and (): those are shared whatever the code does."""
    kind, _, length = kind.partition(":")
    length = int(length or 0)
    if kind == "small-int":
        return "%d" % (i % 200)
    if kind == "none":
        return "None"
    if kind == "bool":
        return "True"
    if kind == "shared":
        return "'shared'"
    if kind == "int":
        return "%s()" % counter
    if kind == "float":
        return "(%s() + 0.5)" % counter
    if kind == "str":
        if length <= 1:
            return "'x'" if length else "''"
        # Fewer digits than L, so zfill() pads into a new string of exactly
        # L characters (PyUnicode_New: no over-allocation to shrink later,
        # which pymalloc would leave in its larger block).
        return "('%%d' %% (%s() %% %d)).zfill(%d)" % (counter, 10 ** min(length - 1, 9), length)
    if kind == "bytes":
        if length <= 1:
            return "b'x'" if length else "b''"
        number = "%s()" % counter if length >= 4 else "(%s() %% %d)" % (counter, 256 ** length)
        return "%s.to_bytes(%d, 'little')" % (number, length)
    if kind == "tuple":
        return "(%s)" % "".join("%s, " % item for _ in range(length))
    return "[%s]" % ", ".join(item for _ in range(length))


# Freelists keep freed tuples (2,000 of each length below 20; 3.11 also
# keeps length 20 and never reuses it), lists, floats and (3.14+) ints: an
# object popped from one was allocated before tracemalloc started and is
# already a pymalloc block, so a measurement that reuses it sees nothing,
# and a value replaced by a later store fills one before it is freed.
# Where the chain's values use such kinds, the probe first holds enough
# instances to take the lists to their steady state (a long-running
# program's), then measures.
WARM_INSTANCES = 2500
WARM = set()


def warm_up(cls):
    return [cls() for _ in range(WARM_INSTANCES)] if cls in WARM else None


def check_chain(classes, instance, where):
    """Validate a class chain; returns it as [(name, bases, slots, init)]."""
    if not isinstance(classes, list) or not classes:
        raise Fatal("%sclasses: expected a non-empty list" % where)
    chain, seen = [], {}
    for i, c in enumerate(classes):
        at = "%sclasses[%d]" % (where, i)
        check_keys(c, at, ("name",), ("bases", "slots", "init"))
        name = check_name(c["name"], at + ".name")
        if name in seen:
            raise Fatal("%s.name: %s is already defined by %sclasses[%d]"
                        % (at, short(name), where, seen[name]))
        bases, slots, init = c.get("bases", []), c.get("slots"), c.get("init", [])
        for key, value in (("bases", bases), ("init", init)):
            if not isinstance(value, list):
                raise Fatal("%s.%s: expected a list" % (at, key))
        for j, b in enumerate(bases):
            check_name(b, "%s.bases[%d]" % (at, j))
            if b not in seen:
                raise Fatal("%s.bases[%d]: %s does not name an earlier class" % (at, j, short(b)))
        init = [check_init_item(n, "%s.init[%d]" % (at, j)) for j, n in enumerate(init)]
        if slots is not None and not isinstance(slots, list):
            raise Fatal("%s.slots: expected null or a list" % at)
        seen[name] = i
        chain.append((name, bases, slots, init))
    if not isinstance(instance, str) or instance not in seen:
        raise Fatal("%sinstance: %s does not name a class" % (where, short(instance)))
    return chain


def build(chain, instance):
    """Create the classes with type(); may raise what CPython raises."""
    # __init__ is compiled from generated source so that it does real
    # STORE_ATTR stores, exactly as a class written in a .py file does (key
    # sharing and inline values depend on it; setattr() would not be the
    # same code path).  This is safe: the source is made only of identifiers
    # that check_name() accepted (no keyword, NFKC-stable, so the parser
    # reads exactly what was checked) and of literals value_source() writes
    # from a kind check_value() matched; slot items never reach the source,
    # they go to type() as data.
    ns = {"__builtins__": {}}
    counter = itertools.count(1 << 20).__next__    # distinct ints, below 2**30
    for name, bases, slots, init in chain:
        this = "self"
        while this in bases:            # a base may be called "self"
            this += "_"
        helpers = ["_count", "_item"]   # parameters with defaults, not globals
        for h in range(len(helpers)):
            while helpers[h] in bases or helpers[h] == this:
                helpers[h] += "_"
        src = ["def __init__(%s, %s=None, %s=0):" % (this, helpers[0], helpers[1])]
        src += ["    %s.__init__(%s)" % (b, this) for b in bases]
        src += ["    %s.%s = %s" % (this, n, value_source(kind, i, helpers[0], helpers[1]))
                for i, (n, kind) in enumerate(init)]
        if len(src) == 1:
            src.append("    pass")
        local = {}
        exec("\n".join(src) + "\n", ns, local)
        local["__init__"].__defaults__ = (counter, 0)
        body = {"__init__": local["__init__"]}
        if slots is not None:
            body["__slots__"] = tuple(slots)
        ns[name] = type(name, tuple(ns[b] for b in bases) or (object,), body)
    if any(kind in ("int", "float") or kind.startswith(("tuple:", "list:"))
           for _, _, _, init in chain for _, kind in init):
        WARM.add(ns[instance])
    return ns[instance]


def error_text(exc):
    return "%s: %s" % (type(exc).__name__, exc)


def gil_enabled():
    return getattr(sys, "_is_gil_enabled", lambda: True)()


def mallocstats():
    """pymalloc's counters from sys._debugmallocstats(), which writes to fd 2."""
    if not hasattr(sys, "_debugmallocstats"):
        return None
    sys.stderr.flush()
    with tempfile.TemporaryFile() as tmp:
        saved = os.dup(2)
        os.dup2(tmp.fileno(), 2)
        try:
            sys._debugmallocstats()
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        tmp.seek(0)
        text = tmp.read().decode("ascii", "replace")
    stats = {}
    for line in text.splitlines():
        if line.startswith("# bytes in allocated blocks"):
            stats["blocks"] = int(line.split("=")[1].replace(",", ""))
        elif line.startswith("# arenas allocated current"):
            stats["arenas"] = int(line.split("=")[1].replace(",", ""))
        elif "bytes/arena" in line:
            stats["arena_size"] = int(line.split("*")[1].split("bytes")[0].replace(",", ""))
    return stats if "blocks" in stats else None


def traced_growth(cls, n, touch):
    """Traced bytes per instance between N and 2N instances, and the rest of the first N."""
    keep, marks = [None] * (2 * n), [0, 0, 0]   # made first: not measured
    gc.collect()
    held = warm_up(cls)
    tracemalloc.start()
    marks[0] = tracemalloc.get_traced_memory()[0]
    for i in range(2 * n):
        o = cls()
        if touch:
            o.__dict__
        keep[i] = o
        if i == n - 1:
            marks[1] = tracemalloc.get_traced_memory()[0]
    marks[2] = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del keep, o, held
    gc.collect()
    per = (marks[2] - marks[1]) / n
    return per, (marks[1] - marks[0]) - n * per


def pymalloc_growth(cls, n):
    """pymalloc block bytes and arena bytes per instance between N and 2N instances."""
    keep, marks = [None] * (2 * n), [None, None]
    gc.collect()
    if mallocstats() is None:
        return None, None
    held = warm_up(cls)
    for i in range(2 * n):
        keep[i] = cls()
        if i == n - 1:
            marks[0] = mallocstats()
    marks[1] = mallocstats()
    del keep, held
    gc.collect()
    blocks = (marks[1]["blocks"] - marks[0]["blocks"]) / n
    arenas = (marks[1]["arenas"] - marks[0]["arenas"]) * marks[1].get("arena_size", 0) / n
    return blocks, arenas


def figures(case, chain, n):
    r = {"id": case["id"], "python": PYTHON, "gil": gil_enabled(),
         "free_threaded": FREE_THREADED}
    try:
        cls = build(chain, case["instance"])
        o = cls()
    except Exception as e:
        r["error"] = error_text(e)
        return r
    r["basicsize"] = cls.__basicsize__
    r["itemsize"] = cls.__itemsize__
    r["dictoffset"] = cls.__dictoffset__
    r["weakrefoffset"] = cls.__weakrefoffset__
    r["gc"] = bool(cls.__flags__ & (1 << 14))          # Py_TPFLAGS_HAVE_GC
    r["has_dict"] = hasattr(o, "__dict__")
    r["getsizeof"] = sys.getsizeof(o)                  # before __dict__ is touched
    if r["has_dict"]:
        r["getsizeof_dict"] = sys.getsizeof(o.__dict__)
        r["getsizeof_after_touch"] = sys.getsizeof(o)
    r["traced_per_instance"], r["traced_fixed"] = traced_growth(cls, n, False)
    if r["has_dict"]:
        r["traced_per_instance_touched"] = traced_growth(cls, n, True)[0]
    r["pymalloc_per_instance"], r["arena_bytes_per_instance"] = pymalloc_growth(cls, n)
    return r


def hello():
    emit({"hello": "slotlab-probe", "protocol": 1, "python": PYTHON,
          "implementation": sys.implementation.name,
          "free_threaded": FREE_THREADED, "executable": sys.executable})


def sweep(doc, chain):
    metric, touch, counts = doc.get("metric", "traced"), doc.get("touch", False), doc["counts"]
    strategy, limit = doc.get("strategy", "as-declared"), doc.get("timeout_per_point")
    hello()
    try:
        cls = build(chain, doc["instance"])
        o = cls()                                      # the lecture's Example 17.1 method
        has_dict = hasattr(o, "__dict__")
        one = sys.getsizeof(o) + (sys.getsizeof(o.__dict__) if has_dict else 0)
    except Exception as e:
        emit({"error": error_text(e)})
        return 1
    touch = touch and has_dict
    try:
        keep = [None] * counts[-1]                     # the list itself is not counted
    except MemoryError:
        emit({"error": "MemoryError: cannot hold %d instances" % counts[-1]})
        return 3
    use_malloc = metric in ("pymalloc", "resident")
    gc.collect()
    # The instances hold no cycles, so the collector frees nothing here; it
    # only walks a million live objects again and again.  Off, the sweep is
    # a third faster and measures the same bytes.
    gc.disable()
    first = mallocstats() if use_malloc else None
    if metric == "traced":
        tracemalloc.start()
        base = tracemalloc.get_traced_memory()[0]
    start = time.monotonic()
    done = 0
    for count in counts:
        point = time.monotonic()
        while done < count:
            step = min(count, done + 65536)
            try:
                for i in range(done, step):
                    o = cls()
                    if touch:
                        o.__dict__
                    keep[i] = o
            except MemoryError:
                del keep
                emit({"error": "MemoryError: out of memory after %d instances" % done})
                return 3
            done = step
            if limit is not None and time.monotonic() - point > limit:
                emit({"error": "TimeoutError: count %d took more than %g s" % (count, limit)})
                return 3
        traced = tracemalloc.get_traced_memory()[0] - base if metric == "traced" else None
        stats = mallocstats() if first is not None else None
        line = {"strategy": strategy, "count": count}
        if metric == "traced":
            line["traced"] = traced
        line["pymalloc"] = stats["blocks"] - first["blocks"] if stats else None
        if metric == "resident":
            line["resident"] = ((stats["arenas"] - first["arenas"]) * stats.get("arena_size", 0)
                                if stats else None)
        line["getsizeof"] = count * one
        line["seconds"] = time.monotonic() - start
        emit(line)
    peak = None
    if metric == "traced":
        peak = tracemalloc.get_traced_memory()[1] - base
        tracemalloc.stop()
    gc.enable()
    emit({"done": True, "peak_traced": peak})
    return 0


def check_counts(counts):
    if not isinstance(counts, list) or not counts:
        raise Fatal("counts: expected a non-empty list")
    for i, c in enumerate(counts):
        if not is_int(c) or not 0 < c <= MAX_COUNT:
            raise Fatal("counts[%d]: %s is not an integer from 1 to %d" % (i, short(c), MAX_COUNT))
        if i and c <= counts[i - 1]:
            raise Fatal("counts[%d]: %d does not ascend from counts[%d] = %d"
                        % (i, c, i - 1, counts[i - 1]))


def main():
    try:
        doc = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    except Exception as e:
        raise Fatal("input: not a JSON document (%s)" % error_text(e))
    if not isinstance(doc, dict):
        raise Fatal("input: expected a JSON object")
    mode = doc.get("mode")
    if mode == "hello":
        check_keys(doc, "input", ("mode",))
        hello()
        return 0
    if mode == "figures":
        check_keys(doc, "input", ("mode", "cases"), ("n",))
        n = doc.get("n", 20000)
        if not is_int(n) or not 0 < n <= 10 ** 8:
            raise Fatal("n: %s is not an integer from 1 to %d" % (short(n), 10 ** 8))
        cases = doc["cases"]
        if not isinstance(cases, list):
            raise Fatal("cases: expected a list")
        chains = []
        for i, case in enumerate(cases):
            where = "cases[%d]" % i
            check_keys(case, where, ("id", "classes", "instance"))
            if not isinstance(case["id"], str):
                raise Fatal("%s.id: expected a string" % where)
            chains.append(check_chain(case["classes"], case["instance"], where + "."))
        for case, chain in zip(cases, chains):
            emit(figures(case, chain, n))
        return 0
    if mode == "sweep":
        check_keys(doc, "input", ("mode", "classes", "instance", "counts"),
                   ("touch", "metric", "strategy", "timeout_per_point"))
        chain = check_chain(doc["classes"], doc["instance"], "")
        check_counts(doc["counts"])
        if doc.get("metric", "traced") not in METRICS:
            raise Fatal("metric: %s is not one of %s" % (short(doc.get("metric")), ", ".join(METRICS)))
        if not isinstance(doc.get("touch", False), bool):
            raise Fatal("touch: expected true or false")
        if not isinstance(doc.get("strategy", ""), str) or len(doc.get("strategy", "")) > MAX_NAME:
            raise Fatal("strategy: expected a string of at most %d characters" % MAX_NAME)
        limit = doc.get("timeout_per_point")
        if limit is not None and (not isinstance(limit, (int, float)) or isinstance(limit, bool)
                                  or not 0 < limit < float("inf")):
            raise Fatal("timeout_per_point: %s is not a positive number" % short(limit))
        return sweep(doc, chain)
    raise Fatal("mode: %s is not one of 'hello', 'figures', 'sweep'" % short(mode))


if __name__ == "__main__":
    try:
        status = main()
    except Fatal as e:
        emit({"fatal": str(e)})
        status = 2
    sys.exit(status)
