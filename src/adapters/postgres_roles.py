"""A partnership's roles on its PostgreSQL store (issue 15, item 2; ADR 0037):
- an owner, the one login that creates and migrates the tables (`lif init`);
- a writers' role, whose members may read the events and add to them, never change, delete
  or empty them: the server itself refuses an UPDATE, DELETE or TRUNCATE;
- a readers' role for inspectors, who may only read.

Each person logs in as themself: a login of their own (its password stored by the server as a
SCRAM verifier) that is a member of the writers' or the readers' role. Set up by an
administrator of the server; LIF never needs the administrator's login after that."""

from dataclasses import dataclass

from adapters.postgres_settings import first_line as _first_line
from lif_domain.errors import InvalidInput

PLAIN = "abcdefghijklmnopqrstuvwxyz0123456789_"


def plain_name(name: str, what: str) -> str:
    """A role or schema name LIF puts in SQL: lower-case letters, digits and underscores."""
    if not name or not set(name) <= set(PLAIN) or not name[0].isalpha() or len(name) > 63:
        raise InvalidInput(f"{what} must be a plain lower-case name (letters, digits, _), not "
                           f"{name!r}")
    return name


def writers_role(schema: str) -> str:
    return f"{schema}_writers"


def readers_role(schema: str) -> str:
    return f"{schema}_readers"


OWNS_SCHEMA = "has_schema_privilege(current_schema(), 'CREATE')"  # SQL: this login makes tables


def may(table: str, *privileges: str) -> str:
    """SQL that is true if this login holds every one of `privileges` on `table`, asked one by
    one: has_table_privilege given several at once is true if any one of them is held."""
    return " AND ".join(f"has_table_privilege('{table}', '{p}')" for p in privileges)


@dataclass(frozen=True)
class Partnership:
    schema: str
    owner: str

    @property
    def writers(self) -> str:
        return writers_role(self.schema)

    @property
    def readers(self) -> str:
        return readers_role(self.schema)

    def setup_statements(self, owner_password: str) -> list:
        """What the administrator runs once: the owner, the two roles, the schema and the
        privileges every table the owner makes there will carry."""
        s, o, w, r = self.schema, self.owner, self.writers, self.readers
        return [
            _with_password(f"CREATE ROLE {o} LOGIN PASSWORD {{}}", owner_password),
            f"CREATE ROLE {w} NOLOGIN",
            f"CREATE ROLE {r} NOLOGIN",
            f"CREATE SCHEMA {s} AUTHORIZATION {o}",
            f"GRANT USAGE ON SCHEMA {s} TO {w}, {r}",
            f"ALTER DEFAULT PRIVILEGES FOR ROLE {o} IN SCHEMA {s} GRANT SELECT, INSERT ON "
            f"TABLES TO {w}",
            f"ALTER DEFAULT PRIVILEGES FOR ROLE {o} IN SCHEMA {s} GRANT SELECT ON TABLES TO {r}",
            f"ALTER DEFAULT PRIVILEGES FOR ROLE {o} IN SCHEMA {s} GRANT USAGE ON SEQUENCES TO "
            f"{w}",
        ]

    def login_statements(self, login: str, password: str, reader: bool) -> list:
        group = self.readers if reader else self.writers
        return [_with_password(f"CREATE ROLE {plain_name(login, 'a login')} LOGIN PASSWORD {{}} "
                               f"IN ROLE {group}", password)]


def _with_password(template: str, password: str):
    """A utility statement takes no parameters: the password goes in as a quoted literal, and
    the server keeps only its SCRAM verifier."""
    from psycopg.sql import SQL, Literal

    if not password:
        raise InvalidInput("give a password (it is never stored by LIF)")
    return SQL(template).format(Literal(password))


def run_as_administrator(conninfo: str, statements: list) -> None:
    """All of `statements` in one transaction, or none."""
    import psycopg
    from psycopg.sql import SQL

    try:
        with psycopg.connect(conninfo, connect_timeout=10) as db:
            db.execute("SET LOCAL password_encryption = 'scram-sha-256'")
            for statement in statements:
                db.execute(SQL(statement) if isinstance(statement, str) else statement)
    except psycopg.errors.DuplicateObject as e:
        raise InvalidInput(f"already there: {_first_line(e)}; nothing was changed") from None
    except psycopg.errors.InsufficientPrivilege as e:
        raise InvalidInput(f"this login may not set up roles ({_first_line(e)}): run it as "
                           "the server's administrator; nothing was changed") from None
    except psycopg.Error as e:
        from lif_domain.errors import StoreError

        raise StoreError(f"the PostgreSQL server refused it ({_first_line(e)}); nothing was "
                         "changed") from None
