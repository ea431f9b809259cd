"""Every threshold of the analyses in one place, each with its default and the reason for it."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Params", "DEFAULT_PARAMS"]


@dataclass(frozen=True)
class Params:
    """Thresholds and settings of :func:`weakties.analysis.run`.

    Defaults and why:

    - ``dormant_days = 730``: no recorded contact (message, endorsement, recommendation,
      invitation, or the connection itself) for two years makes an owner's tie *dormant*.
      Levin, Walter & Murnighan (2011) studied ties dormant for three years or more; two years
      catches ties before they go that cold, which is when a "keep in touch" list is useful.
    - ``half_life_days = 365``: interaction evidence a year old counts half as much as today's
      (Granovetter's "amount of time" is about the present relationship, not its history).
    - ``interaction_half_point = 3.0``: evidence points (see :mod:`.strength`) at which the
      interaction score is 0.5 -- e.g. seven two-way messages this month, or a recommendation
      plus three endorsements.
    - ``strong_interaction = 0.5``: interaction at or above this is a *strong* tie, so by
      default a tie is strong once its evidence reaches ``interaction_half_point``.
    - ``strong_weight_multiple = 2.0``: on a weighted edge list, interaction =
      w / (w + m * median w), so a tie is strong when its weight is at least twice the weight
      of the typical tie (weights are heavy-tailed: most ties are weak, Onnela et al. 2007).
    - ``strong_overlap = 0.3``: on an edge list without weights or dates, the only evidence is
      structure; a tie is strong when the pair share at least 30% of their other contacts
      (Granovetter's forbidden triad: strong ties close triangles). About a quarter of the
      karate club's ties pass it.
    - ``interaction_weight = 0.5``: ``strength`` gives the two axes of Rajkumar et al. (2022),
      interaction and embeddedness (overlap), equal say.
    - ``sweet_spot_min_mutual = 1``: a *sweet-spot* tie shares at least one contact -- someone
      who can vouch; ties with no mutual contact sat on the falling left side of the inverted U.
    - ``sweet_spot_turning_mutual = 10`` and ``sweet_spot_reference_degree = 500``: Rajkumar et
      al. found job transmission peaked around 10 mutual connections for LinkedIn members, whose
      networks we take to be ~500 connections. The upper end of the band scales linearly with
      the larger endpoint's degree: ``max(min_mutual, round(10 * k / 500))`` (so 1 for a
      network of 20, 4 for 200, 10 for 500, more for a super-connector).
    - ``exact_betweenness_max_nodes = 5000`` and ``exact_betweenness_max_work = 2_500_000_000``:
      exact betweenness (Brandes, igraph) is O(n m): 4 s at 5,000 nodes / 25k ties, 23 s at
      10k / 50k, 48 s at 20k / 100k ties on one idle core (5-8x that on a loaded machine); the
      sources are split over both cores (``brokers.exact_raw``: 15 s -> 11 s at 6,000 people
      under load). It is computed exactly up to 5,000 people, or while people x ties stays
      under 2.5e9 (20,000 people with up to 125,000 ties, well under a minute). Exact
      because nothing cheaper names the right brokers on a flat network: on a 20,000-node
      block model both k = 500 sampled sources and KADABRA at epsilon = 0.01 put only 6 of
      the exact top 20 in their top 20 (every score within 0.001, but the top scores are
      ~0.003 and close together; ``bench/betweenness.py``). Above, the same test on the
      network folded by its twins (people with the same contacts counted once, exact:
      ``analysis/_brandes.py``; workload B's 44,960 people fold into 8,656), and where even
      that is over, KADABRA's estimate with its stated guarantee.
    - ``betweenness_epsilon = 0.01`` and ``betweenness_delta = 0.1``: KADABRA (Borassi &
      Natale 2016) samples shortest paths until every normalised score is within 0.01 of the
      exact one with probability at least 90% (the summary states both numbers). Its samples
      grow as 1/epsilon^2; it ranks brokers whose scores differ by more than 2 epsilon (on a
      20,000-node power-law graph, whose top scores are 0.01-0.12, its top 20 is the exact top
      20), not those closer together.
    - ``betweenness_k = 500`` and ``betweenness_max_work = 100_000_000``: the Spark engine's
      sampled sources above ``exact_betweenness_max_nodes`` (Brandes & Pich 2007; no stated
      bound), shrunk so that sources x ties stays under 1e8 (never below 100 sources): each
      source is a BFS over every tie.
    - ``max_spans = 50_000``: local-bridge spans are a BFS each (~0.8 ms at 100k nodes); above
      this many local bridges, spans are computed for the owners' ties and a seeded sample of
      the rest (~40 s), the others left missing -- the summary says how many.
    - ``resolution = 1.0``: classical modularity (Newman & Girvan 2004). Lower gives fewer,
      larger clusters (0.5 splits the karate club in two, as it split in 1977).
    - ``seed = 0``: every random choice (community detection, betweenness estimates) is seeded.
    - ``include_inferred = True``: ties inferred from shared group conversations (``inferred``)
      are evidence that two contacts know each other; set False to analyse observed ties only.
    """

    dormant_days: int = 730
    half_life_days: float = 365.0
    interaction_half_point: float = 3.0
    strong_interaction: float = 0.5
    strong_weight_multiple: float = 2.0
    strong_overlap: float = 0.3
    interaction_weight: float = 0.5
    sweet_spot_min_mutual: int = 1
    sweet_spot_turning_mutual: float = 10.0
    sweet_spot_reference_degree: int = 500
    exact_betweenness_max_nodes: int = 5000
    exact_betweenness_max_work: int = 2_500_000_000
    betweenness_epsilon: float = 0.01
    betweenness_delta: float = 0.1
    betweenness_k: int = 500
    betweenness_max_work: int = 100_000_000
    max_spans: int = 50_000
    resolution: float = 1.0
    seed: int = 0
    include_inferred: bool = True


#: The defaults, as one immutable value (usable as a default argument).
DEFAULT_PARAMS = Params()
