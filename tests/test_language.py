"""Dutch throughout (issue 10): every message id in both languages, and what the commands print
in one language holds no words that only the other language (or untranslated code) uses.

The word lists name words that appear only in untranslated text; a board's own text (titles,
names, descriptions, notes) is Dutch and is taken out before the check, so only the program's
own prose is judged."""

from __future__ import annotations

import argparse
import re
import shutil
from pathlib import Path

import pytest
from helpers import ROOT, git

from regietui import i18n, usage
from regietui.cli import build_parser, main
from regietui.model import Board
from regietui.store import BoardStore
from regietui.wording import Listing, Share, Word, listing, phrase

DEMO = ROOT / "boards" / "demo.json"
TODAY = "2026-11-29"

ENGLISH_ONLY = (
    "added", "deleted", "moved", "linked", "changed", "decision recorded", "history", "serves",
    "hours", "review", "wanted", "conflicts with", "demand", "exceeds", "capacity", "but",
    "not", "and", "from", "days", "ago", "since", "which", "the", "has", "with", "for",
    "January", "February", "March", "April", "June", "July", "August", "October", "December",
    "wish", "exploring", "deciding", "planned", "in_progress", "parked", "rejected", "withdrawn",
    "warning", "error", "Over", "Left", "municipality", "status_reason", "wanted_by", "cost_once",
)  # fmt: skip
"""Words of English prose or stored codes: never in Dutch output (outside the board's text)."""

DUTCH_ONLY = (
    "toegevoegd", "verwijderd", "verplaatst", "gekoppeld", "gewijzigd", "besluit", "geschiedenis",
    "dient", "uren", "heroverweging", "gewenst", "strijdig", "vraag", "overschrijdt", "maar",
    "niet", "en", "door", "dagen", "geleden", "sinds", "het", "van", "met", "voor", "januari",
    "februari", "maart", "oktober", "november", "december", "wens", "waarschuwing", "fout",
    "Resterend", "Overschrijding", "gemeente", "verdeelsleutel",
)  # fmt: skip
"""The same for English output."""


def board_words(board: Board) -> list[str]:
    """Every text a board brings along (titles, names, descriptions, notes, authors, tags),
    longest first: taken out of an output before its words are judged."""
    found: set[str] = set()

    def collect(value: object) -> None:
        if isinstance(value, str):
            found.add(value)
        elif isinstance(value, dict):
            for name, inner in value.items():
                if name not in ("status", "priority", "reason", "funding", "type", "coverage"):
                    collect(inner)
        elif isinstance(value, list | tuple):
            for inner in value:
                collect(inner)

    for table, records in board.docs().items():
        if table != "events":
            collect(records)
    for event in board.events.values():
        collect([event.author, event.title or "", event.text or ""])
    collect([board.meta.name])
    return sorted((w for w in found if len(w) > 1), key=len, reverse=True)


def foreign(text: str, words: tuple[str, ...], board: Board) -> list[str]:
    """The words of `words` in `text` once the board's own text is taken out (the report's
    Gantt chart holds nothing but titles and dates)."""
    text = re.sub(r"```mermaid.*?```", " ", text, flags=re.DOTALL)
    for own in board_words(board):
        text = text.replace(own, " ")
    return sorted({w for w in words if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)})


@pytest.fixture
def demo_repo(tmp_path: Path) -> Path:
    """The demo board committed in a git repository, then one card moved (for `diff`)."""
    board = tmp_path / "demo.json"
    shutil.copy(DEMO, board)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "demo")
    return board


def outputs(run, board: Path, lang: str) -> dict[str, str]:
    """What every prose-printing command says on the demo board in `lang`."""
    loaded = BoardStore(board).load()
    parked = next(k for k, a in loaded.ambitions.items() if a.review)
    decided = next(k for k, a in loaded.ambitions.items() if a.decision and a.links)
    wish = next(k for k, a in loaded.ambitions.items() if a.status == "wish")
    item = next(k for k, r in loaded.roadmap.items() if loaded.serving(k))
    moved = run("move", f"A-{wish}", "exploring", "-b", board, "--lang", lang)
    assert moved.code == 0
    said = {"move": moved.out}
    for name, argv in {
        "report": ("report", "--today", TODAY),
        "check": ("check", "--today", TODAY),
        "log": ("log", f"A-{parked}"),
        "diff": ("diff",),
        "show": ("show", f"A-{parked}"),
        "show decided": ("show", f"A-{decided}"),
        "show roadmap": ("show", f"R-{item}"),
        "log moved": ("log", f"A-{wish}"),
    }.items():
        result = run(*argv, "-b", board, "--lang", lang)
        assert result.code == (1 if name == "check" else 0), (name, result.err)  # an error found
        assert result.out.strip(), name
        said[name] = result.out
    return said


def test_every_command_prints_dutch_only_in_dutch(run, demo_repo: Path) -> None:
    said = outputs(run, demo_repo, "nl")
    board = BoardStore(demo_repo).load()
    title = next(iter(board.ambitions.values())).title
    assert foreign(f"A-x '{title}' moved wish → parked", ENGLISH_ONLY, board) == [
        "moved", "parked", "wish"
    ]  # fmt: skip
    for name, text in said.items():
        assert foreign(text, ENGLISH_ONLY, board) == [], name
    assert "verplaatst wens → verkennen" in said["diff"]
    assert "€ 3.087.000" in said["report"] and "Vastgesteld (uren)" in said["report"]
    assert re.search(r"\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september"
                     r"|oktober|november|december) 20\d\d", said["log"])  # fmt: skip


def test_every_command_prints_english_only_in_english(run, demo_repo: Path) -> None:
    said = outputs(run, demo_repo, "en")
    board = BoardStore(demo_repo).load()
    for name, text in said.items():
        assert foreign(text, DUTCH_ONLY, board) == [], name
    assert "moved wish → exploring" in said["diff"]


def test_lang_falls_back_to_the_settings_then_lang(run, demo_repo: Path, monkeypatch) -> None:
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    assert "geschiedenis:" in run("show", "-b", demo_repo, _first(demo_repo)).out
    assert "history:" in run("show", "-b", demo_repo, "--lang", "en", _first(demo_repo)).out


def _first(board: Path) -> str:
    loaded = BoardStore(board).load()
    return "A-" + next(iter(loaded.ambitions))


KEY_CALL = re.compile(
    r"""\b(?:tr|phrase|Word)\(\s*f?["']([a-z_]+\.[a-z_.]*[a-z_])["']""", re.MULTILINE
)


def test_every_message_id_the_code_names_exists_in_both_languages() -> None:
    assert set(i18n.EN) == set(i18n.NL)
    named = set()
    for source in (ROOT / "regietui").rglob("*.py"):
        named |= set(KEY_CALL.findall(source.read_text(encoding="utf-8")))
    assert len(named) > 100
    missing = {key for key in named if key not in i18n.EN or key not in i18n.NL}
    assert missing == set()
    for key in i18n.EN:
        assert i18n.NL[key].strip() or not i18n.EN[key].strip(), key
        assert set(re.findall(r"{(\w+)}", i18n.EN[key])) == set(
            re.findall(r"{(\w+)}", i18n.NL[key])
        ), key


def test_blanks_are_worded_in_the_readers_language() -> None:
    sentence = phrase(
        "finding.share", name="Lekstede", short="LKS", share=Share(0.425), cost=Share(0.3),
        diff=Share(0.125), more=Word("finding.more"),
    )  # fmt: skip
    assert sentence.text("en").startswith("Lekstede (LKS) receives 42% of the planned")
    assert "aandeel in de verdeelsleutel is 30%: 12% meer" in sentence.text("nl")
    assert listing(["a", "b", "c"], "nl") == "a, b en c"
    assert listing([str(n) for n in range(8)], "en", 6) == "0, 1, 2, 3, 4, 5 and 2 more"
    assert phrase("finding.ends", item="x", end=Listing(())).text("nl") == "x loopt tot "


def test_usage_errors_refusals_and_help_speak_the_chosen_language(
    run, demo_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = run("move", "-b", demo_repo, "--lang", "nl")
    assert missing.code == 2
    assert missing.err == (
        "regietui move: deze argumenten zijn verplicht: id, status\n(zie `regietui --help`)\n"
    )
    english = run("move", "-b", demo_repo, "--lang", "en")
    assert "the following arguments are required: id, status" in english.err
    refused = run("move", "A-nope9", "planned", "-b", demo_repo, "--lang", "nl")
    assert (refused.code, refused.err) == (1, "regietui: geen ambitie 'A-nope9'\n")
    with pytest.raises(SystemExit):
        main(["move", "--help", "--lang", "nl"])
    helped = capsys.readouterr().out
    assert "gebruik: regietui move" in helped and "opties:" in helped
    assert "datum van heroverweging" in helped and "review date" not in helped
    valid = run("validate", "-b", demo_repo, "--lang", "nl")
    assert valid.out.startswith(f"{demo_repo}: in orde — 88 ambities, 27 roadmapitems")
    imported = run("import", ROOT / "boards/examples/wensenlijst.csv", "--dry-run", "-b",
                   demo_repo, "--lang", "nl")  # fmt: skip
    assert imported.code == 0, imported.err
    assert imported.out.splitlines()[-1] == (
        "proefrun, niets geschreven: 3 toegevoegd, 0 gewijzigd, 0 ongewijzigd"
    )


def _help_texts(parser: argparse.ArgumentParser) -> set[str]:
    """Every description and help text a `--help` of `parser` or its subcommands can show."""
    texts = {parser.description} if parser.description else set()
    for action in parser._actions:  # argparse has no public walk of its actions
        if action.help and action.help != argparse.SUPPRESS:
            texts.add(str(action.help))
        if isinstance(action, argparse._SubParsersAction):
            texts |= {str(choice.help) for choice in action._choices_actions if choice.help}
            for sub in set(action.choices.values()):
                texts |= _help_texts(sub)
    return texts


def test_every_help_text_of_every_command_has_its_dutch() -> None:
    texts = _help_texts(build_parser("en"))
    assert len(texts) > 100  # the walk reached the subcommands
    untranslated = sorted(t for t in texts if t not in usage.HELP_NL | usage.ARGPARSE_NL)
    assert untranslated == []


def test_scenario_refusals_and_usage_errors_speak_dutch(
    run, demo_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "en_US.UTF-8")  # --lang decides, not LANG
    board = BoardStore(demo_repo).load()
    assert run("scenario", "new", "Loket later", "-b", demo_repo).code == 0
    said = {}
    for name, (code, argv, sentence) in {
        "twice": (1, ("scenario", "new", "loket later"),
                  "regietui: er bestaat al een scenario met de naam 'loket later'"),
        "unknown": (1, ("scenario", "show", "nope"),
                    "regietui: geen scenario 'nope' (scenario's: ERP een kwartaal later,"
                    " Loket later)"),
        "nothing asked": (1, ("scenario", "edit", "Loket later"),
                          "regietui: zeg wat er verandert: ID --set VELD=WAARDE, --capacity,"
                          " --rename, --description of --rebase"),
        "capacity": (1, ("scenario", "edit", "Loket later", "--capacity", "Q3"),
                     "regietui: --capacity 'Q3': schrijf het zo: 2027-Q3=3000"),
        "bad date": (1, ("scenario", "adopt", "Loket later", "--body", "ab", "--text", "ja",
                         "--date", "15-01-2027"),
                     "regietui: '15-01-2027' is geen datum zoals 2027-03-31"),
        "empty": (1, ("scenario", "adopt", "Loket later", "--body", "ab", "--text", "ja"),
                  "regietui: scenario 'Loket later' verandert niets aan de planning"),
        "docx": (2, ("report", "--format", "docx"),
                 "report --format docx: geef -o BESTAND (een Word-bestand is niet voor een"
                 " terminal)"),
        "since": (1, ("report", "--since=-x"), "regietui: --since '-x': geen datum of git-revisie"),
        "port": (2, ("serve", "--port", "0"),
                 "--port 0: een poort is een getal van 1 tot en met 65535"),
    }.items():  # fmt: skip
        result = run(*argv, "-b", demo_repo, "--lang", "nl")
        assert (result.code, result.err.splitlines()[0]) == (code, sentence), name
        said[name] = result.err
    edited = run("scenario", "edit", "Loket later", "--capacity", "2027-Q2=90", "-b", demo_repo,
                 "--lang", "nl")  # fmt: skip
    assert edited.out.endswith(": 1 wijziging\n"), edited.err
    for command in ("show", "list"):
        argv = ("scenario", command, *(["Loket later"] if command == "show" else []))
        result = run(*argv, "-b", demo_repo, "--lang", "nl")
        assert result.code == 0, result.err
        said[command] = result.out
    assert "  kwartaal 2027-Q2: hoeveelheid 3.200 → 90\n" in said["show"]
    assert "bevindingen: planning 16 → scenario 17\n" in said["show"]
    assert " → vastgesteld 2.850 + voorgesteld 100 van 90 (-2.860)\n" in said["show"]
    for name, text in said.items():
        assert foreign(text, ENGLISH_ONLY, board) == [], name
    english = run("scenario", "show", "nope", "-b", demo_repo, "--lang", "en")
    assert (
        english.err
        == "regietui: no scenario 'nope' (scenarios: ERP een kwartaal later, Loket later)\n"
    )


def test_a_decision_typed_wrong_is_refused_in_the_readers_language() -> None:
    from datetime import date

    from regietui import scenario
    from regietui.wording import said

    for typed, dutch in [
        ("roadmap vastgesteld", "schrijf het besluit zo: AB 2027-01-15: roadmap 2027 vastgesteld"),
        ("raad 2027-01-15: ja", "'raad' is geen orgaan; kies uit STEERING, DB, AB, ALV"),
        ("AB 15-01-2027: ja", "'15-01-2027' is geen datum zoals 2027-01-15"),
    ]:
        with pytest.raises(ValueError) as refused:
            scenario.parse_decision(typed, date(2027, 1, 4))
        assert said(refused.value, "nl") == dutch


def test_a_read_only_board_and_the_driver_warning_speak_the_chosen_language(
    run, demo_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from regietui.session import BoardSession, ReadOnlyError
    from regietui.wording import said

    past = BoardSession.past(BoardStore(demo_repo).load(), "HEAD~1")
    with pytest.raises(ReadOnlyError) as refused:
        past.apply(lambda board: None)
    assert said(refused.value, "nl") == (
        "dit is het bord zoals het was op HEAD~1; er kan niets worden opgeslagen"
    )
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    # .gitattributes asks for regietui's driver, this clone has none: a warning in --lang
    (demo_repo.parent / ".gitattributes").write_text("*.json merge=regietui\n")
    checked = run("validate", "-b", demo_repo, "--lang", "nl")
    assert checked.err.startswith(f"regietui: waarschuwing: git voegt {demo_repo} samen zonder")
    english = run("validate", "-b", demo_repo, "--lang", "en")
    assert english.err.startswith(f"regietui: warning: git merges {demo_repo} without")
