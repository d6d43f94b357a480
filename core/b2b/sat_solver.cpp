#include "core/b2b/sat_solver.h"

#include <algorithm>
#include <cadical.hpp>
#include <climits>

namespace passerelle::b2b {
namespace {

class DeadlineTerminator final : public CaDiCaL::Terminator {
 public:
  explicit DeadlineTerminator(std::chrono::steady_clock::time_point deadline) : deadline_(deadline) {}
  // CaDiCaL asks often; reading the clock every call is cheap next to a conflict.
  bool terminate() override { return std::chrono::steady_clock::now() >= deadline_; }

 private:
  std::chrono::steady_clock::time_point deadline_;
};

}  // namespace

SatSolver::SatSolver() : solver_(std::make_unique<CaDiCaL::Solver>()) {
  // CaDiCaL's configuration for satisfiable formulas: on the shared forums it finds schedules
  // without idle gaps 2 to 10 times sooner than the default, and proofs of "most placed" come
  // from the analysis or from small formulas (docs/SCHEDULER.md).
  solver_->configure("sat");
}
SatSolver::~SatSolver() = default;

int SatSolver::new_var() {
  return ++variables_;
}

void SatSolver::clause(std::initializer_list<int> literals) {
  for (const int literal : literals) solver_->add(literal);
  solver_->add(0);
}

void SatSolver::clause(const std::vector<int>& literals) {
  for (const int literal : literals) solver_->add(literal);
  solver_->add(0);
}

void SatSolver::at_most_one(const std::vector<int>& literals) {
  if (literals.size() <= 6) {
    for (std::size_t i = 0; i < literals.size(); ++i)
      for (std::size_t j = i + 1; j < literals.size(); ++j) clause({-literals[i], -literals[j]});
    return;
  }
  // Ladder: seen[i] is true once one of literals[0..i] is.
  int previous = 0;
  for (std::size_t i = 0; i < literals.size(); ++i) {
    const int seen = new_var();
    clause({-literals[i], seen});
    if (previous != 0) {
      clause({-previous, seen});
      clause({-previous, -literals[i]});
    }
    previous = seen;
  }
}

std::vector<int> SatSolver::merge(const std::vector<int>& left, const std::vector<int>& right, int cap) {
  const int size = std::min(cap, static_cast<int>(left.size() + right.size()));
  std::vector<int> out(static_cast<std::size_t>(size));
  for (int& literal : out) literal = new_var();
  // left holds at least i, right at least j: out holds at least min(i + j, cap).
  for (int i = 0; i <= static_cast<int>(left.size()); ++i) {
    for (int j = 0; j <= static_cast<int>(right.size()); ++j) {
      if (i + j == 0) continue;
      const int total = std::min(i + j, size);
      std::vector<int> literals;
      if (i > 0) literals.push_back(-left[static_cast<std::size_t>(i - 1)]);
      if (j > 0) literals.push_back(-right[static_cast<std::size_t>(j - 1)]);
      literals.push_back(out[static_cast<std::size_t>(total - 1)]);
      clause(literals);
      if (i + j >= size) break;  // larger j adds nothing new for this i
    }
  }
  return out;
}

std::vector<int> SatSolver::count_range(const std::vector<int>& literals, std::size_t first, std::size_t last,
                                        int cap) {
  if (last - first == 1) return {literals[first]};
  const std::size_t middle = first + (last - first) / 2;
  return merge(count_range(literals, first, middle, cap), count_range(literals, middle, last, cap), cap);
}

std::vector<int> SatSolver::counter(const std::vector<int>& literals, int cap) {
  if (literals.empty() || cap <= 0) return {};
  return count_range(literals, 0, literals.size(), cap);
}

SatSolver::Answer SatSolver::solve(const std::vector<int>& assumptions, std::chrono::steady_clock::time_point deadline,
                                   std::int64_t conflicts) {
  if (std::chrono::steady_clock::now() >= deadline) return Answer::unknown;
  for (const int literal : assumptions) solver_->assume(literal);
  DeadlineTerminator terminator(deadline);
  solver_->connect_terminator(&terminator);
  if (conflicts >= 0) solver_->limit("conflicts", static_cast<int>(std::min<std::int64_t>(conflicts, INT_MAX)));
  const int result = solver_->solve();
  solver_->disconnect_terminator();
  if (result == 10) return Answer::sat;
  if (result == 20) return Answer::unsat;
  return Answer::unknown;
}

bool SatSolver::value(int literal) {
  return solver_->val(literal) > 0;
}

bool SatSolver::failed(int literal) {
  return solver_->failed(literal);
}

void SatSolver::prefer(int literal) {
  solver_->phase(literal);
}

}  // namespace passerelle::b2b
