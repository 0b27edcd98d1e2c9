"""C2SP signed notes (c2sp.org/signed-note) with Ed25519 keys, and witness cosignatures
(c2sp.org/tlog-cosignature, cosignature/v1): the text a checkpoint is signed in (ADR 0025).

    note       = text (ending in a newline) + "\\n" + one line per signature
    signature  = "\u2014 " + key name + " " + base64(key id (4 bytes) + Ed25519 signature)
    key id     = SHA-256(key name + "\\n" + type byte + public key)[:4]
    verifier   = key name + "+" + key id (8 hex digits) + "+" + base64(type byte + public key)
    signer     = "PRIVATE+KEY+" + key name + "+" + key id + "+" + base64(type byte + seed)

Type 0x01 signs a note; type 0x04 is a witness's cosignature/v1, whose signature covers
"cosignature/v1\\ntime <unix seconds>\\n" + the checkpoint's text and carries the time (8
bytes, big-endian) between the key id and the signature. The formats are those of Go's
golang.org/x/mod/sumdb/note and of the C2SP witnesses, so their tools read LIF's keys and
checkpoints."""

import base64
import hashlib
import struct
from dataclasses import dataclass

from lif_domain.errors import InvalidInput

ED25519 = 0x01
COSIGNATURE = 0x04
KINDS = {ED25519: "signer", COSIGNATURE: "witness"}
DASH = "\u2014 "
COSIGNED = "cosignature/v1\ntime {}\n"


def _key_id(name: str, kind: int, public: bytes) -> bytes:
    return hashlib.sha256(name.encode() + b"\n" + bytes([kind]) + public).digest()[:4]


def _check_name(name: str) -> str:
    if not name or any(c.isspace() or c == "+" for c in name) or len(name) > 100:
        raise InvalidInput(f"{name[:40]!r} cannot name a key: use letters, digits, '-' and "
                           "'.', without spaces or '+'")
    return name


@dataclass(frozen=True)
class Verifier:
    """A public key that checks a note's signatures: what a trust file holds."""
    name: str
    kind: int  # ED25519 or COSIGNATURE
    public: bytes

    @property
    def key_id(self) -> bytes:
        return _key_id(self.name, self.kind, self.public)

    @property
    def text(self) -> str:
        return (f"{self.name}+{self.key_id.hex()}+"
                f"{base64.b64encode(bytes([self.kind]) + self.public).decode()}")

    @property
    def fingerprint(self) -> str:
        """SHA-256 of the key, in groups of four hex digits: to read out and compare."""
        digest = hashlib.sha256(bytes([self.kind]) + self.public).hexdigest()[:32]
        return "SHA256:" + " ".join(digest[i:i + 4] for i in range(0, 32, 4))

    @classmethod
    def parse(cls, text: str) -> "Verifier":
        parts = text.strip().split("+", 2)  # base64 may hold '+' itself
        try:
            name, hex_id, data = parts
            raw = base64.b64decode(data, validate=True)
            key = cls(_check_name(name), raw[0], raw[1:])
            if key.kind not in KINDS or len(key.public) != 32 or key.key_id.hex() != hex_id:
                raise ValueError
        except (ValueError, IndexError, InvalidInput):
            raise InvalidInput(f"{text.strip()[:60]!r} is not a public key (NAME+ID+KEY, as "
                               "'lif key create' prints)") from None
        return key

    def verifies(self, message: bytes, signature: bytes) -> bool:
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

        try:
            Ed25519PublicKey.from_public_bytes(self.public).verify(signature, message)
            return True
        except InvalidSignature:
            return False


@dataclass(frozen=True)
class Signer:
    name: str
    kind: int
    seed: bytes

    @classmethod
    def generate(cls, name: str, kind: int = ED25519) -> "Signer":
        import secrets

        return cls(_check_name(name), kind, secrets.token_bytes(32))

    @classmethod
    def parse(cls, text: str) -> "Signer":
        parts = text.strip().split("+", 4)
        try:
            private, key, name, hex_id, data = parts
            raw = base64.b64decode(data, validate=True)
            signer = cls(_check_name(name), raw[0], raw[1:])
            if (private, key) != ("PRIVATE", "KEY") or signer.kind not in KINDS \
                    or len(signer.seed) != 32 or signer.verifier.key_id.hex() != hex_id:
                raise ValueError
        except (ValueError, IndexError, InvalidInput):
            raise InvalidInput("not a LIF signing key (a line PRIVATE+KEY+NAME+ID+KEY, as "
                               "'lif key create' writes)") from None
        return signer

    @property
    def text(self) -> str:
        return (f"PRIVATE+KEY+{self.name}+{self.verifier.key_id.hex()}+"
                f"{base64.b64encode(bytes([self.kind]) + self.seed).decode()}\n")

    @property
    def verifier(self) -> Verifier:
        return Verifier(self.name, self.kind, self._key().public_key().public_bytes_raw())

    def _key(self):
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        return Ed25519PrivateKey.from_private_bytes(self.seed)

    def sign(self, text: str, time: int | None = None) -> str:
        """The signature line of `text`: a note signature, or (a witness key) a cosignature at
        `time` (unix seconds)."""
        key_id = self.verifier.key_id
        if self.kind == COSIGNATURE:
            stamp = struct.pack(">Q", time)
            signature = key_id + stamp + self._key().sign((COSIGNED.format(time) + text).encode())
        else:
            signature = key_id + self._key().sign(text.encode())
        return f"{DASH}{self.name} {base64.b64encode(signature).decode()}\n"


@dataclass(frozen=True)
class Signature:
    name: str
    key_id: bytes
    data: bytes  # after the key id: the signature (with a cosignature's time before it)


@dataclass(frozen=True)
class Note:
    text: str
    signatures: tuple[Signature, ...]

    @classmethod
    def parse(cls, note: str) -> "Note":
        text, blank, rest = note.rpartition("\n\n")
        if not blank or not text:
            raise InvalidInput("not a signed note: no blank line before its signatures")
        signatures = []
        for line in rest.splitlines():
            try:
                if not line.startswith(DASH):
                    raise ValueError
                name, data = line[len(DASH):].split(" ")
                raw = base64.b64decode(data, validate=True)
                if len(raw) < 5:
                    raise ValueError
            except ValueError:
                raise InvalidInput(f"a signed note with a malformed signature line "
                                   f"{line[:40]!r}") from None
            signatures.append(Signature(name, raw[:4], raw[4:]))
        if not signatures:
            raise InvalidInput("a signed note without a signature")
        return cls(text + "\n", tuple(signatures))

    @property
    def whole(self) -> str:
        """The note as text: its text, a blank line and its signature lines."""
        return self.text + "\n" + "".join(self.lines())

    def with_signature(self, line: str) -> str:
        return self.whole + line

    def lines(self) -> list[str]:
        return [f"{DASH}{s.name} {base64.b64encode(s.key_id + s.data).decode()}\n"
                for s in self.signatures]

    def signed_by(self, key: Verifier) -> int | None:
        """The time the key signed this note: 0 for a note signature (which carries no time),
        unix seconds for a cosignature; None when it has no good signature by that key."""
        for s in self.signatures:
            if s.name != key.name or s.key_id != key.key_id:
                continue
            if key.kind == COSIGNATURE and len(s.data) == 72:
                time = struct.unpack(">Q", s.data[:8])[0]
                if key.verifies((COSIGNED.format(time) + self.text).encode(), s.data[8:]):
                    return time
            elif key.kind == ED25519 and key.verifies(self.text.encode(), s.data):
                return 0
        return None
