"""Fixed instants for the tests that travel in time (with time_machine)."""

from datetime import datetime
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")
T0 = datetime(2026, 1, 15, 12, 0, tzinfo=PARIS)
