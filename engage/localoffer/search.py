"""Searching the Local Offer: words, filters, distance and paging. No Flask here.

Each service has a narrow search row (``ServiceSearch.text``): its words, stemmed (Snowball English), lower-cased,
accent-free and space-delimited with a space at each end. A query word matches a service
when one of its stems starts a word there (``LIKE '% stem%'``), which behaves the same on
SQLite and PostgreSQL. A query word not found in the directory's vocabulary is corrected
to the nearest known stems (trigram candidates, then edit distance), so "dyslexsia" finds
"dyslexia".
"""

from __future__ import annotations

import dataclasses
import functools
import math
import re
import threading
import unicodedata
from collections.abc import Iterable

import snowballstemmer
import sqlalchemy as sa
from sqlalchemy.orm import Session, selectinload

from engage.clock import utcnow
from engage.localoffer import models as m
from engage.localoffer.districts import Place

MAX_QUERY_CHARS = 200  #: longer queries are cut (a 3,000-character paste stays cheap)
MAX_QUERY_WORDS = 8
_WORD = re.compile(r"[^\W_]+")
_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "have",
        "in",
        "is",
        "it",
        "of",
        "on",
        "or",
        "our",
        "the",
        "this",
        "to",
        "was",
        "with",
        "we",
        "you",
        "your",
        "my",
        "me",
        "i",
        "can",
        "do",
        "does",
        "who",
        "what",
        "where",
        "how",
    ]
)
_stemmer = snowballstemmer.stemmer("english")
_stem_lock = threading.Lock()


def words(text: str) -> list[str]:
    """Lower-case, accent-free words of ``text``."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return _WORD.findall(plain)


@functools.lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """The Snowball stem of one word (cached: a directory reuses few thousand words)."""
    with _stem_lock:  # the Snowball stemmer object is not thread-safe
        return _stemmer.stemWord(word)


def stems(text: str) -> list[str]:
    """Stems of the meaningful words of ``text``, in order, without repeats."""
    return list(dict.fromkeys(stem(w) for w in words(text) if len(w) > 1 and w not in _STOP))


def index_text(*parts: str | None) -> str:
    """The value stored in ``ServiceSearch.text``: stems between single spaces."""
    joined = " ".join(stems(" ".join(p for p in parts if p)))
    return f" {joined} "


def index_service(service: m.Service) -> None:
    """Rewrite a service's search row from its content and state."""
    org = service.organization.name if service.organization else ""
    terms = " ".join(a.term.name for a in service.attributes if a.term is not None)
    entry = service.search_entry or m.ServiceSearch()
    entry.published = service.state == m.ServiceState.PUBLISHED
    entry.name_text = index_text(service.name)
    entry.text = index_text(service.name, org, service.description, service.eligibility, terms, service.fees)
    entry.sort_name = service.name.casefold()[:255]
    entry.minimum_age, entry.maximum_age, entry.is_free = service.minimum_age, service.maximum_age, service.is_free
    entry.updated_at = utcnow()
    service.search_entry = entry


# ------------------------------------------------------------------- typo tolerance


def _trigrams(word: str) -> set[str]:
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Optimal string alignment distance (a swap of neighbours counts once)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], prev2[j - 2] + 1)
        prev2, prev = prev, row
    return prev[-1]


class Vocabulary:
    """The stems used in the directory, with a trigram index for near matches."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.stems: set[str] = set()
        for text in texts:
            self.stems.update(text.split())
        self._grams: dict[str, set[str]] = {}
        for stem in self.stems:
            for gram in _trigrams(stem):
                self._grams.setdefault(gram, set()).add(stem)

    def alternatives(self, stem: str) -> list[str]:
        """The stem itself if known (or too short to guess), else its nearest known stems."""
        if stem in self.stems or len(stem) < 4 or any(s.startswith(stem) for s in self._prefixed(stem)):
            return [stem]
        limit = 1 if len(stem) <= 5 else 2
        scored = sorted((edit_distance(stem, cand, limit), cand) for cand in self._candidates(stem))
        best = [cand for dist, cand in scored if dist <= limit]
        return best[:3] or [stem]

    def matches(self, alts: list[str]) -> bool:
        """Whether any of ``alts`` is a known stem or starts one."""
        return any(a in self.stems or any(s.startswith(a) for s in self._prefixed(a)) for a in alts)

    def _prefixed(self, stem: str) -> set[str]:
        """Known stems sharing the first two letters of ``stem``."""
        gram = f" {stem[:2]}" if len(stem) > 1 else f"  {stem}"
        return self._grams.get(gram, set())

    def _candidates(self, stem: str) -> set[str]:
        counts: dict[str, int] = {}
        for gram in _trigrams(stem):
            for cand in self._grams.get(gram, ()):
                counts[cand] = counts.get(cand, 0) + 1
        need = max(1, len(_trigrams(stem)) // 3)
        return {cand for cand, n in counts.items() if n >= need}


_vocab_cache: dict[str, tuple[tuple, Vocabulary]] = {}
_vocab_lock = threading.Lock()


S = m.ServiceSearch


def published() -> sa.ColumnElement[bool]:
    return m.Service.state == m.ServiceState.PUBLISHED


def vocabulary(session: Session) -> Vocabulary:
    """The vocabulary of published services, rebuilt only when the directory changed."""
    version = tuple(
        session.execute(
            sa.select(sa.func.count(S.service_id), sa.func.max(S.updated_at)).where(S.published.is_(True))
        ).one()
    )
    key = str(session.get_bind().url)
    with _vocab_lock:
        cached = _vocab_cache.get(key)
        if cached and cached[0] == version:
            return cached[1]
    texts = session.scalars(sa.select(S.text).where(S.published.is_(True)))
    vocab = Vocabulary(texts)
    with _vocab_lock:
        _vocab_cache[key] = (version, vocab)
    return vocab


def query_terms(query: str, vocab: Vocabulary) -> tuple[list[list[str]], list[str]]:
    """For each query word, the stems that may match it; and the words matching nothing.

    A word that matches nothing in the directory, even approximately, is left out (and
    reported) unless every word is like that, so "autism Exeter" still finds autism services.
    """
    wanted = [vocab.alternatives(stem) for stem in stems(query[:MAX_QUERY_CHARS])[:MAX_QUERY_WORDS]]
    known = [alts for alts in wanted if vocab.matches(alts)]
    unknown = [alts[0] for alts in wanted if not vocab.matches(alts)]
    return (known or wanted), (unknown if known else [])


# ------------------------------------------------------------------------ the query


@dataclasses.dataclass
class Filters:
    """What a family (or the API) asked for."""

    query: str = ""
    categories: list[str] = dataclasses.field(default_factory=list)  #: category codes
    needs: list[str] = dataclasses.field(default_factory=list)  #: SEN2 need codes
    age: int | None = None  #: serves a child of this age
    cost: str | None = None  #: "free" or "paid"
    near: Place | None = None
    radius_miles: float = 5.0
    page: int = 1
    per_page: int = 10


@dataclasses.dataclass
class Hit:
    service: m.Service
    distance_miles: float | None = None


@dataclasses.dataclass
class Results:
    hits: list[Hit]
    total: int
    page: int
    per_page: int
    corrected: dict[str, list[str]]  #: query stem -> the stems searched instead
    ignored: list[str] = dataclasses.field(default_factory=list)  #: words matching nothing

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))


def _like_any(column: sa.ColumnElement[str], alts: list[str]) -> sa.ColumnElement[bool]:
    return sa.or_(*(column.like(f"% {alt}%") for alt in alts))


def _term_filter(codes: list[str]) -> sa.ColumnElement[bool]:
    linked = (
        sa.select(m.ServiceAttribute.service_id)
        .join(m.TaxonomyTerm, m.TaxonomyTerm.id == m.ServiceAttribute.taxonomy_term_id)
        .where(m.TaxonomyTerm.code.in_(codes))
    )
    return S.service_id.in_(linked)


def serves_age(age: int) -> sa.ColumnElement[bool]:
    """The service is open to a child of ``age`` (open-ended ranges count)."""
    return sa.and_(
        sa.or_(S.minimum_age.is_(None), S.minimum_age <= age),
        sa.or_(S.maximum_age.is_(None), S.maximum_age >= age),
    )


def _conditions(filters: Filters, terms: list[list[str]]) -> list[sa.ColumnElement[bool]]:
    where = [S.published.is_(True)]
    where += [_like_any(S.text, alts) for alts in terms]
    if filters.categories:
        where.append(_term_filter(filters.categories))
    if filters.needs:
        where.append(_term_filter(filters.needs))
    if filters.age is not None:
        where.append(serves_age(filters.age))
    if filters.cost in ("free", "paid"):
        where.append(S.is_free.is_(filters.cost == "free"))
    return where


def _rank(terms: list[list[str]]) -> sa.ColumnElement[int]:
    parts = [sa.case((_like_any(S.name_text, alts), 3), else_=0) for alts in terms]
    parts += [sa.case((S.text.like(f"% {alts[0]} %"), 1), else_=0) for alts in terms]
    return sum(parts, sa.literal(0))


MILES_PER_DEGREE = 69.05  #: miles in one degree of latitude


def miles_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in miles."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 3958.8 * 2 * math.asin(math.sqrt(h))


def _nearness(place: Place, radius: float) -> tuple[sa.Subquery, float]:
    """Per service, the squared flat-earth distance (in degrees of latitude) of its nearest location.

    Over a few miles the flat-earth approximation is well within 0.1% of the great circle, and
    it is plain arithmetic, so SQLite and PostgreSQL compute it identically.
    """
    scale = math.cos(math.radians(place.latitude))
    dlat = radius / MILES_PER_DEGREE
    dlon = dlat / max(0.1, scale)
    dy = m.Location.latitude - place.latitude
    dx = (m.Location.longitude - place.longitude) * scale
    squared = dx * dx + dy * dy
    subquery = (
        sa.select(m.ServiceAtLocation.service_id.label("service_id"), sa.func.min(squared).label("d2"))
        .join(m.Location, m.Location.id == m.ServiceAtLocation.location_id)
        .where(m.Location.latitude.between(place.latitude - dlat, place.latitude + dlat))
        .where(m.Location.longitude.between(place.longitude - dlon, place.longitude + dlon))
        .where(squared <= dlat * dlat)
        .group_by(m.ServiceAtLocation.service_id)
        .subquery()
    )
    return subquery, dlat


def search(session: Session, filters: Filters) -> Results:
    """Published services matching ``filters``: best matches (then nearest, then by name) first, one page."""
    vocab = vocabulary(session) if filters.query.strip() else None
    terms, ignored = query_terms(filters.query, vocab) if vocab else ([], [])
    rank = (_rank(terms) if terms else sa.literal(0)).label("rank")
    where = _conditions(filters, terms)
    query = sa.select(S.service_id.label("id"), rank).where(*where)
    count = sa.select(sa.func.count(S.service_id)).where(*where)
    order: list = [rank.desc()]
    if filters.near is not None:
        near, _ = _nearness(filters.near, filters.radius_miles)
        query = query.add_columns(near.c.d2).join(near, near.c.service_id == S.service_id)
        count = count.join(near, near.c.service_id == S.service_id)
        order.append(near.c.d2)
    order += [S.sort_name, S.service_id]
    page = max(1, filters.page)
    rows = session.execute(query.order_by(*order).offset((page - 1) * filters.per_page).limit(filters.per_page)).all()
    miles = {r.id: math.sqrt(r.d2) * MILES_PER_DEGREE for r in rows} if filters.near is not None else {}
    asked = [s for s in stems(filters.query[:MAX_QUERY_CHARS])[:MAX_QUERY_WORDS] if s not in ignored]
    return Results(
        hits=[Hit(s, miles.get(s.id)) for s in load_services(session, [r.id for r in rows])],
        total=session.scalar(count) or 0,
        page=page,
        per_page=filters.per_page,
        corrected={stem: alts for stem, alts in zip(asked, terms, strict=False) if alts != [stem]},
        ignored=ignored,
    )


def load_services(session: Session, ids: list[str]) -> list[m.Service]:
    """Services by id, in the given order, with what a result card shows loaded."""
    if not ids:
        return []
    found = session.scalars(
        sa.select(m.Service).where(m.Service.id.in_(ids)).options(selectinload(m.Service.organization))
    ).all()
    by_id = {s.id: s for s in found}
    return [by_id[i] for i in ids if i in by_id]
