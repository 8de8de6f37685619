# English pages keep the Vietnamese date order (dd/mm/yyyy); only number separators differ.
from danvan.formats.vi.formats import *  # noqa: F403

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
