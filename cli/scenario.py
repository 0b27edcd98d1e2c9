"""lif scenario: realistic cases replayed as acceptance tests and as training exercises."""

from pathlib import Path

import click

from cli.common import refusals

FOLDER = Path(__file__).resolve().parents[1] / "scenarios"


@click.group()
def scenario():
    """List, run and train with scenarios (stories of cases, in scenarios/)."""


@scenario.command("list")
@click.option("--folder", type=click.Path(file_okay=False, exists=True), default=str(FOLDER),
              show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print data as JSON.")
@refusals
def list_scenarios(folder, as_json):
    """List the scenarios with their titles.

    \b
    Example:
      lif scenario list
    """
    from cli.common import emit
    from cli.scenario_runner import load

    rows = [{"file": str(path), "title": load(path)["title"]}
            for path in sorted(Path(folder).glob("*.toml"))]
    emit(as_json, rows, "\n".join(f"{Path(r['file']).name:<56} {r['title']}" for r in rows))


@scenario.command()
@click.argument("file", type=click.Path(dir_okay=False, exists=True))
@refusals
def run(file):
    """Play FILE on a fresh store, taking the framework's answer at each decision point, and
    show the history it produced. Exit 1 with the failing step if an outcome differs.

    \b
    Example:
      lif scenario run scenarios/01-death-with-suspected-abuse.toml
    """
    from cli.scenario_runner import Player, ScenarioFailed, load

    story = load(Path(file))
    click.echo(f"{story['title']}\n{story.get('summary', '').strip()}")
    try:
        outcome = Player(story, click.echo).play()
    except ScenarioFailed as e:
        raise click.ClickException(f"scenario '{story['title']}' failed at {e}") from None
    click.echo(f"\nAll {outcome.steps} steps went as the framework requires.\n")
    click.echo(outcome.history)


@scenario.command()
@click.argument("file", type=click.Path(dir_okay=False, exists=True))
@refusals
def train(file):
    """Train on FILE: the story is told step by step; at each decision point you choose, your
    choice is recorded and the story goes on from it, and each choice is explained with its
    reference in the framework. Ends with your score and the history you produced. Answers
    can be piped in, one per line.

    \b
    Example:
      lif scenario train scenarios/04-chair-decides-against-the-panel.toml
      printf 'scr\\nno_review\\n' | lif scenario train scenarios/05-late-notice.toml
    """
    from cli.scenario_runner import Player, ScenarioFailed, load

    story = load(Path(file))
    click.echo(f"{story['title']}\n{story.get('summary', '').strip()}")

    def ask(decision: dict) -> str:
        click.echo(f"\nDECISION: {decision['question']}")
        for key, choice in decision["choices"].items():
            command = choice["do"] if isinstance(choice, dict) else choice
            click.echo(f"  {key}: {'lif ' + command if command else 'do nothing yet'}")
        return click.prompt("Your choice", type=click.Choice(list(decision["choices"])))

    try:
        outcome = Player(story, click.echo, strict=False).play(choose=ask)
    except click.Abort:
        click.echo()
        raise click.ClickException("no answer was given: training stopped") from None
    except ScenarioFailed as e:
        click.echo(f"\nThe story cannot go on from your choices as written ({e}).")
        outcome = None
    if outcome:
        click.echo(f"\nYour score: {outcome.score}.")
        for question, picked, right, why in outcome.decisions:
            click.echo(f"  {'RIGHT' if right else 'WRONG'}  {question} You chose {picked}. {why}")
        click.echo("\nThe history you produced:\n")
        click.echo(outcome.history)
