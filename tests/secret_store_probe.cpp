// secret_store_probe.cpp — run by platform_secret_store_test inside a
// private D-Bus session with a gnome-keyring: keeps a password through the
// window's keeper, finds it back, and prints what happened.
#include "platform/secret_store.hpp"

#include <iostream>

int main() {
    using namespace jinguo;
    const PasswordKeeper keeper = platform::desktopPasswordKeeper();
    std::cout << "available=" << platform::secretServiceAvailable() << "\n";
    std::cout << "place=" << keeper.place() << "\n";
    const PgpassEntry entry{"192.168.1.10", "5432", "linjiang", "jb_chair", "p:w\\d 密码"};
    const PgpassWritten written = keeper.keep(entry);
    std::cout << "error=" << written.error << "\nnote=" << written.note << "\n";
    const auto found = keeper.find({entry.host, entry.port, entry.database, entry.user, ""});
    std::cout << "found=" << (found ? *found : std::string("<none>")) << "\n";
    const auto other = keeper.find({entry.host, entry.port, "wenchang", entry.user, ""});
    std::cout << "other=" << (other ? *other : std::string("<none>")) << "\n";
    return 0;
}
