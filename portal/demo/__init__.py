"""Demo content of the fictional 清河市文明网, built by `manage.py load_demo`.

Everything here is written for the demo: the city, districts, people and events
are invented.  `create_random_content` reuses the same helpers for benchmarks.
"""
