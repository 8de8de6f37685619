"""Demo data of citizen reception and cases (``case_demo``, then ``meeting_demo``)."""


def populate(ctx) -> None:
    from danvan.petitions import case_demo, meeting_demo

    case_demo.populate(ctx)
    meeting_demo.populate(ctx)
