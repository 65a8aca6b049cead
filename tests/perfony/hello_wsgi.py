"""A WSGI app with no headers of its own: what gunicorn adds is all a test of it sees."""


def app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"hello"]
