// Time reports over BENCH_TIMESHEETS generated timesheets (default 1,000,000): the grouped report (target
// under 200 ms) and the XLSX export of the invoice report of one organization holding a tenth of them
// (100,000 rows at the default size; target under 2 s). Seeds a temporary database first.
// Usage: bench_time [Google Benchmark flags]   (make bench-time)
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <memory>

#include "core/clock.h"
#include "service/time/report_table.h"
#include "service/time/time_report_service.h"
#include "store/seed/generated_time.h"
#include "store/seed/generated_work.h"
#include "store/temp_database.h"

namespace tandem {

namespace {

constexpr int kProjects = 100;
constexpr int kItemsPerProject = 100;
constexpr int kOrganizations = 10;
constexpr int kUsers = 50;
constexpr TimestampMs kFirstDay = 1'767'225'600'000;  // 2026-01-01T00:00:00Z

std::int64_t timesheet_count() {
  const char* text = std::getenv("BENCH_TIMESHEETS");
  return text ? std::atoll(text) : 1'000'000;
}

// The seeded database, shared by every benchmark.
struct World {
  store::TempDatabase temp{"bench-time"};
  service::TimeReportService reports{temp.db()};
  Actor admin = Actor::system();
};

World& world() {
  static std::unique_ptr<World> instance = [] {
    auto w = std::make_unique<World>();
    const auto started = std::chrono::steady_clock::now();
    const Status seeded = w->temp.db().write([](store::Txn& txn) -> Status {
      store::TimesheetSeed seed;
      seed.count = timesheet_count();
      seed.first_day = kFirstDay;
      seed.approved_organization_id = 1;
      for (int u = 1; u <= kUsers; ++u) {
        TANDEM_ASSIGN(const auto row,
                      txn.one("INSERT INTO users(email, name, role, password_hash, created_at, "
                              "updated_at) VALUES (?, ?, 'agent', '', 0, 0) RETURNING id",
                              {"user" + std::to_string(u) + "@bench.test", "User " + std::to_string(u)}));
        seed.user_ids.push_back(row->int64(0));
      }
      for (int o = 1; o <= kOrganizations; ++o)
        TANDEM_TRY(txn.exec("INSERT INTO organizations(id, name, created_at, updated_at) VALUES (?, ?, 0, 0)",
                            {std::int64_t{o}, "Organization " + std::to_string(o)}));
      for (int p = 0; p < kProjects; ++p) {
        TANDEM_ASSIGN(const std::int64_t project,
                      store::insert_generated_project(txn, "Project " + std::to_string(p), 0, kFirstDay));
        std::vector<store::GeneratedItem> items(kItemsPerProject);
        for (auto& item : items) {
          item = store::GeneratedItem{2,    7,       "not_started", "Task of project " + std::to_string(p),
                                      "",   0,       project,       0,
                                      "[]", "agent", kFirstDay,     {}};
        }
        TANDEM_TRY(store::insert_generated_items(txn, items));
        TANDEM_ASSIGN(const auto ids, txn.all("SELECT id FROM items WHERE project_id = ?", {project}));
        for (const auto& id : ids) seed.items.push_back({id.int64(0), project, p % kOrganizations + 1});
      }
      return store::insert_generated_timesheets(txn, seed);
    });
    if (!seeded.ok()) {
      std::cerr << "seeding failed: " << seeded.error().message << " " << seeded.error().internal << "\n";
      std::exit(1);
    }
    const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cerr << "seeded " << timesheet_count() << " timesheets in " << seconds << " s\n";
    return w;
  }();
  return *instance;
}

void grouped_report(benchmark::State& state, std::vector<store::TimeGrouping> groupings,
                    std::optional<std::string> from, std::optional<std::string> to) {
  World& w = world();
  service::TimeReportQuery query;
  query.groupings = std::move(groupings);
  query.filter.from_day = std::move(from);
  query.filter.to_day = std::move(to);
  for (auto _ : state) {
    auto report = w.reports.report(w.admin, query);
    if (!report.ok()) state.SkipWithError(report.error().message.c_str());
    benchmark::DoNotOptimize(report);
  }
}

void BM_ReportByProjectAndUser(benchmark::State& state) {
  grouped_report(state, {store::TimeGrouping::project, store::TimeGrouping::user}, std::nullopt,
                 std::nullopt);
}
void BM_ReportByOrganizationProjectMonth(benchmark::State& state) {
  grouped_report(
      state, {store::TimeGrouping::organization, store::TimeGrouping::project, store::TimeGrouping::month},
      std::nullopt, std::nullopt);
}
void BM_ReportOneMonthByUserAndWeek(benchmark::State& state) {
  grouped_report(state, {store::TimeGrouping::user, store::TimeGrouping::week}, "2026-03-01", "2026-03-31");
}

// The invoice report's table alone (the query and the rows), to tell it from the spreadsheet writing.
void BM_InvoiceTable(benchmark::State& state) {
  World& w = world();
  for (auto _ : state) {
    auto table = w.reports.invoice_table(w.admin, 1, std::nullopt, std::nullopt);
    if (!table.ok()) state.SkipWithError(table.error().message.c_str());
    benchmark::DoNotOptimize(table);
  }
}

void BM_InvoiceXlsx(benchmark::State& state) {
  World& w = world();
  std::size_t rows = 0, bytes = 0;
  for (auto _ : state) {
    auto table = w.reports.invoice_table(w.admin, 1, std::nullopt, std::nullopt);
    if (!table.ok()) state.SkipWithError(table.error().message.c_str());
    auto xlsx = service::report_xlsx(*table);
    if (!xlsx.ok()) state.SkipWithError(xlsx.error().message.c_str());
    rows = table->rows.size();
    bytes = xlsx->size();
  }
  state.counters["rows"] = static_cast<double>(rows);
  state.counters["bytes"] = static_cast<double>(bytes);
}

BENCHMARK(BM_ReportByProjectAndUser)->Unit(benchmark::kMillisecond)->MinTime(2);
BENCHMARK(BM_ReportByOrganizationProjectMonth)->Unit(benchmark::kMillisecond)->MinTime(2);
BENCHMARK(BM_ReportOneMonthByUserAndWeek)->Unit(benchmark::kMillisecond)->MinTime(2);
BENCHMARK(BM_InvoiceTable)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_InvoiceXlsx)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

}  // namespace tandem

BENCHMARK_MAIN();
