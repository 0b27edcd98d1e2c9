"""The LIF application service: the use cases, over an event store chosen by environment."""

from lif_domain.application.history import History
from lif_domain.application.membership import Membership
from lif_domain.application.queries import Queries


class LifApplication(Membership, Queries, History):
    """All of LIF's use cases. Build it through adapters.composition.build_app()."""


__all__ = ["LifApplication"]
