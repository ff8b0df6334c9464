"""Test settings: hypothesis is derandomised in CI so that a run is repeatable."""
import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

pytest_plugins = ["browser_support"]   # the browser tests' servers, Chromium and helpers
