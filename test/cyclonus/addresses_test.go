package cyclonus

import (
	"net/netip"
	"testing"
)

func prefixes(ss ...string) []netip.Prefix {
	var ps []netip.Prefix
	for _, s := range ss {
		ps = append(ps, netip.MustParsePrefix(s))
	}
	return ps
}

func TestAddressesInside(t *testing.T) {
	tests := []struct {
		name, cidr string
		named      []netip.Prefix
		want       string // "" for none
	}{
		{"alone", "10.0.0.0/8", nil, "10.0.0.1"},
		{"an except at the start", "10.0.0.0/8", prefixes("10.0.0.0/8", "10.0.0.0/16"), "10.1.0.1"},
		{"an except elsewhere", "172.17.0.0/16", prefixes("172.17.1.0/24"), "172.17.0.1"},
		{"a wider CIDR is no hole", "10.0.0.0/24", prefixes("10.0.0.0/8"), "10.0.0.1"},
		{"halves taken", "10.0.0.0/8", prefixes("10.0.0.0/9", "10.128.0.0/9"), ""},
		{"one address", "192.0.2.7/32", nil, "192.0.2.7"},
		{"IPv6", "fd00::/8", prefixes("fd00::/16"), "fd01::1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := addresses{named: tt.named}.inside(netip.MustParsePrefix(tt.cidr))
			if !ok {
				if tt.want != "" {
					t.Errorf("no address, want %s", tt.want)
				}
				return
			}
			if got.String() != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestAddressesOutside(t *testing.T) {
	tests := []struct {
		name  string
		named []netip.Prefix
		want  string
	}{
		{"no CIDR", nil, "203.0.113.10"},
		{"documentation range named", prefixes("203.0.113.0/24"), "0.0.0.1"},
		{"every IPv4 address", prefixes("0.0.0.0/0"), "2001:db8::10"},
		{"every IPv4 address but one half", prefixes("128.0.0.0/1", "::/0"), "0.0.0.1"},
		{"everything", prefixes("0.0.0.0/0", "::/0"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := addresses{named: tt.named}.outside()
			switch {
			case !ok && tt.want != "":
				t.Errorf("no address, want %s", tt.want)
			case ok && got.String() != tt.want:
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestAddressesWorld(t *testing.T) {
	for _, tt := range []struct {
		named []netip.Prefix
		want  string
	}{
		{prefixes("0.0.0.0/0", "::/0", "10.0.0.0/8"), "203.0.113.10"},
		{prefixes("0.0.0.0/0", "203.0.113.0/24"), "0.0.0.1"},
	} {
		got, ok := addresses{named: tt.named}.world()
		if !ok || got.String() != tt.want {
			t.Errorf("world of %v: %s, %t; want %s", tt.named, got, ok, tt.want)
		}
	}
}
