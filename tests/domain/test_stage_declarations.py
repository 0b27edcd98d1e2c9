"""One declaration per stage (ADR 0019): a review's or an action's stage is declared once, and
its event, its command, its CLI command and its words in history all come from that entry."""

import click
import pytest

from cli.main import lif
from lif_domain import action, action_steps, review, review_steps
from lif_domain.narrative import describe, sentence_for
from tests.domain.test_narrative import catalogue

KINDS = [(review.Review, review.COMMANDS, review_steps.STEPS, "review"),
         (action.Action, action.COMMANDS, action_steps.STEPS, "action")]
OPENING = {"commissioned", "propose"}  # opened by their own commands, not taken on a record


@pytest.mark.parametrize("aggregate, commands, steps, noun", KINDS, ids=["review", "action"])
def test_every_declared_stage_has_one_command_one_cli_command_and_an_event(
        aggregate, commands, steps, noun):
    events = [e for e in catalogue() if e.__qualname__.startswith(aggregate.__name__ + ".")]
    recorded = {getattr(e, "step", "") for e in events} - {""}
    assert set(steps) == recorded  # no stage without an event, no event naming a lost stage
    assert set(commands) == set(steps) - OPENING
    group = lif.get_command(click.Context(lif), noun)
    cli_names = set(group.list_commands(click.Context(group)))
    for key, step in steps.items():
        assert (step.command is None) == (key in OPENING)
        if step.command:
            assert step.command.name in cli_names
            options = {o for p in group.get_command(None, step.command.name).params
                       for o in p.opts + p.secondary_opts}
            assert {d.option.split("/")[0] for d in step.command.details} <= options


@pytest.mark.parametrize("aggregate, commands, steps, noun", KINDS, ids=["review", "action"])
def test_a_stage_is_told_in_the_words_declared_with_it(aggregate, commands, steps, noun):
    for event_class in catalogue():
        key = getattr(event_class, "step", "")
        if key and event_class.__qualname__.startswith(aggregate.__name__ + "."):
            assert sentence_for(event_class) is steps[key].told


def test_a_history_reads_the_words_from_the_declaration_not_a_copy(monkeypatch):
    from dataclasses import replace

    from tests.domain.test_review import through

    event = through("terms_agreed")[-1]
    assert describe(event).endswith("recorded the terms of reference agreed")
    monkeypatch.setitem(review_steps.STEPS, "terms_agreed", replace(
        review_steps.STEPS["terms_agreed"], told=lambda e: "agreed the terms, as declared"))
    sentence_for.cache_clear()
    try:
        assert describe(event).endswith("agreed the terms, as declared")
    finally:
        sentence_for.cache_clear()
