"""The key folder of stores written before ADR 0025 (ADR 0008): their HMAC chain keys and the
public keys of their v1 checkpoints, read to verify them. LIF makes no such keys now.

    <key folder>/<key id>.chain      32 random bytes, hex
    <key folder>/<key id>.public     Ed25519 public key, PEM
"""

import re
from pathlib import Path

from lif_domain.errors import StoreError


class KeyMissing(StoreError):
    """Raised when a key needed to write, sign or verify is not in the key folder."""


# A key id is a name that `create` made (8 hex digits), looked up in the key folder: never a
# path. Key ids come from the store, which someone with write access to it can edit (issue 12).
KEY_ID = re.compile(r"[0-9a-f]{8}")


def is_key_id(text) -> bool:
    return isinstance(text, str) and KEY_ID.fullmatch(text) is not None


def default_key_dir(env) -> Path:
    configured = env.get("LIF_KEY_DIR")
    if configured:
        return Path(configured)
    return Path(env.get("HOME") or Path.home()) / ".config" / "lif" / "keys"


class KeyRing:
    def __init__(self, folder: Path):
        self.folder = folder

    def chain_key(self, key_id: str) -> bytes:
        return bytes.fromhex(self._read(key_id, "chain").decode().strip())

    def public_key(self, key_id: str):
        from cryptography.hazmat.primitives.serialization import load_pem_public_key

        return load_pem_public_key(self._read(key_id, "public"))

    def _read(self, key_id: str, kind: str) -> bytes:
        if not is_key_id(key_id):
            raise KeyMissing(f"{str(key_id)[:40]!r} is not a key id (8 hex digits), so no key "
                             "is looked up for it: it was edited outside LIF")
        path = self.folder / f"{key_id}.{kind}"
        try:
            return path.read_bytes()
        except OSError:
            raise KeyMissing(f"key {key_id} ({kind}) is not in {self.folder}: set LIF_KEY_DIR "
                             "to the folder that holds this store's keys") from None
