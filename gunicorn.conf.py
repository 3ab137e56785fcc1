"""Read by gunicorn from the project root (make serve, the benchmarks, the multi-process tests).

Gunicorn 27's control socket is off: it runs an asyncio thread in the master
that is stopped and restarted around every fork, all instances share one path
under ~/.gunicorn, and nothing here uses it (workers are managed by signals).
"""

import gc

control_socket_disable = True

# Python's cycle collector, per worker. A page render allocates tens of thousands of
# objects, so with the default threshold (700) the collector runs many times per
# request and each older-generation pass walks everything Django and Wagtail made
# at start-up (measure a change with benchmarks/http_bench.py).
GC_THRESHOLD = (50_000, 50, 100)


def post_worker_init(worker):
    """Once the worker has loaded the application: start-up objects out of the collector's sight, fewer passes."""
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLD)
