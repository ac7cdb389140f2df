#!/usr/bin/env bash
# The calibration sheet: reports every run in SampleRuns/ and in ../shared/corpus/ (when present) and
# writes Calibration/verdicts.md, one row per run: its verdict, the verdict's reason, and every warning
# and error with its one-line title. The file is under version control, so a change to a rule shows,
# in review, which verdicts it moved.
#
#   scripts/calibrate.sh [path/to/trainreport]   (default: the debug build, built when missing)
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-}"
if [[ -z "$bin" ]]; then
    nice swift build --product trainreport >/dev/null
    bin="$(swift build --show-bin-path)/trainreport"
fi
roots=(SampleRuns)
if [[ -d ../shared/corpus ]]; then
    # The corpus keeps files from different repositories side by side; its event files are from
    # unrelated runs, so each is given on its own instead of the folder being read as one run.
    for dir in ../shared/corpus/*/; do
        if [[ "$(basename "$dir")" == tfevents ]]; then
            for file in "$dir"*events.out.tfevents.*; do
                [[ "$file" == *.profile-empty ]] || roots+=("$file")
            done
        else
            roots+=("${dir%/}")
        fi
    done
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Exit status 1 only means some finding reached --fail-on; the sheet is wanted either way.
"$bin" audit "${roots[@]}" --output "$work/audit" --format json --jobs 2 --quiet --fail-on never || true
python3 scripts/calibration_table.py "$work/audit" > Calibration/verdicts.md
echo "wrote Calibration/verdicts.md ($(grep -c '^| ' Calibration/verdicts.md) rows with header)"
