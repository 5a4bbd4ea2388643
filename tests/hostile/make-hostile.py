#!/usr/bin/env python3
"""Writes the hostile session files of tests/hostile/ and expected.txt.

Each file is named for what it tests; expected.txt maps it to a piece of
the error message its load must give (the JSON path, the line and column,
or the problem).  Run it from anywhere; it writes beside itself.
"""

import copy
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))

BASE = {
    "format": "slotlab-session", "version": 1,
    "title": "Hostile", "notes": "",
    "python": "3.12",
    "classes": [
        {"name": "BaseRecord", "bases": [], "slots": ["recordId", "timestamp"],
         "init": ["recordId", "timestamp"]},
        {"name": "SensorRecord", "bases": ["BaseRecord"], "slots": None,
         "init": ["sensorId", "value", "unit"]},
    ],
    "experiments": [
        {"name": "Bulk allocation", "class": "SensorRecord",
         "strategies": ["as-declared", "dict", "slots", "mixed"],
         "metric": "traced", "python": ["3.12"], "backend": "model",
         "counts": {"from": 1000, "to": 10000000, "points": 13, "scale": "log"},
         "results": []},
    ],
}

expected = []


def text(doc):
    return json.dumps(doc, indent=2, ensure_ascii=False)


def write(name, data, substring):
    if isinstance(data, dict) or isinstance(data, list):
        data = text(data)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(HERE, name + ".slotlab"), "wb") as f:
        f.write(data)
    expected.append((name + ".slotlab", substring))


def mutate(name, substring, fn):
    doc = copy.deepcopy(BASE)
    fn(doc)
    write(name, doc, substring)


def setter(*path_and_value):
    *path, value = path_and_value

    def fn(doc):
        node = doc
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
    return fn


def deleter(*path):
    def fn(doc):
        node = doc
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]
    return fn


good = text(BASE)

# The text itself.
write("empty", "", "the file is empty")
write("whitespace-only", "  \n\t\n", "the file is empty")
write("truncated", good[: len(good) // 2], "the file ends before the JSON value does")
write("trailing-garbage", good + "\nxyz\n", "text after the end of the JSON value")
write("two-documents", good + good, "text after the end of the JSON value")
write("bom-utf16", b"\xff\xfe" + good.encode("utf-16-le"), "UTF-16")
write("utf16-without-bom", good.encode("utf-16-le"), "NUL byte")
write("invalid-utf8", good.replace('"Hostile"', '"Hos\udcfftile"').encode("utf-8", "surrogateescape"),
      "line 4, column 16: this is not valid UTF-8 text")
write("overlong-utf8", good.replace('"Hostile"', '"\udcc0\udcafHostile"').encode("utf-8", "surrogateescape"),
      "this is not valid UTF-8 text")
write("nul-byte", good.replace('"Hostile"', '"Hos\x00tile"'), "line 4, column 16: a NUL byte")
write("escaped-nul", good.replace('"BaseRecord", "bases"', '"Base\\u0000Record", "bases"', 1)
      .replace('"name": "BaseRecord"', '"name": "Base\\u0000Record"', 1), "NUL character (\\u0000)")
write("lone-low-surrogate", good.replace('"Hostile"', '"\\udc00x"'), "surrogate pair without its first half")
write("lone-high-surrogate", good.replace('"Hostile"', '"\\ud83dx"'), "surrogate pair without its second half")
write("bad-escape", good.replace('"Hostile"', '"C:\\\\new\\qdir"'), "\\q is not a JSON escape")
write("control-char-in-string", good.replace('"Hostile"', '"Host\tile"'), "a control character (0x09)")
write("single-quotes", good.replace('"format"', "'format'"), "a member name must be a string in double quotes")
write("comment", "/* a session */\n" + good, "line 1, column 1: unexpected '/'")
write("trailing-comma", good.replace('"unit"\n', '"unit",\n', 1), "JSON has no trailing commas")
write("hex-number", good.replace('"points": 13', '"points": 0x0d'), "expected ',' or '}'")
write("leading-zero", good.replace('"points": 13', '"points": 013'), "a number cannot start with 0")
write("nan", good.replace('"points": 13', '"points": NaN'), "unexpected 'N'")
write("duplicate-member", good.replace('"title": "Hostile"', '"title": "Hostile", "title": "Twice"'),
      "the member \"title\" appears twice in the same object")
write("huge-number", good.replace('"to": 10000000', '"to": 99999999999999999999999'),
      "the integer 99999999999999999999999 does not fit in 64 bits")
write("huge-float", good.replace('"to": 10000000', '"to": 1e400'), "the number 1e400 is too large")
write("long-number", good.replace('"to": 10000000', '"to": 1' + "0" * 200 + ".5"),
      "longer than any this format uses")
write("deep-nesting", good.replace('"slots": null', '"slots": ' + "[" * 20000 + "]" * 20000),
      "nest deeper than 64 levels")
write("deep-nesting-unclosed", "[" * 100000, "nest deeper than 64 levels")

# The document.
write("not-an-object", "[1, 2, 3]", "$: not a JSON object")
write("bare-string", '"slotlab-session"', "$: not a JSON object")
mutate("missing-format", "format: missing", deleter("format"))
mutate("wrong-format", "format: \"slotlab-notebook\" is not \"slotlab-session\"",
       setter("format", "slotlab-notebook"))
mutate("format-not-string", "format: an integer is not \"slotlab-session\"", setter("format", 1))
mutate("newer-version", "version: 2: this file was written by a newer Slot Lab", setter("version", 2))
mutate("version-zero", "version: 0 is not a version of the session format", setter("version", 0))
mutate("version-string", "version: expected an integer, found a string", setter("version", "1"))
mutate("missing-version", "version: missing", deleter("version"))
mutate("title-not-string", "title: expected a string, found an integer", setter("title", 17))
mutate("huge-title", "title: longer than the limit of 65536 bytes", setter("title", "x" * 70000))
mutate("notes-not-string", "notes: expected a string, found an array", setter("notes", ["a"]))
mutate("unknown-version", "python: no profile covers Python 3.99", setter("python", "3.99"))
mutate("malformed-version", "python: \"three point twelve\" is not a Python version",
       setter("python", "three point twelve"))
mutate("python-not-string", "python: expected a string, found an array", setter("python", ["3.12"]))

# Classes.
mutate("missing-classes", "classes: missing", deleter("classes"))
mutate("classes-not-array", "classes: expected an array, found an object", setter("classes", {}))
mutate("class-not-object", "classes[1]: expected an object, found a string",
       setter("classes", 1, "SensorRecord"))
mutate("class-without-name", "classes[0].name: missing", deleter("classes", 0, "name"))
mutate("class-name-not-string", "classes[0].name: expected a string, found null",
       setter("classes", 0, "name", None))
mutate("huge-name", "classes[0].name: the class name is longer than 128 bytes",
       lambda d: (d["classes"][0].__setitem__("name", "R" * 100000),
                  d["classes"][1].__setitem__("bases", ["R" * 100000])))
mutate("empty-class-name", "classes[0].name: the class name \"\" is not a Python identifier",
       setter("classes", 0, "name", ""))
mutate("keyword-class-name", "classes[0].name: the class name \"class\" is a Python keyword",
       lambda d: (d["classes"][0].__setitem__("name", "class"),
                  d["classes"][1].__setitem__("bases", ["class"])))
mutate("code-in-class-name", "classes[1].name: the class name \"X(object):\\n    import os",
       setter("classes", 1, "name", "X(object):\n    import os\n    os.system('true')\nclass Y"))
# "\ufb01le" (fi ligature) is not hostile: CPython's compiler stores its
# NFKC form, "file", and so does the loader (tests/test-session.c).
# __debug__ is no keyword, but the compiler refuses any store to it.
mutate("debug-class-name", "classes[0].name: the class name \"__debug__\" cannot be assigned to",
       lambda d: (d["classes"][0].__setitem__("name", "__debug__"),
                  d["classes"][1].__setitem__("bases", ["__debug__"])))
mutate("debug-init", "classes[1].init[1]: the attribute name \"__debug__\" cannot be assigned to",
       setter("classes", 1, "init", ["sensorId", "__debug__"]))
mutate("debug-init-fullwidth", "classes[1].init[0]: the attribute name \"__debug__\" cannot be assigned to",
       setter("classes", 1, "init", ["__\uff44ebug__"]))
mutate("duplicate-class", "classes[1].name: a class named \"BaseRecord\" is already defined at classes[0]",
       setter("classes", 1, "name", "BaseRecord"))
mutate("unknown-base", "classes[1].bases[0]: \"Recrod\" is not a class defined before \"SensorRecord\"",
       setter("classes", 1, "bases", ["Recrod"]))
mutate("cyclic-bases", "classes[0].bases[0]: \"SensorRecord\" is not a class defined before \"BaseRecord\"",
       setter("classes", 0, "bases", ["SensorRecord"]))
mutate("self-base", "classes[0].bases[0]: \"BaseRecord\" is not a class defined before \"BaseRecord\"",
       setter("classes", 0, "bases", ["BaseRecord"]))
mutate("bases-not-array", "classes[1].bases: expected an array, found a string",
       setter("classes", 1, "bases", "BaseRecord"))
mutate("base-not-string", "classes[1].bases[0]: expected a string, found an integer",
       setter("classes", 1, "bases", [0]))
mutate("too-many-bases", "classes[1].bases: 17 items, more than the limit of 16",
       setter("classes", 1, "bases", ["BaseRecord"] * 17))
mutate("slots-is-string", "classes[0].slots: expected an array or null, found a string",
       setter("classes", 0, "slots", "recordId"))
mutate("too-many-slots", "classes[0].slots: 257 items, more than the limit of 256",
       setter("classes", 0, "slots", ["s%d" % i for i in range(257)]))
mutate("huge-slot", "classes[0].slots[1]: a __slots__ item longer than the limit of 128 bytes",
       setter("classes", 0, "slots", ["recordId", "t" * 129]))
mutate("huge-slot-repr", "classes[0].slots[0]: a __slots__ item longer than the limit of 128 bytes",
       setter("classes", 0, "slots", [list(range(100))]))
mutate("init-not-array", "classes[0].init: expected an array, found null",
       setter("classes", 0, "init", None))
mutate("init-not-identifier", "classes[1].init[0]: the attribute name \"1x\" is not a Python identifier",
       setter("classes", 1, "init", ["1x"]))
mutate("init-keyword", "classes[1].init[2]: the attribute name \"None\" is a Python keyword",
       setter("classes", 1, "init", ["a", "b", "None"]))
mutate("code-in-init", "classes[1].init[1]: the attribute name \"x; __import__('os').system('rm -rf ~')\"",
       setter("classes", 1, "init", ["sensorId", "x; __import__('os').system('rm -rf ~')"]))
mutate("init-item-object", "classes[1].init[0].name: missing",
       setter("classes", 1, "init", [{"value": "float"}]))
mutate("init-item-number", "classes[1].init[1]: expected a string or an object {\"name\", \"value\"}, found an integer",
       setter("classes", 1, "init", ["a", 3]))
mutate("init-value-kind", "classes[1].init[2].value: \"str:-1\" is not a value kind (",
       setter("classes", 1, "init", ["a", "b", {"name": "c", "value": "str:-1"}]))
mutate("init-value-too-long", "classes[1].init[0].value: \"list:10001\" is not a value kind (",
       setter("classes", 1, "init", [{"name": "c", "value": "list:10001"}]))
mutate("init-value-not-string", "classes[1].init[0].value: expected a string, found an integer",
       setter("classes", 1, "init", [{"name": "c", "value": 24}]))
mutate("init-value-code", "classes[1].init[0].value: \"float; import os\" is not a value kind (",
       setter("classes", 1, "init", [{"name": "c", "value": "float; import os"}]))
mutate("init-value-bad-name", "classes[1].init[0]: the attribute name \"1x\" is not a Python identifier",
       setter("classes", 1, "init", [{"name": "1x", "value": "float"}]))
mutate("too-many-init", "classes[1].init: 257 items, more than the limit of 256",
       setter("classes", 1, "init", ["a%d" % i for i in range(257)]))
mutate("too-many-classes", "classes: 65 items, more than the limit of 64",
       setter("classes", [{"name": "C%d" % i, "bases": [], "slots": None, "init": []}
                          for i in range(65)]))

# Experiments.
mutate("experiments-not-array", "experiments: expected an array, found an object",
       setter("experiments", {"name": "x"}))
mutate("too-many-experiments", "experiments: 65 items, more than the limit of 64",
       lambda d: d.__setitem__("experiments", d["experiments"] * 65))
mutate("experiment-not-object", "experiments[0]: expected an object, found a boolean",
       setter("experiments", [True]))
mutate("experiment-unknown-class", "experiments[0].class: \"Nope\" is not a class of this session",
       setter("experiments", 0, "class", "Nope"))
mutate("experiment-without-name", "experiments[0].name: missing", deleter("experiments", 0, "name"))
mutate("experiment-empty-name", "experiments[0].name: an experiment needs a name; this one is empty",
       setter("experiments", 0, "name", ""))
mutate("experiment-blank-name", "experiments[0].name: an experiment needs a name; this one is only spaces",
       setter("experiments", 0, "name", " \t "))
mutate("experiment-duplicate-name",
       "experiments[1].name: \"Bulk allocation\" is already the name of experiments[0]",
       lambda d: d["experiments"].append(copy.deepcopy(d["experiments"][0])))
mutate("unknown-strategy", "experiments[0].strategies[1]: \"fast\" is not a strategy",
       setter("experiments", 0, "strategies", ["dict", "fast"]))
mutate("empty-strategies", "experiments[0].strategies: no strategies",
       setter("experiments", 0, "strategies", []))
mutate("repeated-strategy", "experiments[0].strategies[2]: \"dict\" is listed twice",
       setter("experiments", 0, "strategies", ["dict", "slots", "dict"]))
mutate("strategy-not-string", "experiments[0].strategies[0]: expected a string, found an integer",
       setter("experiments", 0, "strategies", [1]))
mutate("unknown-metric", "experiments[0].metric: \"rss\" is not a metric",
       setter("experiments", 0, "metric", "rss"))
mutate("unknown-backend", "experiments[0].backend: \"/usr/bin/python3\" is not a backend",
       setter("experiments", 0, "backend", "/usr/bin/python3"))
mutate("experiment-unknown-version", "experiments[0].python[1]: no profile covers Python 2.7",
       setter("experiments", 0, "python", ["3.12", "2.7"]))
mutate("experiment-repeated-version", "experiments[0].python[1]: \"3.12\" is listed twice",
       setter("experiments", 0, "python", ["3.12", "3.12"]))
mutate("experiment-python-string", "experiments[0].python: expected an array, found a string",
       setter("experiments", 0, "python", "3.12"))
mutate("missing-counts", "experiments[0].counts: missing", deleter("experiments", 0, "counts"))
mutate("absurd-count", "experiments[0].counts.to: 10000000000000 is larger than the limit 1000000000000",
       setter("experiments", 0, "counts", "to", 10000000000000))
mutate("count-zero", "experiments[0].counts.from: 0 is smaller than 1",
       setter("experiments", 0, "counts", "from", 0))
mutate("count-negative", "experiments[0].counts.from: -5 is smaller than 1",
       setter("experiments", 0, "counts", "from", -5))
mutate("count-float", "experiments[0].counts.from: expected an integer, found a number",
       setter("experiments", 0, "counts", "from", 1000.0))
mutate("count-string", "experiments[0].counts.to: expected an integer, found a string",
       setter("experiments", 0, "counts", "to", "1e7"))
mutate("from-above-to", "experiments[0].counts.to: 10 is smaller than from (1000)",
       setter("experiments", 0, "counts", "to", 10))
mutate("too-many-points", "experiments[0].counts.points: 1001 is larger than the limit 1000",
       setter("experiments", 0, "counts", "points", 1001))
mutate("zero-points", "experiments[0].counts.points: 0 is smaller than 1",
       setter("experiments", 0, "counts", "points", 0))
mutate("unknown-scale", "experiments[0].counts.scale: \"cubic\" is not a scale",
       setter("experiments", 0, "counts", "scale", "cubic"))
mutate("list-and-range", "experiments[0].counts: give either \"list\" or",
       setter("experiments", 0, "counts", "list", [1, 2]))
mutate("empty-count-list", "experiments[0].counts.list: the list of counts is empty",
       setter("experiments", 0, "counts", {"list": []}))
mutate("absurd-count-list", "experiments[0].counts.list[1]: 2000000000000 is larger than the limit",
       setter("experiments", 0, "counts", {"list": [10, 2000000000000]}))
mutate("count-list-too-long", "experiments[0].counts.list: 1001 items, more than the limit of 1000",
       setter("experiments", 0, "counts", {"list": list(range(1, 1002))}))
mutate("garbage-results", "experiments[0].results[0]: expected an object, found an integer",
       setter("experiments", 0, "results", [42, "x", None]))
mutate("results-not-array", "experiments[0].results: expected an array, found a string",
       setter("experiments", 0, "results", "none yet"))

RESULT = {"python": "3.12", "strategy": "dict", "backend": "model", "metric": "traced",
          "count": 1000, "bytes": 152000}


def result(**changes):
    r = dict(RESULT)
    for k, v in changes.items():
        if v is None and k.startswith("del_"):
            del r[k[4:]]
        else:
            r[k] = v
    return [RESULT, r]


mutate("result-bad-python", "experiments[0].results[1].python: \"three\" is not a Python version",
       setter("experiments", 0, "results", result(python="three")))
mutate("result-unknown-strategy", "experiments[0].results[1].strategy: \"Slots\" is not a strategy",
       setter("experiments", 0, "results", result(strategy="Slots")))
mutate("result-unknown-metric", "experiments[0].results[1].metric: \"rss\" is not a metric",
       setter("experiments", 0, "results", result(metric="rss")))
mutate("result-negative-bytes", "experiments[0].results[1].bytes: -1 is smaller than 0",
       setter("experiments", 0, "results", result(bytes=-1)))
mutate("result-missing-count", "experiments[0].results[1].count: missing",
       setter("experiments", 0, "results", result(del_count=None)))
mutate("result-partial-string", "experiments[0].results[1].partial: expected true or false, found a string",
       setter("experiments", 0, "results", result(partial="yes")))
mutate("result-interpreter-number", "experiments[0].results[1].interpreter: expected a string or null",
       setter("experiments", 0, "results", result(interpreter=3)))

with open(os.path.join(HERE, "expected.txt"), "w") as f:
    f.write("# Each hostile session file, then (after a tab each) pieces of the message\n"
            "# its load must fail with.  Written by make-hostile.py.\n")
    for name, substring in expected:
        if isinstance(substring, str):
            substring = (substring,)
        f.write("%s\t%s\n" % (name, "\t".join(substring)))

print(len(expected), "hostile files")
