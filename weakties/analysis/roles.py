"""Role family from position text, with a small keyword table you can read and extend.

Positions are free text ("Sr. Software Engineer II", "Talent Acquisition Partner", "PhD
candidate"); diversity over raw titles would count every wording as a new role. A family is a
coarse, explainable grouping: the first row of :data:`ROLE_FAMILIES` with a keyword that occurs
in the position (whole words, any case) wins, so more specific families come first -- "Technical
Recruiter" is recruiting, "VP Engineering" an executive, "Software Engineering Intern" a student,
"Financial Analyst" finance, "Data Scientist" data but "Research Scientist" research.
A position that matches nothing is ``"other"``; an empty position is ``""`` (unknown).
"""

from __future__ import annotations

import re

__all__ = ["ROLE_FAMILIES", "role_family"]

#: (family, keywords), first match wins. Keywords are whole words or phrases, any case; a
#: trailing ``*`` matches any word ending ("recruit*" matches recruiter, recruiting).
ROLE_FAMILIES: list[tuple[str, list[str]]] = [
    ("student", ["student", "intern", "internship", "undergraduate", "graduate student",
                 "phd candidate", "doctoral candidate", "trainee", "apprentice"]),
    ("founder/executive", ["founder", "co-founder", "cofounder", "ceo", "cto", "cfo", "coo",
                           "cio", "cmo", "chief", "president", "vp", "svp", "evp",
                           "vice president", "managing director", "business owner", "board member",
                           "general manager"]),
    ("HR/recruiting", ["recruit*", "talent", "hr", "human resources", "people partner",
                       "people operations", "head of people", "sourcer", "headhunter",
                       "executive search"]),
    ("finance", ["finance", "financial", "accountant", "accounting", "controller", "investor",
                 "investment", "banker", "treasury", "audit*"]),
    ("data", ["data", "analyst", "analytics", "machine learning", "ml", "ai", "statistician"]),
    ("research/academia", ["professor", "lecturer", "research*", "scientist", "postdoc*",
                           "phd", "academic", "faculty", "fellow"]),
    ("sales", ["sales", "account executive", "account manager", "business development",
               "bdr", "sdr", "partnerships"]),
    ("marketing", ["marketing", "growth", "brand", "content", "communications", "seo",
                   "social media", "pr"]),
    ("design", ["design*", "ux", "ui", "creative", "art director"]),
    ("product", ["product manager", "product owner", "product lead", "product"]),
    ("engineering", ["engineer*", "developer", "programmer", "software", "devops", "sre",
                     "architect", "technical lead", "tech lead", "firmware", "qa"]),
    ("consulting", ["consultant", "consulting", "advisor", "adviser"]),
    ("legal", ["lawyer", "attorney", "counsel", "legal", "paralegal", "solicitor"]),
    ("healthcare", ["doctor", "physician", "nurse", "clinical", "clinician", "medical",
                    "pharmacist", "therapist", "dentist", "surgeon", "cardiolog*", "oncolog*",
                    "radiolog*", "psychiatrist", "paediatric*", "pediatric*", "midwife"]),
    ("education", ["teacher", "tutor", "educator", "instructor", "coach", "trainer"]),
    ("operations", ["operations", "logistics", "supply chain", "procurement", "office manager",
                    "administrator", "assistant", "coordinator", "project manager",
                    "programme", "program manager", "program officer"]),
    ("management", ["manager", "head of", "director", "lead", "supervisor"]),
]


def _pattern(keyword: str) -> str:
    if keyword.endswith("*"):
        return re.escape(keyword[:-1]) + r"\w*"
    return re.escape(keyword)


_COMPILED = [
    (family, re.compile(r"(?<!\w)(?:" + "|".join(_pattern(k) for k in words) + r")(?!\w)",
                        re.IGNORECASE))
    for family, words in ROLE_FAMILIES
]


def role_family(position: str) -> str:
    """The role family of a position text.

    >>> role_family("Senior Software Engineer"), role_family("Technical Recruiter")
    ('engineering', 'HR/recruiting')
    >>> role_family("PhD Student, Physics"), role_family(""), role_family("Astronaut")
    ('student', '', 'other')
    """
    text = (position or "").strip()
    if not text:
        return ""
    for family, pattern in _COMPILED:
        if pattern.search(text):
            return family
    return "other"
