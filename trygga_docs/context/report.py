"""The tjänsteskrivelse as its template sees it: every standard heading, always present."""

from __future__ import annotations

from typing import Any

from attrs import frozen

from trygga_docs import text
from trygga_docs.model.report import CONSEQUENCE_HEADINGS, NO_CONSEQUENCES, Report
from trygga_docs.style import HouseStyle
from trygga_docs.context.common import Block, Properties, Signer, signer_rows
from trygga_docs.context.markup import blocks
from trygga_docs.context.record import DataFileType, Document
from trygga_docs.context.secrecy import classification, classified, passages, secrecy_line

NO_DOCUMENTS = "Inga handlingar."
NO_DISTRIBUTION = "Ingen sändlista angiven."


def _document_title(document: Any, public: bool) -> str:
    """The title with its date; a secret document's only as its reference in the public
    version, marked in the internal one."""
    if document.secrecy and public:
        title = secrecy_line(document.secrecy)
    elif document.secrecy:
        title = f"{document.title} (sekretess enligt {document.secrecy})"
    else:
        title = document.title
    return f"{title}, {text.iso_date(document.date)}" if document.date else title


@frozen(kw_only=True)
class ConsequenceSection:
    """One of the standard consequence headings with its text."""

    heading: str
    """*Ekonomiska konsekvenser*, *Konsekvenser för barn* …"""
    paragraphs: list[str | Block]
    """The report's text, or *Inga kända konsekvenser.*"""


@frozen(kw_only=True)
class DocumentRow:
    """A row of the list of documents (*handlingar*) the case rests on."""

    number: str
    """``1``, ``2`` …"""
    title: str
    """The document's title, with its date when given."""
    attached: str
    """``Ja`` when it goes with the report, else ``Nej`` (or the data's ``document_labels``)."""


@frozen(kw_only=True)
class ReportContext:
    """What the report template (*tjänsteskrivelse*) sees."""

    draft: bool
    """True for a draft: the header says UTKAST."""
    classification: str
    """The first page's marking of secrecy: *SEKRETESS – innehåller …* on the internal version
    of a report with secret paragraphs, documents or protected names, *OFFENTLIG VERSION …* on
    the public version; empty otherwise."""
    organisation: str
    """The municipality."""
    department: str
    """The department (*förvaltning*) writing the report."""
    header_left: str
    """``Höörs kommun, Kommunledningsförvaltningen``."""
    header_right: str
    """``Tjänsteskrivelse 2019-11-28 · Dnr KS 2019/587`` (``UTKAST · `` first for a draft)."""
    document_kind: str
    """``TJÄNSTESKRIVELSE``."""
    date: str
    """The report's date, ``2019-11-28``."""
    case_number: str
    """``Dnr KS 2019/587``."""
    officer_line: str
    """The officer responsible (*handläggare*): name and title."""
    contact_line: str
    """The officer's phone and e-mail, comma-separated."""
    addressee: str
    """Who the report is for: *Kommunstyrelsen*."""
    title: str
    """The report's title."""
    proposals: list[str]
    """The proposed decisions (*förslag till beslut*), numbered when more than one."""
    decision_level: str
    """Who decides."""
    summary: list[str | Block]
    """*Sammanfattning*, paragraph by paragraph (``–`` when empty)."""
    background: list[str | Block]
    """*Bakgrund* (``–`` when empty)."""
    description: list[str | Block]
    """*Ärendebeskrivning* (``–`` when empty)."""
    assessment: list[str | Block]
    """*Bedömning* (``–`` when empty)."""
    consequences: list[ConsequenceSection]
    """Every standard consequence heading, each with its text."""
    documents: list[DocumentRow]
    """The documents the case rests on."""
    attached_heading: str
    """The heading of the documents table's last column: *Bifogas* (or the data's
    ``document_labels.heading``)."""
    no_documents: str
    """*Inga handlingar.*, for a report without documents."""
    distribution: list[str]
    """Who the decision is sent to (*sändlista*)."""
    no_distribution: str
    """*Ingen sändlista angiven.*"""
    signatory_rows: list[list[Signer]]
    """The signatories two by two, the last row filled with a blank cell."""


def report_context(report: Report, style: HouseStyle) -> ReportContext:
    """Everything the report template shows, formatted.

    Each consequence heading is present; one the report gives no text says *Inga kända konsekvenser.*
    """
    officer = report.officer
    contact = [c for c in (officer.phone, officer.email) if c]
    proposals = list(report.proposals)
    if len(proposals) > 1:
        proposals = [f"{n}. {p}" for n, p in enumerate(proposals, start=1)]
    people = [Signer(name=s.name, title=text.upper_first(s.title)) for s in report.signatories]
    labels = report.document_labels
    return ReportContext(
        draft=report.draft,
        classification=classification(report.secrecy_references(),
                                      protected=bool(report.protected), public=report.public),
        organisation=report.organisation,
        department=report.department,
        header_left=f"{report.organisation}, {report.department}",
        header_right=(f"{'UTKAST · ' if report.draft else ''}Tjänsteskrivelse "
                      f"{text.iso_date(report.date)} · Dnr {report.case_number}"),
        document_kind="TJÄNSTESKRIVELSE",
        date=text.iso_date(report.date),
        case_number=f"Dnr {report.case_number}",
        officer_line=f"{officer.name}, {text.lower_first(officer.title)}",
        contact_line=", ".join(contact),
        addressee=report.addressee,
        title=report.title,
        proposals=proposals,
        decision_level=report.level,
        summary=blocks(passages(report.summary)) or ["–"],
        background=blocks(passages(report.background)) or ["–"],
        description=blocks(passages(report.description)) or ["–"],
        assessment=blocks(passages(report.assessment)) or ["–"],
        consequences=[ConsequenceSection(
            heading=heading,
            paragraphs=blocks(getattr(report.consequences, attr)) or [NO_CONSEQUENCES])
            for attr, heading in CONSEQUENCE_HEADINGS],
        documents=[DocumentRow(number=str(n), title=_document_title(d, report.public),
                               attached=labels.attached if d.attached else labels.not_attached)
                   for n, d in enumerate(report.documents, start=1)],
        attached_heading=labels.heading,
        no_documents=NO_DOCUMENTS,
        distribution=list(report.distribution),
        no_distribution=NO_DISTRIBUTION,
        signatory_rows=signer_rows(people),
    )


def report_properties(report: Report) -> Properties:
    return classified(
        Properties(title=report.title, subject=f"Tjänsteskrivelse {report.case_number}",
                   author=f"{report.officer.name}, {report.department}, {report.organisation}",
                   keywords=("tjänsteskrivelse", report.case_number, report.addressee)),
        report.secrecy_references(), protected=bool(report.protected), public=report.public)


REPORT_DOCUMENT = Document(
    name="report", title="Tjänsteskrivelse", model=Report, context=ReportContext,
    build=report_context, properties=report_properties)

REPORT = DataFileType(key="report", model=Report, documents=(REPORT_DOCUMENT,),
                      skeleton="report.yaml")
"""``type: report``: an official report to the municipal board (*tjänsteskrivelse*)."""
