"""The ``trygga-docs`` command line."""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import click
from rich.console import Console

from trygga_docs import __version__
from trygga_docs.errors import TryggaDocsError

# A command imports what it needs inside its function: --help and a quick command do not pay for
# the models, the Word and PDF libraries and the rest (tests/test_start.py keeps it so).

err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)


class _LazyChoice(click.Choice):  # type: ignore[type-arg]  # not generic before click 8.2
    """A ``click.Choice`` whose choices are computed when a command first needs them."""

    def __init__(self, choices: Callable[[], Iterable[str]]) -> None:
        self._make_choices = choices
        self._choices: tuple[str, ...] | None = None
        self.case_sensitive = True

    @property
    def choices(self) -> tuple[str, ...]:
        if self._choices is None:
            self._choices = tuple(self._make_choices())
        return self._choices

    @choices.setter
    def choices(self, value: Iterable[str]) -> None:
        self._choices = tuple(value)


def _document_types() -> list[str]:
    from trygga_docs.context.registry import DOCUMENT_TYPES  # imported here: saves start-up time

    return sorted(DOCUMENT_TYPES)


TYPES = _LazyChoice(_document_types)
VERIFY_HELP = ("Check every PDF against its Word file and write none that lacks text of it "
               "(a LibreOffice layout fault); --no-verify skips the check.")
FORMAT_HELP = "Output format(s): docx, pdf or both as 'docx,pdf'. Default: from the suffix of --out."
DOCUMENT_HELP = ("Meeting files: which document(s) of the meeting cycle: notice, minutes, protocol, "
                 "extract (one file per § into a folder), register or anslag (the notice of the "
                 "adjusted protocol for the notice board, with a .json record); several as "
                 "'notice,protocol'. Default: the meeting's notes or protocol.")
STYLE_HELP = "House style: a bundled style name (default) or a style folder."
ATTACHMENTS_HELP = ("The folder the bilagor (attachments) named in the data are in, and must stay "
                    "in. Default: the data file's folder.")
ATTACHMENTS = click.Path(exists=True, file_okay=False, path_type=Path)
PUBLIC_HELP = ("Write the public version, for the notice board and the web: secret items, bilagor "
               "and paragraphs withheld (a secret item keeps its § and says 'Sekretess enligt "
               "…'), protected people shown by role, personnummer masked; every file is named "
               "…-publik.")
SWEDISH_NAMES_HELP = ("Name the files of a meeting file's documents with Swedish letters and the "
                      "§ sign (2025-03-17-protokollsutdrag-§12, åtgärdsregister) instead of plain "
                      "ASCII (2025-03-17-protokollsutdrag-p12, atgardsregister).")

SEPARATE_HELP = ("Write each bilaga as a file of its own next to the PDF (<name>-bilaga-1.pdf …) "
                 "instead of merging it in: for publishing, where an untagged bilaga would cost "
                 "the merged file its PDF/UA claim.")


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except TryggaDocsError as exc:
            err.print(f"[bold red]error:[/] {exc}", soft_wrap=True)
            sys.exit(1)
        except KeyboardInterrupt as exc:  # Ctrl-C; SIGTERM and SIGHUP in a batch (Terminated)
            err.print("[yellow]interrupted[/]; files already written are complete, none is half-written")
            sys.exit(128 + getattr(exc, "signum", 2))


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="trygga-docs")
def main() -> None:
    """Word and PDF documents for Swedish local safety work, from YAML, TOML or JSON data.

    \b
    Examples:
      trygga-docs render examples/hoor/samverkansoverenskommelse.yaml --out out/avtal.docx
      trygga-docs batch examples --out out
      trygga-docs new agreement --from examples/hoor/samverkansoverenskommelse.yaml \\
          --period 2020-01-01:2023-12-31 --out avtal-2020.yaml
      trygga-docs schema agreement > agreement.schema.json
    """


@main.command()
@click.argument("data_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--out", "-o", "out_path", required=True, type=click.Path(path_type=Path),
              help="The file to write (.docx or .pdf).")
@click.option("--format", "formats", help=FORMAT_HELP)
@click.option("--style", help=STYLE_HELP)
@click.option("--pdfa/--no-pdfa", default=True, show_default=True,
              help="PDF/A-2b (archival) or plain PDF; both are tagged.")
@click.option("--fill-toc", is_flag=True,
              help="A Word file made alone: its table of contents with the page numbers of a "
              "layout by LibreOffice (about a second more), instead of the headings with pages "
              "Word fills in when it opens the file. With a PDF the pages are always the PDF's.")
@click.option("--document", "document", help=DOCUMENT_HELP)
@click.option("--meeting", help="Meeting files: the meeting of this date (YYYY-MM-DD) in a "
              "file with several.")
@click.option("--attachments", "attachments_dir", type=ATTACHMENTS, help=ATTACHMENTS_HELP)
@click.option("--verify/--no-verify", default=True, show_default=True, help=VERIFY_HELP)
@click.option("--public", is_flag=True, help=PUBLIC_HELP)
@click.option("--swedish-names", is_flag=True, help=SWEDISH_NAMES_HELP)
@click.option("--separate-attachments", is_flag=True, help=SEPARATE_HELP)
def render(data_file: Path, out_path: Path, formats: str | None, style: str | None, pdfa: bool,
           fill_toc: bool, document: str | None, meeting: str | None,
           attachments_dir: Path | None, verify: bool, public: bool,
           separate_attachments: bool, swedish_names: bool) -> None:
    """Render one data file; its 'type:' says which document it is.

    \b
    Example:
      trygga-docs render examples/hoor/samverkansoverenskommelse.yaml --out out/avtal.docx
      trygga-docs render examples/hoor/samverkansoverenskommelse.yaml --out out/avtal --format docx,pdf
      trygga-docs render examples/hoor/minnesanteckningar-2019-11-25.yaml --document notice --out out/kallelse.docx
      trygga-docs render examples/trygghetsutskottet-2025/sammantraden-2025.yaml --meeting 2025-03-17 --document extract --out out/utdrag
      trygga-docs render examples/trygghetsutskottet-2025/sammantraden-2025.yaml --meeting 2025-03-17 --document protocol,anslag --public --format pdf --out out/anslagstavla
    """
    from trygga_docs.api import render as render_model  # imported here: saves start-up time
    from trygga_docs.loader import read_model

    model, lines = read_model(data_file, attachments_dir=attachments_dir)
    _warn_about_placeholders(model, data_file, lines)
    _warn_about_identity_numbers(model, data_file, lines)
    _warn_about_missing_attachments(model, data_file, lines)
    with _identity_warnings(data_file):
        written = render_model(model, out_path, formats=formats, style=style, pdf_a=pdfa,
                               fill_toc=fill_toc, base_dir=attachments_dir or data_file.parent,
                               verify=verify, document=document, meeting=meeting, public=public,
                               separate_attachments=separate_attachments,
                               swedish_names=swedish_names)
    for path in written:
        out.print(f"wrote {path}")


@contextlib.contextmanager
def _identity_warnings(data_file: Path) -> Iterator[None]:
    """Print the render's StyleIdentityWarning (a style of another municipality) once, as a
    warning naming the data file; other Python warnings go on as they were."""
    from trygga_docs.context.identity import StyleIdentityWarning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", StyleIdentityWarning)
        yield
    shown: set[str] = set()
    for warning in caught:
        if not issubclass(warning.category, StyleIdentityWarning):
            warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
        elif str(warning.message) not in shown:
            shown.add(str(warning.message))
            err.print(f"[yellow]warning:[/] {data_file}: {warning.message}", soft_wrap=True)


@main.command()
@click.argument("folder", type=click.Path(exists=True, path_type=Path))
@click.option("--out", "-o", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="The folder to write into.")
@click.option("--format", "formats", default="docx", show_default=True,
              help="Output format(s): docx, pdf or 'docx,pdf'.")
@click.option("--style", help=STYLE_HELP)
@click.option("--workers", type=click.IntRange(1), help="Parallel workers (default: all cores).")
@click.option("--document", "document", help=DOCUMENT_HELP + " Other files are skipped.")
@click.option("--verify/--no-verify", default=True, show_default=True, help=VERIFY_HELP)
@click.option("--attachments", "attachments_dir", type=ATTACHMENTS, help=ATTACHMENTS_HELP)
@click.option("--resume", is_flag=True,
              help="Skip documents whose files are newer than their data file, the house style "
                   "and its templates (to go on after an interrupted batch).")
@click.option("--public", is_flag=True, help=PUBLIC_HELP)
@click.option("--swedish-names", is_flag=True, help=SWEDISH_NAMES_HELP)
@click.option("--separate-attachments", is_flag=True, help=SEPARATE_HELP)
def batch(folder: Path, out_dir: Path, formats: str, style: str | None, workers: int | None,
          document: str | None, verify: bool, attachments_dir: Path | None,
          resume: bool, public: bool, swedish_names: bool, separate_attachments: bool) -> None:
    """Render every data file in FOLDER (and its subfolders), or every meeting of a
    multi-meeting file, into --out.

    A broken file is reported and the others are still written; the exit code is 1 when
    anything failed. § numbers run on across the meetings of a body's year in the batch.

    \b
    Example:
      trygga-docs batch examples --out out --format docx,pdf
      trygga-docs batch examples/trygghetsutskottet-2025 --out out --document notice,protocol,extract,register
      trygga-docs batch examples --out out --format docx,pdf --resume
      trygga-docs batch examples/trygghetsutskottet-2025 --out out/publik --document protocol,extract,anslag --public
    """
    # imported here: saves start-up time
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from trygga_docs.api import parse_formats
    from trygga_docs.batch import data_files, render_many
    from trygga_docs.style import load_style

    parse_formats(formats)  # refuse a bad option once, before any work
    load_style(style)
    files = data_files(folder)
    if not files:
        raise TryggaDocsError(f"{folder}: no data files (.yaml, .yml, .toml, .json) found")
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=err, transient=True) as progress:
        task = progress.add_task("rendering", total=len(files))

        def step(path: Path, outputs: list[Path] | None, error: str | None) -> None:
            progress.advance(task)
            if error:
                progress.console.print(f"[red]failed[/] {error}", soft_wrap=True)

        result = render_many(files, out_dir, formats=formats.split(","), style=style,
                             workers=workers, on_progress=step, document=document, verify=verify,
                             on_plan=lambda total: progress.update(task, total=total),
                             attachments_dir=attachments_dir, resume=resume, public=public,
                             swedish_names=swedish_names,
                             separate_attachments=separate_attachments)
    summary = result.summary()
    for warning in result.warnings:
        err.print(f"[yellow]warning:[/] {warning}", soft_wrap=True)
    if result.failed:
        err.print(f"[bold red]{summary}[/]")
        for failure in result.failed:
            err.print(f"  {failure.message}", soft_wrap=True)
        sys.exit(1)
    out.print(f"[green]{summary}[/] into {out_dir}")


@main.command()
@click.argument("document_type", metavar="TYPE", type=TYPES)
@click.option("--from", "source", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Start from this data file (last period's document) instead of a skeleton.")
@click.option("--period", help="The new period, START:END, e.g. 2020-01-01:2023-12-31 "
              "(default with --from: the period after the old one, as long).")
@click.option("--from-meetings", "meeting_files", multiple=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="For 'new report': draft an återrapportering from these meeting files "
                   "(repeat the option for several files); needs --period.")
@click.option("--from-plan", "plan_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="For 'new report': draft the tjänsteskrivelse for the decision on this "
                   "åtgärdsplan (type: atgardsplan).")
@click.option("--body", help="With --from-meetings (or 'new meeting --from'): the body, when the "
              "files hold several.")
@click.option("--date", "on", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="'new meeting --from': the next meeting's date (default: the last meeting's "
                   "next_meeting, else the file's cadence); 'new report --from-meetings': the "
                   "report's date (default: the first weekday after the last meeting).")
@click.option("--out", "-o", "out_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write here instead of to standard output.")
def new(document_type: str, source: Path | None, period: str | None, meeting_files: tuple[Path, ...],
        plan_file: Path | None, body: str | None, on: dt.datetime | None,
        out_path: Path | None) -> None:
    """Start a new data file: a commented skeleton, next period's draft from the last one, or
    the next meeting from the last meeting's file.

    TYPE is one of: agreement, promises, followup, lagesbild, atgardsplan,
    atgardsplan_uppfoljning, report, meeting.

    The draft keeps everything but the adoption record, so it renders marked UTKAST until the
    new adoption is filled in. 'new meeting --from' writes the next meeting: its date, the same
    body and participants, the standing items, and the actions still open for follow-up; the
    values (times such as "13.00") as the last file wrote them.

    \b
    Examples:
      trygga-docs new agreement --out avtal.yaml
      trygga-docs new agreement --from examples/hoor/samverkansoverenskommelse.yaml \\
          --period 2020-01-01:2023-12-31 --out avtal-2020.yaml
      trygga-docs new report --from-meetings examples/hoor/minnesanteckningar-2019-11-25.yaml \\
          --period 2019-01-01:2019-12-31 --out aterrapportering-2019.yaml
      trygga-docs new meeting --from examples/hoor/minnesanteckningar-2019-11-25.yaml \\
          --out minnesanteckningar-2020-03-02.yaml
      trygga-docs new report --from-plan examples/ekby/atgardsplan-2025-2026.yaml --out beslut.yaml
    """
    from trygga_docs.context.registry import DOCUMENT_TYPES  # imported here: saves start-up time
    from trygga_docs.loader import load
    from trygga_docs.new import (draft_from, next_meeting_draft, parse_period, report_from_meeting_files,
                                 report_from_plan_file, skeleton)

    date = on.date() if on is not None else None
    if date is not None and not (meeting_files or plan_file or (document_type == "meeting" and source)):
        raise TryggaDocsError("--date goes with 'new meeting --from FILE' or 'new report "
                              "--from-meetings FILE'")
    if plan_file is not None:
        if document_type != "report" or source is not None or meeting_files or period:
            raise TryggaDocsError("--from-plan makes a report: use 'new report --from-plan PLAN.yaml'")
        content = report_from_plan_file(plan_file, date=date)
    elif meeting_files:
        if document_type != "report" or source is not None or not period:
            raise TryggaDocsError("--from-meetings makes a report: use 'new report "
                                  "--from-meetings FILE --period START:END'")
        content = report_from_meeting_files(list(meeting_files), parse_period(period), body=body,
                                            date=date)
    elif document_type == "meeting" and source is not None:
        if period:
            raise TryggaDocsError("a meeting has no period; give the next meeting's date (--date)")
        content = next_meeting_draft(source, date=date, body=body)
    elif source is None:
        if period:
            raise TryggaDocsError("--period needs --from (a skeleton's period is edited in the file)")
        content = skeleton(document_type)
    else:
        model = load(source)
        if not isinstance(model, DOCUMENT_TYPES[document_type]):
            raise TryggaDocsError(f"{source} is not a '{document_type}' file")
        content = draft_from(source, parse_period(period) if period else None)
    if out_path is None:
        click.echo(content, nl=False)
        return
    if out_path.exists():
        raise TryggaDocsError(f"{out_path} already exists; choose another name or remove it first")
    from trygga_docs.files import write_bytes_atomic  # imported here: saves start-up time
    write_bytes_atomic(out_path, content.encode("utf-8"))
    err.print(f"wrote {out_path}")


@main.command()
@click.argument("document_type", metavar="TYPE", type=TYPES)
def schema(document_type: str) -> None:
    """Print the JSON Schema of a data format, for editors that check and complete YAML.

    TYPE is one of: agreement, promises, followup, lagesbild, atgardsplan,
    atgardsplan_uppfoljning, report, meeting.

    \b
    Example (VS Code with the YAML extension, first line of the data file):
      trygga-docs schema agreement > agreement.schema.json
      # yaml-language-server: $schema=agreement.schema.json
    """
    import json

    from trygga_docs.schema import json_schema  # imported here: saves start-up time

    click.echo(json.dumps(json_schema(document_type), ensure_ascii=False, indent=2))


def _warn_about_placeholders(model: object, path: Path, lines: dict[str, int]) -> int:
    """Print a warning for each skeleton text (``<…>``) left in a loaded data file; return how
    many."""
    from trygga_docs.loader import placeholders  # imported here: saves start-up time

    found = placeholders(model, file=path, lines=lines)
    for warning in found:
        err.print(f"[yellow]warning:[/] {warning}", soft_wrap=True)
    return len(found)


def _warn_about_missing_attachments(model: object, path: Path, lines: dict[str, int]) -> int:
    """Print a warning for each *bilaga N* a meeting's text mentions that the meeting does not
    have; return how many."""
    from trygga_docs.meeting_files import missing_attachments  # imported here: saves start-up time

    found = missing_attachments(model, file=path, lines=lines)
    for warning in found:
        err.print(f"[yellow]warning:[/] {warning}", soft_wrap=True)
    return len(found)


def _warn_about_identity_numbers(model: object, path: Path, lines: dict[str, int]) -> int:
    """Print a warning for each personnummer or samordningsnummer in a loaded data file; return
    how many."""
    from trygga_docs.loader import identity_numbers  # imported here: saves start-up time

    found = identity_numbers(model, file=path, lines=lines)
    for warning in found:
        err.print(f"[yellow]warning:[/] {warning}", soft_wrap=True)
    return len(found)


@main.command()
@click.argument("paths", metavar="DATA_FILES...", nargs=-1, required=True,
                type=click.Path(exists=True, path_type=Path))
@click.option("--attachments", "attachments_dir", type=ATTACHMENTS, help=ATTACHMENTS_HELP)
def check(paths: tuple[Path, ...], attachments_dir: Path | None) -> None:
    """Check data files (or every data file in folders) without rendering anything; exit 1 if
    any has a problem.

    \b
    Example:
      trygga-docs check examples/hoor/*.yaml
      trygga-docs check examples
    """
    from trygga_docs.batch import data_files  # imported here: saves start-up time
    from trygga_docs.loader import read_model

    failed = 0
    files = [f for given in paths for f in (data_files(given) if given.is_dir() else [given])]
    for path in files:
        try:
            model, lines = read_model(path, attachments_dir=attachments_dir)
            left = _warn_about_placeholders(model, path, lines)
            numbers = _warn_about_identity_numbers(model, path, lines)
            missing = _warn_about_missing_attachments(model, path, lines)
            notes = [f"{left} placeholder{'s' if left > 1 else ''} left" if left else "",
                     f"{numbers} personnummer or samordningsnummer" if numbers else "",
                     f"{missing} bilaga mentioned but missing" if missing else ""]
            if left or numbers or missing:
                out.print(f"[yellow]ok, but {' and '.join(n for n in notes if n)}[/] {path}")
            else:
                out.print(f"[green]ok[/] {path}")
        except TryggaDocsError as exc:
            failed += 1
            err.print(f"[bold red]error:[/] {exc}", soft_wrap=True)
    if failed:
        sys.exit(1)



@main.command()
@click.argument("data_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--out", "-o", "out_path", required=True, type=click.Path(path_type=Path),
              help="The file to write: .svg or .png.")
@click.option("--style", help=STYLE_HELP)
@click.option("--dpi", type=click.IntRange(72, 1200), default=300, show_default=True,
              help="Resolution of a PNG.")
def orgchart(data_file: Path, out_path: Path, style: str | None, dpi: int) -> None:
    """Draw the organisation chart (Organisationsskiss) of an agreement as SVG or PNG.

    \b
    Example:
      trygga-docs orgchart examples/hoor/samverkansoverenskommelse.yaml --out skiss.svg
      trygga-docs orgchart examples/hoor/samverkansoverenskommelse.yaml --out skiss.png --style klassisk
    """
    from trygga_docs.model import Agreement  # imported here: saves start-up time
    from trygga_docs.context.orgchart import write_orgchart
    from trygga_docs.loader import load
    from trygga_docs.style import load_style

    model = load(data_file)
    if not isinstance(model, Agreement):
        raise TryggaDocsError(f"{data_file} is not an agreement ('type: agreement'); only an "
                              f"agreement has an organisation to draw")
    out.print(f"wrote {write_orgchart(model, out_path, style=load_style(style), dpi=dpi)}")


@main.command("check-template")
@click.argument("template", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--type", "document", required=True,
              help="The document type the template is for: agreement, minutes, promises …")
@click.option("--data", "data_files", multiple=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Also admit what this data file holds for the document (repeatable); what "
                   "the type provides is read from its context class (docs/templates.md).")
@click.option("--accessibility", is_flag=True,
              help="Also check what makes the documents inaccessible: pictures without "
                   "alternative text, heading levels skipped, no document language, tables "
                   "without a repeated header row, floating objects, text as images.")
def check_template_command(template: Path, document: str, data_files: tuple[Path, ...],
                           accessibility: bool) -> None:
    """Check a Word template against what its document type provides.

    Lists the variables and filters the template uses that the type does not provide (with the
    closest valid name), and the values the type provides that the template never shows.
    Exits 1 if the template uses anything unknown or has a syntax error, or, with
    --accessibility, anything that keeps its documents from being accessible (a table without
    a header row is a warning only: it may be layout).

    \b
    Example:
      trygga-docs check-template templates/default/minutes.docx --type minutes
      trygga-docs check-template min-mall/protocol.docx --type protocol --accessibility
    """
    from trygga_docs.word.templatecheck import check_accessibility, check_template  # start-up time

    barriers = check_accessibility(template) if accessibility else []
    for barrier in barriers:
        label = "[bold red]error:[/]" if barrier.error else "[yellow]warning:[/]"
        err.print(f"{label} accessibility: {barrier}", soft_wrap=True)
    report = check_template(template, document, data=data_files or None)
    for finding in report.unknown:
        err.print(f"[bold red]error:[/] {finding}", soft_wrap=True)
    if report.ignored:
        out.print(f"[yellow]not shown[/] by the template ({len(report.ignored)}): "
                  f"{', '.join(report.ignored)}", soft_wrap=True)
    if report.unknown:
        err.print(f"[bold red]{template}: {len(report.unknown)} unknown name(s)[/]")
        sys.exit(1)
    if any(barrier.error for barrier in barriers):
        err.print(f"[bold red]{template}: {sum(b.error for b in barriers)} accessibility "
                  f"error(s)[/]")
        sys.exit(1)
    out.print(f"[green]ok[/] {template}: uses {len(report.used)} provided names of '{document}'")
