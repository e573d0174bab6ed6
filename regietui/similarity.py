"""Title similarity: normalised titles, similar ambitions and bundling opportunities (pure).

Two ambitions look alike when their normalised titles (lower case, no accents or punctuation,
common little words dropped) reach difflib's ratio `meta.thresholds.similarity`, or, within one
theme, when they share a tag that says more than the theme's name. Candidate title pairs must
share at least half of the shorter title's words (their first four letters) before difflib is
asked, and difflib results are cached, so this stays fast on large boards and when the TUI reruns
the checks. `bundles` feeds the bundling check, `similar_ambitions` the triage.

Triage and the details pane also compare words: `terms` are the stems of a text's telling words
(`werkplekken` → `werkplek`), `same_word` matches a Dutch compound by its parts (`raad` ~
`gemeenteraad`), and `precedents` lists the decided ambitions that bear on a card.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from .model import OPEN, Ambition, Board, Status

STOPWORDS = frozenset(
    {
        *("de", "het", "een", "en", "van", "voor", "in", "op", "met", "naar", "bij", "te", "om"),
        *("aan", "of", "als", "door", "over", "per", "nieuw", "nieuwe"),
        *("the", "a", "an", "and", "for", "to", "on", "with", "at", "by", "or", "from", "new"),
    }
)
_NON_WORD = re.compile(r"[^0-9a-z]+")


def normalise(title: str) -> str:
    """Lower case, accents and punctuation removed, common little words dropped."""
    text = unicodedata.normalize("NFKD", title.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    words = [w for w in _NON_WORD.split(text) if w and w not in STOPWORDS]
    return " ".join(words)


def _tokens(normalised: str) -> set[str]:
    """Words of three letters or more, cut to their first four: the prefilter's index terms.
    Numbers (years, counts) say little about what is wanted and are left out."""
    return {w[:4] for w in normalised.split() if len(w) >= 3 and not w.isdigit()}


class _Groups:
    """Union-find over ambition keys."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        parent = self.parent
        root = key
        while parent.setdefault(root, root) != root:
            root = parent[root]
        while key != root:
            parent[key], key = root, parent[key]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


@dataclass
class Bundle:
    """Open ambitions of one theme from several municipalities that could be served together."""

    theme: str
    members: list[str]
    tags: set[str]
    similar: bool  # found through similar titles (else through shared tags only)


def bundles(board: Board) -> list[Bundle]:
    """Bundling opportunities, theme by theme.

    Two open ambitions of the same theme and different municipalities pair up when their titles
    are similar (difflib ratio ≥ `similarity` on normalised titles) or they share a tag (tags that
    only repeat the theme's name are ignored), provided at least one of them has no roadmap link
    yet and they share none. Title pairs are grouped transitively; each shared tag makes its own
    group; a group inside a larger one is folded into it.
    """
    ratio = board.meta.thresholds.similarity
    themes: dict[str, list[str]] = defaultdict(list)
    for key, amb in board.ambitions.items():
        if amb.theme and amb.status in OPEN:
            themes[amb.theme].append(key)
    found: list[Bundle] = []
    for theme in sorted(themes):
        keys = sorted(themes[theme])
        if len({board.ambitions[k].municipality for k in keys}) < 2:
            continue
        pairs = _Pairing(board)
        groups = [*_tag_groups(board, theme, keys, pairs), *_title_groups(keys, pairs, ratio)]
        groups.sort(key=lambda g: (-len(g[0]), sorted(g[0])))
        kept: list[Bundle] = []
        for members, tags, similar in groups:
            home = next((b for b in kept if members <= set(b.members)), None)
            if home is None:
                order = sorted(members, key=lambda k: (board.ambitions[k].municipality, k))
                kept.append(Bundle(theme, order, set(tags), similar))
            else:
                home.tags |= tags
                home.similar = home.similar or similar
        kept.sort(key=lambda b: (not b.similar, -len(b.members)))
        found.extend(kept)
    return found


class _Pairing:
    """Whether two ambitions may form a bundling pair (see `bundles`)."""

    def __init__(self, board: Board) -> None:
        self.ambitions = board.ambitions
        self._links: dict[str, frozenset[str]] = {}

    def links(self, key: str) -> frozenset[str]:
        found = self._links.get(key)
        if found is None:
            found = self._links[key] = frozenset(self.ambitions[key].linked)
        return found

    def ok(self, a: str, b: str) -> bool:
        if self.ambitions[a].municipality == self.ambitions[b].municipality:
            return False
        one, two = self.links(a), self.links(b)
        return (not one or not two) and not one & two


def _tag_groups(
    board: Board, theme: str, keys: list[str], pairs: _Pairing
) -> Iterator[tuple[set[str], set[str], bool]]:
    theme_words = set(normalise(theme).split())
    if theme in board.themes:
        theme_words |= set(normalise(board.themes[theme].name).split())
    tagged: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        for tag in {t.casefold() for t in board.ambitions[key].tags}:
            tagged[tag].append(key)
    for tag in sorted(tagged):
        members = tagged[tag]
        words = set(normalise(tag).split())
        if len(members) < 2 or not words or words <= theme_words:
            continue
        paired = {a for a in members if any(pairs.ok(a, b) for b in members if b != a)}
        if paired:
            yield paired, {tag}, False


def _title_groups(
    keys: list[str], pairs: _Pairing, ratio: float
) -> Iterator[tuple[set[str], set[str], bool]]:
    titled: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        titled[normalise(pairs.ambitions[key].title)].append(key)
    groups = _Groups()
    paired: set[str] = set()

    def join(left: list[str], right: list[str]) -> None:
        for a in left:
            for b in right:
                if a != b and groups.find(a) != groups.find(b) and pairs.ok(a, b):
                    groups.union(a, b)
                    paired.update((a, b))

    for members in titled.values():
        if len(members) > 1:
            join(members, members)

    def settled(left: list[str], right: list[str]) -> bool:
        """No pair across `left` and `right` could still join two groups."""
        return not any(
            a != b and groups.find(a) != groups.find(b) and pairs.ok(a, b)
            for a in left
            for b in right
        )

    for left, right in _similar_titles(list(titled.items()), ratio, settled):
        join(left, right)
    components: dict[str, set[str]] = defaultdict(set)
    for key in paired:
        components[groups.find(key)].add(key)
    for members in components.values():
        yield members, set(), True


def _similar_titles(
    titled: list[tuple[str, list[str]]],
    ratio: float,
    settled: Callable[[list[str], list[str]], bool],
) -> Iterator[tuple[list[str], list[str]]]:
    """Pairs of (members of) distinct normalised titles whose difflib ratio reaches `ratio`.

    Only titles sharing at least half the index terms of the shorter one are compared, cheapest
    bound first, and pairs already `settled` (grouped) are skipped, so the check stays fast on
    large boards.
    """
    terms = [_tokens(text) for text, _ in titled]
    index: dict[str, list[int]] = defaultdict(list)
    for i, tokens in enumerate(terms):
        for token in tokens:
            index[token].append(i)
    for i, (text, members) in enumerate(titled):
        shared = Counter(j for token in terms[i] for j in index[token] if j > i)
        candidates = [j for j, n in shared.items() if 2 * n >= min(len(terms[i]), len(terms[j]))]
        for j in sorted(candidates):
            other, others = titled[j]
            if not settled(members, others) and similar(*sorted((text, other)), ratio):
                yield members, others


@lru_cache(maxsize=200_000)
def similar(first: str, second: str, ratio: float) -> bool:
    """Whether difflib's ratio of two (normalised) titles reaches `ratio`, cheapest bound first.

    Cached: the TUI recomputes findings after every change, and most title pairs stay the same.
    (difflib's ratio depends on the order of its arguments: callers pass them sorted.)
    """
    matcher = difflib.SequenceMatcher(None, first, second, autojunk=False)
    return (
        matcher.real_quick_ratio() >= ratio
        and matcher.quick_ratio() >= ratio
        and matcher.ratio() >= ratio
    )


def _theme_words(board: Board, theme: str | None) -> set[str]:
    """The words of a theme's key and name: tags made of only these say nothing new."""
    if not theme:
        return set()
    words = set(normalise(theme).split())
    if theme in board.themes:
        words |= set(normalise(board.themes[theme].name).split())
    return words


def similar_ambitions(board: Board, key: str) -> list[str]:
    """Ambitions of other municipalities that look like `key`'s (for triage and precedents).

    The bundling check's tests, without its link conditions and for any status: a similar
    normalised title (difflib ratio ≥ `similarity`, after the same shared-words prefilter; any
    theme) or, within the same theme, a shared tag that says more than the theme's name; and
    the words of title and description (`alike`: Dutch compounds matched by their parts). Open
    ambitions first, then by municipality and title."""
    amb = board.ambitions[key]
    ratio = board.meta.thresholds.similarity
    text = _normal(amb.title)
    terms = _tokens(text)
    tags = {t.casefold() for t in amb.tags}
    telling = rare_terms(board)
    found: list[str] = []
    for other_key, other in board.ambitions.items():
        if other.municipality == amb.municipality or other_key == key:
            continue
        shared = tags & {t.casefold() for t in other.tags} if other.theme == amb.theme else ()
        if shared:
            plain = _theme_words(board, amb.theme)
            if any(not set(normalise(tag).split()) <= plain for tag in shared):
                found.append(other_key)
                continue
        other_text = _normal(other.title)
        if other_text == text or alike(board, key, other_key, telling):
            found.append(other_key)
            continue
        other_terms = _tokens(other_text)
        common = len(terms & other_terms)
        if (
            common
            and 2 * common >= min(len(terms), len(other_terms))
            and similar(*sorted((text, other_text)), ratio)
        ):
            found.append(other_key)

    def order(k: str) -> tuple[bool, str, str, str]:
        other = board.ambitions[k]
        muni = board.municipalities.get(other.municipality)
        name = muni.name.casefold() if muni else other.municipality
        return (other.status not in OPEN, name, other.title.casefold(), k)

    return sorted(found, key=order)


@lru_cache(maxsize=100_000)
def _normal(title: str) -> str:
    return normalise(title)


# --- words: what titles and descriptions are about -------------------------------------------

_SUFFIXES = ("heden", "ingen", "tjes", "ing", "jes", "en", "es", "s", "e")
"""Dutch (and English) endings taken off a word to reach its stem, longest first."""
SHORTEST_PART = 4
"""A word matches a compound only through a part this long (`raad` in `gemeenteraad`)."""


def stem(word: str) -> str:
    """A word without its plural or inflection ending (`werkplekken` → `werkplek`, `iPads` →
    `ipad`), never shorter than four letters; a doubled last consonant is made single."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= SHORTEST_PART:
            word = word[: -len(suffix)]
            if len(word) > SHORTEST_PART and word[-1] == word[-2] and word[-1] not in "aeiou":
                word = word[:-1]
            break
    return word


@lru_cache(maxsize=100_000)
def terms(text: str) -> frozenset[str]:
    """The stems of a text's telling words: normalised, little words and numbers left out,
    three letters or more."""
    return frozenset(stem(w) for w in normalise(text).split() if len(w) >= 3 and not w.isdigit())


def same_word(one: str, two: str) -> bool:
    """Two stems mean the same thing: equal, or the shorter is the head a Dutch compound ends
    with (`raad` ~ `gemeenteraad`, `website` ~ `gemeentewebsite`), at least four letters. A
    compound is a kind of its last part only: `gemeenteraad` is no `gemeente`."""
    if one == two:
        return True
    short, long_ = sorted((one, two), key=len)
    return len(short) >= SHORTEST_PART and long_.endswith(short)


def shared_terms(one: frozenset[str], two: frozenset[str]) -> set[str]:
    """The terms of `one` that some term of `two` means too."""
    return {a for a in one if a in two or any(same_word(a, b) for b in two)}


def about(board: Board, key: str, table: str = "ambitions") -> frozenset[str]:
    """The terms of a card's or roadmap item's title and description together."""
    record = board.table(table)[key]
    return terms(f"{record.title} {getattr(record, 'description', '')}")


def rare_terms(board: Board) -> Callable[[str], bool]:
    """Whether a term is telling on this board: used by at most one in twenty cards and roadmap
    items (and by three on any board): `gemeente` or `inwoners` say little, `chatbot` much."""
    counts: Counter[str] = Counter()
    for table in ("ambitions", "roadmap"):
        for key in board.table(table):
            counts.update(about(board, key, table))
    limit = max(3, (len(board.ambitions) + len(board.roadmap)) // 20)
    return lambda term: counts[term] <= limit


DESCRIBED_ALIKE = 3
"""Two cards whose titles differ are alike when their texts share this many telling terms."""


def alike(board: Board, one: str, two: str, telling: Callable[[str], bool] | None = None) -> bool:
    """Whether two ambitions are about the same thing by their words: their titles share two
    terms, or every term of a shorter title (compounds matched); or, within one theme, title
    and description together share `DESCRIBED_ALIKE` telling terms."""
    a, b = board.ambitions[one], board.ambitions[two]
    title_a, title_b = terms(a.title), terms(b.title)
    if title_a and title_b:
        common = len(shared_terms(title_a, title_b))
        if common >= min(2, len(title_a), len(title_b)):
            return True
    if not a.theme or a.theme != b.theme:
        return False
    telling = telling or rare_terms(board)
    both = shared_terms(about(board, one), about(board, two))
    return sum(1 for t in both if telling(t)) >= DESCRIBED_ALIKE


# --- precedents: earlier decisions that bear on a card -----------------------------------------

DECIDED_STATUSES = frozenset(
    {Status.PLANNED, Status.IN_PROGRESS, Status.DONE, Status.REJECTED, Status.LOCAL}
)
"""Statuses that are themselves a decision about a card (a withdrawal is the municipality's)."""


@dataclass(frozen=True)
class Precedent:
    """A decided ambition that bears on a card: it conflicts with the same `standards`, or it
    is `similar` (its words or title say it is about the same thing)."""

    key: str
    standards: tuple[str, ...]
    similar: bool


def decided(amb: Ambition) -> bool:
    """Whether a decision about the card was taken: one recorded, or a deciding status."""
    return amb.decision is not None or amb.status in DECIDED_STATUSES


def precedents(board: Board, key: str, similar: list[str] | None = None) -> list[Precedent]:
    """Decided ambitions (of any municipality) that conflict with a standard this card
    conflicts with, then decided ambitions like it (`similar_ambitions`), each once; within
    each group the latest decision first."""
    amb = board.ambitions[key]
    similar = similar_ambitions(board, key) if similar is None else similar
    liked = set(similar)
    found: list[Precedent] = []
    for other_key, other in board.ambitions.items():
        if other_key == key or not decided(other):
            continue
        standards = tuple(s for s in other.conflicts if s in amb.conflicts)
        if standards or other_key in liked:
            found.append(Precedent(other_key, standards, other_key in liked))

    def when(p: Precedent) -> str:
        other = board.ambitions[p.key]
        return other.decision.date.isoformat() if other.decision else ""

    found.sort(key=lambda p: p.key)
    found.sort(key=when, reverse=True)
    found.sort(key=lambda p: not p.standards)
    return found
