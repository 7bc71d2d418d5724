"""Which gunicorn worker runs this process: found from the live worker object, not the config."""
import gc
import os
import sys


def running_worker():
    """Class name of the gunicorn worker object alive in this process, and its module."""
    base = sys.modules.get("gunicorn.workers.base")
    if base is not None:
        for obj in gc.get_objects():
            if isinstance(obj, base.Worker):
                cls = type(obj)
                return f"{cls.__module__}.{cls.__name__}"
    return None


def describe():
    info = {"pid": os.getpid(), "ppid": os.getppid(), "worker": running_worker()}
    time_module = sys.modules["time"]
    # gevent and eventlet replace time.sleep with a cooperative one
    info["time_sleep"] = f"{time_module.sleep.__module__}.{time_module.sleep.__name__}"
    return info
