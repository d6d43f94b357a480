// Store: opening, device identity, events and checkpoints.
#include <algorithm>
#include <cassert>

#include "core/store/b2b_store.h"
#include "core/store/schema.h"
#include "core/store/store.h"
#include "core/util/strings.h"
#include "core/util/uuid.h"

namespace passerelle {

Store::Store(db::Database database, const Clock& clock) : database_(std::move(database)), clock_(&clock) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

Result<Store> Store::open(const std::filesystem::path& path, const Clock& clock) {
  PSL_ASSIGN_OR_RETURN(auto database, db::Database::open(path));
  if (auto migrated = db::migrate(database, schema_migrations()); !migrated) {
    if (migrated.error().code == Errc::invalid_input)  // SQLITE_NOTADB
      return make_error(Errc::invalid_input, path.string() + " is not a Passerelle database");
    return std::move(migrated).error();
  }
  Store store(std::move(database), clock);
  // Made here, outside any caller's transaction, so that appends only ever read it.
  PSL_TRY(store.load_or_create_device_id());
  return store;
}

Result<std::string> Store::device_id() {
  // Read each time: an enrolment through another connection to this file may have changed it.
  PSL_ASSIGN_OR_RETURN(const auto current, local_value("device_id"));
  if (!current) return make_error(Errc::database, "this file has no device id");
  return *current;
}

Status Store::load_or_create_device_id() {
  {
    PSL_ASSIGN_OR_RETURN(auto transaction, db::Transaction::begin(database_));
    {
      PSL_ASSIGN_OR_RETURN(
          auto insert,
          database_.query("INSERT INTO local_state(key, value) VALUES ('device_id', ?) ON CONFLICT(key) DO NOTHING"));
      PSL_TRY(insert.bind_all(make_uuid_v7(clock_->wall_ms())).run());
    }
    PSL_TRY(transaction.commit());
  }
  return {};
}

Result<std::int64_t> Store::create_event(const EventConfig& config) {
  PSL_ASSIGN_OR_RETURN(auto transaction, db::Transaction::begin(database_));
  std::int64_t event_id = 0;
  {
    PSL_ASSIGN_OR_RETURN(
        auto insert,
        database_.query(
            "INSERT INTO event(name, venue, timezone, language, created_ms) VALUES (?, ?, ?, ?, ?) RETURNING id"));
    insert.bind_all(config.name, config.venue, config.timezone, to_string(config.language), clock_->wall_ms());
    PSL_ASSIGN_OR_RETURN(const bool has_row, insert.step());
    if (!has_row) return make_error(Errc::database, "event insert returned no id");
    event_id = insert.column_int(0);
  }
  for (const auto& day : config.days) {
    PSL_ASSIGN_OR_RETURN(auto insert, database_.query("INSERT INTO event_day(event_id, day) VALUES (?, ?)"));
    PSL_TRY(insert.bind_all(event_id, day).run());
  }
  // Every event can sign badges from its creation on; kiosk bundles copy only the public half.
  PSL_TRY(add_signing_key(event_id, badge::generate_key_pair()));
  int position = 0;
  for (const auto& checkpoint : config.checkpoints) {
    std::int64_t checkpoint_id = 0;
    {
      PSL_ASSIGN_OR_RETURN(
          auto insert,
          database_.query("INSERT INTO checkpoint(event_id, name, rule, position, kind, b2b_area) VALUES (?, ?, ?, ?, "
                          "?, ?) RETURNING id"));
      insert.bind_all(event_id, checkpoint.name, to_string(checkpoint.rule), position++, to_string(checkpoint.kind),
                      checkpoint.area);
      PSL_ASSIGN_OR_RETURN(const bool has_row, insert.step());
      if (!has_row) return make_error(Errc::database, "checkpoint insert returned no id");
      checkpoint_id = insert.column_int(0);
    }
    for (const auto& tag : checkpoint.admits) {
      PSL_ASSIGN_OR_RETURN(auto insert,
                           database_.query("INSERT OR IGNORE INTO checkpoint_tag(checkpoint_id, tag) VALUES (?, ?)"));
      PSL_TRY(insert.bind_all(checkpoint_id, tag).run());
    }
  }
  if (config.b2b) PSL_TRY(insert_b2b_session(database_, event_id, *config.b2b));
  PSL_TRY(transaction.commit());
  return event_id;
}

Result<std::vector<Event>> Store::list_events() {
  std::vector<Event> events;
  {
    PSL_ASSIGN_OR_RETURN(auto select,
                         database_.query("SELECT id, name, venue, timezone, language FROM event ORDER BY id"));
    for (;;) {
      PSL_ASSIGN_OR_RETURN(const bool has_row, select.step());
      if (!has_row) break;
      events.push_back(Event{select.column_int(0),
                             select.column_text(1),
                             select.column_text(2),
                             select.column_text(3),
                             {},
                             parse_language(select.column_text(4)).value_or(Language::en)});
    }
  }
  for (auto& event : events) {
    PSL_ASSIGN_OR_RETURN(auto days, database_.query("SELECT day FROM event_day WHERE event_id = ? ORDER BY day"));
    PSL_ASSIGN_OR_RETURN(event.days, days.bind_all(event.id).collect_texts());
  }
  return events;
}

Result<std::optional<Event>> Store::find_event(std::int64_t event_id) {
  PSL_ASSIGN_OR_RETURN(auto events, list_events());
  for (auto& event : events)
    if (event.id == event_id) return std::optional<Event>(std::move(event));
  return std::optional<Event>();
}

Result<Event> Store::resolve_event(std::optional<std::int64_t> requested) {
  PSL_ASSIGN_OR_RETURN(auto events, list_events());
  if (requested) {
    for (auto& event : events)
      if (event.id == *requested) return std::move(event);
    return make_error(Errc::not_found, "no event with id " + std::to_string(*requested));
  }
  if (events.empty()) return make_error(Errc::not_found, "the database holds no event yet: run 'init' first");
  if (events.size() > 1) {
    std::string list;
    for (const auto& event : events) list += "\n  " + std::to_string(event.id) + "  " + event.name;
    return make_error(Errc::invalid_input, "the database holds several events; choose one with --event ID:" + list);
  }
  return std::move(events.front());
}

namespace {

constexpr const char* kCheckpointColumns = "SELECT id, event_id, name, rule, position, kind, b2b_area FROM checkpoint ";

}  // namespace

Result<std::vector<Checkpoint>> Store::checkpoints(std::int64_t event_id) {
  std::vector<Checkpoint> list;
  {
    PSL_ASSIGN_OR_RETURN(auto select,
                         database_.query(std::string(kCheckpointColumns) + "WHERE event_id = ? ORDER BY position"));
    select.bind_all(event_id);
    for (;;) {
      PSL_ASSIGN_OR_RETURN(const bool has_row, select.step());
      if (!has_row) break;
      Checkpoint checkpoint;
      checkpoint.id = select.column_int(0);
      checkpoint.event_id = select.column_int(1);
      checkpoint.name = select.column_text(2);
      checkpoint.rule = parse_checkpoint_rule(select.column_text(3)).value_or(CheckpointRule::once_per_event);
      checkpoint.position = static_cast<int>(select.column_int(4));
      checkpoint.kind = parse_checkpoint_kind(select.column_text(5)).value_or(CheckpointKind::door);
      checkpoint.b2b_area = select.column_text(6);
      list.push_back(std::move(checkpoint));
    }
  }
  for (auto& checkpoint : list) {
    PSL_ASSIGN_OR_RETURN(auto tags,
                         database_.query("SELECT tag FROM checkpoint_tag WHERE checkpoint_id = ? ORDER BY tag"));
    PSL_ASSIGN_OR_RETURN(checkpoint.admits, tags.bind_all(checkpoint.id).collect_texts());
  }
  return list;
}

Result<std::optional<Checkpoint>> Store::find_checkpoint(std::int64_t event_id, std::string_view name) {
  PSL_ASSIGN_OR_RETURN(auto list, checkpoints(event_id));
  const std::string wanted = to_lower_ascii(trim(name));
  for (auto& checkpoint : list)
    if (to_lower_ascii(checkpoint.name) == wanted) return std::optional<Checkpoint>(std::move(checkpoint));
  return std::optional<Checkpoint>();
}

Result<std::optional<Checkpoint>> Store::checkpoint(std::int64_t checkpoint_id) {
  std::int64_t event_id = 0;
  {
    PSL_ASSIGN_OR_RETURN(auto select, database_.query("SELECT event_id FROM checkpoint WHERE id = ?"));
    select.bind_all(checkpoint_id);
    PSL_ASSIGN_OR_RETURN(const bool has_row, select.step());
    if (!has_row) return std::optional<Checkpoint>();
    event_id = select.column_int(0);
  }
  PSL_ASSIGN_OR_RETURN(auto list, checkpoints(event_id));
  for (auto& checkpoint : list)
    if (checkpoint.id == checkpoint_id) return std::optional<Checkpoint>(std::move(checkpoint));
  return std::optional<Checkpoint>();
}

Result<const TimeZone*> Store::event_timezone(std::int64_t event_id) {
  if (auto found = timezones_.find(event_id); found != timezones_.end()) return &found->second;
  std::string name;
  {
    PSL_ASSIGN_OR_RETURN(auto select, database_.query("SELECT timezone FROM event WHERE id = ?"));
    select.bind_all(event_id);
    PSL_ASSIGN_OR_RETURN(const bool has_row, select.step());
    if (!has_row) return make_error(Errc::not_found, "no event with id " + std::to_string(event_id));
    name = select.column_text(0);
  }
  PSL_ASSIGN_OR_RETURN(auto zone, TimeZone::create(name));
  return &timezones_.emplace(event_id, std::move(zone)).first->second;
}

}  // namespace passerelle
