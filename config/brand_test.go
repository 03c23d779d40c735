package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBrandErrorsNameTheField(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want []string // "" when the config is good
	}{
		{"default brand", "title: X\n", nil},
		{"pale accent", "brand:\n  accent: \"#9ca3af\"\n", []string{"line 2", "brand.accent", "below the 4.5:1"}},
		{"accent fine on white, not on the grey", "brand:\n  accent: \"#6b7280\"\n", []string{"brand.accent", "#f3f4f6"}},
		{"accent not a colour", "brand:\n  accent: blue\n", []string{"line 2", "brand.accent"}},
		{"dark accent", "brand:\n  accent: \"#0f766e\"\n", nil},
		{"no name", "brand:\n  name: \"  \"\n", []string{"line 2", "brand.name", "must not be empty"}},
		{"logo without size", "brand:\n  logo: {src: logo.png, alt: Brief}\n", []string{"brand.logo", "width and height"}},
		{"logo without alt", "brand:\n  logo: {src: \"https://example.org/l.png\", width: 40, height: 40}\n",
			[]string{"brand.logo.alt", "what the logo shows"}},
		{"logo size without src", "brand:\n  logo: {width: 40}\n", []string{"brand.logo.src", "must be set"}},
		{"logo of another scheme", "brand:\n  logo: {src: \"javascript:alert(1)\", width: 1, height: 1, alt: x}\n",
			[]string{"brand.logo.src", "http or https"}},
		{"good logo", "brand:\n  logo: {src: \"https://example.org/l.png\", width: 120, height: 40, alt: Brief}\n", nil},
		{"busy schedule needs words", "schedule:\n  spec: \"0 7,19 * * 1-5\"\n",
			[]string{"brand.cadence", "no plain description"}},
		{"busy schedule with words", "schedule:\n  spec: \"0 7,19 * * 1-5\"\nbrand:\n  cadence: twice a day on weekdays\n", nil},
		{"words a plain schedule says already", "brand:\n  cadence: weekly\n",
			[]string{"line 2", "brand.cadence", "every Monday at 07:00 Tokyo time"}},
		{"line break in the name", "brand:\n  name: \"A\\nB\"\n", []string{"brand.name", "one line"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(write(t, tt.yaml))
			if tt.want == nil {
				if err != nil {
					t.Fatalf("good config refused: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("bad config accepted")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

func TestDigestBrand(t *testing.T) {
	c, err := Load(write(t, "brand:\n  accent: \"#0F766E\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	b := c.DigestBrand()
	if b.Name != "Japan–NATO Security Brief" || b.Accent != "#0f766e" || b.Cadence != "every Monday at 07:00 Tokyo time" {
		t.Errorf("brand = %+v", b)
	}
	if strings.HasSuffix(b.Description, "\n") || b.Description == "" {
		t.Errorf("description %q", b.Description)
	}
	c, err = Load(write(t, "schedule:\n  spec: \"0 7,19 * * 1-5\"\nbrand:\n  cadence: \" twice a day on weekdays \"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := c.DigestBrand().Cadence; got != "twice a day on weekdays" {
		t.Errorf("cadence from the config = %q", got)
	}
}

// A logo file is served by the public face, so the mail gets its absolute
// URL there; a file that is missing or not an image is refused at load.
func TestLogoFile(t *testing.T) {
	dir := t.TempDir()
	logo := filepath.Join(dir, "Logo.PNG")
	if err := os.WriteFile(logo, []byte("\x89PNG"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Load(write(t, "brand:\n  logo: {src: \""+logo+"\", width: 120, height: 40, alt: Brief}\n"))
	if err != nil {
		t.Fatal(err)
	}
	file, typ := c.LogoFile()
	if file != logo || typ != "image/png" {
		t.Errorf("LogoFile() = %q, %q", file, typ)
	}
	if got := c.DigestBrand().Logo.Src; got != "https://digest.example.org/brand/logo.png" {
		t.Errorf("logo src for the mail = %q", got)
	}
	for _, bad := range []struct{ src, want string }{
		{filepath.Join(dir, "missing.png"), "is not a file"},
		{filepath.Join(dir, "logo.bmp"), "must be a .png"},
	} {
		_, err := Load(write(t, "brand:\n  logo: {src: \""+bad.src+"\", width: 1, height: 1, alt: x}\n"))
		if err == nil || !strings.Contains(err.Error(), "brand.logo.src") || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("logo %s: %v, want %q", bad.src, err, bad.want)
		}
	}
	c.Brand.Logo.Src = "https://example.org/l.png"
	if f, _ := c.LogoFile(); f != "" {
		t.Errorf("a URL logo is a file %q", f)
	}
}
