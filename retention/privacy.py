from privacy.registry import not_personal

not_personal("retention.RetentionRun", "Timestamps and status of purge runs.")
not_personal("retention.RetentionSchemaRun", "Schema names and status of purge runs.")
not_personal("retention.RetentionPolicyRun", "Counts of purged rows per policy, no row content.")
not_personal("retention.ArchivedExtranet", "Company name and contract dates of a former customer.")
not_personal(
    "retention.DropWarning",
    "Company name and the staff mailbox warned (a role address, not a person).",
)
