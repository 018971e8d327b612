"""Strukturerad text: the small Markdown subset a paragraph of running text may use, parsed by
markdown-it-py (CommonMark) into plain blocks and checked.

The subset, and what each becomes in the document:

- ``### Rubrik`` and ``#### Rubrik``: a sub-heading one or two levels below the heading the text
  stands under (``#`` and ``##`` are above its place, ``#####`` is too deep: both are errors);
- ``- punkt`` (or ``*``, ``+``) and ``1. punkt``: bullet and numbered lists, one level of sub-list
  (indented under an item);
- ``**fet**``, ``*kursiv*``, ``[text](https://adress)``;
- a new line inside a paragraph is a space, as in plain text (a paragraph may be wrapped over
  several lines); a backslash or two spaces at the end of a line make a line break; a blank line
  starts a new paragraph;
- ``**Namn:** text``: a statement by a named person, the documented way to record who said what.

Anything else (raw HTML, images, tables, quotes, code, ``&amp;``) is printed literally, never
interpreted. Emphasis is written with ``*`` only: ``_`` is an ordinary character, so file names
(``dnr_2025_12``) and text that looks like template markers (``{_{ a }_}``) come out as written. A text that uses none of the subset is *plain*: it is shown exactly as written.

>>> parse("Rådet **beslutade** att")[0].spans[1]
Span(text='beslutade', bold=True, italic=False, link=None)
>>> [b.kind for b in parse("### Läget\\n\\n- ett\\n- två")]
['heading', 'bullet', 'bullet']
>>> is_plain("Vanlig text, 3 * 4 = 12.")
True
>>> is_plain("Data som {_{ a }_} och dnr_2025_12_a")
True
"""

from __future__ import annotations

import re
from functools import lru_cache
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Literal

from attrs import Attribute, frozen

from trygga_docs.errors import DataError, data_path

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

BlockKind = Literal["paragraph", "heading", "bullet", "number"]

HEADING_MARKS = {3: 1, 4: 2}
"""``###`` is a sub-heading one level below where the text stands, ``####`` two levels."""
MAX_LIST_DEPTH = 2
"""A list and one level of sub-list."""


MARKUP = "trygga_docs.markup"
"""The metadata key of a field whose paragraphs take the subset (``schema`` describes it)."""
SUBSET_HELP = ("Each paragraph may use a Markdown subset: '### Rubrik' and '#### Rubrik' "
               "(sub-headings), '- punkt' and '1. punkt' (lists, one level of sub-list), "
               "**fet**, *kursiv*, [text](https://adress); '**Namn:** text' records who said "
               "what. Anything else (HTML, images, tables) is printed as written.")
"""The subset in one sentence, for the JSON Schema's descriptions."""


class MarkupError(ValueError):
    """Text that uses the subset wrongly (a heading above its place, lists nested too deep)."""


@frozen
class Span:
    """A piece of a paragraph with one formatting; ``"\\n"`` in ``text`` is a line break."""

    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None


@frozen
class Block:
    """One paragraph of structured text.

    ``level`` is, for a heading, how far below where the text stands (1 for ``###``, 2 for
    ``####``), for a list item its nesting (0, or 1 in a sub-list), else 0. ``start`` is the
    number the first item of a numbered list starts from (``None`` on every other block).
    """

    kind: BlockKind
    spans: tuple[Span, ...]
    level: int = 0
    start: int | None = None


_MAYBE_MARKUP = re.compile(r"[*_`\[\]<>!\\#&|\n]|^\s*(?:[-+=]|\d{1,9}[.)])(?:\s|$)")
"""Characters without which a text cannot use any Markdown: such a text is not parsed."""


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    # no raw HTML, and entities such as &amp; stay as written
    return MarkdownIt("commonmark", {"html": False}).disable(["entity"])


@lru_cache(maxsize=8192)
def parse(text: str) -> tuple[Block, ...]:
    """The blocks of ``text``; ``MarkupError`` when it uses the subset wrongly.

    >>> try:
    ...     parse("##### Djup")
    ... except MarkupError as error:
    ...     print(error)
    the sub-heading '##### Djup' (line 1 of the text) is too deep; write '###' for a sub-heading and '####' for one below it
    """
    if not _MAYBE_MARKUP.search(text):
        return (Block(kind="paragraph", spans=(Span(text),)),)
    lines = text.split("\n")
    # '_' never marks emphasis here (see the module docstring): escaped, it stays a character
    tokens = _parser().parse(text.replace("_", "\\_"))
    blocks: list[Block] = []
    lists: list[tuple[BlockKind, int | None]] = []  # the open lists: kind, start number
    item_open: list[bool] = []  # whether the innermost item already has its paragraph
    i = 0
    while i < len(tokens):
        token = tokens[i]
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            if len(lists) >= MAX_LIST_DEPTH:
                raise MarkupError(f"the list at {_where(token, lines)} nests too deep; a list "
                                  f"may have one level of sub-list, not more")
            start = int(token.attrGet("start") or 1) if kind == "ordered_list_open" else None
            lists.append(("bullet" if kind == "bullet_list_open" else "number", start))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            item_open.append(False)
        elif kind == "list_item_close":
            item_open.pop()
        elif kind == "heading_open":
            blocks.append(_heading(token, tokens[i + 1], lines))
            i += 2
        elif kind == "paragraph_open":
            spans = _spans(tokens[i + 1])
            if lists and item_open and item_open[-1]:  # a second paragraph in one list item
                last = blocks[-1]
                blocks[-1] = Block(kind=last.kind, spans=(*last.spans, Span("\n"), *spans),
                                   level=last.level, start=last.start)
            elif lists:
                list_kind, start = lists[-1]
                blocks.append(Block(kind=list_kind, spans=spans, level=len(lists) - 1,
                                    start=start))
                lists[-1] = (list_kind, None)
                item_open[-1] = True
            else:
                blocks.append(Block(kind="paragraph", spans=spans))
            i += 2
        elif kind in ("blockquote_open", "fence", "code_block", "hr", "html_block"):
            blocks.append(_literal(token, lines))
            if kind == "blockquote_open":
                i = _closing(tokens, i)
        i += 1
    return tuple(blocks)


def is_plain(text: str) -> bool:
    """Whether ``text`` uses none of the subset: one paragraph without formatting or links
    (it is then shown exactly as written, as before the subset existed)."""
    blocks = parse(text)
    return (len(blocks) == 1 and blocks[0].kind == "paragraph"
            and all(not (s.bold or s.italic or s.link) for s in blocks[0].spans))


def check(text: str) -> None:
    """Raise ``MarkupError`` when ``text`` uses the subset wrongly."""
    parse(text)


def _where(token: Token, lines: list[str]) -> str:
    line = token.map[0] if token.map else 0
    return f"line {line + 1} of the text ({_shown(lines[line])})"


def _shown(line: str) -> str:
    line = line.strip()
    return repr(line if len(line) <= 60 else line[:59] + "\u2026")


def _heading(token: Token, inline: Token, lines: list[str]) -> Block:
    if token.markup not in ("#" * n for n in range(1, 7)):  # a setext heading: text as written
        return _literal(token, lines)
    marks = len(token.markup)
    line = token.map[0] if token.map else 0
    shown = f"the sub-heading {_shown(lines[line])} (line {line + 1} of the text)"
    if marks < min(HEADING_MARKS):
        raise MarkupError(f"{shown} is above its place: the text stands under the document's "
                          f"own heading; write '###' for a sub-heading and '####' for one "
                          f"below it")
    if marks > max(HEADING_MARKS):
        raise MarkupError(f"{shown} is too deep; write '###' for a sub-heading and '####' for "
                          f"one below it")
    return Block(kind="heading", spans=_spans(inline), level=HEADING_MARKS[marks])


def _literal(token: Token, lines: list[str]) -> Block:
    """A construct outside the subset, as the lines it was written on."""
    first, last = token.map if token.map else (0, len(lines))
    return Block(kind="paragraph", spans=(Span("\n".join(lines[first:last]).strip("\n")),))


def _closing(tokens: list[Token], i: int) -> int:
    """The index of the token closing the one at ``i``."""
    depth = 0
    for j in range(i, len(tokens)):
        depth += tokens[j].nesting
        if depth == 0:
            return j
    return len(tokens) - 1


def _spans(inline: Token) -> tuple[Span, ...]:
    """The formatted pieces of an inline token: bold, italic, links, line breaks; anything else
    (images, code, HTML) as written."""
    spans: list[Span] = []
    bold = italic = 0
    link: str | None = None
    link_kind: str | None = None
    for child in inline.children or ():
        kind = child.type
        piece: str | None = None
        if kind == "text":
            piece = _unescaped(child.content) if link_kind == "autolink" else child.content
        elif kind == "softbreak":  # a new line in the written text: a space, as in plain text
            piece = " "
        elif kind == "hardbreak":
            piece = "\n"
        elif kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "link_open":
            link_kind = child.markup
            href = str(child.attrGet("href") or "")
            link = (href.replace("%5C_", "_") if link_kind == "autolink" else href) or None
        elif kind == "link_close":
            link = link_kind = None
        elif kind == "code_inline":
            piece = f"{child.markup}{_unescaped(child.content)}{child.markup}"
        elif kind == "image":
            title = child.attrGet("title")
            piece = (f"![{child.content}]({child.attrGet('src')}"
                     + (f' "{title}"' if title else "") + ")")
        else:
            piece = child.content
        if piece:
            span = Span(piece, bold=bold > 0, italic=italic > 0, link=link)
            if spans and _same_format(spans[-1], span):
                spans[-1] = Span(spans[-1].text + piece, bold=span.bold, italic=span.italic,
                                 link=span.link)
            else:
                spans.append(span)
    return tuple(spans)


def _unescaped(text: str) -> str:
    """Text where CommonMark keeps backslashes (code spans, autolinks) without the escape that
    ``parse`` puts before every ``_``."""
    return text.replace("\\_", "_")


def _same_format(a: Span, b: Span) -> bool:
    return (a.bold, a.italic, a.link) == (b.bold, b.italic, b.link)


__all__ = ["MARKUP", "SUBSET_HELP", "Block", "BlockKind", "MarkupError", "Span", "check",
           "is_plain", "parse"]


def structured_text(instance: object, attribute: Attribute[Any], value: Iterable[object]) -> None:
    """attrs validator: each paragraph (a text, or an object with a ``text``) uses the Markdown
    subset of ``model.markup`` rightly (sub-headings ``###``/``####``, one level of sub-list)."""
    for i, paragraph in enumerate(value):
        text = paragraph if isinstance(paragraph, str) else getattr(paragraph, "text", "")
        try:
            check(text if isinstance(text, str) else "")
        except MarkupError as error:
            raise DataError(str(error), path=data_path(attribute.name, i)) from None
