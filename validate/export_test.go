package validate

// Test helpers the external test package (agreement_test.go, which may
// import generator) shares with this one.
var (
	LocalCluster     = localCluster
	LoadShop         = loadShop
	LoadInvalidCases = loadInvalidCases
)

type InvalidCase = invalidCase
