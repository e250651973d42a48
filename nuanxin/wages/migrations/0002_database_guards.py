"""PostgreSQL guards the ledger itself: every transaction balances at commit (a deferred
constraint trigger) and entries are never changed or deleted. SQLite relies on the service."""

from django.db import migrations

UP = [
    """
    CREATE FUNCTION wages_check_balanced() RETURNS trigger AS $$
    BEGIN
      IF (SELECT COALESCE(SUM(amount_fen), 0) FROM wages_entry WHERE transaction_id = NEW.transaction_id) <> 0 THEN
        RAISE EXCEPTION 'ledger transaction % does not balance', NEW.transaction_id;
      END IF;
      RETURN NULL;
    END $$ LANGUAGE plpgsql
    """,
    """
    CREATE CONSTRAINT TRIGGER wages_entry_balanced AFTER INSERT OR UPDATE ON wages_entry
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION wages_check_balanced()
    """,
    """
    CREATE FUNCTION wages_immutable() RETURNS trigger AS $$
    BEGIN
      RAISE EXCEPTION 'ledger rows are never changed or deleted';
    END $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER wages_entry_immutable BEFORE UPDATE OR DELETE ON wages_entry
    FOR EACH ROW EXECUTE FUNCTION wages_immutable()
    """,
]
DOWN = [
    "DROP TRIGGER IF EXISTS wages_entry_immutable ON wages_entry",
    "DROP FUNCTION IF EXISTS wages_immutable()",
    "DROP TRIGGER IF EXISTS wages_entry_balanced ON wages_entry",
    "DROP FUNCTION IF EXISTS wages_check_balanced()",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql, params=None)  # no placeholders: RAISE uses %

    return run


class Migration(migrations.Migration):
    dependencies = [("wages", "0001_initial")]
    operations = [migrations.RunPython(_run(UP), _run(DOWN))]
