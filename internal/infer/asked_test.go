package infer

import "testing"

func TestAsked(t *testing.T) {
	for text, want := range map[string]string{
		"infer for namespace payments":                  "payments",
		"Infer policies for the namespace payments.":    "payments",
		"infer for the payments namespace":              "payments",
		"lock down payments":                            "payments",
		"lock down the data namespace":                  "data",
		"least privilege for payments":                  "payments",
		"least-privilege policies for namespace web":    "web",
		"  lock   down  shop ":                          "shop",
		"lock down payments with hardening":             "payments+system",
		"infer for namespace web with system hardening": "web+system",
		// Anything more is a request for the language engines.
		"lock down payments but let prometheus scrape it": "",
		"block access to /etc/shadow in the nginx pods":   "",
		"infer for namespace payments and data":           "",
		"lock down payments-":                             "",
		"lock down Payments_2":                            "",
	} {
		opts, ok := Asked(text)
		got := ""
		if ok {
			got = opts.Namespaces[0]
			if opts.System {
				got += "+system"
			}
		}
		if got != want || ok != (want != "") {
			t.Errorf("Asked(%q) = %q, %v; want %q", text, got, ok, want)
		}
	}
}

func FuzzAsked(f *testing.F) {
	for _, s := range []string{"lock down payments", "infer for namespace a-b", "least privilege for x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		opts, ok := Asked(text)
		ns := ""
		if ok {
			ns = opts.Namespaces[0]
		}
		if ok != (ns != "") || len(ns) > 63 {
			t.Errorf("Asked(%q) = %q, %v", text, ns, ok)
		}
		for _, r := range ns {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
				t.Errorf("Asked(%q) = %q: not a namespace name", text, ns)
			}
		}
	})
}
