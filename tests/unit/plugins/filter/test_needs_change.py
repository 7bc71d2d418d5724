import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.greenunicorn.gunicorn.plugins.filter.needs_change import FilterModule

needs_change = FilterModule().filters()["needs_change"]
FILE = {"exists": True, "type": "file", "owner": "root", "group": "shop", "mode": "0640",
        "checksum": "f572d396fae9206628714fb2ce00f72e94f2258f"}  # sha1 of "hello\n"


def test_same_content_and_attributes_need_no_change():
    assert needs_change(FILE, "file", content="hello\n", owner="root", group="shop", mode="0640") is False


def test_other_content_or_a_missing_path_need_a_change():
    assert needs_change(FILE, "file", content="hello") is True
    assert needs_change(None, "directory") is True


def test_bad_input_is_a_filter_error():
    with pytest.raises(AnsibleFilterError):
        needs_change("not a dict", "file")
    with pytest.raises(AnsibleFilterError, match="kind"):
        needs_change(FILE, "fifo")
