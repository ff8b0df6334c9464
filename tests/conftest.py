"""Test settings: hypothesis is derandomised in CI so that a run is repeatable."""
import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

#: slider key press -> redrawn diagram, median ms per notebook, filled by test_browser.py
BROWSER_LATENCIES = {}


def pytest_terminal_summary(terminalreporter):
    """Print the browser test's latencies at the end of every run (target: <= 150 ms)."""
    if BROWSER_LATENCIES:
        terminalreporter.write_sep("-", "dashboard latency in Chromium: slider key press -> diagram redrawn")
        for name, ms in BROWSER_LATENCIES.items():
            terminalreporter.write_line(f"{name}: median {ms:.0f} ms (target <= 150 ms)")
