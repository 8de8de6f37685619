"""Citizen reception, voter petitions and dialogue conferences."""
