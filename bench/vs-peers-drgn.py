# SPDX-License-Identifier: GPL-2.0
# vs-peers-drgn.py — what an analyst runs under drgn on a hang: every task in
# D state with its stack and, for a task waiting on a mutex or an rwsem, the
# lock and its owner (read from the lock word, with the debug vmlinux's
# types and the frames' variables).
#
#   drgn -c VMCORE -s VMLINUX bench/vs-peers-drgn.py
from drgn import FaultError, Object, ObjectAbsentError
from drgn.helpers.linux.pid import for_each_task
from drgn.helpers.linux.sched import task_state_to_char

MUTEX_FRAMES = {"__mutex_lock", "__mutex_lock_slowpath", "mutex_lock",
                "__mutex_lock_killable_slowpath", "mutex_lock_killable"}
RWSEM_FRAMES = {"rwsem_down_read_slowpath", "rwsem_down_write_slowpath",
                "down_read", "down_write", "down_read_killable",
                "down_write_killable"}


def owner_of(word):
    t = word & ~0x7
    if not t:
        return "no owner"
    task = Object(prog, "struct task_struct *", t)
    try:
        return f"owner pid {task.pid.value_()} {task.comm.string_().decode()}"
    except FaultError:
        return f"owner {t:#x} (unreadable)"


blocked = 0
for task in for_each_task(prog):
    if task_state_to_char(task) != "D":
        continue
    blocked += 1
    print(f"D pid {task.pid.value_()} {task.comm.string_().decode()}")
    try:
        trace = prog.stack_trace(task)
    except (ValueError, FaultError) as e:
        print(f"  no stack: {e}")
        continue
    said = False
    for frame in trace:
        name = frame.name or hex(frame.pc)
        print(f"    {name}")
        if said or name not in MUTEX_FRAMES | RWSEM_FRAMES:
            continue
        var = "lock" if name in MUTEX_FRAMES else "sem"
        kind = "mutex" if name in MUTEX_FRAMES else "rwsem"
        try:
            lock = frame[var]
            word = lock.owner.counter.value_()
        except (LookupError, ObjectAbsentError, FaultError) as e:
            print(f"  {name}: {var} not available ({e})")
            continue
        try:
            sym = prog.symbol(lock.value_()).name
        except LookupError:
            sym = "no symbol"
        print(f"  waits on {kind} {lock.value_():#x} ({sym}): {owner_of(word)}")
        said = True
print(f"{blocked} tasks in D state")
