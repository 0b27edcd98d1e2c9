"""The composition root: the one place that reads the environment and picks adapters, and
builds the one object the CLI talks to (`Lif`): the application, and everything that touches
the store's files or other files (integrity, exports, reports, evidence packs, spreadsheets).
The CLI imports nothing else from the adapters (ADR 0016, checked by import-linter)."""

import os
from collections.abc import Callable, Mapping
from datetime import date
from functools import cached_property
from pathlib import Path

from eventsourcing.persistence import InfrastructureFactoryError, PersistenceError

from adapters.calendar import EnglandWalesCalendar
from adapters.sqlite_store import check_store_file, mark_schema
from lif_domain.application import LifApplication
from lif_domain.errors import InvalidInput, StoreError

DEFAULT_STORE = "lif.sqlite"
VERIFIED_MARK = "last_verified"  # lif_meta: the signed head of the last full verification


def build_app(env: Mapping[str, str] | None = None, *, store: str | None = None,
              creating: bool = False, today: Callable[[], date] = date.today) -> LifApplication:
    """Build LIF over the store the environment names.

    LIF_DATABASE: 'sqlite' (the default and, for now, the only one; see below).
    LIF_STORE or `store`: the SQLite file (default ./lif.sqlite).
    LIF_LOCK_TIMEOUT: seconds to wait for another writer (default 5).
    LIF_KEY_DIR: the folder of the chain and checkpoint keys (default ~/.config/lif/keys).
    LIF_MAX_ACTIONS_PER_SOURCE: warn above this many actions on one source (default 10).
    """
    env = dict(os.environ if env is None else env)
    kind = env.get("LIF_DATABASE", "sqlite").lower()
    if kind == "sqlite":
        path = Path(store or env.get("LIF_STORE") or DEFAULT_STORE)
        check_store_file(path, must_exist=not creating)
        app_env = {"PERSISTENCE_MODULE": "adapters.lif_sqlite", "SQLITE_DBNAME": str(path),
                   "SQLITE_LOCK_TIMEOUT": env.get("LIF_LOCK_TIMEOUT", "5"),
                   # Tables are made once, by `lif init`; other commands skip the DDL.
                   "CREATE_TABLE": "y" if creating else "n"}
    elif kind == "postgres":
        # The library runs on PostgreSQL, but LIF's hash chain (ADR 0008) is written for SQLite
        # only: refusing is better than a partnership store that tampering would not show in.
        raise StoreError("PostgreSQL is not supported yet: LIF's tamper-evident chain is "
                         "written for SQLite only (docs/adr/0008); use the SQLite store")
    else:
        raise StoreError(f"LIF_DATABASE must be 'sqlite' or 'postgres', not {kind!r}")
    try:
        app = LifApplication(app_env, calendar=EnglandWalesCalendar(), today=today)
    except InfrastructureFactoryError as e:
        raise StoreError(f"the {kind} store cannot be used here ({e.__cause__ or e})") from None
    except PersistenceError as e:
        raise StoreError(f"cannot open the {kind} store: {e}") from None
    if kind == "sqlite":
        from adapters.chain import attach_keys
        from adapters.keys import KeyRing, default_key_dir

        from adapters.sqlite_read_store import SQLiteReadStore

        attach_keys(app.recorder, KeyRing(default_key_dir(env)), creating)
        if creating:
            mark_schema(app.recorder.datastore)
        app.directory.store = SQLiteReadStore(app.recorder.datastore)
    limit = env.get("LIF_MAX_ACTIONS_PER_SOURCE")
    if limit is not None:
        if not limit.isdigit():
            raise InvalidInput(f"LIF_MAX_ACTIONS_PER_SOURCE must be a whole number, not {limit!r}")
        app.max_actions_per_source = int(limit)
    return app


class Lif:
    """Everything a `lif` command uses, built from the environment (and the --store option)."""

    def __init__(self, env: Mapping[str, str] | None = None, *, store: str | None = None,
                 today: Callable[[], date] = date.today):
        self.env = dict(os.environ if env is None else env)
        self.path = Path(store or self.env.get("LIF_STORE") or DEFAULT_STORE)
        self.today = today

    def app(self, creating: bool = False) -> LifApplication:
        if creating or "_app" not in vars(self):
            self._app = build_app(self.env, store=str(self.path), creating=creating,
                                  today=self.today)
        return self._app

    def warnings(self) -> list[str]:
        """What this command's writes missed (deadlines met late or breached)."""
        return self._app.warnings if "_app" in vars(self) else []

    @cached_property
    def keys(self):
        from adapters.keys import KeyRing, default_key_dir

        return KeyRing(default_key_dir(self.env))

    @cached_property
    def log(self):
        """The store's event log, for reading outside the application (never writing)."""
        from adapters.event_log import EventLog

        check_store_file(self.path, must_exist=True)
        return EventLog(self.path)

    # ---- integrity (ADR 0008) --------------------------------------------------------------------
    def verify(self, checkpoint_texts: list[str] = (), progress=None):
        """Verify the whole store; when it is intact, leave a signed mark of its head in the
        store's metadata, from which the evidence pack verifies only what came after.
        `progress(n)` is told of every few thousand events walked."""
        from adapters.keys import KeyMissing
        from adapters.verify import verify

        report = verify(self.log, self.keys, checkpoint_texts, progress)
        if not report.problems and report.events:
            try:
                mark = self._signed_head(report)
            except (KeyMissing, KeyError):
                return report  # no signing key here: nothing to mark
            self.log.set_meta(VERIFIED_MARK, mark)  # a read-only store keeps no mark
        return report

    def _signed_head(self, report) -> str:
        """A checkpoint of the head `report` verified, signed with the store's current key."""
        from adapters import checkpoint as checkpoints

        meta = self.log.meta()
        return checkpoints.make(meta["origin"], report.events, report.head_position,
                                report.head, meta["key_id"], self.keys)

    def checkpoint(self) -> str:
        """Sign a checkpoint of the store's head, verified as the evidence pack verifies it
        (`verified`); refused if it does not verify. The signature commits to the head's link,
        which commits to every event before it: an edit made before the last full verification
        is caught by any later `lif verify --checkpoint` of this one (ADR 0020)."""
        report = self.verified()
        if report.problems:
            first = report.first
            raise StoreError(f"the store does not verify (position {first.position}: "
                             f"{first.message}); no checkpoint was signed")
        return self._signed_head(report)

    def verified(self):
        """The store verified from the signed mark the last full verification left (so it
        costs what was added since), or in full when there is none or it does not hold."""
        from adapters.verify import verify_since

        mark = self.log.meta().get(VERIFIED_MARK)
        return (verify_since(self.log, self.keys, mark) if mark else None) or self.verify()

    def rotate_key(self) -> tuple[str, Path]:
        self.log  # the store must exist before a key is made for it
        key_id = self.keys.create()
        self.log.set_key_id(key_id)
        return key_id, self.keys.folder

    def integrity_statement(self) -> dict:
        """What the evidence pack says of the log's integrity (`verified`)."""
        from adapters.evidence_files import integrity_statement
        from lif_domain.errors import LifError

        try:
            return integrity_statement(self.verified())
        except LifError as e:
            return integrity_statement(None, str(e))

    # ---- files out and in ----------------------------------------------------------------------
    def export_events(self, stream, fmt: str, since=None, until=None, types=(), ids=(),
                      progress=None) -> int:
        from adapters import event_export

        return event_export.export(stream, self.log, fmt, since, until, types, ids, progress)

    def count_events(self) -> int:
        return self.log.count()

    def write_report(self, result, folder: Path, formats: tuple[str, ...],
                     progress=None) -> list[Path]:
        from adapters.report_files import write_report

        return write_report(result, folder, formats, progress)

    def write_evidence(self, pack: dict, integrity: dict, folder: Path) -> list[Path]:
        from adapters.evidence_files import write_pack

        return write_pack(pack, integrity, folder)

    def write_plan(self, path: Path, rows: list[dict]) -> None:
        from adapters.action_plan_files import write_plan

        write_plan(path, rows)

    def read_plan(self, path: Path) -> list[dict]:
        from adapters.action_plan_files import read_rows

        return read_rows(path)

    def event_types_after(self, position: int) -> list[str]:
        """The event types stored after `position` (the scenario runner's check)."""
        return [topic.rsplit(".", 1)[-1] for _, _, _, topic, _ in self.log.rows(position)]
