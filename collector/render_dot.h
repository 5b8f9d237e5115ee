/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * render_dot.h - the wait-for graph of a verdict as Graphviz DOT
 * (triage.dot): for hung tasks, the tasks and the locks they wait on, who
 * owns each, the deadlock cycle in red; for a lockup, the stuck CPU, the
 * lock it spins on and the holder.  `dot -Tsvg triage.dot > wait.svg`.
 */
#ifndef TC_RENDER_DOT_H
#define TC_RENDER_DOT_H

#include "decode.h"
#include "verdict.h"
#include "status.h"

/* *@out: the graph, malloc'd, NUL-terminated; NULL when the verdict has
 * none (no blocked task and no lockup).  Fails only when out of memory. */
enum status report_dot(const struct verdict *v, char **out,
		       struct errmsg *err);

#endif /* TC_RENDER_DOT_H */
