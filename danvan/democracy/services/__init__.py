"""Writes of grassroots democracy (keyword-only, atomic, audited). One module per part:
``disclosures``, ``decisions`` (and ``voting``, the public ballot), ``consultations``,
``boards``."""
