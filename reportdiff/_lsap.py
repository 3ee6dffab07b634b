"""scipy's `linear_sum_assignment` without importing `scipy.optimize`.

`from scipy.optimize import linear_sum_assignment` imports all of scipy.optimize (linalg, sparse.linalg, fft,
special, spatial, linprog, ...): 0.4-1 s of a 1-2 s comparison, measured with `python -X importtime` (see README,
Performance). The function itself is a C extension, `scipy/optimize/_lsap`, that needs only numpy: it is loaded
from its file here, the very same code. Any surprise (another scipy layout) falls back to the ordinary import.
"""
from __future__ import annotations


def _load():
    try:
        import importlib.machinery
        import importlib.util
        import os

        import scipy

        folder = os.path.join(os.path.dirname(scipy.__file__), "optimize")
        for suffix in importlib.machinery.EXTENSION_SUFFIXES:
            path = os.path.join(folder, "_lsap" + suffix)
            if os.path.isfile(path):
                loader = importlib.machinery.ExtensionFileLoader("scipy.optimize._lsap", path)
                spec = importlib.util.spec_from_file_location("scipy.optimize._lsap", path, loader=loader)
                module = importlib.util.module_from_spec(spec)
                loader.exec_module(module)
                return module.linear_sum_assignment
    except Exception:   # pragma: no cover - another scipy layout
        pass
    from scipy.optimize import linear_sum_assignment   # pragma: no cover

    return linear_sum_assignment    # pragma: no cover


linear_sum_assignment = _load()
