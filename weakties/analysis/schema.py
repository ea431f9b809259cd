"""The columns of the report's people.csv and ties.csv: one list each, used by the analyses,
the report writer and the Spark edge-list report alike.

``*_BASE`` columns describe what the import found (names, evidence counts and dates);
``*_ANALYSIS`` columns are what :func:`weakties.analysis.run` computes (``docs/concepts.md``).
"""

PEOPLE_BASE = ["id", "name", "organisation", "position", "location", "url", "email", "owner",
               "owners", "degree", "sources"]
PEOPLE_ANALYSIS = ["cluster", "cluster_label", "role_family", "betweenness", "constraint",
                   "effective_size", "efficiency", "tie_class"]
PEOPLE_COLUMNS = PEOPLE_BASE + PEOPLE_ANALYSIS

TIES_BASE = ["source", "target", "source_name", "target_name", "kinds", "connected_on",
             "messages", "messages_source_to_target", "messages_target_to_source",
             "first_message", "last_message", "group_conversations", "endorsements",
             "recommendations", "invited_by", "last_interaction", "meetings",
             "coparticipation", "shared_events", "first_seen", "last_seen", "inferred", "weight"]
TIES_ANALYSIS = ["strength", "interaction", "mutual_contacts", "overlap", "tie_class",
                 "sweet_spot", "bridge", "local_bridge", "span"]
TIES_COLUMNS = TIES_BASE + TIES_ANALYSIS
