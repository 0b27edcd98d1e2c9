"""Files LIF writes outside the store: whole or not at all, and never over a file unasked
(issue 12)."""

import os
from pathlib import Path

from lif_domain.errors import InvalidInput


def write_new(path: Path, data: bytes, replace: bool = False, mode: int = 0o600) -> None:
    """Write `path` whole or not at all: a temporary file beside it, synced, then renamed
    (over an existing file only when `replace`)."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if replace:
            os.replace(partial, path)
        else:
            os.link(partial, path)  # fails if `path` exists: never overwritten
            os.unlink(partial)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def refuse_existing(paths: list[Path], force: bool) -> None:
    """Refuse, before anything is written, to replace any of `paths` unless `force`."""
    there = [str(p) for p in paths if p.exists()]
    if there and not force:
        raise InvalidInput(f"{there[0]} already exists: write to another folder, or --force to "
                           "replace what is there; nothing was written")
