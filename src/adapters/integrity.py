"""The log's integrity, for the composition root (`Lif.integrity`, ADR 0025): verifying the
store against the checkpoint log and the trust file, signing and co-signing checkpoints,
custodians' and witnesses' keys, consistency proofs, the record directory checked against the
log, and what published documents say of it."""

from functools import cached_property
from pathlib import Path

from lif_domain.errors import InvalidInput, Tampered

# lif_meta: the compact range at a trusted checkpoint, left by the last full verification
VERIFIED_MARK = "verified_tree"


class Integrity:
    def __init__(self, lif):
        self.lif = lif

    @cached_property
    def trust(self):
        """The keys this verifier trusts, from the trust file (LIF_TRUST), never the store."""
        from adapters.trust import Trust, default_trust_file

        return Trust.load(default_trust_file(self.lif.env))

    @cached_property
    def checkpoint_log(self):
        from adapters.checkpoint_log import CheckpointLog, default_checkpoint_log

        return CheckpointLog(default_checkpoint_log(self.lif.env, self.origin))

    @property
    def origin(self) -> str:
        return self.lif.log.meta().get("origin") or "unnamed"

    @cached_property
    def legacy_keys(self):
        """The key folder of stores written before ADR 0025 (their HMAC links and v1
        checkpoints, ADR 0008): LIF_KEY_DIR, default ~/.config/lif/keys."""
        from adapters.keys import KeyRing, default_key_dir

        return KeyRing(default_key_dir(self.lif.env))

    def verify(self, checkpoint_texts: list[str] = (), progress=None):
        """Verify the whole store against the checkpoint log and `checkpoint_texts`; when it
        is intact, leave a mark at its latest trusted checkpoint in the store's metadata,
        from which the evidence pack verifies only what came after. `progress(n)` is told of
        every few thousand events walked."""
        from adapters.verify import verify

        report = verify(self.lif.log, self.trust, self._checkpoint_texts(checkpoint_texts),
                        self.legacy_keys, progress)
        if report.problems:  # the next evidence pack verifies in full, and says what it found
            self.lif.log.set_meta(VERIFIED_MARK, "")
        elif report.latest:
            self.lif.log.set_meta(VERIFIED_MARK, report.mark(report.latest.checkpoint.size))
        return report

    def read_model_differences(self, limit: int = 5) -> list[str]:
        """How the record directory kept in the store (ADR 0015) differs from one rebuilt from
        the log in memory: an index edited to hide a record from the views and the report
        shows here. Caught up first, as every read does."""
        from lif_domain.application.directory import Directory, MemoryReadStore

        app = self.lif.app()
        app.directory.catch_up()
        position, stored, reviewed = app.directory.store.snapshot()
        if position is None:
            return ["the record directory fails its own check: it was changed outside LIF"]
        memory = MemoryReadStore()
        Directory(app, memory).catch_up()
        found = []
        for id in sorted(memory.rows.keys() | stored.keys()):
            mine, kept = memory.rows.get(id), stored.get(id)
            if mine != kept:
                what = mine or kept
                found.append(f"the record directory's {what.kind} {what.ref} " + (
                    "is missing" if kept is None else "is not in the log" if mine is None
                    else "differs from the log (" + ", ".join(
                        f for f in vars(mine) if getattr(mine, f) != getattr(kept, f)) + ")"))
        for pair in sorted(memory.reviewed ^ reviewed):
            found.append(f"the record directory's monitoring of action {pair[1]} "
                         f"{'is missing' if pair in memory.reviewed else 'is not in the log'}")
        return found[:limit] + ([f"and {len(found) - limit} more"] if len(found) > limit else [])

    def _checkpoint_texts(self, given=()) -> list[str]:
        """This store's entries of the checkpoint log (one log may serve several stores),
        then the checkpoints given."""
        from adapters.checkpoint import origin

        mine = origin(self.origin) + "\n"
        return [e for e in self.checkpoint_log.entries() if e.startswith(mine)] + list(given)

    def verified(self):
        """The store verified from the mark the last full verification left (so it costs
        what was added since), or in full when there is none or it does not hold."""
        from adapters.verify import verify_since

        mark = self.lif.log.meta().get(VERIFIED_MARK)
        report = verify_since(self.lif.log, self.trust, self._checkpoint_texts(), mark,
                              self.legacy_keys) if mark else None
        return report or self.verify()

    def checkpoint(self, key_file: Path) -> str:
        """Sign a checkpoint of the store's tree with a custodian's key (which writing never
        needs), once the store verifies; append it to the checkpoint log. Refused if the key
        is not a custodian's in the trust file, or the store does not verify."""
        from adapters import checkpoint as checkpoints

        signer = self._signer(key_file)
        if signer.verifier not in self.trust.custodians:
            raise InvalidInput(f"the key {signer.name} is not a custodian's in the trust file "
                               f"{self.trust.path}: add its public key first ('lif trust add "
                               f"custodian {signer.verifier.text}'); nothing was signed")
        report = self.verified()
        if report.problems:
            first = report.first
            raise Tampered(f"the store does not verify (position {first.position}: "
                             f"{first.message}); no checkpoint was signed")
        text = checkpoints.make(self.origin, report.tree.end, report.head, signer)
        self.checkpoint_log.append(text)
        report.at_sizes[report.tree.end] = (report.tree.copy(), report.head_position)
        self.lif.log.set_meta(VERIFIED_MARK, report.mark(report.tree.end))
        return text

    def _signer(self, key_file: Path):
        from adapters.signed_note import Signer

        return Signer.parse(self.lif.read_text(Path(key_file)))

    def create_key(self, name: str, role: str, out: Path):
        """A new key pair for a custodian or a witness: the private key written to `out` (a
        new file, readable by its owner only); its public key returned, to add to trust files."""
        from adapters.signed_note import COSIGNATURE, ED25519, Signer
        from adapters.files import write_new

        signer = Signer.generate(name, COSIGNATURE if role == "witness" else ED25519)
        public = Path(f"{out}.pub")
        for path in (Path(out), public):
            if path.exists():
                raise InvalidInput(f"{path} already exists: a key is never overwritten")
        write_new(Path(out), signer.text.encode(), mode=0o600)
        write_new(public, (signer.verifier.text + "\n").encode(), mode=0o644)
        public.chmod(0o644)  # a public key: anyone may read it, whatever the umask
        return signer.verifier

    def trust_key(self, role: str, public_key: str):
        """Trust a public key, given as its text or as a file holding it."""
        from adapters.signed_note import Verifier

        path = Path(public_key)
        if "+" not in public_key or path.is_file():
            public_key = self.lif.read_text(path)
        key = Verifier.parse(public_key)
        self.trust.add(role, key)
        return key

    def cosign(self, checkpoint_text: str, key_file: Path, now=None) -> str:
        """A witness's cosignature (C2SP tlog-cosignature) added to a checkpoint its
        custodian signed, once this store verifies against it and the checkpoint log; the
        cosigned checkpoint is appended to the log and returned."""
        import time

        from adapters import checkpoint as checkpoints

        signer = self._signer(key_file)
        if signer.verifier not in self.trust.witnesses:
            raise InvalidInput(f"the key {signer.name} is not a witness's in the trust file "
                               f"{self.trust.path}; nothing was signed")
        signed = checkpoints.check(checkpoint_text, self.trust)
        report = self.verify([checkpoint_text])
        if report.problems:
            first = report.first
            raise Tampered(f"the store does not verify against this checkpoint (position "
                             f"{first.position}: {first.message}); nothing was signed")
        text = signed.note.with_signature(signer.sign(signed.note.text, int(now or time.time())))
        self.checkpoint_log.append(text)
        return text

    def consistency_proof(self, old_text: str, new_text: str | None = None) -> str:
        """The proof that the log at checkpoint `new_text` (default: as it is now) extends
        the log at `old_text`, drawn from the store, whose tree must match both."""
        from adapters import checkpoint as checkpoints
        from adapters.proofs import proof_text

        tree = self.lif.log.tree()
        sizes = []
        for text in (old_text, new_text):
            if text is None:
                sizes.append(tree.size)
                continue
            cp = checkpoints.check(text, self.trust).checkpoint
            if cp.size > tree.size or tree.head(cp.size) != cp.head:
                raise Tampered(f"this store does not match the checkpoint of {cp.time}: "
                                 "run 'lif verify'")
            sizes.append(cp.size)
        if not 0 < sizes[0] <= sizes[1]:
            raise InvalidInput(f"no proof from {sizes[0]} events to {sizes[1]}: give the "
                               "earlier checkpoint first")
        return proof_text(tree, *sizes)

    def proof_outcome(self, old_text: str, new_text: str, proof: str) -> tuple[str, str]:
        """Whether `proof` shows checkpoint `new_text`'s log extends `old_text`'s, with the
        trust file's keys and no store (adapters.proofs.outcome)."""
        from adapters.proofs import outcome

        return outcome(old_text, new_text, proof, self.trust)

    def statement(self) -> dict:
        """What the evidence pack says of the log's integrity (`verified`)."""
        from adapters.integrity_statement import integrity_statement
        from lif_domain.errors import LifError

        try:
            return integrity_statement(self.verified())
        except LifError as e:
            return integrity_statement(None, str(e))
