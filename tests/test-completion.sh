#!/bin/bash
# The bash completion of slotlab-cli (data/completions/slotlab-cli), driven
# as bash drives it: COMP_WORDS and COMP_CWORD set, the function called,
# COMPREPLY read.  Expected words come from PRODUCT.md's command list, the
# Lecture 17 session's class statements and `slotlab-cli versions`' profiles.
set -u
cli=${SLOTLAB_CLI:?SLOTLAB_CLI names the slotlab-cli under test}
src=${G_TEST_SRCDIR:-$(dirname "$0")}/..
session=$src/data/lecture-17.slotlab
. "$src/data/completions/slotlab-cli"

n=0
failed=0
complete_words ()      # complete_words WORD... : COMPREPLY for the last word, sorted, one line
{
  COMP_WORDS=("$cli" "$@")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMPREPLY=()
  _slotlab_cli
  printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ' | sed 's/ $//'
}
expect ()              # expect NAME EXPECTED WORD...
{
  local name=$1 expected=$2 got
  shift 2
  got=$(complete_words "$@")
  n=$((n + 1))
  if [[ $got == "$expected" ]]; then
    echo "ok $n - $name"
  else
    echo "not ok $n - $name"
    echo "# expected: $expected"
    echo "#      got: $got"
    failed=1
  fi
}

echo "1..9"
expect "every command" "--help advise check costs import layout map python run versions" ""
expect "a prefix completes one command" "run" "ru"
expect "two commands share a prefix" "check costs" "c"
expect "layout's options" "--class" "layout" "$session" "--cl"
expect "run's options include --all-interpreters" "--all-interpreters" "run" "$session" "--al"
expect "--python offers the 3.1x profiles" "3.10 3.11 3.12 3.13 3.13t 3.14 3.14t 3.15" "layout" "$session" "--python" "3.1"
expect "--class offers the session's classes" "SensorRecord SensorRecordNoSlots" "layout" "$session" "--python" "3.12" "--class" "Sen"
expect "--strategy offers the four strategies" "as-declared dict mixed slots" "layout" "$session" "--strategy" ""
expect "--format offers costs' formats" "csv markdown text" "costs" "$session" "--format" ""
exit $failed
