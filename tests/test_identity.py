"""Identity resolution: the same person across files and owners, and nobody else."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from weakties.identity import (
    normalise_email,
    normalise_name,
    normalise_org,
    normalise_url,
    resolve,
)
from weakties.identity.resolve import _components

IN = "https://www.linkedin.com/in/"


# --- normalisation -------------------------------------------------------------------------------


TEST_URLS = [
        # Connections.csv writes the full form; it is the reference.
        ("https://www.linkedin.com/in/anne-jansen", IN + "anne-jansen"),
        # Endorsement files write no scheme.
        ("www.linkedin.com/in/anne-jansen", IN + "anne-jansen"),
        ("http://www.linkedin.com/in/anne-jansen", IN + "anne-jansen"),
        # Host case, country subdomain, no "www".
        ("HTTPS://WWW.LinkedIn.COM/in/anne-jansen", IN + "anne-jansen"),
        ("https://nl.linkedin.com/in/anne-jansen", IN + "anne-jansen"),
        ("linkedin.com/in/anne-jansen", IN + "anne-jansen"),
        # Trailing slash, query string, a locale segment after the slug.
        ("https://www.linkedin.com/in/anne-jansen/", IN + "anne-jansen"),
        ("https://www.linkedin.com/in/anne-jansen?trk=public", IN + "anne-jansen"),
        ("https://www.linkedin.com/in/anne-jansen/en", IN + "anne-jansen"),
        # Stray spaces around the cell.
        ("  https://www.linkedin.com/in/anne-jansen  ", IN + "anne-jansen"),
        # Slug case does not matter to LinkedIn.
        ("https://www.linkedin.com/in/Anne-Jansen", IN + "anne-jansen"),
        # Percent-encoding with uppercase hex (’ is E2 80 99) and lowercase hex decode alike.
        ("https://www.linkedin.com/in/anne-o%E2%80%99neil-1a2b3c", IN + "anne-o’neil-1a2b3c"),
        ("https://www.linkedin.com/in/anne-o%e2%80%99neil-1a2b3c", IN + "anne-o’neil-1a2b3c"),
        ("www.linkedin.com/in/anne-o’neil-1a2b3c/", IN + "anne-o’neil-1a2b3c"),
        # Slugs may end in "-".
        ("https://www.linkedin.com/in/jan-", IN + "jan-"),
        # Old /pub/ URLs hold the member id in reverse parts: a7/576/b50 -> b50576a7 (the
        # redirect LinkedIn served), the middle parts zero-padded to 3 hex digits.
        ("https://sy.linkedin.com/pub/krzysztof-marzec/a7/576/b50?trk=biz_employee_pub",
         IN + "krzysztof-marzec-b50576a7"),
        ("https://uk.linkedin.com/pub/abdi-ahmed/100/384/6b0", IN + "abdi-ahmed-6b0384100"),
        ("www.linkedin.com/pub/jane-doe/1/2/3/", IN + "jane-doe-0030021"),
        ("", ""),
        ("   ", ""),
]


@pytest.mark.parametrize(("written", "expected"), TEST_URLS)
def test_normalise_url(written, expected):
    assert normalise_url(written) == expected


def test_normalising_a_column_of_urls_equals_normalising_each():
    # normalise_urls lowers the canonical form in pyarrow and sends the rest to normalise_url:
    # every written form above, near misses of the canonical form (a trailing newline or
    # space, a non-ASCII or percent-encoded slug, a slash, http), repeats, and missing values.
    written = [w for w, _ in TEST_URLS] + [
        IN + "Anne\n", IN + "anne ", " " + IN + "anne", IN + "Zoë-Müller", IN + "a%20b",
        IN + "a/b", "http://www.linkedin.com/in/Anne", IN, IN + "ANNE", IN + "ANNE",
        "https://www.linkedin.com/in/a_b-C9"]
    column = pd.Series(written * 2, index=range(100, 100 + 2 * len(written)), dtype="str")
    from weakties.identity import normalise_urls

    out = normalise_urls(column)
    assert out.dtype == object and out.index.equals(column.index)
    assert out.tolist() == [normalise_url(w) for w in written * 2]
    with_missing = pd.Series([IN + "Anne", None, IN + "Anne"], dtype=object)
    assert normalise_urls(with_missing).tolist() == [IN + "anne", "", IN + "anne"]
    assert normalise_urls(pd.Series([], dtype="str")).tolist() == []


def test_two_pub_urls_with_one_name_stay_two_people():
    # Dropping the id parts would turn both into /in/jane-doe (a third person's vanity URL).
    a = normalise_url("https://www.linkedin.com/pub/jane-doe/1/2/3")
    b = normalise_url("https://www.linkedin.com/pub/jane-doe/4/5/6")
    assert a != b
    assert IN + "jane-doe" not in (a, b)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Wei.Chen@Kelpie.example", "wei.chen@kelpie.example"),
        ("  wei.chen@kelpie.example ", "wei.chen@kelpie.example"),
        ("", ""),
        # 2018 exports put member URNs in the Email column: not an address.
        ("urn:li:member:123456", ""),
        ("not an email", ""),
    ],
)
def test_normalise_email(written, expected):
    assert normalise_email(written) == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Anne Jansen", "anne jansen"),
        ("  ANNE   jansen ", "anne jansen"),
        # Pronouns in brackets.
        ("Anne Jansen (she/her)", "anne jansen"),
        ("Tom Berg [he/him]", "tom berg"),
        # Credentials after a comma (a last name like "Jansen, MSc, MBA, PHR").
        ("Pieter Jansen, MSc, MBA, PHR", "pieter jansen"),
        ("Anne Jansen, PhD (she/her)", "anne jansen"),
        # Accents fold away; letters that are not accented letters (ø) stay.
        ("Sofía Hernández", "sofia hernandez"),
        ("Élodie Marchand", "elodie marchand"),
        ("Henrik Ødegaard", "henrik ødegaard"),
        # Quotes and apostrophes are not letters: ’ and ' read alike.
        ('Anne "Annie" O’Neil', "anne annie o neil"),
        ("Anne \"Annie\" O'Neil", "anne annie o neil"),
        # Non-Latin scripts are kept.
        ("ليلى حداد", "ليلى حداد"),
        ("由紀 佐藤", "由紀 佐藤"),
        ("", ""),
    ],
)
def test_normalise_name(written, expected):
    assert normalise_name(written) == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Acme, Inc", "acme"),
        ("Acme, Inc.", "acme"),
        ("ACME Inc", "acme"),
        ("Acme", "acme"),
        ("Acme Ltd", "acme"),
        ("Nimbus Systems GmbH", "nimbus systems"),
        ("Banque Lumière", "banque lumiere"),
        ("St. Aurelia Hospital", "st aurelia hospital"),
        # A legal suffix is a whole word: "Costco" keeps its "co".
        ("Costco", "costco"),
        ("", ""),
    ],
)
def test_normalise_org(written, expected):
    assert normalise_org(written) == expected


def test_acme_inc_is_acme():
    assert normalise_org("Acme, Inc") == normalise_org("Acme")


# --- resolve() -----------------------------------------------------------------------------------


def mentions(*rows: dict) -> pd.DataFrame:
    """A mentions frame as assemble() builds it; mention ids are 0, 1, 2 … in row order."""
    base = {"scope": "", "name": "", "url": "", "email": "", "organisation": "",
            "anchor": False}
    return pd.DataFrame([{**base, **row} for row in rows])


def people(result, n: int) -> list[str]:
    return [result.person_of.loc[i] for i in range(n)]


def test_url_merges_however_it_is_written():
    m = mentions(
        {"scope": "alice", "name": "Anne O’Neil", "url": IN + "anne-o%E2%80%99neil",
         "anchor": True},
        {"scope": "bob", "name": "Annie ONeil", "url": "www.linkedin.com/in/Anne-O’Neil/",
         "anchor": True},
        {"scope": "bob", "name": "", "url": "http://linkedin.com/in/anne-o%e2%80%99neil",
         "anchor": False},
    )
    result = resolve(m)
    # Three spellings of one URL: one person, id the normalised URL.
    assert people(result, 3) == [IN + "anne-o’neil"] * 3
    assert result.ambiguous == []
    # One person named in two owners' inputs: one merge across inputs.
    assert result.merges == 1


def test_email_merges():
    m = mentions(
        {"scope": "alice", "name": "Wei Chen", "email": "Wei.Chen@Kelpie.example",
         "organisation": "Kelpie Labs", "anchor": True},
        {"scope": "bob", "name": "W. Chen", "email": "wei.chen@kelpie.example",
         "organisation": "", "anchor": True},
    )
    result = resolve(m)
    # Different names, same address: one person keyed by the email.
    assert people(result, 2) == ["email:wei.chen@kelpie.example"] * 2


def test_email_joins_a_mention_to_the_profile_url():
    m = mentions(
        {"scope": "alice", "name": "Wei Chen", "url": IN + "wei-chen",
         "email": "wei.chen@kelpie.example", "anchor": True},
        {"scope": "bob", "name": "Wei Chen", "email": "WEI.CHEN@kelpie.example",
         "organisation": "Other Org", "anchor": True},
    )
    # The URL is the stronger key: it names the person.
    assert people(resolve(m), 2) == [IN + "wei-chen"] * 2


def test_name_and_organisation_merge():
    m = mentions(
        {"scope": "alice", "name": "Anne Jansen (she/her)", "organisation": "Acme, Inc",
         "anchor": True},
        {"scope": "bob", "name": "ANNE JANSEN, MSc", "organisation": "ACME", "anchor": True},
        {"scope": "carol", "name": "Anne Jansen", "organisation": "Kelpie Labs",
         "anchor": True},
    )
    result = resolve(m)
    # The first two share name + organisation once normalised; the third works elsewhere.
    assert people(result, 3) == ["name:anne jansen|acme", "name:anne jansen|acme",
                                 "name:anne jansen|kelpie labs"]


def test_name_and_organisation_join_a_urlless_row_to_a_profile():
    # A 2021 Connections.csv (no URL column) and a 2024 one (with URLs) name the same person.
    m = mentions(
        {"scope": "alice", "name": "Jan de Vries", "url": IN + "jan-de-vries",
         "organisation": "Northbridge University", "anchor": True},
        {"scope": "bob", "name": "Jan de Vries", "organisation": "Northbridge University",
         "anchor": True},
    )
    assert people(resolve(m), 2) == [IN + "jan-de-vries"] * 2


def test_name_alone_never_merges_across_owners():
    m = mentions(
        {"scope": "alice", "name": "Sam Lee", "url": IN + "sam-lee", "organisation": "Acme",
         "anchor": True},
        # Bob's archive names a "Sam Lee" with nothing else (e.g. an endorsement without URL),
        # and Bob has no contact of that name: this may be anyone.
        {"scope": "bob", "name": "Sam Lee", "anchor": False},
    )
    result = resolve(m)
    assert result.person_of.loc[0] == IN + "sam-lee"
    assert result.person_of.loc[1] == "name:sam lee@bob"
    assert result.ambiguous == []


def test_name_only_within_one_owner_matches_that_owners_unique_contact():
    m = mentions(
        {"scope": "alice", "name": "Sam Lee", "url": IN + "sam-lee", "organisation": "Acme",
         "anchor": True},
        # Bob also has a Sam Lee, another person (another URL).
        {"scope": "bob", "name": "Sam Lee", "url": IN + "sam-lee-2", "anchor": True},
        # A 2018 message in Alice's archive, names only (pronouns and all).
        {"scope": "alice", "name": "sam lee (he/him)", "anchor": False},
        {"scope": "bob", "name": "Sam Lee", "anchor": False},
    )
    result = resolve(m)
    # Each name-only mention goes to its own owner's Sam Lee, never to the other owner's.
    assert people(result, 4) == [IN + "sam-lee", IN + "sam-lee-2", IN + "sam-lee",
                                 IN + "sam-lee-2"]
    assert result.ambiguous == []


def test_two_candidates_are_listed_and_the_mention_is_left_unresolved():
    m = mentions(
        {"scope": "alice", "name": "Sam Lee", "url": IN + "sam-lee-1", "anchor": True},
        {"scope": "alice", "name": "Sam Lee", "url": IN + "sam-lee-2", "anchor": True},
        {"scope": "alice", "name": "Sam Lee", "anchor": False},
        # A connection's own row is never left unresolved: this one has a unique name.
        {"scope": "alice", "name": "Kim Park", "anchor": True},
    )
    result = resolve(m)
    assert people(result, 4) == [IN + "sam-lee-1", IN + "sam-lee-2", "",
                                 "name:kim park@alice"]
    assert result.ambiguous == [
        {"key": "name within one owner's archive", "value": "sam lee",
         "candidates": [IN + "sam-lee-1", IN + "sam-lee-2"], "mentions": 1,
         "scope": "alice"},
    ]


def test_a_connection_without_company_is_a_candidate_not_a_merge():
    # A 2018 Connections.csv row without company or URL and another row with a company: two
    # connections, so two people; a name-only message could be either of them.
    m = mentions(
        {"scope": "alice", "name": "Jan Smit", "anchor": True},
        {"scope": "alice", "name": "Jan Smit", "organisation": "Acme", "anchor": True},
        {"scope": "alice", "name": "Jan Smit", "anchor": False},
    )
    result = resolve(m)
    assert people(result, 3) == ["name:jan smit@alice", "name:jan smit|acme", ""]
    assert [(a["key"], a["candidates"]) for a in result.ambiguous] == [
        ("name within one owner's archive", ["name:jan smit@alice", "name:jan smit|acme"]),
    ]


def test_two_different_urls_never_merge_even_with_same_name_and_organisation():
    m = mentions(
        {"scope": "bob", "name": "Maria Garcia", "url": IN + "maria-garcia-2",
         "organisation": "St. Aurelia Hospital", "anchor": True},
        {"scope": "carol", "name": "Maria Garcia", "url": IN + "maria-garcia-1",
         "organisation": "St. Aurelia Hospital", "anchor": True},
        # Dave's 2021 file has no URL: which of the two is his Maria cannot be known.
        {"scope": "dave", "name": "Maria Garcia", "organisation": "St Aurelia Hospital",
         "anchor": True},
    )
    result = resolve(m)
    # Dave's row is a connection: it stays a person of its own (an anchor is never dropped).
    assert people(result, 3) == [IN + "maria-garcia-2", IN + "maria-garcia-1",
                                 "name:maria garcia|st aurelia hospital"]
    assert result.ambiguous == [
        {"key": "name + organisation", "value": "maria garcia|st aurelia hospital",
         "candidates": [IN + "maria-garcia-1", IN + "maria-garcia-2"], "mentions": 1},
    ]


def test_an_email_shared_by_two_profiles_merges_nothing():
    m = mentions(
        {"scope": "a", "name": "X", "url": IN + "x-1", "email": "team@acme.example",
         "anchor": True},
        {"scope": "b", "name": "Y", "url": IN + "x-2", "email": "team@acme.example",
         "anchor": True},
        {"scope": "c", "name": "Z", "email": "team@acme.example", "anchor": False},
    )
    result = resolve(m)
    assert people(result, 3) == [IN + "x-1", IN + "x-2", ""]
    assert result.ambiguous == [
        {"key": "email", "value": "team@acme.example", "candidates": [IN + "x-1", IN + "x-2"],
         "mentions": 1},
    ]


def test_a_message_sender_is_the_owners_urlless_connection_of_that_name():
    # 2020–2022: Connections.csv has no URL column, messages.csv has sender URLs.
    m = mentions(
        {"scope": "bob", "name": "Jan de Vries", "organisation": "Northbridge University",
         "anchor": True},
        {"scope": "bob", "name": "Jan de Vries", "url": IN + "jan-de-vries-nbu",
         "anchor": False},
        # In Carol's archive the same URL'd sender has no namesake contact: stays itself.
        {"scope": "carol", "name": "Kim Park", "url": IN + "kim-park", "anchor": False},
    )
    result = resolve(m)
    assert people(result, 3) == [IN + "jan-de-vries-nbu", IN + "jan-de-vries-nbu",
                                 IN + "kim-park"]
    assert result.ambiguous == []


def test_a_message_sender_with_two_urlless_namesakes_is_listed_not_guessed():
    m = mentions(
        {"scope": "bob", "name": "Jan de Vries", "organisation": "Northbridge University",
         "anchor": True},
        {"scope": "bob", "name": "Jan de Vries", "organisation": "Banque Lumière",
         "anchor": True},
        {"scope": "bob", "name": "Jan de Vries", "url": IN + "jan-de-vries", "anchor": False},
    )
    result = resolve(m)
    # The sender keeps its own identity (its URL): its messages are not lost, only unmerged.
    assert people(result, 3) == ["name:jan de vries|northbridge university",
                                 "name:jan de vries|banque lumiere", IN + "jan-de-vries"]
    assert result.ambiguous == [
        {"key": "name within one owner's archive", "value": "jan de vries",
         "candidates": ["name:jan de vries|banque lumiere",
                        "name:jan de vries|northbridge university"],
         "mentions": 1, "scope": "bob"},
    ]


def test_a_message_sender_never_joins_a_contact_with_another_url():
    m = mentions(
        {"scope": "bob", "name": "Jan de Vries", "url": IN + "jan-de-vries-1", "anchor": True},
        {"scope": "bob", "name": "Jan de Vries", "url": IN + "jan-de-vries-2",
         "anchor": False},
    )
    assert people(resolve(m), 2) == [IN + "jan-de-vries-1", IN + "jan-de-vries-2"]


def test_person_ids_do_not_depend_on_row_order():
    rows = [
        {"scope": "alice", "name": "Anne Jansen", "organisation": "Acme", "anchor": True},
        {"scope": "bob", "name": "Anne Jansen", "url": IN + "anne-jansen",
         "organisation": "Acme", "anchor": True},
        {"scope": "bob", "name": "Wei Chen", "email": "wei@kelpie.example", "anchor": True},
    ]
    forward = resolve(mentions(*rows))
    backward = resolve(mentions(*reversed(rows)))
    assert people(forward, 3) == list(reversed(people(backward, 3)))
    assert people(forward, 3) == [IN + "anne-jansen", IN + "anne-jansen",
                                  "email:wei@kelpie.example"]


# --- order of the rules (they run on arrays; these pin what taking each value in turn gives) ---


def test_a_chain_through_an_address_book_entry_keeps_the_url_and_logs_each_join():
    m = mentions(
        {"scope": "alice", "name": "Wei Chen", "email": "w@k.example", "anchor": True},
        {"scope": "bob", "name": "Wei Chen", "url": IN + "wei-chen", "email": "w2@k.example",
         "anchor": True},
        # Carol's address book holds both addresses: it links Alice's Wei to Bob's.
        {"scope": "carol", "name": "W Chen", "email": "w@k.example ::: W2@k.example",
         "anchor": True},
    )
    result = resolve(m)
    assert people(result, 3) == [IN + "wei-chen"] * 3
    assert result.merges == 2  # one person named in three inputs
    # "w2@…" sorts before "w@…" ("2" < "@"): it joins Bob and Carol first; then "w@…" joins
    # Alice to that set, which the log names by its first record (Bob's, the smallest group).
    assert result.merge_log == [
        {"person": IN + "wei-chen", "key": "email", "value": "w2@k.example", "records": 2,
         "inputs": "bob ; carol"},
        {"person": IN + "wei-chen", "key": "email", "value": "w@k.example", "records": 2,
         "inputs": "alice ; bob"},
    ]


def test_transitive_merges_through_email_and_url():
    m = mentions(
        {"scope": "alice", "name": "Ann Berg", "url": IN + "ann-berg",
         "email": "ann@berg.example", "anchor": True},
        {"scope": "bob", "name": "Ann B.", "email": "ANN@berg.example", "anchor": True},
        {"scope": "carol", "name": "Ann", "url": "www.linkedin.com/in/Ann-Berg/",
         "anchor": True},
        {"scope": "carol", "name": "Ann", "url": IN + "ann-berg", "anchor": False},
    )
    result = resolve(m)
    assert people(result, 4) == [IN + "ann-berg"] * 4
    assert result.merges == 2
    assert [(r["key"], r["records"], r["inputs"]) for r in result.merge_log] == [
        ("email", 2, "alice ; bob"),
        # The URL's three records (Alice's, Carol's two) in two groups: Carol's mentions
        # differ only in being a connection or not.
        ("url", 3, "alice ; carol"),
    ]


def test_the_kept_id_of_a_three_way_merge_is_the_smallest_email():
    m = mentions(
        {"scope": "alice", "name": "Anne Jansen", "organisation": "Acme",
         "email": "anne@acme.example", "anchor": True},
        {"scope": "bob", "name": "Anne Jansen", "organisation": "Acme, Inc.", "anchor": True},
        {"scope": "carol", "name": "A. Jansen",
         "email": "anne@acme.example ::: a.jansen@home.example", "anchor": True},
    )
    # No URL, so an email names the person: the smallest of all the set's first addresses.
    assert people(resolve(m), 3) == ["email:a.jansen@home.example"] * 3


def test_a_value_sees_the_url_an_earlier_value_brought():
    m = mentions(
        {"scope": "alice", "name": "A", "url": IN + "ann-1", "email": "ann@x.example",
         "anchor": True},
        {"scope": "bob", "name": "B", "email": "ann@y.example ::: ann@x.example",
         "anchor": True},
        {"scope": "carol", "name": "C", "url": IN + "ann-2", "email": "ann@y.example",
         "anchor": True},
        {"scope": "dave", "name": "D", "email": "ann@y.example", "anchor": False},
    )
    result = resolve(m)
    # ann@x joins Bob to Alice's profile first; ann@y then names two profiles (Alice's,
    # through Bob, and Carol's): only Dave's mention is URL-less and left undecided.
    assert people(result, 4) == [IN + "ann-1", IN + "ann-1", IN + "ann-2", ""]
    assert result.ambiguous == [
        {"key": "email", "value": "ann@y.example", "candidates": [IN + "ann-1", IN + "ann-2"],
         "mentions": 1},
    ]
    assert result.merges == 1


def test_a_sender_known_under_two_names_joins_only_the_first_namesake():
    # One sender URL, written "J. de Vries" in one message and "Jan de Vries" in another;
    # Bob has a URL-less connection of each name. "j de vries" comes first: the sender joins
    # that connection, and is then a contact of Bob's, so "jan de vries" links nothing.
    m = mentions(
        {"scope": "bob", "name": "Jan de Vries", "organisation": "Northbridge", "anchor": True},
        {"scope": "bob", "name": "J. de Vries", "organisation": "Banque Lumière",
         "anchor": True},
        {"scope": "bob", "name": "J. de Vries", "url": IN + "jdv", "anchor": False},
        {"scope": "bob", "name": "Jan de Vries", "url": IN + "jdv", "anchor": False},
    )
    result = resolve(m)
    assert people(result, 4) == ["name:jan de vries|northbridge", IN + "jdv", IN + "jdv",
                                 IN + "jdv"]
    assert result.ambiguous == []
    assert [(r["key"], r["value"]) for r in result.merge_log] == [
        ("name within one owner's data (a message sender's URL)", "j de vries"),
        ("url", IN + "jdv"),
    ]


def test_a_name_only_reference_joins_a_person_already_joined_by_another_name():
    # Alice's Sam is one person under two names (one URL); her 2018 messages name him both
    # ways. Each name joins him, and the second join is logged against the set as the first
    # left it (named by its smallest group: the first reference, which sorts before any URL).
    m = mentions(
        {"scope": "alice", "name": "Sam Lee", "url": IN + "sam", "anchor": True},
        {"scope": "alice", "name": "Samuel Lee", "url": IN + "sam", "anchor": False},
        {"scope": "alice", "name": "Sam Lee", "anchor": False},
        {"scope": "alice", "name": "Sam Lee", "anchor": False},
        {"scope": "alice", "name": "Samuel Lee", "anchor": False},
    )
    result = resolve(m)
    assert people(result, 5) == [IN + "sam"] * 5
    assert result.merges == 0
    assert result.merge_log == [
        {"person": IN + "sam", "key": "name within one owner's data", "value": "sam lee",
         "records": 3, "inputs": "alice"},
        {"person": IN + "sam", "key": "name within one owner's data", "value": "samuel lee",
         "records": 3, "inputs": "alice"},
        {"person": IN + "sam", "key": "url", "value": IN + "sam", "records": 2,
         "inputs": "alice"},
    ]


# --- the array machinery against independent computations ------------------------------------

SOME = settings(max_examples=60, deadline=None, derandomize=True, database=None)


@SOME
@given(n=st.integers(1, 40), edges=st.lists(st.tuples(st.integers(0, 39), st.integers(0, 39)),
                                            max_size=60))
def test_components_are_networkx_components_named_by_their_smallest_node(n, edges):
    edges = [(a % n, b % n) for a, b in edges]
    G = nx.Graph()
    G.add_nodes_from(range(n))
    G.add_edges_from(edges)
    expected = [0] * n
    for component in nx.connected_components(G):
        for node in component:
            expected[node] = min(component)
    a = np.array([e[0] for e in edges], dtype=np.int64)
    b = np.array([e[1] for e in edges], dtype=np.int64)
    assert _components(n, a, b).tolist() == expected


MENTION = st.fixed_dictionaries({
    "scope": st.sampled_from(["alice", "bob"]),
    "name": st.sampled_from(["Sam Lee", "Samuel Lee", "Jan", "J.", ""]),
    "url": st.sampled_from(["", "", IN + "sam", IN + "jan"]),
    "email": st.sampled_from(["", "", "a@x.example", "b@x.example ::: a@x.example",
                              "c@x.example"]),
    "organisation": st.sampled_from(["", "", "Acme", "Kelpie"]),
    "anchor": st.booleans(),
})


@SOME
@given(rows=st.lists(MENTION, min_size=1, max_size=25), seed=st.randoms(use_true_random=False))
def test_resolution_does_not_depend_on_the_order_of_the_rows(rows, seed):
    # Chains, URL clashes, namesakes and name-only references are all drawn here: whatever
    # the rules decide, they decide it from the keys, never from where a row stands.
    forward = resolve(mentions(*rows))
    order = list(range(len(rows)))
    seed.shuffle(order)
    shuffled = resolve(mentions(*(rows[i] for i in order)))
    assert [shuffled.person_of.loc[order.index(i)] for i in range(len(rows))] == people(
        forward, len(rows))
    assert shuffled.ambiguous == forward.ambiguous
    assert shuffled.merge_log == forward.merge_log
    assert shuffled.merges == forward.merges


def test_recipient_lists_compare_by_value_whether_shared_or_not():
    # Rows 0, 1 and 3 hold equal member lists (0 and 1 the same object, 3 a copy); row 2 the
    # same URLs in another order, row 4 none, row 5 a missing value: four distinct values.
    from weakties.identity.assemble import _list_codes

    shared = ["u/a", "u/b"]
    lists = [shared, shared, ["u/b", "u/a"], ["u/a", "u/b"], [], float("nan")]
    codes = _list_codes(lists)
    assert codes[0] == codes[1] == codes[3]
    assert len({codes[0], codes[2], codes[4], codes[5]}) == 4
    # The same rows duplicated as DataFrame.duplicated on tuples says.
    tuples = pd.Series([tuple(u) if isinstance(u, list) else u for u in lists], dtype=object)
    assert (pd.Series(codes).duplicated() == tuples.duplicated()).all()
