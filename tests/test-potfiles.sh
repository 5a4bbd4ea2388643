#!/bin/bash
# po/POTFILES.in lists every file with strings marked for translation
# (C: _() N_() C_() NC_() ngettext; .ui: translatable="yes"; the desktop
# file, metainfo and schema), and xgettext extracts from each kind.
set -u
src=${G_TEST_SRCDIR:-$(dirname "$0")}/..
cd "$src" || exit 1
listed=$(grep -v '^#' po/POTFILES.in | sed '/^$/d' | sort)
marked=$( { grep -rlE '(^|[^A-Za-z0-9_])(N?C?_|g_dngettext|ngettext) ?\("' --include='*.c' app chart engine ui 2>/dev/null
            grep -rl 'translatable="yes"' --include='*.ui' ui 2>/dev/null
            ls data/*.desktop.in data/*.metainfo.xml.in data/*.gschema.xml; } | sort -u)
echo "1..3"
missing=$(comm -13 <(echo "$listed") <(echo "$marked"))
if [[ -z $missing ]]; then echo "ok 1 - every file with marked strings is in po/POTFILES.in"
else echo "not ok 1 - files with marked strings missing from po/POTFILES.in:"; echo "$missing" | sed 's/^/#   /'; fail=1; fi
gone=$(for f in $listed; do [[ -e $f ]] || echo "$f"; done)
if [[ -z $gone ]]; then echo "ok 2 - every file po/POTFILES.in lists exists"
else echo "not ok 2 - po/POTFILES.in lists files that do not exist:"; echo "$gone" | sed 's/^/#   /'; fail=1; fi
if ! command -v xgettext >/dev/null; then echo "ok 3 # SKIP no xgettext"; exit ${fail:-0}; fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
if xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
     --directory="$src" --files-from=<(echo "$listed") -o "$tmp/slotlab.pot" 2>"$tmp/err" &&
   grep -q 'msgid "Python Memory Layout Lab"' "$tmp/slotlab.pot" &&      # .desktop.in
   grep -q 'msgid "See what __slots__ saves, byte by byte"' "$tmp/slotlab.pot" &&  # metainfo
   grep -q 'msgid "Default interpreter"' "$tmp/slotlab.pot" &&           # gschema
   grep -q 'msgid "Keyboard shortcuts"' "$tmp/slotlab.pot" &&            # .ui
   grep -q 'msgid "Slot Lab"' "$tmp/slotlab.pot"; then                   # .c
  echo "ok 3 - xgettext extracts from C, .ui, desktop, metainfo and schema files"
else
  echo "not ok 3 - xgettext over po/POTFILES.in"; sed 's/^/#   /' "$tmp/err"; fail=1
fi
exit ${fail:-0}
