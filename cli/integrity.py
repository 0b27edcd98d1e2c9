"""lif checkpoint, verify, key, trust and witness: a log anyone holding the public keys can
verify, and no writer can quietly rewrite (ADR 0025)."""

import sys
from pathlib import Path

import click

from cli.common import EXIT_DAMAGED, EXIT_TAMPERED, emit, lif_for, new_file, progress, \
    reads, refusals, replaceable

KEY_HELP = "The custodian's signing key file (made by 'lif key create'; or set LIF_CUSTODIAN_KEY)."


@click.command()
@click.option("--key", "key_file", envvar="LIF_CUSTODIAN_KEY", required=True,
              type=click.Path(dir_okay=False), help=KEY_HELP)
@click.option("--out", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Also write the checkpoint to this file (a new one, unless --force).")
@replaceable
@click.pass_context
@refusals
def checkpoint(ctx, key_file, out, force):
    """Verify the store, then sign a checkpoint of its Merkle tree (size and head) with a
    custodian's key, append it to the checkpoint log kept outside the store, and print it:
    file it in the board's minutes, or send it to a witness. Writing never needs this key, so
    whoever can write the store cannot sign a rewritten history. The key must be a
    custodian's in the trust file ('lif trust add custodian').

    \b
    Example:
      lif checkpoint --key /media/chair/chair-2026.key --out minutes/2018-03-31.checkpoint
    """
    new_file(ctx, out, force)
    _print_and_keep(ctx, lif_for(ctx).integrity.checkpoint(Path(key_file)), out, force)


@click.command("verify")
@click.option("--checkpoint", "checkpoint_files", multiple=True,
              type=click.Path(dir_okay=False), help="A signed checkpoint to check against, "
              "besides those in the checkpoint log (repeat for several).")
@click.option("--read-models", is_flag=True, help="Also rebuild the record directory from the "
              "log in memory and compare it with the one kept in the store (slower: a replay "
              "of every record).")
@click.pass_context
def verify_command(ctx, checkpoint_files, read_models):
    """Recompute the store's Merkle tree from every event's stored bytes and check it against
    every checkpoint in the checkpoint log (and --checkpoint files) that a custodian in the
    trust file signed. Needs no secret: public keys only. Reports every problem, the first
    with its position. With --read-models, also checks the record directory the views and the
    annual report read (an index edited to hide a record shows as tampering).

    \b
    Exit 0: intact. Exit 5: tampered (an event changed, removed, reordered or inserted,
    the log cut, or a checkpoint altered). Exit 4: cannot verify (the store cannot be
    read, or a checkpoint is not signed by a trusted custodian).

    \b
    Example:
      lif verify --checkpoint minutes/2018-03-31.checkpoint
    """
    from lif_domain.errors import LifError

    try:
        texts = [Path(f).read_text(encoding="utf-8") for f in checkpoint_files]
        lif = lif_for(ctx)
        integrity = lif.integrity
        with progress("Verifying", lif.count_events) as step:
            report = integrity.verify(texts, step)
        differences = integrity.read_model_differences() if read_models and not report.problems \
            else []
    except (OSError, UnicodeDecodeError) as e:
        _cannot(f"cannot read the checkpoint: {getattr(e, 'strerror', None) or e}: "
                f"{getattr(e, 'filename', '')}")
    except LifError as e:
        _cannot(str(e))
    if report.problems:
        first = report.first
        click.echo(f"TAMPERED: {len(report.problems)} problem(s); the first at position "
                   f"{first.position}: {first.message}", err=True)
        sys.exit(EXIT_TAMPERED)
    if differences:
        click.echo(f"TAMPERED: the log is intact, but {'; '.join(differences)}", err=True)
        sys.exit(EXIT_TAMPERED)
    if report.checkpoints:
        count = len(report.checkpoints)
        against = (f"; it extends the trusted checkpoint of {report.checkpoints[-1]}"
                   if count == 1 else f"; it extends all {count} trusted checkpoints, the "
                   f"latest of {report.checkpoints[-1]}")
    else:
        against = ("; no checkpoint signed by a trusted custodian yet, so a rewrite of the "
                   "whole log or a cut tail would not show ('lif checkpoint')")
    legacy = (f"; {report.hmac_checked} HMAC links of before ADR 0025 checked"
              if report.hmac_checked else "")
    models = "; the record directory matches the log" if read_models else ""
    click.echo(f"Verified {report.events} events: intact, versions contiguous, tree size "
               f"{report.tree.end}{legacy}{models}{against}.")


def _print_and_keep(ctx, text: str, out: str | None, force: bool) -> None:
    """Print `text`, and write it whole to `out` too (checked by new_file before the work)."""
    if out:
        lif_for(ctx).write_text(Path(out), text, replace=force)
    click.echo(text, nl=False)


def _cannot(message: str):
    click.echo(f"Cannot verify: {message}", err=True)
    sys.exit(EXIT_DAMAGED)


@click.group()
def key():
    """Signing keys for custodians and witnesses (kept by them, never beside the store)."""


@key.command("create")
@click.argument("name")
@click.option("--role", type=click.Choice(["custodian", "witness"]), required=True,
              help="custodian: signs checkpoints; witness: co-signs them.")
@click.option("--out", type=click.Path(dir_okay=False), required=True,
              help="Where to write the private key (a new file, readable by you only).")
@click.pass_context
@refusals
def create_key(ctx, name, role, out):
    """Make a key pair for custodian or witness NAME: the private key goes to --out, its
    public key to the same name with .pub added; both are printed with its fingerprint, for
    every verifier's trust file ('lif trust add').

    \b
    Example:
      lif key create chair-2026 --role custodian --out /media/chair/chair-2026.key
    """
    public = lif_for(ctx).integrity.create_key(name, role, Path(out))
    click.echo(f"Wrote the private key to {out}; keep it away from the store.\n"
               f"Wrote the public key to {out}.pub: {public.text}\n"
               f"Fingerprint: {public.fingerprint}\n"
               f"Trust it with: lif trust add {role} {out}.pub")


@click.group()
def trust():
    """The trust file: the public keys whose checkpoints this verifier trusts (LIF_TRUST)."""


@trust.command("add")
@click.argument("role", type=click.Choice(["custodian", "witness"]))
@click.argument("public_key")
@click.pass_context
@refusals
def trust_add(ctx, role, public_key):
    """Trust PUBLIC_KEY as a custodian or a witness: the key as 'lif key create' printed it,
    or the .pub file it wrote. Compare its fingerprint with the one its holder reads out.

    \b
    Example:
      lif trust add custodian chair-2026.key.pub
      lif trust add witness dpo-2026+0b9e77d1+BGk2...
    """
    lif = lif_for(ctx)
    key = lif.integrity.trust_key(role, public_key)
    click.echo(f"Trusted {key.name} as a {role} in {lif.integrity.trust.path}; fingerprint "
               f"{key.fingerprint}.")


@trust.command("show")
@reads
def trust_show(ctx, as_json):
    """List the trusted keys with their fingerprints.

    \b
    Example:
      lif trust show
    """
    lif = lif_for(ctx)
    names = lif.integrity.trust.names()
    if as_json:
        emit(True, [{"role": role, "name": k.name, "public_key": k.text,
                     "fingerprint": k.fingerprint} for role, k in names], "")
        return
    if not names:
        click.echo(f"No keys trusted yet in {lif.integrity.trust.path}: 'lif trust add'.")
    for role, k in names:
        click.echo(f"{role:9} {k.name:20} {k.fingerprint}")


@click.group()
def witness():
    """A witness co-signs checkpoints (C2SP tlog-cosignature) once the store verifies."""


@witness.command("cosign")
@click.argument("checkpoint_file", type=click.Path(exists=True, dir_okay=False))
@click.option("--key", "key_file", envvar="LIF_WITNESS_KEY", required=True,
              type=click.Path(dir_okay=False), help="The witness's key file (or set "
              "LIF_WITNESS_KEY).")
@click.option("--out", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Also write the co-signed checkpoint to this file (new, unless --force).")
@replaceable
@click.pass_context
@refusals
def cosign(ctx, checkpoint_file, key_file, out, force):
    """Check CHECKPOINT_FILE's custodian signature and this store against it, then add the
    witness's cosignature, append it to the checkpoint log and print it.

    \b
    Example:
      lif witness cosign minutes/2018-03-31.checkpoint --key /secure/dpo-2026.key
    """
    new_file(ctx, out, force)
    lif = lif_for(ctx)
    text = lif.integrity.cosign(lif.read_text(Path(checkpoint_file)), Path(key_file))
    _print_and_keep(ctx, text, out, force)


@click.group()
def proof():
    """Consistency proofs: a later checkpoint's log extends an earlier one (RFC 9162)."""


@proof.command("consistency")
@click.argument("earlier", type=click.Path(exists=True, dir_okay=False))
@click.argument("later", type=click.Path(exists=True, dir_okay=False), required=False)
@click.option("--out", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Also write the proof to this file (a new one, unless --force).")
@replaceable
@click.pass_context
@refusals
def consistency(ctx, earlier, later, out, force):
    """Print the proof that the log at checkpoint LATER (default: the store as it is now)
    extends the log at checkpoint EARLIER, for a witness or an inspector to check without
    the store ('lif proof check').

    \b
    Example:
      lif proof consistency minutes/2018-03-31.checkpoint minutes/2018-06-30.checkpoint
    """
    new_file(ctx, out, force)
    lif = lif_for(ctx)
    text = lif.integrity.consistency_proof(lif.read_text(Path(earlier)),
                                           lif.read_text(Path(later)) if later else None)
    _print_and_keep(ctx, text, out, force)


@proof.command("check")
@click.argument("earlier", type=click.Path(exists=True, dir_okay=False))
@click.argument("later", type=click.Path(exists=True, dir_okay=False))
@click.argument("proof_file", type=click.Path(exists=True, dir_okay=False))
@click.pass_context
def check_proof(ctx, earlier, later, proof_file):
    """Check, with the trust file's public keys and no store, that checkpoint LATER's log
    extends checkpoint EARLIER's, by PROOF_FILE. Exit 0: it does. Exit 5: it does not
    (history was rewritten between them). Exit 4: a checkpoint is not a trusted custodian's.

    \b
    Example:
      lif proof check 2018-03-31.checkpoint 2018-06-30.checkpoint proof.txt
    """
    lif = lif_for(ctx)
    outcome, message = lif.integrity.proof_outcome(lif.read_text(Path(earlier)),
                                                   lif.read_text(Path(later)),
                                                   lif.read_text(Path(proof_file)))
    if outcome == "extends":
        click.echo(message)
        return
    click.echo(f"{'TAMPERED' if outcome == 'rewritten' else 'Cannot verify'}: {message}",
               err=True)
    sys.exit(EXIT_TAMPERED if outcome == "rewritten" else EXIT_DAMAGED)
