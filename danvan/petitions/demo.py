"""Demo data of citizen reception and cases (``case_demo``, then ``meeting_demo``)."""


def populate(ctx) -> None:
    from danvan.petitions.cases import demo as case_demo
    from danvan.petitions.reception import demo as meeting_demo

    case_demo.populate(ctx)
    meeting_demo.populate(ctx)
