/**
 * Runs the workflow's Update handlers one at a time, in the order they arrived. A handler that waits for
 * the planning activity must not interleave with another that reads or changes the same record.
 */
export function createSerialQueue(): <T>(work: () => Promise<T> | T) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return (work) => {
    const run = tail.then(work);
    tail = run.catch(() => undefined);
    return run;
  };
}
