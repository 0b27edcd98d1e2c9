"""What an attacker with write access to the store does, on either store (SQLite file or
PostgreSQL schema): edit an event's bytes, make every leaf hash right again, cut the tail,
edit LIF's metadata. The tests of tamper evidence use these, so each runs on both."""

import sqlite3


def _sqlite(run):
    return sqlite3.connect(run.store)


def _postgres(run):
    import psycopg

    return psycopg.connect(run.env["LIF_POSTGRES_URL"],
                           options=f"-c search_path={run.env['LIF_POSTGRES_SCHEMA']}")


def execute(run, statement: str, args=()) -> list[tuple]:
    """One statement on either store, as whoever can write it; the rows it returns."""
    return transaction(run, (statement, *args))


def transaction(run, *statements) -> list[tuple]:
    """(statement, *args) each, on either store, in one transaction; the rows the last
    returns. A statement's parameters are marked %s (psycopg's; sqlite3's ? on SQLite)."""
    postgres = run.database == "postgres"
    db = _postgres(run) if postgres else sqlite3.connect(run.store, isolation_level=None)
    try:
        if not postgres:
            db.execute("BEGIN")
        for statement, *args in statements:
            if not postgres:
                statement = statement.replace("%s", "?")
            # without arguments, a statement is sent as it is (a % in it is no placeholder)
            cursor = db.execute(statement, args) if args else db.execute(statement)
        rows = [tuple(r) for r in cursor.fetchall()] if cursor.description else []
        db.commit()
        return rows
    finally:
        db.close()


def edit_state(run, old: str, new: str, position: int | None = None) -> None:
    """Replace `old` by `new` in the stored bytes of the event at `position` (default: every
    event), leaving its leaf hash as it was."""
    if run.database == "postgres":
        where, args = ("WHERE notification_id = %s", (position,)) if position else ("", ())
        with _postgres(run) as db:
            db.execute("UPDATE stored_events SET state = convert_to(replace(convert_from("
                       f"state, 'UTF8'), %s, %s), 'UTF8') {where}", (old, new, *args))
        return
    where, args = ("WHERE rowid = ?", (position,)) if position else ("", ())
    with _sqlite(run) as db:
        db.execute("UPDATE stored_events SET state = CAST(REPLACE(CAST(state AS TEXT), ?, ?) "
                   f"AS BLOB) {where}", (old, new, *args))


def last_position(run) -> int:
    column = "notification_id" if run.database == "postgres" else "rowid"
    with (_postgres(run) if run.database == "postgres" else _sqlite(run)) as db:
        return db.execute(f"SELECT MAX({column}) FROM stored_events").fetchone()[0]


def rehash(run) -> None:
    """Every row's leaf hash made right again, as an attacker who read ADR 0025 would."""
    from adapters.chain import event_leaf

    if run.database == "postgres":
        with _postgres(run) as db:
            rows = db.execute("SELECT notification_id, replace(originator_id::text, '-', ''), "
                              "originator_version, topic, state, keyed_by FROM stored_events"
                              ).fetchall()
            with db.cursor() as c:
                c.executemany("UPDATE stored_events SET link = %s WHERE notification_id = %s",
                              [(event_leaf(o, v, t, bytes(s), by), r)
                               for r, o, v, t, s, by in rows])
        return
    with _sqlite(run) as db:
        rows = db.execute("SELECT rowid, originator_id, originator_version, topic, state, "
                          "keyed_by FROM stored_events").fetchall()
        db.executemany("UPDATE stored_events SET link = ? WHERE rowid = ?",
                       [(event_leaf(o, v, t, s, by), r) for r, o, v, t, s, by in rows])


def cut_tail(run) -> None:
    """The last event deleted."""
    position = last_position(run)
    if run.database == "postgres":
        with _postgres(run) as db:
            db.execute("DELETE FROM stored_events WHERE notification_id = %s", (position,))
        return
    with _sqlite(run) as db:
        db.execute("DELETE FROM stored_events WHERE rowid = ?", (position,))


def meta(run, name: str) -> str | None:
    query = "SELECT value FROM lif_meta WHERE name = " + ("%s" if run.database == "postgres"
                                                          else "?")
    with (_postgres(run) if run.database == "postgres" else _sqlite(run)) as db:
        row = db.execute(query, (name,)).fetchone()
        return row[0] if row else None


def edit_meta(run, name: str, old: str, new: str) -> None:
    mark = "%s" if run.database == "postgres" else "?"
    with (_postgres(run) if run.database == "postgres" else _sqlite(run)) as db:
        db.execute(f"UPDATE lif_meta SET value = REPLACE(value, {mark}, {mark}) WHERE name = "
                   f"{mark}", (old, new, name))
