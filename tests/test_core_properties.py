"""Word's core properties hold at most 255 characters: a longer title is shortened in the
metadata with an ellipsis, and the document itself keeps it whole."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest

import trygga_docs
from trygga_docs.loader import EXAMPLES
CORE_PROPERTY_LIMIT = 255  # ECMA-376 core properties

YEAR_FOLDER = EXAMPLES / "trygghetsutskottet-2025"
FIRST_TITLE = "      - title: Lägesbild från polisen\n"
LONG_TITLE = ("Lägesbild från polisen om otryggheten vid pendlarparkeringen, i centrum och i "
              "bostadsområdena norr om järnvägen, med förslag till gemensamma insatser under "
              "våren och sommaren 2025 samt en uppföljning av beslutade åtgärder.")


@pytest.fixture(scope="module")
def long_title_year(tmp_path_factory) -> Path:
    """The example year with a 222-character title on its first agenda item."""
    folder = tmp_path_factory.mktemp("year")
    shutil.copytree(YEAR_FOLDER / "bilagor", folder / "bilagor")
    source = (YEAR_FOLDER / "sammantraden-2025.yaml").read_text(encoding="utf-8")
    assert FIRST_TITLE in source
    path = folder / "sammantraden-2025.yaml"
    path.write_text(source.replace(FIRST_TITLE, f"      - title: {LONG_TITLE}\n", 1),
                    encoding="utf-8")
    return path


def test_the_long_title_is_longer_than_a_core_property_may_be():
    assert len(LONG_TITLE) == 222
    assert len(f"Protokollsutdrag Trygghetsutskottet 2025-01-20 § 1 {LONG_TITLE}") > 255


def test_an_extract_of_an_item_with_a_222_character_title_is_written(long_title_year, tmp_path):
    written = trygga_docs.render_file(long_title_year, tmp_path / "utdrag", document="extract",
                                      meeting="2025-01-20")
    first = min(written, key=lambda p: p.name)
    document = docx.Document(str(first))
    title = document.core_properties.title
    assert len(title) <= CORE_PROPERTY_LIMIT and title.endswith("…")
    assert title.startswith("Protokollsutdrag ")
    body = "\n".join(p.text for p in document.paragraphs)
    assert LONG_TITLE in body, "the document keeps the whole title"


def test_every_core_property_of_a_protocol_stays_within_the_limit(long_title_year, tmp_path):
    for path in trygga_docs.render_file(long_title_year, tmp_path / "protokoll",
                                        document="notice,protocol", meeting="2025-01-20"):
        core = docx.Document(str(path)).core_properties
        for name in ("title", "subject", "author", "keywords", "comments", "language"):
            assert len(getattr(core, name) or "") <= CORE_PROPERTY_LIMIT, (path.name, name)
