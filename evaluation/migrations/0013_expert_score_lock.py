from django.db import migrations

# A submitted expert score is final in the database too: UPDATE is refused whatever code runs.
POSTGRESQL_TRIGGER = """
CREATE OR REPLACE FUNCTION evaluation_expertscore_locked() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '评分已提交，不能修改。' USING ERRCODE = 'restrict_violation';
END;
$$;
CREATE TRIGGER evaluation_expertscore_locked
    BEFORE UPDATE ON evaluation_expertscore
    FOR EACH ROW EXECUTE FUNCTION evaluation_expertscore_locked();
"""
POSTGRESQL_DROP = """
DROP TRIGGER IF EXISTS evaluation_expertscore_locked ON evaluation_expertscore;
DROP FUNCTION IF EXISTS evaluation_expertscore_locked();
"""
SQLITE_TRIGGER = """
CREATE TRIGGER evaluation_expertscore_locked BEFORE UPDATE ON evaluation_expertscore
BEGIN
    SELECT RAISE(ABORT, '评分已提交，不能修改。');
END;
"""
SQLITE_DROP = "DROP TRIGGER IF EXISTS evaluation_expertscore_locked;"


def add_trigger(apps, schema_editor):
    sql = {"postgresql": POSTGRESQL_TRIGGER, "sqlite": SQLITE_TRIGGER}.get(schema_editor.connection.vendor)
    if sql:
        schema_editor.execute(sql)


def drop_trigger(apps, schema_editor):
    sql = {"postgresql": POSTGRESQL_DROP, "sqlite": SQLITE_DROP}.get(schema_editor.connection.vendor)
    if sql:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0012_expert_review")]

    operations = [migrations.RunPython(add_trigger, drop_trigger)]
