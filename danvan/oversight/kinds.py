"""The source kinds of the recommendations this app issues (``recommendations.sources``): the
"issuer kind" the dashboard groups by."""

from django.utils.translation import gettext_lazy as _

from danvan.oversight.recommendations import sources

INSPECTION = "oversight.inspection"
FRONT_SUPERVISION = "oversight.supervision_front"
MEMBER_SUPERVISION = "oversight.supervision_member"
COUNCIL_SUPERVISION = "oversight.supervision_council"
CRITIQUE = "oversight.critique"
QUESTION = "oversight.question"


def register() -> None:
    from danvan.oversight import rules

    sources.register(
        sources.SourceKind(
            key=INSPECTION, label=_("Inspections"), viewers=rules.inspection_team_viewers
        )
    )
    sources.register(
        sources.SourceKind(key=FRONT_SUPERVISION, label=_("Supervision by the Fatherland Front"))
    )
    sources.register(
        sources.SourceKind(key=MEMBER_SUPERVISION, label=_("Supervision by member organisations"))
    )
    sources.register(
        sources.SourceKind(
            key=COUNCIL_SUPERVISION, label=_("Supervision by People's Council committees")
        )
    )
    sources.register(sources.SourceKind(key=CRITIQUE, label=_("Social critique")))
    sources.register(sources.SourceKind(key=QUESTION, label=_("Council questions (chất vấn)")))
