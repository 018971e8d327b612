"""Draw the example logo of the bundled ``klassisk`` style: ``python tools/make_logo.py``.

A made-up mark for a made-up municipality (*Ekby*): an oak crown of three circles over a trunk on
a rounded square. Deliberately no shield, no heraldry: it must never pass for a real
municipality's coat of arms. Needs Pillow (a tool dependency, not the library's).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "templates" / "klassisk" / "logo.png"
GREEN = (30, 91, 79, 255)
LEAF = (214, 230, 214, 255)
BROWN = (122, 92, 46, 255)
SIZE = 480


def draw(size: int = SIZE) -> Image.Image:
    """The logo, ``size`` pixels square, on a transparent background."""
    scale = 4  # drawn large and shrunk: smooth edges without an anti-aliasing renderer
    big = size * scale
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((0, 0, big - 1, big - 1), radius=big // 5, fill=GREEN)

    def circle(cx: float, cy: float, r: float, fill: tuple[int, ...]) -> None:
        pen.ellipse(((cx - r) * big, (cy - r) * big, (cx + r) * big, (cy + r) * big), fill=fill)

    pen.rounded_rectangle((0.46 * big, 0.52 * big, 0.54 * big, 0.84 * big), radius=big // 60,
                          fill=BROWN)
    for cx, cy, r in ((0.34, 0.45, 0.17), (0.66, 0.45, 0.17), (0.5, 0.32, 0.2)):
        circle(cx, cy, r, LEAF)
    pen.rectangle((0.22 * big, 0.84 * big, 0.78 * big, 0.87 * big), fill=LEAF)
    return image.resize((size, size), Image.LANCZOS)


def main(out: Path = OUT) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    draw().save(out, optimize=True)
    print(f"wrote {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
