"""Regenerate ``docs/gallery/`` and ``docs/gallery.md``: ``python tools/gallery.py``.

The first page of every example document in every bundled house style, as PNG, so a
municipality sees what it gets before installing. Each example under ``examples/`` is rendered
to Word with the library, converted to PDF by the library's LibreOffice converter and its first
page to PNG by ``pdftoppm`` (poppler-utils) at 60 dpi. An example that fails is reported and
left out; the exit code is then 1.

The page ends with the internal and the public (``--public``) version of the example year's
meeting with a secret item side by side, on the pages where they differ (``docs/gallery/<style>/
secrecy/``). ``python tools/gallery.py --secrecy`` makes only that section, and replaces only
it in ``docs/gallery.md``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pypdf import PdfReader  # noqa: E402

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
from trygga_docs.word.toc import outline_entries  # noqa: E402

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


def first_page_png(pdf: Path, png: Path, page: int = 1) -> None:
    png.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", str(DPI), "-f", str(page), "-l", str(page),
                    "-singlefile", str(pdf), str(png.with_suffix(""))],
                   check=True, capture_output=True)


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


SECRECY_EXAMPLE = EXAMPLES / "trygghetsutskottet-2025" / "sammantraden-2025.yaml"
SECRECY_HEADING = "## Secrecy: the internal and the public version side by side"
VERSIONS = {"internal": "Internal version", "public": "Public version (`--public`)"}


class SecretMeeting:
    """The example year's first meeting with a secret item, and what the pictures look for in
    its PDFs' bookmarks: the secret item's heading (its own title inside, its neutral title in
    public) and the secret bilaga's."""

    def __init__(self) -> None:
        self.data = load(SECRECY_EXAMPLE)
        self.meeting = next(m for m in self.data.series.meetings
                            if any(item.secrecy for item in m.items))
        self.item = next(item for item in self.meeting.items if item.secrecy)
        self.bilaga = next((a for item in self.meeting.items for a in item.attachments
                            if a.secrecy), None)
        self.date = self.meeting.date.isoformat()

    def item_page(self, entries: list[tuple[int, str, int]], version: str) -> int | None:
        heading = self.item.title if version == "internal" else self.item.public_heading
        return next((page for _, title, page in entries
                     if title.startswith("§") and title.endswith(" " + heading)), None)

    def bilaga_page(self, entries: list[tuple[int, str, int]], version: str) -> int | None:
        if self.bilaga is None:
            return None
        return next((page for level, title, page in entries if level == 1
                     and title.startswith("Bilaga") and title.endswith(self.bilaga.title)), None)


PageFinder = Callable[[SecretMeeting, list[tuple[int, str, int]], str], "int | None"]
"""Which page of a PDF (from its bookmarks) a row shows; None: the version has no such page."""


def _bookmark(name: str) -> PageFinder:
    """The page of the bookmark ``name``."""
    return lambda secret, entries, version: next(
        (page for _, title, page in entries if title == name), None)


def _first(secret: SecretMeeting, entries: list[tuple[int, str, int]], version: str) -> int:
    return 1


SECRECY_ROWS = [
    # (picture name, document, which page, what the row shows)
    ("protocol-first-page", "protocol", _first,
     "Sammanträdesprotokoll, first page: the marking"),
    ("protocol-attendance", "protocol", _bookmark("Närvarolista"),
     "Sammanträdesprotokoll, attendance and items: the protected person, the secret item's title"),
    ("protocol-secret-item", "protocol", SecretMeeting.item_page,
     "Sammanträdesprotokoll, the secret item's page"),
    ("protocol-secret-bilaga", "protocol", SecretMeeting.bilaga_page,
     "Sammanträdesprotokoll, the secret bilaga (merged at the end)"),
    ("notice-first-page", "notice", _first,
     "Kallelse, first page: the marking and the agenda"),
    ("anslag", "anslag", _first,
     "Tillkännagivande (anslag), what goes on the notice board"),
]


def secrecy_section() -> str:
    """Render the secret meeting's protocol, notice and anslag, internal and public, in every
    bundled style; write the pages of ``SECRECY_ROWS`` as PNG; return the page's section."""
    secret = SecretMeeting()
    cells: dict[str, dict[str, dict[str, tuple[Path, int, int] | None]]] = {}  # style, row, version
    with tempfile.TemporaryDirectory(prefix="trygga-gallery-secrecy-") as tmp, \
            Converter(workers=1) as converter:
        for style_name in bundled_styles():
            style = style_for(secret.data, load_style(style_name))
            folder = GALLERY / style_name / "secrecy"
            for old in folder.glob("*.png"):  # pictures of rows that no longer exist go too
                old.unlink()
            by_row = cells.setdefault(style_name, {})
            for version in VERSIONS:
                pdfs = {}
                for document in dict.fromkeys(document for _, document, _, _ in SECRECY_ROWS):
                    outputs = render(secret.data, Path(tmp) / style_name / version / document,
                                     formats=["pdf"], style=style, document=document,
                                     meeting=secret.date, public=version == "public",
                                     base_dir=SECRECY_EXAMPLE.parent, converter=converter)
                    pdfs[document] = next(p for p in outputs if p.suffix == ".pdf")
                for name, document, find, _ in SECRECY_ROWS:
                    entries = outline_entries(pdfs[document])
                    page = find(secret, entries, version)
                    if page is None:
                        by_row.setdefault(name, {})[version] = None
                        continue
                    png = folder / f"{name}-{version}.png"
                    first_page_png(pdfs[document], png, page)
                    pages = len(PdfReader(str(pdfs[document])).pages)
                    by_row.setdefault(name, {})[version] = (png, page, pages)
                    print(f"wrote {png.relative_to(ROOT)}")
    return _secrecy_markdown(secret, cells)


def _secrecy_markdown(secret: SecretMeeting,
                      cells: dict[str, dict[str, dict[str, tuple[Path, int, int] | None]]]) -> str:
    lines = [
        SECRECY_HEADING,
        "",
        (f"The meeting of {secret.date} in `{SECRECY_EXAMPLE.relative_to(ROOT)}` has a secret "
         f"item (*{secret.item.title}*, {secret.item.secrecy}), a secret paragraph and bilaga "
         "and a protected person. Left the internal version, which is signed and archived; "
         "right the public version (`--public`, every file named `…-publik`), on the pages "
         "where they differ, and the tillkännagivande for the notice board. How a secretary "
         "makes them: [README, Secrecy and the notice board]"
         "(../README.md#secrecy-and-the-notice-board). Made by `python tools/gallery.py "
         "--secrecy` (this section only) or with the whole gallery."),
        "",
        "```sh",
        f"trygga-docs render {SECRECY_EXAMPLE.relative_to(ROOT)} --meeting {secret.date} \\",
        "    --document protocol,notice,anslag --format pdf --out out/intern",
        f"trygga-docs render {SECRECY_EXAMPLE.relative_to(ROOT)} --meeting {secret.date} \\",
        "    --document protocol,notice,anslag --format pdf --out out/publik --public",
        "```",
    ]
    styles = sorted(cells, key=lambda s: (s != "default", s))
    for style in styles:
        lines += ["", f"### {style}", "",
                  "| Page | " + " | ".join(VERSIONS.values()) + " |", "|---|---|---|"]
        for name, _, _, label in SECRECY_ROWS:
            shots = cells[style].get(name, {})
            if not any(shots.values()):
                continue
            row = [label]
            for version in VERSIONS:
                shot = shots.get(version)
                if shot is None:
                    row.append("– (not in this version)")
                    continue
                png, page, pages = shot
                row.append(f"![{label}, {version}, {style}]({png.relative_to(PAGE.parent)})"
                           f"<br>page {page} of {pages}")
            found = [shot for shot in shots.values() if shot is not None]
            if len(found) == 2 and found[0][0].read_bytes() == found[1][0].read_bytes():
                row[0] += " (the same in both)"
            lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines) + "\n"


def replace_secrecy_section(section: str) -> None:
    """Put ``section`` in place of the secrecy section of ``docs/gallery.md`` (the page's last),
    leaving the rest of the page as it is."""
    text = PAGE.read_text(encoding="utf-8")
    kept = text[:text.index(SECRECY_HEADING)] if SECRECY_HEADING in text else text.rstrip() + "\n\n"
    PAGE.write_text(kept + section, encoding="utf-8")
    print(f"wrote {PAGE.relative_to(ROOT)} (its secrecy section)")


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
    write_page(shots, titles, secrecy_section())
    for failure in failures:
        print(f"failed: {failure}", file=sys.stderr)
    return 1 if failures else 0


def write_page(shots: dict[str, dict[str, Path]], titles: dict[str, str], secrecy: str) -> None:
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
    PAGE.write_text("\n".join(lines) + "\n\n" + secrecy, encoding="utf-8")
    print(f"wrote {PAGE.relative_to(ROOT)}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--secrecy", action="store_true",
                        help="make only the section with the internal and the public version "
                             "side by side (its pictures and its part of docs/gallery.md)")
    args = parser.parse_args()
    if not shutil.which("soffice") or not shutil.which("pdftoppm"):
        sys.exit("the gallery needs LibreOffice (soffice) and poppler-utils (pdftoppm)")
    if args.secrecy:
        replace_secrecy_section(secrecy_section())
        sys.exit(0)
    sys.exit(main())
