"""Models of citizen reception and cases, in two modules: ``cases`` (cases, their handling,
time limits, confidential identities, the public form) and ``meetings`` (reception schedules
and sessions, voter-contact meetings and voter petitions, dialogue conferences)."""

from danvan.petitions.models.cases import *  # noqa: F403
from danvan.petitions.models.meetings import *  # noqa: F403
