"""The comparison for static files: whitenoise alone in front of an empty WSGI app.

BENCH_STATIC_ROOT=var/bench/static gunicorn -w 2 bench.plain_static:app
"""

import os

from whitenoise import WhiteNoise


def not_found(environ, start_response):
    start_response("404 Not Found", [("Content-Type", "text/plain")])
    return [b"not found"]


# The same files and the same caching rule as the shop's production settings (hashed names
# are immutable, so whitenoise sends them with a year's max-age).
app = WhiteNoise(not_found, root=os.environ["BENCH_STATIC_ROOT"], prefix="static/")
app.immutable_file_test = lambda path, url: True
