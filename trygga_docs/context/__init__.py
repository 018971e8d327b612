"""Model to template context: what each document's template sees, formatted in Swedish.

``document_context(model, style)`` returns the template name, the context and the properties.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from attrs import frozen

from trygga_docs.model import Agreement
from trygga_docs.style import HouseStyle
from trygga_docs.context.agreement import agreement_context, agreement_properties
from trygga_docs.context.common import Inline, Picture, Properties


@frozen
class Prepared:
    """A document ready for a template: which template, what it shows, its metadata."""

    template: str
    context: dict[str, Any]
    properties: Properties


_BUILDERS: dict[type, Callable[[Any, HouseStyle], Prepared]] = {
    Agreement: lambda m, s: Prepared("agreement", agreement_context(m, s), agreement_properties(m)),
}


def register(model_type: type, build: Callable[[Any, HouseStyle], Prepared]) -> None:
    """Teach the context step a new document type."""
    _BUILDERS[model_type] = build


def _register_promises_and_report() -> None:
    from trygga_docs.model import CitizenPromises, FollowUp, Report
    from trygga_docs.context.promises import followup_context, followup_properties, promises_context, promises_properties
    from trygga_docs.context.report import report_context, report_properties

    register(CitizenPromises, lambda m, s: Prepared("promises", promises_context(m, s),
                                                    promises_properties(m)))
    register(FollowUp, lambda m, s: Prepared("followup", followup_context(m, s), followup_properties(m)))
    register(Report, lambda m, s: Prepared("report", report_context(m, s), report_properties(m)))


_register_promises_and_report()


def _register_meetings() -> None:
    from trygga_docs.model.meeting import Meeting
    from trygga_docs.model.meeting_file import MeetingData
    from trygga_docs.model.meeting_series import MeetingSeries
    from trygga_docs.context.meeting import BUILDERS, meeting_document

    for model_type in (MeetingData, MeetingSeries, Meeting, *BUILDERS):
        register(model_type, lambda m, s: Prepared(*meeting_document(m, s)))


_register_meetings()


def prepare(model: Any, style: HouseStyle) -> Prepared:
    """The template, context and properties for a model object."""
    try:
        build = _BUILDERS[type(model)]
    except KeyError:
        raise TypeError(f"no document is defined for {type(model).__name__}") from None
    return build(model, style)


__all__ = ["Inline", "Picture", "Prepared", "Properties", "prepare", "register"]
