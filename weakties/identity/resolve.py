"""Identity resolution: which mentions in which files are the same person.

Keys, strongest first: the normalised LinkedIn profile URL, then the email address, then the
normalised name together with the organisation. A name alone never merges people across owners
(many people share a name); inside one owner's archive a name-only mention (a 2018 message, an
endorsement without URL) is matched to that owner's single contact of that name, and listed as
ambiguous when there are several. Merges that would join two different profile URLs are refused
and listed, never guessed.

Two additions serve the other importers: a mention may carry an explicit ``key`` (an edge
list's node label), which is then its person id and is matched only to the same key; and
``email`` may hold several addresses joined by " ::: " (an address book entry), any of which
matches. :func:`match_people` finds the people a ties file names, among those resolved.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

import numpy as np
import pandas as pd

from weakties._frames import columns, values

__all__ = ["normalise_url", "normalise_email", "normalise_emails", "normalise_name",
           "normalise_org", "resolve", "Resolution", "map_unique", "match_people", "EMAILS_SEP"]

#: Separator of several addresses in one ``email`` cell (Google Contacts' own multi-value one).
EMAILS_SEP = " ::: "

_CANONICAL = re.compile(r"https://www\.linkedin\.com/in/[a-zA-Z0-9_-]+")
_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_NON_WORD = re.compile(r"[^\w]+")
_LEGAL = re.compile(
    r"\b(inc|incorporated|ltd|limited|llc|gmbh|bv|nv|sa|ag|plc|co|corp|corporation)$"
)


def normalise_url(url: str) -> str:
    """``https://www.linkedin.com/in/<slug>`` for any way a LinkedIn profile URL is written.

    >>> normalise_url("WWW.LinkedIn.com/in/Anne-O%E2%80%99Neil/")
    'https://www.linkedin.com/in/anne-o’neil'
    """
    url = (url or "").strip()
    if not url:
        return ""
    if _CANONICAL.fullmatch(url):  # the 2023+ Connections.csv form: only the slug's case varies
        return url.lower()
    if "://" not in url:
        url = "https://" + url
    try:
        parts = urlsplit(url)
    except ValueError:  # "https://[www…": urllib refuses it; the text itself is the key
        return url.lower()
    host = parts.netloc.lower()
    path = unquote(parts.path).rstrip("/")
    if host.endswith("linkedin.com"):
        # Old public URLs carry the member id in three parts after the name, in reverse order:
        # /pub/jane-doe/a7/576/b50 is /in/jane-doe-b50576a7 (the middle parts are zero-padded
        # hex). Dropping the parts would merge every "jane-doe" into one person.
        match = re.match(r"/pub/([^/]+)/([0-9a-f]+)/([0-9a-f]+)/([0-9a-f]+)(/|$)", path,
                         flags=re.IGNORECASE)
        if match:
            name, a, b, c = (g.lower() for g in match.groups()[:4])
            return f"https://www.linkedin.com/in/{name}-{c.zfill(3)}{b.zfill(3)}{a}"
        match = re.match(r"/(in|pub)/([^/]+)", path, flags=re.IGNORECASE)
        if match:
            return f"https://www.linkedin.com/in/{match.group(2).lower()}"
    return f"https://{host}{path}".lower()


def normalise_email(email: str) -> str:
    email = (email or "").strip().lower()
    return email if "@" in email and " " not in email else ""


def normalise_emails(emails: str) -> str:
    """Every address of an ``a@x ::: b@y`` cell, normalised, sorted, joined by :data:`EMAILS_SEP`.

    >>> normalise_emails("B@y.example ::: a@x.example"), normalise_emails("A@x.example")
    ('a@x.example ::: b@y.example', 'a@x.example')
    """
    if EMAILS_SEP.strip() not in (emails or ""):
        return normalise_email(emails)
    parts = {normalise_email(part) for part in emails.split(EMAILS_SEP.strip())}
    return EMAILS_SEP.join(sorted(parts - {""}))


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
    """Case, accents, punctuation and one trailing legal form do not tell organisations apart.

    >>> normalise_org("Acme, Inc.")
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
    #: Every merge with the key that made it: {"person", "key", "value", "records", "inputs"}
    #: (records: the mentions joined; inputs: the owners' inputs they came from).
    merge_log: list[dict] = field(default_factory=list)


class _UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))
        self.urls: list[set[str]] = [set() for _ in range(n)]
        self.log: list[tuple[tuple[str, str], int, int]] = []

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

    def union(self, a: int, b: int, why: tuple[str, str] | None = None) -> None:
        """Join a's and b's sets; ``why`` (key, value) is logged when they were apart."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb and why is not None:
            self.log.append((why, a, b))
        if ra != rb:
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra
            self.urls[ra] |= self.urls[rb]


def resolve(mentions: pd.DataFrame, same: Iterable[Iterable[int]] = ()) -> Resolution:
    """Group mentions into people.

    ``mentions`` has one row per time a file names someone: ``mid`` (index), ``scope`` (the
    owner whose archive it came from), ``name``, ``url``, ``email`` (several addresses joined by
    " ::: " allowed), ``organisation``, ``anchor`` (True when the row establishes a person, e.g.
    a connection; False when it only refers to one, e.g. a message sender known by name) and,
    optionally, ``key``: when set, the person id itself, matched only to the same key (an edge
    list's node label says exactly who is who; no URL, email or name rule applies to it).
    ``same`` lists groups of mention ids the caller knows to be one person (the owner of several
    inputs, named alike); they are merged unless that would join two profile URLs. Returns a
    person id per mention.
    """
    key = mentions["key"] if "key" in mentions.columns else pd.Series("", index=mentions.index)
    keyed = key.fillna("").astype(str) != ""
    # Keyed mentions (a million-edge list's labels) need no normalised URL, email or name.
    rest = mentions[~keyed]
    def optional(col: str) -> pd.Series:
        # Phones (E.164) and platform handles come normalised from their importers.
        if col not in rest.columns:
            return pd.Series("", index=rest.index, dtype=object)
        return rest[col].fillna("").astype(str).str.strip()

    keys = pd.DataFrame(
        {
            "scope": mentions["scope"],
            "key": key.fillna("").astype(str),
            "url": map_unique(rest["url"], normalise_url),
            "email": map_unique(rest["email"], normalise_emails),
            "phone": optional("phone"),
            "handle": optional("handle"),
            "name": map_unique(rest["name"], normalise_name),
            "org": map_unique(rest["organisation"], normalise_org),
            "anchor": mentions["anchor"],
        },
        index=mentions.index,
    )
    text = ["url", "email", "phone", "handle", "name", "org"]
    keys[text] = keys[text].fillna("")
    # Work on distinct key combinations: a contact named in 500 messages is one entry here.
    group_cols = ["scope", "key", "url", "email", "phone", "handle", "name", "org", "anchor"]
    groups = (keys[group_cols].drop_duplicates().sort_values(group_cols)
              .reset_index(drop=True))
    codes = keys.merge(groups.reset_index(), on=group_cols, how="left")["index"].to_numpy()
    uf = _UnionFind(len(groups))
    for i, url in enumerate(values(groups["url"])):
        if url:
            uf.urls[i].add(url)
    ambiguous: list[dict] = []
    undecided: set[int] = set()  # groups that could be one of several people

    position = pd.Series(range(len(mentions)), index=mentions.index)
    for mids in same:
        members = sorted({int(codes[position[m]]) for m in mids})
        for other in members[1:]:
            if uf.can_union(members[0], other):
                uf.union(members[0], other, ("the owner, named alike in several inputs", ""))

    # An address book entry with several addresses is one key per address.
    # An address book entry with several addresses (or phone numbers) is one key per value.
    split = {}
    for col in ("email", "phone"):
        parts = groups[col].str.split(EMAILS_SEP, regex=False).explode()
        split[col] = parts[parts.fillna("") != ""]

    def union_all(key: str, label: str) -> None:
        present = (split[key] if key in split else groups[groups[key] != ""][key]).to_frame(key)
        # A value only one group has can neither merge nor conflict: skip it (most of them).
        present = present[present.duplicated(key, keep=False)]
        for value, members in present.groupby(key, sort=True).groups.items():
            members = sorted(members.tolist())
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
                uf.union(roots[0], other, (label, value))

    union_all("key", "key")
    union_all("url", "url")
    union_all("email", "email")
    union_all("phone", "phone")
    union_all("handle", "handle")
    groups["name_org"] = [
        f"{n}|{o}" if n and o else ""
        for n, o in zip(*columns(groups, ["name", "org"]), strict=True)
    ]
    union_all("name_org", "name + organisation")
    _link_to_urlless_contacts(groups, uf, ambiguous)

    # Name-only mentions: match within the owner's own scope, never across owners.
    name_only = groups[(groups["url"] == "") & (groups["email"] == "") & (groups["org"] == "")
                       & (groups["key"] == "") & (groups["phone"] == "")
                       & (groups["handle"] == "")]
    named = groups[groups["name"] != ""]
    by_scope_name: dict[tuple[str, str], set[int]] = {}
    for i, scope, name in zip(values(named.index), *columns(named, ["scope", "name"]),
                              strict=True):
        if i not in name_only.index:
            by_scope_name.setdefault((scope, name), set()).add(uf.find(i))
    for (scope, name), members in name_only.groupby(["scope", "name"], sort=True).groups.items():
        members = sorted(members)
        if not name:
            for other in members[1:]:
                uf.union(members[0], other)
            continue
        # A name-only connection (a row without URL or company) is a contact of its own: one
        # of the candidates, never merged with a namesake who has a company or URL.
        refs = [m for m in members if not groups.at[m, "anchor"]]
        contacts = {uf.find(m) for m in members if groups.at[m, "anchor"]}
        if not refs:
            continue
        for other in refs[1:]:
            uf.union(refs[0], other)
        candidates = {uf.find(c) for c in by_scope_name.get((scope, name), set())} | contacts
        if len(candidates) == 1:
            uf.union(candidates.pop(), refs[0], ("name within one owner's data", name))
        elif len(candidates) > 1:
            undecided.update(refs)
            ambiguous.append(
                {"key": "name within one owner's archive", "value": name,
                 "candidates": sorted(candidates), "mentions": len(refs), "scope": scope}
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
    return Resolution(person_of=person_of, ambiguous=ambiguous, merges=merges,
                      merge_log=_merge_log(uf, groups, codes, person_ids))


def _merge_log(uf: _UnionFind, groups: pd.DataFrame, codes, person_ids: pd.Series) -> list[dict]:
    """One row per (person, key, value) that joined records, with the records it joined."""
    if not uf.log:
        return []
    sizes = np.bincount(codes, minlength=len(groups))
    joined: dict[tuple[str, str, str], set[int]] = {}
    for (key, value), a, b in uf.log:
        person = person_ids.loc[uf.find(a)]
        joined.setdefault((person, key, str(value)), set()).update((a, b))
    scopes = groups["scope"].tolist()
    return [{"person": person, "key": key, "value": value,
             "records": int(sum(sizes[g] for g in members)),
             "inputs": " ; ".join(sorted({scopes[g] for g in members}))}
            for (person, key, value), members in sorted(joined.items())]


def _link_to_urlless_contacts(groups: pd.DataFrame, uf: _UnionFind, ambiguous: list[dict]) -> None:
    """A message sender with a URL is the owner's single URL-less contact of that name.

    Connections.csv had no URL column before 2023 while messages.csv had sender URLs from 2020:
    without this, every contact of a 2020–2022 archive who sent a message would be two people
    (the connection, keyed by name + organisation, and the sender, keyed by URL). Like the
    name-only rule it stays inside one owner's archive, only links a sender not yet tied to any
    connection of that owner, and lists the choice when there are several.
    """
    anchor = groups["anchor"].astype(bool)
    anchors: dict[str, list[int]] = {}
    anchors_named: dict[tuple[str, str], list[int]] = {}
    anchored = groups[anchor]
    for i, scope, name in zip(values(anchored.index), *columns(anchored, ["scope", "name"]),
                              strict=True):
        anchors.setdefault(scope, []).append(int(i))
        if name:
            anchors_named.setdefault((scope, name), []).append(int(i))
    floating = groups[(groups["url"] != "") & ~anchor & (groups["name"] != "")]
    # Roots of each owner's contacts, computed once per owner and kept up to date below
    # (recomputing them per name made a 30,000-contact archive take seconds).
    contacts_of: dict[str, set[int]] = {}
    for (scope, name), members in floating.groupby(["scope", "name"], sort=True).groups.items():
        if scope not in contacts_of:
            contacts_of[scope] = {uf.find(i) for i in anchors.get(scope, [])}
        contacts = contacts_of[scope]
        senders = sorted({uf.find(int(m)) for m in members} - contacts)
        candidates = sorted({uf.find(i) for i in anchors_named.get((scope, name), [])})
        urlless = [c for c in candidates if not uf.urls[c]]
        if not senders or not urlless:
            continue  # already a contact of this owner, or no URL-less contact of that name
        if len(senders) == 1 and len(candidates) == 1:
            contacts.discard(candidates[0])
            uf.union(candidates[0], senders[0],
                     ("name within one owner's data (a message sender's URL)", name))
            contacts.add(uf.find(candidates[0]))
        else:
            ambiguous.append(
                {"key": "name within one owner's archive", "value": name,
                 "candidates": candidates, "mentions": len(senders), "scope": scope}
            )


def _person_ids(groups: pd.DataFrame, roots: pd.Series) -> pd.Series:
    """A readable, stable id per root: its URL, else email, else name|organisation."""
    # An entry with several addresses is named after the first (they are sorted).
    frame = groups.assign(root=roots, email=groups["email"].str.split(EMAILS_SEP).str[0],
                          phone=groups["phone"].str.split(EMAILS_SEP).str[0])
    everyone = pd.Index(sorted(frame["root"].unique()))

    def smallest(col: str) -> pd.Series:
        filled = frame[frame[col] != ""].sort_values(["root", col])
        return filled.drop_duplicates("root").set_index("root")[col].reindex(everyone)

    name_only = frame.sort_values(["root", "name", "scope"]).drop_duplicates("root", keep="last")
    name_only = name_only.set_index("root").reindex(everyone)
    ids = (smallest("key")
           .fillna(smallest("url"))
           .fillna("email:" + smallest("email"))
           # name|organisation before phone: an address book entry keeps the id it had
           # before its phone numbers were read.
           .fillna("name:" + smallest("name_org"))
           .fillna("tel:" + smallest("phone"))
           .fillna(smallest("handle"))
           .fillna("name:" + name_only["name"] + "@" + name_only["scope"]))
    # Roots holding a connection get the plain id first: a mention left unresolved (whose id
    # is never used) must not push a real contact to "#2".
    anchored = frame.groupby("root")["anchor"].any().reindex(everyone).astype(bool)
    order = (~anchored).sort_values(kind="stable").index
    repeat = ids.loc[order].groupby(ids.loc[order]).cumcount().reindex(everyone)
    return ids.where(repeat == 0, ids + "#" + (repeat + 1).astype(str))


def map_unique(column: pd.Series, fn) -> pd.Series:
    """``column.map(fn)`` computed once per distinct value (names repeat across messages).

    The result is an object column: ``Series.map`` would infer pandas' Arrow strings, whose
    row filters cost seconds on the half a million chat messages of workload E.
    """
    codes, distinct = pd.factorize(column, use_na_sentinel=True)
    if (codes < 0).any():  # missing values: as Series.map gives them
        distinct = values(column.unique())
        return column.map(dict(zip(distinct, map(fn, distinct), strict=True)))
    out = np.empty(len(distinct), dtype=object)
    for i, value in enumerate(values(distinct)):
        out[i] = fn(value)
    return pd.Series(out[codes], index=column.index, dtype=object)


#: Why a reference (a ties-file cell) names nobody, or nobody in particular.
NO_URL = "no one with this URL"
NO_EMAIL = "no one with this email or account address"
NO_NAME = "no one of this name"
SEVERAL = "several people fit"

_NICKNAME = re.compile(r'"[^"]*"|“[^”]*”')
# Domain labels hold no dot: one way to match, no quadratic backtracking on "x.x.x.…".
_ACCOUNT = re.compile(r"@?([^@\s/]+)@([^@\s/.]+(?:\.[^@\s/.]+)+)")


def _looks_like_url(text: str) -> bool:
    lower = text.lower()
    return "://" in lower or lower.startswith("www.") or "linkedin.com/" in lower


def match_people(
    values: pd.Series, mentions: pd.DataFrame, person_of: pd.Series
) -> tuple[pd.Series, pd.Series]:
    """The person each reference names, among the people resolved from ``mentions``.

    A reference is a node id (an edge-list label), a profile URL, an email or Mastodon
    address, or a name; the first form it fits decides how it is matched. A name matches when
    exactly one person has it (a quoted nickname may be left out: ``Anne "Annie" O'Neil`` is
    ``Anne O'Neil``); with several, nobody is guessed. Returns ``(person id or "", reason or "")``
    per value, the reason one of :data:`NO_URL`, :data:`NO_EMAIL`, :data:`NO_NAME` and
    :data:`SEVERAL`.
    """
    resolved = person_of != ""
    m, pid = mentions[resolved], person_of[resolved]
    ids = set(pid)

    def index(keys: pd.Series) -> dict[str, set[str]]:
        frame = pd.DataFrame({"key": keys.to_numpy(), "pid": pid.loc[keys.index].to_numpy()})
        frame = frame[frame["key"].fillna("") != ""]
        return {k: set(v) for k, v in frame.groupby("key")["pid"]}

    by_url = index(map_unique(m["url"], normalise_url))
    by_email = index(map_unique(m["email"], normalise_emails).str.split(EMAILS_SEP).explode())
    names = map_unique(m["name"], normalise_name)
    plain = map_unique(m["name"], lambda n: normalise_name(_NICKNAME.sub(" ", n)))
    by_name = index(pd.concat([names, plain]))

    def one(text: str) -> tuple[str, str]:
        text = " ".join(str(text).split())
        if text in ids:
            return text, ""
        if _looks_like_url(text):
            hits, miss = by_url.get(normalise_url(text), set()), NO_URL
        elif _ACCOUNT.fullmatch(text):
            hits, miss = by_email.get(normalise_email(text.lstrip("@")), set()), NO_EMAIL
            if not hits:  # a Mastodon address: user@domain is https://domain/@user
                user, domain = _ACCOUNT.fullmatch(text).groups()
                hits = by_url.get(normalise_url(f"https://{domain}/@{user}"), set())
        else:
            hits, miss = by_name.get(normalise_name(text), set()), NO_NAME
        if len(hits) == 1:
            return next(iter(hits)), ""
        return "", (SEVERAL if hits else miss)

    distinct = values.unique()
    found = dict(zip(distinct, map(one, distinct), strict=True))
    pairs = values.map(found)
    return pairs.str[0], pairs.str[1]
