"""The composition root: the one place that reads the environment and picks adapters."""

import os
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path

from eventsourcing.persistence import InfrastructureFactoryError, PersistenceError

from adapters.calendar import EnglandWalesCalendar
from adapters.sqlite_store import check_store_file
from lif_domain.application import LifApplication
from lif_domain.errors import InvalidInput, StoreError

DEFAULT_STORE = "lif.sqlite"


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
        app.directory.store = SQLiteReadStore(app.recorder.datastore)
    limit = env.get("LIF_MAX_ACTIONS_PER_SOURCE")
    if limit is not None:
        if not limit.isdigit():
            raise InvalidInput(f"LIF_MAX_ACTIONS_PER_SOURCE must be a whole number, not {limit!r}")
        app.max_actions_per_source = int(limit)
    return app
