"""Hypothesis strategies for valid models of every document type, valid by construction.

The texts mix Swedish letters, the hostile strings of issue 11 (template syntax, XML specials,
very long words, surrounding whitespace), any other character the input accepts, and empty
values where a field allows them. Cross-field rules of the models (references to declared
roles, bodies, parties, sources and targets; dates in order; a protocol's chair, secretary and
justerare) are met by building the referenced parts first and drawing the references from them.

Characters the loader refuses (lone surrogates, control characters other than newline and tab,
unassigned code points and non-characters) are never generated here; see ``HOSTILE_INPUT`` for
the loading property that feeds them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from trygga_docs.model import (Adoption, Agreement, Body, BodyKind, Cadence, CadenceUnit,
                               CollaborationArea, CompositionEntry, FollowUpModel, Organisation,
                               Period, Responsibility, Role, Signatory, Source)
from trygga_docs.model.agreement import CITATION, PartySignatory
from trygga_docs.model.meeting import (ActionItem, AgendaItem, Attachment, Attendance, Meeting,
                                       BasisDocument, MeetingKind, NextMeeting, Participant)
from trygga_docs.model.promises import (PLACEHOLDER, CitizenPromises, Completion, Figure, FollowUp,
                                        FollowUpPlan, Link, Outcome, Promise, Qualifier, SubTarget,
                                        Target)
from trygga_docs.model.report import CaseDocument, Consequences, Officer, Report

# ---------------------------------------------------------------------------------------------
# Text

SWEDISH_WORDS = ("Höör", "trygghetsråd", "Säkerhetschef", "ÅÄÖ", "åäö", "éü", "Müller", "Bengtsson",
                 "medborgarlöfte", "2016\u20132019", "s.k.", "§ 12", "KS 2019/412", "Ärende",
                 "Kommunstyrelsen", "förvaltning", "Polisen", "ÉTÉ", "über")

HOSTILE = ("{{ x }}", "{% if %}", "{%p", "{% endif %}", "{%tr for r in rows %}", "{{r x }}",
           "{# c #}", "{%", "%}", "}}", "{{", "<&>\"'", "&amp;", "&lt;", "<w:t>", "]]>", "<![CDATA[",
           "\\n", "${x}", "{{ house.logo.tpl.docx.save('/tmp/x') }}", "{{ ''.__class__ }}",
           "{{ range(10**9) }}", "%s", "{0}", "–", "—", "a\u00a0b", "2019\u20112020", "ﬁ")
"""Text that looks like Jinja/docxtpl syntax or XML, and characters the PDF check normalises."""

DOCXTPL_ESCAPES = ("{_{ a }_}", "{_%", "%_}", "{_{", "}_}")
"""docxtpl's own escapes, which it once turned into ``{{``/``{%`` in data too (issue 11, item 2)."""

_CHARS = st.characters(blacklist_categories=("Cs", "Cc", "Cn", "Zs", "Zl", "Zp"))
"""Any character the input accepts that is not whitespace (whitespace comes from separators)."""

_SEPARATORS = st.sampled_from([" ", " ", " ", " ", "  ", "\n", "\t", " \u00a0", "\u2028"])


def _defuse(value: str) -> str:
    """Break ``{id}`` and ``[^id]`` so a random text never places an undeclared target or source;
    the strategies add real ones where a field may carry them."""
    value = PLACEHOLDER.sub(lambda m: "{ " + m.group(1) + " }", value)
    return CITATION.sub(lambda m: "[ ^" + m.group(1) + "]", value)


def words(*, long_words: bool = True) -> st.SearchStrategy[str]:
    choices = [st.sampled_from(SWEDISH_WORDS), st.sampled_from(HOSTILE + DOCXTPL_ESCAPES),
               st.text(_CHARS, min_size=1, max_size=8),
               st.from_regex(r"[a-zåäöé]{1,10}", fullmatch=True)]
    if long_words:  # a word longer than a line, which Word and the PDF must break somewhere
        choices.append(st.text(st.sampled_from("abcåäöéü–"), min_size=60, max_size=250))
    return st.one_of(*choices)


@st.composite
def texts(draw: Any, *, min_words: int = 1, max_words: int = 6, long_words: bool = True) -> str:
    """A text of at least one visible character, with leading and trailing spaces now and then."""
    parts = draw(st.lists(words(long_words=long_words), min_size=min_words, max_size=max_words))
    seps = draw(st.lists(_SEPARATORS, min_size=len(parts), max_size=len(parts)))
    body = "".join(p + s for p, s in zip(parts, seps)).rstrip(" \n\t\u00a0\u2028")
    lead = draw(st.sampled_from(["", "", "", " ", "  \t"]))
    trail = draw(st.sampled_from(["", "", "", " ", " \n"]))
    return _defuse(lead + body + trail)


@st.composite
def long_texts(draw: Any) -> str:
    """A paragraph of some hundred to some thousand words (a text repeated: cheap to draw)."""
    return " ".join([draw(texts(max_words=8))] * draw(st.integers(20, 300)))


def optional_texts() -> st.SearchStrategy[str | None]:
    return st.one_of(st.none(), st.just(""), st.just("   "), texts(max_words=5))


def paragraph_lists(max_size: int = 3) -> st.SearchStrategy[tuple[str, ...]]:
    """Running text: none, empty and blank entries (dropped by the model), short and long ones."""
    entry = st.one_of(texts(), st.just(""), st.just("  "), long_texts())
    return st.one_of(st.just(()), st.lists(entry, min_size=1, max_size=max_size).map(tuple))


def names(n_min: int, n_max: int) -> st.SearchStrategy[list[str]]:
    """Distinct names, stripped: they are also written as references, which the models compare
    without case but as given (surrounding spaces are exercised by every other text)."""
    return st.lists(texts(max_words=3).map(str.strip), min_size=n_min, max_size=n_max,
                    unique_by=str.casefold)


def ids(n_min: int, n_max: int, prefix: str = "") -> st.SearchStrategy[list[str]]:
    return st.lists(st.from_regex(r"[a-zåäö][a-zåäö0-9_.-]{0,8}", fullmatch=True).map(lambda s: prefix + s),
                    min_size=n_min, max_size=n_max, unique=True)


def dates(start: dt.date = dt.date(1990, 1, 1), end: dt.date = dt.date(2150, 12, 31)
          ) -> st.SearchStrategy[dt.date]:
    return st.dates(min_value=start, max_value=end)


@st.composite
def periods(draw: Any) -> Period:
    start = draw(dates(end=dt.date(2140, 1, 1)))
    return Period(start, start + dt.timedelta(days=draw(st.integers(1, 3000))))


def signatories() -> st.SearchStrategy[tuple[Signatory, ...]]:
    one = st.builds(Signatory, name=texts(max_words=3), title=texts(max_words=4),
                    organisation=optional_texts())
    return st.lists(one, max_size=5).map(tuple)


def organisations(n_min: int, n_max: int) -> st.SearchStrategy[list[Organisation]]:
    """Organisations whose names and short names are all distinct (they are referred to by both)."""
    @st.composite
    def build(draw: Any) -> list[Organisation]:
        labels = draw(names(2 * n_min, 2 * n_max))
        count = min(len(labels) // 2, n_max)
        out = []
        for i in range(count):
            short = labels[2 * i + 1] if draw(st.booleans()) else None
            out.append(Organisation(name=labels[2 * i], short_name=short))
        return out
    return build()


def _split(draw: Any, items: list[Any], parts: int) -> list[list[Any]]:
    cuts = sorted(draw(st.lists(st.integers(0, len(items)), min_size=parts - 1, max_size=parts - 1)))
    bounds = [0, *cuts, len(items)]
    return [items[a:b] for a, b in zip(bounds, bounds[1:])]


# ---------------------------------------------------------------------------------------------
# Agreement


@st.composite
def agreements(draw: Any, *, max_areas: int = 4) -> Agreement:
    """A valid agreement: every role used in every body's composition (and with several holders
    where it has a plural), every source cited, references drawn from what is declared."""
    role_names = draw(names(1, 4))
    roles = [Role(name=n, organisation=draw(optional_texts()), plural=draw(optional_texts()))
             for n in role_names]
    labels = draw(names(2, 8))
    n_bodies = len(labels) // 2
    short_names = labels[1::2][:n_bodies]
    areas_count = draw(st.integers(0, max_areas))
    area_numbers = draw(st.lists(st.integers(1, 99), min_size=areas_count, max_size=areas_count,
                                 unique=True))
    source_ids = draw(ids(0, 4))
    sources = [Source(id=i, text=draw(texts()), url=draw(optional_texts()),
                      accessed=draw(st.none() | dates())) for i in source_ids]
    bodies = []
    for i in range(n_bodies):
        # each role once, and once more with several holders where it has a plural
        composition = [CompositionEntry(role=r.name) for r in roles]
        composition += [CompositionEntry(role=r.name, count=draw(st.integers(2, 15)))
                        for r in roles if r.plural]
        composition = draw(st.permutations(composition))
        # a tree: a body reports only to a body before it
        reports_to = draw(st.none() | st.sampled_from(short_names[:i])) if i else None
        activated_by = draw(st.none() | st.sampled_from(short_names[:i])) if i else None
        bodies.append(Body(
            name=labels[2 * i], short_name=short_names[i], kind=draw(st.sampled_from(BodyKind)),
            task=draw(paragraph_lists()),
            cadence=draw(st.none() | st.builds(
                Cadence, times=st.integers(1, 20), every=st.integers(1, 20),
                unit=st.sampled_from(CadenceUnit), at_least=st.booleans(),
                except_months=st.lists(st.integers(1, 12), max_size=4).map(tuple),
                on_demand=st.booleans())),
            composition=tuple(composition),
            convener=draw(st.none() | st.sampled_from(role_names)),
            reports_to=reports_to, activated_by=activated_by,
            work_areas=tuple(draw(st.lists(st.sampled_from(area_numbers), max_size=3, unique=True)))
            if area_numbers else (),
            notes=draw(paragraph_lists(2))))
    # every source is cited at least once, somewhere in some area's situation
    areas = []
    for k, number in enumerate(area_numbers):
        situation = list(draw(paragraph_lists()))
        cited = [s for j, s in enumerate(source_ids) if j % max(areas_count, 1) == k]
        if cited:
            situation.append(draw(texts()) + "".join(f" [^{s}]" for s in cited) + ".")
        responsibilities = draw(st.lists(st.builds(
            Responsibility, roles=st.lists(st.sampled_from(role_names), min_size=1, max_size=3).map(tuple),
            duty=texts()), max_size=3))
        areas.append(CollaborationArea(
            number=number, title=draw(texts(max_words=6)), situation=tuple(situation),
            collaboration=draw(optional_texts()),
            bodies=tuple(draw(st.lists(st.sampled_from(short_names), max_size=3, unique=True)))
            if short_names else (),
            responsibilities_heading=draw(optional_texts()),
            responsibilities=tuple(responsibilities)))
    if source_ids and not areas:
        sources = []
    adoption = draw(st.none() | st.builds(
        Adoption, body=texts(max_words=3), date=dates(),
        paragraph=st.none() | st.integers(1, 9999), case_number=optional_texts()))
    parties = draw(organisations(2, 4))
    return Agreement(
        title=draw(texts(max_words=10)), programme=draw(optional_texts()), parties=tuple(parties),
        period=draw(periods()), adoption=adoption, preamble=draw(paragraph_lists()),
        goal=draw(paragraph_lists()),
        evidence=tuple(draw(st.lists(st.one_of(texts(max_words=4), st.just("")), max_size=4))),
        areas_summary=draw(paragraph_lists()), organisation_intro=draw(paragraph_lists()),
        areas_intro=draw(paragraph_lists()), roles=tuple(roles), bodies=tuple(bodies),
        areas=tuple(areas),
        model=draw(st.builds(FollowUpModel, problems=paragraph_lists(), causes=paragraph_lists(),
                             goals=paragraph_lists(), documentation=paragraph_lists(),
                             follow_up=paragraph_lists())),
        decision=draw(paragraph_lists()), sources=tuple(sources),
        signatories=tuple(draw(st.lists(st.builds(
            PartySignatory, name=texts(max_words=3), title=texts(max_words=4),
            organisation=st.none() | st.sampled_from([p.name for p in parties]),
            place=optional_texts(), date=st.none() | dates()), max_size=5))))


# ---------------------------------------------------------------------------------------------
# Medborgarlöften and uppföljning


def _quantity() -> st.SearchStrategy[float]:
    return st.one_of(st.integers(1, 40).map(float),
                     st.floats(0.5, 1e6, allow_nan=False, allow_infinity=False).map(lambda v: round(v, 2)))


@st.composite
def _target(draw: Any, target_id: str, part_ids: list[str]) -> Target:
    qualifier = draw(st.none() | st.sampled_from(Qualifier))
    quantity = draw(_quantity())
    parts = []
    if qualifier is None or not qualifier.upper_bound:
        for part_id in part_ids:
            parts.append(SubTarget(id=part_id, quantity=draw(st.floats(0.5, quantity).map(
                lambda v: min(round(v, 1) or 0.5, quantity))), description=draw(texts()),
                unit=draw(optional_texts()), label=draw(optional_texts())))
    return Target(id=target_id, quantity=quantity, unit=draw(texts(max_words=3)),
                  unit_one=draw(optional_texts()), neuter=draw(st.booleans()), qualifier=qualifier,
                  description=draw(optional_texts()), parts=tuple(parts),
                  label=draw(optional_texts()))


def _with_placeholders(draw: Any, base: str, placeable: list[str]) -> str:
    """``base`` with some of ``placeable`` placed as ``{id}`` at word boundaries."""
    chosen = draw(st.lists(st.sampled_from(placeable), max_size=len(placeable), unique=True)) \
        if placeable else []
    pieces = base.split(" ")
    for name in chosen:
        at = draw(st.integers(0, len(pieces)))
        pieces.insert(at, "{" + name + "}")
    return " ".join(pieces)


@st.composite
def citizen_promises(draw: Any, *, max_promises: int = 8) -> CitizenPromises:
    orgs = draw(organisations(2, 5))
    n_parties = draw(st.integers(2, len(orgs)))
    parties, partners = orgs[:n_parties], orgs[n_parties:]
    labels = [n for o in orgs for n in (o.name, o.short_name) if n]
    figure_ids = draw(ids(0, 4, "f"))
    figures = [Figure(id=i, value=draw(st.floats(-1e6, 1e6, allow_nan=False).map(lambda v: round(v, 3))),
                      percent=draw(st.booleans()), digits=draw(st.none() | st.integers(0, 4)))
               for i in figure_ids]
    all_ids = draw(ids(1, 3 * max_promises + 10, "t"))
    promise_count = draw(st.integers(1, max(1, min(max_promises, len(all_ids) // 3))))
    promise_ids, target_pool = all_ids[:promise_count], all_ids[promise_count:]
    promises = []
    for pid in promise_ids:
        targets = []
        while target_pool and draw(st.booleans()):
            tid = target_pool.pop()
            part_ids = [target_pool.pop() for _ in range(min(len(target_pool), draw(st.integers(0, 2))))]
            targets.append(draw(_target(tid, part_ids)))
        text = _with_placeholders(draw, draw(texts(max_words=20)), [t.id for t in targets])
        promises.append(Promise(id=pid, by=tuple(draw(st.lists(st.sampled_from(labels), min_size=1,
                                                                 max_size=3))),
                                text=text, targets=tuple(targets), title=draw(optional_texts())))

    def running() -> tuple[str, ...]:
        return tuple(_with_placeholders(draw, p, figure_ids) for p in draw(paragraph_lists()))

    year = draw(st.none() | st.integers(1990, 2150))
    period = None if year is not None else draw(periods())
    start = period.start if period else dt.date(year, 1, 1)
    plan = draw(st.none() | st.builds(
        FollowUpPlan, deadline=dates(start=start), responsible=texts(max_words=4),
        form=texts(max_words=4),
        channels=st.lists(texts(max_words=3), max_size=4).map(tuple)))
    when = {"year": year} if year is not None else {"period": period}
    return CitizenPromises(
        title=draw(texts(max_words=8)), **when, parties=tuple(parties),
        partners=tuple(partners), audience=draw(texts(max_words=3)),
        related=tuple(draw(st.lists(st.builds(Link, title=texts(max_words=8), url=optional_texts()),
                                    max_size=3))),
        introduction=running(), purpose=running(), goal=running(), situation=running(),
        figures=tuple(figures), promises=tuple(promises), follow_up=plan,
        signatories=draw(signatories()))


@st.composite
def follow_ups(draw: Any) -> FollowUp:
    """A follow-up of random promises: some promises reported, some not, any outcome."""
    promises = draw(citizen_promises())
    figure_ids = draw(ids(0, 3, "g"))
    figures = [Figure(id=i, value=draw(st.floats(0, 1e4, allow_nan=False).map(lambda v: round(v, 2))),
                      percent=draw(st.booleans())) for i in figure_ids]
    outcomes = []
    for promise in promises.promises:
        if not draw(st.integers(0, 4)):
            continue  # not reported
        comment = tuple(_with_placeholders(draw, p, figure_ids) for p in draw(paragraph_lists(2)))
        targets = promise.all_targets()
        if targets:
            achieved = {t.id: draw(st.floats(0, 2 * t.quantity + 5).map(lambda v: round(v, 1)))
                        for t in targets}
            outcomes.append(Outcome(promise=promise.id, achieved=achieved, comment=comment))
        else:
            outcomes.append(Outcome(promise=promise.id, done=draw(st.sampled_from(Completion)),
                                    comment=comment))
    start = promises.period.start
    return FollowUp(
        promises=promises, date=draw(dates(start=start)), title=draw(optional_texts()),
        example=draw(st.booleans()),
        summary=tuple(_with_placeholders(draw, p, figure_ids) for p in draw(paragraph_lists())),
        figures=tuple(figures), outcomes=tuple(draw(st.permutations(outcomes))),
        conclusions=tuple(_with_placeholders(draw, p, figure_ids) for p in draw(paragraph_lists())),
        signatories=draw(signatories()))


# ---------------------------------------------------------------------------------------------
# Tjänsteskrivelse


def reports() -> st.SearchStrategy[Report]:
    return st.builds(
        Report, organisation=texts(max_words=4), department=texts(max_words=4),
        officer=st.builds(Officer, name=texts(max_words=3), title=texts(max_words=4),
                          phone=optional_texts(), email=optional_texts()),
        case_number=texts(max_words=3), date=dates(), addressee=texts(max_words=3),
        title=texts(max_words=12),
        proposals=st.lists(st.one_of(texts(), long_texts()), min_size=1, max_size=6).map(tuple),
        decision_level=optional_texts(), summary=paragraph_lists(), background=paragraph_lists(),
        description=paragraph_lists(5), assessment=paragraph_lists(),
        consequences=st.builds(Consequences, economy=paragraph_lists(), environment=paragraph_lists(),
                               citizens=paragraph_lists(), children=paragraph_lists()),
        documents=st.lists(st.builds(CaseDocument, title=texts(max_words=8), date=st.none() | dates(),
                                     attached=st.booleans()), max_size=6).map(tuple),
        distribution=st.lists(texts(max_words=3), max_size=5).map(tuple),
        signatories=signatories(), draft=st.booleans())


# ---------------------------------------------------------------------------------------------
# Möten


def _times(draw: Any) -> tuple[dt.time, dt.time]:
    start = draw(st.integers(0, 22 * 60))
    end = draw(st.integers(start + 1, 23 * 60 + 59))
    return dt.time(start // 60, start % 60), dt.time(end // 60, end % 60)


@st.composite
def meetings(draw: Any, *, kind: MeetingKind | None = None, date: dt.date | None = None,
             max_items: int = 12, people: list[str] | None = None,
             shared: dict[str, str] | None = None) -> Meeting:
    """One valid meeting; a protocol has a chair and a justerare who are members present and a
    secretary present. Action owners are participants or declared roles."""
    kind = kind or draw(st.sampled_from(MeetingKind))
    protocol = kind is MeetingKind.PROTOCOL
    date = date or draw(dates(start=dt.date(2000, 1, 1), end=dt.date(2120, 12, 31)))
    people = people or draw(names(3, 10))
    participants = []
    for i, name in enumerate(people):
        attendance = Attendance.PRESENT if i < 3 else draw(st.sampled_from(
            [Attendance.PRESENT, Attendance.ABSENT, Attendance.COOPTED]))
        member = i < 2 or (attendance is not Attendance.COOPTED and draw(st.booleans()))
        guest = not member and draw(st.integers(0, 4)) == 0
        participants.append(Participant(name=name, role=draw(optional_texts()),
                                        organisation=draw(optional_texts()),
                                        attendance=attendance, member=member, guest=guest,
                                        deputy=not member and not guest and draw(st.booleans())))
    absent_members = [p for p in participants if p.attendance is Attendance.ABSENT and p.member]
    if absent_members and draw(st.booleans()):
        seat = absent_members[0]
        name = draw(texts(max_words=3).filter(
            lambda n: n.strip().casefold() not in {p.casefold() for p in map(str.strip, people)}))
        participants.append(Participant(name=name, role=draw(optional_texts()),
                                        attendance=Attendance.SUBSTITUTE, replaces=seat.name))
    roles = draw(names(0, 3))
    owners = [p.name for p in participants] + roles
    present = [p.name for p in participants if p.attendance.present]
    start, end = _times(draw)
    items = []
    for _ in range(draw(st.integers(1, max_items))):
        secret = draw(st.integers(0, 9)) == 0
        actions = draw(st.lists(st.builds(
            ActionItem, owner=st.sampled_from(owners), task=texts(),
            due=st.none() | dates(start=date), done=st.none() | dates(start=date)), max_size=3))
        items.append(AgendaItem(
            title=draw(texts(max_words=10)), case_number=draw(optional_texts()),
            presenters=tuple(draw(st.lists(st.sampled_from(owners), max_size=2, unique=True))),
            disqualified=tuple(draw(st.lists(st.sampled_from(present), max_size=1))),
            absent=tuple(draw(st.lists(st.sampled_from(present), max_size=2, unique=True))),
            basis=tuple(draw(st.lists(st.builds(BasisDocument, title=texts(max_words=6),
                                                date=st.none() | dates(end=date)),
                                      max_size=2))),
            matter=draw(paragraph_lists()), decision=draw(paragraph_lists()),
            votes=draw(paragraph_lists(1)), reservations=draw(paragraph_lists(1)),
            actions=tuple(actions),
            attachments=tuple(draw(st.lists(st.builds(Attachment, title=texts(max_words=6)),
                                            max_size=2))),
            distribution=tuple(draw(st.lists(texts(max_words=3), max_size=3))),
            secrecy=draw(texts(max_words=6)) if secret else None, immediate=draw(st.booleans())))
    next_meeting = None
    if draw(st.booleans()):
        nstart, nend = _times(draw)
        next_meeting = NextMeeting(date=date + dt.timedelta(days=draw(st.integers(1, 400))),
                                   start=draw(st.none() | st.just(nstart)),
                                   end=draw(st.none() | st.just(nend)),
                                   place=draw(optional_texts()), note=draw(optional_texts()))
    shared = shared or {}
    return Meeting(
        issuer=shared.get("issuer") or draw(texts(max_words=4)),
        body=shared.get("body") or draw(texts(max_words=4)), kind=kind,
        title=draw(optional_texts()), date=date, start=start, end=end,
        place=draw(texts(max_words=5)), participants=tuple(participants), roles=tuple(roles),
        chair=people[0] if protocol or draw(st.booleans()) else None,
        secretary=people[2] if protocol or draw(st.booleans()) else None,
        minutes_checkers=(people[1],) if protocol else (),
        adjustment_place=draw(optional_texts()) if protocol else None,
        kept_at=draw(texts(max_words=6)) if protocol else draw(optional_texts()),
        case_number=draw(optional_texts()), items=tuple(items), next_meeting=next_meeting,
        notice_date=draw(st.none() | st.integers(0, 30).map(lambda d: date - dt.timedelta(days=d))),
        notice_note=draw(paragraph_lists(2)), marking=draw(optional_texts()),
        apologies_to=draw(optional_texts()), papers=draw(optional_texts()))


@st.composite
def meeting_years(draw: Any, *, max_meetings: int = 3, max_items: int = 6) -> list[Meeting]:
    """A body's meetings of one kind, in date order, sharing issuer, body and participants."""
    kind = draw(st.sampled_from(MeetingKind))
    shared = {"issuer": draw(texts(max_words=4)), "body": draw(texts(max_words=4))}
    people = draw(names(3, 8))
    first = draw(dates(start=dt.date(2000, 1, 1), end=dt.date(2120, 1, 1)))
    gaps = draw(st.lists(st.integers(1, 60), min_size=0, max_size=max_meetings - 1))
    days = [first]
    for gap in gaps:
        days.append(days[-1] + dt.timedelta(days=gap))
    return [draw(meetings(kind=kind, date=d, max_items=max_items, people=people, shared=shared))
            for d in days]


def _ekby(name: str) -> Any:
    import trygga_docs
    return trygga_docs.load(trygga_docs.EXAMPLES / "ekby" / name)


@st.composite
def lagesbilds(draw: Any) -> Any:
    """The Ekby lägesbild with drawn texts in its prose, problems and survey (its figures kept)."""
    import attrs
    model = _ekby("lagesbild-2020-2024.yaml")
    problems = tuple(attrs.evolve(p, title=draw(texts(max_words=5)), description=draw(paragraph_lists()))
                     for p in model.problems)
    other = tuple(attrs.evolve(i, heading=draw(texts(max_words=4)), text=draw(paragraph_lists()),
                               results=tuple(attrs.evolve(r, label=draw(texts())) for r in i.results))
                  for i in model.other)
    return attrs.evolve(model, introduction=draw(paragraph_lists()), analysis=draw(paragraph_lists()),
                        problems=problems, other=other)


@st.composite
def action_plans(draw: Any) -> Any:
    """The Ekby åtgärdsplan with drawn texts in its causes and actions (dates and links kept)."""
    import attrs
    model = _ekby("atgardsplan-2025-2026.yaml")
    problems = tuple(attrs.evolve(p, cause=draw(paragraph_lists()), actions=tuple(
        attrs.evolve(a, text=draw(texts()), goal=draw(texts()), follow_up=draw(texts()),
                     when=draw(optional_texts())) for a in p.actions)) for p in model.problems)
    return attrs.evolve(model, introduction=draw(paragraph_lists()), follow_up=draw(paragraph_lists()),
                        problems=problems)


@st.composite
def plan_follow_ups(draw: Any) -> Any:
    """The Ekby follow-up of a drawn Ekby plan, with drawn texts in its reports, assessments and
    prose (dates and ids kept, so the statuses stay the example's)."""
    import attrs
    model = _ekby("uppfoljning-atgardsplan-2025.yaml")
    return attrs.evolve(
        model, plan=draw(action_plans()), summary=draw(paragraph_lists()),
        conclusions=draw(paragraph_lists()),
        actions=tuple(attrs.evolve(r, done=draw(paragraph_lists())) for r in model.actions),
        problems=tuple(attrs.evolve(a, text=draw(paragraph_lists())) for a in model.problems))


DOCUMENT_TYPES = {
    "lagesbild": lagesbilds(),
    "atgardsplan": action_plans(),
    "atgardsplan_uppfoljning": plan_follow_ups(),
    "agreement": agreements(),
    "promises": citizen_promises(),
    "followup": follow_ups(),
    "report": reports(),
    "meeting": meetings(),
}
"""A strategy for each ``type:`` of a data file (``trygga_docs.context.registry.DOCUMENT_TYPES``)."""
