package feed

import (
	"strings"
	"testing"
)

func TestHTMLToText(t *testing.T) {
	tests := []struct {
		name   string
		html   string
		want   string
		absent []string
	}{
		{"paragraphs", "<p>One.</p><p>Two.</p>", "One.\n\nTwo.", nil},
		{"unclosed paragraphs", "<p>One.<p>Two.", "One.\n\nTwo.", nil},
		{"inline joined", `<p>Allies <b>agree</b> on <a href="/x">new</a> <em>rules</em>.</p>`, "Allies agree on new rules.", nil},
		{"inline without spaces", "<p>co<span>operation</span></p>", "cooperation", nil},
		{"line breaks", "<p>Line one<br>Line two<br/>Line three</p>", "Line one\n\nLine two\n\nLine three", nil},
		{"div and text", "<div>In a div</div>after it", "In a div\n\nafter it", nil},
		{"headings", "<h1>Title</h1><h3>Sub</h3><p>Body</p>", "Title\n\nSub\n\nBody", nil},
		{"blockquote", "<p>He said:</p><blockquote>We will act.</blockquote>", "He said:\n\nWe will act.", nil},
		{"nested lists", "<ul><li>One<ul><li>One a</li><li>One b</li></ul></li><li>Two</li></ul>", "One\n\nOne a\n\nOne b\n\nTwo", nil},
		{"table rows", "<table><tr><th>Port</th><th>Ships</th></tr><tr><td>North</td><td>12</td></tr></table>", "Port Ships\n\nNorth 12", nil},
		{"entities", "<p>R&amp;D &lt;tag&gt; caf&eacute; it&#8217;s &#x2014; &nbsp;end</p>", "R&D <tag> café it’s — end", nil},
		{"double escaped stays literal", "<p>&amp;lt;b&amp;gt;</p>", "&lt;b&gt;", nil},
		{"whitespace collapsed", "<p>  spread \n\t over\n\n   lines  </p>", "spread over lines", nil},
		{"script dropped", `<p>Before</p><script>alert("x"); var s = "<p>fake</p>";</script><p>After</p>`, "Before\n\nAfter", []string{"alert", "fake"}},
		{"style dropped", "<style>p { color: red }</style><p>Text</p>", "Text", []string{"color"}},
		{"noscript dropped", "<noscript><p>Enable JavaScript</p></noscript><p>Text</p>", "Text", []string{"JavaScript"}},
		{"img onerror", `<p>Photo: <img src="x" onerror="alert(1)"> caption</p>`, "Photo: caption", []string{"onerror", "alert"}},
		{"javascript link", `<a href="javascript:alert(1)">click</a>`, "click", []string{"javascript", "alert"}},
		{"iframe dropped", `<p>A</p><iframe src="https://evil.example">frame text</iframe>`, "A", []string{"frame text", "evil"}},
		{"svg script dropped", `<svg><script>alert(1)</script><text>drawn</text></svg><p>B</p>`, "B", []string{"alert", "drawn"}},
		{"comments dropped", "<p>Kept<!-- hidden note --></p>", "Kept", []string{"hidden"}},
		{"empty blocks skipped", "<p></p><div> </div><p>Only</p><br><br>", "Only", nil},
		{"plain text", "just words", "just words", nil},
		{"literal less-than", "<p>if a < b then</p>", "if a < b then", nil},
		{"empty", "", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := HTMLToText(tt.html)
			if got != tt.want {
				t.Errorf("HTMLToText(%q) =\n%q\nwant\n%q", tt.html, got, tt.want)
			}
			for _, s := range tt.absent {
				if strings.Contains(got, s) {
					t.Errorf("HTMLToText(%q) = %q, contains %q", tt.html, got, s)
				}
			}
		})
	}
}

func TestContentText(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"html", "<p>One</p><p>Two</p>", "One\n\nTwo"},
		{"plain keeps blank-line paragraphs", "One\nstill one\n\n  Two  \r\n\r\nThree", "One still one\n\nTwo\n\nThree"},
		{"plain with entities", "Tom &amp; Jerry", "Tom & Jerry"},
		{"comparison is not markup", "x < y and z > w\n\nnext", "x < y and z > w\n\nnext"},
		{"blank", " \n\n ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := contentText(tt.in); got != tt.want {
				t.Errorf("contentText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
