#include "core/import/participant_import.h"

#include <algorithm>
#include <unordered_set>

namespace passerelle::import {
namespace {

constexpr std::size_t kMaxErrorsInMessage = 50;

Error row_errors_to_error(const std::vector<RowError>& errors) {
  std::string message = std::to_string(errors.size()) + (errors.size() == 1 ? " row has" : " rows have") +
                        " errors; nothing was imported (fix them, or use --skip-bad-rows):";
  for (std::size_t i = 0; i < errors.size() && i < kMaxErrorsInMessage; ++i) message += "\n  " + describe(errors[i]);
  if (errors.size() > kMaxErrorsInMessage)
    message += "\n  … and " + std::to_string(errors.size() - kMaxErrorsInMessage) + " more";
  return make_error(Errc::invalid_input, std::move(message));
}

}  // namespace

std::string describe(const RowError& error) {
  std::string text = "line " + std::to_string(error.line);
  if (!error.column.empty()) text += ", column '" + error.column + "'";
  return text + ": " + error.reason;
}

std::string describe(const RowWarning& warning) {
  std::string lines;
  for (std::size_t i = 0; i < warning.lines.size(); ++i) {
    if (i > 0) lines += i + 1 == warning.lines.size() ? " and " : ", ";
    lines += std::to_string(warning.lines[i]);
  }
  switch (warning.kind) {
    case RowWarningKind::no_last_name:
      return "line " + lines + ": no last name";
    case RowWarningKind::shared_email:
      return "lines " + lines + " share the email " + warning.value;
  }
  return "line " + lines;
}

Result<ImportSummary> apply_import(Store& store, std::int64_t event_id, const ImportPlan& plan,
                                   const ApplyOptions& options) {
  ImportSummary summary;
  if (!plan.errors.empty() && !options.skip_bad_rows) return row_errors_to_error(plan.errors);
  summary.skipped = plan.errors;

  PSL_ASSIGN_OR_RETURN(auto transaction, db::Transaction::begin(store.database()));
  std::vector<RowError> apply_errors;
  std::unordered_set<std::string> seen;
  seen.reserve(plan.rows.size());
  const std::size_t total = plan.rows.size();
  for (std::size_t i = 0; i < total; ++i) {
    const MappedRow& row = plan.rows[i];
    seen.insert(row.record.external_id);
    auto upserted = store.upsert_participant_in_transaction(event_id, row.record);
    if (!upserted) {
      if (upserted.error().code != Errc::conflict) return std::move(upserted).error();
      apply_errors.push_back(RowError{row.line, "", upserted.error().message});
    } else {
      switch (*upserted) {
        case UpsertResult::inserted:
          ++summary.inserted;
          break;
        case UpsertResult::updated:
          ++summary.updated;
          break;
        case UpsertResult::unchanged:
          ++summary.unchanged;
          break;
      }
    }
    if (options.progress && options.progress_every != 0 && (i + 1) % options.progress_every == 0)
      options.progress(i + 1, total);
  }
  if (!apply_errors.empty()) {
    if (!options.skip_bad_rows) return row_errors_to_error(apply_errors);
    summary.skipped.insert(summary.skipped.end(), apply_errors.begin(), apply_errors.end());
  }
  // A skipped row may be a participant the organiser meant to keep, and its external id may be
  // what was wrong with it: cancelling "missing" people is only safe from a clean file.
  const bool may_cancel = options.cancel_missing && summary.skipped.empty();
  if (options.cancel_missing && !may_cancel)
    summary.warnings.push_back(
        "--cancel-missing ignored: rows were skipped, so absent participants cannot be told "
        "from skipped ones");

  PSL_ASSIGN_OR_RETURN(const auto known_ids, store.external_ids(event_id));
  for (const auto& external_id : known_ids) {
    if (seen.count(external_id) != 0) continue;
    PSL_ASSIGN_OR_RETURN(const auto participant, store.find_by_external_id(event_id, external_id));
    if (!participant || participant->record.status != ParticipantStatus::registered) continue;
    // Someone erased on request is usually gone from the registration system too: their status
    // is one of the figures erasure keeps, not a sign they cancelled.
    PSL_ASSIGN_OR_RETURN(const bool erased, store.is_erased(participant->id));
    if (erased) continue;
    ++summary.missing;
    if (may_cancel) {
      PSL_TRY(store.set_status_in_transaction(participant->id, ParticipantStatus::cancelled));
      ++summary.cancelled_missing;
    }
  }
  if (options.progress && total % std::max<std::size_t>(options.progress_every, 1) != 0) options.progress(total, total);

  if (options.dry_run) return summary;  // the transaction rolls back as it goes out of scope
  PSL_TRY(transaction.commit());
  summary.committed = true;
  return summary;
}

}  // namespace passerelle::import
