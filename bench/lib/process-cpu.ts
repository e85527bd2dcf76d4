import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat's times (100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU time (ms) a process used, its reaped children included; 0 when it is gone or /proc is missing. */
export function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces, so split after its closing parenthesis).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime, stime, cutime, cstime are fields 14–17 of the line, 12–15 after the name.
    const ticks = [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index] ?? 0), 0);
    return (ticks * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** The pid of the PostgreSQL server listening on `port` (its postmaster), if it runs on this machine. */
export function postmasterOf(port: number): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (command.some((part) => part.endsWith('postgres')) && command.join(' ').includes(`-p ${port}`))
        return Number(entry);
    } catch {}
  }
  return undefined;
}

/** The pids whose parent is `pid` (a postmaster's backends). */
export function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent === pid) children.push(Number(entry));
    } catch {}
  }
  return children;
}

/** CPU time (ms) of a PostgreSQL server: its postmaster (with the backends it reaped) and the live backends. */
export function postgresCpuMs(postmaster: number | undefined): number {
  if (postmaster === undefined) return 0;
  return processCpuMs(postmaster) + childrenOf(postmaster).reduce((sum, pid) => sum + processCpuMs(pid), 0);
}
