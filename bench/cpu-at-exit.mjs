// Preloaded (`node --import`) into a process the bench starts: reports the process's CPU time as it exits, on
// stderr, for the parent to read. Node gives no way to read a child's CPU time after it has exited.
process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  process.stderr.write(`\nDRIFTWATCH_BENCH_CPU_US ${user + system}\n`);
});
