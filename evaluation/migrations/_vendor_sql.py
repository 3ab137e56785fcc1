"""Raw SQL that differs by database vendor, as one reversible migration operation.

Kept out of the numbered migrations (the loader skips modules starting with `_`)
so the triggers that make tables append-only share one way of being installed.
"""

from django.db import migrations


def run_by_vendor(create, drop):
    """A RunPython that executes `create[vendor]` forwards and `drop[vendor]` backwards (other vendors: nothing)."""

    def forwards(apps, schema_editor):
        _execute(schema_editor, create)

    def backwards(apps, schema_editor):
        _execute(schema_editor, drop)

    return migrations.RunPython(forwards, backwards)


def _execute(schema_editor, sql_by_vendor):
    sql = sql_by_vendor.get(schema_editor.connection.vendor)
    if sql:
        schema_editor.execute(sql)
