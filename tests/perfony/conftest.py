from tests.accounts.staff import staff_member, staff_totp_secret  # noqa: F401  (fixtures)
