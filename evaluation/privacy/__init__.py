"""Private data: keyed hashes and encryption of ID numbers and phones (the views serving private files are in
evaluation/public/files.py)."""
