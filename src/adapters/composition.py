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
from adapters.sqlite_store import check_store_file, mark_schema, on_read_only_media, reading_uri
from lif_domain.application import LifApplication
from lif_domain.errors import InvalidInput, StoreError

DEFAULT_STORE = "lif.sqlite"


def build_app(env: Mapping[str, str] | None = None, *, store: str | None = None,
              creating: bool = False, today: Callable[[], date] = date.today) -> LifApplication:
    """Build LIF over the store the environment names.

    LIF_DATABASE: 'sqlite' (the default) or 'postgres' (a partnership's shared store, issue 15).
    LIF_STORE or `store`: the SQLite file (default ./lif.sqlite).
    LIF_POSTGRES_URL, or libpq's PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE: the
    PostgreSQL store (adapters.postgres_settings).
    LIF_LOCK_TIMEOUT: seconds to wait for another writer (default 5).
    LIF_MAX_ACTIONS_PER_SOURCE: warn above this many actions on one source (default 10).
    """
    env = dict(os.environ if env is None else env)
    kind = env.get("LIF_DATABASE", "sqlite").lower()
    if kind == "sqlite":
        path = Path(store or env.get("LIF_STORE") or DEFAULT_STORE)
        check_store_file(path, must_exist=not creating)
        # On read-only media the store is read, never written (issue 12): opened immutable,
        # with its record directory kept in memory.
        read_only = not creating and on_read_only_media(path)
        app_env = {"PERSISTENCE_MODULE": "adapters.lif_sqlite",
                   "SQLITE_DBNAME": reading_uri(path) if read_only else str(path),
                   "SQLITE_LOCK_TIMEOUT": env.get("LIF_LOCK_TIMEOUT", "5"),
                   # Tables are made once, by `lif init`; other commands skip the DDL.
                   "CREATE_TABLE": "y" if creating else "n"}
    elif kind == "postgres":
        from adapters.postgres_settings import check_reachable, library_env

        read_only = False
        app_env = library_env(env, creating)
        check_reachable(env)
    else:
        raise InvalidInput(f"LIF_DATABASE must be 'sqlite' or 'postgres', not {kind!r}")
    try:
        app = LifApplication(app_env, calendar=EnglandWalesCalendar(), today=today)
    except InfrastructureFactoryError as e:
        raise StoreError(f"the {kind} store cannot be used here ({e.__cause__ or e})") from None
    except (PersistenceError, OSError) as e:
        from adapters.postgres_settings import first_line

        raise StoreError(f"cannot open the {kind} store: {first_line(e)}") from None
    if kind == "postgres":
        from adapters.postgres_read_store import open_read_store
        from adapters.postgres_store import prepare

        app.account = prepare(app.recorder, creating)  # the login: who keys (rule W5)
        app.logins_linked_only = True  # rule W6
        app.directory.store = open_read_store(app.recorder.datastore)
        if creating:  # the personal data register's table, by the owner (ADR 0039)
            table = register(env)
            try:
                table.ready()
            finally:
                table.close()  # its login, given back
    if kind == "sqlite":
        from adapters.chain import add_keyed_by, name_the_log
        from adapters.sqlite_read_store import SQLiteReadStore

        if creating:
            name_the_log(app.recorder)
            mark_schema(app.recorder.datastore)
        elif not read_only:
            add_keyed_by(app.recorder)
        app.recorder.keyed_by = app.account = os_account()
        if not read_only:
            app.directory.store = SQLiteReadStore(app.recorder.datastore)
    limit = env.get("LIF_MAX_ACTIONS_PER_SOURCE")
    if limit is not None:
        if not limit.isdigit():
            raise InvalidInput(f"LIF_MAX_ACTIONS_PER_SOURCE must be a whole number, not {limit!r}")
        app.max_actions_per_source = int(limit)
    return app


def register(env: Mapping[str, str], path: Path | None = None):
    """Where the personal data register keeps its sealed bytes: the store's own database."""
    if env.get("LIF_DATABASE", "sqlite").lower() == "postgres":
        from adapters.personal_register_postgres import PostgresSealed
        from adapters.postgres_settings import conninfo, schema

        return PostgresSealed(conninfo(env), schema(env))
    from adapters.personal_register import SqliteSealed

    return SqliteSealed(path)


def _is_kept(path: Path) -> bool:
    """A file that begins as a signing key or a checkpoint log does."""
    try:
        with path.open("rb") as f:
            start = f.read(32)
    except OSError:
        return False
    return start.startswith(b"PRIVATE+KEY+") or start.startswith(b"lif-store/")


def failure_of(error: Exception) -> tuple[str, int]:
    """The one line and exit code for an error no command turned into a refusal (README): a
    LifError's own; the store's driver failing: 3 busy, else 4 damaged or unreadable; a file
    that cannot be read or written: 4; anything else is a fault in LIF: 70."""
    from adapters.sqlite_store import is_driver_error
    from lif_domain.application.base import store_error
    from lif_domain.errors import LifError

    if isinstance(error, PersistenceError) or is_driver_error(error):
        error = store_error(error)
    if isinstance(error, LifError):
        return str(error), error.exit_code
    if isinstance(error, OSError):
        return f"cannot read or write {error.filename or 'a file'}: {error.strerror or error}", 4
    if isinstance(error, ValueError) and "null" in str(error):
        return "a file name or a value holds a NUL character: nothing was written", 1
    if isinstance(error, UnicodeError):
        return ("a file name or a value is not valid text (UTF-8): nothing was written "
                f"({error.reason})", 1)
    return (f"unexpected {type(error).__name__}: {error} (a fault in LIF: set LIF_DEBUG=1 for "
            "details, and report it)", 70)


def os_account() -> str:
    """The operating-system account this process runs as, from the system itself (the
    effective user id), never from what the user typed or the environment (issue 12)."""
    try:
        import pwd

        return pwd.getpwuid(os.geteuid()).pw_name
    except (ImportError, KeyError):  # no pwd module (Windows), or an id with no name
        import getpass

        return getpass.getuser()


class Lif:
    """Everything a `lif` command uses, built from the environment (and the --store option)."""

    def __init__(self, env: Mapping[str, str] | None = None, *, store: str | None = None,
                 today: Callable[[], date] = date.today):
        self.env = dict(os.environ if env is None else env)
        self.path = Path(store or self.env.get("LIF_STORE") or DEFAULT_STORE)
        self.today = today
        self.on_behalf = False  # the command keys a step for another member (rule W5)

    def app(self, creating: bool = False) -> LifApplication:
        if creating or "_app" not in vars(self):
            self._app = build_app(self.env, store=str(self.path), creating=creating,
                                  today=self.today)
        self._app.on_behalf = self.on_behalf
        return self._app

    def close(self) -> None:
        """Give back the store's connections (a PostgreSQL server's are counted)."""
        if "_app" in vars(self):
            self._app.close()
        if "register" in vars(self):
            self.register.close()

    def warnings(self) -> list[str]:
        """What this command's writes missed (deadlines met late or breached)."""
        return self._app.warnings if "_app" in vars(self) else []

    @property
    def database(self) -> str:
        return self.env.get("LIF_DATABASE", "sqlite").lower()

    @property
    def where(self) -> str:
        """The store, in words: its file, or its PostgreSQL database."""
        if self.database == "postgres":
            from adapters.postgres_settings import connection, schema

            c = connection(self.env)
            within = "" if schema(self.env) == "public" else f", schema {schema(self.env)}"
            return f"PostgreSQL database {c['dbname']} on {c['host']}:{c['port']}{within}"
        return str(self.path)

    @cached_property
    def log(self):
        """The store's event log, for reading outside the application (never writing)."""
        if self.database == "postgres":
            from adapters.event_log_postgres import PostgresEventLog
            from adapters.postgres_settings import conninfo

            return PostgresEventLog(conninfo(self.env))
        from adapters.event_log import EventLog

        check_store_file(self.path, must_exist=True)
        return EventLog(self.path)

    @cached_property
    def integrity(self):
        """The log's integrity: verify, checkpoints, keys, trust, witnesses, proofs (ADR 0025)."""
        from adapters.integrity import Integrity

        return Integrity(self)

    # ---- a partnership's PostgreSQL roles (issue 15, item 2) -------------------------------------
    def _partnership(self, owner: str = ""):
        from adapters.postgres_roles import Partnership, plain_name
        from adapters.postgres_settings import schema

        if self.database != "postgres":
            raise InvalidInput("roles and logins are a PostgreSQL store's: set "
                               "LIF_DATABASE=postgres and LIF_POSTGRES_URL")
        name = plain_name(schema(self.env), "LIF_POSTGRES_SCHEMA")
        if name == "public":
            raise InvalidInput("a partnership's store has a schema of its own: set "
                               "LIF_POSTGRES_SCHEMA (e.g. partnership)")
        return Partnership(name, plain_name(owner, "the owner") if owner else "")

    def set_up_partnership(self, owner: str, password: str):
        """The owner, the writers' and readers' roles and the schema, by the administrator."""
        from adapters.postgres_roles import run_as_administrator
        from adapters.postgres_settings import conninfo

        partnership = self._partnership(owner)
        run_as_administrator(conninfo(self.env, search_path=False),
                             partnership.setup_statements(password))
        return partnership

    def add_login(self, login: str, password: str, reader: bool):
        from adapters.postgres_roles import run_as_administrator
        from adapters.postgres_settings import conninfo

        partnership = self._partnership()
        run_as_administrator(conninfo(self.env, search_path=False),
                             partnership.login_statements(login, password, reader))
        return partnership

    # ---- moving a board's log (issue 15, item 4) --------------------------------------------------
    def copy_to(self, target: str, schema: str = "public", progress=None) -> tuple[int, str]:
        """Copy this store's log into a new, empty store `target` (a PostgreSQL URL, or the
        path of a new SQLite file), verifying it before and after against the same trusted
        checkpoints: (events copied, the target in words)."""
        from adapters.store_copy import copy_rows
        from lif_domain.errors import Tampered

        if target.startswith(("postgres://", "postgresql://")):
            target_env = {"LIF_DATABASE": "postgres", "LIF_POSTGRES_URL": target,
                          "LIF_POSTGRES_SCHEMA": schema}
            path = self.path
        else:
            target_env, path = {"LIF_DATABASE": "sqlite"}, Path(target)
            if path.exists():
                raise InvalidInput(f"{path} already exists: copy into a new file")
            self.check_new_file(path, force=False)
        before = self.integrity.verify()
        if before.problems:
            raise Tampered(f"this store does not verify ({before.problems[0].message}): "
                           "nothing was copied")
        copy = Lif({**self.env, **target_env}, store=str(path), today=self.today)
        if copy.where == self.where:
            raise InvalidInput("the target is this store itself")
        try:
            copy.app(creating=True)  # the tables (its own origin is replaced by this one's)
        finally:
            copy.close()
        copied = copy_rows(self.log, target_env, path, progress)
        after = copy.integrity.verify()
        if after.problems or after.head != before.head:
            raise Tampered(f"the copy in {copy.where} does not verify as this store does: "
                           f"{after.problems[0].message if after.problems else 'another tree'}")
        return copied, copy.where

    # ---- the personal data register (rule X3, ADR 0028) ------------------------------------------
    @cached_property
    def register(self):
        from adapters.personal_register import Register, default_key_folder

        return Register(register(self.env, self.path),
                        default_key_folder(self.env, lambda: self.integrity.origin))

    def hold_personal_data(self, ref: str, what: str, text: str, *, by: str, on=None) -> None:
        """Record that the case's `what` is held (an event without it), then seal `text` into
        the register with a key of its own. Refused, with nothing written, as the event is."""
        if not text.strip():
            raise InvalidInput(f"give the {what} to hold")
        self.register.table.ready()  # refused before the event, if the register is not usable
        case = self.app().hold_personal_data(ref, what, by=by, on=on)
        self.register.put(case.id.hex, what.strip().lower(), text.strip())

    def erase_personal_data(self, ref: str, what: str, reason: str, *, by: str,
                            on=None) -> None:
        """Record the erasure, then destroy the item's key and its sealed bytes; an erasure a
        crash left half done (recorded, its key still there) is finished instead."""
        kind = what.strip().lower()
        self.register.table.ready()
        case = self.app().case(ref)
        if case.personal.get(kind, ("",))[0] == "erased" and self.register.has(case.id.hex, kind):
            self.register.erase(case.id.hex, kind)
            return
        case = self.app().erase_personal_data(ref, what, reason, by=by, on=on)
        self.register.erase(case.id.hex, kind)

    def personal_data(self, ref: str, what: str) -> dict:
        """What the register says of a case's `what`: held (with the text), erased on a date by
        a member, or never held."""
        self.register.table.ready()
        case = self.app().case(ref)
        state, on, member = case.personal.get(what, ("not held", None, None))
        text = self.register.get(case.id.hex, what) if state == "held" else None
        return {"ref": case.ref, "what": what, "state": state, "on": on, "by": member,
                "text": text}

    # ---- files out and in ----------------------------------------------------------------------
    def check_new_file(self, target: Path, force: bool) -> None:
        """Refuse `target` as a file to write: the store, its companions, a signing key, the
        trust file or the checkpoint log, even with `force`; any other existing file without
        it; a folder that does not exist."""
        from adapters.trust import default_trust_file

        # The store's companions come and go with its connections (SQLite removes its -wal
        # file when the last one closes), so they are refused whether or not they exist now.
        kept = [self.path, *(self.path.with_name(self.path.name + end)
                             for end in ("-wal", "-shm", "-journal")),
                default_trust_file(self.env)]
        if "LIF_CHECKPOINT_LOG" in self.env:
            kept.append(Path(self.env["LIF_CHECKPOINT_LOG"]))
        resolved = target.resolve()
        if any(k.resolve() == resolved for k in kept):
            raise InvalidInput(f"{target} is the store itself, or a file LIF keeps beside it "
                               "or for verifying it: write to another file")
        if target.exists():
            if _is_kept(target):
                raise InvalidInput(f"{target} holds a signing key or LIF's checkpoints: it is "
                                   "never written over")
            if not force:
                raise InvalidInput(f"{target} already exists: give another name, or --force to "
                                   "replace it")
        if not target.parent.is_dir():
            raise InvalidInput(f"the folder {target.parent} does not exist: create it first, or "
                               "write somewhere else")

    def read_text(self, path: Path) -> str:
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise InvalidInput(f"cannot read {path} ({getattr(e, 'strerror', None) or e})"
                               ) from None

    def write_text(self, path: Path, text: str, replace: bool = False) -> None:
        """A whole file or none (adapters.files.write_new), readable by its owner only."""
        from adapters.files import write_new

        try:
            write_new(path, text.encode(), replace=replace)
        except FileExistsError:
            raise InvalidInput(f"{path} already exists: --force to replace it") from None

    def export_events(self, stream, fmt: str, since=None, until=None, types=(), ids=(),
                      progress=None) -> int:
        from adapters import event_export

        return event_export.export(stream, self.log, fmt, since, until, types, ids, progress)

    def count_events(self) -> int:
        return self.log.count()

    def write_report(self, result, folder: Path, formats: tuple[str, ...],
                     progress=None, force: bool = False) -> list[Path]:
        """The annual report's files, each ending with the log it was drawn from; files there
        already are replaced only when `force`."""
        from adapters.report_files import write_report

        return write_report(result, folder, formats, progress, self.integrity.statement(), force)

    def write_evidence(self, pack: dict, integrity: dict, folder: Path,
                       force: bool = False) -> list[Path]:
        from adapters.evidence_files import write_pack

        return write_pack(pack, integrity, folder, force)

    def write_plan(self, path: Path, rows: list[dict]) -> None:
        from adapters.action_plan_files import write_plan

        write_plan(path, rows)

    def write_death_analysis(self, path: Path, rows: list[dict], replace: bool = False) -> None:
        """The child deaths' analysis fields, .csv or .json (rule CD6)."""
        from adapters.child_death_export import write_analysis

        write_analysis(path, rows, replace)

    def read_plan(self, path: Path) -> list[dict]:
        from adapters.action_plan_files import read_rows

        return read_rows(path)

    def read_self_assessments(self, path: Path) -> list[dict]:
        """A Section 11 return (.csv or .xlsx: Agency, Standard, Rating, Evidence)."""
        from adapters.action_plan_files import read_rows

        columns = {"Agency": "agency", "Standard": "standard", "Rating": "rating",
                   "Evidence": "evidence"}
        return read_rows(path, columns, tuple(columns))

    def read_outcomes(self, path: Path) -> list[dict]:
        """A monitoring round's outcomes sheet (.csv or .xlsx: Reference, Outcome, Note)."""
        from adapters.action_plan_files import OUTCOME_COLUMNS, read_rows

        return read_rows(path, OUTCOME_COLUMNS, tuple(OUTCOME_COLUMNS))

    def head(self) -> int:
        """The last position stored; 0 for a SQLite store whose file is not made yet (the
        scenario runner's check, which must not make it)."""
        if self.database != "postgres" and not self.path.exists():
            return 0
        return self.log.head()

    def event_types_after(self, position: int) -> list[str]:
        """The event types stored after `position` (the scenario runner's check)."""
        return [topic.rsplit(".", 1)[-1] for _, _, _, topic, _ in self.log.rows(position)]
