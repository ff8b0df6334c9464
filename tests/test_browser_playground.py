"""The playground in JupyterLab and as a Voilà app, in headless Chromium.

Fixtures and helpers: tests/browser_support.py.  Chromium: /usr/bin/chromium (Debian's), or
$BPCORE_CHROMIUM; skipped when missing, except in CI (CI=true), where it fails.
"""
import statistics
from pathlib import Path

import pytest
from browser_support import (BROWSER_LATENCIES, DIAGRAM, assert_no_errors, key_to_redraw_latencies,  # noqa: F401
                             open_notebook, run_all, screenshot, slider_handle)
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_playground_plays_without_blocking(page, lab):
    open_notebook(page, lab, "en/03_playground.ipynb")
    run_all(page)
    assert_no_errors(page)
    boundary = page.locator('svg[aria-label="decision boundary with training and test points"]')
    expect(boundary).to_be_visible(timeout=30000)
    app = page.locator(".jp-OutputArea-output", has=boundary).first
    app.scroll_into_view_if_needed()
    counter = app.locator(".widget-html-content", has_text="epoch").first
    expect(counter).to_contain_text("step 0")
    app.get_by_role("button", name="Play").click()
    page.wait_for_timeout(2500)
    first = counter.inner_text()
    handle = slider_handle(app, "steps per frame")
    handle.focus()
    page.keyboard.press("ArrowRight")                       # a control answers while it plays
    expect(app.locator(".widget-slider", has=page.locator(".widget-label", has_text="steps per frame"))
           .locator(".widget-readout")).to_have_text("6", timeout=10000)
    page.wait_for_timeout(1500)
    assert counter.inner_text() != first, "training did not go on while a slider moved"
    app.get_by_role("button", name="Pause").click()
    screenshot(app, "playground.png")


def test_playground_runs_as_a_voila_app(page, voila):
    page.goto(voila)
    boundary = page.locator('svg[aria-label="decision boundary with training and test points"]')
    expect(boundary).to_be_visible(timeout=120000)
    counter = page.locator(".widget-html-content", has_text="epoch").first
    expect(counter).to_contain_text("step 0")
    page.get_by_role("button", name="One step").click()
    expect(counter).to_contain_text("step 1", timeout=20000)
