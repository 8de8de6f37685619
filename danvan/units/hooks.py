"""What the units app plugs into the platform, in one place (called from ``UnitsConfig.ready``)."""

from danvan.units import pickers


def register() -> None:
    from danvan.units import rules

    rules.register()
    pickers.register_defaults()
