# Generated from src/messaging_app_sdk/_async/__init__.py by scripts/unasync.py: edit that file, then `npm run generate`.
"""The asynchronous client and everything it is made of. This is the source: `_sync/` is generated
from it by scripts/unasync.py."""
