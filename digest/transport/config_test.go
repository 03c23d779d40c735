package transport

import (
	"bytes"
	"crypto/tls"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"
)

func TestConfigDefaults(t *testing.T) {
	caller := &tls.Config{MinVersion: tls.VersionTLS13}
	cfg, err := SMTPConfig{Addr: "mail.example.org:587", TLSConfig: caller}.withDefaults()
	if err != nil {
		t.Fatal(err)
	}
	want := SMTPConfig{
		TLS: TLSStartTLS, HeloName: "localhost", Connections: 4, MaxPerConnection: 100,
		IdleTimeout: 30 * time.Second, DialTimeout: 10 * time.Second, CommandTimeout: 60 * time.Second,
	}
	if cfg.TLS != want.TLS || cfg.HeloName != want.HeloName || cfg.Connections != want.Connections ||
		cfg.MaxPerConnection != want.MaxPerConnection || cfg.IdleTimeout != want.IdleTimeout ||
		cfg.DialTimeout != want.DialTimeout || cfg.CommandTimeout != want.CommandTimeout {
		t.Errorf("defaults = %+v", cfg)
	}
	if cfg.TLSConfig.ServerName != "mail.example.org" || cfg.TLSConfig.MinVersion != tls.VersionTLS13 {
		t.Errorf("tls config = server %q min %x", cfg.TLSConfig.ServerName, cfg.TLSConfig.MinVersion)
	}
	if caller.ServerName != "" {
		t.Error("the caller's tls.Config was modified")
	}
}

func TestConfigHidesPassword(t *testing.T) {
	cfg := SMTPConfig{Addr: "mail.example.org:587", Username: "digest", Password: "hunter2-secret"}
	var logged bytes.Buffer
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("config", "smtp", cfg)
	for name, text := range map[string]string{
		"%v":  fmt.Sprintf("%v", cfg),
		"%+v": fmt.Sprintf("%+v", cfg),
		"%s":  fmt.Sprint(cfg),
		"log": logged.String(),
	} {
		if strings.Contains(text, cfg.Password) {
			t.Errorf("%s shows the password: %s", name, text)
		}
		if !strings.Contains(text, "digest") {
			t.Errorf("%s lost the user name: %s", name, text)
		}
	}
}
