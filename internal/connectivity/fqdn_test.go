package connectivity

import (
	"strings"
	"testing"

	"github.com/kunerva/kunerva/internal/tree"
)

// A pull request's policy with a name or pattern of megabytes is an error
// of that policy, not a panic of the check (a regexp too large to compile).
func TestLongFQDNIsAnError(t *testing.T) {
	pattern := strings.Repeat("**.", 1_000_000) + "example.com"
	for name, rule := range map[string]string{
		"toFQDNs": "  - toFQDNs:\n    - matchPattern: \"" + pattern + "\"\n",
		"dns":     "  - toEndpoints: [{}]\n    toPorts:\n    - ports: [{port: \"53\", protocol: UDP}]\n      rules:\n        dns:\n        - matchPattern: \"" + pattern + "\"\n",
	} {
		t.Run(name, func(t *testing.T) {
			shop := loadShop(t)
			p := object(t, "CiliumNetworkPolicy", "shop", "long", "spec:\n  endpointSelector: {}\n  egress:\n"+rule)
			_, err := shop.With([]tree.Object{p})
			if err == nil || !strings.Contains(err.Error(), "longer than a DNS name") {
				t.Fatalf("err = %.200v", err)
			}
		})
	}
}
