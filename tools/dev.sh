#!/usr/bin/env bash
# Slot Lab's two commands (see README.md):
#
#   tools/dev.sh run    install what is missing, build, start the window
#   tools/dev.sh test   install what is missing, build, run the whole suite
#
# Run as root on Debian 12 (apt-get installs what is missing; nothing is
# installed when everything is already there).  BUILD_DIR picks the build
# directory (default: build).
set -euo pipefail

cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
ASAN_BUILD_DIR=${ASAN_BUILD_DIR:-build-asan}

# Debian 12 packages: the toolchain, the libraries, and what the tests use.
PACKAGES=(
  meson ninja-build pkg-config gcc clang libclang-rt-14-dev llvm
  libglib2.0-dev libglib2.0-bin libjson-glib-dev libgtk-4-dev libadwaita-1-dev
  libgtksourceview-5-dev
  libplplot-dev plplot-driver-cairo libcairo2-dev libglib-testing-0-dev
  gettext desktop-file-utils appstream
  xvfb xauth imagemagick librsvg2-bin poppler-utils fonts-cantarell adwaita-icon-theme
  python3 valgrind
)

say() { printf 'slotlab: %s\n' "$*" >&2; }

install_missing() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    return
  fi
  say "installing: ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    say "run this as root (or with sudo) so that apt-get can install them"
    exit 2
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
}

build() {
  if [ ! -f "$BUILD_DIR/build.ninja" ]; then
    meson setup "$BUILD_DIR"
  fi
  ninja -C "$BUILD_DIR"
}

run_app() {
  if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    say "no display: showing the Lecture 17 session from the command line instead"
    "$BUILD_DIR/app/slotlab-cli" layout data/lecture-17.slotlab --class SensorRecordNoSlots
    say "start the window from a desktop session: $BUILD_DIR/app/slotlab"
    return
  fi
  GSETTINGS_SCHEMA_DIR="$BUILD_DIR/data/desktop" exec "$BUILD_DIR/app/slotlab" "$@"
}

run_tests() {
  # The whole suite: engine, CLI, sessions and hostile input, the window
  # under Xvfb, fuzz drivers; live interpreters are used where found.
  meson test -C "$BUILD_DIR" --print-errorlogs --num-processes 2

  # The engine's tests under valgrind memcheck: no errors, no definite leaks.
  meson test -C "$BUILD_DIR" --print-errorlogs --num-processes 2 --setup valgrind \
    test-chain test-layout-vectors test-session test-cli test-layout-live

  # The engine and CLI again under AddressSanitizer and UBSan.
  if [ ! -f "$ASAN_BUILD_DIR/build.ninja" ]; then
    CC=clang meson setup "$ASAN_BUILD_DIR" -Db_sanitize=address,undefined -Db_lundef=false \
      -Dgui=disabled -Dbuildtype=debug
  fi
  ninja -C "$ASAN_BUILD_DIR"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp:print_suppressions=0 \
    SLOTLAB_LIVE_CASES=${SLOTLAB_LIVE_CASES_ASAN:-60} \
    meson test -C "$ASAN_BUILD_DIR" --print-errorlogs --num-processes 2 --suite engine
}

case "${1:-}" in
  run)  shift; install_missing; build; run_app "$@" ;;
  test) install_missing; build; run_tests ;;
  *)    echo "usage: tools/dev.sh run|test" >&2; exit 2 ;;
esac
