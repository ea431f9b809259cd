"""Identity resolution: which mentions in which files are the same person.

Keys, strongest first: the normalised LinkedIn profile URL, then the email address, then the
normalised name together with the organisation. A name alone never merges people across owners
(many people share a name); inside one owner's archive a name-only mention (a 2018 message, an
endorsement without URL) is matched to that owner's single contact of that name, and listed as
ambiguous when there are several. Merges that would join two different profile URLs are refused
and listed, never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

import pandas as pd

__all__ = ["normalise_url", "normalise_email", "normalise_name", "normalise_org", "resolve",
           "Resolution"]

_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_NON_WORD = re.compile(r"[^\w]+")
_LEGAL = re.compile(r"\b(inc|incorporated|ltd|limited|llc|gmbh|bv|nv|sa|ag|plc|co|corp|corporation)$")


def normalise_url(url: str) -> str:
    """``https://www.linkedin.com/in/<slug>`` for any way a LinkedIn profile URL is written.

    >>> normalise_url("WWW.LinkedIn.com/in/Anne-O%E2%80%99Neil/")
    'https://www.linkedin.com/in/anne-o’neil'
    """
    url = (url or "").strip()
    if not url:
        return ""
    if "://" not in url:
        url = "https://" + url
    parts = urlsplit(url)
    host = parts.netloc.lower()
    path = unquote(parts.path).rstrip("/")
    if host.endswith("linkedin.com"):
        match = re.match(r"/(in|pub)/([^/]+)", path, flags=re.IGNORECASE)
        if match:
            return f"https://www.linkedin.com/in/{match.group(2).lower()}"
    return f"https://{host}{path}".lower()


def normalise_email(email: str) -> str:
    email = (email or "").strip().lower()
    return email if "@" in email and " " not in email else ""


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", stripped.casefold()).strip()


def normalise_name(name: str) -> str:
    """Case, accents, pronouns in brackets and credentials after a comma do not tell people apart.

    >>> normalise_name("  Anne  Jansen, MSc, MBA (she/her)")
    'anne jansen'
    """
    name = _PAREN.sub(" ", name or "").split(",")[0]
    return _fold(name)


def normalise_org(org: str) -> str:
    """>>> normalise_org("Acme, Inc.")
    'acme'
    """
    folded = _fold(org or "")
    return _LEGAL.sub("", folded).strip()


@dataclass
class Resolution:
    """Result of :func:`resolve`: a person id for every mention, plus what could not be decided."""

    person_of: pd.Series  # mention id -> person id
    ambiguous: list[dict] = field(default_factory=list)
    merges: int = 0  # mentions folded into a person first named elsewhere (across files)


class _UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))
        self.urls: list[set[str]] = [set() for _ in range(n)]

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return root

    def can_union(self, a: int, b: int) -> bool:
        ua, ub = self.urls[self.find(a)], self.urls[self.find(b)]
        return not (ua and ub and ua != ub)

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra
            self.urls[ra] |= self.urls[rb]


def resolve(mentions: pd.DataFrame) -> Resolution:
    """Group mentions into people.

    ``mentions`` has one row per time a file names someone: ``mid`` (index), ``scope`` (the
    owner whose archive it came from), ``name``, ``url``, ``email``, ``organisation`` and
    ``anchor`` (True when the row establishes a person, e.g. a connection; False when it only
    refers to one, e.g. a message sender known by name). Returns a person id per mention.
    """
    keys = pd.DataFrame(
        {
            "scope": mentions["scope"],
            "url": mentions["url"].map(normalise_url),
            "email": mentions["email"].map(normalise_email),
            "name": mentions["name"].map(normalise_name),
            "org": mentions["organisation"].map(normalise_org),
            "anchor": mentions["anchor"],
        },
        index=mentions.index,
    )
    # Work on distinct key combinations: a contact named in 500 messages is one entry here.
    group_cols = ["scope", "url", "email", "name", "org", "anchor"]
    groups = (keys[group_cols].drop_duplicates().sort_values(group_cols)
              .reset_index(drop=True))
    codes = keys.merge(groups.reset_index(), on=group_cols, how="left")["index"].to_numpy()
    uf = _UnionFind(len(groups))
    for i, url in enumerate(groups["url"]):
        if url:
            uf.urls[i].add(url)
    ambiguous: list[dict] = []
    undecided: set[int] = set()  # groups that could be one of several people

    def union_all(key: str, label: str) -> None:
        present = groups[groups[key] != ""]
        for value, members in present.groupby(key, sort=True).groups.items():
            members = sorted(members)
            roots = sorted({uf.find(m) for m in members})
            urls = set().union(*(uf.urls[r] for r in roots))
            if len(urls) > 1:
                # Two different profiles share this email/name+organisation: merge only the
                # URL-less mentions that are unambiguous... none are: list them instead.
                urlless = [m for m in members if not uf.urls[uf.find(m)]]
                if urlless:
                    undecided.update(urlless)
                    ambiguous.append(
                        {"key": label, "value": value, "candidates": sorted(urls),
                         "mentions": len(urlless)}
                    )
                continue
            for other in roots[1:]:
                uf.union(roots[0], other)

    union_all("url", "url")
    union_all("email", "email")
    groups["name_org"] = [
        f"{n}|{o}" if n and o else "" for n, o in zip(groups["name"], groups["org"], strict=True)
    ]
    union_all("name_org", "name + organisation")

    # Name-only mentions: match within the owner's own scope, never across owners.
    name_only = groups[(groups["url"] == "") & (groups["email"] == "") & (groups["org"] == "")]
    named = groups[groups["name"] != ""]
    by_scope_name: dict[tuple[str, str], set[int]] = {}
    for i, scope, name in zip(named.index, named["scope"], named["name"], strict=True):
        if i not in name_only.index:
            by_scope_name.setdefault((scope, name), set()).add(uf.find(i))
    for (scope, name), members in name_only.groupby(["scope", "name"], sort=True).groups.items():
        members = sorted(members)
        for other in members[1:]:
            uf.union(members[0], other)
        if not name:
            continue
        candidates = {uf.find(c) for c in by_scope_name.get((scope, name), set())}
        if len(candidates) == 1:
            uf.union(candidates.pop(), members[0])
        elif len(candidates) > 1:
            undecided.update(members)
            ambiguous.append(
                {"key": "name within one owner's archive", "value": name,
                 "candidates": sorted(candidates), "mentions": len(members), "scope": scope}
            )

    roots = pd.Series([uf.find(i) for i in range(len(groups))])
    person_ids = _person_ids(groups, roots)
    # A mention that only refers to someone (a message, an endorsement) and could be one of
    # several people is left unresolved: its evidence is counted, not attached to a guess.
    group_ids = person_ids.loc[roots.to_numpy()].to_numpy().copy()
    for g in undecided:
        if not groups.at[g, "anchor"]:
            group_ids[g] = ""
    person_of = pd.Series(group_ids[codes], index=mentions.index)
    for entry in ambiguous:
        entry["candidates"] = sorted(
            person_ids.loc[uf.find(c)] if isinstance(c, int) else c for c in entry["candidates"]
        )
    resolved = person_of != ""
    first_scope = mentions[resolved].groupby(person_of[resolved].to_numpy())["scope"].nunique()
    merges = int((first_scope - 1).clip(lower=0).sum())
    return Resolution(person_of=person_of, ambiguous=ambiguous, merges=merges)


def _person_ids(groups: pd.DataFrame, roots: pd.Series) -> pd.Series:
    """A readable, stable id per root: its URL, else email, else name|organisation."""
    ids: dict[int, str] = {}
    frame = groups.assign(root=roots)
    for root, members in frame.groupby("root", sort=True):
        urls = sorted(u for u in members["url"] if u)
        emails = sorted(e for e in members["email"] if e)
        name_orgs = sorted(k for k in members["name_org"] if k)
        if urls:
            ids[root] = urls[0]
        elif emails:
            ids[root] = f"email:{emails[0]}"
        elif name_orgs:
            ids[root] = f"name:{name_orgs[0]}"
        else:
            ids[root] = f"name:{sorted(members['name'])[-1]}@{sorted(members['scope'])[0]}"
    seen: dict[str, int] = {}
    for root in sorted(ids):
        base = ids[root]
        seen[base] = seen.get(base, 0) + 1
        if seen[base] > 1:
            ids[root] = f"{base}#{seen[base]}"
    return pd.Series(ids).sort_index()
