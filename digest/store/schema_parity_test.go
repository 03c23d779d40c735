package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest/testkit/pgtest"
)

// The two backends' migrations are written separately (SQLite's 001–016
// grew one step at a time; PostgreSQL's 001 is their sum), so nothing but
// this test keeps them describing one schema. It migrates a new database
// of each kind, reads back what each says it holds and compares:
// tables; per table its columns (type family, NOT NULL, default), primary
// key, UNIQUE constraints, foreign keys and CHECK constraints; and the
// indexes created by name (columns, uniqueness, predicate).
//
// What is compared is normalised so that a dialect's spelling is not a
// difference:
//   - type families: any integer type (SQLite INTEGER, PostgreSQL integer
//     or bigint) is "integer" (SQLite's INTEGER is 64-bit); TEXT is
//     "text"; BLOB and bytea are "blob"; a SQLite TEXT COLLATE NOCASE
//     column and a PostgreSQL citext one are both "text nocase". Times are
//     RFC 3339 text on both, so they are "text".
//   - a primary-key column counts as NOT NULL: PostgreSQL makes it so;
//     SQLite's INTEGER PRIMARY KEY is the rowid, never NULL, and its other
//     primary keys admit NULL only by a documented legacy quirk the store
//     never exercises.
//   - defaults lose PostgreSQL's casts ('x'::text is 'x'); false and true
//     are 0 and 1; bytea '\x' is x''; an INTEGER PRIMARY KEY (SQLite's
//     rowid) and an identity column are both "(auto)".
//   - CHECK expressions and index predicates are compared with casts,
//     brackets and spaces removed, "!=" as "<>" and "= ANY (ARRAY[…])" as
//     "IN (…)".
//
// Differences that are deliberate, each a dialect's necessity, are listed
// in deliberateDifferences with their reason; one listed that no longer
// occurs fails the test too, so the list stays true.

// deliberateDifferences are differences between the schemas that must be
// there, keyed as schemaDiff.key.
var deliberateDifferences = map[string]string{
	"edition_overrides.excluded: type":      "SQLite has no BOOLEAN type: 0/1 INTEGER",
	"edition_overrides.included: type":      "SQLite has no BOOLEAN type: 0/1 INTEGER",
	"edition_overrides.pinned: type":        "SQLite has no BOOLEAN type: 0/1 INTEGER",
	"instances.leader: type":                "SQLite has no BOOLEAN type: 0/1 INTEGER",
	"subscribers.public_id: default":        "SQLite cannot ADD COLUMN with a volatile default; its trigger subscribers_public_id sets it instead",
	"trigger subscribers_public_id: exists": "SQLite's stand-in for PostgreSQL's volatile default of subscribers.public_id",
	"schema_migrations.version: default":    "migrate creates it with one statement for both; SQLite makes any INTEGER PRIMARY KEY the rowid, and a version is always given",
}

func TestSchemasMatch(t *testing.T) {
	ctx := context.Background()
	lite := openSchema(t, filepath.Join(t.TempDir(), "digest.db"))
	pg := openSchema(t, pgtest.URL(t))
	ls, err := sqliteSchema(ctx, lite.db.DB)
	if err != nil {
		t.Fatalf("read the SQLite schema: %v", err)
	}
	ps, err := postgresSchema(ctx, pg.db.DB)
	if err != nil {
		t.Fatalf("read the PostgreSQL schema: %v", err)
	}
	if len(ls.tables) == 0 || len(ps.tables) == 0 {
		t.Fatalf("read %d SQLite tables and %d PostgreSQL tables: the introspection is broken", len(ls.tables), len(ps.tables))
	}
	t.Logf("compared SQLite %s with PostgreSQL %s", ls.summary(), ps.summary())
	seen := map[string]bool{}
	for _, d := range compareSchemas(ls, ps) {
		if _, ok := deliberateDifferences[d.key]; ok {
			seen[d.key] = true
			continue
		}
		t.Errorf("schemas differ: %s: %s", d.key, d.detail)
	}
	for key, reason := range deliberateDifferences {
		if !seen[key] {
			t.Errorf("deliberate difference %q (%s) no longer occurs: take it off the list", key, reason)
		}
	}
}

func openSchema(t *testing.T, dsn string) *Store {
	t.Helper()
	s, err := Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// schema is what a database says it holds, normalised (see above).
type schema struct {
	tables   map[string]*tableSchema
	triggers []string
}

type tableSchema struct {
	columns map[string]columnSchema
	pk      string   // column list, in key order
	uniques []string // column lists of UNIQUE constraints
	fks     []string // "column -> table(column) on delete RULE"
	checks  []string // normalised expressions
	indexes map[string]indexSchema
}

type columnSchema struct {
	typ     string
	notNull bool
	def     string // "" for none
}

type indexSchema struct {
	columns string
	unique  bool
	where   string // normalised predicate, "" for a full index
}

// summary counts what was read, so a run shows the comparison was not
// of two empty sets.
func (s schema) summary() string {
	var cols, idx, uniq, fks, checks int
	for _, t := range s.tables {
		cols += len(t.columns)
		idx += len(t.indexes)
		uniq += len(t.uniques)
		fks += len(t.fks)
		checks += len(t.checks)
	}
	return fmt.Sprintf("(%d tables, %d columns, %d indexes, %d unique, %d foreign keys, %d checks, %d triggers)",
		len(s.tables), cols, idx, uniq, fks, checks, len(s.triggers))
}

func newTable() *tableSchema {
	return &tableSchema{columns: map[string]columnSchema{}, indexes: map[string]indexSchema{}}
}

// schemaDiff is one difference: key names the table, column, index or
// constraint and what differs; detail shows both sides.
type schemaDiff struct{ key, detail string }

func compareSchemas(lite, pg schema) []schemaDiff {
	var out []schemaDiff
	add := func(key, format string, args ...any) {
		out = append(out, schemaDiff{key, fmt.Sprintf(format, args...)})
	}
	for _, name := range unionKeys(lite.tables, pg.tables) {
		l, p := lite.tables[name], pg.tables[name]
		switch {
		case p == nil:
			add("table "+name+": exists", "only on SQLite")
			continue
		case l == nil:
			add("table "+name+": exists", "only on PostgreSQL")
			continue
		}
		for _, col := range unionKeys(l.columns, p.columns) {
			lc, lok := l.columns[col]
			pc, pok := p.columns[col]
			key := name + "." + col
			switch {
			case !pok:
				add(key+": exists", "column only on SQLite")
				continue
			case !lok:
				add(key+": exists", "column only on PostgreSQL")
				continue
			}
			if lc.typ != pc.typ {
				add(key+": type", "SQLite %s, PostgreSQL %s", lc.typ, pc.typ)
			}
			if lc.notNull != pc.notNull {
				add(key+": not null", "SQLite NOT NULL %v, PostgreSQL NOT NULL %v", lc.notNull, pc.notNull)
			}
			if lc.def != pc.def {
				add(key+": default", "SQLite %q, PostgreSQL %q", lc.def, pc.def)
			}
		}
		if l.pk != p.pk {
			add(name+": primary key", "SQLite (%s), PostgreSQL (%s)", l.pk, p.pk)
		}
		for what, sides := range map[string][2][]string{
			"unique":      {l.uniques, p.uniques},
			"foreign key": {l.fks, p.fks},
			"check":       {l.checks, p.checks},
		} {
			for _, only := range oneSided(sides[0], sides[1]) {
				add(fmt.Sprintf("%s: %s %s", name, what, only), "only on SQLite")
			}
			for _, only := range oneSided(sides[1], sides[0]) {
				add(fmt.Sprintf("%s: %s %s", name, what, only), "only on PostgreSQL")
			}
		}
		for _, ix := range unionKeys(l.indexes, p.indexes) {
			li, lok := l.indexes[ix]
			pi, pok := p.indexes[ix]
			key := "index " + ix + " on " + name
			switch {
			case !pok:
				add(key+": exists", "only on SQLite")
			case !lok:
				add(key+": exists", "only on PostgreSQL")
			case li != pi:
				add(key+": definition", "SQLite %+v, PostgreSQL %+v", li, pi)
			}
		}
	}
	for _, tr := range oneSided(lite.triggers, pg.triggers) {
		add("trigger "+tr+": exists", "only on SQLite")
	}
	for _, tr := range oneSided(pg.triggers, lite.triggers) {
		add("trigger "+tr+": exists", "only on PostgreSQL")
	}
	return out
}

func unionKeys[V any](a, b map[string]V) []string {
	var keys []string
	for k := range a {
		keys = append(keys, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

// oneSided returns what a holds that b does not.
func oneSided(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	sort.Strings(out)
	return out
}

var (
	castPattern    = regexp.MustCompile(`::[a-z]+( [a-z]+)*`)
	anyArray       = regexp.MustCompile(`(?i)=\s*any\s*\(\s*array\s*\[([^\]]*)\]\s*\)`)
	sqlComment     = regexp.MustCompile(`--[^\n]*`)
	checkKeyword   = regexp.MustCompile(`(?i)\bcheck\s*\(`)
	indexPredicate = regexp.MustCompile(`(?is)\bwhere\b(.*)$`)
)

// normExpr is a CHECK expression or index predicate in the form both
// backends' spellings reduce to.
func normExpr(e string) string {
	e = castPattern.ReplaceAllString(e, "")
	e = anyArray.ReplaceAllString(e, "IN ($1)")
	e = strings.ReplaceAll(e, "!=", "<>")
	e = strings.NewReplacer("(", "", ")", "", " ", "", "\n", "", "\t", "").Replace(e)
	return strings.ToLower(e)
}

// normDefault is a column default in the form both spell it.
func normDefault(d string) string {
	d = castPattern.ReplaceAllString(d, "")
	switch strings.ToLower(d) {
	case "false":
		return "0"
	case "true":
		return "1"
	case `'\x'`:
		return "x''"
	}
	return d
}

func sqliteType(decl string, nocase bool) string {
	decl = strings.ToUpper(decl)
	switch {
	case strings.Contains(decl, "INT"):
		return "integer"
	case strings.Contains(decl, "TEXT"), strings.Contains(decl, "CHAR"), strings.Contains(decl, "CLOB"):
		if nocase {
			return "text nocase"
		}
		return "text"
	case strings.Contains(decl, "BLOB"), decl == "":
		return "blob"
	}
	return strings.ToLower(decl)
}

func postgresType(udt string) string {
	switch udt {
	case "int2", "int4", "int8":
		return "integer"
	case "text", "varchar", "bpchar":
		return "text"
	case "citext":
		return "text nocase"
	case "bytea":
		return "blob"
	case "bool":
		return "boolean"
	}
	return udt
}

// checksIn finds the CHECK constraints in a CREATE TABLE statement,
// each the text between its balanced brackets.
func checksIn(create string) []string {
	create = sqlComment.ReplaceAllString(create, "")
	var out []string
	for _, loc := range checkKeyword.FindAllStringIndex(create, -1) {
		depth, start := 0, loc[1]-1
		for i := start; i < len(create); i++ {
			switch create[i] {
			case '(':
				depth++
			case ')':
				depth--
			}
			if depth == 0 {
				out = append(out, normExpr(create[start+1:i]))
				break
			}
		}
	}
	return out
}

func queryStrings(ctx context.Context, db *sql.DB, q string, args ...any) ([][]string, error) {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", strings.Join(strings.Fields(q), " "), err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var out [][]string
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		row := make([]string, len(cols))
		for i, v := range vals {
			row[i] = v.String
		}
		out = append(out, row)
	}
	return out, rows.Err()
}

func sqliteSchema(ctx context.Context, db *sql.DB) (schema, error) {
	s := schema{tables: map[string]*tableSchema{}}
	tables, err := queryStrings(ctx, db, `SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
	if err != nil {
		return s, err
	}
	for _, tr := range tables {
		name, create := tr[0], sqlComment.ReplaceAllString(tr[1], "")
		t := newTable()
		s.tables[name] = t
		cols, err := queryStrings(ctx, db, `SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?) ORDER BY pk`, name)
		if err != nil {
			return s, err
		}
		var pk []string
		for _, c := range cols {
			nocase := regexp.MustCompile(`(?im)^\s*"?` + regexp.QuoteMeta(c[0]) + `"?\s+[^,\n]*\bCOLLATE\s+NOCASE`).MatchString(create)
			col := columnSchema{typ: sqliteType(c[1], nocase), notNull: c[2] == "1" || c[4] != "0", def: normDefault(c[3])}
			if c[4] != "0" {
				pk = append(pk, c[0])
			}
			t.columns[c[0]] = col
		}
		if len(pk) == 1 && t.columns[pk[0]].typ == "integer" {
			col := t.columns[pk[0]]
			col.def = "(auto)" // the rowid
			t.columns[pk[0]] = col
		}
		t.pk = strings.Join(pk, ",")
		t.checks = checksIn(create)
		fks, err := queryStrings(ctx, db, `SELECT "table", "from", "to", on_delete FROM pragma_foreign_key_list(?)`, name)
		if err != nil {
			return s, err
		}
		for _, fk := range fks {
			t.fks = append(t.fks, fmt.Sprintf("%s -> %s(%s) on delete %s", fk[1], fk[0], fk[2], strings.ToLower(fk[3])))
		}
		indexes, err := queryStrings(ctx, db, `SELECT l.name, l."unique", l.origin, m.sql FROM pragma_index_list(?) l
			LEFT JOIN sqlite_master m ON m.type = 'index' AND m.name = l.name`, name)
		if err != nil {
			return s, err
		}
		for _, ix := range indexes {
			cols, err := queryStrings(ctx, db, `SELECT name FROM pragma_index_info(?) ORDER BY seqno`, ix[0])
			if err != nil {
				return s, err
			}
			var names []string
			for _, c := range cols {
				names = append(names, c[0])
			}
			switch ix[2] {
			case "u":
				t.uniques = append(t.uniques, strings.Join(names, ","))
			case "c":
				var where string
				if m := indexPredicate.FindStringSubmatch(ix[3]); m != nil {
					where = normExpr(m[1])
				}
				t.indexes[ix[0]] = indexSchema{columns: strings.Join(names, ","), unique: ix[1] == "1", where: where}
			}
		}
	}
	triggers, err := queryStrings(ctx, db, `SELECT name FROM sqlite_master WHERE type = 'trigger'`)
	if err != nil {
		return s, err
	}
	for _, tr := range triggers {
		s.triggers = append(s.triggers, tr[0])
	}
	return s, nil
}

func postgresSchema(ctx context.Context, db *sql.DB) (schema, error) {
	s := schema{tables: map[string]*tableSchema{}}
	cols, err := queryStrings(ctx, db, `SELECT c.table_name, c.column_name, c.udt_name, c.is_nullable, c.column_default, c.is_identity
		FROM information_schema.columns c JOIN information_schema.tables t
			ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
		WHERE c.table_schema = current_schema()`)
	if err != nil {
		return s, err
	}
	table := func(name string) *tableSchema {
		if s.tables[name] == nil {
			s.tables[name] = newTable()
		}
		return s.tables[name]
	}
	for _, c := range cols {
		col := columnSchema{typ: postgresType(c[2]), notNull: c[3] == "NO", def: normDefault(c[4])}
		if c[5] == "YES" {
			col.def = "(auto)"
		}
		table(c[0]).columns[c[1]] = col
	}
	keys, err := queryStrings(ctx, db, `SELECT tc.table_name, tc.constraint_type, string_agg(k.column_name, ',' ORDER BY k.ordinal_position)
		FROM information_schema.table_constraints tc JOIN information_schema.key_column_usage k
			ON k.constraint_schema = tc.constraint_schema AND k.constraint_name = tc.constraint_name AND k.table_name = tc.table_name
		WHERE tc.table_schema = current_schema() AND tc.constraint_type IN ('PRIMARY KEY', 'UNIQUE')
		GROUP BY tc.table_name, tc.constraint_name, tc.constraint_type`)
	if err != nil {
		return s, err
	}
	for _, k := range keys {
		if k[1] == "PRIMARY KEY" {
			table(k[0]).pk = k[2]
		} else {
			table(k[0]).uniques = append(table(k[0]).uniques, k[2])
		}
	}
	fks, err := queryStrings(ctx, db, `SELECT k.table_name, k.column_name, u.table_name, u.column_name, r.delete_rule
		FROM information_schema.referential_constraints r
		JOIN information_schema.key_column_usage k ON k.constraint_schema = r.constraint_schema AND k.constraint_name = r.constraint_name
		JOIN information_schema.key_column_usage u ON u.constraint_schema = r.unique_constraint_schema
			AND u.constraint_name = r.unique_constraint_name AND u.ordinal_position = k.position_in_unique_constraint
		WHERE r.constraint_schema = current_schema()`)
	if err != nil {
		return s, err
	}
	for _, fk := range fks {
		table(fk[0]).fks = append(table(fk[0]).fks, fmt.Sprintf("%s -> %s(%s) on delete %s", fk[1], fk[2], fk[3], strings.ToLower(fk[4])))
	}
	// CHECK constraints from pg_constraint: information_schema also
	// lists NOT NULL there, as checks.
	checks, err := queryStrings(ctx, db, `SELECT t.relname, pg_get_constraintdef(c.oid)
		FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
		WHERE c.contype = 'c' AND t.relnamespace = current_schema()::regnamespace`)
	if err != nil {
		return s, err
	}
	for _, c := range checks {
		def := strings.TrimSpace(strings.TrimPrefix(c[1], "CHECK"))
		table(c[0]).checks = append(table(c[0]).checks, normExpr(def))
	}
	// Indexes created by name: not those behind a primary key or UNIQUE
	// constraint (SQLite's are automatic, and compared as constraints).
	indexes, err := queryStrings(ctx, db, `SELECT t.relname, i.relname, ix.indisunique,
			(SELECT string_agg(a.attname, ',' ORDER BY k.o) FROM unnest(ix.indkey) WITH ORDINALITY k(n, o)
				JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.n),
			pg_get_expr(ix.indpred, ix.indrelid)
		FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid
		WHERE t.relnamespace = current_schema()::regnamespace
			AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = ix.indexrelid AND c.contype IN ('p', 'u', 'x'))`)
	if err != nil {
		return s, err
	}
	for _, ix := range indexes {
		table(ix[0]).indexes[ix[1]] = indexSchema{columns: ix[3], unique: ix[2] == "true", where: normExpr(ix[4])}
	}
	triggers, err := queryStrings(ctx, db, `SELECT DISTINCT trigger_name FROM information_schema.triggers WHERE trigger_schema = current_schema()`)
	if err != nil {
		return s, err
	}
	for _, tr := range triggers {
		s.triggers = append(s.triggers, tr[0])
	}
	return s, nil
}
