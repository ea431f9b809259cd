"""Address books as CSV: Google Contacts (both layouts), Outlook, Thunderbird and any other CSV.

Each becomes the same table (name, emails, organisation, position, location, LinkedIn URL): the
owner's contacts. Google repeats column groups (``E-mail 1 - Value``, ``E-mail 2 - Value`` …) as
far as its widest contact needs, so groups are found by name pattern, never by position. Any
other CSV is read when its header has a name column and an email or organisation column
(:data:`GENERIC_COLUMNS`); ``--columns name=Full Name,organisation=Company`` names them when the
guess fails.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from weakties.errors import WeaktiesError
from weakties.importers._csv import RawTable, any_match, map_distinct, read_table, strip_spaces
from weakties.importers.base import FileTable, Format, make_table

if TYPE_CHECKING:  # annotations only: parsers import pandas when they parse (see base.py)
    import pandas as pd

__all__ = [
    "CONTACT_FORMATS",
    "FIELDS",
    "GENERIC_COLUMNS",
    "mapped_format",
    "parse_columns",
    "parse_google",
    "parse_outlook",
    "parse_thunderbird",
]

#: Google's multi-value separator (``a@x ::: b@y``); the contacts tables join emails with it.
MULTI = " ::: "
NO_KEY = "no name, email or organisation"

#: The fields a contacts table has, as ``--columns FIELD=HEADER`` names them.
FIELDS = ("name", "first_name", "last_name", "email", "organisation", "position", "location",
          "url", "phone")
_FIELD_ALIASES = {"organization": "organisation", "company": "organisation", "org":
                  "organisation", "title": "position", "job_title": "position", "first":
                  "first_name", "last": "last_name", "full_name": "name", "e-mail": "email",
                  "linkedin": "url", "mobile": "phone", "telephone": "phone"}

#: How a CSV of unknown origin is read: for each field, the headers that fill it (compared
#: case-insensitively, first present wins). A file is a contacts CSV when it has a name column
#: (``name`` or ``first_name``/``last_name``) and an ``email`` or ``organisation`` column. The
#: README lists this table; ``--columns`` overrides any field.
GENERIC_COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("name", "full name", "display name", "contact name", "contact", "person"),
    "first_name": ("first name", "given name", "firstname", "forename", "first",
                   "vorname", "prénom", "prenom", "nombre", "voornaam"),
    "last_name": ("last name", "family name", "surname", "lastname", "last",
                  "nachname", "nom", "apellidos", "achternaam"),
    "email": ("email", "e-mail", "email address", "e-mail address", "mail", "primary email",
              "work email", "emailaddress", "email addresses", "e-mail-adresse", "courriel",
              "correo electrónico"),
    "organisation": ("organisation", "organization", "company", "company name", "employer",
                     "org", "firma", "société", "societe", "empresa", "bedrijf"),
    "position": ("position", "job title", "role", "occupation", "function", "title"),
    "location": ("location", "city"),
    # Only LinkedIn profile URLs are kept: any other web page is not an identity.
    "url": ("linkedin", "linkedin url", "linkedin profile", "profile url", "url"),
    # Phone numbers as written (normalised to E.164 where they link people: identity).
    "phone": ("phone", "mobile", "mobile phone", "phone number", "telephone", "tel", "cell",
              "handy", "telefon", "téléphone", "telefono", "teléfono", "puhelin"),
}

SIGNATURES = {
    "google-contacts": "First Name,Middle Name,Last Name,…,File As,Organization Name,"
    "Organization Title,…,Labels,E-mail 1 - Label,E-mail 1 - Value,…",
    "google-contacts-legacy": "Name,Given Name,Additional Name,Family Name,…,Group Membership,"
    "E-mail 1 - Type,E-mail 1 - Value,…,Organization 1 - Name,…,Organization 1 - Title,…",
    "outlook-contacts": "First Name,Middle Name,Last Name,…,E-mail Address,…,Company,…,"
    "Job Title,… (Outlook.com; desktop Outlook quotes every field)",
    "thunderbird-contacts": "First Name,Last Name,Display Name,Nickname,Primary Email,"
    "Secondary Email,…,Job Title,Department,Organization,…",
    "contacts-csv": "any CSV with a name column and an email or organisation column "
    "(see GENERIC_COLUMNS; --columns name=Full Name,organisation=Company for the rest)",
}

_GOOGLE_EMAIL = re.compile(r"e-mail (\d+) - value")
_GOOGLE_ORG = re.compile(r"organization (\d+) - name")
_GOOGLE_TITLE = re.compile(r"organization (\d+) - title")
_GOOGLE_WEBSITE = re.compile(r"website (\d+) - value")
_GOOGLE_PHONE = re.compile(r"phone (\d+) - value")


# --- header predicates (cells stripped and lower-cased) -----------------------------------------


def _any(cells: Iterable[str], pattern: re.Pattern[str]) -> bool:
    return any(pattern.fullmatch(c) for c in cells)


def _is_google(cells: list[str]) -> bool:
    found = set(cells)
    return {"first name", "last name", "file as"} <= found and (
        "labels" in found or _any(found, re.compile(r"e-mail \d+ - (label|value)")))


def _is_google_legacy(cells: list[str]) -> bool:
    found = set(cells)
    return {"given name", "family name"} <= found and (
        "group membership" in found or _any(found, _GOOGLE_EMAIL))


def _is_outlook(cells: list[str]) -> bool:
    found = set(cells)
    return ({"first name", "last name", "e-mail address"} <= found
            and bool({"job title", "company"} & found) and "file as" not in found)


def _is_thunderbird(cells: list[str]) -> bool:
    return {"first name", "last name", "display name", "primary email"} <= set(cells)


def _guess(cells: Iterable[str]) -> dict[str, str]:
    """Field -> header (normalised) of a CSV of unknown origin, by :data:`GENERIC_COLUMNS`."""
    found = set(cells)
    return {field: next(h for h in headers if h in found)
            for field, headers in GENERIC_COLUMNS.items() if any(h in found for h in headers)}


def _is_generic(cells: list[str]) -> bool:
    guess = _guess(cells)
    named = "name" in guess or "first_name" in guess or "last_name" in guess
    return named and ("email" in guess or "organisation" in guess)


# --- shared helpers ------------------------------------------------------------------------------


def _numbered(raw: RawTable, pattern: re.Pattern[str]) -> list[pd.Series]:
    """Columns of a repeated group (``E-mail 1 - Value``, ``E-mail 2 - Value`` …) in number order,
    wherever they sit in the header."""
    names = sorted((int(m.group(1)), c) for c in raw.frame.columns if (m := pattern.fullmatch(c)))
    return [raw.frame[c] for _, c in names]


def _split_emails(text: str) -> str:
    """Every address in a cell (``a@x ::: b@y``, ``a@x; b@y``), de-duplicated, joined by MULTI."""
    seen: dict[str, str] = {}
    for part in re.split(r"\s*:::\s*|[\s;,]+", text):
        part = part.strip().strip("<>")
        if "@" in part and part.casefold() not in seen:
            seen[part.casefold()] = part
    return MULTI.join(seen.values())


def _emails(columns: list[pd.Series], index: pd.Index) -> pd.Series:
    """All addresses of each row over several columns (computed once per distinct cell text)."""
    import pandas as pd

    if not columns:
        return pd.Series("", index=index, dtype=object)
    joined = columns[0]
    for col in columns[1:]:
        joined = joined + MULTI + col
    return map_distinct(joined, _split_emails)


def _split_phones(text: str) -> str:
    """Every phone number in a cell (``+31 6 1234 5678 ::: 020 123 4567``, ``…; …``) as written,
    de-duplicated, joined by MULTI; parts with fewer than 5 digits are not numbers."""
    seen: dict[str, str] = {}
    for part in re.split(r"\s*:::\s*|\s*[;,/]\s*", text or ""):
        part = " ".join(part.split())
        digits = re.sub(r"\D", "", part)
        if len(digits) >= 5 and digits not in seen:
            seen[digits] = part
    return MULTI.join(seen.values())


def _phones(columns: list[pd.Series], index: pd.Index) -> pd.Series:
    """All phone numbers of each row over several columns (once per distinct cell text)."""
    import pandas as pd

    if not columns:
        return pd.Series("", index=index, dtype=object)
    joined = columns[0]
    for col in columns[1:]:
        joined = joined + MULTI + col
    distinct = joined.unique()
    return joined.map(dict(zip(distinct, map(_split_phones, distinct), strict=True)))


def _first_value(values: pd.Series) -> pd.Series:
    """The first of Google's ``a ::: b`` multi-values."""
    if any_match(values, ":::"):
        values = values.str.split(":::", n=1).str[0].str.strip()
    return values


def _first_filled(columns: list[pd.Series], index: pd.Index) -> pd.Series:
    """Per row, the first non-empty value across ``columns``."""
    import pandas as pd

    out = pd.Series("", index=index, dtype=object)
    for col in columns:
        col = _first_value(col)
        out = out.where(out != "", col)
    return out


def _linkedin_url(columns: list[pd.Series], index: pd.Index) -> pd.Series:
    """Per row, the first value that is a LinkedIn profile URL (an address book's web pages are
    personal sites, blogs … and only a LinkedIn URL identifies a person across files)."""
    import pandas as pd

    out = pd.Series("", index=index, dtype=object)
    for col in columns:
        pieces = col.str.split(":::").explode().str.strip() if any_match(col, ":::") else col
        hit = pieces[pieces.str.contains("linkedin.com/", case=False, regex=False)]
        first = hit[~hit.index.duplicated()].reindex(index).fillna("")
        out = out.where(out != "", first)
    return out


def _join_names(*parts: pd.Series) -> pd.Series:
    joined = parts[0]
    for part in parts[1:]:
        joined = joined + " " + part
    return strip_spaces(joined)


def _contacts_table(path: str, fmt: str, raw: RawTable, *, name: pd.Series, emails: pd.Series,
                    organisation: pd.Series, position: pd.Series, location: pd.Series,
                    url: pd.Series, phones: pd.Series | None = None) -> FileTable:
    """Fall back from name to organisation to email (as Google's own "File As" does), skip rows
    with none of them, and build the table."""
    import pandas as pd

    organisation = strip_spaces(organisation)
    name = name.where(name != "", organisation)
    name = name.where(name != "", emails.str.split(MULTI, regex=False).str[0].fillna(""))
    keep = (name != "") | (emails != "") | (url != "")
    skipped = Counter({NO_KEY: int((~keep).sum())})
    notes = []
    if raw.decoded.replaced:
        notes.append(f"{raw.decoded.replaced} invalid UTF-8 byte(s) replaced")
    columns = {"name": name, "email": emails, "organisation": organisation,
               "position": strip_spaces(position), "location": strip_spaces(location),
               "url": url,
               "phone": phones if phones is not None else pd.Series("", index=name.index,
                                                                    dtype=object)}
    return make_table(path, fmt, columns, raw.lines, keep, skipped, notes)


def _read(data: bytes, path: str, fmt: str, matches: Callable[[list[str]], bool],
          what: str) -> RawTable:
    return read_table(data, path, matches, what=what, signature=SIGNATURES[fmt])


# --- Google Contacts -----------------------------------------------------------------------------


def _parse_google(data: bytes, path: str, fmt: str, matches: Callable[[list[str]], bool]
                  ) -> FileTable:
    raw = _read(data, path, fmt, matches, "Google Contacts CSV")
    idx = raw.frame.index
    col = raw.col
    if fmt == "google-contacts-legacy":
        parts = _join_names(col("given name"), col("additional name"), col("family name"))
        name = strip_spaces(col("name"))
        name = name.where(name != "", parts)
    else:
        name = _join_names(col("first name"), col("middle name"), col("last name"))
    name = name.where(name != "", strip_spaces(col("file as")))
    organisation = _first_filled([col("organization name"), *_numbered(raw, _GOOGLE_ORG)], idx)
    position = _first_filled([col("organization title"), *_numbered(raw, _GOOGLE_TITLE)], idx)
    return _contacts_table(
        path, fmt, raw, name=name, emails=_emails(_numbered(raw, _GOOGLE_EMAIL), idx),
        organisation=organisation, position=position, location=_first_value(col("location")),
        url=_linkedin_url(_numbered(raw, _GOOGLE_WEBSITE), idx),
        phones=_phones(_numbered(raw, _GOOGLE_PHONE), idx),
    )


def parse_google(data: bytes, path: str) -> FileTable:
    """Google Contacts CSV, current layout (``First Name,…,File As,…,E-mail 1 - Label,…``).

    >>> t = parse_google(b"First Name,Last Name,File As,Labels,E-mail 1 - Label,"
    ...     b"E-mail 1 - Value\\nAnne,Jansen,,* myContacts,* Work,a@x.example ::: b@y.example",
    ...     "contacts.csv")
    >>> t.frame.loc[0, ["name", "email"]].tolist()
    ['Anne Jansen', 'a@x.example ::: b@y.example']
    """
    return _parse_google(data, path, "google-contacts", _is_google)


def parse_google_legacy(data: bytes, path: str) -> FileTable:
    """Google Contacts CSV, legacy layout (``Name,Given Name,…,E-mail 1 - Type,…``)."""
    return _parse_google(data, path, "google-contacts-legacy", _is_google_legacy)


# --- Outlook, Thunderbird ------------------------------------------------------------------------


def parse_outlook(data: bytes, path: str) -> FileTable:
    """Outlook.com and desktop Outlook CSV (all-quoted, ~92 columns, often a Windows code page:
    decoding and header location are :func:`read_table`'s)."""
    fmt = "outlook-contacts"
    raw = _read(data, path, fmt, _is_outlook, "Outlook contacts CSV")
    idx, col = raw.frame.index, raw.col
    name = _join_names(col("first name"), col("middle name"), col("last name"))
    # Exchange entries hold an X.500 path, not an address, in "E-mail Address": _emails drops it.
    emails = _emails([col("e-mail address"), col("e-mail 2 address"), col("e-mail 3 address")], idx)
    return _contacts_table(
        path, fmt, raw, name=name, emails=emails, organisation=col("company"),
        position=col("job title"),
        location=_first_filled([col("business city"), col("home city")], idx),
        url=_linkedin_url([col("web page")], idx),
        phones=_phones([col(c) for c in ("mobile phone", "primary phone", "home phone",
                                         "home phone 2", "business phone", "business phone 2",
                                         "other phone")], idx),
    )


def parse_thunderbird(data: bytes, path: str) -> FileTable:
    """Thunderbird address book CSV (``…,Display Name,Nickname,Primary Email,…``)."""
    fmt = "thunderbird-contacts"
    raw = _read(data, path, fmt, _is_thunderbird, "Thunderbird address book CSV")
    idx, col = raw.frame.index, raw.col
    name = strip_spaces(col("display name"))
    name = name.where(name != "", _join_names(col("first name"), col("last name")))
    return _contacts_table(
        path, fmt, raw, name=name,
        emails=_emails([col("primary email"), col("secondary email")], idx),
        organisation=col("organization"), position=col("job title"),
        location=_first_filled([col("work city"), col("home city")], idx),
        url=_linkedin_url([col("web page 1"), col("web page 2")], idx),
        phones=_phones([col("mobile number"), col("work phone"), col("home phone")], idx),
    )


# --- any other CSV -------------------------------------------------------------------------------


def _parse_generic(data: bytes, path: str, mapping: dict[str, str] | None = None) -> FileTable:
    import pandas as pd

    fmt = "contacts-csv"
    wanted = {field: _norm(header) for field, header in (mapping or {}).items()}

    def matches(cells: list[str]) -> bool:
        if wanted:
            return all(h in cells for h in wanted.values())
        return _is_generic(cells)

    what = "contacts CSV" + (" (--columns)" if wanted else "")
    raw = _read(data, path, fmt, matches, what)
    chosen = {**_guess(raw.frame.columns), **wanted}
    idx = raw.frame.index

    def col(field: str) -> pd.Series:
        return raw.col(chosen[field]) if field in chosen else pd.Series("", index=idx, dtype=object)

    name = strip_spaces(col("name"))
    name = name.where(name != "", _join_names(col("first_name"), col("last_name")))
    return _contacts_table(
        path, fmt, raw, name=name, emails=_emails([col("email")], idx),
        organisation=col("organisation"), position=col("position"), location=col("location"),
        url=_linkedin_url([col("url")], idx),
        phones=_phones([col("phone")], idx),
    )


def parse_generic(data: bytes, path: str) -> FileTable:
    """Any CSV whose header has a name column and an email or organisation column.

    >>> t = parse_generic(b"Full Name,Company,E-mail\\nAnne Jansen,Acme,anne@acme.example",
    ...                   "people.csv")
    >>> t.frame.loc[0, ["name", "organisation", "email"]].tolist()
    ['Anne Jansen', 'Acme', 'anne@acme.example']
    """
    return _parse_generic(data, path)


def _norm(header: str) -> str:
    return " ".join(header.replace("\ufeff", "").strip().strip('"').split()).lower()


def parse_columns(spec: str | dict[str, str] | None) -> dict[str, str]:
    """``"name=Full Name,organisation=Company"`` (the ``--columns`` option) -> field -> header.

    Headers may hold commas: a comma only separates pairs when a known field and ``=`` follow.

    >>> parse_columns("name=Full Name, organization=Company, Inc. column")
    {'name': 'Full Name', 'organisation': 'Company, Inc. column'}
    """
    if not spec:
        return {}
    if isinstance(spec, str):
        names = sorted({*FIELDS, *_FIELD_ALIASES}, key=len, reverse=True)
        split = re.compile(r",\s*(?=(?:" + "|".join(map(re.escape, names)) + r")\s*=)", re.I)
        pairs = [part.split("=", 1) if "=" in part else [part, ""] for part in split.split(spec)]
    else:
        pairs = [[k, v] for k, v in spec.items()]
    mapping: dict[str, str] = {}
    for field, header in pairs:
        key = field.strip().lower().replace(" ", "_")
        key = _FIELD_ALIASES.get(key, key)
        if key not in FIELDS or not header.strip():
            raise WeaktiesError(
                f"--columns: expected FIELD=HEADER pairs with FIELD one of {', '.join(FIELDS)}, "
                f"found {f'{field.strip()}={header}' if header else field.strip()!r}; "
                "e.g. --columns 'name=Full Name,organisation=Company'"
            )
        mapping[key] = header.strip()
    return mapping


def mapped_format(columns: dict[str, str]) -> Format:
    """The contacts format of a ``--columns`` mapping: it reads a CSV holding every named header
    (the fields it does not name are guessed as for any CSV)."""
    wanted = {_norm(h) for h in columns.values()}
    listed = ",".join(columns.values())
    return Format(
        "contacts-csv",
        f"a contacts CSV read with --columns {listed}",
        listed,
        lambda cells: wanted <= set(cells),
        lambda data, path: _parse_generic(data, path, columns),
    )


#: The address-book formats (the registry appends them after LinkedIn's).
CONTACT_FORMATS: list[Format] = [
    Format("google-contacts", "Google Contacts CSV (current layout)",
           SIGNATURES["google-contacts"], _is_google, parse_google),
    Format("google-contacts-legacy", "Google Contacts CSV (legacy layout, also Gmail's export)",
           SIGNATURES["google-contacts-legacy"], _is_google_legacy, parse_google_legacy),
    Format("outlook-contacts", "Outlook.com or desktop Outlook contacts CSV",
           SIGNATURES["outlook-contacts"], _is_outlook, parse_outlook),
    Format("thunderbird-contacts", "Thunderbird address book CSV",
           SIGNATURES["thunderbird-contacts"], _is_thunderbird, parse_thunderbird),
    Format("contacts-csv", "contacts CSV (name and email/organisation columns found by their "
           "headers)", SIGNATURES["contacts-csv"], _is_generic, parse_generic, generic=True),
]

