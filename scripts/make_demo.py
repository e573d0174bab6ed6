"""Build the demo board `boards/demo.json` deterministically, through the core operations.

Usage: `python scripts/make_demo.py [OUTPUT]` (default: boards/demo.json next to this folder).
The old file is deleted first; running the script twice gives a byte-identical file, because
every operation gets a fixed clock and all keys come from one `random.Random(SEED)`.

The board is the fictional cooperative "ICT Samenwerking Lekstroom": six municipalities, the
ten default themes, three standards, 87 ambitions in all ten statuses, 27 roadmap items (all
five types and all five statuses) over 2026-Q3 … 2028-Q2 and a capacity for each of those eight
quarters, with a history of about 400 events by five coordinators from March to November 2026.
Run it to see the records of each misalignment with their titles.

Deliberate misalignments (checked by `check()` below and by tests/test_demo_board.py; the
reference date is 2026-11-29):

(a) planned / in progress without any roadmap link:
    A-bcdvj "Raadsinformatiesysteem vervangen" (Vlietwijk, planned),
    A-d8vw2 "Nieuwe printers en printbeheer (follow-me printing)" (Ammersloot, planned),
    A-kpjcz "Nieuw intranet op SharePoint" (Hoogwaard, in progress).
(b) roadmap items no ambition links to (the dropped R-b9fvq is left out):
    R-wttac "Procesautomatisering (RPA) in de backoffice" (project: a real warning),
    R-gknhc "Cyberbeveiligingswet (NIS2) en BIO2 invoeren" (legal obligation: info),
    R-ruf52 "Vervanging laptops (levenscyclus 2027)" (lifecycle replacement: info).
(c) exactly one quarter over capacity: 2027-Q3, 3100 hours planned against 3000 available
    (capacity lowered from 3200 on 2026-10-12); the other seven quarters stay under. The
    dropped R-b9fvq is not counted: counting it would wrongly push 2027-Q1 over (3250 > 3200).
(d) A-mvh2z "iPads voor de gemeenteraad" (Hoogwaard, wish) conflicts with
    S-phzz2 "Standaardwerkplek is Windows; geen beheer van iOS-apparaten", no decision.
    (Four other cards conflict with a standard, each with a decision recorded.)
(e) one wish from three municipalities, theme Dienstverlening, tag "chatbot", no shared link
    (no other open cards of two municipalities share a theme and a tag or a similar title
    without a common roadmap item):
    A-r4dhd "Chatbot op de website" (Lekstede, wish),
    A-n4fmc "Chatbot op onze website" (Vlietwijk, wish),
    A-977bf "Chatbot op de gemeentewebsite" (Schoonrade, exploring).
(f) parked with a review date in the past: A-8ezqv "Slimme lantaarnpalen uitlezen"
    (Ammersloot, review 2026-11-01).
(g) starts before its dependency ends: R-8re96 "Klantcontactsysteem (KCS) volgens Common
    Ground" (2027-Q1 … 2027-Q4) depends on R-r4mav "API-gateway en FSC-koppelvlak"
    (2026-Q4 … 2027-Q2).
(h) wanted earlier than the roadmap delivers: A-67bfc "Vervanging verouderd zaaksysteem"
    (Ammersloot, wanted by 2027-Q2) links R-jc4sn "Migratie naar nieuw zaaksysteem (ZGW API's)"
    (ends 2027-Q4).
(i) depends on a dropped item: R-xags8 "Meldingen openbare ruimte vernieuwen (Signalen)"
    depends on R-b9fvq "Eigen inwonersapp (iOS en Android)" (dropped).
(j) no change for more than 90 days (last event before 2026-08-31):
    A-7trj2 "Vervanging conferentiesysteem raadzaal" (Hoogwaard, wish, last event 2026-04-08),
    A-2a64y "Koppeling BAG met het belastingpakket vernieuwen" (Zuiderlek, exploring,
    last event 2026-05-12).

Every other card is clean of these: the sets above are exact (see `check()`), and
`regietui.insights.findings(board, date(2026, 11, 29))` reports exactly these and nothing more
(for that, each municipality's share of planned roadmap effort stays near its cost share, and
tags that only repeat a theme's name are not counted as shared wishes).
"""

from __future__ import annotations

import argparse
import difflib
import random
import re
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from regietui import ops
from regietui.cli import DEFAULT_THEMES
from regietui.model import META_KEY, Ambition, Board, Quarter, RoadmapStatus, Status, human_id
from regietui.store import BoardStore

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "boards" / "demo.json"
SEED = 20260302
TODAY = date(2026, 11, 29)
STALE_BEFORE = TODAY - timedelta(days=90)
QUARTERS = [str(q) for q in Quarter.span(Quarter(2026, 3), Quarter(2028, 2))]

AUTHORS = {
    "MV": "Marieke de Vries",
    "JL": "Joost van der Linden",
    "FE": "Fatima El Amrani",
    "SB": "Sanne Bakker",
    "PJ": "Pieter Jansen",
}

Run = Callable[[Board, ops.Actor, dict[str, str]], ops.Change]


@dataclass(frozen=True)
class Ref:
    """A reference to a record by its slug in this script, resolved to its key when run."""

    slug: str


def _resolve(value: Any, keys: dict[str, str]) -> Any:
    if isinstance(value, Ref):
        return keys[value.slug]
    if isinstance(value, (list, tuple)):
        return [_resolve(v, keys) for v in value]
    return value


# --- the story: steps on a timeline -------------------------------------------------------------


@dataclass
class Step:
    when: datetime
    seq: int
    author: str
    slug: str
    run: Run
    creates: bool


class Story:
    """Steps collected in any order, then run in time order with a clock fixed per step."""

    def __init__(self) -> None:
        self.steps: list[Step] = []
        self._last: dict[str, datetime] = {}

    def at(self, day: str, who: str, slug: str, run: Run, creates: bool = False) -> None:
        start = datetime.fromisoformat(day).replace(tzinfo=UTC)
        # a stable office-hours time of day per (record, day), always after the record's last step
        minutes = 8 * 60 + zlib.crc32(f"{slug}@{day}".encode()) % (8 * 60)
        when = start + timedelta(minutes=minutes)
        last = self._last.get(slug)
        if last is not None:
            if last.date() > when.date():
                raise ValueError(f"{slug}: step on {day} is before its previous step")
            when = max(when, last + timedelta(minutes=7))
        self._last[slug] = when
        self.steps.append(Step(when, len(self.steps), AUTHORS[who], slug, run, creates))

    def play(self, board: Board, seed: int) -> tuple[Board, dict[str, str]]:
        rng = random.Random(seed)
        keys: dict[str, str] = {}
        for step in sorted(self.steps, key=lambda s: (s.when, s.seq)):
            actor = ops.Actor(author=step.author, clock=lambda t=step.when: t, rng=rng)
            change = step.run(board, actor, keys)
            board = change.board
            if step.creates:
                keys[step.slug] = change.key
        return board, keys


# --- operations as steps ------------------------------------------------------------------------


def add(table: str, fields: dict[str, Any], key: str | None = None) -> Run:
    def run(board: Board, actor: ops.Actor, keys: dict[str, str]) -> ops.Change:
        resolved = {name: _resolve(value, keys) for name, value in fields.items()}
        return ops.add(board, table, resolved, actor, key=key)

    return run


Op = Callable[[Board, str, ops.Actor, dict[str, str]], ops.Change]


def move(status: str, reason: str | None = None, review: str | None = None) -> Op:
    return lambda board, key, actor, keys: ops.move(
        board, key, status, actor, reason=reason, review=review
    )


def link(roadmap: str, partial: bool = False) -> Op:
    coverage = "partial" if partial else "full"
    return lambda board, key, actor, keys: ops.link(
        board, key, keys[roadmap], actor, coverage=coverage
    )


def decide(body: str, on: str, text: str) -> Op:
    return lambda board, key, actor, keys: ops.decide(
        board, key, body, text, actor, on=date.fromisoformat(on)
    )


def edit(table: str = "ambitions", text: str | None = None, **fields: Any) -> Op:
    def run(board: Board, key: str, actor: ops.Actor, keys: dict[str, str]) -> ops.Change:
        resolved = {name: _resolve(value, keys) for name, value in fields.items()}
        return ops.edit(board, table, key, resolved, actor, text=text)

    return run


def on_record(slug: str, op: Op) -> Run:
    return lambda board, actor, keys: op(board, keys[slug], actor, keys)


# --- the cooperative ----------------------------------------------------------------------------

MUNICIPALITIES = {
    # short: (CBS code, name, inhabitants, workstations, information manager, cost share)
    "LKS": ("GM1991", "Lekstede", 58400, 620, "Annemiek Verhoef", 0.30),
    "VLW": ("GM1992", "Vlietwijk", 41200, 450, "Ruben Hoekstra", 0.22),
    "AMS": ("GM1993", "Ammersloot", 29800, 330, "Esther van Dijk", 0.16),
    "HGW": ("GM1994", "Hoogwaard", 24100, 270, "Mohamed Bouzid", 0.13),
    "SCR": ("GM1995", "Schoonrade", 19700, 230, "Linda Kuipers", 0.11),
    "ZDL": ("GM1996", "Zuiderlek", 13900, 160, "Gerrit Smit", 0.08),
}
IM = {short: spec[4] for short, spec in MUNICIPALITIES.items()}

STANDARDS = [
    (
        "s-windows",
        "Standaardwerkplek is Windows; geen beheer van iOS-apparaten",
        "De samenwerking levert en beheert één werkplek: Windows 11, beheerd met Intune. "
        "Apple-apparaten (iOS, iPadOS, macOS) worden niet beheerd en krijgen geen toegang tot "
        "gemeentelijke gegevens; mobiel werken gaat via de beheerde Android-telefoon.",
    ),
    (
        "s-cloud",
        "Hosting in de EU: SaaS of de gezamenlijke Nederlandse cloud",
        "Nieuwe applicaties zijn SaaS met een BIO-verklaring of ISAE 3402 type II, of draaien "
        "in de gezamenlijke private cloud bij een Nederlandse leverancier. Gegevens blijven in de "
        "EU; er komt geen nieuwe apparatuur in de serverruimtes van de gemeentehuizen.",
    ),
    (
        "s-api",
        "Common Ground: gegevens via API's bij de bron, geen kopieën",
        "Nieuwe koppelingen gebruiken open standaarden (ZGW API's, Haal Centraal, FSC) via de "
        "gezamenlijke API-gateway. Geen nieuwe gegevenskopieën en geen point-to-point "
        "bestandskoppelingen.",
    ),
]

# fmt: off
# slug: (title, theme, type, start, end, effort per quarter, one-off cost, yearly cost,
#        depends on, owner, created on, created by, description)
ROADMAP: dict[str, tuple[Any, ...]] = {
    "r-aanbesteding": (
        "Europese aanbesteding zaaksysteem", "zaakgericht", "project", "2026-Q3", "2026-Q4",
        320, 60000, None, (), "JL", "2026-03-09", "JL",
        "Gezamenlijke Europese aanbesteding voor een zaaksysteem dat de ZGW API's ondersteunt, "
        "met een mantelovereenkomst waar alle zes gemeenten op kunnen afroepen.",
    ),
    "r-zaak": (
        "Migratie naar nieuw zaaksysteem (ZGW API's)", "zaakgericht", "project", "2027-Q1",
        "2027-Q4", 640, 420000, 110000, ("r-aanbesteding",), "JL", "2026-03-10", "JL",
        "Inrichting, datamigratie en uitrol van het nieuwe zaaksysteem in vier tranches, "
        "te beginnen met Lekstede en Hoogwaard.",
    ),
    "r-win11": (
        "Uitrol Windows 11-werkplek met Intune", "werkplek", "lifecycle", "2026-Q3", "2027-Q1",
        380, 85000, None, (), "PJ", "2026-03-11", "PJ",
        "Alle 2.060 werkplekken naar Windows 11, beheerd vanuit Intune; oude images en de "
        "SCCM-omgeving worden uitgefaseerd.",
    ),
    "r-teams": (
        "Teams-telefonie en vervanging telefooncentrale", "infrastructuur", "project",
        "2026-Q3", "2027-Q1", 240, 70000, 48000, (), "PJ", "2026-03-12", "PJ",
        "De telefooncentrales in de zes gemeentehuizen gaan uit; bellen loopt via Teams, "
        "het KCC krijgt een contactcenteroplossing met wachtrijen.",
    ),
    "r-netwerk": (
        "Vervanging netwerk en wifi gemeentehuizen", "infrastructuur", "lifecycle", "2026-Q4",
        "2027-Q2", 200, 180000, 12000, (), "PJ", "2026-03-16", "PJ",
        "Switches en access points in de gemeentehuizen zijn einde levensduur; vervanging "
        "inclusief gastennetwerk en netwerksegmentatie volgens de BIO.",
    ),
    "r-woo": (
        "Woo: actieve openbaarmaking via Open Overheid", "dienstverlening", "legal", "2026-Q3",
        "2027-Q1", 180, 40000, 15000, (), "SB", "2026-03-17", "SB",
        "Documenten uit de wettelijke informatiecategorieën automatisch publiceren via de "
        "landelijke voorziening, met lakken en metadatering uit het zaaksysteem.",
    ),
    "r-mfa": (
        "MFA en conditional access voor alle medewerkers", "informatiebeveiliging", "project",
        "2026-Q3", "2026-Q3", 150, 15000, 6000, (), "FE", "2026-03-18", "FE",
        "Tweestapsverificatie en conditional access voor alle accounts, ook voor raadsleden "
        "en externe medewerkers.",
    ),
    "r-selfservice": (
        "Selfserviceportaal servicedesk", "werkplek", "service", "2026-Q3", "2026-Q3", 100,
        12000, 8000, (), "PJ", "2026-03-19", "PJ",
        "Medewerkers melden storingen en vragen zelf aan via een portaal met kennisbank; "
        "wachtwoordreset zonder bellen.",
    ),
    "r-dso": (
        "Omgevingswet: toepasbare regels en vergunningcheck in het DSO", "omgevingswet",
        "national", "2026-Q3", "2026-Q3", 120, 18000, None, (), "SB", "2026-03-23", "SB",
        "Toepasbare regels voor de meest gevraagde activiteiten in het Digitaal Stelsel "
        "Omgevingswet, zodat de vergunningcheck voor alle zes gemeenten klopt.",
    ),
    "r-brp": (
        "Haal Centraal BRP bevragen aansluiten", "basisregistraties", "national", "2026-Q3",
        "2026-Q4", 140, 12000, 4000, (), "JL", "2026-03-24", "JL",
        "Applicaties halen persoonsgegevens via de Haal Centraal BRP-API in plaats van uit "
        "lokale GBA-V-kopieën.",
    ),
    "r-gateway": (
        "API-gateway en FSC-koppelvlak", "common-ground", "service", "2026-Q4", "2027-Q2", 210,
        65000, 30000, (), "JL", "2026-03-25", "JL",
        "Eén gezamenlijke API-gateway met Federatieve Service Connectiviteit (FSC) als basis "
        "voor alle nieuwe koppelingen.",
    ),
    "r-cbw": (
        "Cyberbeveiligingswet (NIS2) en BIO2 invoeren", "informatiebeveiliging", "legal",
        "2027-Q1", "2027-Q4", 220, 50000, 20000, (), "FE", "2026-03-30", "FE",
        "Zorgplicht en meldplicht uit de Cyberbeveiligingswet en de maatregelen uit de BIO2 "
        "invoeren: risicomanagement, leveranciersketen en incidentmelding.",
    ),
    "r-soc": (
        "Security Operations Center (SOC) als dienst", "informatiebeveiliging", "service",
        "2027-Q1", "2028-Q2", 90, 20000, 85000, ("r-mfa",), "FE", "2026-03-31", "FE",
        "24/7 monitoring van logbestanden en beveiligingsmeldingen door een externe SOC-partij, "
        "met een gezamenlijk responsproces.",
    ),
    "r-kcs": (
        "Klantcontactsysteem (KCS) volgens Common Ground", "common-ground", "project",
        "2027-Q1", "2027-Q4", 300, 150000, 45000, ("r-gateway",), "SB", "2026-04-01", "SB",
        "Eén klantcontactsysteem voor alle KCC's, gekoppeld via de API-gateway aan zaken, "
        "klanten en contactmomenten.",
    ),
    "r-portaal": (
        "Nieuw website- en e-dienstenplatform", "dienstverlening", "project", "2027-Q1",
        "2027-Q3", 280, 120000, 40000, (), "SB", "2026-04-02", "SB",
        "Gezamenlijk platform voor de zes gemeentewebsites en e-diensten, gebouwd met het "
        "NL Design System en toegankelijk volgens WCAG 2.2 AA.",
    ),
    "r-app": (
        "Eigen inwonersapp (iOS en Android)", "dienstverlening", "project", "2027-Q1",
        "2027-Q2", 250, 90000, 25000, (), "SB", "2026-04-07", "SB",
        "Een app voor inwoners met meldingen, afvalkalender en berichten van de gemeente.",
    ),
    "r-mor": (
        "Meldingen openbare ruimte vernieuwen (Signalen)", "common-ground", "project",
        "2027-Q3", "2027-Q4", 160, 45000, 18000, ("r-app",), "SB", "2026-04-08", "SB",
        "Overstap naar Signalen voor meldingen openbare ruimte, met foto's, terugkoppeling aan "
        "de melder en pushberichten via de inwonersapp.",
    ),
    "r-sociaal": (
        "Vervanging applicatie sociaal domein", "sociaal", "lifecycle", "2027-Q4", "2028-Q2",
        350, 260000, 70000, ("r-gateway",), "JL", "2026-04-13", "JL",
        "Het contract voor de applicatie sociaal domein loopt in 2028 af; aanbesteding en "
        "migratie naar een pakket dat via API's koppelt.",
    ),
    "r-rpa": (
        "Procesautomatisering (RPA) in de backoffice", "bedrijfsvoering", "project",
        "2027-Q2", "2027-Q4", 180, 60000, 24000, (), "JL", "2026-04-14", "JL",
        "Softwarerobots voor terugkerend handwerk in financiën, HR en belastingen.",
    ),
    "r-cloud": (
        "Exit eigen serverruimte naar Nederlandse cloud", "infrastructuur", "project",
        "2027-Q2", "2028-Q2", 420, 310000, 160000, (), "PJ", "2026-04-15", "PJ",
        "De laatste servers in de gemeentehuizen gaan naar de gezamenlijke Nederlandse cloud; "
        "de serverruimtes worden opgeheven.",
    ),
    "r-laptops": (
        "Vervanging laptops (levenscyclus 2027)", "werkplek", "lifecycle", "2027-Q3",
        "2027-Q4", 260, 640000, None, ("r-win11",), "PJ", "2026-04-20", "PJ",
        "Laptops uit 2022 worden vervangen; uitlevering per gemeente via de servicedesk.",
    ),
    "r-iam": (
        "Identity & access management (IAM) met rollenmodel", "informatiebeveiliging",
        "project", "2027-Q2", "2027-Q4", 150, 70000, 20000, ("r-win11",), "FE", "2026-04-21",
        "FE",
        "Accounts en rechten automatisch uit het personeelssysteem, met een rollenmodel en "
        "single sign-on voor alle applicaties.",
    ),
    "r-wdo": (
        "Wet digitale overheid: eHerkenning en DigiD Machtigen", "dienstverlening", "legal",
        "2026-Q4", "2027-Q2", 160, 25000, 9000, (), "SB", "2026-04-22", "SB",
        "Alle e-diensten ondersteunen eHerkenning op het juiste niveau en DigiD Machtigen, "
        "zoals de Wet digitale overheid vraagt.",
    ),
    "r-edepot": (
        "Archiefwet: e-depot en overbrengingstermijn van tien jaar", "bedrijfsvoering",
        "legal", "2028-Q1", "2028-Q2", 120, 55000, 22000, ("r-zaak",), "MV", "2026-04-23",
        "MV",
        "De nieuwe Archiefwet verkort de overbrengingstermijn naar tien jaar; aansluiting op "
        "het regionale e-depot vanuit het nieuwe zaaksysteem.",
    ),
    "r-erp": (
        "Vervanging financieel pakket (ERP) als SaaS", "bedrijfsvoering", "lifecycle",
        "2027-Q3", "2028-Q2", 300, 240000, 90000, (), "MV", "2026-09-03", "MV",
        "Eén financieel pakket als SaaS voor de samenwerking en de zes gemeenten.",
    ),
    "r-copilot": (
        "Pilot generatieve AI (Copilot) met AI-register", "bedrijfsvoering", "project",
        "2027-Q1", "2027-Q2", 100, 35000, 30000, (), "FE", "2026-09-24", "FE",
        "Pilot met 25 Copilot-licenties, DPIA en een AI-register; besluit over verdere uitrol "
        "na evaluatie.",
    ),
    "r-fds": (
        "Aansluiten op het Federatief Datastelsel", "basisregistraties", "national", "2027-Q3",
        "2028-Q2", 100, 30000, 10000, ("r-gateway",), "JL", "2026-10-19", "JL",
        "Gegevens uit landelijke registraties bevragen via het Federatief Datastelsel in "
        "plaats van ze zelf op te slaan.",
    ),
}

# fmt: on

ROADMAP_STATUS = {
    # final status; delivered / dropped: (status, day, author, text)
    "r-aanbesteding": "running",
    "r-zaak": "adopted",
    "r-win11": "running",
    "r-teams": "running",
    "r-netwerk": "running",
    "r-woo": "running",
    "r-mfa": ("delivered", "2026-09-28", "FE", "Alle accounts hebben MFA; uitzonderingen nul."),
    "r-selfservice": ("delivered", "2026-09-25", "PJ", "Portaal live sinds 21 september."),
    "r-dso": ("delivered", "2026-09-30", "SB", "Regels gepubliceerd voor alle zes gemeenten."),
    "r-brp": ("delivered", "2026-11-16", "JL", "Laatste GBA-V-kopie uitgezet op 13 november."),
    "r-gateway": "running",
    "r-cbw": "adopted",
    "r-soc": "adopted",
    "r-kcs": "adopted",
    "r-portaal": "adopted",
    "r-app": (
        "dropped",
        "2026-09-17",
        "MV",
        "DB 15-09: geen eigen app; inzetten op een mobielvriendelijke website.",
    ),
    "r-mor": "adopted",
    "r-sociaal": "adopted",
    "r-rpa": "adopted",
    "r-cloud": "adopted",
    "r-laptops": "adopted",
    "r-iam": "adopted",
    "r-wdo": "running",
    "r-edepot": "adopted",
    "r-erp": "draft",
    "r-copilot": "draft",
    "r-fds": "draft",
}

CAPACITY = {  # hours per quarter, set in May; revised in October
    "2026-Q3": 2600,
    "2026-Q4": 2900,
    "2027-Q1": 3200,
    "2027-Q2": 3200,
    "2027-Q3": 3200,
    "2027-Q4": 3200,
    "2028-Q1": 3300,
    "2028-Q2": 3300,
}
CAPACITY_REVISED = {"2027-Q3": 3000, "2027-Q4": 3300}

AB_ZAAK = (
    "AB stemt in met de gezamenlijke aanbesteding en migratie van het zaaksysteem; kosten "
    "volgens de verdeelsleutel."
)


def setup(story: Story) -> None:
    story.at(
        "2026-03-02",
        "MV",
        "meta",
        lambda b, a, k: ops.edit(
            b, "meta", META_KEY, {"name": "ICT Samenwerking Lekstroom", "capacity_unit": "hours"}, a
        ),
    )
    for key, name in DEFAULT_THEMES.items():
        story.at("2026-03-02", "MV", f"theme-{key}", add("themes", {"name": name}, key=key))
    for short, (code, name, inhabitants, ws, im, share) in MUNICIPALITIES.items():
        fields = {
            "name": name,
            "short": short,
            "inhabitants": inhabitants,
            "workstations": ws,
            "information_manager": im,
            "cost_share": share,
        }
        story.at("2026-03-03", "MV", f"gm-{short}", add("municipalities", fields, key=code))
    for slug, title, description in STANDARDS:
        fields = {"title": title, "description": description}
        story.at("2026-03-04", "MV", slug, add("standards", fields), creates=True)
    for quarter, amount in CAPACITY.items():
        story.at("2026-05-18", "MV", f"cap-{quarter}", _capacity(quarter, amount))
    for quarter, amount in CAPACITY_REVISED.items():
        story.at("2026-10-12", "MV", f"cap-{quarter}", _capacity(quarter, amount))


def _capacity(quarter: str, amount: float) -> Run:
    return lambda board, actor, keys: ops.set_capacity(board, quarter, amount, actor)


def roadmap(story: Story) -> None:
    for slug, spec in ROADMAP.items():
        (title, theme, kind, start, end, effort, once, yearly, deps, owner, day, who, desc) = spec
        final = ROADMAP_STATUS[slug]
        status = final if isinstance(final, str) else final[0]
        settled = status in ("delivered", "dropped") or day >= "2026-10-14"
        fields: dict[str, Any] = {
            "title": title,
            "description": desc,
            "theme": theme,
            "type": kind,
            "start": start,
            "end": end,
            # first estimates are rounder and lower; the autumn review sets the final effort
            "effort": effort if settled else round(effort * 0.85, -1),
            "cost_once": once,
            "cost_yearly": yearly,
            "depends_on": [Ref(d) for d in deps],
            "owner": AUTHORS[owner],
        }
        fields = {k: v for k, v in fields.items() if v is not None}
        story.at(day, who, slug, add("roadmap", fields), creates=True)
        if day < "2026-07-02":
            text = "Vastgesteld door het AB op 1 juli 2026 (roadmap 2026–2028)."
            story.at("2026-07-02", "MV", slug, on_record(slug, _status("adopted", text)))
        if status in ("running", "delivered"):
            started = "2026-07-06" if start == "2026-Q3" else "2026-10-05"
            story.at(started, owner, slug, on_record(slug, _status("running")))
        if not settled:
            text = "Herijking roadmap voor de begroting 2027."
            story.at(
                "2026-10-14", "JL", slug, on_record(slug, edit("roadmap", text, effort=effort))
            )
        if not isinstance(final, str):
            _, on, by, text = final
            story.at(on, by, slug, on_record(slug, _status(status, text)))


def _status(status: str, text: str | None = None) -> Op:
    return edit("roadmap", text, status=status)


# --- ambitions ----------------------------------------------------------------------------------

History = tuple[str, str, Op]


def ambition(
    story: Story,
    slug: str,
    muni: str,
    title: str,
    theme: str,
    created: tuple[str, str],
    *history: History,
    description: str,
    **fields: Any,
) -> None:
    doc = {
        "municipality": MUNICIPALITIES[muni][0],
        "title": title,
        "theme": theme,
        "description": description,
        **fields,
    }
    if "conflicts" in doc:
        doc["conflicts"] = [Ref(s) for s in doc["conflicts"]]
    doc.setdefault("owner", IM[muni])
    day, who = created
    story.at(day, who, slug, add("ambitions", doc), creates=True)
    for day, who, op in history:
        story.at(day, who, slug, on_record(slug, op))


def ambitions(story: Story) -> None:
    a = ambition

    # ---- wish ----------------------------------------------------------------------------------
    a(
        story,
        "chatbot-lks",
        "LKS",
        "Chatbot op de website",
        "dienstverlening",
        ("2026-09-14", "SB"),
        ("2026-10-02", "SB", edit(tags=["chatbot", "24/7"])),
        description="Inwoners stellen 's avonds en in het weekend vragen over afval, paspoorten "
        "en parkeren. Een chatbot op lekstede.nl moet de standaardvragen beantwoorden en "
        "doorverwijzen naar het KCC.",
        reason="own_wish",
        priority="could",
        value=3,
        effort=120,
        wanted_by="2027-Q3",
        cost_once=15000,
        cost_yearly=6000,
        tags=["chatbot"],
    )
    a(
        story,
        "chatbot-vlw",
        "VLW",
        "Chatbot op onze website",
        "dienstverlening",
        ("2026-10-06", "SB"),
        description="Het KCC wil de telefoondruk verlagen. Vraag: een chatbot, bij voorkeur met "
        "een taalmodel, op vlietwijk.nl die veelgestelde vragen afhandelt.",
        reason="own_wish",
        priority="should",
        value=3,
        effort=100,
        wanted_by="2027-Q2",
        cost_once=10000,
        cost_yearly=7500,
        funding="own",
        tags=["chatbot", "taalmodel"],
    )
    a(
        story,
        "ipad-hgw",
        "HGW",
        "iPads voor de gemeenteraad",
        "werkplek",
        ("2026-10-20", "SB"),
        (
            "2026-10-22",
            "FE",
            edit(
                text="Strijdig met de standaardwerkplek; graag agenderen voor de stuurgroep.",
                conflicts=[Ref("s-windows")],
            ),
        ),
        description="De griffie vraagt 27 iPads voor raads- en commissieleden om stukken te lezen "
        "in de RIS-app. Raadsleden vinden de huidige laptops te zwaar. Het beheer (MDM) zou bij de "
        "samenwerking moeten liggen.",
        reason="own_wish",
        priority="should",
        value=2,
        effort=60,
        wanted_by="2027-Q2",
        cost_once=24000,
        cost_yearly=5400,
        funding="own",
        tags=["ipad", "raad", "griffie"],
    )
    a(
        story,
        "parkeren-lks",
        "LKS",
        "Parkeervergunning volledig digitaal aanvragen",
        "dienstverlening",
        ("2026-09-03", "SB"),
        description="Bewoners en bedrijven vragen een parkeervergunning aan en betalen online; "
        "kentekencontrole via de RDW en geen papieren vergunning meer.",
        reason="own_wish",
        priority="should",
        value=3,
        effort=160,
        wanted_by="2027-Q4",
        cost_once=20000,
        cost_yearly=4000,
        funding="own",
        tags=["parkeren", "rdw"],
    )
    a(
        story,
        "afspraken-ams",
        "AMS",
        "Online afspraken plannen voor burgerzaken",
        "dienstverlening",
        ("2026-09-09", "SB"),
        description="Inwoners plannen zelf een afspraak voor paspoort of rijbewijs, met "
        "herinnering per sms of e-mail.",
        reason="own_wish",
        priority="should",
        value=4,
        effort=80,
        wanted_by="2027-Q2",
        cost_once=8000,
        cost_yearly=3000,
        funding="own",
        tags=["burgerzaken", "afspraken"],
    )
    a(
        story,
        "vergadersysteem-hgw",
        "HGW",
        "Vervanging conferentiesysteem raadzaal",
        "werkplek",
        ("2026-04-08", "JL"),
        description="Microfoons en stemkastjes in de raadzaal zijn vijftien jaar oud; de griffie "
        "wil een systeem dat ook de livestream en de notulen aanstuurt.",
        reason="replacement",
        priority="should",
        value=3,
        effort=90,
        wanted_by="2027-Q3",
        cost_once=45000,
        cost_yearly=3500,
        funding="own",
        tags=["raadzaal", "griffie"],
    )
    a(
        story,
        "afval-scr",
        "SCR",
        "Dashboard afvalinzameling met sensordata",
        "basisregistraties",
        ("2026-09-16", "JL"),
        description="Vulgraadsensoren in ondergrondse containers; routes van de inzamelwagens "
        "plannen op de werkelijke vulling.",
        reason="own_wish",
        priority="could",
        value=2,
        effort=120,
        wanted_by="2027-Q4",
        cost_once=18000,
        cost_yearly=6000,
        tags=["afval", "iot", "data"],
    )
    a(
        story,
        "whatsapp-vlw",
        "VLW",
        "WhatsApp als klantkanaal voor het KCC",
        "dienstverlening",
        ("2026-10-14", "SB"),
        description="Het coalitieakkoord noemt 'bereikbaar waar de inwoner is'. Het KCC wil "
        "vragen via WhatsApp Business beantwoorden, vastgelegd als contactmoment.",
        reason="coalition",
        priority="could",
        value=3,
        effort=100,
        wanted_by="2027-Q3",
        cost_once=6000,
        cost_yearly=9000,
        tags=["whatsapp", "kanalen"],
    )
    a(
        story,
        "openraad-lks",
        "LKS",
        "Raadsinformatie als open data publiceren",
        "common-ground",
        ("2026-09-28", "MV"),
        description="Agenda's, moties en stemuitslagen als open data via de API van Open "
        "Raadsinformatie, zodat journalisten en inwoners ze kunnen hergebruiken.",
        reason="coalition",
        priority="could",
        value=3,
        effort=60,
        wanted_by="2027-Q4",
        cost_once=5000,
        cost_yearly=2000,
        funding="own",
        tags=["raad", "open-data"],
    )
    a(
        story,
        "wifi-werf-ams",
        "AMS",
        "Wifi op de gemeentewerf en buitenlocaties",
        "infrastructuur",
        ("2026-10-08", "PJ"),
        description="Op de werf, de milieustraat en in de sporthal is geen dekking; buitendienst "
        "werkt nu met hotspots op de telefoon.",
        reason="own_wish",
        priority="should",
        value=3,
        effort=70,
        wanted_by="2027-Q3",
        cost_once=22000,
        cost_yearly=2500,
        funding="own",
        tags=["wifi", "netwerk"],
    )
    a(
        story,
        "verhuizing-zdl",
        "ZDL",
        "Verhuizing online doorgeven met automatische adrescontrole",
        "dienstverlening",
        ("2026-10-27", "SB"),
        description="Het formulier controleert het nieuwe adres direct in de BAG en zet de "
        "verhuizing klaar in de BRP, zodat de balie alleen nog uitzonderingen ziet.",
        reason="own_wish",
        priority="could",
        value=2,
        effort=90,
        wanted_by="2027-Q4",
        cost_once=9000,
        cost_yearly=1500,
        funding="own",
        tags=["verhuizen", "bag"],
    )
    a(
        story,
        "vroegsignalering-hgw",
        "HGW",
        "Vroegsignalering van schulden als zaak",
        "sociaal",
        ("2026-09-21", "JL"),
        description="Signalen van woningcorporaties en energieleveranciers (Wet gemeentelijke "
        "schuldhulpverlening) automatisch als zaak bij het sociaal team.",
        reason="law",
        priority="must",
        value=4,
        effort=140,
        wanted_by="2027-Q2",
        cost_once=12000,
        cost_yearly=5000,
        funding="own",
        tags=["schulden", "sociaal-domein"],
    )
    a(
        story,
        "bodycam-vlw",
        "VLW",
        "Bodycams voor boa's met centrale opslag",
        "informatiebeveiliging",
        ("2026-10-29", "FE"),
        description="Acht bodycams voor de handhavers; beelden moeten veilig worden opgeslagen "
        "en na 28 dagen automatisch verwijderd.",
        reason="coalition",
        priority="should",
        value=3,
        effort=80,
        wanted_by="2027-Q3",
        cost_once=30000,
        cost_yearly=7000,
        funding="own",
        tags=["boa", "handhaving", "privacy"],
    )
    a(
        story,
        "bouwdossiers-scr",
        "SCR",
        "Bouwdossiers digitaliseren en ontsluiten",
        "omgevingswet",
        ("2026-11-03", "SB"),
        description="Het papieren bouwarchief (ca. 1.200 strekkende meter) scannen en "
        "doorzoekbaar maken voor inwoners, makelaars en vergunningverleners.",
        reason="own_wish",
        priority="should",
        value=4,
        effort=200,
        wanted_by="2027-Q4",
        cost_once=65000,
        cost_yearly=4000,
        funding="own",
        tags=["archief", "omgevingswet"],
    )
    a(
        story,
        "woo-ai-lks",
        "LKS",
        "AI-hulp bij het lakken van Woo-documenten",
        "bedrijfsvoering",
        ("2026-11-10", "FE"),
        description="Woo-verzoeken kosten juristen veel tijd; een hulpmiddel dat persoonsgegevens "
        "herkent en voorstelt te lakken.",
        reason="own_wish",
        priority="could",
        value=3,
        effort=60,
        wanted_by="2027-Q3",
        cost_once=10000,
        cost_yearly=8000,
        tags=["woo", "ai"],
    )

    # ---- exploring -----------------------------------------------------------------------------
    a(
        story,
        "chatbot-scr",
        "SCR",
        "Chatbot op de gemeentewebsite",
        "dienstverlening",
        ("2026-09-22", "SB"),
        ("2026-10-12", "SB", move("exploring")),
        description="Schoonrade wil een digitale assistent op de website die ook buiten "
        "kantoortijd vragen beantwoordt; eerst marktverkenning.",
        reason="own_wish",
        priority="could",
        value=3,
        effort=110,
        wanted_by="2027-Q4",
        cost_once=12000,
        cost_yearly=5000,
        tags=["chatbot", "digitale-assistent"],
    )
    a(
        story,
        "bag-zdl",
        "ZDL",
        "Koppeling BAG met het belastingpakket vernieuwen",
        "basisregistraties",
        ("2026-03-18", "JL"),
        ("2026-05-12", "JL", move("exploring")),
        description="De nachtelijke bestandskoppeling tussen BAG en belastingen valt regelmatig "
        "uit; onderzoeken of de leverancier een API-koppeling kan leveren.",
        reason="replacement",
        priority="should",
        value=3,
        effort=120,
        wanted_by="2027-Q2",
        cost_once=14000,
        cost_yearly=2000,
        funding="own",
        tags=["bag", "belastingen"],
    )
    a(
        story,
        "dashboards-lks",
        "LKS",
        "Stuurinformatie sociaal domein in dashboards",
        "sociaal",
        ("2026-06-15", "JL"),
        ("2026-09-07", "JL", move("exploring")),
        description="Het college wil per kwartaal inzicht in instroom, doorlooptijden en kosten "
        "van jeugdhulp en Wmo, zonder handmatige Excel-rapportages.",
        reason="coalition",
        priority="should",
        value=4,
        effort=240,
        wanted_by="2027-Q4",
        cost_once=35000,
        cost_yearly=12000,
        funding="shared",
        tags=["data", "sociaal-domein"],
    )
    a(
        story,
        "hybride-vlw",
        "VLW",
        "Hybride vergaderen in alle vergaderzalen",
        "werkplek",
        ("2026-05-26", "PJ"),
        ("2026-09-15", "PJ", move("exploring")),
        description="Zes vergaderzalen met camera, speakerbar en één-klik-deelnemen aan Teams.",
        reason="own_wish",
        priority="should",
        value=3,
        effort=100,
        wanted_by="2027-Q2",
        cost_once=40000,
        cost_yearly=3000,
        funding="own",
        tags=["vergaderen", "av"],
    )
    a(
        story,
        "vth-ams",
        "AMS",
        "Zaakgericht werken voor VTH",
        "omgevingswet",
        ("2026-04-20", "JL"),
        ("2026-09-29", "JL", move("exploring")),
        description="Vergunningverlening, toezicht en handhaving werken nog in een los "
        "VTH-pakket; onderzoeken of dit in het nieuwe zaaksysteem kan.",
        reason="replacement",
        priority="must",
        value=4,
        effort=300,
        wanted_by="2027-Q4",
        cost_once=70000,
        cost_yearly=18000,
        funding="shared",
        tags=["vth", "omgevingswet", "zaaksysteem"],
    )
    a(
        story,
        "klimaat-hgw",
        "HGW",
        "Klimaatmonitor op wijkniveau",
        "basisregistraties",
        ("2026-07-08", "JL"),
        ("2026-10-01", "JL", move("exploring")),
        description="Energieverbruik, zonnepanelen en warmtebronnen per wijk zichtbaar maken "
        "voor de transitievisie warmte.",
        reason="coalition",
        priority="could",
        value=2,
        effort=80,
        wanted_by="2027-Q4",
        cost_once=8000,
        cost_yearly=2000,
        funding="own",
        tags=["data", "klimaat"],
    )
    a(
        story,
        "flexplek-scr",
        "SCR",
        "Thin clients voor flexplekken",
        "werkplek",
        ("2026-06-03", "PJ"),
        ("2026-09-10", "PJ", move("exploring")),
        description="Bij de verbouwing van het gemeentehuis komen 40 flexplekken; goedkopere "
        "thin clients in plaats van vaste pc's?",
        reason="replacement",
        priority="could",
        value=2,
        effort=60,
        wanted_by="2027-Q3",
        cost_once=15000,
        funding="own",
        tags=["werkplek", "huisvesting"],
    )
    a(
        story,
        "participatie-lks",
        "LKS",
        "Digitaal participatieplatform voor inwoners",
        "dienstverlening",
        ("2026-05-06", "SB"),
        ("2026-09-23", "SB", move("exploring")),
        description="Inwoners denken online mee over plannen in hun wijk; het coalitieakkoord "
        "vraagt om 'participatie als standaard'.",
        reason="coalition",
        priority="should",
        value=4,
        effort=120,
        wanted_by="2027-Q3",
        cost_once=20000,
        cost_yearly=9000,
        funding="own",
        tags=["participatie", "wijken"],
    )
    a(
        story,
        "awareness-zdl",
        "ZDL",
        "Jaarlijkse e-learning over phishing",
        "informatiebeveiliging",
        ("2026-08-19", "FE"),
        ("2026-09-02", "FE", move("exploring")),
        description="De BIO vraagt aantoonbare bewustwording; een jaarlijkse e-learning met "
        "phishingsimulaties voor alle 160 medewerkers.",
        reason="law",
        priority="should",
        value=3,
        effort=40,
        wanted_by="2027-Q1",
        cost_once=3000,
        cost_yearly=4500,
        funding="shared",
        tags=["awareness", "phishing"],
    )
    a(
        story,
        "inkoop-vlw",
        "VLW",
        "Contractmanagement- en inkoopsysteem",
        "bedrijfsvoering",
        ("2026-06-22", "JL"),
        ("2026-10-19", "JL", move("exploring")),
        description="Contracten staan verspreid in mappen; einddata worden gemist. Gewenst: één "
        "contractregister met signalering.",
        reason="own_wish",
        priority="could",
        value=3,
        effort=150,
        wanted_by="2027-Q4",
        cost_once=25000,
        cost_yearly=8000,
        tags=["inkoop", "contracten"],
    )

    # ---- deciding ------------------------------------------------------------------------------
    a(
        story,
        "gis-ams",
        "AMS",
        "GIS-viewer naar de cloud",
        "infrastructuur",
        ("2026-04-14", "PJ"),
        ("2026-06-09", "PJ", move("exploring")),
        ("2026-10-07", "PJ", move("deciding")),
        description="De GIS-viewer draait op een eigen server in het gemeentehuis; overstap naar "
        "een SaaS-viewer met koppeling op BAG en BGT.",
        reason="replacement",
        priority="should",
        value=3,
        effort=120,
        wanted_by="2027-Q3",
        cost_once=20000,
        cost_yearly=9000,
        funding="shared",
        tags=["gis", "cloud"],
    )
    a(
        story,
        "datateam-hgw",
        "HGW",
        "Gedeelde datascientist voor de deelnemers",
        "basisregistraties",
        ("2026-05-11", "MV"),
        ("2026-06-30", "MV", move("exploring")),
        ("2026-09-24", "MV", move("deciding")),
        description="Geen gemeente kan zelf een datascientist betalen; voorstel voor één "
        "gedeelde functie bij de samenwerking, verdeeld naar inwonertal.",
        reason="coalition",
        priority="should",
        value=4,
        effort=200,
        wanted_by="2027-Q1",
        cost_yearly=95000,
        funding="shared",
        tags=["data"],
    )
    a(
        story,
        "kassa-lks",
        "LKS",
        "Pinautomaat en kassa aan de balie",
        "bedrijfsvoering",
        ("2026-07-13", "JL"),
        ("2026-08-10", "JL", move("exploring")),
        ("2026-10-26", "JL", move("deciding")),
        description="Het pin- en kassasysteem aan de balie wordt na 2026 niet meer ondersteund; "
        "keuze tussen vervanging en betalen via de zuil.",
        reason="replacement",
        priority="must",
        value=3,
        effort=60,
        wanted_by="2027-Q2",
        cost_once=12000,
        cost_yearly=2400,
        funding="own",
        tags=["burgerzaken", "betalen"],
    )
    a(
        story,
        "archief-vlw",
        "VLW",
        "Zaakgericht archiveren en vernietigen",
        "bedrijfsvoering",
        ("2026-05-19", "JL"),
        ("2026-07-01", "JL", move("exploring")),
        ("2026-10-05", "JL", move("deciding")),
        description="Selectielijsten toepassen in het zaaksysteem zodat dossiers op tijd worden "
        "vernietigd of overgebracht.",
        reason="law",
        priority="must",
        value=4,
        effort=160,
        wanted_by="2027-Q4",
        cost_once=15000,
        cost_yearly=3000,
        funding="shared",
        tags=["selectielijsten", "vernietiging"],
    )
    a(
        story,
        "wcag-scr",
        "SCR",
        "Website toegankelijk volgens WCAG 2.2 AA",
        "dienstverlening",
        ("2026-06-10", "SB"),
        ("2026-07-15", "SB", move("exploring")),
        ("2026-09-30", "SB", move("deciding")),
        description="De toegankelijkheidsverklaring van schoonrade.nl staat op 'voldoet "
        "gedeeltelijk'; herstel nu of wachten op het nieuwe platform?",
        reason="law",
        priority="must",
        value=4,
        effort=90,
        wanted_by="2027-Q2",
        cost_once=16000,
        cost_yearly=3000,
        funding="own",
        tags=["toegankelijkheid", "wcag"],
    )
    a(
        story,
        "esign-zdl",
        "ZDL",
        "Digitaal ondertekenen van contracten en besluiten",
        "bedrijfsvoering",
        ("2026-06-29", "JL"),
        ("2026-08-24", "JL", move("exploring")),
        ("2026-09-14", "JL", move("deciding")),
        description="Contracten en collegebesluiten worden nog geprint om te tekenen; een "
        "gekwalificeerde elektronische handtekening bespaart dagen.",
        reason="own_wish",
        priority="should",
        value=3,
        effort=50,
        wanted_by="2027-Q2",
        cost_once=4000,
        cost_yearly=3600,
        funding="shared",
        tags=["e-signing"],
    )
    a(
        story,
        "esim-hgw",
        "HGW",
        "Mobiele telefonie: overstap naar eSIM en nieuw contract",
        "werkplek",
        ("2026-07-20", "PJ"),
        ("2026-09-01", "PJ", move("exploring")),
        ("2026-11-02", "PJ", move("deciding")),
        description="Het mobiele contract loopt af in juni 2027; Hoogwaard wil aansluiten bij "
        "de gezamenlijke aanbesteding en meteen naar eSIM.",
        reason="replacement",
        priority="should",
        value=2,
        effort=40,
        wanted_by="2027-Q2",
        cost_yearly=21000,
        funding="own",
        tags=["mobiel", "telefonie"],
    )

    # ---- planned -------------------------------------------------------------------------------
    zaak = [
        (
            "zaak-lks",
            "LKS",
            "Overstap naar een nieuw zaaksysteem",
            "2027-Q4",
            False,
            "Het contract met de huidige leverancier loopt eind 2027 af. Lekstede wil als eerste "
            "over, samen met Hoogwaard.",
            450,
            95000,
            26000,
            "2026-03-10",
        ),
        (
            "zaak-vlw",
            "VLW",
            "Nieuw zaaksysteem, ook voor het sociaal domein",
            "2028-Q1",
            True,
            "Vlietwijk wil het sociaal domein meenemen in het nieuwe zaaksysteem; de migratie dekt "
            "dat maar gedeeltelijk.",
            380,
            80000,
            22000,
            "2026-03-12",
        ),
        (
            "zaak-ams",
            "AMS",
            "Vervanging verouderd zaaksysteem",
            "2027-Q2",
            False,
            "De leverancier stopt op 1 juli 2027 met ondersteuning van de versie die Ammersloot "
            "gebruikt; uitstel na die datum kost extra licentiegeld.",
            300,
            60000,
            17000,
            "2026-03-13",
        ),
        (
            "zaak-hgw",
            "HGW",
            "Nieuw zaaksysteem",
            "2027-Q4",
            False,
            "Hoogwaard sluit aan bij de gezamenlijke aanbesteding en migratie.",
            260,
            52000,
            14000,
            "2026-03-26",
        ),
    ]
    for slug, muni, title, wanted, partial, desc, effort, once, yearly, day in zaak:
        a(
            story,
            slug,
            muni,
            title,
            "zaakgericht",
            (day, "JL"),
            ("2026-04-07", "JL", move("exploring")),
            ("2026-05-26", "JL", move("deciding")),
            ("2026-07-02", "MV", decide("ab", "2026-07-01", AB_ZAAK)),
            ("2026-07-02", "MV", move("planned")),
            ("2026-09-08", "JL", link("r-zaak", partial=partial)),
            description=desc,
            reason="replacement",
            priority="must",
            value=5,
            effort=effort,
            wanted_by=wanted,
            cost_once=once,
            cost_yearly=yearly,
            funding="shared",
            tags=["zaaksysteem"],
        )
    a(
        story,
        "kcs-scr",
        "SCR",
        "Klantcontact in één systeem (KCS)",
        "dienstverlening",
        ("2026-04-01", "SB"),
        ("2026-04-28", "SB", move("exploring")),
        ("2026-06-02", "SB", move("deciding")),
        (
            "2026-06-18",
            "MV",
            decide(
                "steering",
                "2026-06-16",
                "Stuurgroep kiest voor één gezamenlijk KCS volgens de Common Ground-principes.",
            ),
        ),
        ("2026-06-18", "MV", move("planned")),
        ("2026-10-15", "SB", link("r-kcs")),
        description="Het KCC van Schoonrade werkt met drie systemen naast elkaar; alle "
        "contactmomenten moeten in één klantbeeld samenkomen.",
        reason="own_wish",
        priority="should",
        value=4,
        effort=200,
        wanted_by="2028-Q1",
        cost_once=40000,
        cost_yearly=9000,
        funding="shared",
        tags=["kcc", "common-ground"],
    )
    a(
        story,
        "website-lks",
        "LKS",
        "Website en e-diensten vernieuwen",
        "dienstverlening",
        ("2026-04-09", "SB"),
        ("2026-05-04", "SB", move("exploring")),
        ("2026-08-25", "SB", move("deciding")),
        (
            "2026-09-17",
            "MV",
            decide(
                "db",
                "2026-09-15",
                "DB: de website van Lekstede gaat mee "
                "in het gezamenlijke platform; geen eigen aanbesteding.",
            ),
        ),
        ("2026-09-17", "MV", move("planned")),
        ("2026-09-21", "SB", link("r-portaal")),
        description="Het contract voor lekstede.nl loopt af; de e-diensten zijn niet "
        "mobielvriendelijk en niet toegankelijk.",
        reason="replacement",
        priority="must",
        value=4,
        effort=260,
        wanted_by="2027-Q4",
        cost_once=50000,
        cost_yearly=14000,
        funding="shared",
        tags=["website", "e-diensten", "nl-design-system"],
    )
    a(
        story,
        "erp-zdl",
        "ZDL",
        "Financieel pakket als SaaS afnemen",
        "bedrijfsvoering",
        ("2026-04-27", "JL"),
        ("2026-06-15", "JL", move("exploring")),
        ("2026-09-01", "JL", move("deciding")),
        (
            "2026-09-30",
            "MV",
            decide(
                "db",
                "2026-09-29",
                "DB stemt in met aansluiten bij de "
                "gezamenlijke vervanging van het financieel pakket.",
            ),
        ),
        ("2026-10-01", "MV", move("planned")),
        ("2026-10-01", "JL", link("r-erp")),
        description="Zuiderlek draait het financieel pakket nog on-premises; bij vervanging "
        "direct naar SaaS.",
        reason="replacement",
        priority="should",
        value=3,
        effort=220,
        wanted_by="2028-Q2",
        cost_once=45000,
        cost_yearly=16000,
        funding="shared",
        tags=["financien", "saas"],
    )
    a(
        story,
        "ris-vlw",
        "VLW",
        "Raadsinformatiesysteem vervangen",
        "bedrijfsvoering",
        ("2026-04-16", "JL"),
        ("2026-05-11", "JL", move("exploring")),
        ("2026-08-31", "JL", move("deciding")),
        (
            "2026-09-17",
            "MV",
            decide(
                "db",
                "2026-09-15",
                "DB stemt in; Vlietwijk financiert de vervanging zelf, de samenwerking voert uit.",
            ),
        ),
        ("2026-09-17", "MV", move("planned")),
        description="Het raadsinformatiesysteem van Vlietwijk is verouderd en niet toegankelijk; "
        "de griffie wil over zijn vóór het zomerreces van 2027.",
        reason="replacement",
        priority="must",
        value=4,
        effort=120,
        wanted_by="2027-Q2",
        cost_once=30000,
        cost_yearly=11000,
        funding="own",
        tags=["raad", "griffie"],
    )
    a(
        story,
        "printers-ams",
        "AMS",
        "Nieuwe printers en printbeheer (follow-me printing)",
        "werkplek",
        ("2026-05-07", "PJ"),
        ("2026-06-01", "PJ", move("exploring")),
        ("2026-09-03", "PJ", move("deciding")),
        (
            "2026-09-17",
            "MV",
            decide(
                "db",
                "2026-09-15",
                "DB stemt in met vervanging van de printers van Ammersloot in 2027.",
            ),
        ),
        ("2026-10-28", "PJ", move("planned")),
        description="Het leasecontract voor de multifunctionals loopt af; printen met de "
        "toegangspas zodat er geen stapels meer in de printer blijven liggen.",
        reason="replacement",
        priority="should",
        value=2,
        effort=60,
        wanted_by="2027-Q2",
        cost_once=6000,
        cost_yearly=14000,
        funding="own",
        tags=["printen", "werkplek"],
    )
    a(
        story,
        "sociaal-ams",
        "AMS",
        "Vervanging applicatie sociaal domein",
        "sociaal",
        ("2026-04-22", "JL"),
        ("2026-06-08", "JL", move("exploring")),
        ("2026-08-17", "JL", move("deciding")),
        (
            "2026-09-17",
            "MV",
            decide("db", "2026-09-15", "DB: Ammersloot neemt deel aan de gezamenlijke vervanging."),
        ),
        ("2026-09-17", "MV", move("planned")),
        ("2026-10-15", "JL", link("r-sociaal")),
        description="Wmo, Jeugd en Participatie in één pakket dat via API's met het zaaksysteem "
        "en het KCS praat.",
        reason="replacement",
        priority="must",
        value=4,
        effort=320,
        wanted_by="2028-Q2",
        cost_once=55000,
        cost_yearly=15000,
        funding="shared",
        tags=["sociaal-domein"],
    )
    a(
        story,
        "fds-hgw",
        "HGW",
        "Gegevens bij de bron gebruiken via het Federatief Datastelsel",
        "basisregistraties",
        ("2026-06-24", "JL"),
        ("2026-09-09", "JL", move("exploring")),
        ("2026-10-06", "JL", move("deciding")),
        (
            "2026-10-20",
            "MV",
            decide(
                "steering",
                "2026-10-20",
                "Stuurgroep: Hoogwaard is pilotgemeente voor het Federatief Datastelsel.",
            ),
        ),
        ("2026-10-20", "MV", move("planned")),
        ("2026-10-21", "JL", link("r-fds")),
        description="Hoogwaard wil minder eigen kopieën van basisgegevens en doet mee als "
        "pilotgemeente.",
        reason="own_wish",
        priority="should",
        value=3,
        effort=100,
        wanted_by="2028-Q2",
        cost_once=8000,
        cost_yearly=3000,
        funding="shared",
        tags=["data", "common-ground"],
    )
    a(
        story,
        "edepot-scr",
        "SCR",
        "E-depot en digitaal archief op orde",
        "bedrijfsvoering",
        ("2026-05-05", "MV"),
        ("2026-06-16", "MV", move("exploring")),
        ("2026-08-26", "MV", move("deciding")),
        (
            "2026-09-17",
            "MV",
            decide("db", "2026-09-15", "DB stemt in met aansluiting op het regionale e-depot."),
        ),
        ("2026-09-17", "MV", move("planned")),
        ("2026-10-15", "MV", link("r-edepot")),
        description="De archiefinspectie constateerde achterstanden; Schoonrade wil digitale "
        "dossiers duurzaam bewaren en op tijd overbrengen.",
        reason="law",
        priority="must",
        value=4,
        effort=150,
        wanted_by="2028-Q2",
        cost_once=20000,
        cost_yearly=6000,
        funding="shared",
        tags=["archief"],
    )
    a(
        story,
        "copilot-lks",
        "LKS",
        "Pilot Copilot voor beleidsmedewerkers",
        "bedrijfsvoering",
        ("2026-06-08", "FE"),
        ("2026-06-22", "FE", move("exploring")),
        ("2026-09-01", "FE", move("deciding")),
        (
            "2026-09-24",
            "MV",
            decide(
                "steering",
                "2026-09-22",
                "Stuurgroep: pilot met 25 "
                "licenties, onder voorwaarde van een DPIA en het AI-register.",
            ),
        ),
        ("2026-09-24", "MV", move("planned")),
        ("2026-09-25", "FE", link("r-copilot")),
        description="Beleidsmedewerkers willen generatieve AI gebruiken voor samenvattingen en "
        "eerste versies van nota's, binnen de afspraken over AI en privacy.",
        reason="coalition",
        priority="could",
        value=3,
        effort=80,
        wanted_by="2027-Q3",
        cost_once=5000,
        cost_yearly=18000,
        funding="own",
        tags=["ai", "copilot"],
    )
    a(
        story,
        "cloud-zdl",
        "ZDL",
        "Serverruimte Zuiderlek opheffen",
        "infrastructuur",
        ("2026-03-31", "PJ"),
        ("2026-04-21", "PJ", move("deciding")),
        (
            "2026-06-29",
            "MV",
            decide(
                "alv",
                "2026-06-25",
                "ALV stemt in met de begroting 2027, inclusief de exit uit de eigen serverruimtes.",
            ),
        ),
        ("2026-06-29", "MV", move("planned")),
        ("2026-10-14", "PJ", link("r-cloud")),
        description="De serverruimte van Zuiderlek moet weg voor de verbouwing; koeling en "
        "noodstroom zijn aan vervanging toe.",
        reason="replacement",
        priority="should",
        value=4,
        effort=180,
        wanted_by="2028-Q2",
        cost_once=35000,
        cost_yearly=20000,
        funding="shared",
        tags=["cloud", "hosting"],
    )
    alv_cloud = decide(
        "alv",
        "2026-06-25",
        "ALV stemt in met de begroting 2027, inclusief de exit uit de eigen serverruimtes.",
    )
    a(
        story,
        "cloud-lks",
        "LKS",
        "Applicaties van Lekstede naar de Nederlandse cloud",
        "infrastructuur",
        ("2026-04-16", "PJ"),
        ("2026-05-11", "PJ", move("deciding")),
        ("2026-06-29", "MV", alv_cloud),
        ("2026-06-29", "MV", move("planned")),
        ("2026-10-14", "PJ", link("r-cloud")),
        description="Veertig applicaties van Lekstede draaien nog op eigen servers; ze gaan mee "
        "in de gezamenlijke exit, te beginnen met de minst kritische.",
        reason="replacement",
        priority="should",
        value=4,
        effort=240,
        wanted_by="2028-Q2",
        cost_once=60000,
        cost_yearly=32000,
        funding="shared",
        tags=["cloud", "applicaties"],
    )
    a(
        story,
        "cloud-vlw",
        "VLW",
        "Fileservers en applicaties naar de cloud",
        "infrastructuur",
        ("2026-04-23", "PJ"),
        ("2026-05-11", "PJ", move("deciding")),
        ("2026-06-29", "MV", alv_cloud),
        ("2026-06-29", "MV", move("planned")),
        ("2026-10-14", "PJ", link("r-cloud", partial=True)),
        description="De fileservers en de meeste applicaties van Vlietwijk gaan naar de "
        "gezamenlijke cloud; over de GIS-servers beslist het AB apart.",
        reason="replacement",
        priority="should",
        value=3,
        effort=200,
        wanted_by="2028-Q2",
        cost_once=45000,
        cost_yearly=24000,
        funding="shared",
        tags=["cloud", "fileservers"],
    )
    a(
        story,
        "erp-vlw",
        "VLW",
        "Eén financieel pakket voor de hele samenwerking",
        "bedrijfsvoering",
        ("2026-05-28", "JL"),
        ("2026-07-09", "JL", move("exploring")),
        ("2026-09-01", "JL", move("deciding")),
        (
            "2026-09-30",
            "MV",
            decide(
                "db",
                "2026-09-29",
                "DB stemt in met één gezamenlijk financieel pakket; Vlietwijk gaat eerst over.",
            ),
        ),
        ("2026-10-01", "MV", move("planned")),
        ("2026-10-02", "JL", link("r-erp")),
        description="Vlietwijk wil dat de samenwerking en de gemeenten in één pakket boeken, zodat "
        "de verdeelsleutel niet meer met de hand wordt verrekend.",
        reason="own_wish",
        priority="should",
        value=4,
        effort=260,
        wanted_by="2028-Q2",
        cost_once=50000,
        cost_yearly=18000,
        funding="shared",
        tags=["financien", "verdeelsleutel"],
    )
    a(
        story,
        "soc-vlw",
        "VLW",
        "24/7 monitoring van beveiligingsincidenten",
        "informatiebeveiliging",
        ("2026-04-02", "FE"),
        ("2026-05-18", "FE", move("deciding")),
        (
            "2026-06-18",
            "MV",
            decide(
                "steering", "2026-06-16", "Stuurgroep stemt in met een gezamenlijk SOC vanaf 2027."
            ),
        ),
        ("2026-06-18", "MV", move("planned")),
        ("2026-09-29", "FE", link("r-soc")),
        description="Na het ransomware-incident bij een buurgemeente wil Vlietwijk dat "
        "verdachte activiteit ook 's nachts en in het weekend wordt opgemerkt.",
        reason="law",
        priority="must",
        value=4,
        effort=60,
        wanted_by="2028-Q2",
        cost_once=5000,
        cost_yearly=18000,
        funding="shared",
        tags=["soc", "bio", "nis2"],
    )
    a(
        story,
        "mor-lks",
        "LKS",
        "Meldingen openbare ruimte met foto en terugkoppeling",
        "dienstverlening",
        ("2026-04-13", "SB"),
        ("2026-05-12", "SB", move("exploring")),
        ("2026-06-09", "SB", move("deciding")),
        (
            "2026-07-02",
            "MV",
            decide(
                "ab",
                "2026-07-01",
                "AB stemt in met vernieuwing van "
                "meldingen openbare ruimte als onderdeel van de roadmap.",
            ),
        ),
        ("2026-07-02", "MV", move("planned")),
        ("2026-10-15", "SB", link("r-mor")),
        description="Inwoners melden losliggende stoeptegels en zwerfafval met foto en locatie, "
        "en horen wanneer het is opgelost.",
        reason="coalition",
        priority="should",
        value=4,
        effort=120,
        wanted_by="2028-Q1",
        cost_once=12000,
        cost_yearly=5000,
        funding="shared",
        tags=["meldingen", "openbare-ruimte"],
    )
    a(
        story,
        "sso-hgw",
        "HGW",
        "Eén account voor alle applicaties (single sign-on)",
        "informatiebeveiliging",
        ("2026-05-20", "FE"),
        ("2026-06-17", "FE", move("deciding")),
        (
            "2026-07-02",
            "MV",
            decide(
                "ab", "2026-07-01", "AB stemt in met IAM als onderdeel van de roadmap 2026–2028."
            ),
        ),
        ("2026-07-02", "MV", move("planned")),
        ("2026-09-30", "FE", link("r-iam")),
        description="Medewerkers hebben tot twaalf wachtwoorden; bij uit dienst gaan blijven "
        "accounts te lang actief.",
        reason="own_wish",
        priority="should",
        value=3,
        effort=90,
        wanted_by="2028-Q1",
        cost_once=10000,
        cost_yearly=4000,
        funding="shared",
        tags=["iam", "sso"],
    )

    # ---- in progress ---------------------------------------------------------------------------
    a(
        story,
        "win11-vlw",
        "VLW",
        "Windows 11 op alle werkplekken",
        "werkplek",
        ("2026-03-16", "PJ"),
        (
            "2026-06-04",
            "PJ",
            decide(
                "db",
                "2026-06-02",
                "DB: uitrol volgens de planning van de samenwerking, Vlietwijk als eerste.",
            ),
        ),
        ("2026-06-04", "PJ", move("planned")),
        ("2026-07-07", "PJ", link("r-win11")),
        ("2026-09-14", "PJ", move("in_progress")),
        description="Windows 10 is niet meer ondersteund; 450 werkplekken in Vlietwijk moeten "
        "over, inclusief de raadzaal.",
        reason="replacement",
        priority="must",
        value=4,
        effort=200,
        wanted_by="2027-Q1",
        cost_once=30000,
        funding="shared",
        tags=["windows", "werkplek"],
    )
    a(
        story,
        "teams-lks",
        "LKS",
        "Teams-telefonie in plaats van de oude telefooncentrale",
        "infrastructuur",
        ("2026-03-19", "PJ"),
        ("2026-04-16", "PJ", move("exploring")),
        ("2026-06-11", "PJ", move("planned")),
        ("2026-07-07", "PJ", link("r-teams")),
        ("2026-09-21", "PJ", move("in_progress")),
        description="De telefooncentrale van Lekstede is einde levensduur; het KCC heeft "
        "wachtrijen en terugbelverzoeken nodig.",
        reason="replacement",
        priority="must",
        value=4,
        effort=150,
        wanted_by="2027-Q1",
        cost_once=25000,
        cost_yearly=14000,
        funding="shared",
        tags=["telefonie", "teams"],
    )
    a(
        story,
        "wifi-ams",
        "AMS",
        "Wifi in het gemeentehuis vernieuwen",
        "infrastructuur",
        ("2026-03-25", "PJ"),
        ("2026-06-10", "PJ", move("planned")),
        ("2026-07-03", "PJ", link("r-netwerk")),
        ("2026-10-06", "PJ", move("in_progress")),
        description="Raadsleden en bezoekers klagen over wegvallende wifi in de raadzaal en de "
        "publiekshal.",
        reason="replacement",
        priority="should",
        value=3,
        effort=80,
        wanted_by="2027-Q2",
        cost_once=28000,
        cost_yearly=2000,
        funding="shared",
        tags=["wifi", "netwerk"],
    )
    a(
        story,
        "woo-hgw",
        "HGW",
        "Actief openbaar maken volgens de Woo",
        "dienstverlening",
        ("2026-03-17", "SB"),
        ("2026-05-06", "SB", move("planned")),
        ("2026-07-03", "SB", link("r-woo")),
        ("2026-09-02", "SB", move("in_progress")),
        description="De Woo verplicht actieve openbaarmaking van onder meer raadsstukken, "
        "convenanten en subsidiebesluiten.",
        reason="law",
        priority="must",
        value=4,
        effort=100,
        wanted_by="2027-Q1",
        cost_once=8000,
        cost_yearly=3000,
        funding="shared",
        tags=["woo", "openbaarheid"],
    )
    a(
        story,
        "eherkenning-scr",
        "SCR",
        "eHerkenning en DigiD Machtigen op alle e-diensten",
        "dienstverlening",
        ("2026-04-23", "SB"),
        ("2026-06-03", "SB", move("planned")),
        ("2026-07-06", "SB", link("r-wdo")),
        ("2026-10-07", "SB", move("in_progress")),
        description="Ondernemers kunnen nog niet alle e-diensten met eHerkenning gebruiken; "
        "mantelzorgers willen namens een ander aanvragen.",
        reason="law",
        priority="must",
        value=4,
        effort=60,
        wanted_by="2027-Q2",
        cost_once=4000,
        cost_yearly=2500,
        funding="shared",
        tags=["wdo", "e-diensten"],
    )
    a(
        story,
        "api-lks",
        "LKS",
        "Koppelingen via API's in plaats van bestandsuitwisseling",
        "common-ground",
        ("2026-03-26", "JL"),
        ("2026-05-19", "JL", move("planned")),
        ("2026-07-06", "JL", link("r-gateway")),
        ("2026-10-12", "JL", move("in_progress")),
        description="Lekstede heeft 34 nachtelijke bestandskoppelingen; de eerste tien gaan over "
        "naar API's via de nieuwe gateway.",
        reason="own_wish",
        priority="should",
        value=4,
        effort=160,
        wanted_by="2027-Q3",
        cost_once=15000,
        cost_yearly=6000,
        funding="shared",
        tags=["api", "common-ground"],
    )
    a(
        story,
        "aanbesteding-zdl",
        "ZDL",
        "Meedoen aan de aanbesteding zaaksysteem",
        "zaakgericht",
        ("2026-05-13", "JL"),
        ("2026-06-02", "JL", move("planned")),
        ("2026-07-06", "JL", link("r-aanbesteding")),
        ("2026-09-07", "JL", move("in_progress")),
        description="Zuiderlek heeft een eigen contract tot 2028 maar wil in de mantelovereenkomst "
        "van de gezamenlijke aanbesteding zitten.",
        reason="replacement",
        priority="must",
        value=4,
        effort=60,
        wanted_by="2026-Q4",
        cost_once=5000,
        funding="shared",
        tags=["zaaksysteem", "aanbesteding"],
    )
    a(
        story,
        "intranet-hgw",
        "HGW",
        "Nieuw intranet op SharePoint",
        "bedrijfsvoering",
        ("2026-04-29", "SB"),
        ("2026-06-15", "SB", move("planned")),
        ("2026-09-28", "SB", move("in_progress")),
        description="Het oude intranet wordt niet meer onderhouden; de afdeling communicatie "
        "van Hoogwaard is al begonnen met een SharePoint-site.",
        reason="replacement",
        priority="should",
        value=3,
        effort=90,
        wanted_by="2027-Q1",
        cost_once=12000,
        funding="own",
        tags=["intranet", "m365"],
    )

    # ---- done ----------------------------------------------------------------------------------
    mfa_decision = decide(
        "steering",
        "2026-04-09",
        "Stuurgroep: MFA verplicht voor alle accounts vóór 1 oktober 2026.",
    )
    a(
        story,
        "mfa-lks",
        "LKS",
        "Tweestapsverificatie voor alle medewerkers",
        "informatiebeveiliging",
        ("2026-03-05", "FE"),
        ("2026-04-10", "FE", mfa_decision),
        ("2026-04-14", "FE", move("planned")),
        ("2026-07-03", "FE", link("r-mfa")),
        ("2026-07-06", "FE", move("in_progress")),
        ("2026-09-29", "FE", move("done")),
        description="Na een phishingincident wil Lekstede dat niemand meer alleen met een "
        "wachtwoord inlogt.",
        reason="law",
        priority="must",
        value=5,
        effort=60,
        wanted_by="2026-Q3",
        cost_once=2000,
        cost_yearly=3000,
        funding="shared",
        tags=["mfa", "bio"],
    )
    a(
        story,
        "mfa-vlw",
        "VLW",
        "MFA ook voor raadsleden en thuiswerkers",
        "informatiebeveiliging",
        ("2026-03-20", "FE"),
        ("2026-04-14", "FE", move("planned")),
        ("2026-07-03", "FE", link("r-mfa")),
        ("2026-07-06", "FE", move("in_progress")),
        ("2026-10-01", "FE", move("done")),
        description="Raadsleden en thuiswerkers loggen in van buiten; ook zij moeten "
        "tweestapsverificatie gebruiken.",
        reason="own_wish",
        priority="must",
        value=4,
        effort=40,
        wanted_by="2026-Q4",
        cost_once=1000,
        funding="shared",
        tags=["mfa", "raad"],
    )
    a(
        story,
        "vergunningcheck-ams",
        "AMS",
        "Vergunningcheck in het Omgevingsloket op orde",
        "omgevingswet",
        ("2026-03-24", "SB"),
        ("2026-05-06", "SB", move("planned")),
        ("2026-07-03", "SB", link("r-dso")),
        ("2026-07-08", "SB", move("in_progress")),
        ("2026-10-02", "SB", move("done")),
        description="De vergunningcheck geeft voor dakkapellen in Ammersloot verkeerde "
        "antwoorden; de toepasbare regels moeten worden bijgewerkt.",
        reason="law",
        priority="must",
        value=4,
        effort=80,
        wanted_by="2026-Q3",
        cost_once=6000,
        funding="shared",
        tags=["omgevingswet", "dso"],
    )
    a(
        story,
        "regels-hgw",
        "HGW",
        "Toepasbare regels voor kappen en uitritten",
        "omgevingswet",
        ("2026-04-02", "SB"),
        ("2026-05-06", "SB", move("planned")),
        ("2026-07-03", "SB", link("r-dso")),
        ("2026-07-08", "SB", move("in_progress")),
        ("2026-10-05", "SB", move("done")),
        description="Hoogwaard wil dat inwoners voor kappen en uitritten direct zien of een "
        "vergunning nodig is.",
        reason="own_wish",
        priority="should",
        value=3,
        effort=40,
        wanted_by="2026-Q4",
        cost_once=3000,
        funding="own",
        tags=["omgevingswet", "dso"],
    )
    a(
        story,
        "omgevingsloket-hgw",
        "HGW",
        "Aanvragen uit het Omgevingsloket automatisch in het zaaksysteem",
        "omgevingswet",
        ("2026-04-02", "JL"),
        ("2026-05-20", "JL", move("planned")),
        ("2026-07-03", "JL", link("r-dso", partial=True)),
        ("2026-07-13", "JL", move("in_progress")),
        ("2026-10-05", "JL", move("done")),
        description="Aanvragen worden nu handmatig overgetypt; ze moeten als zaak binnenkomen "
        "met alle bijlagen.",
        reason="own_wish",
        priority="should",
        value=4,
        effort=60,
        wanted_by="2026-Q4",
        cost_once=5000,
        cost_yearly=1200,
        funding="own",
        tags=["omgevingswet", "zaaksysteem"],
    )
    a(
        story,
        "brp-scr",
        "SCR",
        "BRP-gegevens via API in plaats van een GBA-V-kopie",
        "basisregistraties",
        ("2026-03-24", "JL"),
        ("2026-05-13", "JL", move("planned")),
        ("2026-07-06", "JL", link("r-brp")),
        ("2026-07-09", "JL", move("in_progress")),
        ("2026-11-18", "JL", move("done")),
        description="Schoonrade houdt nog een lokale kopie van de BRP bij; die moet weg volgens "
        "de Common Ground-standaard.",
        reason="own_wish",
        priority="must",
        value=4,
        effort=50,
        wanted_by="2026-Q4",
        cost_once=4000,
        cost_yearly=1000,
        funding="shared",
        tags=["brp", "haal-centraal"],
    )
    a(
        story,
        "brp-zdl",
        "ZDL",
        "Haal Centraal BRP voor de belastingapplicatie",
        "basisregistraties",
        ("2026-04-15", "JL"),
        ("2026-05-13", "JL", move("planned")),
        ("2026-07-06", "JL", link("r-brp")),
        ("2026-09-01", "JL", move("in_progress")),
        ("2026-11-19", "JL", move("done")),
        description="De belastingapplicatie van Zuiderlek las persoonsgegevens uit een eigen "
        "kopie; nu via de API.",
        reason="own_wish",
        priority="should",
        value=3,
        effort=40,
        wanted_by="2027-Q1",
        cost_once=3000,
        funding="shared",
        tags=["brp", "haal-centraal", "belastingen"],
    )
    a(
        story,
        "teams-raad-lks",
        "LKS",
        "Teams-vergaderen in de raadzaal",
        "infrastructuur",
        ("2026-04-20", "PJ"),
        ("2026-06-11", "PJ", move("planned")),
        ("2026-07-07", "PJ", link("r-teams", partial=True)),
        ("2026-08-03", "PJ", move("in_progress")),
        ("2026-10-20", "PJ", move("done")),
        description="Commissievergaderingen in Lekstede worden hybride; deelnemers op afstand "
        "moeten via Teams kunnen inspreken.",
        reason="own_wish",
        priority="should",
        value=3,
        effort=40,
        wanted_by="2027-Q1",
        cost_once=18000,
        funding="own",
        tags=["raad", "teams", "vergaderen"],
    )
    a(
        story,
        "selfservice-vlw",
        "VLW",
        "Selfserviceportaal voor de servicedesk",
        "werkplek",
        ("2026-03-19", "PJ"),
        ("2026-05-04", "PJ", move("planned")),
        ("2026-07-03", "PJ", link("r-selfservice")),
        ("2026-07-06", "PJ", move("in_progress")),
        ("2026-09-28", "PJ", move("done")),
        description="Medewerkers van Vlietwijk willen storingen melden en de status volgen "
        "zonder te bellen.",
        reason="own_wish",
        priority="could",
        value=3,
        effort=30,
        wanted_by="2026-Q4",
        funding="shared",
        tags=["servicedesk"],
    )
    a(
        story,
        "hello-ams",
        "AMS",
        "Wachtwoordloos inloggen met Windows Hello",
        "werkplek",
        ("2026-05-12", "PJ"),
        ("2026-06-10", "PJ", move("planned")),
        ("2026-07-07", "PJ", link("r-win11", partial=True)),
        ("2026-09-07", "PJ", move("in_progress")),
        ("2026-11-09", "PJ", move("done")),
        description="Inloggen met gezichtsherkenning of pincode in plaats van wachtwoorden; "
        "meegenomen in de Windows 11-uitrol van Ammersloot.",
        reason="own_wish",
        priority="could",
        value=3,
        effort=30,
        wanted_by="2027-Q1",
        funding="shared",
        tags=["werkplek", "mfa"],
    )

    # ---- parked --------------------------------------------------------------------------------
    a(
        story,
        "app-lks",
        "LKS",
        "Eigen app voor inwoners",
        "dienstverlening",
        ("2026-04-02", "SB"),
        ("2026-04-20", "SB", move("exploring")),
        (
            "2026-09-18",
            "SB",
            move(
                "parked",
                reason="Roadmapitem inwonersapp geschrapt (DB 15-09); opnieuw bekijken na "
                "livegang van het nieuwe websiteplatform.",
                review="2027-10-01",
            ),
        ),
        description="Het college wil een app met afvalkalender, meldingen en nieuws.",
        reason="coalition",
        priority="could",
        value=2,
        effort=200,
        wanted_by="2027-Q4",
        cost_once=60000,
        cost_yearly=15000,
        tags=["app", "mobiel"],
    )
    a(
        story,
        "drones-vlw",
        "VLW",
        "Drones voor inspecties in de openbare ruimte",
        "basisregistraties",
        ("2026-06-04", "JL"),
        (
            "2026-10-09",
            "JL",
            move(
                "parked",
                reason="Eerst regionale afspraken over drones en privacy afwachten.",
                review="2027-06-01",
            ),
        ),
        description="Daken, bruggen en groen inspecteren met drones; beelden koppelen aan de BGT.",
        reason="own_wish",
        priority="could",
        value=2,
        effort=60,
        wanted_by="2027-Q4",
        cost_once=12000,
        cost_yearly=2000,
        funding="own",
        tags=["drones", "openbare-ruimte"],
    )
    a(
        story,
        "lantaarn-ams",
        "AMS",
        "Slimme lantaarnpalen uitlezen",
        "basisregistraties",
        ("2026-05-04", "JL"),
        (
            "2026-09-10",
            "JL",
            move(
                "parked",
                reason="Wachten op de uitkomst van de pilot van de provincie; in november "
                "opnieuw bekijken.",
                review="2026-11-01",
            ),
        ),
        description="De nieuwe ledverlichting heeft sensoren; Ammersloot wil storingen en "
        "verbruik automatisch binnenkrijgen.",
        reason="own_wish",
        priority="could",
        value=2,
        effort=50,
        wanted_by="2027-Q4",
        cost_once=9000,
        cost_yearly=1500,
        tags=["iot", "openbare-ruimte"],
    )
    a(
        story,
        "kcc-hgw",
        "HGW",
        "Gezamenlijk klantcontactcentrum met de buurgemeenten",
        "dienstverlening",
        ("2026-05-27", "SB"),
        ("2026-07-14", "SB", move("exploring")),
        (
            "2026-10-26",
            "SB",
            move(
                "parked",
                reason="Eerst het gezamenlijke KCS; daarna de organisatievraag.",
                review="2027-09-01",
            ),
        ),
        description="Hoogwaard verkent één KCC voor drie gemeenten om openingstijden te verruimen.",
        reason="own_wish",
        priority="could",
        value=3,
        effort=300,
        wanted_by="2028-Q2",
        cost_once=30000,
        cost_yearly=12000,
        tags=["klantcontactcentrum", "regio"],
    )
    a(
        story,
        "rpa-zdl",
        "ZDL",
        "Facturen automatisch verwerken met robots",
        "bedrijfsvoering",
        ("2026-06-30", "JL"),
        (
            "2026-10-13",
            "JL",
            move(
                "parked",
                reason="Eerst het nieuwe financieel pakket; daarna opnieuw bekijken.",
                review="2027-04-01",
            ),
        ),
        description="De crediteurenadministratie typt facturen over; een robot zou 80% kunnen "
        "verwerken.",
        reason="own_wish",
        priority="could",
        value=2,
        effort=80,
        wanted_by="2027-Q4",
        cost_once=10000,
        cost_yearly=4000,
        funding="own",
        tags=["financien", "automatisering"],
    )

    # ---- rejected ------------------------------------------------------------------------------
    a(
        story,
        "mac-scr",
        "SCR",
        "Mac-werkplekken voor de afdeling communicatie",
        "werkplek",
        ("2026-05-13", "SB"),
        ("2026-06-01", "SB", move("exploring")),
        ("2026-09-01", "PJ", move("deciding")),
        (
            "2026-09-17",
            "MV",
            decide(
                "db",
                "2026-09-15",
                "DB houdt vast aan de standaardwerkplek; ontwerpsoftware draait op Windows.",
            ),
        ),
        (
            "2026-09-17",
            "MV",
            move(
                "rejected",
                reason="Strijdig met de standaardwerkplek; beheer van macOS valt buiten "
                "het dienstenpakket (DB 15-09).",
            ),
        ),
        description="Vier medewerkers communicatie willen op een Mac werken voor vormgeving en "
        "video.",
        reason="own_wish",
        priority="could",
        value=1,
        effort=40,
        wanted_by="2027-Q1",
        cost_once=14000,
        funding="own",
        conflicts=["s-windows"],
        tags=["mac", "werkplek"],
    )
    a(
        story,
        "brp-kopie-lks",
        "LKS",
        "Lokale kopie van de BRP voor het datateam",
        "basisregistraties",
        ("2026-06-16", "JL"),
        ("2026-08-18", "JL", move("deciding")),
        (
            "2026-09-24",
            "MV",
            decide(
                "steering",
                "2026-09-22",
                "Stuurgroep: geen nieuwe kopieën van de BRP; gebruik de Haal Centraal-API.",
            ),
        ),
        (
            "2026-09-24",
            "MV",
            move("rejected", reason="Strijdig met de Common Ground-standaard (stuurgroep 22-09)."),
        ),
        description="Het datateam van Lekstede wil een dagelijkse kopie van de BRP voor analyses.",
        reason="own_wish",
        priority="could",
        value=2,
        effort=80,
        wanted_by="2027-Q1",
        cost_once=6000,
        funding="own",
        conflicts=["s-api"],
        tags=["data", "brp"],
    )
    a(
        story,
        "serverruimte-vlw",
        "VLW",
        "Eigen serverruimte behouden voor GIS-toepassingen",
        "infrastructuur",
        ("2026-06-23", "PJ"),
        ("2026-09-08", "PJ", move("deciding")),
        (
            "2026-10-09",
            "MV",
            decide(
                "ab",
                "2026-10-07",
                "AB houdt vast aan de exit uit de eigen serverruimtes; GIS gaat mee naar de cloud.",
            ),
        ),
        (
            "2026-10-09",
            "MV",
            move("rejected", reason="Strijdig met de hostingstandaard (AB 07-10)."),
        ),
        description="De GIS-afdeling van Vlietwijk wil haar zware servers lokaal houden.",
        reason="own_wish",
        priority="could",
        value=2,
        effort=40,
        wanted_by="2027-Q2",
        funding="own",
        conflicts=["s-cloud"],
        tags=["gis", "hosting"],
    )
    a(
        story,
        "facebook-hgw",
        "HGW",
        "Facebook Messenger als officieel meldkanaal",
        "dienstverlening",
        ("2026-08-27", "SB"),
        (
            "2026-10-01",
            "SB",
            move(
                "rejected",
                reason="Gegevens van inwoners zouden bij Meta terechtkomen (AVG, BIO); "
                "niet toegestaan als officieel kanaal.",
            ),
        ),
        description="Inwoners sturen nu al meldingen via Messenger; de afdeling communicatie wil "
        "dat officieel maken.",
        reason="own_wish",
        priority="could",
        value=1,
        effort=30,
        wanted_by="2027-Q1",
        tags=["kanalen", "social-media"],
    )
    a(
        story,
        "mailserver-zdl",
        "ZDL",
        "Eigen mailserver voor de gemeenteraad",
        "infrastructuur",
        ("2026-07-21", "PJ"),
        (
            "2026-09-08",
            "PJ",
            move(
                "rejected",
                reason="Mail loopt via Microsoft 365 van de samenwerking; een aparte "
                "server is een beveiligingsrisico.",
            ),
        ),
        description="Enkele raadsleden willen een mailadres buiten de gemeentelijke omgeving.",
        reason="own_wish",
        priority="wont",
        value=1,
        effort=30,
        wanted_by="2027-Q1",
        tags=["raad", "mail"],
    )

    # ---- withdrawn -----------------------------------------------------------------------------
    a(
        story,
        "boa-tablet-ams",
        "AMS",
        "Tablet-app voor wijkboa's",
        "werkplek",
        ("2026-05-21", "PJ"),
        (
            "2026-09-03",
            "PJ",
            move(
                "withdrawn",
                reason="Ammersloot sluit aan bij de regionale boa-pool, die eigen "
                "apparatuur levert.",
            ),
        ),
        description="Wijkboa's willen bonnen en waarschuwingen op straat registreren.",
        reason="own_wish",
        priority="should",
        value=3,
        effort=60,
        wanted_by="2027-Q1",
        cost_once=9000,
        funding="own",
        tags=["boa", "handhaving"],
    )
    a(
        story,
        "centrale-scr",
        "SCR",
        "Telefooncentrale Schoonrade vervangen",
        "infrastructuur",
        ("2026-03-30", "PJ"),
        (
            "2026-09-09",
            "PJ",
            move(
                "withdrawn", reason="Meegenomen in de gezamenlijke overstap naar Teams-telefonie."
            ),
        ),
        description="De centrale van Schoonrade is in 2019 voor het laatst vervangen.",
        reason="replacement",
        priority="should",
        value=3,
        effort=80,
        wanted_by="2027-Q1",
        cost_once=30000,
        funding="own",
        tags=["telefonie"],
    )
    a(
        story,
        "bijstand-lks",
        "LKS",
        "Eigen aanvraagformulier bijzondere bijstand",
        "sociaal",
        ("2026-06-01", "JL"),
        (
            "2026-10-22",
            "JL",
            move("withdrawn", reason="De leverancier levert het formulier in de nieuwe release."),
        ),
        description="Een digitaal formulier met DigiD dat direct een zaak aanmaakt.",
        reason="own_wish",
        priority="should",
        value=3,
        effort=50,
        wanted_by="2027-Q1",
        cost_once=5000,
        funding="own",
        tags=["sociaal-domein", "e-diensten"],
    )

    # ---- solved locally ------------------------------------------------------------------------
    a(
        story,
        "schermen-vlw",
        "VLW",
        "Informatieschermen in de publiekshal",
        "dienstverlening",
        ("2026-06-11", "SB"),
        (
            "2026-09-25",
            "SB",
            move("local", reason="Opgelost door de afdeling communicatie met een eigen contract."),
        ),
        description="Schermen met wachtrij-informatie en nieuws in de hal van het gemeentehuis.",
        reason="own_wish",
        priority="could",
        value=2,
        effort=20,
        wanted_by="2027-Q1",
        cost_once=7000,
        funding="own",
        tags=["publiekshal"],
    )
    a(
        story,
        "camera-hgw",
        "HGW",
        "Camerabeelden handhaving lokaal opslaan",
        "informatiebeveiliging",
        ("2026-07-29", "FE"),
        ("2026-09-16", "FE", move("deciding")),
        (
            "2026-10-22",
            "MV",
            decide(
                "steering",
                "2026-10-20",
                "Stuurgroep staat een uitzondering "
                "op de hostingstandaard toe tot 2028; beelden maximaal 28 "
                "dagen lokaal.",
            ),
        ),
        (
            "2026-10-22",
            "MV",
            move("local", reason="Hoogwaard regelt de opslag zelf binnen de uitzondering."),
        ),
        description="Beelden van de cameratoezicht-locaties mogen volgens de burgemeester niet "
        "buiten het gemeentehuis worden opgeslagen.",
        reason="law",
        priority="must",
        value=3,
        effort=40,
        wanted_by="2027-Q1",
        cost_once=11000,
        funding="own",
        conflicts=["s-cloud"],
        tags=["camera", "handhaving"],
    )
    a(
        story,
        "printer-zdl",
        "ZDL",
        "Werkbonnen printen op de werf",
        "werkplek",
        ("2026-07-02", "PJ"),
        (
            "2026-09-11",
            "PJ",
            move(
                "local", reason="Zelf aangeschaft; valt onder de printerdienst van de leverancier."
            ),
        ),
        description="De buitendienst wil werkbonnen op de werf kunnen printen.",
        reason="own_wish",
        priority="could",
        value=1,
        effort=10,
        wanted_by="2027-Q1",
        cost_once=800,
        funding="own",
        tags=["printen"],
    )
    a(
        story,
        "trouwen-scr",
        "SCR",
        "Trouwlocatie online reserveren",
        "dienstverlening",
        ("2026-06-17", "SB"),
        (
            "2026-10-16",
            "SB",
            move("local", reason="Opgelost met het bestaande afsprakensysteem van Schoonrade."),
        ),
        description="Bruidsparen willen datum en locatie zelf online vastleggen.",
        reason="own_wish",
        priority="could",
        value=2,
        effort=20,
        wanted_by="2027-Q1",
        funding="own",
        tags=["burgerzaken"],
    )


def build(seed: int = SEED) -> tuple[Board, dict[str, str]]:
    """The demo board and the key of every record by its slug in this script."""
    story = Story()
    setup(story)
    roadmap(story)
    ambitions(story)
    return story.play(Board(), seed)


# --- the deliberate misalignments, computed -----------------------------------------------------


def last_event(board: Board) -> dict[str, datetime]:
    last: dict[str, datetime] = {}
    for event in board.events.values():
        if event.record not in last or event.at > last[event.record]:
            last[event.record] = event.at
    return last


def quarter_load(board: Board) -> dict[str, float]:
    load = dict.fromkeys(QUARTERS, 0.0)
    for item in board.roadmap.values():
        if item.status is not RoadmapStatus.DROPPED:
            for quarter in item.quarters:
                if str(quarter) in load:
                    load[str(quarter)] += item.effort
    return load


def similar(one: str, two: str) -> float:
    return difflib.SequenceMatcher(None, one.casefold(), two.casefold()).ratio()


OPEN = frozenset(
    {Status.WISH, Status.EXPLORING, Status.DECIDING, Status.PLANNED, Status.IN_PROGRESS}
)


def _alike(one: Ambition, two: Ambition) -> bool:
    """Two municipalities asking for the same thing in one theme, not yet served together:
    similar titles (any status), or a shared tag (not just the theme's name) on two open cards
    of which at least one is unlinked."""
    if one.municipality == two.municipality or one.theme != two.theme:
        return False
    if set(one.linked) & set(two.linked):
        return False
    if similar(one.title, two.title) >= 0.6:
        return True
    both_open = one.status in OPEN and two.status in OPEN
    theme = _words(f"{one.theme} {DEFAULT_THEMES.get(one.theme or '', '')}")
    tags = {t for t in one.tags if not _words(t) <= theme} & set(two.tags)
    return both_open and bool(tags) and not (one.links and two.links)


def _words(text: str) -> set[str]:
    """Tags that only repeat the theme ("cloud" in Infrastructuur & cloud) say nothing more."""
    return {w for w in re.split(r"[^0-9a-z]+", text.casefold()) if w}


def findings(board: Board) -> dict[str, list[str]]:
    """Human ids of the records that make each misalignment (a)–(j), as computed from the board."""
    amb, road = board.ambitions, board.roadmap
    linked = {key for a in amb.values() for key in a.linked}
    out: dict[str, list[str]] = {}
    out["a"] = [
        k
        for k, a in amb.items()
        if a.status in (Status.PLANNED, Status.IN_PROGRESS) and not a.links
    ]
    out["b"] = [
        k for k, r in road.items() if k not in linked and r.status is not RoadmapStatus.DROPPED
    ]
    load = quarter_load(board)
    out["c"] = [
        q for q, total in load.items() if total > (board.capacity_for(Quarter.parse(q)) or 0)
    ]
    out["d"] = [k for k, a in amb.items() if a.conflicts and a.decision is None]
    pairs = {
        frozenset((k1, k2))
        for k1, a1 in amb.items()
        for k2, a2 in amb.items()
        if k1 < k2 and _alike(a1, a2)
    }
    out["e"] = sorted({k for pair in pairs for k in pair})
    out["f"] = [
        k for k, a in amb.items() if a.status is Status.PARKED and a.review and a.review < TODAY
    ]
    out["g"] = [
        k
        for k, r in road.items()
        for dep in r.depends_on
        if road[dep].status is not RoadmapStatus.DROPPED and r.start <= road[dep].end
    ]
    out["h"] = [
        k
        for k, a in amb.items()
        for ref in a.linked
        if a.wanted_by is not None and a.wanted_by < road[ref].end
    ]
    out["i"] = [
        k
        for k, r in road.items()
        if any(road[d].status is RoadmapStatus.DROPPED for d in r.depends_on)
    ]
    last = last_event(board)
    out["j"] = [k for k in amb if last[k].date() < STALE_BEFORE]
    return {letter: sorted(_ident(letter, k) for k in keys) for letter, keys in out.items()}


ROADMAP_LETTERS = frozenset("bgi")


def _ident(letter: str, key: str) -> str:
    if letter == "c":
        return key
    return human_id("roadmap" if letter in ROADMAP_LETTERS else "ambitions", key)


EXPECTED = {
    "a": ["ris-vlw", "printers-ams", "intranet-hgw"],
    "b": ["r-rpa", "r-cbw", "r-laptops"],
    "c": ["2027-Q3"],
    "d": ["ipad-hgw"],
    "e": ["chatbot-lks", "chatbot-vlw", "chatbot-scr"],
    "f": ["lantaarn-ams"],
    "g": ["r-kcs"],
    "h": ["zaak-ams"],
    "i": ["r-mor"],
    "j": ["vergadersysteem-hgw", "bag-zdl"],
}
"""Which records (by slug) must make each misalignment, and no others."""


def check(board: Board, keys: dict[str, str]) -> dict[str, list[str]]:
    """Fail loudly when the board does not carry exactly the intended misalignments."""
    found = findings(board)
    for letter, slugs in EXPECTED.items():
        want = sorted(_ident(letter, keys.get(s, s)) for s in slugs)
        if found[letter] != want:
            raise SystemExit(f"misalignment ({letter}): expected {want}, found {found[letter]}")
    statuses = {a.status for a in board.ambitions.values()}
    missing = set(Status) - statuses
    if missing:
        raise SystemExit(f"no card in status {sorted(missing)}")
    if set(board.capacity) != set(QUARTERS):
        raise SystemExit("capacity must cover exactly the eight roadmap quarters")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", nargs="?", default=str(DEFAULT_OUTPUT), help="board file")
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing")
    args = parser.parse_args(argv)
    board, keys = build()
    found = check(board, keys)
    path = Path(args.output)
    path.unlink(missing_ok=True)
    BoardStore(path).create(board)
    if not args.quiet:
        print(
            f"wrote {path}: {len(board.ambitions)} ambitions, {len(board.roadmap)} roadmap items,"
            f" {len(board.events)} events"
        )
        for letter, ids in found.items():
            print(f"({letter}) " + "; ".join(f"{i} {_title(board, i)}".strip() for i in ids))
    return 0


def _title(board: Board, ident: str) -> str:
    if ident.startswith("A-"):
        return board.ambitions[ident[2:]].title
    if ident.startswith("R-"):
        return board.roadmap[ident[2:]].title
    return ""


if __name__ == "__main__":
    sys.exit(main())
