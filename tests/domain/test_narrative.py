"""Every event in the catalogue has a plain-words sentence."""

from eventsourcing.domain import CanMutateAggregate

from lif_domain.account import Account
from lif_domain.action import Action
from lif_domain.board import Board
from lif_domain.case import Case
from lif_domain.member import Member
from lif_domain.monitoring import MonitoringRound
from lif_domain.training import TrainingEvent
from lif_domain.narrative import sentence_for
from lif_domain.review import Review
from lif_domain.source import LearningSource


def catalogue():
    for aggregate in (Board, Member, Account, Case, Review, LearningSource, Action,
                      MonitoringRound, TrainingEvent):
        for name, value in vars(aggregate).items():
            if (isinstance(value, type) and issubclass(value, CanMutateAggregate)
                    and name not in ("Event", "Stage", "Created", "FactsRecorded")):
                yield value


def test_every_event_class_has_a_sentence():
    missing, events = [], list(catalogue())
    for event_class in events:
        try:
            sentence_for(event_class)
        except StopIteration:
            missing.append(event_class.__qualname__)
    assert missing == [] and len(events) > 50


def test_a_history_says_whose_response_in_plain_english():
    from types import SimpleNamespace

    from lif_domain.review_steps import STEPS

    told = STEPS["family_responded"].told
    assert told(SimpleNamespace(invitee="The parents", response="no_response")) == \
        "recorded The parents' response: no response"
    assert told(SimpleNamespace(invitee="Mother of Child H", response="accepted")) == \
        "recorded Mother of Child H's response: accepted"
