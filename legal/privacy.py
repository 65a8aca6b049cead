from privacy.registry import not_personal

not_personal("legal.PolicyVersion", "Texts of our policies, written by Perfony.")
not_personal(
    "legal.PolicyNoticeDelivery",
    "Progress counters of a mailing: a schema name, a count and the last internal user id.",
)
