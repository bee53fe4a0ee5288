package semantic

import (
	"strconv"
	"strings"
)

// ciliumPorts expands toPorts into one string per port and L7 rule:
// "port 8443/TCP", "port 80/TCP http{method=GET path=/public}",
// "port 53/ANY dns{pattern=*}". The protocol defaults to ANY; port "0" (or
// none) is every port, and every port of protocol ANY with no L7 rule reads
// "any port", the same as a rule without toPorts.
func ciliumPorts(v any) []string {
	rules, ok := v.([]any)
	if !ok {
		if v == nil {
			return nil
		}
		return []string{"toPorts " + canonical(v)}
	}
	var out []string
	for _, r := range rules {
		pr, ok := r.(map[string]any)
		if !ok {
			out = append(out, "toPorts "+canonical(r))
			continue
		}
		ports := []string{"port */ANY"}
		if list := listOf(pr["ports"]); len(list) > 0 {
			ports = ports[:0]
			for _, p := range list {
				ports = append(ports, ciliumPort(p))
			}
		}
		l7 := []string{""}
		if rules := l7Rules(pr["rules"]); len(rules) > 0 {
			l7 = rules
		}
		// TLS contexts, SNI and listeners change what is let through, so
		// they ride along verbatim.
		var extra string
		for _, k := range sortedKeys(pr) {
			if k != "ports" && k != "rules" {
				extra += " " + k + canonical(pr[k])
			}
		}
		for _, port := range ports {
			for _, rule := range l7 {
				txt := port
				if rule != "" {
					txt += " " + rule
				}
				txt += extra
				if txt == "port */ANY" {
					txt = "any port"
				}
				out = append(out, txt)
			}
		}
	}
	return out
}

func ciliumPort(p any) string {
	m, ok := p.(map[string]any)
	if !ok {
		return "port " + canonical(p)
	}
	proto := strings.ToUpper(scalar(m["protocol"]))
	if proto == "" {
		proto = "ANY"
	}
	port := scalar(m["port"])
	if port == "" || port == "0" {
		return "port */" + proto
	}
	var end any
	if e := scalar(m["endPort"]); e != "" && e != "0" {
		end = m["endPort"]
	}
	return "port " + portRange(port, end) + "/" + proto
}

// l7Rules prints each L7 rule: http{...} and dns{...} field by field, other
// parsers (kafka, l7proto with l7) as canonical JSON.
func l7Rules(v any) []string {
	m, ok := v.(map[string]any)
	if !ok {
		if v == nil {
			return nil
		}
		return []string{"rules" + canonical(v)}
	}
	var out []string
	for _, k := range sortedKeys(m) {
		items, isList := m[k].([]any)
		switch {
		case k == "l7proto" && len(listOf(m["l7"])) > 0:
			// Printed with each l7 rule below.
		case !isList:
			if m[k] != nil {
				out = append(out, k+"{"+canonical(m[k])+"}")
			}
		default:
			for _, item := range items {
				out = append(out, l7Rule(k, item, scalar(m["l7proto"])))
			}
		}
	}
	return out
}

func l7Rule(kind string, item any, proto string) string {
	m, ok := item.(map[string]any)
	switch {
	case !ok:
		return kind + "{" + canonical(item) + "}"
	case kind == "http":
		var parts []string
		for _, k := range sortedKeys(m) {
			if m[k] == nil {
				continue // null is absent
			}
			switch k {
			case "headers", "headerMatches":
				// Every header must match, so their order means nothing.
				items, isList := m[k].([]any)
				if !isList {
					parts = append(parts, k+"="+canonical(m[k]))
					continue
				}
				var hs []string
				for _, h := range items {
					hs = append(hs, scalar(h))
				}
				if len(hs) > 0 {
					parts = append(parts, k+"=["+strings.Join(sortedSet(hs), ", ")+"]")
				}
			default:
				parts = append(parts, k+"="+scalar(m[k]))
			}
		}
		return "http{" + strings.Join(parts, " ") + "}"
	case kind == "dns":
		return "dns{" + fqdn(m) + "}"
	case kind == "l7":
		return "l7{proto=" + proto + " " + canonical(m) + "}"
	}
	return kind + "{" + canonical(m) + "}"
}

// ciliumICMPs prints each ICMP field as "icmp{IPv4 type=8}". The family
// defaults to IPv4 and type names become the numbers Cilium maps them to.
func ciliumICMPs(v any) []string {
	rules, ok := v.([]any)
	if !ok {
		if v == nil {
			return nil
		}
		return []string{"icmps " + canonical(v)}
	}
	var out []string
	for _, r := range rules {
		m, ok := r.(map[string]any)
		if !ok {
			out = append(out, "icmps "+canonical(r))
			continue
		}
		for _, f := range listOf(m["fields"]) {
			field, ok := f.(map[string]any)
			if !ok {
				out = append(out, "icmp{"+canonical(f)+"}")
				continue
			}
			family := scalar(field["family"])
			if family == "" {
				family = "IPv4"
			}
			typ := scalar(field["type"])
			if _, err := strconv.Atoi(typ); err != nil {
				if code, ok := icmpTypes[family][typ]; ok {
					typ = code
				}
			}
			out = append(out, "icmp{"+family+" type="+typ+"}")
		}
	}
	return out
}

// icmpTypes are the ICMP type names Cilium accepts, per family.
var icmpTypes = map[string]map[string]string{
	"IPv4": {
		"EchoReply": "0", "DestinationUnreachable": "3", "Redirect": "5",
		"Echo": "8", "EchoRequest": "8", "RouterAdvertisement": "9",
		"RouterSelection": "10", "TimeExceeded": "11", "ParameterProblem": "12",
		"Timestamp": "13", "TimestampReply": "14", "Photuris": "40",
		"ExtendedEchoRequest": "42", "ExtendedEchoReply": "43",
	},
	"IPv6": {
		"DestinationUnreachable": "1", "PacketTooBig": "2", "TimeExceeded": "3",
		"ParameterProblem": "4", "EchoRequest": "128", "EchoReply": "129",
		"MulticastListenerQuery": "130", "MulticastListenerReport": "131",
		"MulticastListenerDone": "132", "RouterSolicitation": "133",
		"RouterAdvertisement": "134", "NeighborSolicitation": "135",
		"NeighborAdvertisement": "136", "RedirectMessage": "137",
		"RouterRenumbering": "138", "ICMPNodeInformationQuery": "139",
		"ICMPNodeInformationResponse":            "140",
		"InverseNeighborDiscoverySolicitation":   "141",
		"InverseNeighborDiscoveryAdvertisement":  "142",
		"HomeAgentAddressDiscoveryRequest":       "144",
		"HomeAgentAddressDiscoveryReply":         "145",
		"MobilePrefixSolicitation":               "146",
		"MobilePrefixAdvertisement":              "147",
		"DuplicateAddressRequestCodeSuffix":      "157",
		"DuplicateAddressConfirmationCodeSuffix": "158",
		"ExtendedEchoRequest":                    "160",
		"ExtendedEchoReply":                      "161",
	},
}
