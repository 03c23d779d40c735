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

// settings are a good config for the relay at addr, in clear: the
// shipped config's values (config/digest.yaml), which the app passes in.
func settings(addr string) SMTPConfig {
	return SMTPConfig{Addr: addr, TLS: TLSOff, HeloName: "localhost", Connections: 4, MaxPerConnection: 100,
		IdleTimeout: 30 * time.Second, DialTimeout: 10 * time.Second, CommandTimeout: 60 * time.Second}
}

// TestConfigTLS checks the one setting filled in when left nil: the TLS
// config, which the config file cannot express.
func TestConfigTLS(t *testing.T) {
	caller := &tls.Config{MinVersion: tls.VersionTLS13}
	cfg := settings("mail.example.org:587")
	cfg.TLSConfig = caller
	cfg, err := cfg.checked()
	if err != nil {
		t.Fatal(err)
	}
	if cfg.TLSConfig.ServerName != "mail.example.org" || cfg.TLSConfig.MinVersion != tls.VersionTLS13 {
		t.Errorf("tls config = server %q min %x", cfg.TLSConfig.ServerName, cfg.TLSConfig.MinVersion)
	}
	if caller.ServerName != "" {
		t.Error("the caller's tls.Config was modified")
	}
	cfg = settings("mail.example.org:587")
	if cfg, err = cfg.checked(); err != nil || cfg.TLSConfig.MinVersion != tls.VersionTLS12 || cfg.TLSConfig.ServerName != "mail.example.org" {
		t.Errorf("nil tls config = %+v, %v", cfg.TLSConfig, err)
	}
}

func TestConfigHidesPassword(t *testing.T) {
	cfg := settings("mail.example.org:587")
	cfg.Username, cfg.Password = "digest", "hunter2-secret"
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
