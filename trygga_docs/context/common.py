"""Context helpers shared by the document families: rich inline text and document properties."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from attrs import frozen


@frozen
class Inline:
    """A paragraph of running text with superscript markers (source numbers).

    ``segments`` is a sequence of ``(text, superscript)``; ``str()`` gives the plain text.
    The Word step turns it into formatted runs.
    """

    segments: tuple[tuple[str, bool], ...]

    def __str__(self) -> str:
        return "".join(text for text, _ in self.segments)


@frozen
class Properties:
    """Document properties: Word's core properties and the PDF's metadata."""

    title: str
    subject: str
    author: str
    keywords: tuple[str, ...] = ()


def cite(text: str, pattern: re.Pattern[str], number: Callable[[str], int]) -> Inline:
    """Replace citation markers (``[^id]``) by superscript numbers from ``number(id)``.

    >>> import re
    >>> str(cite("Låg nivå [^a].", re.compile(r"\\s*\\[\\^(\\w+)\\]"), lambda _: 1))
    'Låg nivå1.'
    """
    segments: list[tuple[str, bool]] = []
    last = 0
    for match in pattern.finditer(text):
        segments.append((text[last:match.start()], False))
        segments.append((str(number(match.group(1))), True))
        last = match.end()
    segments.append((text[last:], False))
    return Inline(tuple((t, sup) for t, sup in segments if t))


def paragraphs(items: Iterable[str]) -> list[str]:
    return [p for p in items if p]
