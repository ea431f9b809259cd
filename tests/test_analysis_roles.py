from __future__ import annotations

import pytest

from weakties.analysis.roles import ROLE_FAMILIES, role_family


@pytest.mark.parametrize("position, family", [
    ("Senior Software Engineer", "engineering"),
    ("Full-stack developer", "engineering"),
    ("Engineering Manager", "engineering"),         # the craft, before the management word
    ("Technical Recruiter", "HR/recruiting"),       # recruiting comes before engineering
    ("Talent Acquisition Partner", "HR/recruiting"),
    ("Head of People", "HR/recruiting"),
    ("Account Executive", "sales"),
    ("Sales Engineer", "sales"),
    ("Data Scientist", "data"),
    ("Research Scientist", "research/academia"),
    ("Assistant Professor of Physics", "research/academia"),
    ("Financial Analyst", "finance"),               # finance before the generic "analyst"
    ("Co-Founder & CEO", "founder/executive"),
    ("VP Engineering", "founder/executive"),
    ("Product Owner", "product"),                   # not a business owner
    ("PhD Student", "student"),
    ("Software Engineering Intern", "student"),
    ("UX Designer", "design"),
    ("Cardiologist", "healthcare"),
    ("Executive Search Partner", "HR/recruiting"),
    ("Programme Officer", "operations"),
    ("Team Lead", "management"),
    ("Astronaut", "other"),                         # a title, but none of the families
    ("", ""),                                       # unknown stays unknown
    ("   ", ""),
])
def test_role_family(position, family):
    assert role_family(position) == family


def test_whole_words_only():
    # "hr" must not match inside "Christopher", nor "ai" inside "Chair".
    assert role_family("Christopher's Chair") == "other"


def test_families_are_unique():
    names = [family for family, _ in ROLE_FAMILIES]
    assert len(names) == len(set(names))
