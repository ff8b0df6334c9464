"""Test settings: hypothesis is derandomised in CI so that a run is repeatable."""
import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

# The browser tests' plugin (tests/browser_support.py: servers, Chromium, Playwright) is loaded
# by the test files that need it (pytest_plugins there), so the other tests run without Playwright.
