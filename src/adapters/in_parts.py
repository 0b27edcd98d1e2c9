"""Work over a log's positions cut into ranges and done at once, one process per processor
(ADR 0021): `lif verify` and `lif export` cost CPython's work per row, which one process cannot
make smaller."""

import multiprocessing
import os
from collections.abc import Callable

# Workers fork from a server process that loaded only the work's module, never from this one,
# which may hold open connections, threads or library state a plain fork copies half-way
# (ADR 0029).
START = "forkserver"
PARALLEL_FROM = 200_000  # events; below this, starting a second process costs more than it saves


def how_many(head: int, parts: int | None = None) -> int:
    """The parts to cut a log of `head` positions into: `parts` if given, else one per
    processor from PARALLEL_FROM events; 1 where processes cannot be forked."""
    if parts is None:
        parts = (os.cpu_count() or 1) if head >= PARALLEL_FROM else 1
    if parts > 1 and head > parts and START in multiprocessing.get_all_start_methods():
        return parts
    return 1


def in_parts(here: Callable, elsewhere: Callable, head: int, parts: int, progress=None) -> list:
    """`here(after, through, progress)` for the first range of positions, in this process (told
    of progress scaled to the whole), and `elsewhere(after, through)` for each other range in a
    worker process; their results in position order. `elsewhere` and its arguments must be
    picklable (a functools.partial of a module's function)."""
    from concurrent.futures import ProcessPoolExecutor

    bounds = [head * i // parts for i in range(parts + 1)]
    ranges = list(zip(bounds, bounds[1:]))
    context = multiprocessing.get_context(START)
    context.set_forkserver_preload([getattr(elsewhere, "func", elsewhere).__module__])
    with ProcessPoolExecutor(parts - 1, mp_context=context) as pool:
        later = [pool.submit(elsewhere, after, through) for after, through in ranges[1:]]
        told = (lambda n: progress(n * parts)) if progress else None
        return [here(*ranges[0], told)] + [f.result() for f in later]
