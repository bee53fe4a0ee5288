package builtin

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/internal/tree"
)

// ports claims port mentions: "on port 8443", "ports 80 and 443", "53/udp",
// "udp 53", "ports 8000 to 8100", "on the http port", "icmp echo", "ping".
func (p *parser) ports() []generator.Port {
	var out []generator.Port
	for i := 0; i < len(p.toks); i++ {
		if p.used[i] {
			continue
		}
		t := p.toks[i]
		proto := ""
		switch {
		case t.low == "icmp" || t.low == "ping" || t.low == "pings" || t.low == "icmpv4":
			if p.systemRequest {
				continue
			}
			port := generator.Port{Protocol: "ICMP"}
			p.used[i] = true
			switch {
			case t.low == "ping" || t.low == "pings" || p.is(i+1, "echo", "ping", "pings"):
				echo := 8
				port.ICMPType = &echo
				for p.is(i+1, "echo", "request", "requests", "ping", "pings") {
					p.used[i+1] = true
					i++
				}
			case p.is(i+1, "type", "types") && p.tok(i+2) != nil && p.toks[i+2].kind == tNumber:
				// "icmp type 0 and type 3", "icmp types 0 and 3"
				k := i + 1
				for p.is(k, "type", "types") || p.is(k, "and", ",", "or") && p.is(k+1, "type") || p.is(k, "and", ",", "or") && p.tok(k+1) != nil && p.toks[k+1].kind == tNumber {
					p.used[k] = true
					k++
					if p.is(k, "type") {
						p.used[k] = true
						k++
					}
					if t := p.tok(k); t != nil && t.kind == tNumber {
						n, _ := strconv.Atoi(t.raw)
						out = append(out, generator.Port{Protocol: "ICMP", ICMPType: &n})
						p.used[k] = true
						k++
					}
				}
				i = k - 1
				continue
			}
			out = append(out, port)
			continue
		case t.low == "tcp" || t.low == "udp" || t.low == "sctp":
			if p.systemRequest {
				continue
			}
			proto = strings.ToUpper(t.low)
			// "udp 53", "udp port 53", "tcp ports 80 and 443"
			k := i + 1
			if p.is(k, "port", "ports") {
				k++
			}
			if tk := p.tok(k); tk != nil && (tk.kind == tNumber || tk.kind == tRange) {
				p.used[i] = true
				for n := i + 1; n < k; n++ {
					p.used[n] = true
				}
				ports, next := p.portList(k, proto)
				out = append(out, ports...)
				i = next - 1
				continue
			}
			// "8443 over tcp" is handled by the number; a bare "udp" names the protocol of the ports around it.
			p.used[i] = true
			p.protocol = proto
			continue
		case t.low == "port" || t.low == "ports":
			k := i + 1
			if p.is(k, "number", "numbers", "range") {
				k++
			}
			if tk := p.tok(k); tk != nil && (tk.kind == tNumber || tk.kind == tRange || tk.kind == tPortProto || (tk.kind == tWord && (!keyword(tk.low) || tk.low == "http" || tk.low == "https" || tk.low == "dns"))) {
				p.used[i] = true
				for n := i + 1; n < k; n++ {
					p.used[n] = true
				}
				ports, next := p.portList(k, "")
				out = append(out, ports...)
				i = next - 1
			}
			continue
		case t.kind == tNumber || t.kind == tRange || t.kind == tPortProto:
			// A number after "on"/"to" or before "port" is a port.
			if p.is(i-1, "on", "at", "over", "via", ":", "receive", "accept", "expose", "open", "exposes", "opens", "accepts", "receives") || p.is(i+1, "port", "ports", "/tcp", "/udp") || t.kind != tNumber || p.is(i-1, "and", ",", "or") && len(out) > 0 {
				ports, next := p.portList(i, "")
				out = append(out, ports...)
				i = next - 1
				if p.is(i+1, "port", "ports") {
					p.used[i+1] = true
					i++
				}
			}
			continue
		case t.kind == tWord && p.is(i+1, "port", "ports") && (!keyword(t.low) || t.low == "http" || t.low == "dns") && p.is(i-1, "the", "its", "their", "on"):
			// "on the http port"
			p.used[i], p.used[i+1] = true, true
			out = append(out, generator.Port{Name: t.low})
			i++
			continue
		}
	}
	if p.protocol != "" {
		for n := range out {
			if out[n].Protocol == "" {
				out[n].Protocol = p.protocol
			}
		}
	}
	return out
}

// portList parses "80, 443 and 8080", "8000 to 8100", "8000-8100", "53/udp", "http".
func (p *parser) portList(i int, proto string) ([]generator.Port, int) {
	var out []generator.Port
	j := i
	for j < len(p.toks) && !p.used[j] {
		t := p.toks[j]
		var port generator.Port
		switch t.kind {
		case tNumber:
			port.Port = atoi(t.raw)
			if p.is(j+1, "to", "through", "thru", "until", "-") && p.tok(j+2) != nil && p.toks[j+2].kind == tNumber {
				port.EndPort = atoi(p.toks[j+2].raw)
				p.used[j+1], p.used[j+2] = true, true
				p.used[j] = true
				j += 2
			}
		case tRange:
			a, b, _ := strings.Cut(t.raw, "-")
			port.Port, port.EndPort = atoi(a), atoi(b)
		case tPortProto:
			n, pr, _ := strings.Cut(t.low, "/")
			a, b, isRange := strings.Cut(n, "-")
			port.Port, port.Protocol = atoi(a), strings.ToUpper(pr)
			if isRange {
				port.EndPort = atoi(b)
			}
		case tWord:
			if keyword(t.low) && !(p.is(j-1, "port") && (t.low == "http" || t.low == "https" || t.low == "dns")) || len(out) > 0 {
				return out, j
			}
			port.Name = t.low
		default:
			return out, j
		}
		if port.Protocol == "" {
			port.Protocol = proto
		}
		// "53 udp", "5432/tcp"
		if p.is(j+1, "tcp", "udp", "sctp") && p.tok(j+1) != nil && !(p.tok(j+2) != nil && p.toks[j+2].kind == tNumber) {
			port.Protocol = strings.ToUpper(p.word(j + 1))
			p.used[j+1] = true
			j++
		}
		p.used[j] = true
		out = append(out, port)
		j++
		// "5060 over both udp and tcp": one port, two protocols.
		if k := j; p.is(k, "over", "via", "on") {
			k++
			if p.is(k, "both", "either") {
				k++
			}
			if p.is(k, "udp", "tcp", "sctp") && p.is(k+1, "and", "or") && p.is(k+2, "udp", "tcp", "sctp") {
				out[len(out)-1].Protocol = strings.ToUpper(p.word(k))
				second := out[len(out)-1]
				second.Protocol = strings.ToUpper(p.word(k + 2))
				out = append(out, second)
				for n := j; n <= k+2; n++ {
					p.used[n] = true
				}
				j = k + 3
			}
		}
		if (p.is(j, ",", "and", "or") || p.is(j, "as", "well")) && p.tok(j+1) != nil && (p.toks[j+1].kind == tNumber || p.toks[j+1].kind == tRange || p.toks[j+1].kind == tPortProto) {
			p.used[j] = true
			j++
		}
	}
	return out, j
}

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil || n > 1<<20 {
		return 1 << 20 // out of range, and reported as such by validation
	}
	return n
}

// containerPorts translates Service ports into the container ports behind them:
// policies match the pod's port, not the Service's.
func (p *parser) containerPorts(ports []generator.Port, dir generator.Direction, subject generator.Subject, peers []generator.Peer) []generator.Port {
	if p.tree == nil {
		return ports
	}
	var targets []tree.Workload
	switch {
	case dir == generator.Ingress && subject.Pods != nil:
		targets = p.workloadsFor(subject.Namespace, subject.Pods.MatchLabels)
	case dir == generator.Egress:
		for _, peer := range peers {
			if peer.Pods != nil {
				ns := peer.Namespace
				if ns == "" {
					ns = subject.Namespace
				}
				targets = append(targets, p.workloadsFor(ns, peer.Pods.MatchLabels)...)
			}
		}
	}
	if len(targets) == 0 {
		return ports
	}
	out := slices.Clone(ports)
	for n, port := range out {
		if port.Port == 0 || port.EndPort != 0 || exposes(targets, port.Port) {
			continue
		}
		for _, w := range targets {
			for _, svc := range p.tree.ServicesSelecting(w) {
				for _, sp := range svc.Ports {
					if int(sp.Port) != port.Port {
						continue
					}
					if target := containerPortFor(w, sp.TargetPort); target != 0 {
						out[n].Port = target
						p.notes = append(p.notes, fmt.Sprintf("port %d is the %s Service's port; the policy uses the container port %d behind it", port.Port, svc.Name, target))
					}
				}
			}
		}
	}
	return out
}

func (p *parser) workloadsFor(ns string, labels map[string]string) []tree.Workload {
	var out []tree.Workload
	for _, w := range p.tree.Workloads {
		if w.Namespace == ns && len(labels) > 0 && subset(labels, w.PodLabels) {
			out = append(out, w)
		}
	}
	return out
}

func subset(a, b map[string]string) bool {
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func exposes(ws []tree.Workload, port int) bool {
	for _, w := range ws {
		for _, cp := range w.Ports {
			if int(cp.Port) == port {
				return true
			}
		}
	}
	return false
}

func containerPortFor(w tree.Workload, target string) int {
	if n, err := strconv.Atoi(target); err == nil {
		return n
	}
	for _, cp := range w.Ports {
		if cp.Name == target {
			return int(cp.Port)
		}
	}
	return 0
}
