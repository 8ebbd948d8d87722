// pg_cluster_watchdog_test.cpp — a test process killed by a signal (ctest's
// timeout, kill -9) leaves no PostgreSQL running: its cluster's watchdog
// stops the server and removes the folder (tests/support/pg_cluster).
#include <doctest/doctest.h>

#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

namespace fs = std::filesystem;

extern char** environ;

TEST_CASE("a test process killed with SIGKILL leaves no cluster running: the watchdog stops it and removes the folder") {
    const fs::path probe = fs::read_symlink("/proc/self/exe").parent_path() / "pg_cluster_probe";
    REQUIRE(fs::exists(probe));
    int out[2];
    REQUIRE(::pipe(out) == 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    const std::string path = probe.string();
    char* argv[] = {const_cast<char*>(path.c_str()), nullptr};
    pid_t child = 0;
    REQUIRE(::posix_spawn(&child, path.c_str(), &actions, nullptr, argv, environ) == 0);
    posix_spawn_file_actions_destroy(&actions);
    ::close(out[1]);

    // Its folder, once the server is up (initdb + start: seconds).
    std::string folder;
    pollfd ready{out[0], POLLIN, 0};
    char c = 0;
    while (::poll(&ready, 1, 120000) > 0 && ::read(out[0], &c, 1) == 1 && c != '\n') folder += c;
    ::close(out[0]);
    REQUIRE_MESSAGE(!folder.empty(), "the probe started no cluster");
    std::ifstream pidFile(folder + "/data/postmaster.pid");
    long postmaster = 0;
    pidFile >> postmaster;
    REQUIRE(postmaster > 0);
    CHECK(::kill(static_cast<pid_t>(postmaster), 0) == 0);

    ::kill(child, SIGKILL);   // no destructor, no atexit
    int status = 0;
    ::waitpid(child, &status, 0);
    CHECK(WIFSIGNALED(status));

    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline
           && (fs::exists(folder) || ::kill(static_cast<pid_t>(postmaster), 0) == 0))
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    CHECK_FALSE(fs::exists(folder));
    CHECK(::kill(static_cast<pid_t>(postmaster), 0) != 0);   // the server is gone
}
