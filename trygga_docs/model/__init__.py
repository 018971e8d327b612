"""The document models: plain, typed, validated data. No I/O, no Word."""

from trygga_docs.model.agreement import (Agreement, Body, BodyKind, Cadence, CadenceUnit, CollaborationArea,
                        CompositionEntry, FollowUpModel, Responsibility)
from trygga_docs.model.common import Adoption, Attachment, Organisation, Period, Person, Role, Signatory, Source
from trygga_docs.model.promises import CitizenPromises, FollowUp
from trygga_docs.model.report import Report

__all__ = [
    "Adoption", "Agreement", "Attachment", "Body", "BodyKind", "Cadence", "CadenceUnit",
    "CollaborationArea", "CompositionEntry", "FollowUpModel", "Organisation", "Period", "Person",
    "Responsibility", "Role", "Signatory", "Source",
    "CitizenPromises", "FollowUp", "Report",
]
