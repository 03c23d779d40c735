package clean

import (
	"slices"
	"testing"
)

func TestParseDateLine(t *testing.T) {
	tests := []struct {
		line   string
		want   string // YYYY-MM-DD; "" for a date line that is not a publication date
		isDate bool
	}{
		{"December 6, 2022", "2022-12-06", true},
		{"Dec. 6, 2022", "2022-12-06", true},
		{"Tuesday, December 6th, 2022 at 9:30 AM EST", "2022-12-06", true},
		{"6 Dec 2022", "2022-12-06", true},
		{"6th December, 2022", "2022-12-06", true},
		{"2023-05-01", "2023-05-01", true},
		{"2023/05/01", "2023-05-01", true},
		{"2023-05-01T10:30:00Z", "2023-05-01", true},
		{"Published: March 3, 2021", "2021-03-03", true},
		{"Published on 3 March 2021", "2021-03-03", true},
		{"Posted Sept 9, 2020 | 10:15", "2020-09-09", true},
		{"Updated: 2024-01-02", "", true},
		{"February 30, 2022", "", false},
		{"2023-13-01", "", false},
		{"05/01/2023", "", false}, // day and month order unknown
		{"May the force be with you", "", false},
		{"December 6, 2022 was a cold day in the capital.", "", false},
	}
	for _, tt := range tests {
		d, ok := parseDateLine(tt.line)
		if ok != tt.isDate {
			t.Errorf("%q: date line = %v, want %v", tt.line, ok, tt.isDate)
			continue
		}
		got := ""
		if !d.date.IsZero() {
			got = d.date.Format("2006-01-02")
		}
		if got != tt.want {
			t.Errorf("%q: date = %q, want %q", tt.line, got, tt.want)
		}
	}
}

func TestParseByline(t *testing.T) {
	tests := []struct {
		line     string
		names    []string
		isByline bool
		date     string
	}{
		{"By Jane Doe", []string{"Jane Doe"}, true, ""},
		{"By Jane Doe and John Roe", []string{"Jane Doe", "John Roe"}, true, ""},
		{"by Jane Doe, Reuters", []string{"Jane Doe"}, true, ""},
		{"By Jane Doe, John Roe & Ana María López", []string{"Jane Doe", "John Roe", "Ana María López"}, true, ""},
		{"By Dr. Kwame Mensah", []string{"Kwame Mensah"}, true, ""},
		{"By Jan van der Berg", []string{"Jan van der Berg"}, true, ""},
		{"By Jane Doe | May 1, 2023", []string{"Jane Doe"}, true, "2023-05-01"},
		{"By Jane Doe, May 1, 2023", []string{"Jane Doe"}, true, "2023-05-01"},
		{"Written by: Jane Doe", []string{"Jane Doe"}, true, ""},
		{"By Jane Doe, Staff Writer", []string{"Jane Doe"}, true, ""},
		{"by Chief Editor", nil, true, ""},
		{"By Staff", nil, true, ""},
		{"By Editorial Team", nil, true, ""},
		{"By Admin", nil, true, ""},
		{"By The Editors", nil, true, ""},
		{"By Reuters", nil, true, ""},
		{"By contrast, the council has no plans.", nil, false, ""},
		{"By Monday, the trains were running again", nil, false, ""},
		{"By aligning with common standards, firms can sell abroad", nil, false, ""},
		{"Bystanders said the train stopped suddenly", nil, false, ""},
	}
	for _, tt := range tests {
		b, ok := parseByline(tt.line)
		if ok != tt.isByline || !slices.Equal(b.names, tt.names) {
			t.Errorf("%q: byline %v, names %q; want %v, %q", tt.line, ok, b.names, tt.isByline, tt.names)
		}
		got := ""
		if !b.date.IsZero() {
			got = b.date.Format("2006-01-02")
		}
		if got != tt.date {
			t.Errorf("%q: date %q, want %q", tt.line, got, tt.date)
		}
	}
}

func TestParseBio(t *testing.T) {
	tests := []struct {
		text string
		name string
	}{
		{"Jane Doe is an assistant professor at the University of Eastbridge.", "Jane Doe"},
		{"Omar Haddad is a senior research fellow at the Institute for Transport Studies.", "Omar Haddad"},
		{"Ana María López is a correspondent for The Harbour Post based in Lisbon.", "Ana María López"},
		{"Dr. Kwame Mensah is the director of the Centre for Rail Studies.", "Kwame Mensah"},
		{"Li Wei was a journalist at the Evening Standard for ten years.", "Li Wei"},
		// People described in reporting: no role word, or not a name.
		{"Ravi Patel is a bus driver in the northern district.", ""},
		{"The Harbour Authority is a public body of the city.", ""},
		{"This is a professor at heart, said the mayor.", ""},
		{"Jane Doe is an assistant professor.", ""},
	}
	for _, tt := range tests {
		name, ok := parseBio(tt.text)
		if ok != (tt.name != "") || name != tt.name {
			t.Errorf("%q: bio %v, name %q; want %q", tt.text, ok, name, tt.name)
		}
	}
}

func TestIsPublicationName(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"National Defense", true},
		{"The Diplomat", true},
		{"War on the Rocks", true},
		{"The Coastal Courier", true},
		{"City Council Approves the New Tram Line Budget", false},
		{"Trams return", false},
		{"December 6, 2022", false},
		{"Metro Line 4", false},
	}
	for _, tt := range tests {
		if got := isPublicationName(tt.line); got != tt.want {
			t.Errorf("isPublicationName(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

func TestParseCredits(t *testing.T) {
	tests := []struct {
		line  string
		names []string
		ok    bool
	}{
		{"Reporting by Jane Doe; Editing by John Roe", []string{"Jane Doe"}, true},
		{"Reporting by Jane Doe and Li Wei; Additional reporting by Omar Haddad; Editing by John Roe.", []string{"Jane Doe", "Li Wei", "Omar Haddad"}, true},
		{"Editing by John Roe", nil, true},
		{"Reporting by the council showed that fares rose", nil, false},
	}
	for _, tt := range tests {
		b, ok := parseCredits(tt.line)
		if ok != tt.ok || !slices.Equal(b.names, tt.names) {
			t.Errorf("%q: credits %v, names %q; want %v, %q", tt.line, ok, b.names, tt.ok, tt.names)
		}
	}
}
