"""Every scenario in scenarios/ passes as an acceptance test on a fresh store, a SQLite file
and a PostgreSQL schema (issue 15); a broken
one fails saying which step, what was expected and what happened; training works end to end
with scripted answers, right and wrong."""

from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner

from cli.main import lif
from cli.scenario_runner import Player, ScenarioFailed, load
from tests.postgres import postgres_store

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = sorted((ROOT / "scenarios").glob("*.toml"))


def test_there_are_at_least_ten_scenarios():
    assert len(SCENARIOS) >= 10


@pytest.mark.parametrize("database", ["sqlite", "postgres"])
@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_the_scenario_plays_as_the_framework_requires(path, database):
    scenario = load(path)
    if database == "sqlite":
        outcome = Player(scenario).play()
    else:
        with postgres_store() as env:
            outcome = Player(scenario, store=env).play()
    assert outcome.steps == len(scenario["steps"])
    assert all(right for _, _, right, _ in outcome.decisions)
    assert "History of" in outcome.history


def test_a_broken_scenario_fails_with_a_readable_message():
    with pytest.raises(ScenarioFailed) as failure:
        Player(load(Path(__file__).with_name("broken.toml"))).play()
    message = str(failure.value)
    assert message.startswith("step 1 (2017-05-04, bm1: lif case notify \"Child Z\"")
    assert "expected the output to say 'SCR criteria NOT MET', but it said: Recorded Child Z, " \
           "judged under Working Together 2015 (rule G1; lif case show says why). " \
           "SCR criteria MET" in message


def test_run_shows_the_history_and_fails_with_exit_1_on_a_broken_scenario():
    runner = CliRunner()
    ok = runner.invoke(lif, ["scenario", "run", str(SCENARIOS[0])])
    assert ok.exit_code == 0 and "All 6 steps went as the framework requires." in ok.output
    assert "chair1 (independent chair) decided on a serious case review" in ok.output
    broken = runner.invoke(lif, ["scenario", "run", str(Path(__file__).with_name("broken.toml"))])
    assert broken.exit_code == 1
    assert "failed at step 1" in broken.output and "Traceback" not in broken.output


def test_a_scenario_plays_on_a_store_of_its_own_whatever_store_the_user_works_on():
    """A training exercise never writes to the partnership's store named in the user's
    settings, even an empty one."""
    with postgres_store() as env:
        played = CliRunner().invoke(lif, ["scenario", "run", str(SCENARIOS[0])], env=env)
        assert played.exit_code == 0, played.output
        with psycopg.connect(env["LIF_POSTGRES_URL"]) as db:
            assert db.execute("SELECT COUNT(*) FROM information_schema.tables WHERE "
                              "table_schema = %s", (env["LIF_POSTGRES_SCHEMA"],)
                              ).fetchone()[0] == 0


def test_list_shows_every_scenario():
    out = CliRunner().invoke(lif, ["scenario", "list"]).output
    assert len(out.strip().splitlines()) == len(SCENARIOS)


TRAINING = ROOT / "scenarios" / "04-chair-decides-against-the-panel.toml"


def test_training_with_the_right_answer_scores_it_and_shows_the_history():
    result = CliRunner().invoke(lif, ["scenario", "train", str(TRAINING)], input="scr\n")
    assert result.exit_code == 0, result.output
    assert "DECISION: The panel said no review." in result.output
    assert "Your score: 1 of 1." in result.output
    assert "RIGHT" in result.output and "Working Together 2015; rule N1" in result.output
    assert "History of case Child L" in result.output


def test_training_records_a_wrong_choice_explains_it_and_goes_on():
    result = CliRunner().invoke(lif, ["scenario", "train", str(TRAINING)], input="no_review\n")
    assert result.exit_code == 0, result.output
    assert "Your score: 0 of 1." in result.output
    assert "Not what the framework requires: the answer is 'scr'." in result.output
    assert "decided on no review" in result.output  # the trainee's own choice is recorded
    assert "Your story has gone another way" in result.output


def test_training_asks_again_for_an_answer_that_is_not_a_choice():
    result = CliRunner().invoke(lif, ["scenario", "train", str(TRAINING)],
                                input="maybe\nscr\n")
    assert "is not one of" in result.output and "Your score: 1 of 1." in result.output


def test_training_without_an_answer_stops_with_one_line():
    result = CliRunner().invoke(lif, ["scenario", "train", str(TRAINING)], input="")
    assert result.exit_code == 1
    assert "Error: no answer was given: training stopped" in result.output.splitlines()
    assert "Traceback" not in result.output


TRAINED = [p for p in SCENARIOS if any("decision" in step for step in load(p)["steps"])]


@pytest.mark.parametrize("path", TRAINED, ids=[p.stem for p in TRAINED])
def test_every_scenario_with_decisions_can_be_trained_with_the_right_answers(path):
    """Training mode works on every scenario, the regimes after 2018 included."""
    answers = [step["decision"]["answer"] for step in load(path)["steps"] if "decision" in step]
    result = CliRunner().invoke(lif, ["scenario", "train", str(path)],
                                input="".join(f"{a}\n" for a in answers))
    assert result.exit_code == 0, result.output
    assert f"Your score: {len(answers)} of {len(answers)}." in result.output
