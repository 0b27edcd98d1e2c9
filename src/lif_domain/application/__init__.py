"""The LIF application service: the use cases, over an event store chosen by environment.

Each part inherits every part whose methods it calls (a test checks it), so the whole service is
the last of them: Evidence, Delays and child deaths (Deaths), over History, the action plan,
actions, learning (with audits and Section 11 rounds), membership, cases and reviews, each over
LifBase."""

from lif_domain.application.deaths import Deaths
from lif_domain.application.delays import Delays
from lif_domain.application.evidence import Evidence


class LifApplication(Evidence, Delays, Deaths):
    """All of LIF's use cases. Build it through adapters.composition.build_app()."""


__all__ = ["LifApplication"]
