"""Benchmark the dashboards: time from a slider value change to the views redrawn, in the kernel.

    .venv/bin/python benchmarks/bench_dashboard.py

A slider change runs the forward and backward pass and rebuilds the SVG diagram,
the SVG gradient bars and the numbers table; the widget values are then ready to
send.  Also timed: one "One step" press including a synchronous render of the
ipympl curves (in the browser that render happens when the page asks for it).
Target: <= 50 ms median for a slider change.
"""
import statistics
import time

from bpcore.widgets.dashboard import doc000_dashboard, doc001_dashboard

MOVES = 200


def slider_latency(make, name, lo, hi):
    d = make().dashboard
    times = []
    for i in range(MOVES):
        value = lo + (hi - lo) * (i % 50) / 49
        start = time.perf_counter()
        d.sliders[name].value = value
        times.append(time.perf_counter() - start)
    return d, times


def main():
    print("| dashboard | action | median | 90th percentile |")
    print("| --- | --- | ---: | ---: |")
    for label, make, name, lo, hi in [("document 001", doc001_dashboard, "w5", -1.0, 1.0),
                                      ("document 000", doc000_dashboard, "w_(2,5)", 1.0, 3.0)]:
        d, times = slider_latency(make, name, lo, hi)
        times.sort()
        print(f"| {label} | slider moved → views redrawn | {statistics.median(times) * 1e3:.1f} ms | "
              f"{times[int(0.9 * len(times))] * 1e3:.1f} ms |")
        steps = []
        for _ in range(10):
            start = time.perf_counter()
            d.buttons["step"].click()
            for fig in d.figs:
                fig.canvas.draw()
            steps.append(time.perf_counter() - start)
            d.buttons["reset"].click()
        steps.sort()
        print(f"| {label} | One step, curves rendered | {statistics.median(steps) * 1e3:.1f} ms | "
              f"{steps[int(0.9 * len(steps))] * 1e3:.1f} ms |")


if __name__ == "__main__":
    main()
