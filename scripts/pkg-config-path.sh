#!/usr/bin/env bash
# Prints a pkg-config search path (for PKG_CONFIG_PATH) holding cairo.pc and pangocairo.pc with the
# system's own flags minus `-pthread`, written to .build/pkgconfig/.
#
# Why: glib's and harfbuzz's .pc files (which pango and cairo require) list `-pthread`, a compiler-
# driver flag SwiftPM does not allow from pkg-config; it drops the flag and prints
# "warning: prohibited flag(s): -pthread" on every build. Dropping it changes nothing for us: glibc
# (2.34 and later) has the pthread functions in libc itself, which every Swift program links. Writing
# the same flags without it silences a warning that is not about this project's code. A plain
# `swift build` without this path still prints the warning, harmlessly (README, "Building").
set -euo pipefail
cd "$(dirname "$0")/.."
dir=.build/pkgconfig
mkdir -p "$dir"
for lib in cairo pangocairo; do
  strip() { sed -e 's/\(^\| \)-pthread\b//g' -e 's/ *$//'; }
  cat > "$dir/$lib.pc.tmp" <<PC
Name: $lib
Description: $lib as the system's pkg-config describes it, without -pthread (written by scripts/pkg-config-path.sh)
Version: $(pkg-config --modversion "$lib")
Cflags: $(pkg-config --cflags "$lib" | strip)
Libs: $(pkg-config --libs "$lib" | strip)
PC
  mv "$dir/$lib.pc.tmp" "$dir/$lib.pc"
done
echo "$PWD/$dir"
