"""Where a partnership's PostgreSQL store is (issue 15): a connection URL in LIF_POSTGRES_URL
(postgresql://login:password@host:port/database), or libpq's own variables (PGHOST, PGPORT,
PGUSER, PGPASSWORD, PGDATABASE), as every PostgreSQL tool reads them. Each person connects
with their own login; the password may also come from ~/.pgpass, as libpq's tools allow.
LIF_POSTGRES_SCHEMA names the schema the store's tables are in (default: public), so one
database can hold more than one store (the tests use one per test)."""

import getpass
from collections.abc import Mapping

from lif_domain.errors import InvalidInput

DEFAULTS = {"host": "localhost", "port": "5432", "dbname": "lif"}
LIBPQ = {"host": "PGHOST", "port": "PGPORT", "user": "PGUSER", "password": "PGPASSWORD",
         "dbname": "PGDATABASE"}


def first_line(error: Exception) -> str:
    """What an error says, in one line (a driver's message may go on with its query)."""
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def connection(env: Mapping[str, str]) -> dict[str, str]:
    """{host, port, user, password, dbname} of the store, from the URL or libpq's variables."""
    from psycopg.conninfo import conninfo_to_dict

    url = env.get("LIF_POSTGRES_URL", "")
    try:
        given = conninfo_to_dict(url) if url else {}
    except Exception as e:  # psycopg's ProgrammingError: a malformed URL
        raise InvalidInput(f"LIF_POSTGRES_URL is not a PostgreSQL connection URL ({e})") from None
    settings = {key: str(given.get(key) or env.get(var) or DEFAULTS.get(key, ""))
                for key, var in LIBPQ.items()}
    settings["user"] = settings["user"] or getpass.getuser()
    return settings


def library_env(env: Mapping[str, str], creating: bool) -> dict[str, str]:
    """The event-sourcing library's settings for the store."""
    c = connection(env)
    return {"PERSISTENCE_MODULE": "adapters.lif_postgres", "POSTGRES_DBNAME": c["dbname"],
            "POSTGRES_HOST": c["host"], "POSTGRES_PORT": c["port"], "POSTGRES_USER": c["user"],
            "POSTGRES_PASSWORD": c["password"],
            "POSTGRES_LOCK_TIMEOUT": env.get("LIF_LOCK_TIMEOUT", "5"),
            "POSTGRES_CONNECT_TIMEOUT": "10", "POSTGRES_POOL_SIZE": "1",
            "POSTGRES_SCHEMA": schema(env), "CREATE_TABLE": "y" if creating else "n"}


def schema(env: Mapping[str, str]) -> str:
    name = env.get("LIF_POSTGRES_SCHEMA", "public")
    if not name.replace("_", "").isalnum() or not name[:1].isalpha():
        raise InvalidInput(f"LIF_POSTGRES_SCHEMA must be a plain name, not {name!r}")
    return name


def conninfo(env: Mapping[str, str], search_path: bool = True) -> str:
    """The store's libpq connection string, for LIF's own readers (in its schema)."""
    from psycopg.conninfo import make_conninfo

    given = {k: v for k, v in connection(env).items() if v}
    if search_path:
        given["options"] = f"-c search_path={schema(env)}"
    return make_conninfo(**given)


def check_reachable(env: Mapping[str, str]) -> None:
    """Connect once, so that a wrong password or a server out of reach is said at once, in the
    server's words (the library's pool would retry for its whole timeout, then say only that)."""
    import psycopg

    from lif_domain.errors import StoreError

    try:
        psycopg.connect(conninfo(env, search_path=False), connect_timeout=10).close()
    except psycopg.Error as e:
        text = str(e).strip().splitlines()
        reason = text[-1] if text else type(e).__name__
        raise StoreError(f"cannot open the postgres store: {reason.strip()}") from None
