package tree

import "testing"

// FuzzDecode feeds arbitrary YAML to the decoders as every kind they know:
// they must return an error, never panic, and keep the defaults they promise.
func FuzzDecode(f *testing.F) {
	shop, err := Load(shopDir)
	if err != nil {
		f.Fatal(err)
	}
	for _, o := range shop.Objects {
		f.Add(o.YAML)
	}
	f.Add([]byte("spec: {template: null, selector: {matchLabels: null}}"))
	f.Add([]byte("spec: {ports: [{port: 80, targetPort: 0}]}"))
	kinds := []struct{ apiVersion, kind string }{
		{"v1", "Namespace"}, {"v1", "Service"}, {"v1", "Pod"},
		{"apps/v1", "Deployment"}, {"apps/v1", "StatefulSet"}, {"apps/v1", "DaemonSet"}, {"apps/v1", "ReplicaSet"},
		{"batch/v1", "Job"}, {"batch/v1", "CronJob"},
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, k := range kinds {
			o := Object{APIVersion: k.apiVersion, Kind: k.kind, Namespace: "ns", Name: "n", YAML: data}
			if _, ok, _ := decodeNamespace(o); ok != (k.kind == "Namespace") {
				t.Errorf("decodeNamespace(%s) ok = %v", k.kind, ok)
			}
			if w, ok, err := decodeWorkload(o); ok && err == nil {
				for _, p := range w.Ports {
					if p.Protocol == "" {
						t.Errorf("%s: port %+v has no protocol", k.kind, p)
					}
				}
			}
			if s, ok, err := decodeService(o); ok && err == nil {
				for _, p := range s.Ports {
					if p.Protocol == "" || p.TargetPort == "" {
						t.Errorf("service port %+v lacks a default", p)
					}
				}
			}
		}
	})
}
