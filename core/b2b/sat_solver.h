// An incremental SAT solver (CaDiCaL, from Debian's libcadical-dev) with the few encodings the
// scheduler needs. Literals are DIMACS ints: variable v > 0 is true as v, false as -v.
//
// Ownership: owns its CaDiCaL instance. Thread safety: one thread at a time.
// Failure: none by return value; solve() answers unknown when its deadline or conflict budget
// ran out. CaDiCaL aborts the process on API misuse (a bug here), never on a formula.
#pragma once

#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <vector>

namespace CaDiCaL {
class Solver;
}

namespace passerelle::b2b {

class SatSolver {
 public:
  enum class Answer { sat, unsat, unknown };

  SatSolver();
  ~SatSolver();
  SatSolver(const SatSolver&) = delete;
  SatSolver& operator=(const SatSolver&) = delete;

  int new_var();
  void clause(std::initializer_list<int> literals);
  void clause(const std::vector<int>& literals);

  // At most one of `literals` (pairwise up to 6, a ladder of auxiliary variables beyond).
  void at_most_one(const std::vector<int>& literals);

  // A totalizer over `literals`, counting up to `cap`: returns outputs o[0..n) with n =
  // min(cap, size), o[i] forced true when at least i + 1 of `literals` are true. Assuming
  // -o[k] (k < n) then means "at most k of them". Only that direction is encoded.
  std::vector<int> counter(const std::vector<int>& literals, int cap);

  // Solves under `assumptions`, until `deadline` (steady clock) or after `conflicts` conflicts
  // (negative: no budget).
  Answer solve(const std::vector<int>& assumptions, std::chrono::steady_clock::time_point deadline,
               std::int64_t conflicts = -1);
  // After sat: the literal's value. After unsat: whether an assumption is in the failed core.
  bool value(int literal);
  bool failed(int literal);
  // Preferred value of a variable when the solver decides it (a warm start).
  void prefer(int literal);

 private:
  std::vector<int> merge(const std::vector<int>& left, const std::vector<int>& right, int cap);
  std::vector<int> count_range(const std::vector<int>& literals, std::size_t first, std::size_t last, int cap);

  std::unique_ptr<CaDiCaL::Solver> solver_;
  int variables_ = 0;
};

}  // namespace passerelle::b2b
