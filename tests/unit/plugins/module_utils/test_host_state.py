import hashlib
import os

import pytest

from ansible_collections.greenunicorn.gunicorn.plugins.module_utils import host_state as hs


@pytest.fixture
def tree(tmp_path):
    (tmp_path / "conf").write_text("workers = 2\n")
    os.chmod(str(tmp_path / "conf"), 0o640)
    (tmp_path / "releases" / "abc").mkdir(parents=True)
    os.symlink("releases/abc", str(tmp_path / "current"))
    (tmp_path / "history.json").write_text('{"releases": [{"id": "abc"}]}')
    (tmp_path / "broken.json").write_text("{not json")
    return tmp_path


def test_describe_a_file_a_directory_a_link_and_nothing(tree):
    conf = hs.describe(str(tree / "conf"))
    assert conf["type"] == "file" and conf["mode"] == "0640" and conf["size"] == 12
    assert conf["checksum"] == hashlib.sha1(b"workers = 2\n").hexdigest()
    assert hs.describe(str(tree / "releases"))["type"] == "directory"
    link = hs.describe(str(tree / "current"))
    assert link["type"] == "link" and link["target"] == "releases/abc"
    assert hs.describe(str(tree / "missing")) == {"exists": False, "type": None}


def test_big_files_get_no_checksum(tree):
    assert "checksum" not in hs.describe(str(tree / "conf"), checksum_limit=4)


def test_read_json_and_list_dir(tree):
    assert hs.read_json(str(tree / "history.json")) == {"releases": [{"id": "abc"}]}
    assert hs.read_json(str(tree / "broken.json")) is None
    assert hs.read_json(str(tree / "missing.json")) is None
    assert hs.list_dir(str(tree / "releases")) == ["abc"]
    assert hs.list_dir(str(tree / "missing")) == []


def test_a_file_differs_by_content_owner_group_and_mode(tree):
    entry = hs.describe(str(tree / "conf"))
    owner, group = entry["owner"], entry["group"]
    assert not hs.differs(entry, "file", content="workers = 2\n", owner=owner, group=group, mode="0640")
    assert not hs.differs(entry, "file", content="workers = 2\n", mode="640")
    assert not hs.differs(entry, "file", mode=0o640)
    assert hs.differs(entry, "file", content="workers = 3\n")
    assert hs.differs(entry, "file", mode="0644")
    assert hs.differs(entry, "file", owner="somebody-else")
    assert hs.differs(entry, "file", group="somebody-else")
    assert hs.differs(entry, "directory")
    assert hs.differs(None, "file", content="")
    assert hs.differs({"exists": False, "type": None}, "file")


def test_links_compare_their_target_not_their_mode(tree):
    entry = hs.describe(str(tree / "current"))
    assert not hs.differs(entry, "link", target="releases/abc", mode="0750")
    assert hs.differs(entry, "link", target="releases/def")
    assert hs.differs(hs.describe(str(tree / "releases")), "link", target="releases/abc")


def test_absent_and_unknown_kinds(tree):
    assert hs.differs(hs.describe(str(tree / "conf")), "absent")
    assert not hs.differs(hs.describe(str(tree / "missing")), "absent")
    with pytest.raises(ValueError, match="kind"):
        hs.differs({}, "socket")
