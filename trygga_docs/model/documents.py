"""``Model``: every model object a document can be rendered from, for the signatures of
``render``, ``prepare`` and ``render_docx``. ``tests/test_types.py`` checks that it names exactly
the classes the context registry knows."""

from __future__ import annotations

from typing import TypeAlias

from trygga_docs.model.agreement import Agreement
from trygga_docs.model.atgardsplan import ActionPlan, PlanFollowUp
from trygga_docs.model.lagesbild import Lagesbild
from trygga_docs.model.meeting import Meeting
from trygga_docs.model.meeting_file import MeetingData
from trygga_docs.model.meeting_series import (ActionRegister, Announcement, Extract, MeetingSeries,
                                              Minutes, Notice, Protocol)
from trygga_docs.model.promises import CitizenPromises, FollowUp
from trygga_docs.model.report import Report

Model: TypeAlias = (Agreement | CitizenPromises | FollowUp | Report | MeetingData | MeetingSeries
                    | Meeting | Notice | Minutes | Protocol | Extract | ActionRegister | Announcement
                    | Lagesbild
                    | ActionPlan | PlanFollowUp)
"""A document (``Agreement``, ``Protocol`` …) or a data file's model that renders as one."""
