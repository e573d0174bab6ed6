"""The command line's own words in Dutch: argparse's sentences (`usage:`, `the following
arguments are required`) and every help text of `regietui --help`.

argparse words its sentences through gettext (`argparse._`, `argparse.ngettext`); `worded(lang)`
points those at this table while a parser parses or prints help, the gettext way: the English
text is the message id. Help texts are English where the parser is built and worded when shown
(`Formatter`), so one parser serves both languages.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
from collections.abc import Iterator, Sequence
from typing import Any

ARGPARSE_NL: dict[str, str] = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "show this help message and exit": "toon deze hulp en stop",
    "the following arguments are required: %s": "deze argumenten zijn verplicht: %s",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "ongeldige keuze: %(value)r (kies uit %(choices)s)"
    ),
    "invalid %(type)s value: %(value)r": "ongeldige waarde voor %(type)s: %(value)r",
    "expected one argument": "verwacht één argument",
    "expected at most one argument": "verwacht hoogstens één argument",
    "expected at least one argument": "verwacht minstens één argument",
    "expected %s argument": "verwacht %s argument",
    "expected %s arguments": "verwacht %s argumenten",
    "ambiguous option: %(option)s could match %(matches)s": (
        "dubbelzinnige optie: %(option)s kan %(matches)s zijn"
    ),
    "not allowed with argument %s": "niet toegestaan samen met argument %s",
    "ignored explicit argument %r": "expliciet argument %r genegeerd",
    "one of the arguments %s is required": "een van de argumenten %s is verplicht",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
}
"""argparse's message ids (Python 3.11) → Dutch."""

HELP_NL: dict[str, str] = {
    "Ambitions of municipalities beside the cooperative's roadmap. Without a command, opens the"
    " board in the terminal UI.": (
        "Ambities van gemeenten naast de roadmap van het samenwerkingsverband. Zonder opdracht"
        " opent het bord in de terminal."
    ),
    "Open a board in the terminal UI.": "Een bord openen in de terminal.",
    "board file (default as for -b)": "bordbestand (standaard zoals bij -b)",
    "language of the interface": "taal van de interface",
    "create an empty board with the standard themes": "een leeg bord maken met de standaardthema's",
    "check a board file; exit 1 with the place of the problem": (
        "een bordbestand controleren; exit 1 met de plaats van het probleem"
    ),
    "add an ambition; prints its id": "een ambitie toevoegen; toont de id",
    "change fields of an ambition": "velden van een ambitie wijzigen",
    "move an ambition to another status": "een ambitie naar een andere status verplaatsen",
    "link an ambition to a roadmap item": "een ambitie aan een roadmapitem koppelen",
    "remove a link": "een koppeling verwijderen",
    "record a decision on an ambition": "een besluit over een ambitie vastleggen",
    "delete an ambition, roadmap item or standard nobody uses": (
        "een ambitie, roadmapitem of standaard verwijderen die niemand gebruikt"
    ),
    "show one ambition, roadmap item or standard with its history": (
        "één ambitie, roadmapitem of standaard tonen, met de geschiedenis"
    ),
    "list ambitions": "ambities opsommen",
    "what changed since a git revision or a date, in words": (
        "wat er veranderde sinds een git-revisie of een datum, in woorden"
    ),
    "the history of one ambition or roadmap item": (
        "de geschiedenis van één ambitie of roadmapitem"
    ),
    "rebuild a board left with git conflict markers": (
        "een bord met git-conflictmarkeringen opnieuw opbouwen"
    ),
    "list where ambitions, roadmap and capacity don't align": (
        "opsommen waar ambities, roadmap en capaciteit niet op elkaar aansluiten"
    ),
    "steering-committee report (Markdown) or an export": (
        "stuurgroeprapportage (Markdown) of een export"
    ),
    "add or change ambitions from a CSV or TOML file": (
        "ambities toevoegen of wijzigen uit een CSV- of TOML-bestand"
    ),
    "what git calls to merge boards (see `git setup`)": (
        "wat git aanroept om borden samen te voegen (zie `git setup`)"
    ),
    "git integration": "koppeling met git",
    "the cooperative's roadmap items": "de roadmapitems van het samenwerkingsverband",
    "participating municipalities": "deelnemende gemeenten",
    "the cooperative's standards": "de standaarden van het samenwerkingsverband",
    "themes (GEMMA-like categories)": "thema's (indeling zoals GEMMA)",
    "capacity of the cooperative per quarter": (
        "capaciteit van het samenwerkingsverband per kwartaal"
    ),
    "what-if scenarios over the plan": "wat-als-scenario's naast het plan",
    "board file (default: $REGIETUI_BOARD, else the one in ./boards/)": (
        "bordbestand (standaard: $REGIETUI_BOARD, anders het bord in ./boards/)"
    ),
    "language of what it prints (default: settings, LANG)": (
        "taal van de uitvoer (standaard: instellingen, LANG)"
    ),
    "name of the cooperative": "naam van het samenwerkingsverband",
    "municipality (CBS code GM0000, short tag or name)": (
        "gemeente (CBS-code GM0000, afkorting of naam)"
    ),
    "title": "titel",
    "description": "omschrijving",
    "theme (key or name)": "thema (sleutel of naam)",
    "status: wish exploring deciding planned in_progress done parked rejected withdrawn local": (
        "status: wish exploring deciding planned in_progress done parked rejected withdrawn local"
        " (wens, verkennen, ter besluitvorming, gepland, in uitvoering, gereed, geparkeerd,"
        " afgewezen, ingetrokken, lokaal opgelost)"
    ),
    "MoSCoW: must should could wont": "MoSCoW: must should could wont",
    "why: law coalition replacement own_wish": (
        "aanleiding: law coalition replacement own_wish (wet, coalitieakkoord, vervanging,"
        " eigen wens)"
    ),
    "value 1-5": "waarde 1-5",
    "effort estimate in the board's capacity unit": (
        "geschatte inspanning in de capaciteitseenheid van het bord"
    ),
    "wanted by quarter, e.g. 2027-Q2": "gewenst per kwartaal, bijv. 2027-Q2",
    "one-off cost": "eenmalige kosten",
    "recurring cost per year": "structurele kosten per jaar",
    "own shared unknown": "own shared unknown (eigen, gezamenlijk, onbekend)",
    "conflicting standards, comma-separated": "strijdige standaarden, gescheiden door komma's",
    "review date (YYYY-MM-DD), needed for parked": (
        "datum van heroverweging (JJJJ-MM-DD), nodig bij geparkeerd"
    ),
    "reason, needed for rejected": "reden, nodig bij afgewezen",
    "tags, comma-separated": "labels, gescheiden door komma's",
    "owner": "eigenaar",
    "why (needed for rejected)": "waarom (nodig bij afgewezen)",
    "review date YYYY-MM-DD (needed for parked)": (
        "datum van heroverweging JJJJ-MM-DD (nodig bij geparkeerd)"
    ),
    "the item covers it only partly": "het item dekt de ambitie maar gedeeltelijk",
    "YYYY-MM-DD (default: today)": "JJJJ-MM-DD (standaard: vandaag)",
    "the board as it was at a git revision, or at the last commit on or before a date": (
        "het bord zoals het was bij een git-revisie, of bij de laatste commit op of voor een datum"
    ),
    "the board as scenario NAME has it": "het bord zoals scenario NAAM het heeft",
    "from REV (default HEAD) [to REV]": "vanaf REV (standaard HEAD) [tot REV]",
    "from the board as it was at the end of DATE": (
        "vanaf het bord zoals het was aan het eind van DATUM"
    ),
    "to the board as it was at the end of DATE": (
        "tot het bord zoals het was aan het eind van DATUM"
    ),
    "exit 1 when a finding this severe or worse exists (default: error)": (
        "exit 1 bij een bevinding van deze ernst of erger (standaard: error)"
    ),
    "check as of this day (default: today)": "controleren per deze dag (standaard: vandaag)",
    "list the changes since a date (YYYY-MM-DD) or a git revision (e.g. HEAD~3)": (
        "de wijzigingen sinds een datum (JJJJ-MM-DD) of een git-revisie (bijv. HEAD~3)"
    ),
    "md: the report; csv: ambitions; json, toml: ambitions and roadmap": (
        "md: de rapportage; csv: ambities; json, toml: ambities en roadmap"
    ),
    "write to FILE instead of stdout": "naar BESTAND schrijven in plaats van stdout",
    "report as of this day (default: today)": "rapportage per deze dag (standaard: vandaag)",
    ".csv (header = field names, optional id) or .toml ([[ambitions]])": (
        ".csv (kopregel = veldnamen, id mag) of .toml ([[ambitions]])"
    ),
    "show what would change; write nothing": "tonen wat er zou veranderen; niets schrijven",
    "install the board merge driver in this repository": (
        "de samenvoeger voor borden in deze repository installeren"
    ),
    "files git merges with regietui (default: the board of -b, else boards/*.json)": (
        "bestanden die git met regietui samenvoegt (standaard: het bord van -b, anders"
        " boards/*.json)"
    ),
    "add to the cooperative's roadmap items": "een roadmapitem toevoegen",
    "change one of the cooperative's roadmap items": "een roadmapitem wijzigen",
    "list the cooperative's roadmap items": "de roadmapitems opsommen",
    "start quarter, e.g. 2027-Q1": "startkwartaal, bijv. 2027-Q1",
    "end quarter": "eindkwartaal",
    "project service lifecycle legal national": (
        "project service lifecycle legal national (project, dienst, vervanging, wettelijke"
        " verplichting, landelijk programma)"
    ),
    "effort per quarter in the board's capacity unit": (
        "inspanning per kwartaal in de capaciteitseenheid van het bord"
    ),
    "roadmap items it depends on, comma-separated": (
        "roadmapitems waarvan het afhangt, gescheiden door komma's"
    ),
    "draft adopted running delivered dropped": (
        "draft adopted running delivered dropped (concept, vastgesteld, loopt, opgeleverd,"
        " vervallen)"
    ),
    "add to participating municipalities": "een deelnemende gemeente toevoegen",
    "change one of participating municipalities": "een deelnemende gemeente wijzigen",
    "list participating municipalities": "de deelnemende gemeenten opsommen",
    "CBS code, e.g. GM0363": "CBS-code, bijv. GM0363",
    "name": "naam",
    "short tag shown on cards (max 4 characters)": "afkorting op de kaarten (hoogstens 4 tekens)",
    "number of inhabitants": "aantal inwoners",
    "number of workstations": "aantal werkplekken",
    "information manager": "informatiemanager",
    "share of the costs, 0-1": "aandeel in de verdeelsleutel, 0-1",
    "add to the cooperative's standards": "een standaard toevoegen",
    "change one of the cooperative's standards": "een standaard wijzigen",
    "list the cooperative's standards": "de standaarden opsommen",
    "add to themes (GEMMA-like categories)": "een thema toevoegen",
    "list themes (GEMMA-like categories)": "de thema's opsommen",
    "short key, e.g. dienstverlening": "korte sleutel, bijv. dienstverlening",
    "set the capacity of one quarter": "de capaciteit van één kwartaal vastleggen",
    "capacity per quarter": "capaciteit per kwartaal",
    "e.g. 2027-Q1": "bijv. 2027-Q1",
    "start an empty scenario; prints its id": "een leeg scenario beginnen; toont de id",
    "the scenarios, with their changes and stale fields": (
        "de scenario's, met hun wijzigingen en verouderde velden"
    ),
    "what a scenario changes, what went stale, and its effect": (
        "wat een scenario wijzigt, wat verouderd is, en het effect"
    ),
    "change a record or a quarter's capacity in a scenario": (
        "een record of de capaciteit van een kwartaal in een scenario wijzigen"
    ),
    "discard a scenario (the plan stays as it is)": (
        "een scenario weggooien (het plan blijft zoals het is)"
    ),
    "make a scenario the plan, as one recorded decision": (
        "een scenario het plan maken, als één vastgelegd besluit"
    ),
    "findings as of this day": "bevindingen per deze dag",
    "ambition or roadmap item to change (A-…, R-…)": (
        "te wijzigen ambitie of roadmapitem (A-…, R-…)"
    ),
    "drop the record ID in the scenario": "het record ID in het scenario laten vallen",
    "mark stale fields as reviewed (keep their values)": (
        "verouderde velden als beoordeeld markeren (waarden blijven)"
    ),
    "address to listen on (default: %(default)s; there is no login, see the README)": (
        "adres om op te luisteren (standaard: %(default)s; er is geen login, zie de README)"
    ),
    "also each roadmap item's allocation": "ook de verdeling van elk roadmapitem",
    "board file (or -b)": "bordbestand (of -b)",
    "change the board's name, capacity unit or default cost key": (
        "de naam, capaciteitseenheid of standaardverdeelsleutel van het bord wijzigen"
    ),
    "costs per municipality per budget year (four years)": (
        "kosten per gemeente per begrotingsjaar (vier jaar)"
    ),
    "default: %(default)s": "standaard: %(default)s",
    "e.g. --set name='ICT Samenwerking' --set 'cost_key=30%% equal + 70%% inhabitants'": (
        "bijv. --set name='ICT Samenwerking' --set 'cost_key=30%% gelijk + 70%% inwoners'"
    ),
    "how its costs are split, e.g. '30%% equal + 70%% inhabitants over served', 'share over"
    " GM0363, GM0344' or 'GM0363: 40, GM0344: 60' (default: the board's key)": (
        "hoe de kosten worden verdeeld, bijv. '30%% gelijk + 70%% inwoners over bediende',"
        " 'aandeel over GM0363, GM0344' of 'GM0363: 40, GM0344: 60' (standaard: de"
        " verdeelsleutel van het bord)"
    ),
    "let browsers change the board": "browsers het bord laten wijzigen",
    "md: the report; docx: the meeting report in Word (needs -o); csv: ambitions; json, toml:"
    " ambitions and roadmap": (
        "md: het rapport; docx: het vergaderstuk in Word (met -o); csv: ambities; json, toml:"
        " ambities en roadmap"
    ),
    "only this municipality (code, tag, name)": "alleen deze gemeente (code, afkorting, naam)",
    "show the board in a browser (read-only unless --edit)": (
        "het bord in een browser tonen (alleen-lezen tenzij --edit)"
    ),
    "the address browsers use, when it is not http://HOST:PORT (a proxy)": (
        "het adres dat browsers gebruiken, als dat niet http://HOST:PORT is (een proxy)"
    ),
    "the agenda-ready report for a meeting, e.g. 'AB 2027-01-15' (Dutch unless --lang en);"
    " progress since the body's previous decision on the board, or --since": (
        "het agendaklare vergaderstuk voor een vergadering, bijv. 'AB 2027-01-15' (Nederlands"
        " tenzij --lang en); voortgang sinds het vorige besluit van dat orgaan op het bord, of"
        " --since"
    ),
    "the board's own settings": "de instellingen van het bord zelf",
    "the budget year (begroting); default: this year": ("het begrotingsjaar; standaard: dit jaar"),
}
"""Every help text of the command line (English, as the parser is built) → Dutch."""


def word(text: str, lang: str) -> str:
    """A help text or argparse sentence in `lang` (as it is when there is no Dutch for it)."""
    if lang != "nl":
        return text
    return HELP_NL.get(text) or ARGPARSE_NL.get(text) or text


@contextlib.contextmanager
def worded(lang: str) -> Iterator[None]:
    """argparse speaks `lang` inside: its gettext hooks point at `word` meanwhile."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]

    def plural(one: str, many: str, n: int) -> str:
        return word(one if n == 1 else many, lang)

    argparse._ = lambda text: word(text, lang)  # type: ignore[attr-defined]
    argparse.ngettext = plural
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


def formatter(lang: str) -> type[argparse.HelpFormatter]:
    """A help formatter that shows help texts and descriptions in `lang`."""

    class Formatter(argparse.HelpFormatter):
        def _expand_help(self, action: argparse.Action) -> str:
            if action.help:
                action = copy.copy(action)
                action.help = word(str(action.help), lang)
            return super()._expand_help(action)

        def _format_text(self, text: str) -> str:
            return super()._format_text(word(text, lang))

    return Formatter


def argv_language(argv: Sequence[str], fallback: Any) -> str:
    """The language `--lang` names in `argv` (also `--lang=nl`), else `fallback()`; read before
    parsing, so the parser's own errors are in it too."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            chosen = argv[index + 1]
        elif arg.startswith("--lang="):
            chosen = arg.split("=", 1)[1]
        else:
            continue
        if chosen in ("en", "nl"):
            return chosen
    return fallback()
