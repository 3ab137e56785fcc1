"""gunicorn.conf.py: what each worker sets once it has loaded the site."""

import gc
import importlib.util
from pathlib import Path

from django.conf import settings


def load_conf():
    spec = importlib.util.spec_from_file_location("gunicorn_conf", Path(settings.BASE_DIR) / "gunicorn.conf.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_loaded_worker_freezes_its_start_up_objects_and_collects_less_often():
    conf = load_conf()
    assert conf.control_socket_disable is True
    before = gc.get_threshold()
    try:
        conf.post_worker_init(worker=None)
        assert gc.get_threshold() == conf.GC_THRESHOLD
        assert gc.get_freeze_count() > 10_000  # Django, Wagtail and the site's modules
        assert conf.GC_THRESHOLD[0] > before[0]
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
