"""LIF's PostgreSQL persistence module (PERSISTENCE_MODULE=adapters.lif_postgres; issue 15):
the library's PostgreSQL infrastructure with the chained recorder (adapters.chain_postgres).
The library looks for exactly one factory class in the module, so its own is imported as a
module, not by name."""

import eventsourcing.postgres as library

from adapters.chain_postgres import ChainedPostgresRecorder


class Factory(library.PostgresFactory):
    application_recorder_class = ChainedPostgresRecorder
