// A quick valid schedule: the most constrained meetings first, each in the free slot that sits
// next to its participants' other meetings. It places everything on most real forums; the SAT
// search starts from it and proves or betters it.
// Thread safety: pure function.
#pragma once

#include "core/b2b/analysis.h"
#include "core/b2b/schedule.h"

namespace passerelle::b2b {

Schedule greedy_schedule(const Problem& problem, const Analysis& analysis);

}  // namespace passerelle::b2b
