/**
 * Runs the workflow's Update handlers one at a time, in the order they arrived. A handler that waits for
 * the planning activity must not interleave with another that reads or changes the same record. `first`
 * is what every handler waits behind: the year's first schedule.
 */
export function createSerialQueue(first: Promise<unknown> = Promise.resolve()): <T>(work: () => Promise<T> | T) => Promise<T> {
  let tail: Promise<unknown> = first;
  return (work) => {
    const run = tail.then(work);
    tail = run.catch(() => undefined);
    return run;
  };
}
