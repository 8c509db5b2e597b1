"""Engagements: tandem, pairs, stakeholders, coaching plans, skill transfer."""
