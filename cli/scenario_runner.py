"""Scenarios: stories of cases that replay through the real `lif` commands on a fresh store,
both as acceptance tests and as training exercises (issue 6).

A scenario is a TOML file (see scenarios/README.md): a board, its members, and dated steps,
each a short narrative plus the `lif` command it records (run as the step's member on its
date) and what should come of it: words in the output, a refusal with its reason, the new
events, or the state of the clocks. A decision point offers choices, the answer the framework
requires, and why."""

import json
import shlex
import tempfile
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from click.testing import CliRunner

from lif_domain.errors import InvalidInput
from lif_domain.roles import POWERS, Role


class ScenarioFailed(AssertionError):
    """Raised when a step's outcome is not what the scenario expects."""


@dataclass
class Outcome:
    steps: int = 0
    decisions: list[tuple[str, str, bool, str]] = field(default_factory=list)  # q, choice, ok, why
    history: str = ""

    @property
    def score(self) -> str:
        right = sum(ok for _, _, ok, _ in self.decisions)
        return f"{right} of {len(self.decisions)}"


def load(path: Path) -> dict:
    try:
        scenario = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise InvalidInput(f"{path.name} is not a readable scenario: {e}") from None
    for key in ("title", "board", "members", "steps"):
        if key not in scenario:
            raise InvalidInput(f"{path.name} lacks '{key}'")
    return scenario


class Player:
    """Plays one scenario on a fresh store of its own."""

    def __init__(self, scenario: dict, say: Callable[[str], None] = lambda text: None,
                 strict: bool = True, store: dict | None = None):
        """`store`: settings that name another fresh store to play on (a PostgreSQL schema's,
        say); by default a SQLite file in a folder of the play's own."""
        self.scenario = scenario
        self.say = say
        self.strict = strict  # a trainee's own choices may lead the story elsewhere
        self._folder = tempfile.TemporaryDirectory(prefix="lif-scenario-")
        self.folder = Path(self._folder.name)
        # its own, whatever store the user's settings name (a partnership's, say)
        self.env = {"LIF_DATABASE": "sqlite", "LIF_STORE": str(self.folder / "scenario.sqlite"),
                    "LIF_ACTOR": None, **(store or {})}
        self.runner = CliRunner()

    def lif(self, args: list[str]):
        from cli.main import lif

        return self.runner.invoke(lif, args, env=self.env)

    def play(self, choose: Callable[[dict], str] | None = None) -> Outcome:
        """Run every step. At a decision point `choose` picks a choice (default: the answer)."""
        outcome = Outcome()
        try:
            self._found_board()
            for number, step in enumerate(self.scenario["steps"], start=1):
                self.say(f"\n{step.get('on', '')}  {step.get('story', '').strip()}")
                if "decision" in step:
                    step = {**step, **self._decide(step, choose, outcome)}
                self._take(number, step, step.get("do"))
                outcome.steps += 1
            outcome.history = self.history()
        finally:
            self._folder.cleanup()  # a scenario's store lives only as long as its play
        return outcome

    def history(self) -> str:
        refs = self.scenario.get("show", [self.scenario.get("child", "")])
        return "\n\n".join(self.lif(["history", ref]).output for ref in refs if ref)

    # ---- steps --------------------------------------------------------------------------------
    def _found_board(self) -> None:
        chair, manager, *others = self.scenario["members"]
        start = self.scenario.get("from", "2017-04-03")
        result = self.lif(["init", "--board", self.scenario["board"], "--chair", chair["ref"],
                           "--chair-org", chair["organisation"], "--manager", manager["ref"],
                           "--manager-org", manager["organisation"], "--on", start])
        if result.exit_code:
            raise ScenarioFailed(f"the board could not be set up: {result.output.strip()}")
        for member in others:
            self._must(["member", "appoint", member["ref"], "--role", member["role"], "--org",
                        member["organisation"], "--as", manager["ref"], "--on", start])
            if Role.parse(member["role"]) in POWERS:  # agreed by the chair (rule W4)
                self._must(["member", "agree", member["ref"], "--as", chair["ref"], "--on",
                            start])
        for organisation in self.scenario.get("organisations", []):
            self._must(["org", "add", organisation, "--as", manager["ref"], "--on", start])

    def _must(self, args: list[str]) -> None:
        result = self.lif(args)
        if result.exit_code:
            raise ScenarioFailed(f"setting up: 'lif {' '.join(args)}' failed: "
                                 f"{result.output.strip()}")

    def _decide(self, step: dict, choose, outcome: Outcome) -> dict:
        """The chosen choice, as what the step does: {'do': command} and perhaps {'as': ...}."""
        decision = step["decision"]
        picked = choose(decision) if choose else decision["answer"]
        right = picked == decision["answer"]
        outcome.decisions.append((decision["question"], picked, right, decision["explanation"]))
        verdict = "Right." if right else f"Not what the framework requires: the answer is " \
                                         f"'{decision['answer']}'."
        self.say(f"{verdict} {decision['explanation']}")
        choice = decision["choices"][picked]
        return choice if isinstance(choice, dict) else {"do": choice}

    def _take(self, number: int, step: dict, command: str | None) -> None:
        where = f"step {number} ({step.get('on', 'no date')}"
        if command:
            where += f", {step.get('as', '')}: lif {command}"
        where += ")"
        before = self._positions()
        if command:
            args = shlex.split(command)
            if step.get("as"):  # a write: taken as that member on the step's date
                args += ["--as", step["as"], "--on", step["on"]]
            result = self.lif(args)
            output = result.output.strip()
            if "refused" in step:
                if result.exit_code != 1 or step["refused"] not in output:
                    return self._differs(f"{where}: expected it to be refused with "
                                         f"'{step['refused']}', but it "
                                         f"{'was recorded' if not result.exit_code else 'said'}"
                                         f": {output or '(nothing)'}")
                if self._positions() != before:
                    return self._differs(f"{where}: it was refused but something was written")
                self.say(f"  Refused, as the framework requires: {output}")
            elif result.exit_code:
                return self._differs(f"{where}: expected it to be recorded, but: {output}")
            elif step.get("expect") and step["expect"] not in output:
                return self._differs(f"{where}: expected the output to say '{step['expect']}', "
                                     f"but it said: {output}")
            else:
                self.say(f"  {output}")
        if "events" in step:
            made = self._event_types(before)
            if made != step["events"]:
                return self._differs(f"{where}: expected the events {step['events']}, but it "
                                     f"recorded {made}")
        if "due" in step:
            self._check_clocks(where, step)

    def _check_clocks(self, where: str, step: dict) -> None:
        result = self.lif(["due", "--all", "--json", "--as-of", step["on"]])
        clocks = {f"{c['subject']}: {c['clock']}": c["status"]
                  for c in json.loads(result.output)["clocks"]}
        for clock, status in step["due"].items():
            if clocks.get(clock) != status:
                return self._differs(f"{where}: expected the clock '{clock}' to be {status} on "
                                     f"{step['on']}, but it was {clocks.get(clock, 'absent')}")
            self.say(f"  Clock '{clock}': {status}")

    def _differs(self, message: str) -> None:
        if self.strict:
            raise ScenarioFailed(message)
        self.say(f"  (Your story has gone another way from the framework's here: {message})")

    def _log(self):
        from adapters.composition import Lif

        return Lif(self.env)

    def _positions(self) -> int:
        return self._log().head()

    def _event_types(self, after: int) -> list[str]:
        return self._log().event_types_after(after)
