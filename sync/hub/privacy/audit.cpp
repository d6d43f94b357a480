#include "sync/hub/privacy/audit.h"

#include <pwd.h>
#include <unistd.h>

#include <array>

namespace passerelle::hub::privacy {

std::string actor_name(const std::optional<std::string>& operator_name) {
  if (operator_name && !operator_name->empty()) return *operator_name;
  // getpwuid_r: the hub's server runs this from its own thread while other threads may look up too.
  passwd entry{};
  passwd* found = nullptr;
  std::array<char, 4096> buffer{};
  const uid_t uid = ::geteuid();
  if (::getpwuid_r(uid, &entry, buffer.data(), buffer.size(), &found) == 0 && found != nullptr &&
      found->pw_name != nullptr && *found->pw_name != '\0')
    return found->pw_name;
  return "uid " + std::to_string(uid);
}

Status append_audit(Store& store, const AuditLine& line) {
  PSL_ASSIGN_OR_RETURN(auto insert,
                       store.database().query("INSERT INTO hub_audit(at_ms, action, actor, event_id, participant_id, "
                                              "detail) VALUES (?, ?, ?, ?, ?, ?)"));
  return insert.bind_all(line.at_ms, line.action, line.actor, line.event_id, line.participant_id, line.detail).run();
}

Status append_audit(pg::PgConnection& database, const AuditLine& line) {
  PSL_TRY(
      database.query("INSERT INTO hub_audit (at_ms, action, actor, event_id, participant_id, detail) "
                     "VALUES ($1, $2, $3, $4, $5, $6)",
                     line.at_ms, line.action, line.actor, line.event_id, line.participant_id, line.detail));
  return {};
}

Result<std::vector<AuditLine>> audit_lines(Store& store, std::optional<std::int64_t> event_id) {
  PSL_ASSIGN_OR_RETURN(auto select, store.database().query("SELECT id, at_ms, action, actor, event_id, participant_id, "
                                                           "detail FROM hub_audit WHERE ?1 IS NULL OR event_id = ?1 "
                                                           "ORDER BY id"));
  select.bind_all(event_id);
  std::vector<AuditLine> lines;
  while (true) {
    PSL_ASSIGN_OR_RETURN(const bool has_row, select.step());
    if (!has_row) break;
    lines.push_back(AuditLine{select.column_int(0), select.column_int(1), select.column_text(2), select.column_text(3),
                              select.column_optional_int(4), select.column_optional_int(5), select.column_text(6)});
  }
  return lines;
}

Result<std::vector<AuditLine>> audit_lines(pg::PgConnection& database, std::optional<std::int64_t> event_id) {
  PSL_ASSIGN_OR_RETURN(
      const auto result,
      database.query("SELECT id, at_ms, action, actor, event_id, participant_id, detail FROM hub_audit "
                     "WHERE $1::bigint IS NULL OR event_id = $1 ORDER BY id",
                     event_id));
  std::vector<AuditLine> lines;
  for (int row = 0; row < result.rows(); ++row)
    lines.push_back(AuditLine{result.int64(row, 0), result.int64(row, 1), std::string(result.text(row, 2)),
                              std::string(result.text(row, 3)), result.optional_int64(row, 4),
                              result.optional_int64(row, 5), std::string(result.text(row, 6))});
  return lines;
}

}  // namespace passerelle::hub::privacy
