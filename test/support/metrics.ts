/** A worker's Prometheus endpoint (BLOC_METRICS_ADDRESS), as a test reads it. */

/** The sum of a counter's series, of one kind of message or of every kind, as Prometheus reads them. */
export function counted(scraped: string, name: string, kind?: string): number {
  return scraped
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) && (kind === undefined || line.includes(`kind="${kind}"`)))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}
