"""gunicorn reads this file from its working directory (/app in the image, the checkout in dev).

Workers are recycled before they bloat: after GUNICORN_MAX_REQUESTS requests (plus up to
GUNICORN_MAX_REQUESTS_JITTER, so that workers do not all restart at once) a worker is replaced,
which also closes its database connection and with it the PostgreSQL backend's catalog cache of
every schema it touched. CONN_MAX_AGE (settings, default 60 s) closes that connection sooner.
See docs/scaling.md.
"""

import os

max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "100"))
