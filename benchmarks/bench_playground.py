"""Benchmark the playground while it plays: frames and steps per second, and memory over time.

    .venv/bin/python benchmarks/bench_playground.py [--minutes 10]

Plays the default network (document 000's 2-3-2-1) on 500 points, 5 training
steps per frame, in the kernel (the same ``frame()`` the Play button runs,
without the pause between frames), and prints frames per second, steps per
second, the size of the views' markup sent each frame, and the process's resident memory
once a minute.  Targets: >= 20 frames
per second; memory flat over 10 minutes.

Then the cost of the units' pictures on the diagram, in the kernel, for the default network and
for 6 hidden layers of 8: the time to compute and encode them (one forward pass over the grid, the
colours, one PNG) and to write the diagram with and without them, and what they add to the markup.
"""
import argparse
import statistics
import time

from bpcore.draw import svg
from bpcore.widgets.playground_app import DIAGRAM_WIDTH, playground_app


def rss_mib():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=1.0)
    args = parser.parse_args()
    app = playground_app(n_points=500).app
    app.steps_per_frame.value = 5
    frame_times, memory = [], [(0.0, rss_mib())]
    start = last_report = time.perf_counter()
    while time.perf_counter() - start < args.minutes * 60:
        t = time.perf_counter()
        app.frame()
        frame_times.append(time.perf_counter() - t)
        if time.perf_counter() - last_report >= 60:
            last_report = time.perf_counter()
            memory.append(((last_report - start) / 60, rss_mib()))
    memory.append(((time.perf_counter() - start) / 60, rss_mib()))
    fps = 1 / statistics.median(frame_times)
    views = (app.boundary, app.loss_view, app.acc_view, app.diagram, app.counter, app.unit_view)
    markup = sum(len(v.value.encode("utf-8")) for v in views)
    print(f"frames: {len(frame_times)}, median frame {statistics.median(frame_times) * 1e3:.1f} ms "
          f"-> {fps:.0f} frames per second, {5 * fps:.0f} training steps per second")
    print(f"markup sent to the browser per frame: {markup / 1024:.0f} KiB (the points, {len(app.points_view.value) / 1024:.0f} "
          f"KiB, only when the data changes)")
    print(f"history points kept: {len(app.model.history['epoch'])}, epochs trained: {app.model.epoch:.0f}")
    print("resident memory (MiB) by minute: " + ", ".join(f"{m:.0f} min {r:.1f}" for m, r in memory))
    for hidden in ([3, 2], [8] * 6):
        pictures_cost(hidden)


def median_ms(action, repeat=60):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        action()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1e3


def pictures_cost(hidden):
    """The kernel's cost of the units' pictures for a network with these hidden layers."""
    app = playground_app(n_points=500, hidden=hidden).app
    app.run_frames(20)
    m, grads = app.model, app.model.full_gradient()
    sprite = app.unit_sprite()

    def diagram(pictures):
        return svg.network_svg(m.net, app.layout, None, grads, 1, "L", edge_labels=False, grad_glow=True,
                               max_width=DIAGRAM_WIDTH, pictures=pictures)
    frame_ms = median_ms(lambda: app.run_frames(1))
    print(f"hidden {','.join(map(str, hidden))} ({sum(m.net.sizes)} units): frame {frame_ms:.1f} ms with the pictures; "
          f"pictures {median_ms(app.unit_sprite):.2f} ms (forward pass over the grid, colours, one PNG), "
          f"diagram with them {median_ms(lambda: diagram(sprite)):.2f} ms, without {median_ms(lambda: diagram(None)):.2f} ms; "
          f"diagram markup {len(diagram(sprite)) / 1024:.0f} KiB with them ({len(sprite[0]) / 1024:.0f} KiB of PNG), "
          f"{len(diagram(None)) / 1024:.0f} KiB without")


if __name__ == "__main__":
    main()
