#!/bin/sh
# Runs a GUI test (or the app) under its own Xvfb when DISPLAY is unset, with
# a clean, private environment: temporary XDG dirs, in-memory settings, the
# cairo renderer and no accessibility bus.  Usage: run-under-xvfb.sh PROGRAM [ARGS...]

xvfb_pid=
tmp=$(mktemp -d "${TMPDIR:-/tmp}/slotlab-gui.XXXXXX") || exit 99

cleanup () {
  if [ -n "$xvfb_pid" ]; then
    kill "$xvfb_pid" 2>/dev/null
    wait "$xvfb_pid" 2>/dev/null
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -z "$DISPLAY" ]; then
  # -displayfd lets Xvfb pick a free display itself (no race between tests).
  Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$tmp/display" >"$tmp/xvfb.log" 2>&1 &
  xvfb_pid=$!
  i=0
  while [ ! -s "$tmp/display" ]; do
    i=$((i + 1))
    if [ "$i" -gt 100 ] || ! kill -0 "$xvfb_pid" 2>/dev/null; then
      echo "Bail out! Xvfb did not start:" >&2
      cat "$tmp/xvfb.log" >&2
      exit 99
    fi
    sleep 0.1
  done
  DISPLAY=":$(head -n 1 "$tmp/display")"
  export DISPLAY
fi

mkdir -p "$tmp/config" "$tmp/data" "$tmp/cache" "$tmp/state" "$tmp/runtime"
chmod 700 "$tmp/runtime"
export XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" XDG_CACHE_HOME="$tmp/cache"
export XDG_STATE_HOME="$tmp/state" XDG_RUNTIME_DIR="$tmp/runtime"
export GDK_BACKEND=x11
export GSK_RENDERER="${GSK_RENDERER:-cairo}"
export GSETTINGS_BACKEND="${GSETTINGS_BACKEND:-memory}"
export NO_AT_BRIDGE=1
export GTK_A11Y=none

"$@"
