// volunteer_list_bench.cpp — what the 志愿者 list costs at 100,000 volunteers.
//
// A benchmark, not a test: it prints figures and ratios against peers
// measured in the same run, and asserts nothing about time.
//   load   Storage::volunteerRows()  vs  the sqlite3 shell running the same
//          aggregate query on the same file (output to /dev/null)
//   frame  one headless frame of the real screen, scrolling (clipper, cache)
//          vs  a naive frame that submits every row (no clipper)
// usage: volunteer_list_bench [ROWS] [RECORDS_PER_VOLUNTEER]
#include "core/id_number.hpp"
#include "storage/storage.hpp"
#include "ui/app_state.hpp"
#include "ui/screen_volunteers.hpp"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

using namespace jinguo;
using Clock = std::chrono::steady_clock;

namespace {

double msSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

std::string validId(int i) {
    char first17[18];
    // 50 years x 12 months x 28 days x 1000 sequence numbers: unique up to 16.8M.
    const int day = i / 1000;
    std::snprintf(first17, sizeof first17, "110105%04d%02d%02d%03d", 1950 + day / 336 % 50, 1 + day / 28 % 12,
                  1 + day % 28, i % 1000);
    return std::string(first17) + idCheckCharacter(first17);
}

} // namespace

int main(int argc, char** argv) {
    const int rows = argc > 1 ? std::atoi(argv[1]) : 100000;
    const int recordsEach = argc > 2 ? std::atoi(argv[2]) : 3;
    const std::string path = (std::filesystem::temp_directory_path() / "jinguo_bench_volunteers.db").string();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);

    storage::Storage storage(path);
    auto start = Clock::now();
    {
        storage::Transaction tx(storage.db());
        storage.setAuditEnabled(false);
        const RowId district = storage.insertUnit({0, 0, "临江区", UnitKind::District, 0, 0});
        std::vector<RowId> communities;
        for (int c = 0; c < 40; ++c)
            communities.push_back(storage.insertUnit({0, district, "社区" + std::to_string(c), UnitKind::Community, 2000, c}));
        for (int i = 0; i < rows; ++i) {
            Person p;
            p.name = "志愿者" + std::to_string(i);
            p.idNumber = validId(i);   // unique: the birth date and sequence vary with i
            p.phone = "138" + std::to_string(10000000 + i % 89999999);
            p.unitId = communities[static_cast<std::size_t>(i % 40)];
            p.joinedOn = "2025-03-08";
            const RowId id = storage.insertPerson(p);
            for (int r = 0; r < recordsEach; ++r) {
                ServiceRecord rec;
                rec.personId = id;
                rec.servedOn = "2026-0" + std::to_string(1 + r % 9) + "-15";
                rec.hours = 1.5 + r;
                rec.verified = true;
                storage.insertServiceRecord(rec);
            }
        }
        tx.commit();
        storage.setAuditEnabled(true);
    }
    std::printf("setup: %d volunteers, %d service records in %.0f ms\n", rows, rows * recordsEach, msSince(start));

    // ---- load: ours vs the sqlite3 shell on the same query
    std::vector<double> ours;
    for (int i = 0; i < 5; ++i) {
        start = Clock::now();
        auto loaded = storage.volunteerRows();
        ours.push_back(msSince(start));
        if (static_cast<int>(loaded.size()) != rows) { std::fprintf(stderr, "wrong row count\n"); return 1; }
    }
    const std::string query =
        "SELECT p.id, p.name, ifnull(p.gender, ''), ifnull(p.id_number, ''), ifnull(p.phone, ''),"
        " ifnull(p.unit_id, 0), ifnull(u.name, ''), ifnull(p.joined_on, ''), ifnull(s.hours, 0), p.roster_hours,"
        " ifnull(s.records, 0) FROM person p LEFT JOIN org_unit u ON u.id = p.unit_id"
        " LEFT JOIN (SELECT person_id, sum(hours) AS hours, count(*) AS records FROM service_record GROUP BY person_id) s"
        " ON s.person_id = p.id WHERE p.is_volunteer = 1 ORDER BY p.id;";
    std::vector<double> shell;
    for (int i = 0; i < 5; ++i) {
        const std::string cmd = "sqlite3 '" + path + "' \"" + query + "\" > /dev/null";
        start = Clock::now();
        if (std::system(cmd.c_str()) != 0) { std::fprintf(stderr, "sqlite3 shell failed (installed?)\n"); return 1; }
        shell.push_back(msSince(start));
    }
    std::printf("load:  ours %.1f ms, sqlite3 shell %.1f ms (median of 5), ratio %.2f\n", median(ours), median(shell),
                median(ours) / median(shell));

    // ---- frames: the real screen, headless
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(1600, 900);
    io.DeltaTime = 1.0f / 60.0f;
    io.IniFilename = nullptr;
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    ui::AppState app(storage);
    app.section = ui::Section::Volunteers;
    start = Clock::now();
    ImGui::NewFrame();
    ui::drawApp(app);
    ImGui::Render();
    std::printf("first frame (loads the cache): %.1f ms\n", msSince(start));

    std::vector<double> frames;
    io.MousePos = ImVec2(500, 400);
    const auto statementsBefore = storage.db().statementsPrepared();
    for (int i = 0; i < 300; ++i) {
        io.MouseWheel = -3.0f;
        start = Clock::now();
        ImGui::NewFrame();
        ui::drawApp(app);
        ImGui::Render();
        frames.push_back(msSince(start));
    }
    const auto statements = storage.db().statementsPrepared() - statementsBefore;

    // Peer: the same rows as a table with every row submitted (no clipper).
    const std::vector<VolunteerRow> everyRow = storage.volunteerRows();
    std::vector<double> naive;
    for (int i = 0; i < 5; ++i) {
        start = Clock::now();
        ImGui::NewFrame();
        ImGui::Begin("naive");
        if (ImGui::BeginTable("all", 5, ImGuiTableFlags_ScrollY, ImVec2(0, 800))) {
            for (const VolunteerRow& r : everyRow) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn(); ImGui::TextUnformatted(r.name.c_str());
                ImGui::TableNextColumn(); ImGui::TextUnformatted(r.idNumber.c_str());
                ImGui::TableNextColumn(); ImGui::TextUnformatted(r.phone.c_str());
                ImGui::TableNextColumn(); ImGui::TextUnformatted(r.unitName.c_str());
                ImGui::TableNextColumn(); ImGui::Text("%.1f", r.recordedHours);
            }
            ImGui::EndTable();
        }
        ImGui::End();
        ImGui::Render();
        naive.push_back(msSince(start));
    }
    std::printf("frame: screen %.3f ms (median of 300 while scrolling, %llu SQL statements in all), "
                "naive all-rows table %.1f ms, ratio %.4f\n",
                median(frames), static_cast<unsigned long long>(statements), median(naive),
                median(frames) / median(naive));

    ImGui::DestroyContext();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    return 0;
}
