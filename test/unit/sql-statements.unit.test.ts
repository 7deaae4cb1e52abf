import { describe, expect, it } from 'vitest';
import { sqlStatements } from '../../prisma/migrate/sql-statements.js';

describe('a migration script split into statements', () => {
  it('cuts at the semicolons that end statements, not at those in bodies, strings or comments', () => {
    const script = `-- a comment; with a semicolon
UPDATE "request" SET "protocol" = 'a;b';
CREATE FUNCTION "f"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'no; never';
END
$$;
/* block; comment */ CREATE TRIGGER "t" BEFORE DELETE ON "x" FOR EACH ROW EXECUTE FUNCTION "f"();
SELECT $tag$ ; $tag$, "odd;name" FROM y;
-- only a comment at the end`;
    expect(sqlStatements(script)).toEqual([
      `-- a comment; with a semicolon\nUPDATE "request" SET "protocol" = 'a;b'`,
      `CREATE FUNCTION "f"() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  RAISE EXCEPTION 'no; never';\nEND\n$$`,
      `/* block; comment */ CREATE TRIGGER "t" BEFORE DELETE ON "x" FOR EACH ROW EXECUTE FUNCTION "f"()`,
      `SELECT $tag$ ; $tag$, "odd;name" FROM y`,
    ]);
  });

  it('keeps a doubled quote inside its string', () => {
    expect(sqlStatements(`SELECT 'l''uno; e l''altro'; SELECT 2`)).toEqual([
      `SELECT 'l''uno; e l''altro'`,
      'SELECT 2',
    ]);
  });
});
