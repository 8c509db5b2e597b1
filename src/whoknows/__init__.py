"""whoknows: find who really knows what inside an organization, with the evidence."""

__version__ = "0.1.0"
