package infer

import (
	"strings"
	"testing"
)

// No part of a password reaches the explanation, the YAML comments or the
// pull request: libpq quotes a password with spaces, allows spaces around
// "=", and a URL's password may hold an unescaped "@".
func TestMaskLeavesNoPassword(t *testing.T) {
	for _, tc := range []struct{ name, value, want string }{
		{"url", "postgres://booking:s3cr3t@db:5432/booking", "postgres://booking:***@db:5432/booking"},
		{"url without user", "redis://:s3cr3t@redis:6379", "redis://:***@redis:6379"},
		{"url with @ in password", "postgres://u:p@s3cr3t@db:5432/x", "postgres://u:***@db:5432/x"},
		{"libpq", "host=db password=s3cr3t port=5432", "host=db password=*** port=5432"},
		{"libpq quoted", "host=db password='s3cr3t with spaces' port=5432", "host=db password=*** port=5432"},
		{"libpq spaces", "host=db password = s3cr3t port=5432", "host=db password=*** port=5432"},
		{"query", "jdbc:postgresql://db:5432/x?user=u&password=s3cr3t", "jdbc:postgresql://db:5432/x?user=u&password=***"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := mask(tc.value)
			if got != tc.want {
				t.Errorf("mask(%q) = %q, want %q", tc.value, got, tc.want)
			}
			if strings.Contains(got, "s3cr3t") {
				t.Errorf("mask(%q) leaks the password: %q", tc.value, got)
			}
		})
	}
}
