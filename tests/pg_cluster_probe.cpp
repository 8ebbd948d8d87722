// pg_cluster_probe.cpp — run by pg_cluster_watchdog_test: starts a
// throw-away cluster, prints its folder and waits to be killed.
#include "support/pg_cluster.hpp"

#include <iostream>
#include <unistd.h>

int main() {
    test::PgCluster cluster;
    std::cout << cluster.folder() << std::endl;
    for (;;) ::pause();
}
