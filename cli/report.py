"""lif report: the board's annual report and the partners' yearly report, from the event
log."""

from pathlib import Path

import click

from cli.common import DATE, lif_for, progress, refusals, replaceable


@click.group()
def report():
    """Reports drawn from the event log."""


def _report_options(command):
    """The options every report shares: its formats, folder, --explain, --rebuild-index."""
    for option in reversed((
            click.option("--format", "formats", type=click.Choice(["md", "html", "docx"]),
                         multiple=True, help="Which files to write (repeat; default all "
                         "three)."),
            click.option("--out", "folder", type=click.Path(file_okay=False),
                         default="reports", show_default=True,
                         help="The folder to write into."),
            click.option("--explain", is_flag=True,
                         help="Also print the events behind every figure."),
            click.option("--rebuild-index", is_flag=True,
                         help="Make the record directory again from the log first (it is "
                         "derived data; see docs/adr/0015)."))):
        command = option(command)
    return command


@report.command()
@click.option("--year", required=True, help="The financial year, e.g. 2017/18 (1 April to "
              "31 March).")
@_report_options
@replaceable
@click.pass_context
@refusals
def annual(ctx, year, formats, folder, explain, rebuild_index, force):
    """Write the annual report's sections for a financial year: cases notified and decided,
    reviews and deadline compliance, lessons by theme, actions by organisation and source,
    improvements with and without evidence of impact, learning disseminated, sources of
    learning by type, and what carries into the next year. Markdown, a self-contained HTML
    page with charts, and a Word document.

    \b
    Example:
      lif report annual --year 2017/18 --out board-report
      lif report annual --year 2017/18 --format docx --explain
    """
    _write(ctx, "the annual report", lambda app: app.annual_report(year), formats, folder,
           explain, rebuild_index, force)


@report.command()
@click.option("--from", "first_day", type=DATE, required=True,
              help="The first day of the 12 months the partners report on (their choice).")
@_report_options
@replaceable
@click.pass_context
@refusals
def yearly(ctx, first_day, formats, folder, explain, rebuild_index, force):
    """Write the safeguarding partners' yearly report on the 12 months from --from (rule Y2;
    Working Together 2018 and 2023): what they did under their arrangements (notifications to
    the Panel, Rapid Reviews and the partners' decisions, local child safeguarding practice
    reviews), then the sections of the annual report for the same 12 months. In a period
    that spans the transition, each regime's figures stand side by side.

    \b
    Example:
      lif report yearly --from 2024-09-01 --out partners-report
      lif report yearly --from 2019-04-01 --format html
    """
    _write(ctx, "the partners' yearly report", lambda app: app.yearly_report(first_day),
           formats, folder, explain, rebuild_index, force)


def _write(ctx, what, build, formats, folder, explain, rebuild_index, force) -> None:
    lif = lif_for(ctx)
    app = lif.app()
    if rebuild_index:
        app.directory.rebuild()
    formats = tuple(formats) or ("md", "html", "docx")
    with progress(f"Writing {what}", lambda: 1 + len(formats)) as step:
        result = build(app)
        if step:
            step(1)
        paths = lif.write_report(result, Path(folder), formats, step, force)
    for path in paths:
        click.echo(f"Wrote {path}")
    if explain:
        for section in result.sections:
            for figure in section.figures:
                click.echo(f"\n{section.title}: {figure.label}: {figure.value}")
                for line in figure.evidence:
                    click.echo(f"  - {line}")
