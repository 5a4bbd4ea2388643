#!/bin/sh
# Takes the screenshot for data/screenshots/main.png: `slotlab` on the
# Lecture 17 session under Xvfb (1280x800), captured with ImageMagick's
# `import -window root`.
# Usage: tests/gui/screenshot.sh BUILDDIR OUTPUT.png
set -e
builddir=$(cd "$1" && pwd)
output=$2
here=$(cd "$(dirname "$0")" && pwd)

unset DISPLAY
export GSETTINGS_SCHEMA_DIR="$builddir/data/desktop"
exec "$here/run-under-xvfb.sh" sh -c '
  "$0/app/slotlab" &
  app=$!
  sleep 5
  import -window root "$1"
  kill $app
  wait $app 2>/dev/null || true
' "$builddir" "$output"
