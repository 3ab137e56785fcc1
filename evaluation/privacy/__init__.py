"""Private data: keyed hashes and encryption of ID numbers and phones, and private files served to staff only."""
