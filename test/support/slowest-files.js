/**
 * A jest reporter: after the run, the seconds each layer's files took (summed; files run side by side) and
 * the ten slowest files, so that whoever runs `npm test` next sees where the time goes and when a file
 * starts to drift.
 */
class SlowestFiles {
  onRunComplete(_contexts, results) {
    const files = results.testResults.map((r) => ({
      seconds: (r.perfStats.end - r.perfStats.start) / 1000,
      file: r.testFilePath.replace(`${process.cwd()}/`, ''),
      layer: r.displayName?.name ?? '',
    }));
    const layers = new Map();
    for (const f of files) layers.set(f.layer, (layers.get(f.layer) ?? 0) + f.seconds);
    const byLayer = [...layers].map(([layer, seconds]) => `${layer} ${seconds.toFixed(0)} s`).join(', ');
    const slowest = [...files].sort((a, b) => b.seconds - a.seconds).slice(0, 10);
    const lines = slowest.map((f) => `${f.seconds.toFixed(1).padStart(7)} s  ${f.layer.padEnd(11)} ${f.file}`);
    process.stderr.write(`\nTime in test files by layer: ${byLayer}\nThe 10 slowest test files:\n${lines.join('\n')}\n`);
  }
}

module.exports = SlowestFiles;
