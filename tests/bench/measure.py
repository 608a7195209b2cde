#!/usr/bin/python3
"""Runs one timed command under GNU time and watches its whole process tree.

    measure.py --result R.json [--interval 0.05] [--timeout S] -- /usr/bin/time ... -- tool args

Why a separate watcher:
  * GNU time's %M is the peak RSS of the LARGEST SINGLE process it waited for, not of the
    tree. This samples /proc every --interval seconds and records the peak of the SUM of
    RSS over every process below it (GNU time itself excluded). Shared pages (libraries,
    pages of forked workers still shared with their parent) count once per process there,
    so the sum overstates what the machine pays; at samples that set a new RSS peak (at
    most every --pss-interval s, reading smaps_rollup costs ~1 ms per process; a peak in
    between is read at the end of the interval) it also sums PSS, which splits each shared
    page among the processes sharing it.
  * ssh ControlPersist masters (Ansible) detach from the tool, so neither the tool nor
    GNU time ever waits for them and their CPU is missing from time's user+sys. This
    process makes itself a child subreaper: detached descendants become its children, it
    ends them by PID when the tool has exited (SIGTERM, the way ControlPersist expiry would
    end them) and reaps them with wait4, whose rusage gives their CPU ("detached_cpu").
Nothing here is killed by name: only PIDs that are this process's own descendants.
"""
import argparse
import ctypes
import json
import os
import resource
import signal
import sys
import time

PR_SET_CHILD_SUBREAPER = 36
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


def read_stat(pid):
    """(ppid, rss_kb) from /proc/PID/stat, or None when the process is gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            text = f.read()
    except OSError:
        return None
    # Fields after the command name, which is in parentheses and may contain spaces.
    fields = text[text.rfind(b")") + 2:].split()
    return int(fields[1]), int(fields[21]) * PAGE_KB


def tree(root, exclude):
    """{pid: rss_kb} of every live process below root (not root, not exclude)."""
    children, rss = {}, {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        stat = read_stat(int(name))
        if stat is None:
            continue
        children.setdefault(stat[0], []).append(int(name))
        rss[int(name)] = stat[1]
    found, queue = {}, [root]
    while queue:
        for child in children.get(queue.pop(), ()):
            queue.append(child)
            if child != exclude:
                found[child] = rss.get(child, 0)
    return found


def pss_kb(pids):
    """Sum of Pss over pids (smaps_rollup); processes gone meanwhile count 0."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
                for line in f:
                    if line.startswith(b"Pss:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            pass
    return total


def cmdline(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return ""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--result", required=True)
    parser.add_argument("--interval", type=float, default=0.05)
    parser.add_argument("--pss-interval", type=float, default=0.25)
    parser.add_argument("--timeout", type=float, default=1800)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command

    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        sys.exit("prctl(PR_SET_CHILD_SUBREAPER) failed")
    me = os.getpid()
    started = time.monotonic()
    main_pid = os.fork()
    if main_pid == 0:
        try:
            os.execvp(command[0], command)
        finally:
            os._exit(127)

    peak_kb, peak_procs, samples = 0, 0, 0
    pss_peak_kb, pss_at, pss_due = 0, -1.0, False
    main_status, timed_out = None, False
    detached = {"count": 0, "user": 0.0, "sys": 0.0, "commands": []}

    def reap(block):
        nonlocal main_status
        while True:
            try:
                pid, status, usage = os.wait4(-1, 0 if block else os.WNOHANG)
            except ChildProcessError:
                return False
            if pid == 0:
                return True
            if pid == main_pid:
                main_status = status
            else:
                detached["count"] += 1
                detached["user"] += usage.ru_utime
                detached["sys"] += usage.ru_stime
            if block:
                return True

    known = {}
    while main_status is None:
        procs = tree(me, exclude=main_pid)
        for pid in procs:
            if pid not in known:
                known[pid] = cmdline(pid)
        total = sum(procs.values())
        samples += 1
        if total > peak_kb:
            peak_kb, peak_procs = total, len(procs)
            pss_due = True
        # A peak inside the PSS interval is read as soon as the interval is over.
        if pss_due and time.monotonic() - pss_at >= args.pss_interval:
            pss_at, pss_due = time.monotonic(), False
            pss_peak_kb = max(pss_peak_kb, pss_kb(procs))
        reap(block=False)
        if main_status is not None:
            break
        if time.monotonic() - started > args.timeout:
            timed_out = True
            for pid in list(tree(me, exclude=None)):
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            reap(block=True)
            break
        time.sleep(args.interval)

    # The tool is gone; what is still below us detached from it (ssh ControlPersist masters).
    leftovers = tree(me, exclude=None)
    for pid in leftovers:
        detached["commands"].append(known.get(pid) or cmdline(pid))
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + 5
    while tree(me, exclude=None) and time.monotonic() < deadline:
        reap(block=False)
        time.sleep(0.02)
    for pid in tree(me, exclude=None):
        os.kill(pid, signal.SIGKILL)
    while reap(block=True):
        pass

    exit_code = None
    if main_status is not None:
        exit_code = os.waitstatus_to_exitcode(main_status)
    result = {
        "exit_code": exit_code,
        "timed_out": timed_out,
        "sum_rss_peak_kb": peak_kb,
        "sum_rss_peak_processes": peak_procs,
        "sum_pss_at_rss_peaks_kb": pss_peak_kb,
        "samples": samples,
        "interval_s": args.interval,
        "detached_processes": detached["count"],
        "detached_cpu_s": round(detached["user"] + detached["sys"], 3),
        "detached_commands": sorted(set(detached["commands"])),
    }
    with open(args.result, "w") as f:
        json.dump(result, f, indent=2)
    sys.exit(exit_code if exit_code is not None else 124)


if __name__ == "__main__":
    main()
