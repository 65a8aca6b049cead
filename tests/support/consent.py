"""A visitor's choice in the cookie banner."""


def consent_post(client, action="accept_all", **extra):
    data = {"action": action, "next": "/", **extra}
    return client.post("/consent/", data)
