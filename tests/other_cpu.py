"""An opt-in pytest plugin that makes this machine behave like another CPU.

numpy's exp, tanh, log, log1p and expm1 are separate implementations on different CPUs
(numpy's own SIMD code on AVX-512 or AVX2, the C library elsewhere), and they may
differ in the last bit.  With this plugin bpcore's activations and losses get results
one ulp up or down (chosen by the result's last bits) for about half of all
elements, so a test whose tolerance only holds on one CPU fails here too:

    PYTHONPATH=tests .venv/bin/python -m pytest -p other_cpu tests/test_doc000.py

For the notebooks (nbval runs them in a kernel), load it from an IPython startup file:
put ``import other_cpu`` in ``$IPYTHONDIR/profile_default/startup/00-other-cpu.py`` and
run with IPYTHONDIR and PYTHONPATH=tests set.  The whole suite and every notebook's
stored outputs pass under it.
"""
import types

import numpy as np


def _one_ulp_off(r):
    r = np.asarray(r)
    if r.dtype != np.float64 or r.size == 0:
        return r
    bits = r.view(np.int64) & 3
    moved = np.where(bits == 1, np.nextafter(r, np.inf), np.where(bits == 2, np.nextafter(r, -np.inf), r))
    moved = np.where(np.isfinite(r) & (r != 0), moved, r)
    return moved if moved.ndim else moved[()]


class _OtherCPU(types.ModuleType):
    def __getattr__(self, name):
        return getattr(np, name)


numpy_elsewhere = _OtherCPU("numpy_on_another_cpu")
for _name in ("exp", "tanh", "log", "log1p", "expm1"):
    setattr(numpy_elsewhere, _name, (lambda f: lambda *a, **k: _one_ulp_off(f(*a, **k)))(getattr(np, _name)))

import bpcore.activations  # noqa: E402
import bpcore.losses  # noqa: E402

bpcore.activations.np = numpy_elsewhere
bpcore.losses.np = numpy_elsewhere
