# Lets plain pytest import the collection's plugins as ansible_collections.greenunicorn.gunicorn.*
# from a checkout (ansible-test units runs from an ansible_collections/ tree and needs nothing).
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
parts = ROOT.split(os.sep)
if parts[-3:-1] != ["ansible_collections", "greenunicorn"] and parts[-3:] != ["ansible_collections", "greenunicorn", "gunicorn"]:
    tree = os.path.join(ROOT, ".cache", "collections")
    link = os.path.join(tree, "ansible_collections", "greenunicorn", "gunicorn")
    if not os.path.exists(link):
        os.makedirs(os.path.dirname(link), exist_ok=True)
        os.symlink(ROOT, link)
    sys.path.insert(0, tree)
