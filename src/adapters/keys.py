"""The keys that make tampering show: an HMAC key for the chain and an Ed25519 key pair for
signed checkpoints, kept in a key folder outside the store (ADR 0008).

    <key folder>/<key id>.chain      32 random bytes, hex
    <key folder>/<key id>.signing    Ed25519 private key, PEM
    <key folder>/<key id>.public     Ed25519 public key, PEM (give it to whoever verifies)
"""

import os
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

    def create(self) -> str:
        """Make a new key id with its chain key and signing key pair; return the id."""
        import secrets

        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        key_id = secrets.token_hex(4)
        private = Ed25519PrivateKey.generate()
        self._write(f"{key_id}.chain", secrets.token_hex(32).encode(), 0o600)
        self._write(f"{key_id}.signing", private.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption()), 0o600)
        self._write(f"{key_id}.public", private.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo), 0o644)
        return key_id

    def chain_key(self, key_id: str) -> bytes:
        return bytes.fromhex(self._read(key_id, "chain").decode().strip())

    def signing_key(self, key_id: str):
        from cryptography.hazmat.primitives.serialization import load_pem_private_key

        return load_pem_private_key(self._read(key_id, "signing"), password=None)

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

    def _write(self, name: str, data: bytes, mode: int) -> None:
        path = self.folder / name
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
