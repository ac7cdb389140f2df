"""Browser test of the explorable HTML charts (Templates/explore.js), in Debian's Chromium driven by
Playwright: hover, drag-zoom, double-click reset, legend toggle, smoothing slider, keyboard, the
envelope of a long run, the comparison page, the no-script fallback; no console errors and no
network request. Run by scripts/browser-test.sh (which builds the venv); usage:

    explorable_charts_test.py TRAINREPORT_BINARY WORK_DIR
"""
import json
import math
import os
import re
import subprocess
import sys
import time

from playwright.sync_api import sync_playwright

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAIL: " + message)


def report(binary, args, out):
    subprocess.run([binary] + args + ["--output", out], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)


def watch(page):
    """Collects console errors, page errors and every request that is not the page itself."""
    seen = {"errors": [], "requests": []}
    page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("request", lambda r: seen["requests"].append(r.url)
            if not r.url.startswith("file://") and not r.url.startswith("data:") else None)
    return seen


def frame_box(page, chart):
    """The plot frame of `chart` in viewport coordinates, scrolled into view."""
    page.locator(chart + " .explore-plot").scroll_into_view_if_needed()
    return page.locator(chart + " .explore-frame").first.bounding_box()


def number_after(text, label):
    m = re.search(re.escape(label) + r": (-?[0-9.]+(?:e-?[0-9]+)?)", text)
    return float(m.group(1)) if m else None


def run_report_page(browser, binary, work):
    """A run report: hf-overfit-gpt2 (train loss smoothed, eval loss, epochs)."""
    report(binary, ["report", os.path.join(ROOT, "SampleRuns/hf-overfit-gpt2"), "--format", "html"], work)
    page_path = os.path.join(work, "hf-overfit-gpt2", "report.html")
    with open(os.path.join(ROOT, "SampleRuns/hf-overfit-gpt2/trainer_state.json")) as f:
        history = json.load(f)["log_history"]
    train = {e["step"]: e["loss"] for e in history if "loss" in e}

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    seen = watch(page)
    page.goto("file://" + page_path)
    blocks = page.locator("script.explore-data").count()
    check(blocks >= 3, f"expected explorable loss, LR and grad-norm charts, found {blocks} data blocks")
    check(page.locator("figure.explorable").count() == blocks, "every chart with data became explorable")
    check(not page.locator("#chart-1 picture").is_visible(), "the static picture is hidden once the chart is drawn")

    chart = "#chart-1"
    box = frame_box(page, chart)
    # Hover: the tooltip names the step and epoch, and the raw train loss logged at that step.
    page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5)
    tip = page.locator(chart + " .explore-tip")
    check(tip.is_visible(), "hover shows the tooltip")
    text = tip.inner_text()
    m = re.search(r"step ([0-9,]+)", text)
    check(m is not None and "epoch" in text, f"tooltip names step and epoch: {text!r}")
    if m:
        step = int(m.group(1).replace(",", ""))
        value = number_after(text, "train loss")
        check(step in train and value is not None and math.isclose(value, train[step], rel_tol=1e-6),
              f"tooltip train loss {value} is the logged loss at step {step} ({train.get(step)})")
        check("smoothed" in text and "eval loss" in text, f"tooltip gives smoothed value and eval loss: {text!r}")

    # Drag to zoom on x: the readout says the new range, which lies inside the run.
    before = page.locator(chart + " .explore-tick").all_inner_texts()
    page.mouse.move(box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.5)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.6, box["y"] + box["height"] * 0.5, steps=4)
    page.mouse.up()
    readout = page.locator(chart + " .explore-readout").inner_text()
    zoom = re.search(r"Zoomed to step ([0-9,]+) to ([0-9,]+)", readout)
    check(zoom is not None, f"drag zooms: {readout!r}")
    if zoom:
        a, b = (int(g.replace(",", "")) for g in zoom.groups())
        first, last = min(train), max(train)
        check(first < a < b < last, f"zoomed range {a}-{b} lies inside {first}-{last}")
    check(page.locator(chart + " .explore-tick").all_inner_texts() != before, "zoom redraws the axis ticks")
    check(page.locator(chart + " .explore-reset").is_enabled(), "Reset zoom is enabled while zoomed")

    # Double-click resets.
    page.mouse.dblclick(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5)
    check(page.locator(chart + " .explore-readout").inner_text().startswith("Whole run"), "double-click resets the zoom")
    check(page.locator(chart + " .explore-tick").all_inner_texts() == before, "reset restores the axis")
    check(not page.locator(chart + " .explore-reset").is_enabled(), "Reset zoom is disabled at the whole run")

    # Legend: hide the eval loss.
    markers = page.locator(chart + " circle.explore-marker").count()
    check(markers > 0, "eval loss points are drawn")
    button = page.locator(chart + " .explore-legend button", has_text="eval loss")
    button.click()
    check(button.get_attribute("aria-pressed") == "false", "legend button reports the series hidden")
    check(page.locator(chart + " circle.explore-marker").count() == 0, "hidden series is not drawn")
    page.mouse.move(box["x"] + box["width"] * 0.4, box["y"] + box["height"] * 0.5)
    check("eval loss" not in tip.inner_text(), "hidden series is left out of the tooltip")
    button.click()
    check(page.locator(chart + " circle.explore-marker").count() == markers, "showing it again draws it")

    # Smoothing slider: a new weight redraws the smoothed line.
    smoothed = page.locator(chart + " path.explore-smoothed").first.get_attribute("d")
    page.locator(chart + " .explore-smoothing input").fill("0.9")
    check(page.locator(chart + " .explore-smoothing output").inner_text() == "0.9", "slider shows its weight")
    check(page.locator(chart + " path.explore-smoothed").first.get_attribute("d") != smoothed, "slider re-smooths")

    # Keyboard: focus, arrows move the cursor point by point, + zooms, 0 resets.
    page.mouse.move(0, 0)
    page.locator(chart + " .explore-plot").focus()
    page.keyboard.press("ArrowRight")
    first_step = min(train)
    readout = page.locator(chart + " .explore-readout").inner_text()
    check(readout.startswith(f"step {first_step:,}"), f"first arrow puts the cursor on the first point: {readout!r}")
    page.keyboard.press("ArrowRight")
    second = sorted(train)[1]
    readout = page.locator(chart + " .explore-readout").inner_text()
    check(readout.startswith(f"step {second:,}"), f"next arrow moves one point: {readout!r}")
    check(tip.is_visible(), "the keyboard cursor shows the tooltip")
    page.keyboard.press("+")
    check("Zoomed to" in page.locator(chart + " .explore-readout").inner_text(), "+ zooms in")
    page.keyboard.press("0")
    check(page.locator(chart + " .explore-readout").inner_text().startswith("Whole run"), "0 resets")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement && document.activeElement.className")
    check(focused == "explore-series", f"Tab moves from the chart to its legend buttons (focused: {focused!r})")

    check(not seen["errors"], f"no console errors: {seen['errors']}")
    check(not seen["requests"], f"no network requests: {seen['requests']}")
    page.close()

    # Without script the static chart stays.
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto("file://" + page_path)
    check(page.locator("#chart-1 picture img").is_visible(), "without script the static chart is shown")
    check(page.locator(".explore").count() == 0, "without script nothing explorable is added")
    context.close()


def long_run_page(browser, binary, work):
    """A run longer than the point budget: hover reads the envelope ("range") and the slider says
    it smooths a reduction."""
    run = os.path.join(work, "long-run")
    os.makedirs(run, exist_ok=True)
    with open(os.path.join(run, "train_log.jsonl"), "w") as f:
        for step in range(1, 30_001):
            loss = 2.0 + 3.0 / math.sqrt(step) + 0.05 * math.sin(step * 0.37)
            f.write(json.dumps({"step": step, "loss": loss}) + "\n")
    out = os.path.join(work, "long-out")
    report(binary, ["report", run, "--format", "html"], out)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    seen = watch(page)
    page.goto("file://" + os.path.join(out, "long-run", "report.html"))
    box = frame_box(page, "#chart-1")
    page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5)
    text = page.locator("#chart-1 .explore-tip").inner_text()
    check(re.search(r"train loss: range [0-9.]+–[0-9.]+", text) is not None, f"envelope hover says the range: {text!r}")
    note = page.locator("#chart-1 .explore-note").inner_text()
    check("reduction of 30,000 points" in note, f"slider says it smooths a reduction: {note!r}")
    check(not seen["errors"], f"no console errors on the long run: {seen['errors']}")
    page.close()


def compare_page(browser, binary, work):
    """The comparison page gets the same charts: one series per run, hover lists each."""
    out = os.path.join(work, "cmp")
    report(binary, ["compare", os.path.join(ROOT, "SampleRuns/hf-overfit-gpt2"),
                    os.path.join(ROOT, "SampleRuns/hf-healthy-gpt2"), "--format", "html"], out)
    page = browser.new_page(viewport={"width": 390, "height": 800})
    seen = watch(page)
    page.goto("file://" + os.path.join(out, "compare.html"))
    check(page.locator("figure.explorable").count() >= 2, "comparison charts are explorable")
    box = frame_box(page, "#chart-1")
    page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5)
    text = page.locator("#chart-1 .explore-tip").inner_text()
    check("hf-overfit-gpt2 train" in text and "hf-healthy-gpt2 train" in text, f"hover lists every run: {text!r}")
    check(not seen["errors"], f"no console errors on the comparison: {seen['errors']}")
    check(not seen["requests"], f"no network requests on the comparison: {seen['requests']}")
    page.close()


def main():
    binary, work = sys.argv[1], sys.argv[2]
    started = time.monotonic()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for test in (run_report_page, long_run_page, compare_page):
            test(browser, binary, work)
        browser.close()
    elapsed = time.monotonic() - started
    if failures:
        print(f"browser test: {len(failures)} checks failed ({elapsed:.1f} s)")
        sys.exit(1)
    print(f"browser test: all checks passed ({elapsed:.1f} s)")


if __name__ == "__main__":
    main()
