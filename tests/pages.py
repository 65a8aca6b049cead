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
