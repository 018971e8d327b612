"""Structured text for the templates: a field's paragraphs, each in the Markdown subset of
``trygga_docs.model.markup``, as the list the template loops over.

A plain paragraph stays the text it was (``str``), so it renders exactly as before the subset
existed; a paragraph with sub-headings, lists, bold, italic or links becomes one ``Block`` per
Word paragraph. The template does not change: ``{%p for p in item.matter %}`` … ``{{ p }}``
shows both, and the Word step gives a ``Block`` its runs and its paragraph style. This keeps
templates free of logic and the sandbox closed: a template sees a ``Block`` as an opaque value,
like a picture.

>>> blocks(["Enkel text.", "### Läget\\n\\n- ett"])[0]
'Enkel text.'
>>> [(b.style, b.heading) for b in blocks(["### Läget\\n\\n- ett"])]
[('', 1), ('List Bullet', 0)]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from trygga_docs.context.common import Block, Inline, Run, cite
from trygga_docs.model import markup

LIST_STYLES = {("bullet", 0): "List Bullet", ("bullet", 1): "List Bullet 2",
               ("number", 0): "List Number", ("number", 1): "List Number 2"}
"""The Word paragraph style of a list item by its kind and nesting."""


def blocks(paragraphs: Iterable[str]) -> list[str | Block]:
    """The paragraphs of a text field as a template shows them: plain text as it is, structured
    text as ``Block`` objects, one per Word paragraph; empty paragraphs left out."""
    out: list[str | Block] = []
    for text in paragraphs:
        if not text:
            continue
        if markup.is_plain(text):
            out.append(text)
        else:
            out += [_block(b, tuple(_runs(b.spans))) for b in markup.parse(text)]
    return out


def cited_blocks(text: str, pattern: re.Pattern[str],
                 number: Callable[[str], int]) -> list[Inline | Block]:
    """A paragraph with citation markers (``[^id]``): an ``Inline`` when it is plain (as
    before), else ``Block`` objects whose citations are superscript numbers, shown with
    ``{{r p }}``."""
    if markup.is_plain(text):
        return [cite(text, pattern, number)]
    out: list[Inline | Block] = []
    for b in markup.parse(text):
        runs: list[Run] = []
        for run in _runs(b.spans):
            runs += [Run(piece, bold=run.bold, italic=run.italic, superscript=sup, link=run.link)
                     for piece, sup in cite(run.text, pattern, number).segments]
        out.append(_block(b, tuple(runs), whole_runs=True))
    return out


def _block(b: markup.Block, runs: tuple[Run, ...], *, whole_runs: bool = False) -> Block:
    if b.kind == "heading":
        return Block(runs=runs, heading=b.level, whole_runs=whole_runs)
    if b.kind == "paragraph":
        return Block(runs=runs, whole_runs=whole_runs)
    return Block(runs=runs, style=LIST_STYLES[(b.kind, b.level)], start=b.start,
                 whole_runs=whole_runs)


def _runs(spans: Iterable[markup.Span]) -> Iterable[Run]:
    for span in spans:
        yield Run(span.text, bold=span.bold, italic=span.italic, link=span.link)


__all__ = ["LIST_STYLES", "blocks", "cited_blocks"]
