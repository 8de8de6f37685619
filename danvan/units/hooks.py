"""What the units app plugs into the platform, in one place (called from ``UnitsConfig.ready``)."""

from danvan.units import pickers


def register() -> None:
    pickers.register_defaults()
