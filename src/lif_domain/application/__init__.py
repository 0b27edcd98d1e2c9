"""The LIF application service: the use cases, over an event store chosen by environment."""

from lif_domain.application.evidence import Evidence
from lif_domain.application.membership import Membership
from lif_domain.application.queries import Queries


class LifApplication(Membership, Queries, Evidence):
    """All of LIF's use cases. Build it through adapters.composition.build_app()."""


__all__ = ["LifApplication"]
