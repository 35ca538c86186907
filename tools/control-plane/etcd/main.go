// Command etcd is etcd's server built from the go.etcd.io/etcd/server/v3 module, for the local
// test control plane. It lives in its own module so that etcd's dependency versions never clash
// with the ones Kubernetes pins.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}
