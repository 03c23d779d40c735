package render

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// TestJSONShape reads the JSON back as untyped data, the way a tool that
// only knows the contract would, and checks the keys and their kinds.
func TestJSONShape(t *testing.T) {
	e := fixtureEdition()
	out, err := JSON(e)
	if err != nil {
		t.Fatalf("JSON: %v", err)
	}
	var doc map[string]any
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("unmarshal: %v", err)
	}
	for _, key := range []string{"id", "title", "theme", "generated_at"} {
		if _, ok := doc[key].(string); !ok {
			t.Errorf("%s is %T, want string", key, doc[key])
		}
	}
	if got := doc["generated_at"]; got != e.GeneratedAt.Format(time.RFC3339) {
		t.Errorf("generated_at = %v, want RFC 3339 %s", got, e.GeneratedAt.Format(time.RFC3339))
	}
	lead := list(t, doc, "lead")
	if len(lead) != len(e.Lead) {
		t.Fatalf("lead has %d sentences, want %d", len(lead), len(e.Lead))
	}
	for _, s := range lead {
		hasStrings(t, "lead[]", s, "text", "item_id")
	}
	sections := list(t, doc, "sections")
	if len(sections) != len(e.Sections) {
		t.Fatalf("%d sections, want %d", len(sections), len(e.Sections))
	}
	for i, raw := range sections {
		s := object(t, "sections[]", raw)
		hasStrings(t, "sections[]", s, "title")
		list(t, s, "summary")
		items := list(t, s, "items")
		if len(items) != len(e.Sections[i].Items) {
			t.Fatalf("section %d has %d items, want %d", i, len(items), len(e.Sections[i].Items))
		}
		for _, rawItem := range items {
			it := object(t, "items[]", rawItem)
			hasStrings(t, "items[]", it, "id", "title", "source", "url", "published", "origin")
			list(t, it, "authors")
			list(t, it, "summary")
		}
	}
	leftOut := list(t, doc, "left_out")
	if len(leftOut) != len(e.LeftOut) {
		t.Fatalf("left_out has %d entries, want %d", len(leftOut), len(e.LeftOut))
	}
	for _, l := range leftOut {
		hasStrings(t, "left_out[]", l, "id", "title", "reason")
	}
}

// TestJSONEmptyLists wants every list the contract names as [] even when
// the edition holds nil, and the caller's edition left as it was.
func TestJSONEmptyLists(t *testing.T) {
	tests := []struct {
		name    string
		edition func() *digest.Edition
		paths   [][]string // lists that must be [] (path of keys, 0 for first element)
	}{
		{"empty edition", emptyEdition, [][]string{{"lead"}, {"sections"}, {"left_out"}}},
		{"empty section and item", func() *digest.Edition {
			e := emptyEdition()
			e.Sections = []digest.Section{{Title: "Quiet", Items: []digest.Item{{ID: "q1", Title: "Nothing said"}}}}
			return e
		}, [][]string{{"lead"}, {"left_out"}, {"sections", "0", "summary"}, {"sections", "0", "items", "0", "authors"}, {"sections", "0", "items", "0", "summary"}}},
		{"section without items", func() *digest.Edition {
			e := emptyEdition()
			e.Sections = []digest.Section{{Title: "Quiet"}}
			return e
		}, [][]string{{"sections", "0", "items"}, {"sections", "0", "summary"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := tt.edition()
			out, err := JSON(e)
			if err != nil {
				t.Fatalf("JSON: %v", err)
			}
			if bytes.Contains(out, []byte("null")) {
				t.Errorf("output contains null:\n%s", out)
			}
			var doc any
			if err := json.Unmarshal(out, &doc); err != nil {
				t.Fatalf("unmarshal: %v", err)
			}
			for _, path := range tt.paths {
				v := at(t, doc, path)
				if l, ok := v.([]any); !ok || len(l) != 0 {
					t.Errorf("%v = %#v, want []", path, v)
				}
			}
			if !reflect.DeepEqual(e, tt.edition()) {
				t.Error("JSON changed the caller's edition")
			}
		})
	}
}

// TestJSONRoundTrip wants the JSON to carry every field of the edition.
func TestJSONRoundTrip(t *testing.T) {
	e := fixtureEdition()
	out, err := JSON(e)
	if err != nil {
		t.Fatalf("JSON: %v", err)
	}
	var back digest.Edition
	if err := json.Unmarshal(out, &back); err != nil {
		t.Fatalf("unmarshal: %v", err)
	}
	if !back.GeneratedAt.Equal(e.GeneratedAt) {
		t.Errorf("generated_at = %v, want %v", back.GeneratedAt, e.GeneratedAt)
	}
	back.GeneratedAt = e.GeneratedAt
	// The fixture leaves some lists nil; they come back empty.
	if want := normalized(e); !reflect.DeepEqual(&back, want) {
		t.Errorf("round trip changed the edition:\n got %+v\nwant %+v", back, *want)
	}
	if !bytes.HasSuffix(out, []byte("}\n")) || !bytes.Contains(out, []byte("\n  \"id\": ")) {
		t.Error("output is not indented by two spaces")
	}
	again, err := JSON(fixtureEdition())
	if err != nil || !bytes.Equal(out, again) {
		t.Error("JSON is not stable across calls")
	}
}

func list(t *testing.T, obj any, key string) []any {
	t.Helper()
	m := object(t, key, obj)
	l, ok := m[key].([]any)
	if !ok {
		t.Fatalf("%s is %#v, want a list", key, m[key])
	}
	return l
}

func object(t *testing.T, what string, v any) map[string]any {
	t.Helper()
	m, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("%s is %T, want an object", what, v)
	}
	return m
}

func hasStrings(t *testing.T, what string, v any, keys ...string) {
	t.Helper()
	m := object(t, what, v)
	for _, k := range keys {
		if _, ok := m[k].(string); !ok {
			t.Errorf("%s.%s is %#v, want a string", what, k, m[k])
		}
	}
}

// at follows a path of object keys and list indexes ("0") into doc.
func at(t *testing.T, doc any, path []string) any {
	t.Helper()
	v := doc
	for _, step := range path {
		switch c := v.(type) {
		case map[string]any:
			v = c[step]
		case []any:
			if step != "0" || len(c) == 0 {
				t.Fatalf("cannot follow %v", path)
			}
			v = c[0]
		default:
			t.Fatalf("cannot follow %v at %q", path, step)
		}
	}
	return v
}
