"""The document notebooks and their dashboards in JupyterLab, in headless Chromium.

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


@pytest.mark.parametrize("name, slider", [("en/01_bp_2-2-2_worked_example.ipynb", "w5"),
                                          ("en/02_bp_2-3-2-1_derivation.ipynb", "w_(2,5)")])
def test_document_notebook_runs_and_its_dashboard_responds(page, lab, name, slider):
    open_notebook(page, lab, name)
    run_all(page)
    assert_no_errors(page)
    diagram = page.locator(DIAGRAM)
    expect(diagram).to_be_visible(timeout=30000)
    dashboard = page.locator(".jp-OutputArea-output", has=diagram).first
    dashboard.scroll_into_view_if_needed()
    numbers = dashboard.locator(".widget-html-content", has_text="training steps").first
    before_numbers, before_diagram = numbers.inner_text(), diagram.inner_html()
    latencies = key_to_redraw_latencies(page, slider_handle(dashboard, slider))
    assert numbers.inner_text() != before_numbers
    assert page.locator(DIAGRAM).inner_html() != before_diagram
    BROWSER_LATENCIES[name] = statistics.median(latencies)   # printed at the end of the run; not a timed test
    canvas = dashboard.locator("canvas").first
    before_curve = canvas.screenshot()
    dashboard.get_by_role("button", name="Train N steps").click()
    expect(numbers).to_contain_text("after 100 training steps", timeout=60000)
    page.wait_for_timeout(1000)
    assert canvas.screenshot() != before_curve, "the loss curve did not change after training"
    screenshot(dashboard, f"dashboard_{Path(name).name[:2]}.png")


def test_start_here_notebook_runs(page, lab):
    open_notebook(page, lab, "en/00_start_here.ipynb")
    run_all(page)
    assert_no_errors(page)
