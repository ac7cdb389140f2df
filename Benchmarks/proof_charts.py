#!/usr/bin/env python3
"""Proof images of the charts (issue #12): reports of a diverging run, a NaN run, a comparison with
one diverging run, a healthy 1,000-step run and a 1,000,000-point run; PDF pages as PNGs
(pdftoppm -r 60) and the HTML in headless Chromium at 1280 px, 390 px (phone) and in dark mode.

    Benchmarks/proof_charts.py BINARY OUT_DIR [--runs DIR] [--screenshots png|jpg]

Runs are made with ../shared/tools/synth_run.py (or the copy named by SYNTH_RUN) into --runs
(default OUT_DIR/runs) when missing; the NaN run is SampleRuns/hf-nan-loss. Prints the HTML size
of every report. Screenshots need Playwright (scripts/browser-test.sh makes .build/browser-venv).
"""
import argparse
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SYNTH = os.environ.get("SYNTH_RUN", os.path.join(ROOT, "..", "shared", "tools", "synth_run.py"))

RUNS = {
    # name: synth_run.py arguments
    "diverging": ["--steps", "2000", "--log-every", "10", "--eval-every", "200", "--pathology", "explode", "--formats", "hf"],
    "healthy1k": ["--steps", "1000", "--log-every", "1", "--eval-every", "100", "--formats", "hf"],
    "healthy-b": ["--steps", "2000", "--log-every", "10", "--eval-every", "200", "--seed", "3", "--formats", "hf"],
    "healthy-c": ["--steps", "2000", "--log-every", "10", "--eval-every", "200", "--seed", "5", "--pathology", "overfit",
                  "--formats", "hf"],
    "million": ["--steps", "1000000", "--log-every", "1", "--eval-every", "10000", "--formats", "jsonl"],
}

SHOTS = [("desktop", 1280, "light"), ("phone", 390, "light"), ("dark", 1280, "dark")]


def make_runs(folder):
    for name, args in RUNS.items():
        path = os.path.join(folder, name)
        if not os.path.isdir(path):
            subprocess.run([sys.executable, SYNTH, path] + args, check=True, stdout=subprocess.DEVNULL)


def reports(binary, runs, out):
    pages = {}
    inputs = {"diverging": os.path.join(runs, "diverging"), "nan": os.path.join(ROOT, "SampleRuns", "hf-nan-loss"),
              "healthy1k": os.path.join(runs, "healthy1k"), "million": os.path.join(runs, "million")}
    for label, path in inputs.items():
        folder = os.path.join(out, "reports", label)
        subprocess.run([binary, "report", path, "--format", "pdf,html", "--output", folder], check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        sub = next(os.path.join(folder, d) for d in os.listdir(folder) if os.path.isdir(os.path.join(folder, d)))
        pages[label] = (os.path.join(sub, "report.pdf"), os.path.join(sub, "report.html"))
    folder = os.path.join(out, "reports", "compare")
    subprocess.run([binary, "compare", os.path.join(runs, "healthy-b"), os.path.join(runs, "healthy-c"),
                    os.path.join(runs, "diverging"), "--format", "pdf,html", "--output", folder], check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    pages["compare"] = (os.path.join(folder, "compare.pdf"), os.path.join(folder, "compare.html"))
    return pages


def pdf_pages(pdf, prefix):
    subprocess.run(["pdftoppm", "-png", "-r", "60", pdf, prefix], check=True)


def screenshots(pages, out, ext):
    from playwright.sync_api import sync_playwright
    options = {"type": "jpeg", "quality": 60} if ext == "jpg" else {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for label, (_, page_path) in pages.items():
            for shot, width, scheme in SHOTS:
                page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
                errors = []
                page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
                page.on("pageerror", lambda e: errors.append(str(e)))
                page.goto("file://" + page_path)
                # The Charts section from its top: the first charts (the loss chart first), at most 1,800 px.
                box = page.locator("#charts").bounding_box()
                clip = {"x": box["x"], "y": box["y"], "width": box["width"], "height": min(box["height"], 1800)}
                page.screenshot(path=os.path.join(out, f"{label}-html-{shot}.{ext}"), clip=clip, full_page=True, **options)
                if shot == "desktop":
                    # The loss chart with the cursor in the middle: the tooltip a reader sees.
                    plot = page.locator("#chart-1 .explore-plot")
                    if plot.count():
                        plot.scroll_into_view_if_needed()
                        box = page.locator("#chart-1 .explore-frame").first.bounding_box()
                        page.mouse.move(box["x"] + box["width"] * 0.45, box["y"] + box["height"] * 0.5)
                        page.locator("#chart-1").screenshot(path=os.path.join(out, f"{label}-html-hover.{ext}"), **options)
                if errors:
                    print(f"{label} {shot}: console errors: {errors}")
                page.close()
        browser.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("out")
    parser.add_argument("--runs")
    parser.add_argument("--screenshots", choices=["png", "jpg"], default="png",
                        help="image format of the HTML screenshots (jpg: smaller, for committing)")
    args = parser.parse_args()
    runs = args.runs or os.path.join(args.out, "runs")
    os.makedirs(runs, exist_ok=True)
    make_runs(runs)
    pages = reports(os.path.abspath(args.binary), runs, args.out)
    for label, (pdf, page) in pages.items():
        print(f"{label}: HTML {os.path.getsize(page):,} bytes, PDF {os.path.getsize(pdf):,} bytes")
        pdf_pages(pdf, os.path.join(args.out, f"{label}-pdf"))
    screenshots(pages, args.out, args.screenshots)


if __name__ == "__main__":
    main()
