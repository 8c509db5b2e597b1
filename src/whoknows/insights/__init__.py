"""Insights over the evidence store: profiles, claims, hidden experts, topics, gaps, network.

Every function here sees only visible people (no bots, nobody who opted out) and ranks
nobody from worst to best.
"""
