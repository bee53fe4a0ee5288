package infer

// Reference is one connection the manifests show a workload needs.
type Reference struct {
	// From is the workload that opens the connection, namespace/name;
	// empty when it comes from outside the tree (Kind world).
	From string
	// Where says where the manifests show it, precisely enough to find
	// it: `Deployment booking/booking: containers[booking].env[DATABASE_URL]`,
	// `ConfigMap booking/booking-config: data[INVENTORY_ADDR] (envFrom of Deployment booking/booking)`,
	// `Ingress booking/api: rules[0].http.paths[1]`.
	Where string
	// Text is the value as written, with any secret part left out
	// (`postgres://booking:***@postgres.data.svc.cluster.local:5432/booking`).
	Text string
	Kind RefKind
	// Service is the Service it names, namespace/name (RefService).
	Service string
	// To are the workloads that receive it, namespace/name (RefService:
	// those the Service selects; RefIngress, RefScrape: the backend).
	To []string
	// Port is the destination port: the Service's target port as the
	// receiving pods number it, with its name; or the external port.
	Port     int32
	PortName string
	Protocol string // TCP unless the Service port says otherwise
	// Host is the external host (RefExternal), "api.stripe.com".
	Host string
}

// RefKind says what kind of connection a reference is.
type RefKind string

const (
	RefService  RefKind = "service"  // a workload to a Service of the tree
	RefExternal RefKind = "external" // a workload to a host outside the cluster
	RefIngress  RefKind = "ingress"  // the ingress controller to an Ingress backend
	RefWorld    RefKind = "world"    // the world to a LoadBalancer or NodePort Service
	RefScrape   RefKind = "scrape"   // the monitoring stack to a scrape target
)

// Question is a reference kunerva could not resolve: it is asked about, not
// turned into a rule.
type Question struct {
	From  string // the workload, namespace/name
	Where string
	Text  string
	Why   string // "no Service loyalty in namespace booking"
}
