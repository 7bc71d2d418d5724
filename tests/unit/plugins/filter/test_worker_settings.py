import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.greenunicorn.gunicorn.plugins.filter.worker_settings import FilterModule


def test_the_filter_is_registered_and_returns_the_settings():
    worker_settings = FilterModule().filters()["worker_settings"]
    got = worker_settings("gthread", cpus=3, threads=None)
    assert got["workers"] == 6 and got["threads"] == 4 and got["worker_class"] == "gthread"


def test_an_unknown_class_is_a_filter_error():
    with pytest.raises(AnsibleFilterError, match="gunicorn_worker_class"):
        FilterModule().filters()["worker_settings"]("bogus")
