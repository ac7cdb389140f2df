#!/usr/bin/env python3
"""Turns an audit folder (index.json + each run's report.json) into the calibration sheet (Markdown).

One row per run, sorted by path: verdict, verdict reason, then each warning and error as
`severity id: title`. Info findings are counted only. Pipes and newlines in log text are escaped so a
row stays one row.
"""
import json
import os
import sys


def cell(text):
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def main(audit_dir):
    with open(os.path.join(audit_dir, "index.json"), encoding="utf-8") as f:
        index = json.load(f)
    rows = []
    for run in sorted(index["runs"], key=lambda r: r["path"]):
        path = run["path"]
        if run.get("error"):
            rows.append((path, "unreadable", cell(run["error"]), ""))
            continue
        report = os.path.join(audit_dir, run["report"], "report.json") if run.get("report") else None
        findings = []
        infos = 0
        if report and os.path.exists(report):
            with open(report, encoding="utf-8") as f:
                data = json.load(f)
            # Corpus runs are marked as such, so the sheet does not depend on where the shared
            # material is mounted and they cannot be mistaken for SampleRuns.
            sources = [source["path"] for source in data["run"]["sources"]]
            if sources and "/corpus/" in sources[0]:
                path = "corpus: " + path
            for finding in data["findings"]:
                if finding["severity"] == "info":
                    infos += 1
                else:
                    findings.append(f"**{finding['severity']}** `{finding['id']}`: {cell(finding['title'])}")
        if infos:
            findings.append(f"({infos} info)")
        rows.append((path, run["verdict"], cell(run.get("verdict_reason") or ""), "<br>".join(findings)))
    print("# Calibration sheet: every sample and corpus run, as trainreport judges it")
    print()
    print("Written by `scripts/calibrate.sh`; do not edit by hand. A rule change shows here as a diff.")
    print()
    print("| run | verdict | reason | warnings and errors |")
    print("|---|---|---|---|")
    for path, verdict, reason, findings in rows:
        print(f"| {cell(path)} | {verdict} | {reason} | {findings} |")


if __name__ == "__main__":
    main(sys.argv[1])
