#!/usr/bin/env bash
# Set up newer CPython interpreters for Slot Lab's live-oracle tests,
# OUTSIDE the repository, without touching the system's apt configuration.
#
#   sudo bash tests/setup-newer-pythons.sh          # into /opt/slotlab-pythons
#   SLOTLAB_PYTHONS_DIR=/some/dir bash tests/setup-newer-pythons.sh
#
# Result: $SLOTLAB_PYTHONS_DIR/bin/python3.X[t] wrappers, one per interpreter
# that could be set up.  Tests discover them by globbing that directory.
#
# Default (GIL) builds 3.13/3.14/3.15: Debian unstable's binary packages,
# unpacked (never installed) into a private root together with unstable's
# glibc and the few shared libraries they link, and run through that glibc's
# own loader (the system glibc of Debian 12 is too old for them).
#
# Free-threaded builds: Debian ships none, so 3.13t is compiled from the
# upstream tarball of Debian's python3.13 source package with --disable-gil,
# using the system toolchain (needs gcc, make; a few minutes on 2 cores).
# 3.14t is built the same way if Debian's mirror still serves a python3.14
# source tarball; otherwise it is skipped with a message.
#
# Idempotent: downloads, unpacks and builds that are already done are skipped.
# Never fails the caller because the network or a package is missing: it says
# so and exits 0.  Set SLOTLAB_SKIP_FREETHREADED=1 to skip the compiles.

set -u -o pipefail

DIR=${SLOTLAB_PYTHONS_DIR:-/opt/slotlab-pythons}
MIRROR=${SLOTLAB_DEBIAN_MIRROR:-http://deb.debian.org/debian}
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
DEFAULT_VERSIONS="3.13 3.14 3.15"
# Candidate python3.X source packages for free-threaded builds, newest first
# within a version; the first one the mirror actually serves is used.
FT_VERSIONS="3.13 3.14"

say()  { echo "setup-newer-pythons: $*"; }
warn() { echo "setup-newer-pythons: WARNING: $*" >&2; }
stop() { say "$*"; say "stopping here (exit 0); wrappers made so far: $(ls "$DIR/bin" 2>/dev/null | tr '\n' ' ')"; exit 0; }

mkdir -p "$DIR" 2>/dev/null && [ -w "$DIR" ] || stop "cannot write to $DIR (run as root or set SLOTLAB_PYTHONS_DIR)"
command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null || stop "apt-get/dpkg-deb not found: not a Debian system"
[ "$(dpkg --print-architecture)" = amd64 ] || stop "only amd64 is handled"

APT=$DIR/apt          # private apt state: sources, lists, cache
ROOT=$DIR/root        # unpacked packages (a partial Debian unstable /)
DEBS=$DIR/debs        # downloaded .deb files
SRC=$DIR/src          # downloaded source tarballs
BUILD=$DIR/build      # free-threaded build trees
FT=$DIR/ft            # free-threaded install prefixes
BIN=$DIR/bin          # the wrappers tests use
mkdir -p "$APT/lists/partial" "$APT/cache/archives/partial" "$APT/etc/sources.list.d" \
         "$APT/etc/preferences.d" "$ROOT" "$DEBS" "$SRC" "$BUILD" "$FT" "$BIN"

# --- private apt --------------------------------------------------------------
# Every path apt would read or write state from is redirected into $APT, and an
# empty dpkg status file makes apt ignore what the system has installed.  The
# system's sources.list, lists, cache and status are never read for packages
# nor written.
cat > "$APT/etc/sources.list" <<EOF
deb [arch=amd64 signed-by=$KEYRING] $MIRROR unstable main
deb-src [signed-by=$KEYRING] $MIRROR unstable main
EOF
: > "$APT/status"
APT_OPTS=(
  -o "Dir::Etc::sourcelist=$APT/etc/sources.list"
  -o "Dir::Etc::sourceparts=$APT/etc/sources.list.d"
  -o "Dir::Etc::preferences=$APT/etc/preferences"
  -o "Dir::Etc::preferencesparts=$APT/etc/preferences.d"
  -o "Dir::State=$APT"
  -o "Dir::State::lists=$APT/lists"
  -o "Dir::State::status=$APT/status"
  -o "Dir::Cache=$APT/cache"
  -o "APT::Sandbox::User=root"   # the downloads land in root-owned dirs
  -o "Acquire::Languages=none"
  -o "APT::Architecture=amd64"
  -o "APT::Architectures::=amd64"
)
papt_get()   { apt-get   "${APT_OPTS[@]}" "$@"; }
papt_cache() { apt-cache "${APT_OPTS[@]}" "$@"; }

say "updating private apt lists for Debian unstable in $APT"
papt_get -q update >"$APT/update.log" 2>&1
# apt-get update may exit 0 on fetch failures: judge by the index it left (a
# stale one from an earlier run is fine: the .debs it names are kept here).
if ! ls "$APT"/lists/*_unstable_main_binary-amd64_Packages* >/dev/null 2>&1; then
  cat "$APT/update.log" >&2; stop "Debian unstable mirror $MIRROR not reachable"
fi

# Version apt would pick for a binary package, empty when unknown.
candidate() { papt_cache policy "$1" 2>/dev/null | awk '/Candidate:/ {print $2}' | grep -v '(none)'; }

# Download one binary package (unless the same version is already here) and
# unpack it into $ROOT (unless already unpacked).  Returns 1 if unavailable.
fetch_and_unpack() {
  local pkg=$1 ver deb
  ver=$(candidate "$pkg")
  [ -n "$ver" ] || { warn "package $pkg not in unstable"; return 1; }
  deb=$(ls "$DEBS/${pkg}_${ver/:/%3a}_"*.deb 2>/dev/null | head -1)
  if [ -z "$deb" ]; then
    say "downloading $pkg $ver"
    (cd "$DEBS" && papt_get -q download "$pkg=$ver" >/dev/null 2>"$APT/download.err") \
      || { cat "$APT/download.err" >&2; warn "could not download $pkg $ver"; return 1; }
    deb=$(ls "$DEBS/${pkg}_${ver/:/%3a}_"*.deb | head -1)
  fi
  if [ ! -e "$ROOT/.unpacked/$(basename "$deb")" ]; then
    say "unpacking $(basename "$deb")"
    dpkg-deb -x "$deb" "$ROOT" || { warn "could not unpack $deb"; return 1; }
    mkdir -p "$ROOT/.unpacked" && touch "$ROOT/.unpacked/$(basename "$deb")"
  fi
}

# --- default (GIL) builds from binary packages -----------------------------------
# glibc and the shared libraries that python3.X-minimal, libpython3.X-minimal and
# libpython3.X-stdlib (their lib-dynload extension modules) link against, taken
# from their Depends; the check below reports anything still resolved from the
# system instead.
LIBS="libc6 libgcc-s1 libc-gconv-modules-extra zlib1g libexpat1 libzstd1 libssl3t64 libffi8
      libbz2-1.0 liblzma5 libuuid1 libsqlite3-0 libtinfo6 libncursesw6 libreadline8t64 libdb5.3t64"
for p in $LIBS; do fetch_and_unpack "$p" || true; done
# The loader itself, not the /lib64 symlink (which points into the system's /usr).
LD=$(find "$ROOT/usr/lib/x86_64-linux-gnu" "$ROOT/lib/x86_64-linux-gnu" -maxdepth 1 -type f -name 'ld-linux-x86-64.so.2' 2>/dev/null | head -1)
[ -n "$LD" ] || stop "unstable's libc6 could not be unpacked; no default builds set up"
LIBPATH=$ROOT/usr/lib/x86_64-linux-gnu:$ROOT/lib/x86_64-linux-gnu

for v in $DEFAULT_VERSIONS; do
  ok=1
  for p in "libpython$v-minimal" "libpython$v-stdlib" "python$v-minimal"; do
    fetch_and_unpack "$p" || ok=0
  done
  if [ $ok = 0 ] || [ ! -x "$ROOT/usr/bin/python$v" ]; then
    warn "python$v not available from unstable; no wrapper for it"; rm -f "$BIN/python$v"; continue
  fi
  # getpath finds the stdlib from the executable's location: with argv[0] set to
  # the wrapper, $DIR/lib/python3.X/os.py must exist, hence this symlink.  Then
  # sys.executable is the wrapper, so subprocesses started from sys.executable
  # run through the private loader too, and -E/-I (which ignore PYTHONHOME) work.
  mkdir -p "$DIR/lib"
  ln -sfn "../root/usr/lib/python$v" "$DIR/lib/python$v"
  cat > "$BIN/python$v" <<EOF
#!/bin/sh
# Generated by setup-newer-pythons.sh: Debian unstable's python$v run through
# unstable's own glibc loader; --inhibit-cache keeps the system's libraries out.
exec "$LD" --inhibit-cache --library-path "$LIBPATH" --argv0 "$BIN/python$v" "$ROOT/usr/bin/python$v" "\$@"
EOF
  chmod +x "$BIN/python$v"
  # Report any library the interpreter or its extension modules would still
  # take from the system (it would work, but it would not be reproducible).
  for f in "$ROOT/usr/bin/python$v" "$ROOT/usr/lib/python$v/lib-dynload/"*.so; do
    "$LD" --inhibit-cache --library-path "$LIBPATH" --list "$f" 2>&1 | grep -v "$ROOT" | grep -E '=>|not found' \
      | grep -v 'linux-vdso' | sed "s|^|  $(basename "$f"): |"
  done | sort -u > "$DIR/python$v.foreign-libs"
  [ -s "$DIR/python$v.foreign-libs" ] && { warn "python$v: libraries not from the private root:"; cat "$DIR/python$v.foreign-libs" >&2; }
  if "$BIN/python$v" -c 'import json, tracemalloc, gc, sys, os, tempfile' ; then
    say "ready: $BIN/python$v -> $("$BIN/python$v" -c 'import sys; print(sys.version.split()[0])')"
  else
    warn "python$v wrapper does not run; removing it"; rm -f "$BIN/python$v"
  fi
done

# --- free-threaded builds from source -------------------------------------------
build_ft() {
  local v=$1 sver up tarball top prefix=$FT/${1}t
  if [ -x "$prefix/bin/python${v}t" ]; then
    ln -sfn "$prefix/bin/python${v}t" "$BIN/python${v}t"
    say "ready (already built): $BIN/python${v}t"; return 0
  fi
  command -v gcc >/dev/null && command -v make >/dev/null || { warn "gcc/make missing: apt-get install build-essential"; return 1; }
  # Every python3.X source version unstable lists, newest first; mirrors drop
  # superseded ones, so try each until one downloads.
  for sver in $(papt_cache showsrc "python$v" 2>/dev/null | awk '/^Version:/ {print $2}' | sort -rV); do
    up=${sver%-*}
    tarball=$SRC/python${v}_${up}.orig.tar.xz
    if [ ! -s "$tarball" ]; then
      say "downloading source python$v $sver"
      (cd "$SRC" && papt_get -q source --download-only "python$v=$sver" >/dev/null 2>&1) || true
    fi
    [ -s "$tarball" ] && break
  done
  [ -s "${tarball:-}" ] || { warn "no python$v source tarball on the mirror: no python${v}t"; return 1; }
  top=$BUILD/${v}t/Python-$up
  if [ ! -d "$top" ]; then
    mkdir -p "$BUILD/${v}t" && tar -C "$BUILD/${v}t" -xf "$tarball" || { warn "cannot unpack $tarball"; return 1; }
  fi
  say "building python${v}t $up with --disable-gil (logs in $BUILD/${v}t; takes several minutes)"
  # Upstream sources as Debian ships them (orig tarball); Debian's own patches
  # do not touch object layout and would need quilt and the full build-deps.
  ( cd "$top" \
    && { [ -f Makefile ] || ./configure --disable-gil --prefix="$prefix" --without-ensurepip >"$BUILD/${v}t/configure.log" 2>&1; } \
    && make -j"$(nproc)" >"$BUILD/${v}t/make.log" 2>&1 \
    && make altinstall >"$BUILD/${v}t/install.log" 2>&1 ) \
    || { warn "python${v}t build failed; see $BUILD/${v}t/*.log"; return 1; }
  ln -sfn "$prefix/bin/python${v}t" "$BIN/python${v}t"
  say "ready: $BIN/python${v}t -> $("$BIN/python${v}t" -c 'import sys; print(sys.version.split()[0])')"
}

if [ "${SLOTLAB_SKIP_FREETHREADED:-0}" = 1 ]; then
  say "SLOTLAB_SKIP_FREETHREADED=1: not building free-threaded interpreters"
else
  for v in $FT_VERSIONS; do build_ft "$v" || true; done
fi

say "done; interpreters in $BIN:"
for p in "$BIN"/python3.*; do
  [ -x "$p" ] && echo "  $p  $("$p" -c 'import sys; print(sys.version.split()[0], "gil" if getattr(sys, "_is_gil_enabled", lambda: True)() else "free-threaded")' 2>/dev/null)"
done
exit 0
