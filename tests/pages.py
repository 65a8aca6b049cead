"""The public site's pages, for the tests that visit every page (axe, English leaks)."""

PUBLIC_PAGES = [
    "/",
    "/contact/",
    "/newsletter/",
    "/referral/",
    "/careers/",
    "/careers/apply/",
    "/testimonials/",
    "/privacy/",
    "/cookies/",
    "/legal-notice/",
    "/consent/settings/",
    "/dpo/",
]
# An extranet admin's pages (members, company, the extranet's activity and consent records).
EXTRANET_ADMIN_PAGES = [
    "/",
    "/meetings/",
    "/meetings/new/",
    "/actions/",
    "/actions/new/",
    "/my-data/",
    "/preferences/",
    "/preferences/company/",
    "/members/",
    "/activity/extranet/",
    "/consent/records/",
    "/surveys/results/",
]
