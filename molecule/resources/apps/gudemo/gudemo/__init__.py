"""Example app of greenunicorn.gunicorn: small, dependency-free, and talkative enough to test."""
