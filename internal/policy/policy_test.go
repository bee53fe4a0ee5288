package policy

import (
	"errors"
	"strings"
	"testing"
)

// Every kind is found by its name, its group and kind, and each of its
// aliases; no alias names two kinds; a family's namespaced kind comes first.
func TestKinds(t *testing.T) {
	aliases := map[string]string{}
	first := map[Family]Kind{}
	for _, k := range Kinds {
		if got, ok := Named(k.Name); !ok || got.Name != k.Name {
			t.Errorf("Named(%q) = %v, %v", k.Name, got.Name, ok)
		}
		if got, ok := Lookup(k.Group, k.Name); !ok || got.Name != k.Name {
			t.Errorf("Lookup(%q, %q) = %v, %v", k.Group, k.Name, got.Name, ok)
		}
		if _, ok := Lookup("example.com", k.Name); ok {
			t.Errorf("Lookup found %s in another group", k.Name)
		}
		for _, a := range k.Aliases {
			if other, dup := aliases[a]; dup {
				t.Errorf("alias %q names %s and %s", a, other, k.Name)
			}
			aliases[a] = k.Name
			if got, err := Parse(" " + strings.ToUpper(a) + " "); err != nil || got.Name != k.Name {
				t.Errorf("Parse(%q) = %v, %v", a, got.Name, err)
			}
		}
		if _, seen := first[k.Family]; !seen {
			first[k.Family] = k
			if k.Cluster {
				t.Errorf("the first kind of family %d, %s, is cluster-scoped", k.Family, k.Name)
			}
		}
	}
	for _, s := range []string{"auto", " Auto", ""} {
		if _, err := Parse(s); !errors.Is(err, ErrAuto) {
			t.Errorf("Parse(%q) = %v, want ErrAuto", s, err)
		}
	}
	if _, err := Parse("Gateway"); err == nil || !strings.Contains(err.Error(), `unknown policy kind "Gateway"`) {
		t.Errorf("Parse(Gateway) = %v", err)
	}
}

func TestCiliumLabelKey(t *testing.T) {
	for k, want := range map[string][2]string{
		"app": {"", "app"}, "k8s:app": {"k8s", "app"}, "any:app": {"any", "app"},
		"reserved:host": {"reserved", "host"}, "k8s:a:b": {"k8s", "a:b"},
		"k8s:" + CiliumNamespace: {"k8s", CiliumNamespace},
	} {
		if source, key := CiliumLabelKey(k); source != want[0] || key != want[1] {
			t.Errorf("CiliumLabelKey(%q) = %q, %q; want %q, %q", k, source, key, want[0], want[1])
		}
	}
}
