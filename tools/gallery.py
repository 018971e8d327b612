"""Regenerate ``docs/gallery/`` and ``docs/gallery.md``: ``python tools/gallery.py``.

The first page of every example document in every bundled house style, as PNG, so a
municipality sees what it gets before installing. Each example under ``examples/`` is rendered
to Word with the library, converted to PDF by LibreOffice (``soffice --headless``) and its first
page to PNG by ``pdftoppm`` (poppler-utils) at 60 dpi. An example that fails is reported and
left out; the exit code is then 1.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from trygga_docs.api import render  # noqa: E402
from trygga_docs.context import prepare  # noqa: E402
from trygga_docs.errors import TryggaDocsError  # noqa: E402
from trygga_docs.load import EXAMPLES, load  # noqa: E402
from trygga_docs.style import bundled_styles, load_style  # noqa: E402

GALLERY = ROOT / "docs" / "gallery"
PAGE = ROOT / "docs" / "gallery.md"
DPI = 60
LABELS = {
    "agreement": "Samverkansöverenskommelse",
    "promises": "Medborgarlöften",
    "followup": "Uppföljning av medborgarlöften",
    "report": "Tjänsteskrivelse",
    "minutes": "Minnesanteckningar",
    "protocol": "Sammanträdesprotokoll",
    "notice": "Kallelse",
    "extract": "Protokollsutdrag",
    "register": "Förteckning",
}
ORDER = list(LABELS)


def examples() -> list[Path]:
    return sorted(p for p in EXAMPLES.rglob("*")
                  if p.suffix.lower() in (".yaml", ".yml", ".toml", ".json"))


def to_pdf(files: list[Path], outdir: Path, profile: Path) -> None:
    """One LibreOffice run for many files, with a profile of its own (another soffice may run)."""
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(outdir), *map(str, files)],
                   check=True, capture_output=True, timeout=600)


def first_page_png(pdf: Path, png: Path) -> None:
    png.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", str(DPI), "-f", "1", "-l", "1", "-singlefile",
                    str(pdf), str(png.with_suffix(""))], check=True, capture_output=True)


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
                    document = prepare(model, style).template
                    name = document if document not in rendered else f"{document}-{data.stem}"
                    (out,) = render(model, docx_dir / f"{name}.docx", style=style)
                except (TryggaDocsError, TypeError) as exc:
                    failures.append(f"{style_name}: {data.name}: {exc}")
                    continue
                rendered[name] = out
                titles[name] = LABELS.get(document, document)
            if not rendered:
                continue
            to_pdf(list(rendered.values()), docx_dir, work / "profile")
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
        "# Galleri: dokumenten i de medföljande husstilarna",
        "",
        "Första sidan av varje exempeldokument (`examples/`) i varje husstil som följer med "
        "biblioteket. Bilderna görs av `python tools/gallery.py` (Word → PDF med LibreOffice → "
        "PNG med pdftoppm); ändra inte dem för hand.",
        "",
        "- **default**: neutral stil, Calibri, mörkblå rubriker.",
        "- **klassisk**: exempelstil för en påhittad kommun (Ekby): Cambria (Caladea i "
        "LibreOffice), gröna rubriker med linje, logotyp och kommunens rader i sidhuvud och "
        "sidfot. Logotypen är ritad för exemplet (`tools/make_logo.py`), inget riktigt "
        "kommunvapen.",
        "",
        "En egen stil är en mapp med `style.toml` och logotyp, och gärna egna Word-mallar; se "
        "`templates/klassisk/style.toml`. Välj stil med `--style NAMN|MAPP`.",
        "",
        "| Dokument | " + " | ".join(styles) + " |",
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
