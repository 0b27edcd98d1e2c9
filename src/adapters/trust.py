"""The trust file: the public keys a verifier trusts, kept outside the store (ADR 0025).
Nothing in a store or a checkpoint chooses a key: a checkpoint counts only if a custodian
named here signed it.

    # lines starting with '#' are comments
    custodian chair-2026+5a1f0c2e+AR3v...   (signs checkpoints: `lif checkpoint --key`)
    witness dpo-2026+0b9e77d1+BGk2...       (co-signs them: `lif witness cosign`)

Default ~/.config/lif/trust, or LIF_TRUST. `lif trust show` prints each key's fingerprint to
compare with the one its holder reads out."""

from dataclasses import dataclass, field
from pathlib import Path

from adapters.files import write_new
from adapters.signed_note import COSIGNATURE, ED25519, Verifier
from lif_domain.errors import InvalidInput

ROLES = {"custodian": ED25519, "witness": COSIGNATURE}


def default_trust_file(env) -> Path:
    configured = env.get("LIF_TRUST")
    if configured:
        return Path(configured)
    return Path(env.get("HOME") or Path.home()) / ".config" / "lif" / "trust"


@dataclass
class Trust:
    path: Path
    custodians: list[Verifier] = field(default_factory=list)
    witnesses: list[Verifier] = field(default_factory=list)

    @classmethod
    def load(cls, path: Path) -> "Trust":
        trust = cls(path)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return trust
        except (OSError, UnicodeDecodeError) as e:
            raise InvalidInput(f"the trust file {path} cannot be read ({e})") from None
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            role, _, key = line.strip().partition(" ")
            try:
                trust._add(role, Verifier.parse(key))
            except InvalidInput as e:
                raise InvalidInput(f"the trust file {path}, line {number}: {e}") from None
        return trust

    def _add(self, role: str, key: Verifier) -> None:
        if role not in ROLES:
            raise InvalidInput(f"{role[:20]!r} is not a role: 'custodian' or 'witness'")
        if key.kind != ROLES[role]:
            kind = "witness" if key.kind == COSIGNATURE else "custodian"
            raise InvalidInput(f"{key.name} is a {kind}'s key, not a {role}'s")
        keys = self.custodians if role == "custodian" else self.witnesses
        if any(k.name == key.name for k in self.custodians + self.witnesses):
            raise InvalidInput(f"the trust file already has a key named {key.name}")
        keys.append(key)

    def add(self, role: str, key: Verifier) -> None:
        """Add a key and write the file again (a temporary file renamed over it)."""
        self._add(role, key)
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        lines = ["# LIF trust file: the keys whose checkpoints this verifier trusts (ADR 0025)"]
        lines += [f"custodian {k.text}" for k in self.custodians]
        lines += [f"witness {k.text}" for k in self.witnesses]
        write_new(self.path, ("\n".join(lines) + "\n").encode(), replace=True)

    def names(self) -> list[tuple[str, Verifier]]:
        return ([("custodian", k) for k in self.custodians]
                + [("witness", k) for k in self.witnesses])
