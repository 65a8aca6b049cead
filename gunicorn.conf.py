"""Gunicorn settings for production (Dockerfile, docker-compose.yml).

Gunicorn reads ./gunicorn.conf.py by default; the Dockerfile and docker-compose.yml also name it.
"""

import gunicorn.http.wsgi

# Do not announce the server software: gunicorn writes "Server: gunicorn" on every response
# and has no setting to change it, so replace the name its responses read.
gunicorn.http.wsgi.SERVER = "perfony"
