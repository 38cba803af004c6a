# Generated from src/messaging_app_sdk/_async/resources/__init__.py by scripts/unasync.py: edit that file, then `npm run generate`.
"""One class per area of the API; each public method is one operation of the spec (see the README's
"Adding an operation")."""
