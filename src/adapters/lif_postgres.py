"""LIF's PostgreSQL persistence module (PERSISTENCE_MODULE=adapters.lif_postgres; issue 15):
the library's PostgreSQL infrastructure with the chained recorder (adapters.chain_postgres).
The library looks for exactly one factory class in the module, so its own is imported as a
module, not by name."""

import eventsourcing.postgres as library

from adapters.chain_postgres import ChainedPostgresRecorder


class Factory(library.PostgresFactory):
    application_recorder_class = ChainedPostgresRecorder

    def __init__(self, env):
        super().__init__(env)
        # A command opens one connection and waits for it: a pool that is asked before its
        # connections are ready opens more (a command opened three, each a login over the
        # network; SCRAM and TLS cost round trips). It grows only if a command needs two at once.
        self.datastore.pool_open_timeout = float(env.get("POSTGRES_CONNECT_TIMEOUT") or 10)
