"""lif report: the annual report's evidence, from the event log."""

from pathlib import Path

import click

from cli.common import lif_for, progress, refusals, replaceable


@click.group()
def report():
    """Reports drawn from the event log."""


@report.command()
@click.option("--year", required=True, help="The financial year, e.g. 2017/18 (1 April to "
              "31 March).")
@click.option("--format", "formats", type=click.Choice(["md", "html", "docx"]), multiple=True,
              help="Which files to write (repeat; default all three).")
@click.option("--out", "folder", type=click.Path(file_okay=False), default="reports",
              show_default=True, help="The folder to write into.")
@click.option("--explain", is_flag=True, help="Also print the events behind every figure.")
@click.option("--rebuild-index", is_flag=True,
              help="Make the record directory again from the log first (it is derived "
              "data; see docs/adr/0015).")
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
    lif = lif_for(ctx)
    app = lif.app()
    if rebuild_index:
        app.directory.rebuild()
    formats = tuple(formats) or ("md", "html", "docx")
    with progress("Writing the annual report", lambda: 1 + len(formats)) as step:
        result = app.annual_report(year)
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
