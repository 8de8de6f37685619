"""What the core app plugs into the platform, in one place (called from ``CoreConfig.ready``)."""

from danvan.core import periodic
from danvan.core.tasks import HEARTBEAT_MINUTES


def register() -> None:
    periodic.periodic(
        "core.heartbeat",
        "danvan.core.tasks.heartbeat",
        periodic.every_minutes(HEARTBEAT_MINUTES),
        # A heartbeat nobody ran in time says nothing any more: drop it rather than pile up
        # while the workers are down.
        expires=HEARTBEAT_MINUTES * 60 - 30,
    )
    periodic.periodic("core.sweep-jobs", "danvan.core.tasks.sweep_jobs", periodic.every_minutes(5))
    periodic.periodic(
        "core.prune-form-tokens", "danvan.core.tasks.prune_form_tokens", periodic.nightly(hour=3)
    )
