"""Gunicorn settings: gunicorn reads ./gunicorn.conf.py from its working directory (/app in the
image, the checkout in dev); the Dockerfile and docker-compose.yml also name it.

Workers are recycled before they bloat: after GUNICORN_MAX_REQUESTS requests (plus up to
GUNICORN_MAX_REQUESTS_JITTER, so that workers do not all restart at once) a worker is replaced,
which also closes its database connection and with it the PostgreSQL backend's catalog cache of
every schema it touched. CONN_MAX_AGE (settings, default 60 s) closes that connection sooner.
See docs/scaling.md.
"""

import os

import gunicorn.http.wsgi

# Do not announce the server software: gunicorn writes "Server: gunicorn" on every response
# and has no setting to change it, so replace the name its responses read.
gunicorn.http.wsgi.SERVER = "perfony"

max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "100"))
