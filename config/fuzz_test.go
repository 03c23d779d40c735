package config

import (
	"strings"
	"testing"
)

// No config file makes the loader panic; a refused one is named in the
// error, and an accepted one is valid.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{"title: X\n", "limits:\n  items_per_section: five\n", "theme:\n  min_relevence: 0.2\n",
		"schedule:\n  spec: \"0 7 * * Monday\"\n", "sections:\n  - title: A\n", "mail:\n  list_id: \"a\\nb\"\n", "[", "- - -", "title: &a [*a]\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data string) {
		c, err := Default()
		if err != nil {
			t.Fatal(err)
		}
		err = decode(c, []byte(data), "fuzz.yaml")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "config fuzz.yaml:") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		if ps := c.validate(); len(ps) > 0 {
			t.Fatalf("accepted a config with problems: %v", ps)
		}
	})
}
