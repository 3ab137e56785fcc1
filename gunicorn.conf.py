"""Read by gunicorn from the project root (make serve, the benchmarks, the multi-process tests).

Gunicorn 27's control socket is off: it runs an asyncio thread in the master
that is stopped and restarted around every fork, all instances share one path
under ~/.gunicorn, and nothing here uses it (workers are managed by signals).
"""

control_socket_disable = True
