/**
 * One send's deadline at a time, for a batch that sends one message after another. A fresh
 * `AbortSignal.timeout` and `AbortSignal.any` for each message cost a busy worker about 3 % of its thread in a
 * wave; one timer re-armed for each send, and a new signal only after one has fired, cost next to nothing.
 */
export interface SendDeadlines {
  /** The signal for the send about to start: aborted if the activity is cancelled or the send outlasts its deadline. */
  next(): AbortSignal;
  /** Stops the timer once the batch is over. */
  done(): void;
}

export function createSendDeadlines(cancelled: AbortSignal, ms: number): SendDeadlines {
  let deadline = new AbortController();
  let signal = AbortSignal.any([cancelled, deadline.signal]);
  const timer = setTimeout(() => deadline.abort(new DOMException(`no answer within ${ms} ms`, 'TimeoutError')), ms);
  return {
    next() {
      if (deadline.signal.aborted) {
        deadline = new AbortController();
        signal = AbortSignal.any([cancelled, deadline.signal]);
      }
      timer.refresh();
      return signal;
    },
    done: () => clearTimeout(timer),
  };
}
