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

// SMTPConfig describes the relay and how hard to use it. Zero values get
// the defaults noted on each field.
type SMTPConfig struct {
	Addr      string      // host:port of the relay
	TLS       TLSMode     // default TLSStartTLS
	TLSConfig *tls.Config // optional; ServerName defaults to Addr's host

	// Username turns on AUTH PLAIN. Credentials are never sent without
	// TLS unless TLS is TLSOff.
	Username string
	Password string

	HeloName string // name given in EHLO; default "localhost"

	Connections      int           // connections open at most; default 4
	MaxPerConnection int           // messages before QUIT and redial; default 100
	IdleTimeout      time.Duration // idle connections closed after; default 30s
	DialTimeout      time.Duration // dial, greeting, EHLO, STARTTLS, AUTH together; default 10s
	CommandTimeout   time.Duration // each command, DATA with its body included; default 60s

	// RatePerSecond caps messages per second across all connections;
	// 0 means no cap.
	RatePerSecond float64
}

const (
	defaultConnections      = 4
	defaultMaxPerConnection = 100
	defaultIdleTimeout      = 30 * time.Second
	defaultDialTimeout      = 10 * time.Second
	defaultCommandTimeout   = 60 * time.Second
	defaultHeloName         = "localhost"
)

// withDefaults validates cfg and fills in what was left zero.
func (cfg SMTPConfig) withDefaults() (SMTPConfig, error) {
	host, _, err := net.SplitHostPort(cfg.Addr)
	if err != nil {
		return cfg, fmt.Errorf("smtp address %q: %w", cfg.Addr, err)
	}
	switch cfg.TLS {
	case "":
		cfg.TLS = TLSStartTLS
	case TLSStartTLS, TLSImplicit, TLSOff:
	default:
		return cfg, fmt.Errorf("smtp tls mode %q: want starttls, tls or off", cfg.TLS)
	}
	if cfg.Username == "" && cfg.Password != "" {
		return cfg, errors.New("smtp password given without a username")
	}
	if cfg.Connections < 0 || cfg.MaxPerConnection < 0 || cfg.IdleTimeout < 0 ||
		cfg.DialTimeout < 0 || cfg.CommandTimeout < 0 {
		return cfg, errors.New("smtp limits and timeouts must not be negative")
	}
	if cfg.RatePerSecond < 0 {
		return cfg, fmt.Errorf("smtp rate %v per second must not be negative", cfg.RatePerSecond)
	}
	cfg.Connections = orDefault(cfg.Connections, defaultConnections)
	cfg.MaxPerConnection = orDefault(cfg.MaxPerConnection, defaultMaxPerConnection)
	cfg.IdleTimeout = orDefault(cfg.IdleTimeout, defaultIdleTimeout)
	cfg.DialTimeout = orDefault(cfg.DialTimeout, defaultDialTimeout)
	cfg.CommandTimeout = orDefault(cfg.CommandTimeout, defaultCommandTimeout)
	cfg.HeloName = orDefault(cfg.HeloName, defaultHeloName)

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

func orDefault[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
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
