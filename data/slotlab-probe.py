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
         arena_bytes_per_instance, static_attributes (the class's own
         __static_attributes__ where it has one) (keys that do not apply
         are left out), or
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
      With "then": [{"classes", "instance", "strategy"}, ...] (at most 16)
      the process sweeps those strategies after the first, in order, with
      the same counts and metric: one hello, then each one's points and
      done line.  There CPython refusing a class is its {"error"} line
      followed by {"done": true, "peak_traced": null}, and the next goes on.

`classes` is the session file's schema: [{"name", "bases": [...],
"slots": null | [...], "init": [...]}], in definition order, with the
optional members of a class statement: "created_by" ("class", the
default: a class statement; "type": type() with an __init__ compiled
outside any class), "base_init" ("explicit" | "super" | "none"),
"base_init_at" (own stores before the call), "elsewhere" (names stored
as self.NAME in a method never called), "slots_spelling" ("tuple" |
"list" | "str" | "dict"), "dataclass" ({"slots", "frozen",
"weakref_slot"}: booleans; the class is decorated with dataclass() and
"init" lists its fields, each `NAME: int = 0`, or with a value
`NAME: int = field(default_factory=lambda: EXPR)`).  An init item is a
name (the attribute holds a small int) or {"name", "value": KIND}, KIND as
in PRODUCT.md ("int", "float", "str:12", "list:3", ...), made new for each
instance as value_source() says.
Exit status: 0 done; 1 CPython refused the class (sweep, `{"error": ...}`);
2 bad input (`{"fatal": "<where>: <what>"}`); 3 out of memory or a point
took longer than timeout_per_point (`{"error": ...}`); 4 the probe's own
code failed on a class CPython accepted (`{"error": "slotlab-probe failed: ..."}`).
"""
# Startup is part of every live run's time: only builtin modules and the
# two C accelerators are imported up front.  json, tracemalloc, tempfile,
# sysconfig and unicodedata pull in re, pickle, shutil, random or threading
# (tens of milliseconds, more than a small sweep); _json and _tracemalloc are
# the C code those modules call, so parsing stays CPython's strict JSON
# scanner and the figures come from the same counters.
import gc
import itertools
import keyword
import sys
import time

try:
    import _json
    import _tracemalloc as tracemalloc     # what tracemalloc.start() etc. are
except ImportError:                        # another implementation: the modules
    _json = None
    import tracemalloc

# A free-threaded build says so in its ABI flags ("t", 3.13 and later);
# sysconfig is the fallback where there are no ABI flags.
if hasattr(sys, "abiflags"):
    FREE_THREADED = "t" in sys.abiflags
else:
    try:
        import sysconfig
        FREE_THREADED = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
    except Exception:
        FREE_THREADED = False
PYTHON = "%d.%d.%d" % tuple(sys.version_info[:3])
MAX_NAME = 128
MAX_COUNT = 10 ** 12
METRICS = ("traced", "pymalloc", "getsizeof", "resident")
MAX_LANE = 16          # sweeps in one process ("then")


class Fatal(Exception):
    pass


def encode(value):
    """JSON text of what the probe prints: dicts and lists of str, int, float, bool, None."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return _json.encode_basestring_ascii(value)
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError("%r is not a JSON number" % value)
        return float.__repr__(value)
    if isinstance(value, dict):
        return "{" + ", ".join("%s: %s" % (encode(str(k)), encode(v)) for k, v in value.items()) + "}"
    if isinstance(value, list):                     # static_attributes
        return "[" + ", ".join(encode(v) for v in value) + "]"
    raise TypeError("cannot print %s as JSON" % type(value).__name__)


def emit(obj):
    if _json is None:
        import json
        text = json.dumps(obj)
    else:
        text = encode(obj)
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


class _Scanner(object):
    """What _json's scanner reads from json.JSONDecoder, without json.decoder
    (which imports re): strict, plain dicts, ints and floats, no NaN."""
    strict = True
    object_hook = None
    object_pairs_hook = None
    array_hook = None                       # 3.15
    parse_float = float
    parse_int = int
    memo = {}

    @staticmethod
    def parse_constant(name):
        raise ValueError("%s is not a JSON value" % name)


def parse_json(text):
    try:
        scanner = _json.make_scanner(_Scanner())
    except Exception:                       # no _json, or one that wants more context
        import json
        return json.loads(text)
    start = len(text) - len(text.lstrip(" \t\n\r"))
    try:
        value, end = scanner(text, start)
    except StopIteration as e:
        raise ValueError("expecting a value at character %d" % e.value)
    finally:
        _Scanner.memo.clear()
    if text[end:].strip(" \t\n\r"):
        raise ValueError("extra data at character %d" % end)
    return value


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


def nfkc(name):
    """unicodedata is loaded only for a non-ASCII name: NFKC leaves ASCII as it is."""
    if name.isascii():
        return name
    import unicodedata
    return unicodedata.normalize("NFKC", name)


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
    if nfkc(name) != name:
        raise Fatal("%s: %s is not in NFKC form" % (where, short(name)))
    return name


MAX_VALUE_CHARS = 1 << 20
MAX_VALUE_ITEMS = 10000
PLAIN_VALUES = ("small-int", "none", "bool", "shared", "int", "float")
SIZED_VALUES = {"str": MAX_VALUE_CHARS, "bytes": MAX_VALUE_CHARS,
                "tuple": MAX_VALUE_ITEMS, "list": MAX_VALUE_ITEMS, "const-list": MAX_VALUE_ITEMS}


def check_value(kind, where):
    """An init item's value kind (see PRODUCT.md); returns it."""
    if isinstance(kind, str) and kind in PLAIN_VALUES:
        return kind
    head, _, length = kind.partition(":") if isinstance(kind, str) else ("", "", "")
    if (head not in SIZED_VALUES or not length.isascii() or not length.isdigit()
            or (length[0] == "0" and length != "0") or int(length) > SIZED_VALUES[head]):
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
    kind says so (PRODUCT.md).  `counter` names a count's __next__ (a new
    int above 256 per call), `item` a global bound to the small int 0 (not
    a constant, so a display is built at run time).  CPython caches '' and
    every one-character str, b'' and every one-byte bytes, and (): those
    are shared whatever the code does."""
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
    if kind == "const-list":
        # constants: from 3.9 the compiler folds three or more into a tuple
        # and extends an empty list with it (sl-value-model.c)
        return "[%s]" % ", ".join("0" for _ in range(length))
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
APPENDED = set()        # instances holding a list or tuple display of more than 30 items (appends)


def warm_up(cls):
    return [cls() for _ in range(WARM_INSTANCES)] if cls in WARM else None


CLASS_KEYS = ("bases", "slots", "init", "created_by", "base_init", "base_init_at",
              "elsewhere", "slots_spelling", "dataclass")
DATACLASS_WORDS = ("slots", "frozen", "weakref_slot")   # in the order they are passed
LIBRARY_BASES = ("ABC", "Generic")   # abc.ABC, typing.Generic[T] unless an earlier class has the name
CHOICES = {"created_by": ("class", "type"), "base_init": ("explicit", "super", "none"),
           "slots_spelling": ("tuple", "list", "str", "dict")}


def check_chain(classes, instance, where):
    """Validate a class chain; returns it as a list of dicts with every key."""
    if not isinstance(classes, list) or not classes:
        raise Fatal("%sclasses: expected a non-empty list" % where)
    chain, seen = [], {}
    for i, c in enumerate(classes):
        at = "%sclasses[%d]" % (where, i)
        check_keys(c, at, ("name",), CLASS_KEYS)
        name = check_name(c["name"], at + ".name")
        if name in seen:
            raise Fatal("%s.name: %s is already defined by %sclasses[%d]"
                        % (at, short(name), where, seen[name]))
        k = {"name": name, "bases": c.get("bases", []), "slots": c.get("slots"),
             "init": c.get("init", []), "elsewhere": c.get("elsewhere", []),
             "base_init_at": c.get("base_init_at", 0)}
        for key in ("bases", "init", "elsewhere"):
            if not isinstance(k[key], list):
                raise Fatal("%s.%s: expected a list" % (at, key))
        for key, words in CHOICES.items():
            k[key] = c.get(key, words[0])
            if k[key] not in words:
                raise Fatal("%s.%s: %s is not one of %s" % (at, key, short(k[key]), ", ".join(words)))
        if not is_int(k["base_init_at"]) or k["base_init_at"] < 0:
            raise Fatal("%s.base_init_at: %s is not a count" % (at, short(k["base_init_at"])))
        for j, b in enumerate(k["bases"]):
            check_name(b, "%s.bases[%d]" % (at, j))
            if b not in seen and b not in LIBRARY_BASES:
                raise Fatal("%s.bases[%d]: %s does not name an earlier class" % (at, j, short(b)))
        items = [check_init_item(n, "%s.init[%d]" % (at, j)) for j, n in enumerate(k["init"])]
        k["init"], k["values"] = [n for n, _ in items], [v for _, v in items]
        for j, n in enumerate(k["elsewhere"]):
            check_name(n, "%s.elsewhere[%d]" % (at, j))
        if k["slots"] is not None and not isinstance(k["slots"], list):
            raise Fatal("%s.slots: expected null or a list" % at)
        if k["slots_spelling"] != "tuple" and k["slots"] is None:
            raise Fatal("%s.slots_spelling: the class has no __slots__" % at)
        if k["slots_spelling"] == "str" and (len(k["slots"]) != 1 or not isinstance(k["slots"][0], str)):
            raise Fatal("%s.slots_spelling: \"str\" needs exactly one name" % at)
        dc = c.get("dataclass")
        if dc is not None:
            check_keys(dc, at + ".dataclass", (), DATACLASS_WORDS)
            for key, value in dc.items():
                if not isinstance(value, bool):
                    raise Fatal("%s.dataclass.%s: expected true or false" % (at, key))
            if k["created_by"] == "type":
                raise Fatal("%s.dataclass: a dataclass is made by a class statement" % at)
        k["dataclass"] = dc
        seen[name] = i
        chain.append(k)
    if not isinstance(instance, str) or instance not in seen:
        raise Fatal("%sinstance: %s does not name a class" % (where, short(instance)))
    return chain


def slots_value(k):
    """__slots__ as the session spells it; its items stay data."""
    slots = k["slots"]
    if k["slots_spelling"] == "list":
        return list(slots)
    if k["slots_spelling"] == "str":
        return slots[0]
    if k["slots_spelling"] == "dict":
        return dict.fromkeys(slots, "")     # unhashable items raise what CPython raises
    return tuple(slots)


def self_name(bases):
    this = "self"
    while this in bases:                # a base may be called "self"
        this += "_"
    return this


def build(chain, instance):
    """Create the classes; may raise what CPython raises."""
    # Both kinds are compiled from generated source so that __init__ does
    # real STORE_ATTR stores, exactly as a class written in a .py file does
    # (key sharing, inline values and, from 3.13, __static_attributes__
    # depend on it).  This is safe: the source is made only of identifiers
    # that check_name() accepted (no keyword, NFKC-stable, so the parser
    # reads exactly what was checked), int literals, the fixed words below
    # and the literals value_source() writes for a kind check_value()
    # accepted; slot items never reach the source, they are data the class
    # body reads from a global.
    import builtins
    used = set()
    for k in chain:
        used.update([k["name"]] + k["bases"] + k["init"] + k["elsewhere"])
        used.update(s for s in (k["slots"] or ()) if isinstance(s, str))

    def fresh(stem):                    # a global or method name no session name uses
        while stem in used:
            stem += "_"
        used.add(stem)
        return stem
    slots_var, other = fresh("slotlab_slots"), fresh("assigned_elsewhere")
    count_var, item_var = fresh("slotlab_count"), fresh("slotlab_item")
    ns = {"__builtins__": {"__build_class__": builtins.__build_class__, "super": super,
                           "int": int},
          "__name__": "slotlab", slots_var: [],
          count_var: itertools.count(1 << 20).__next__, item_var: 0}   # ints below 2**30
    defined = set()
    library = set(b for k in chain for b in k["bases"] if b in LIBRARY_BASES)
    if "ABC" in library:
        import abc
        ns["ABC"] = abc.ABC
    if "Generic" in library:
        import typing
        type_var = fresh("T")
        ns["Generic"], ns[type_var] = typing.Generic, typing.TypeVar(type_var)
        # From 3.12 making a Generic subclass imports from C, through the
        # builtins of the class body; no name of the source can call it.
        ns["__builtins__"]["__import__"] = builtins.__import__
    if any(k["dataclass"] is not None for k in chain):
        import dataclasses
        dataclass_var, field_var = fresh("dataclass"), fresh("field")
        ns[dataclass_var], ns[field_var] = dataclasses.dataclass, dataclasses.field
    for k in chain:
        name, bases, init, this = k["name"], k["bases"], k["init"], self_name(k["bases"])
        at = min(k["base_init_at"], len(init))
        own = ["%s.%s = %s" % (this, n, value_source(kind, i, count_var, item_var))
               for i, (n, kind) in enumerate(zip(init, k["values"]))]
        if k["base_init"] == "explicit":
            calls = ["%s.__init__(%s)" % (b, this) for b in bases]
        elif k["base_init"] == "super" and k["created_by"] == "type":
            calls = ["super(%s, %s).__init__()" % (name, this)]   # no __class__ cell outside a class
        elif k["base_init"] == "super":
            calls = ["super().__init__()"]
        else:
            calls = []
        body = own[:at] + calls + own[at:] or ["pass"]
        if k["created_by"] == "type":
            local = {}
            src = ["def __init__(%s):" % this] + ["    " + line for line in body]
            exec("\n".join(src) + "\n", ns, local)
            attrs = {"__init__": local["__init__"]}
            if k["slots"] is not None:
                attrs["__slots__"] = slots_value(k)
            ns[name] = type(name, tuple(ns[b] for b in bases) or (object,), attrs)
            defined.add(name)
            continue
        heads = ["Generic[%s]" % type_var if b == "Generic" and b not in defined else b for b in bases]
        defined.add(name)
        src = ["class %s%s:" % (name, "(%s)" % ", ".join(heads) if bases else "")]
        dc = k["dataclass"]
        if dc is not None:                 # fields with defaults; dataclass() writes __init__
            words = ["%s=True" % w for w in DATACLASS_WORDS if dc.get(w)]
            src.insert(0, "@%s(%s)" % (dataclass_var, ", ".join(words)))
        if k["slots"] is not None:
            ns[slots_var].append(slots_value(k))
            src.append("    __slots__ = %s[%d]" % (slots_var, len(ns[slots_var]) - 1))
        if dc is not None:
            # a value of its own per instance comes from a default_factory,
            # as people write it; the generated __init__ stores it the same
            src += ["    %s: int = %s" % (n, "0" if kind == "small-int" else "%s(default_factory=lambda: %s)"
                                        % (field_var, value_source(kind, i, count_var, item_var)))
                    for i, (n, kind) in enumerate(zip(init, k["values"]))]
        else:
            src.append("    def __init__(%s):" % this)
            src += ["        " + line for line in body]
        if k["elsewhere"]:
            src.append("    def %s(%s):" % (other, this))
            src += ["        %s.%s = 0" % (this, n) for n in k["elsewhere"]]
        if src[-1].endswith(":"):
            src.append("    pass")
        exec("\n".join(src) + "\n", ns)
    mro = set(c.__name__ for c in ns[instance].__mro__)
    if any(kind in ("int", "float") or kind.startswith(("tuple:", "list:", "const-list:"))
           for k in chain if k["name"] in mro for kind in k["values"]):
        WARM.add(ns[instance])
    if any((kind.startswith(("list:", "tuple:")) or (kind.startswith("const-list:") and sys.version_info >= (3, 14)))
           and int(kind.partition(":")[2]) > 30
           for k in chain if k["name"] in mro for kind in k["values"]):
        APPENDED.add(ns[instance])
    return ns[instance]


def error_text(exc):
    return "%s: %s" % (type(exc).__name__, exc)


def gil_enabled():
    return getattr(sys, "_is_gil_enabled", lambda: True)()


def mallocstats():
    """pymalloc's counters from sys._debugmallocstats(), which writes to fd 2."""
    if not hasattr(sys, "_debugmallocstats"):
        return None
    import os
    import tempfile
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


def settle(cls):
    """Free-threaded builds free a grown list's old item array only once
    every thread has passed a quiescent state (_PyMem_FreeDelayed); a mark
    taken while some wait counts them.  A collection processes that queue
    (gc_free_threading.c), so each mark sees only what the instances hold.
    Only for values built by appends (a tuple display of more than 30
    items is a list first): a collection leaves a few KiB of its
    own behind, which a chain without them would count.  GIL builds free
    at once: nothing to do, and a collection there would empty the
    freelists."""
    if FREE_THREADED and cls in APPENDED:
        gc.collect()


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
            object.__getattribute__(o, "__dict__")
        keep[i] = o
        if i == n - 1:
            settle(cls)
            marks[1] = tracemalloc.get_traced_memory()[0]
    settle(cls)
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
    static = cls.__dict__.get("__static_attributes__")   # 3.13+ class statements
    if isinstance(static, tuple):                      # not a slot of that name
        r["static_attributes"] = list(static)
    r["basicsize"] = cls.__basicsize__
    r["itemsize"] = cls.__itemsize__
    r["dictoffset"] = cls.__dictoffset__
    r["weakrefoffset"] = cls.__weakrefoffset__
    r["gc"] = bool(cls.__flags__ & (1 << 14))          # Py_TPFLAGS_HAVE_GC
    r["has_dict"] = cls.__dictoffset__ != 0           # no attribute of o is looked up:
    r["getsizeof"] = sys.getsizeof(o)                  # a slot may be called __getattribute__
    if r["has_dict"]:                                  # (getsizeof before __dict__ is touched)
        r["getsizeof_dict"] = sys.getsizeof(object.__getattribute__(o, "__dict__"))
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


# The allocation loops are functions of their own, and short: tracemalloc
# records the line of the frame that allocates, and CPython finds a line by
# walking the code's line table from its start (PyCode_Addr2Line).  Inside a
# long function that walk cost as much as the allocation itself (measured on
# 3.12: 0.9 s against 0.4 s for 300,000 instances); here it is a few steps.
def fill(keep, cls, start, stop):
    for i in range(start, stop):
        keep[i] = cls()


def fill_touched(keep, cls, start, stop, getattribute=object.__getattribute__):
    for i in range(start, stop):
        o = keep[i] = cls()
        getattribute(o, "__dict__")


class ProbeFailure(Exception):
    """The probe's own code failed on a class CPython accepted."""


def one_instance_getsizeof(cls, o):
    """The lecture's Example 17.1 figure for one instance.  The class's own
    attributes are data (a slot may be called __getattribute__), so the
    instance dict is reached through object's own lookup."""
    try:
        has_dict = cls.__dictoffset__ != 0
        one = sys.getsizeof(o)
        if has_dict:
            one += sys.getsizeof(object.__getattribute__(o, "__dict__"))
    except Exception as e:
        raise ProbeFailure("measuring one instance with sys.getsizeof: %s" % error_text(e))
    return has_dict, one


def sweep(doc, chain, strategy, instance, in_lane=False):
    """One strategy's sweep.  In a lane (more strategies follow in this
    process), CPython refusing the class is {"error"} then {"done"} and the
    lane goes on; alone, it is {"error"} and exit status 1."""
    metric, touch, counts = doc.get("metric", "traced"), doc.get("touch", False), doc["counts"]
    limit = doc.get("timeout_per_point")
    try:
        cls = build(chain, instance)
        o = cls()                                      # the lecture's Example 17.1 method
    except Exception as e:
        emit({"error": error_text(e)})
        if in_lane:
            emit({"done": True, "peak_traced": None})
            return 0
        return 1
    has_dict, one = one_instance_getsizeof(cls, o)
    del o
    touch = touch and has_dict
    step_fill = fill_touched if touch else fill
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
                step_fill(keep, cls, done, step)
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
    emit({"done": True, "peak_traced": peak})
    # The instances are not freed one by one: the process ends (see below).
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
        doc = parse_json(sys.stdin.buffer.read().decode("utf-8"))
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
                   ("touch", "metric", "strategy", "timeout_per_point", "then"))
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
        lane = [(chain, doc.get("strategy", "as-declared"), doc["instance"])]
        then = doc.get("then", [])
        if not isinstance(then, list) or len(then) > MAX_LANE:
            raise Fatal("then: expected a list of at most %d sweeps" % MAX_LANE)
        for i, item in enumerate(then):
            where = "then[%d]" % i
            check_keys(item, where, ("classes", "instance", "strategy"))
            if not isinstance(item["strategy"], str) or len(item["strategy"]) > MAX_NAME:
                raise Fatal("%s.strategy: expected a string of at most %d characters" % (where, MAX_NAME))
            lane.append((check_chain(item["classes"], item["instance"], where + "."),
                         item["strategy"], item["instance"]))
        # Strategies in sequence in one process: one interpreter start and
        # one warm heap for all of them, as the floor runs them.  Each sweep
        # frees its instances before the next one builds its classes.
        hello()
        for chain, strategy, instance in lane:
            status = sweep(doc, chain, strategy, instance, in_lane=len(lane) > 1)
            if status != 0:
                return status
            gc.enable()
            gc.collect()
        return 0
    raise Fatal("mode: %s is not one of 'hello', 'figures', 'sweep'" % short(mode))


if __name__ == "__main__":
    try:
        status = main()
    except Fatal as e:
        emit({"fatal": str(e)})
        status = 2
    except ProbeFailure as e:
        emit({"error": "slotlab-probe failed: %s" % e})
        status = 4
    except Exception as e:                    # a fault of the probe, not of CPython
        emit({"error": "slotlab-probe failed: %s" % error_text(e)})
        status = 4
    # Everything is printed: end without freeing a million instances one by
    # one and tearing the interpreter down (a tenth of a sweep's time); the
    # system takes the memory back at once.
    sys.stdout.flush()
    try:
        from posix import _exit
    except ImportError:
        from os import _exit
    _exit(status)
