"""A PostgreSQL store of its own for a test (issue 15): a fresh schema in the server the tests
reach (LIF_TEST_POSTGRES_URL; default the machine's own, 127.0.0.1:5432, as user postgres),
dropped after the test."""

import os
import uuid
from contextlib import contextmanager

import psycopg

SERVER = os.environ.get("LIF_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
LOGIN = psycopg.conninfo.conninfo_to_dict(SERVER)["user"]  # who keys the tests' events there


@contextmanager
def postgres_store():
    """The environment that points LIF at a new, empty schema."""
    schema = f"lif_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(SERVER, autocommit=True) as db:
        db.execute(f"CREATE SCHEMA {schema}")
    try:
        yield {"LIF_DATABASE": "postgres", "LIF_POSTGRES_URL": SERVER,
               "LIF_POSTGRES_SCHEMA": schema}
    finally:
        with psycopg.connect(SERVER, autocommit=True) as db:
            db.execute(f"DROP SCHEMA {schema} CASCADE")


def count_events(env: dict) -> int:
    with psycopg.connect(env["LIF_POSTGRES_URL"]) as db:
        return db.execute(f"SELECT COUNT(*) FROM {env['LIF_POSTGRES_SCHEMA']}.stored_events"
                          ).fetchone()[0]


class Cluster:
    """A PostgreSQL cluster of the tests' own (issue 15, item 2): made with initdb in a folder
    of its own, on a free port, every login authenticated by password (SCRAM), since the
    machine's own server trusts everyone. Its administrator is `admin`."""

    ADMIN_PASSWORD = "admin-secret"

    def __init__(self):
        import glob
        import socket
        import subprocess
        import tempfile

        self.bin = sorted(glob.glob("/usr/lib/postgresql/*/bin"))[-1]
        self.folder = tempfile.mkdtemp(prefix="lif-cluster-")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        os.chmod(self.folder, 0o755)
        password_file = os.path.join(self.folder, "pw")
        with open(password_file, "w") as f:
            f.write(self.ADMIN_PASSWORD)
        if os.geteuid() == 0:
            import shutil

            shutil.chown(self.folder, "postgres")
            shutil.chown(password_file, "postgres")
        data = os.path.join(self.folder, "data")
        self.ctl = [*as_owner, f"{self.bin}/pg_ctl", "-D", data]
        subprocess.run([*as_owner, f"{self.bin}/initdb", "-D", data, "-U", "admin",
                        "--auth=scram-sha-256", f"--pwfile={password_file}"],
                       check=True, capture_output=True)
        self.options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
        self.start()

    def start(self):
        import subprocess

        subprocess.run([*self.ctl, "-o", self.options, "-w", "-l",
                        os.path.join(self.folder, "log"), "start"], check=True,
                       capture_output=True)

    def restart(self):
        import subprocess

        subprocess.run([*self.ctl, "-o", self.options, "-w", "-m", "fast", "-l",
                        os.path.join(self.folder, "log"), "restart"], check=True,
                       capture_output=True)

    def stop(self):
        import shutil
        import subprocess

        subprocess.run([*self.ctl, "-w", "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, login: str = "admin", password: str = ADMIN_PASSWORD,
            dbname: str = "postgres") -> str:
        return f"postgresql://{login}:{password}@127.0.0.1:{self.port}/{dbname}"
