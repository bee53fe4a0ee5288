package connectivity

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func TestJSON(t *testing.T) {
	tests := []struct {
		name   string
		report Report
		want   []string // substrings of the output
		absent []string
	}{
		{"empty lists are []", Report{},
			[]string{`"changes": []`, `"system": []`}, []string{"null", "replaced", "Workloads"}},
		{"every port is null, no policy is []",
			Report{Changes: []Change{{From: "shop/cart", To: "world", Protocol: "TCP", Before: Allowed, After: Denied}}, System: []SystemChange{{Workload: "web/nginx", What: "process /bin/sh", Before: "allowed", After: "blocked"}}, Workloads: shopWorkloads},
			[]string{`"port": null`, `"because": []`, `"to": "world"`}, []string{"beforeL7", "reason", "shop/frontend"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := tt.report.JSON()
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(string(b), w) {
					t.Errorf("the JSON lacks %s:\n%s", w, b)
				}
			}
			for _, a := range tt.absent {
				if strings.Contains(string(b), a) {
					t.Errorf("the JSON holds %s:\n%s", a, b)
				}
			}
		})
	}
}

// TestJSONRoundTrip reads the JSON back into the report it came from, but
// for the workloads, which it leaves out.
func TestJSONRoundTrip(t *testing.T) {
	r := goldenReports["cilium-deny-world"]
	b, err := r.JSON()
	if err != nil {
		t.Fatal(err)
	}
	var got Report
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	want := r
	want.Workloads = nil
	if !reflect.DeepEqual(got, want) {
		t.Errorf("read back:\n%+v\nwant:\n%+v", got, want)
	}
}
