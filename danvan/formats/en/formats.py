# English pages keep the Vietnamese formats: dd/mm/yyyy, 50.000.000 and 93,5 (users are in Vietnam).
from danvan.formats.vi.formats import *  # noqa: F403
