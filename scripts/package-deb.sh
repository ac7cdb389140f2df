#!/usr/bin/env bash
# Builds dist/trainreport_<version>_amd64.deb: a release build with the Swift runtime linked
# statically (no Swift toolchain needed where it is installed), Depends on Debian's Cairo, Pango
# and DejaVu font packages (and whatever else the binary links, read off ldd), the man page
# generated from the commands' help by swift-argument-parser's generate-manual plugin, and bash,
# zsh and fish completions from `trainreport --generate-completion-script`.
#
#   scripts/package-deb.sh && sudo apt-get install ./dist/trainreport_*_amd64.deb
#
# The release build takes several minutes on a 2-core machine. SOURCE_DATE_EPOCH pins the man
# page's date (default: the last commit's date).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh >/dev/null
export PKG_CONFIG_PATH="$(scripts/pkg-config-path.sh)${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"

version=$(sed -n 's/.*static let current = "\(.*\)".*/\1/p' Sources/RunModel/TrainReportVersion.swift)
arch=$(dpkg --print-architecture)
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}"

swift build -c release --static-swift-stdlib --product trainreport
binary="$(swift build -c release --show-bin-path)/trainreport"

# The manual comes from the commands' help, which is the same in every build configuration, so the
# plugin runs on the (cheaper) debug build instead of a second release build.
swift package generate-manual --configuration debug --date "$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%d)" \
    --authors "trainreport maintainers"
manual=$(find .build/plugins -path '*GenerateManual*' -name trainreport.1 | head -n 1)
[[ -n "$manual" ]] || { echo "package-deb: generate-manual wrote no trainreport.1" >&2; exit 1; }

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
root="$stage/trainreport_${version}_${arch}"
install -D -m 755 "$binary" "$root/usr/bin/trainreport"
strip --strip-unneeded "$root/usr/bin/trainreport"
install -d "$root/usr/share/man/man1"
gzip -9n < "$manual" > "$root/usr/share/man/man1/trainreport.1.gz"
install -d "$root/usr/share/bash-completion/completions" "$root/usr/share/zsh/vendor-completions" "$root/usr/share/fish/vendor_completions.d"
"$binary" --generate-completion-script bash > "$root/usr/share/bash-completion/completions/trainreport"
"$binary" --generate-completion-script zsh > "$root/usr/share/zsh/vendor-completions/_trainreport"
"$binary" --generate-completion-script fish > "$root/usr/share/fish/vendor_completions.d/trainreport.fish"
install -d "$root/usr/share/doc/trainreport"
gzip -9n < CHANGELOG.md > "$root/usr/share/doc/trainreport/changelog.gz"
cat > "$root/usr/share/doc/trainreport/copyright" <<'TEXT'
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: trainreport
Comment: The binary links the Swift runtime and Foundation statically (Apache-2.0 with Runtime
 Library Exception) and includes swift-argument-parser, swift-mustache and Yams (Apache-2.0, MIT).
TEXT

# Depends: the Debian package of each library the binary links directly (its NEEDED entries, as
# dpkg-shlibdeps would; they bring their own dependencies), plus the fonts it draws with.
packages=$(objdump -p "$root/usr/bin/trainreport" | awk '$1 == "NEEDED" { print $2 }' | while read -r lib; do
    path=$(ldd "$root/usr/bin/trainreport" | awk -v lib="$lib" '$1 == lib { print $3 }')
    [[ -n "$path" ]] || continue  # the dynamic loader, listed by its path (libc6)
    dpkg -S "$(readlink -f "$path")" 2>/dev/null || dpkg -S "$path"
done | cut -d: -f1 | sort -u)
depends=$(printf '%s\n' $packages fonts-dejavu-core | sort -u | paste -sd, - | sed 's/,/, /g')
for needed in libcairo2 libpango-1.0-0 libpangocairo-1.0-0; do
    [[ "$depends" == *"$needed"* ]] || { echo "package-deb: the binary does not link $needed?" >&2; exit 1; }
done

install -d "$root/DEBIAN"
cat > "$root/DEBIAN/control" <<TEXT
Package: trainreport
Version: $version
Architecture: $arch
Maintainer: trainreport maintainers <trainreport@localhost>
Installed-Size: $(du -sk "$root/usr" | cut -f1)
Depends: $depends
Section: science
Priority: optional
Description: reports on machine-learning training runs from their logs
 Turns the logs a training run leaves behind (Hugging Face Trainer output
 directories, TensorBoard event files and exports, JSONL, Lightning, MLflow,
 text logs) into a report a person can trust: charts, a verdict, and for every
 problem the evidence and the fix, as PDF, HTML, Markdown or JSON; audits
 archives of runs, compares runs, and updates Hugging Face model cards.
TEXT

mkdir -p dist
dpkg-deb --root-owner-group --build "$root" "dist/trainreport_${version}_${arch}.deb"
echo "Depends: $depends"
ls -l "dist/trainreport_${version}_${arch}.deb"
