"""Redlines: what changed between two editions, word by word (see build.py)."""
