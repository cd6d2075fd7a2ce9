/**
 * A bound on costly work (decoding, hashing a password): `running` at once, `waiting` more in line for their turn,
 * the rest turned away (`enter` is undefined). Each holder calls what `enter` resolves to when it is done.
 */
export function createGate(running: number, waiting: number): { enter(): Promise<() => void> | undefined } {
  let inside = 0;
  const line: (() => void)[] = [];
  const leave = () => {
    const next = line.shift();
    if (next) next();
    else inside--;
  };
  return {
    enter() {
      if (inside < running) {
        inside++;
        return Promise.resolve(leave);
      }
      if (line.length >= waiting) return undefined;
      return new Promise((resolve) => line.push(() => resolve(leave)));
    },
  };
}
