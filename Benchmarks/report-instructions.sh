#!/bin/sh
# Report cost in instructions, not seconds: an audit worker reports RUNS runs of 2,000 log entries
# (synth_run.py, as Benchmarks/audit.sh) with every output format, under Valgrind's callgrind, which
# counts the instructions executed. Unlike CPU time on this shared 2-core machine (runs of the same
# binary vary by 10-20% with the load), the count varies by about 1% from run to run (thread timing),
# so it shows what a change to the code saves. Prints instructions per run in all and, inclusive, in
# each format's renderer and in what they share (chart layout, the document, diagnosis, loading).
# One-time costs (start-up, loading fonts) are spread over RUNS. Needs valgrind (apt-get install valgrind).
# Usage: Benchmarks/report-instructions.sh [WORK_DIR] [RUNS] [BINARY]   (default: .build/bench-instructions 8)
set -eu
. "$(dirname "$0")/common.sh"
work="${1:-.build/bench-instructions}"
runs="${2:-8}"
synth_archive "$work/archive" "$runs"
bin=${3:-$(release_binary)}
# Valgrind cannot read the Swift compiler's debug information: count a copy without it.
strip -g -o "$work/trainreport" "$bin"
rm -rf "$work/out"
# The worker variable runs the audit in this process (no supervisor restarting a child), so Valgrind
# counts the work itself; fixed hashing seeds keep dictionary order, hence the work, the same.
TRAINREPORT_AUDIT_WORKER=1 SWIFT_DETERMINISTIC_HASHING=1 valgrind --tool=callgrind \
    --callgrind-out-file="$work/callgrind.out" "$work/trainreport" audit "$work/archive" -o "$work/out" \
    --format pdf,html,md,json --jobs 1 --quiet > /dev/null 2> "$work/valgrind.log"
total=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$work/valgrind.log")
echo "runs: $runs, all four formats"
echo "instructions per run: $(echo "$total / $runs / 1000000" | bc) M"
# Inclusive counts of the functions below (demangled names, first match each), per run.
callgrind_annotate --inclusive=yes "$work/callgrind.out" 2>/dev/null | swift demangle --simplified > "$work/annotated.txt"
part() { # label, then a pattern matching one function's line
    count=$(grep -m1 -E "$2" "$work/annotated.txt" | awk '{gsub(",", "", $1); print $1}')
    printf '  %-44s %6s M\n' "$1" "$(echo "${count:-0} / $runs / 1000000" | bc)"
}
part "Markdown PNGs (layout, Cairo, encoding)" "protocol witness for ChartArtwork.png"
part "  of which PNG encoding" "static PNGEncoder.encode\(pixelsOf:\)"
part "PDF" "PDFReportRenderer.render\(_:\)"
part "HTML (view: SVGs, chart data)" "HTMLView.init\(_:indexLink:\)"
part "HTML (templates)" "ReportTemplates.render\(_:template:\)"
part "chart layout (all formats)" "Chart.scene\(width:height:measurer:density:\)"
part "report document (charts, health, text)" "ReportPipeline.document\(for:options:measurer:\)"
part "diagnosis" "Diagnostician.diagnose\(_:config:\)"
part "loading the run" "RunLoader.load\(_:registry:\)"
