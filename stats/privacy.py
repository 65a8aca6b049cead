from privacy.registry import not_personal

not_personal(
    "stats.DailyCountryVisits",
    "Counts per country and day only; no IP, id or cookie value is ever stored.",
)
