"""The tjänsteskrivelse as its template sees it: every standard heading, always present."""

from __future__ import annotations

from typing import Any

from trygga_docs import text
from trygga_docs.model.report import CONSEQUENCE_HEADINGS, NO_CONSEQUENCES, Report
from trygga_docs.style import HouseStyle
from trygga_docs.context.common import Properties

NO_DOCUMENTS = "Inga handlingar."
NO_DISTRIBUTION = "Ingen sändlista angiven."


def _document_title(document: Any) -> str:
    return f"{document.title}, {text.iso_date(document.date)}" if document.date else document.title


def report_context(report: Report, style: HouseStyle) -> dict[str, Any]:
    """Everything the report template shows, formatted.

    Each consequence heading is present; one the report gives no text says *Inga kända konsekvenser.*
    """
    officer = report.officer
    contact = [c for c in (officer.phone, officer.email) if c]
    proposals = list(report.proposals)
    if len(proposals) > 1:
        proposals = [f"{n}. {p}" for n, p in enumerate(proposals, start=1)]
    people = [{"name": s.name, "title": text.upper_first(s.title)} for s in report.signatories]
    blank = {"name": "", "title": ""}
    return {
        "draft": report.draft,
        "organisation": report.organisation,
        "department": report.department,
        "header_left": f"{report.organisation}, {report.department}",
        "header_right": (f"{'UTKAST · ' if report.draft else ''}Tjänsteskrivelse "
                         f"{text.iso_date(report.date)} · Dnr {report.case_number}"),
        "document_kind": "TJÄNSTESKRIVELSE",
        "date": text.iso_date(report.date),
        "case_number": f"Dnr {report.case_number}",
        "officer_line": f"{officer.name}, {text.lower_first(officer.title)}",
        "contact_line": ", ".join(contact),
        "addressee": report.addressee,
        "title": report.title,
        "proposals": proposals,
        "decision_level": report.level,
        "summary": list(report.summary) or ["–"],
        "background": list(report.background) or ["–"],
        "description": list(report.description) or ["–"],
        "assessment": list(report.assessment) or ["–"],
        "consequences": [{"heading": heading,
                          "paragraphs": list(getattr(report.consequences, attr)) or [NO_CONSEQUENCES]}
                         for attr, heading in CONSEQUENCE_HEADINGS],
        "documents": [{"number": str(n), "title": _document_title(d),
                       "attached": "Ja" if d.attached else "Nej"}
                      for n, d in enumerate(report.documents, start=1)],
        "no_documents": NO_DOCUMENTS,
        "distribution": list(report.distribution),
        "no_distribution": NO_DISTRIBUTION,
        "signatory_rows": [people[i:i + 2] + [blank] * (2 - len(people[i:i + 2]))
                           for i in range(0, len(people), 2)],
    }


def report_properties(report: Report) -> Properties:
    return Properties(title=report.title, subject=f"Tjänsteskrivelse {report.case_number}",
                      author=f"{report.officer.name}, {report.department}, {report.organisation}",
                      keywords=("tjänsteskrivelse", report.case_number, report.addressee))
