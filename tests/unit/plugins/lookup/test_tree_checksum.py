import hashlib
import json
import os

import pytest
from ansible.errors import AnsibleLookupError

from ansible_collections.greenunicorn.gunicorn.plugins.lookup.tree_checksum import LookupModule, tree_checksum


@pytest.fixture
def tree(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "app.py").write_text("app = 1\n")
    (tmp_path / ".env.example").write_text("A=1\n")
    return tmp_path


def sha1(data):
    return hashlib.sha1(data).hexdigest()


def test_the_checksum_covers_relative_paths_and_contents(tree):
    want = [[".env.example", sha1(b"A=1\n")], ["pkg/app.py", sha1(b"app = 1\n")]]
    assert tree_checksum(str(tree)) == sha1(json.dumps(want).encode())


def test_content_renames_and_new_files_change_it_links_do_not(tree):
    before = tree_checksum(str(tree))
    os.symlink("pkg/app.py", str(tree / "link.py"))
    assert tree_checksum(str(tree)) == before
    (tree / "pkg" / "app.py").write_text("app = 2\n")
    changed = tree_checksum(str(tree))
    assert changed != before
    (tree / "pkg" / "app.py").rename(tree / "pkg" / "main.py")
    assert tree_checksum(str(tree)) not in (before, changed)


def test_the_lookup_returns_one_checksum_per_directory_and_refuses_a_file(tree):
    lookup = LookupModule()
    assert lookup.run([str(tree), str(tree / "pkg")], variables={}) == [tree_checksum(str(tree)), tree_checksum(str(tree / "pkg"))]
    with pytest.raises(AnsibleLookupError, match="not a directory"):
        lookup.run([str(tree / "pkg" / "app.py")], variables={})
