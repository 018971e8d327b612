"""Regenerate ``docs/gallery/`` and ``docs/gallery.md``: ``python tools/gallery.py``.

The first page of every example document in every bundled house style, as PNG, so a
municipality sees what it gets before installing. Each example under ``examples/`` is rendered
to Word with the library, converted to PDF by the library's LibreOffice converter and its first
page to PNG by ``pdftoppm`` (poppler-utils) at 60 dpi. An example that fails is reported and
left out; the exit code is then 1.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from trygga_docs.api import render  # noqa: E402
from trygga_docs.meeting_files import is_meeting_model  # noqa: E402
from trygga_docs.model.meeting import MeetingKind  # noqa: E402
from trygga_docs.pdf.convert import Converter, PdfOptions  # noqa: E402
from trygga_docs.context import prepare  # noqa: E402
from trygga_docs.context.registry import DOCUMENTS  # noqa: E402
from trygga_docs.context.identity import identity_mismatch, without_identity  # noqa: E402
from trygga_docs.errors import TryggaDocsError  # noqa: E402
from trygga_docs.loader import EXAMPLES, load  # noqa: E402
from trygga_docs.style import bundled_styles, load_style  # noqa: E402

GALLERY = ROOT / "docs" / "gallery"
PAGE = ROOT / "docs" / "gallery.md"
DPI = 60
ORDER = ["agreement", "promises", "followup", "lagesbild", "atgardsplan", "atgardsplan_uppfoljning",
         "report", "minutes", "advisory_protocol",
         "protocol", "notice", "extract", "register"]
LABELS = {name: record.title for name, record in DOCUMENTS.items()}
LABELS["advisory_protocol"] = "Protokoll (rådgivande organ, kind: protokoll)"
"""Each document's title, as its record names it (one term per thing: *Åtgärdsregister*)."""


def examples() -> list[Path]:
    return sorted(p for p in EXAMPLES.rglob("*")
                  if p.suffix.lower() in (".yaml", ".yml", ".toml", ".json"))


def to_pdf(files: list[Path]) -> None:
    """Each Word file to a PDF beside it, with the library's warm LibreOffice (filled table of
    contents and page numbers, as users get them)."""
    with Converter(workers=os.cpu_count() or 1) as converter:
        for result in converter.convert_many([(f, f.with_suffix(".pdf"), PdfOptions()) for f in files]):
            if not result.ok:
                raise TryggaDocsError(result.error or f"{result.docx}: conversion failed")


def first_page_png(pdf: Path, png: Path) -> None:
    png.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", str(DPI), "-f", "1", "-l", "1", "-singlefile",
                    str(pdf), str(png.with_suffix(""))], check=True, capture_output=True)


MEETING_DOCUMENTS = ("minutes", "notice", "protocol", "extract", "register")


def style_for(model, style):
    """The style an example is shown in: the style itself for its own municipality's data (or a
    style without one), its look without its identity (logo, municipality, header and footer
    lines) for another municipality's, so the gallery never prints Ekby on Höör's documents."""
    return without_identity(style) if identity_mismatch(model, style) else style


def _render_example(model, folder: Path, style, taken: set[str]) -> dict[str, tuple[str, Path]]:
    """Render one example: its document, or for a meeting file the first of each document of the
    meeting cycle it has (notes or protocol, notice, extract, register)."""
    style = style_for(model, style)
    if not is_meeting_model(model):
        document = prepare(model, style).template
        name = document if document not in taken else f"{document}-{len(taken)}"
        return {name: (document, render(model, folder / f"{name}.docx", style=style)[0])}
    found = {}
    if getattr(model, "kind", None) is MeetingKind.ADVISORY and "advisory_protocol" not in taken:
        # an advisory body's protocol is rendered by the minutes template: shown on its own
        outputs = render(model, folder / "advisory", style=style, document="minutes")
        docx = sorted(p for p in outputs if p.suffix == ".docx")
        return {"advisory_protocol": ("advisory_protocol", docx[0])} if docx else {}
    for document in MEETING_DOCUMENTS:
        if document in taken:
            continue
        try:
            outputs = render(model, folder / document, style=style, document=document)
        except TryggaDocsError:
            continue  # a cycle without this document (notes have no extract)
        docx = sorted(p for p in outputs if p.suffix == ".docx")
        if docx:
            found[document] = (document, docx[0])
    return found


def main() -> int:
    failures: list[str] = []
    shots: dict[str, dict[str, Path]] = {}  # document name -> style -> png
    titles: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="trygga-gallery-") as tmp:
        work = Path(tmp)
        for style_name in bundled_styles():
            style = load_style(style_name)
            docx_dir = work / style_name
            rendered: dict[str, Path] = {}
            for data in examples():
                try:
                    model = load(data)
                    outputs = _render_example(model, docx_dir, style, set(rendered))
                except (TryggaDocsError, TypeError) as exc:
                    failures.append(f"{style_name}: {data.name}: {exc}")
                    continue
                for name, (document, out) in outputs.items():
                    rendered[name] = out
                    titles[name] = LABELS.get(document, document)
            if not rendered:
                continue
            to_pdf(list(rendered.values()))
            for name, docx in rendered.items():
                png = GALLERY / style_name / f"{name}.png"
                first_page_png(docx.with_suffix(".pdf"), png)
                shots.setdefault(name, {})[style_name] = png
                print(f"wrote {png.relative_to(ROOT)}")
    write_page(shots, titles)
    for failure in failures:
        print(f"failed: {failure}", file=sys.stderr)
    return 1 if failures else 0


def write_page(shots: dict[str, dict[str, Path]], titles: dict[str, str]) -> None:
    styles = sorted({s for by_style in shots.values() for s in by_style},
                    key=lambda s: (s != "default", s))
    lines = [
        "# Gallery: the documents in the bundled house styles",
        "",
        "The first page of every example document (`examples/`) in every house style that ships "
        "with the library. The pictures are made by `python tools/gallery.py` (Word → PDF with "
        "LibreOffice → PNG with pdftoppm); do not edit them by hand.",
        "",
        "- **default**: neutral, Calibri, dark blue headings.",
        "- **klassisk**: an example style for an invented municipality (Ekby): Cambria (Caladea in "
        "LibreOffice), green headings with a rule, a logo and the municipality's lines in the "
        "header and footer. The logo is drawn for the example (`tools/make_logo.py`), not a real "
        "coat of arms. One municipality per document: Ekby's examples show the whole style; "
        "Höör's show its look without Ekby's logo, name and address (rendering another "
        "municipality's data with it warns).",
        "",
        "A style of your own is a folder with `style.toml` and a logo, and optionally your own Word "
        "templates; see `templates/klassisk/style.toml`. Pick a style with `--style NAME|FOLDER`.",
        "",
        "| Document | " + " | ".join(styles) + " |",
        "|---|" + "---|" * len(styles),
    ]

    def order(name: str) -> tuple[int, str]:
        base = name.split("-")[0]
        return (ORDER.index(base) if base in ORDER else len(ORDER), name)

    for name in sorted(shots, key=order):
        cells = []
        for style in styles:
            png = shots[name].get(style)
            cells.append(f"![{titles[name]}, {style}]({png.relative_to(PAGE.parent)})"
                         if png else "–")
        lines.append(f"| {titles[name]} | " + " | ".join(cells) + " |")
    PAGE.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {PAGE.relative_to(ROOT)}")


if __name__ == "__main__":
    if not shutil.which("soffice") or not shutil.which("pdftoppm"):
        sys.exit("the gallery needs LibreOffice (soffice) and poppler-utils (pdftoppm)")
    sys.exit(main())
