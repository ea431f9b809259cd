"""Identity: which mentions in which files are the same person (the second stage of the flow).

:mod:`weakties.identity.assemble` turns the tables one input's files gave into *mentions* of
people and *evidence* of ties; :mod:`weakties.identity.resolve` decides which mentions are one
person. See ``docs/architecture.md``.
"""

from weakties.identity.resolve import (
    EMAILS_SEP,
    Resolution,
    map_unique,
    match_people,
    normalise_email,
    normalise_emails,
    normalise_name,
    normalise_org,
    normalise_url,
    normalise_urls,
    resolve,
)

__all__ = ["normalise_url", "normalise_urls", "normalise_email", "normalise_emails",
           "normalise_name", "normalise_org", "resolve", "Resolution", "map_unique",
           "match_people", "EMAILS_SEP"]
