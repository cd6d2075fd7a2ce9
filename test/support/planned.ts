/**
 * A year answers its queries once its first step has planned it; before that, "năm đang được lập lịch". The dev
 * server gives those words as the failure's message, the Java test server in its cause.
 */
import { YEAR_BEING_PLANNED } from '../../workflows/messages';

export function saysBeingPlanned(err: unknown): boolean {
  return err instanceof Error && `${err.message} ${String(err.cause)}`.includes(YEAR_BEING_PLANNED);
}

/** What `ask` gets once the year has planned itself; any other failure is thrown. */
export async function whenPlanned<T>(ask: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      return await ask();
    } catch (err) {
      if (!saysBeingPlanned(err)) throw err;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
