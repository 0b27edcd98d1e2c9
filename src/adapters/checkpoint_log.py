"""The checkpoint log: every checkpoint signed of a store, appended to a file outside it
(ADR 0025). `lif verify` checks the store against all of them, so a tail cut from the store
after any checkpoint shows, even when no one passes that checkpoint by hand.

Entries are signed notes, each followed by a blank line. Default
~/.config/lif/checkpoints/<store origin>.txt, or LIF_CHECKPOINT_LOG (which may be shared by
several stores: each reads the entries of its own origin)."""

import os
from pathlib import Path

from lif_domain.errors import InvalidInput


def default_checkpoint_log(env, store_origin: str) -> Path:
    configured = env.get("LIF_CHECKPOINT_LOG")
    if configured:
        return Path(configured)
    home = Path(env.get("HOME") or Path.home())
    return home / ".config" / "lif" / "checkpoints" / f"{store_origin}.txt"


class CheckpointLog:
    def __init__(self, path: Path):
        self.path = path

    def entries(self) -> list[str]:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        except (OSError, UnicodeDecodeError) as e:
            raise InvalidInput(f"the checkpoint log {self.path} cannot be read ({e})") from None
        chunks = [c for c in text.replace("\r\n", "\n").split("\n\n") if c.strip()]
        if len(chunks) % 2:
            raise InvalidInput(f"the checkpoint log {self.path} ends part way through an entry")
        return [f"{body}\n\n{signatures.strip()}\n"
                for body, signatures in zip(chunks[::2], chunks[1::2])]

    def append(self, note: str) -> None:
        """Add one entry, synced to disk before this returns."""
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "ab") as f:
            f.write((note.rstrip("\n") + "\n\n").encode())
            f.flush()
            os.fsync(f.fileno())
