package transport

import (
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"time"
)

// TLSMode says how a connection to the relay is encrypted.
type TLSMode string

const (
	// TLSStartTLS connects in clear and upgrades with STARTTLS before
	// anything else is sent; a server without STARTTLS is refused.
	TLSStartTLS TLSMode = "starttls"
	// TLSImplicit speaks TLS from the first byte (port 465).
	TLSImplicit TLSMode = "tls"
	// TLSOff never encrypts. It must be asked for by name.
	TLSOff TLSMode = "off"
)

// SMTPConfig describes the relay and how hard to use it. The settings
// come from the config (config/digest.yaml's smtp section, the one home
// of their defaults), so a zero limit or timeout is a mistake, refused
// here, not a request for a default. Zero keeps a meaning only where the
// config file cannot speak: TLSConfig (a *tls.Config holds CA pools and
// callbacks) and RatePerSecond, where 0 is the config's own "no limit".
type SMTPConfig struct {
	Addr string  // host:port of the relay
	TLS  TLSMode // starttls, tls or off: required
	// TLSConfig is optional: nil is a TLS 1.2 minimum; ServerName
	// defaults to Addr's host. Tests give their own CA here.
	TLSConfig *tls.Config

	// Username turns on AUTH PLAIN. Credentials are never sent without
	// TLS unless TLS is TLSOff.
	Username string
	Password string

	HeloName string // name given in EHLO: required

	Connections      int           // connections open at most: at least 1
	MaxPerConnection int           // messages before QUIT and redial: at least 1
	IdleTimeout      time.Duration // idle connections closed after: positive
	DialTimeout      time.Duration // dial, greeting, EHLO, STARTTLS, AUTH together: positive
	CommandTimeout   time.Duration // each command, DATA with its body included: positive

	// RatePerSecond caps messages per second across all connections;
	// 0 means no cap.
	RatePerSecond float64
}

// checked validates cfg and fills in the TLS settings left nil.
func (cfg SMTPConfig) checked() (SMTPConfig, error) {
	host, _, err := net.SplitHostPort(cfg.Addr)
	if err != nil {
		return cfg, fmt.Errorf("smtp address %q: %w", cfg.Addr, err)
	}
	switch cfg.TLS {
	case TLSStartTLS, TLSImplicit, TLSOff:
	default:
		return cfg, fmt.Errorf("smtp tls mode %q: want starttls, tls or off", cfg.TLS)
	}
	if cfg.Username == "" && cfg.Password != "" {
		return cfg, errors.New("smtp password given without a username")
	}
	if cfg.HeloName == "" {
		return cfg, errors.New("smtp helo name missing")
	}
	if cfg.Connections < 1 || cfg.MaxPerConnection < 1 {
		return cfg, errors.New("smtp connections and messages per connection must be at least 1")
	}
	if cfg.IdleTimeout <= 0 || cfg.DialTimeout <= 0 || cfg.CommandTimeout <= 0 {
		return cfg, errors.New("smtp timeouts must be positive")
	}
	if cfg.RatePerSecond < 0 {
		return cfg, fmt.Errorf("smtp rate %v per second must not be negative", cfg.RatePerSecond)
	}

	// Cloned so that the caller can neither change it under us nor see
	// the ServerName we fill in.
	if cfg.TLSConfig == nil {
		cfg.TLSConfig = &tls.Config{MinVersion: tls.VersionTLS12}
	} else {
		cfg.TLSConfig = cfg.TLSConfig.Clone()
	}
	if cfg.TLSConfig.ServerName == "" {
		cfg.TLSConfig.ServerName = host
	}
	return cfg, nil
}

// String leaves the password out, so printing a config cannot leak it.
func (cfg SMTPConfig) String() string {
	return fmt.Sprintf("smtp://%s (tls=%s user=%q password=%s connections=%d)",
		cfg.Addr, cfg.TLS, cfg.Username, redacted(cfg.Password), cfg.Connections)
}

// LogValue leaves the password out of structured logs.
func (cfg SMTPConfig) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("addr", cfg.Addr),
		slog.String("tls", string(cfg.TLS)),
		slog.String("username", cfg.Username),
		slog.String("password", redacted(cfg.Password)),
		slog.Int("connections", cfg.Connections),
		slog.Float64("rate_per_second", cfg.RatePerSecond),
	)
}

func redacted(secret string) string {
	if secret == "" {
		return "none"
	}
	return "set"
}
