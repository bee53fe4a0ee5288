package generator

import (
	"slices"
	"sync"

	kubearmorcrd "github.com/kubearmor/KubeArmor/pkg/KubeArmorController/crd"
)

// syscalls are the system calls KubeArmor's CRD accepts, read once from the
// CRD compiled into the binary: the one list, not a copy of it.
var syscalls = sync.OnceValue(func() []string {
	crd := kubearmorcrd.GetKspCRD()
	var out []string
	for _, v := range crd.Spec.Versions {
		if v.Schema == nil || v.Schema.OpenAPIV3Schema == nil {
			continue
		}
		sc := v.Schema.OpenAPIV3Schema.Properties["spec"].Properties["syscalls"].Properties["matchSyscalls"].Items
		if sc == nil || sc.Schema == nil {
			continue
		}
		items := sc.Schema.Properties["syscall"].Items
		if items == nil || items.Schema == nil {
			continue
		}
		for _, e := range items.Schema.Enum {
			out = append(out, string(e.Raw[1:len(e.Raw)-1]))
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
})

// IsSyscall reports whether name is a system call KubeArmor can audit.
func IsSyscall(name string) bool {
	_, ok := slices.BinarySearch(syscalls(), name)
	return ok
}
