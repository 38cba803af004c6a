"""One class per area of the API; each public method is one operation of the spec (see the README's
"Adding an operation")."""
