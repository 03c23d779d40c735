package bounce

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkClassify classifies 10,000 messages per operation, cycling
// through every fixture (DSNs, plain-text bounces, complaints,
// auto-replies and a person's mail), and reports messages a second.
func BenchmarkClassify(b *testing.B) {
	files, err := filepath.Glob("testdata/*.eml")
	if err != nil || len(files) == 0 {
		b.Fatalf("fixtures: %v", err)
	}
	var msgs [][]byte
	size := 0
	for _, name := range files {
		raw, err := os.ReadFile(name)
		if err != nil {
			b.Fatal(err)
		}
		msgs = append(msgs, raw)
		size += len(raw)
	}
	const perOp = 10000
	c := Classifier{VERPPrefix: "bounces"}
	b.SetBytes(int64(size * perOp / len(msgs)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j := 0; j < perOp; j++ {
			if _, err := c.Classify(msgs[j%len(msgs)]); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.N*perOp)/b.Elapsed().Seconds(), "msgs/s")
}
