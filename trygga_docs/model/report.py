"""Tjänsteskrivelse: the case officer's written report to a political body, such as
*Återrapportering från Trygghetsrådet* to Kommunstyrelsen. The draft written from a body's
meetings is made by ``trygga_docs.new.report_from_meetings``."""

from __future__ import annotations

import datetime as dt

from attrs import Attribute, field, frozen, validators

from trygga_docs.errors import DataError
from trygga_docs.model.common import (Signatory, file_field, optional_text, paragraph_texts, paragraphs,
                                      strip as _strip, text_field)
from trygga_docs.model.secrecy import (Passage, ProtectedName, SecretText, passages, references,
                                       secrecy_field, shown_in_public)

NO_CONSEQUENCES = "Inga kända konsekvenser."
"""What a consequence heading says when the report gives it no text."""


def _case_number(instance: object, attribute: Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise DataError("the report has no diarienummer; write it as 'case_number: KS 2020/123' "
                        "(it is printed in the header of every page)", path="case_number")


def _proposals(instance: object, attribute: object, value: tuple[str, ...]) -> None:
    if not value:
        raise DataError("the report has no proposal; write at least one under 'proposals', "
                        "such as '- Kommunstyrelsen lägger informationen till handlingarna.'",
                        path="proposals")


@frozen(kw_only=True)
class Officer:
    """Handläggare: the person who wrote the report, with contact details."""

    name: str = text_field()
    title: str = text_field()
    phone: str | None = optional_text()
    email: str | None = optional_text()


@frozen(kw_only=True)
class Consequences:
    """Konsekvensbeskrivningar. A heading with no text renders as ``NO_CONSEQUENCES``."""

    economy: tuple[str, ...] = paragraphs()
    """Ekonomiska konsekvenser."""
    environment: tuple[str, ...] = paragraphs()
    """Konsekvenser för miljön."""
    citizens: tuple[str, ...] = paragraphs()
    """Konsekvenser för medborgarna."""
    children: tuple[str, ...] = paragraphs()
    """Konsekvenser för barn."""


CONSEQUENCE_HEADINGS = (("economy", "Ekonomiska konsekvenser"),
                        ("environment", "Konsekvenser för miljön"),
                        ("citizens", "Konsekvenser för medborgarna"),
                        ("children", "Konsekvenser för barn"))
"""The standard consequence headings, in the order they are printed."""


@frozen(kw_only=True)
class CaseDocument:
    """Handling i ärendet: a document the decision rests on, attached (*bifogas*) or not."""

    title: str = text_field()
    date: dt.date | None = shown_in_public(field(default=None))
    attached: bool = shown_in_public(field(default=True))
    file: str | None = file_field()
    """A PDF to append, relative to the data file."""
    secrecy: str | None = secrecy_field("document")
    """The legal reference when the document is secret: the public version lists it by its
    number and *Sekretess enligt …* only."""


@frozen(kw_only=True)
class DocumentLabels:
    """How the table of the case's documents says whether a document goes with the report:
    the column's heading and its two values, as the municipality writes them (Höör:
    ``attached: Bilaggs``, ``not_attached: Bilaggs ej``)."""

    heading: str = text_field(default="Bifogas")
    """The column's heading."""
    attached: str = text_field(default="Ja")
    """A document that goes with the report."""
    not_attached: str = text_field(default="Nej")
    """A document that does not."""


@frozen(kw_only=True)
class Report:
    """Tjänsteskrivelse till en nämnd eller styrelse.

    ``proposals`` are the *Förslag till beslut*, one decision each, written as the body would
    decide them. A consequence left empty says *Inga kända konsekvenser.*
    """

    organisation: str = text_field()
    """The municipality: *Höörs kommun*."""
    department: str = text_field()
    """Förvaltning or avdelning: *Kommunledningsförvaltningen*."""
    officer: Officer
    case_number: str = field(converter=_strip, validator=_case_number)
    """Diarienummer: *KS 2019/412*."""
    date: dt.date = field(validator=validators.instance_of(dt.date))
    addressee: str = text_field()
    """The body the report goes to: *Kommunstyrelsen*."""
    title: str = text_field()
    proposals: tuple[str, ...] = field(converter=paragraph_texts, validator=_proposals)
    """Förslag till beslut."""
    decision_level: str | None = optional_text()
    """Beslutsnivå; default: the addressee."""
    summary: tuple[Passage, ...] = passages()
    """Sammanfattning. A secret paragraph is written ``{text: …, secrecy: OSL 26 kap. 1 §}``."""
    background: tuple[Passage, ...] = passages()
    """Bakgrund."""
    description: tuple[Passage, ...] = passages()
    """Ärendebeskrivning."""
    assessment: tuple[Passage, ...] = passages()
    """Bedömning."""
    consequences: Consequences = field(factory=Consequences)
    documents: tuple[CaseDocument, ...] = field(factory=tuple)
    """Handlingar i ärendet, numbered in this order."""
    document_labels: DocumentLabels = field(factory=DocumentLabels)
    """The words of the documents table's last column (default *Bifogas*: *Ja* / *Nej*)."""
    distribution: tuple[str, ...] = field(factory=tuple)
    """Sändlista för beslutsexpediering: who gets the decision."""
    signatories: tuple[Signatory, ...] = field(factory=tuple)
    draft: bool = False
    """A draft renders marked *UTKAST*."""
    protected: tuple[ProtectedName, ...] = field(factory=tuple)
    """Names of people whose identity is protected, each with what the public version shows
    instead (``shown_as``: a role or an organisation)."""
    public: bool = field(default=False, init=False)
    """True for the public version (``model.public.public_version``); never read from a data
    file."""

    @property
    def level(self) -> str:
        return self.decision_level or self.addressee

    def secrecy_references(self) -> tuple[str, ...]:
        """The legal references of the report's secret paragraphs and documents, in order."""
        texts = (*self.summary, *self.background, *self.description, *self.assessment)
        return references([*(p.secrecy for p in texts if isinstance(p, SecretText)),
                           *(d.secrecy for d in self.documents)])
