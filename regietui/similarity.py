"""Title similarity: normalised titles, similar ambitions and bundling opportunities (pure).

Two ambitions look alike when their normalised titles (lower case, no accents or punctuation,
common little words dropped) reach difflib's ratio `meta.thresholds.similarity`, or, within one
theme, when they share a tag that says more than the theme's name. Candidate title pairs must
share at least half of the shorter title's words (their first four letters) before difflib is
asked, and difflib results are cached, so this stays fast on large boards and when the TUI reruns
the checks. `bundles` feeds the bundling check, `similar_ambitions` the triage.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from .model import OPEN, Board

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
    """Ambitions of other municipalities that look like `key`'s (for triage).

    The bundling check's tests, without its link conditions and for any status: a similar
    normalised title (difflib ratio ≥ `similarity`, after the same shared-words prefilter; any
    theme) or, within the same theme, a shared tag that says more than the theme's name. Open
    ambitions first, then by municipality and title."""
    amb = board.ambitions[key]
    ratio = board.meta.thresholds.similarity
    text = _normal(amb.title)
    terms = _tokens(text)
    tags = {t.casefold() for t in amb.tags}
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
        if other_text == text:
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
