"""The library's entry points: `load` reads one edition, `compare` two. The CLI is a thin layer over these."""
from __future__ import annotations

import os
from typing import Callable

from .model import Comparison, Edition

DEFAULT_MAX_PAGES = 3000

EditionLike = Edition | str | os.PathLike


def load(path: str | os.PathLike, *, max_pages: int = DEFAULT_MAX_PAGES,
         progress: Callable[[int, int], None] | None = None) -> Edition:
    """Read a UN report PDF into an `Edition` (metadata, section tree, paragraphs with their footnotes).

    Raises a `ReportDiffError` subclass for input that is not a readable, text-bearing PDF.
    """
    from .extract import read_pages
    from .structure import build_edition

    pages = read_pages(path, max_pages=max_pages, progress=progress)
    return build_edition(pages, source=os.path.basename(os.fspath(path)))


def _as_edition(x: EditionLike, **kw) -> Edition:
    return x if isinstance(x, Edition) else load(x, **kw)


def compare(old: EditionLike, new: EditionLike, **load_options) -> Comparison:
    """Compare two editions (paths or `Edition`s): aligned sections, paragraph changes with word diffs and signals."""
    from .compare import compare_editions

    return compare_editions(_as_edition(old, **load_options), _as_edition(new, **load_options))


def series(editions, **load_options):
    """Follow a report through many editions (paths, Editions, a folder or a glob pattern; any order: they are
    put in date order). Each edition is read once and compared with the next; the links are chained into
    lineages (see `reportdiff.series`). Returns a `Series`."""
    from .series import build_series, expand_inputs

    items = expand_inputs(editions)
    cache = load_options.pop("cache", None)
    loaded = [_load_cached(x, cache, **load_options) for x in items]
    return build_series(loaded)


def _load_cached(x: EditionLike, cache, **kw) -> Edition:
    """An Edition as is; a path read once, through the parsed-edition cache when `load` offers one."""
    if isinstance(x, Edition):
        return x
    if cache is not None:
        import inspect

        if "cache" in inspect.signature(load).parameters:
            return load(x, cache=cache, **kw)
    return load(x, **kw)
