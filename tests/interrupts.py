"""Interrupt a call at its n-th line: what the kernel's stop button does, at any point.

``interrupt_at(call, n)`` runs ``call()`` with a trace function that raises
KeyboardInterrupt at the n-th line executed (in any Python frame under the call: bpcore's,
numpy's, the standard library's); it returns True if the call was interrupted, False if
it finished in fewer lines.  ``lines_run(call)`` counts the lines of an uninterrupted run.
"""
import sys


def _run_traced(call, stop_at):
    count = 0

    def tracer(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
            if count == stop_at:
                raise KeyboardInterrupt(f"interrupted at line {count}")
        return tracer

    old = sys.gettrace()
    sys.settrace(tracer)
    try:
        call()
    finally:
        sys.settrace(old)
    return count


def lines_run(call):
    return _run_traced(call, None)


def interrupt_at(call, n):
    try:
        _run_traced(call, n)
    except KeyboardInterrupt:
        return True
    return False
