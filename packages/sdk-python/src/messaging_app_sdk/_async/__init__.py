"""The asynchronous client and everything it is made of. This is the source: `_sync/` is generated
from it by scripts/unasync.py."""
