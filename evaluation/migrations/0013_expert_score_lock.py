from django.db import migrations

from evaluation.migrations._vendor_sql import run_by_vendor

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


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0012_expert_review")]

    operations = [run_by_vendor({"postgresql": POSTGRESQL_TRIGGER, "sqlite": SQLITE_TRIGGER}, {"postgresql": POSTGRESQL_DROP, "sqlite": SQLITE_DROP})]
